/* A deliberate bug, for the lesson "When the C is wrong" (WASM.md) and its test only: the tar
 * reader never calls it. It writes one byte 2 GiB past a 16-byte block, as a wrong length or
 * offset in a parser would. Through FFM that address is the JVM's own process: SIGSEGV, the JVM
 * dies (or, worse, something else is silently overwritten). Compiled to WebAssembly, the write
 * lands past the end of the module's linear memory: the runtime throws a Java exception. */
#include <stdlib.h>

int deliberate_out_of_bounds_write(void) {
    volatile char *block = malloc(16);
    if (block == NULL) {
        return -1;
    }
    block[(size_t)1 << 31] = 1; /* the bug: 2 GiB past a 16-byte block */
    free((void *)block);
    return 0;
}
