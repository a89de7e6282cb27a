/* The C-side baseline: how long one call of double_input takes from C, through a function
 * pointer (the compiler can neither inline it nor skip it), timed over many calls. */
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
    long calls = argc > 1 ? atol(argv[1]) : 200000000L;
    int rounds = argc > 2 ? atoi(argv[2]) : 5;
    int32_t (*volatile call)(int32_t) = double_input; /* volatile: loaded again every call */
    volatile int32_t sink; /* volatile: every result is stored, so no call can be skipped */
    double sum = 0, min = 1e9, max = 0;
    for (int round = 0; round < rounds; round++) {
        double start = seconds();
        for (long i = 0; i < calls; i++) {
            sink = call((int32_t)i);
        }
        double ns = (seconds() - start) * 1e9 / (double)calls;
        sum += ns;
        min = ns < min ? ns : min;
        max = ns > max ? ns : max;
    }
    (void)sink;
    printf("%.3f\t%.3f\n", sum / rounds, (max - min) / 2); /* mean, and half the spread */
    return 0;
}
