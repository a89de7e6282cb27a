/* Creating the JVM, and the two kinds of error handling every JNI program needs. */
#include "jvm.h"

#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *jni_error_name(jint code) {
    switch (code) {
    case JNI_OK:        return "JNI_OK (success)";
    case JNI_ERR:       return "JNI_ERR (unknown error)";
    case JNI_EDETACHED: return "JNI_EDETACHED (thread detached from the VM)";
    case JNI_EVERSION:  return "JNI_EVERSION (JNI version not supported)";
    case JNI_ENOMEM:    return "JNI_ENOMEM (not enough memory)";
    case JNI_EEXIST:    return "JNI_EEXIST (a JVM already exists in this process)";
    case JNI_EINVAL:    return "JNI_EINVAL (invalid arguments, e.g. an unknown -XX option)";
    default:            return "not a JNI error code";
    }
}

/* "<folder of this executable>/../classes": the build puts the program in target/bin/ and the
 * classes in target/classes/. /proc/self/exe is the executable itself, wherever we were started. */
static int classes_next_to_executable(char *option, size_t size) {
    char exe[PATH_MAX];
    ssize_t length = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (length < 0) {
        perror("error: readlink /proc/self/exe");
        return -1;
    }
    exe[length] = '\0';
    int written = snprintf(option, size, "-Djava.class.path=%s/../classes", dirname(exe));
    return written > 0 && (size_t)written < size ? 0 : -1;
}

static char class_path[PATH_MAX + 32];

const char *jvm_class_path(void) {
    return class_path + strlen("-Djava.class.path=");
}

jint create_jvm(int option_count, char **options, JavaVM **vm, JNIEnv **env) {
    JavaVMOption vm_options[option_count + 1];
    int n = 0, class_path_given = 0;
    for (int i = 0; i < option_count; i++) {
        vm_options[n++] = (JavaVMOption){.optionString = options[i]};
        if (strncmp(options[i], "-Djava.class.path=", 18) == 0) {
            snprintf(class_path, sizeof class_path, "%s", options[i]);
            class_path_given = 1;
        }
    }
    if (!class_path_given) {
        if (classes_next_to_executable(class_path, sizeof class_path) != 0) return JNI_ERR;
        vm_options[n++] = (JavaVMOption){.optionString = class_path};
    }
    JavaVMInitArgs args = {
        .version = JNI_VERSION_21,
        .nOptions = n,
        .options = vm_options,
        .ignoreUnrecognized = JNI_FALSE, /* a mistyped option is an error, not silently ignored */
    };
    jint result = JNI_CreateJavaVM(vm, (void **)env, &args);
    if (result != JNI_OK) {
        fprintf(stderr, "error: JNI_CreateJavaVM returned %d, %s: check the JVM options (the JVM's own message, if any, is above)\n",
                (int)result, jni_error_name(result));
    }
    return result;
}

int report_exception(JNIEnv *env, const char *what) {
    if (!(*env)->ExceptionCheck(env)) return 0;
    jthrowable exception = (*env)->ExceptionOccurred(env);
    (*env)->ExceptionClear(env); /* no other JNI call is allowed while an exception is pending */
    /* Throwable.toString() is "<class name>: <message>", e.g. java.lang.ArithmeticException: integer overflow.
     * Each step can itself fail (and throw), so each is checked before the next. */
    const char *text = NULL;
    jstring description = NULL;
    jclass throwable = (*env)->FindClass(env, "java/lang/Throwable");
    jmethodID to_string = throwable ? (*env)->GetMethodID(env, throwable, "toString", "()Ljava/lang/String;") : NULL;
    if (to_string != NULL) description = (jstring)(*env)->CallObjectMethod(env, exception, to_string);
    if (description != NULL && !(*env)->ExceptionCheck(env)) text = (*env)->GetStringUTFChars(env, description, NULL);
    if (text != NULL) {
        fprintf(stderr, "error: %s: %s\n", what, text);
        (*env)->ReleaseStringUTFChars(env, description, text);
    } else {
        (*env)->ExceptionClear(env);
        fprintf(stderr, "error: %s: a Java exception (describing it failed too)\n", what);
    }
    if (description != NULL) (*env)->DeleteLocalRef(env, description);
    if (throwable != NULL) (*env)->DeleteLocalRef(env, throwable);
    (*env)->DeleteLocalRef(env, exception);
    return 1;
}
