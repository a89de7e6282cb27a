/* make bench: what one call from C into Java through JNI costs, next to a C call, both timed in a
 * C main that embeds the JVM with the lesson's create_jvm (src/main/c/jvm.c):
 *
 *     jni_loop c|jni [SAMPLES [CALLS]]
 *
 * calls c_double_input, or ctojava.Doubler.doubleInput through JNI, CALLS times in call_n's loop:
 * once to warm up (the JIT compiles doubleInput), then SAMPLES times (default 10), printing the
 * nanoseconds one call took, one sample a line. CALLS: 200000000 for c, 10000000 for jni by default,
 * so that each sample takes about half a second. */
#include "call_loop.h"
#include "jvm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static JNIEnv *env;
static jclass doubler;
static jmethodID double_input;

/* The call embed.c makes, checked for an exception as every JNI call that can throw must be. */
static int32_t jni_double_input(int32_t value) {
    jint doubled = (*env)->CallStaticIntMethod(env, doubler, double_input, (jint)value);
    if (report_exception(env, "ctojava.Doubler.doubleInput threw")) exit(1);
    return doubled;
}

static double seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

/* A whole number in [1, INT32_MAX], or 0. */
static long count(const char *text) {
    char *end;
    long value = strtol(text, &end, 10);
    return *text != '\0' && *end == '\0' && value >= 1 && value <= INT32_MAX ? value : 0;
}

int main(int argc, char **argv) {
    int jni = argc > 1 && strcmp(argv[1], "jni") == 0;
    long samples = argc > 2 ? count(argv[2]) : 10;
    long calls = argc > 3 ? count(argv[3]) : jni ? 10000000 : 200000000;
    if (argc < 2 || argc > 4 || (!jni && strcmp(argv[1], "c") != 0) || samples == 0 || calls == 0) {
        fprintf(stderr, "error: usage: jni_loop c|jni [SAMPLES [CALLS]], SAMPLES and CALLS from 1 to %d\n", INT32_MAX);
        return 2;
    }
    JavaVM *vm;
    if (create_jvm(0, NULL, &vm, &env) != JNI_OK) return 1;
    doubler = (*env)->FindClass(env, "ctojava/Doubler");
    if (report_exception(env, "class ctojava/Doubler not found")) return 1;
    double_input = (*env)->GetStaticMethodID(env, doubler, "doubleInput", "(I)I");
    if (report_exception(env, "no method `static int doubleInput(int)` in ctojava/Doubler")) return 1;

    int_function function = jni ? jni_double_input : c_double_input;
    for (long sample = 0; sample <= samples; sample++) { /* sample 0 warms up */
        double start = seconds();
        call_n(function, (int32_t)calls);
        double ns = (seconds() - start) * 1e9 / (double)calls;
        if (sample > 0) printf("%.3f\n", ns);
    }
    (*env)->DeleteLocalRef(env, doubler);
    (*vm)->DestroyJavaVM(vm);
    return 0;
}
