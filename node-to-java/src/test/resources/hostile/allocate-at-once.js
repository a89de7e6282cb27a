// One array larger than the heap (run with -Xmx256m): the JVM runs out of memory inside the script.
const big = new Array(2e8).fill(1.5);
