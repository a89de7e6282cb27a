// Recursion without end: a RangeError, not a crash.
function down(n) { return down(n + 1) + 1; }
down(0);
