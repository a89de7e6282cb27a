/* A C timing loop: what one call through a function pointer costs, whatever is behind the pointer
 * (C code, an FFM upcall stub, a JNA callback, ...). */
#include "callbacks.h"

#include <time.h>

static double seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

double ns_per_call(int_function function, int64_t calls) {
    int_function volatile call = function; /* volatile: loaded again each time, so never inlined */
    volatile int32_t sink;                 /* volatile: every result is stored, so no call is skipped */
    double start = seconds();
    for (int64_t i = 0; i < calls; i++) {
        sink = call((int32_t)i);
    }
    (void)sink;
    return (seconds() - start) * 1e9 / (double)calls;
}
