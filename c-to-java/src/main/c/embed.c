/* A C program that starts a JVM inside itself and calls a static Java method:
 *
 *     embed [-J<jvm option>]... [--class=NAME] [--method=NAME] [value]
 *
 * calls ctojava.Doubler.doubleInput(value) (value 4 by default) and prints "4 * 2 = 8".
 * --class and --method name another class or method, to see what a missing one looks like.
 * Exit status: 0, or 1 with one "error: ..." line on stderr saying what went wrong (2: a bad argument). */
#include "jvm.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const USAGE = "usage: embed [-J<jvm option>]... [--class=NAME] [--method=NAME] [value]";

static jsize created_jvms(void) {
    JavaVM *vm;
    jsize count = 0;
    return JNI_GetCreatedJavaVMs(&vm, 1, &count) == JNI_OK ? count : -1;
}

int main(int argc, char **argv) {
    char *jvm_options[argc];
    int jvm_option_count = 0;
    const char *class_name = "ctojava/Doubler"; /* FindClass wants slashes, not dots */
    const char *method_name = "doubleInput";
    int value = 4;
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "-J", 2) == 0) jvm_options[jvm_option_count++] = argv[i] + 2;
        else if (strncmp(argv[i], "--class=", 8) == 0) class_name = argv[i] + 8;
        else if (strncmp(argv[i], "--method=", 9) == 0) method_name = argv[i] + 9;
        else {
            char *end;
            errno = 0;
            long number = strtol(argv[i], &end, 10);
            if (*argv[i] == '\0' || *end != '\0' || errno != 0 || number < INT_MIN || number > INT_MAX) {
                fprintf(stderr, "error: `%s` is not an int from %d to %d; %s\n", argv[i], INT_MIN, INT_MAX, USAGE);
                return 2;
            }
            value = (int)number;
        }
    }
    /* JNI takes names in modified UTF-8 (jvm.h): a name from argv is plain UTF-8, so convert it. */
    char class_jni[512], method_jni[512];
    if (to_modified_utf8(class_name, class_jni, sizeof class_jni) != 0 || to_modified_utf8(method_name, method_jni, sizeof method_jni) != 0) {
        fprintf(stderr, "error: a class or method name that is not UTF-8 (or longer than 500 bytes); %s\n", USAGE);
        return 2;
    }

    printf("C main embeds the JVM (JNI invocation API)\n");
    fflush(stdout); /* the JVM writes to the same file descriptors, unbuffered */
    JavaVM *vm;
    JNIEnv *env;
    JavaVMInitArgs defaults = {.version = JNI_VERSION_21}; /* for the JVMs that cannot be created */
    if (create_jvm(jvm_option_count, jvm_options, &vm, &env) != JNI_OK) return 1;

    int status = 1;
    /* Look the class and the method up once; a real program keeps the jmethodID for every call. */
    jclass doubler = (*env)->FindClass(env, class_jni);
    if (doubler == NULL) {
        char what[512];
        snprintf(what, sizeof what, "class %s not found on the class path %s (build the classes with `make`,"
                 " or give their folder with -J-Djava.class.path=DIR)", class_name, jvm_class_path());
        report_exception(env, what);
        goto destroy;
    }
    jmethodID double_input = (*env)->GetStaticMethodID(env, doubler, method_jni, "(I)I");
    if (double_input == NULL) {
        char what[512];
        snprintf(what, sizeof what, "no method `static int %s(int)` in class %s", method_name, class_name);
        report_exception(env, what);
        goto destroy;
    }

    jint doubled = (*env)->CallStaticIntMethod(env, doubler, double_input, (jint)value);
    /* A Java exception does not unwind C: the call returns 0 and the exception stays pending. */
    char what[512];
    snprintf(what, sizeof what, "%s.%s(%d) threw", class_name, method_name, value);
    if (report_exception(env, what)) goto destroy;
    printf("  %d * 2 = %d\n", value, (int)doubled);

    /* One JVM per process. Code that needs Java in a process that may have a JVM asks for it
     * first; a second JNI_CreateJavaVM fails, and on HotSpot it also leaves JNI_GetCreatedJavaVMs
     * reporting none (it marks a JVM "being created" before it checks, and does not undo that). */
    jsize before = created_jvms();
    printf("  JNI_GetCreatedJavaVMs: %d JVM%s\n", (int)before, before == 1 ? "" : "s");
    JavaVM *other;
    JNIEnv *other_env;
    printf("  a second JNI_CreateJavaVM: %s\n", jni_error_name(JNI_CreateJavaVM(&other, (void **)&other_env, &defaults)));
    jsize after = created_jvms();
    printf("  JNI_GetCreatedJavaVMs after that: %d JVM%s\n", (int)after, after == 1 ? "" : "s");
    status = 0;

destroy:
    if (doubler != NULL) (*env)->DeleteLocalRef(env, doubler);
    jint destroyed = (*vm)->DestroyJavaVM(vm);
    if (status != 0) return status;
    printf("  DestroyJavaVM: %s\n", jni_error_name(destroyed));

    /* Nor after DestroyJavaVM: a process starts the JVM once, and keeps it until it exits. */
    printf("  JNI_CreateJavaVM after DestroyJavaVM: %s\n", jni_error_name(JNI_CreateJavaVM(&vm, (void **)&env, &defaults)));
    return destroyed == JNI_OK ? 0 : 1;
}
