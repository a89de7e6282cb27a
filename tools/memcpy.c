/* The baseline of every "Moving data" table: C's memcpy from one buffer into another, at the
 * sizes in $BENCH_SIZES. Built and run by bench.py for a `data memcpy` row (CONTRIBUTING.md);
 * prints one sample a line, "SIZE NANOSECONDS": the mean time of one copy over a batch of about
 * 10 ms (2 ms with $BENCH_QUICK), 7 samples a size (3 quick) after a warm-up batch. */
#define _ISOC11_SOURCE
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

/* Copies `count` times; the empty asm tells the compiler the copy is used, so it stays. */
static double copy_batch(char *to, const char *from, size_t size, long count) {
    double start = now_ns();
    for (long i = 0; i < count; i++) {
        memcpy(to, from, size);
        __asm__ volatile("" : : "r"(to) : "memory");
    }
    return (now_ns() - start) / count;
}

int main(void) {
    const char *sizes = getenv("BENCH_SIZES");
    int quick = getenv("BENCH_QUICK") && *getenv("BENCH_QUICK");
    double batch_ns = quick ? 2e6 : 1e7;
    int samples = quick ? 3 : 7;
    if (!sizes || !*sizes) {
        fprintf(stderr, "memcpy: set BENCH_SIZES to the payload sizes in bytes, e.g. \"16 1024\"\n");
        return 2;
    }
    for (char *end;; sizes = end) {
        while (*sizes == ' ') sizes++;
        if (!*sizes) break;
        long size = strtol(sizes, &end, 10);
        if (end == sizes || size < 0) {
            fprintf(stderr, "memcpy: BENCH_SIZES must be byte counts, not \"%s\"\n", sizes);
            return 2;
        }
        /* Both buffers page-aligned: two back-to-back mallocs lie 16 bytes apart modulo 4 KiB, and
         * that placement alone slowed the 64 KiB copy by a third here (loads aliasing stores). */
        size_t bytes = (size + 4095) / 4096 * 4096 + 4096;
        char *from = aligned_alloc(4096, bytes), *to = aligned_alloc(4096, bytes);
        if (!from || !to) {
            fprintf(stderr, "memcpy: cannot allocate two buffers of %ld bytes\n", size);
            return 1;
        }
        for (long i = 0; i < size; i++) from[i] = (char)(i * 31 + 7);
        memset(to, 0, size);
        long count = 1;  /* grows until one batch takes about batch_ns: that is also the warm-up */
        while (copy_batch(to, from, size, count) * count < batch_ns) count *= 2;
        for (int i = 0; i < samples; i++) printf("%ld %.3f\n", size, copy_batch(to, from, size, count));
        if (memcmp(to, from, size) != 0) {
            fprintf(stderr, "memcpy: the copy of %ld bytes differs from its source\n", size);
            return 1;
        }
        free(from);
        free(to);
    }
    return 0;
}
