/* The C-side baseline of `make bench` (bench/rows): one call of double_input from C, through a
 * function pointer, so that the compiler can neither inline the call nor skip it. Prints one
 * sample per line: the mean time of one call, in ns, over a round of CALLS calls, for ROUNDS
 * rounds after one round of warm-up. Usage: c_call_cost [CALLS [ROUNDS]] */
#include "example.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    long calls = argc > 1 ? atol(argv[1]) : 100000000L;
    int rounds = argc > 2 ? atoi(argv[2]) : 10;
    if (argc > 3 || calls <= 0 || rounds <= 0) {
        fprintf(stderr, "usage: c_call_cost [CALLS [ROUNDS]] (both greater than 0)\n");
        return 2;
    }
    int32_t (*volatile call)(int32_t) = double_input; /* volatile: loaded again every call */
    volatile int32_t sink; /* volatile: every result is stored, so no call can be skipped */
    for (int round = -1; round < rounds; round++) { /* round -1 warms up and is not printed */
        double start = seconds();
        for (long i = 0; i < calls; i++) {
            sink = call((int32_t)i);
        }
        if (round >= 0) {
            printf("%.3f\n", (seconds() - start) * 1e9 / (double)calls);
        }
    }
    (void)sink;
    return 0;
}
