/* What C calling Java costs, measured from C:
 *
 *     jni_bench [-J<jvm option>]... CALLS ROUNDS
 *
 * prints, TAB-separated:
 *   startup  <ms from main() to the first Java call returning, JVM creation included>
 *   jni      <ns per call, mean of ROUNDS>  <half the spread>   C -> Java, cached jmethodID
 *   c        <ns per call, mean of ROUNDS>  <half the spread>   C -> C through a function pointer
 * With CALLS = 0 only the start-up line. */
#include "callbacks.h"
#include "jvm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

struct spread { double sum, min, max; };

static void add(struct spread *s, double value) {
    s->sum += value;
    if (value < s->min) s->min = value;
    if (value > s->max) s->max = value;
}

int main(int argc, char **argv) {
    double start = seconds();
    char *jvm_options[argc];
    int jvm_option_count = 0;
    long numbers[2] = {0, 1};
    int number_count = 0;
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "-J", 2) == 0) jvm_options[jvm_option_count++] = argv[i] + 2;
        else if (number_count < 2) numbers[number_count++] = atol(argv[i]);
    }
    long calls = numbers[0];
    int rounds = (int)numbers[1];

    JavaVM *vm;
    JNIEnv *env;
    if (create_jvm(jvm_option_count, jvm_options, &vm, &env) != JNI_OK) return 1;
    jclass doubler = (*env)->FindClass(env, "ctojava/Doubler");
    if (report_exception(env, "class ctojava/Doubler not found")) return 1;
    jmethodID double_input = (*env)->GetStaticMethodID(env, doubler, "doubleInput", "(I)I");
    if (report_exception(env, "no method doubleInput in ctojava.Doubler")) return 1;
    jint eight = (*env)->CallStaticIntMethod(env, doubler, double_input, 4);
    if (report_exception(env, "ctojava.Doubler.doubleInput threw") || eight != 8) return 1;
    printf("startup\t%.3f\n", (seconds() - start) * 1e3);

    struct spread jni = {0, 1e9, 0}, c = {0, 1e9, 0};
    for (int round = 0; round <= rounds && calls > 0; round++) { /* round 0 warms up (JIT) */
        double begin = seconds();
        for (long i = 0; i < calls; i++) {
            (*env)->CallStaticIntMethod(env, doubler, double_input, (jint)(i & 0xffff));
            if ((*env)->ExceptionCheck(env)) { /* correct code checks after every call */
                report_exception(env, "ctojava.Doubler.doubleInput threw");
                return 1;
            }
        }
        double jni_ns = (seconds() - begin) * 1e9 / (double)calls;
        double c_ns = ns_per_call(c_double_input, calls * 10);
        if (round > 0) {
            add(&jni, jni_ns);
            add(&c, c_ns);
        }
    }
    if (calls > 0) {
        printf("jni\t%.3f\t%.3f\n", jni.sum / rounds, (jni.max - jni.min) / 2);
        printf("c\t%.3f\t%.3f\n", c.sum / rounds, (c.max - c.min) / 2);
    }
    (*env)->DeleteLocalRef(env, doubler);
    (*vm)->DestroyJavaVM(vm);
    return 0;
}
