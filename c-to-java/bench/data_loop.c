/* make bench: moving a buffer between C and Java, timed in a C main that embeds the JVM with the
 * lesson's create_jvm (src/main/c/jvm.c) and moves the bytes with the lesson's functions
 * (src/main/c/moving_data.c):
 *
 *     data_loop PATH     one `SIZE NANOSECONDS` line a sample, for each size in $BENCH_SIZES
 *     data_loop check    every path once at a few sizes: `PATH SIZE CHECKSUM` of what arrived
 *
 * A sample is the mean time of one transfer over a loop of about 10 ms (2 ms if $BENCH_QUICK is set),
 * 7 samples a size (3), after a warm-up. Buffers are made once per size, outside the timed loop. */
#include "jvm.h"
#include "moving_data.h"

#include <glob.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const struct path {
    const char *name;
    int to_java; /* 1: C -> Java (C's buffer is the source): send; 0: Java -> C (C's buffer receives): receive */
    int (*send)(java_data *java, const void *data, jint length);
    int (*receive)(java_data *java, void *into, jint length);
} paths[] = {
    {"c-to-java-new-array", 1, c_to_java_new_array, NULL},
    {"c-to-java-set-region", 1, c_to_java_set_region, NULL},
    {"c-to-java-critical", 1, c_to_java_critical, NULL},
    {"c-to-java-direct", 1, c_to_java_direct, NULL},
    {"c-to-java-ffm", 1, c_to_java_ffm, NULL},
    {"c-to-java-jna", 1, c_to_java_jna, NULL},
    {"java-to-c-get-region", 0, NULL, java_to_c_get_region},
    {"java-to-c-critical", 0, NULL, java_to_c_critical},
    {"java-to-c-direct", 0, NULL, java_to_c_direct},
    {"java-to-c-ffm", 0, NULL, java_to_c_ffm},
    {"java-to-c-jna", 0, NULL, java_to_c_jna},
};
#define PATHS (sizeof paths / sizeof paths[0])

static double now_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec * 1e9 + (double)now.tv_nsec;
}

/* One transfer: C's buffer to Java, or Java's bytes into C's buffer. 0, or -1 (printed). */
static int move(const struct path *path, java_data *java, void *buffer, jint size) {
    return path->to_java ? path->send(java, buffer, size) : path->receive(java, buffer, size);
}

/* Runs `count` transfers; returns the time they took in ns. Exits on a failed transfer (printed). */
static double run(const struct path *path, java_data *java, void *buffer, jint size, long count) {
    double start = now_ns();
    for (long i = 0; i < count; i++) {
        if (move(path, java, buffer, size) != 0) exit(1);
    }
    return now_ns() - start;
}

/* C's buffer for one size: the pattern to send, or zeros to receive into (touched: no page faults timed). */
static unsigned char *c_buffer(const struct path *path, size_t size) {
    unsigned char *buffer = malloc(size > 0 ? size : 1);
    if (buffer == NULL) {
        fprintf(stderr, "error: out of memory for %zu bytes\n", size);
        exit(1);
    }
    if (path->to_java) fill_pattern(buffer, size);
    else memset(buffer, 0, size);
    return buffer;
}

static int measure(const struct path *path, java_data *java, const long *sizes, int size_count) {
    int quick = getenv("BENCH_QUICK") != NULL && *getenv("BENCH_QUICK") != '\0';
    double target = quick ? 2e6 : 10e6;
    int samples = quick ? 3 : 7;
    for (int k = 0; k < size_count; k++) {
        long size = sizes[k];
        unsigned char *buffer = c_buffer(path, (size_t)size);
        if (java_data_prepare(java, (jint)size) != 0) return 1;
        /* Warm-up (the JIT compiles the Java side; the first calls are slow), growing the loop as it
         * goes: 5 loops' time, 300 ms before the first size; then a loop of `count` transfers takes about `target`. */
        long count = 1;
        double spent = 0, last = 0, warm_up = k == 0 ? 300e6 : 5 * target;
        while (spent < warm_up) {
            last = run(path, java, buffer, (jint)size, count);
            spent += last;
            if (last < target / 2) count *= 2;
        }
        count = (long)((double)count * target / (last > 0 ? last : 1)) + 1;
        for (int i = 0; i < samples; i++) printf("%ld %.3f\n", size, run(path, java, buffer, (jint)size, count) / (double)count);
        fflush(stdout);
        free(buffer);
    }
    return 0;
}

/* Every path at a few sizes (empty, one byte, odd, above 1 MiB), each into a receiver of zeros. */
static int check(java_data *java) {
    static const jint sizes[] = {0, 1, 1023, 65536, 3 * 1024 * 1024 + 1};
    for (size_t p = 0; p < PATHS; p++) {
        for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
            unsigned char *buffer = c_buffer(&paths[p], (size_t)sizes[s]);
            if (java_data_prepare(java, sizes[s]) != 0) return 1;
            if (move(&paths[p], java, buffer, sizes[s]) != 0) return 1;
            uint64_t arrived = paths[p].to_java ? (uint64_t)java_inbox_checksum(java, sizes[s]) : checksum(buffer, (size_t)sizes[s]);
            printf("%s %d %016llx\n", paths[p].name, (int)sizes[s], (unsigned long long)arrived);
            free(buffer);
        }
    }
    return 0;
}

/* -Djava.class.path=<this program's folder>/../classes and every jar in ../lib (JNA): the
 * invocation API does not expand a `lib/` wildcard, so each jar is named. */
static int class_path(char *option, size_t size) {
    char exe[PATH_MAX];
    ssize_t length = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (length < 0) return perror("error: readlink /proc/self/exe"), -1;
    exe[length] = '\0';
    const char *folder = dirname(exe);
    char pattern[PATH_MAX + 16];
    snprintf(pattern, sizeof pattern, "%s/../lib/*.jar", folder);
    size_t n = (size_t)snprintf(option, size, "-Djava.class.path=%s/../classes", folder);
    glob_t jars;
    if (glob(pattern, 0, NULL, &jars) == 0) {
        for (size_t i = 0; i < jars.gl_pathc && n < size; i++) n += (size_t)snprintf(option + n, size - n, ":%s", jars.gl_pathv[i]);
        globfree(&jars);
    }
    return n < size ? 0 : -1;
}

/* $BENCH_SIZES: byte counts, 1 to 64, each from 0 to 1 GiB. Returns how many, or -1 (printed). */
static int parse_sizes(const char *text, long *sizes, int most) {
    char copy[1024];
    if (strlen(text) >= sizeof copy) return fprintf(stderr, "error: BENCH_SIZES is too long\n"), -1;
    snprintf(copy, sizeof copy, "%s", text);
    int n = 0;
    for (char *word = strtok(copy, " "); word != NULL; word = strtok(NULL, " ")) {
        char *end;
        sizes[n] = strtol(word, &end, 10);
        if (*end != '\0' || sizes[n] < 0 || sizes[n] > (1L << 30) || n == most - 1) {
            fprintf(stderr, "error: BENCH_SIZES: `%s` is not a size in bytes from 0 to %ld (at most %d of them)\n", word, 1L << 30, most);
            return -1;
        }
        n++;
    }
    if (n == 0) fprintf(stderr, "error: BENCH_SIZES is empty: give sizes in bytes, e.g. '16 1024 65536'\n");
    return n > 0 ? n : -1;
}

int main(int argc, char **argv) {
    const struct path *path = NULL;
    for (size_t p = 0; argc == 2 && p < PATHS; p++) {
        if (strcmp(argv[1], paths[p].name) == 0) path = &paths[p];
    }
    const char *sizes_text = getenv("BENCH_SIZES");
    if (argc != 2 || (path == NULL && strcmp(argv[1], "check") != 0) || (path != NULL && sizes_text == NULL)) {
        fprintf(stderr, "error: usage: BENCH_SIZES='16 1024 ...' data_loop PATH, or data_loop check; PATH is one of");
        for (size_t p = 0; p < PATHS; p++) fprintf(stderr, " %s", paths[p].name);
        fprintf(stderr, "\n");
        return 2;
    }
    long sizes[64];
    int size_count = path != NULL ? parse_sizes(sizes_text, sizes, 64) : 0;
    if (size_count < 0) return 2;
    char class_path_option[8192];
    if (class_path(class_path_option, sizeof class_path_option) != 0) return 1;
    /* --enable-native-access: FFM upcall stubs and JNA. A path that allocates per transfer (a new
     * array, a direct buffer object) walks through the heap; a young JVM pays the kernel's first touch
     * of each page on the way, a long-running one does not: the heap is touched once, at start-up. */
    char *options[] = {class_path_option, "--enable-native-access=ALL-UNNAMED", "-Xms128m", "-Xmx128m", "-XX:+AlwaysPreTouch"};
    JavaVM *vm;
    JNIEnv *env;
    if (create_jvm(path != NULL ? 5 : 2, options, &vm, &env) != JNI_OK) return 1;
    java_data java;
    int status = java_data_init(env, &java) != 0 ? 1 : path != NULL ? measure(path, &java, sizes, size_count) : check(&java);
    java_data_free(&java);
    (*vm)->DestroyJavaVM(vm);
    return status;
}
