// A loop that never ends: stopped by the time limit.
for (;;) {}
