/* Creating the JVM, and the two kinds of error handling every JNI program needs. */
#include "jvm.h"

#include <libgen.h>
#include <limits.h>
#include <stdint.h>
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

static int created; /* create_jvm succeeded once in this process */

jint create_jvm(int option_count, char **options, JavaVM **vm, JNIEnv **env) {
    /* One JVM per process, for the process's whole life: ask before creating. A second
     * JNI_CreateJavaVM fails too, but on HotSpot it also hides the running JVM (embed.c shows it). */
    JavaVM *existing;
    jsize count = 0;
    if (JNI_GetCreatedJavaVMs(&existing, 1, &count) == JNI_OK && count > 0) {
        fprintf(stderr, "error: this process already has a JVM, and can have only one: use it (JNI_GetCreatedJavaVMs, then AttachCurrentThread)\n");
        return JNI_EEXIST;
    }
    if (created) {
        fprintf(stderr, "error: this process has destroyed its JVM, and cannot create another: create it once, destroy it at exit\n");
        return JNI_ERR;
    }
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
    created |= result == JNI_OK;
    if (result != JNI_OK) {
        fprintf(stderr, "error: JNI_CreateJavaVM returned %d, %s: check the JVM options (the JVM's own message, if any, is above)\n",
                (int)result, jni_error_name(result));
    }
    return result;
}

/* Writes c as `bytes` (1 to 4) bytes of UTF-8's encoding, and returns `bytes`. */
static size_t put_utf8(char *out, uint32_t c, size_t bytes) {
    static const unsigned char lead[] = {0, 0x00, 0xC0, 0xE0, 0xF0};
    out[0] = (char)(lead[bytes] | c >> (6 * (bytes - 1)));
    for (size_t k = 1; k < bytes; k++) out[k] = (char)(0x80 | (c >> (6 * (bytes - 1 - k)) & 0x3F));
    return bytes;
}

int to_modified_utf8(const char *utf8, char *out, size_t size) {
    const unsigned char *in = (const unsigned char *)utf8;
    size_t n = 0;
    while (*in != '\0') {
        size_t length = *in < 0x80 ? 1 : *in >= 0xC2 && *in < 0xE0 ? 2 : *in >= 0xE0 && *in < 0xF0 ? 3 : *in >= 0xF0 && *in < 0xF5 ? 4 : 0;
        if (length == 0) return -1;
        uint32_t c = length == 1 ? *in : *in & (0x7Fu >> length);
        for (size_t k = 1; k < length; k++) {
            if ((in[k] & 0xC0) != 0x80) return -1; /* this also stops at the terminating NUL */
            c = c << 6 | (in[k] & 0x3Fu);
        }
        if ((length == 3 && (c < 0x800 || (c >= 0xD800 && c < 0xE000))) || (length == 4 && (c < 0x10000 || c > 0x10FFFF))) return -1;
        if (n + (length == 4 ? 6 : length) >= size) return -1;
        if (length < 4) {
            n += put_utf8(out + n, c, length);
        } else { /* outside the BMP: its two UTF-16 surrogate halves, 3 bytes each */
            n += put_utf8(out + n, 0xD800 | (c - 0x10000) >> 10, 3);
            n += put_utf8(out + n, 0xDC00 | (c & 0x3FF), 3);
        }
        in += length;
    }
    out[n] = '\0';
    return 0;
}

int java_string_utf8(JNIEnv *env, jstring string, char *out, size_t size) {
    /* Not GetStringUTFChars (modified UTF-8): the UTF-16 code units, encoded here as UTF-8. */
    jsize length = (*env)->GetStringLength(env, string);
    const jchar *utf16 = (*env)->GetStringChars(env, string, NULL);
    if (utf16 == NULL) return -1;
    size_t n = 0;
    for (jsize i = 0; i < length; i++) {
        uint32_t c = utf16[i];
        if (c >= 0xD800 && c < 0xDC00 && i + 1 < length && utf16[i + 1] >= 0xDC00 && utf16[i + 1] < 0xE000) {
            c = 0x10000 + ((c - 0xD800) << 10) + (utf16[++i] - 0xDC00u); /* a surrogate pair: one character */
        }
        size_t bytes = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        if (n + bytes >= size) break;
        n += put_utf8(out + n, c, bytes);
    }
    out[n] = '\0';
    (*env)->ReleaseStringChars(env, string, utf16);
    return 0;
}

int report_exception(JNIEnv *env, const char *what) {
    if (!(*env)->ExceptionCheck(env)) return 0;
    jthrowable exception = (*env)->ExceptionOccurred(env);
    (*env)->ExceptionClear(env); /* no other JNI call is allowed while an exception is pending */
    /* Throwable.toString() is "<class name>: <message>", e.g. java.lang.ArithmeticException: integer overflow.
     * Each step can itself fail (and throw), so each is checked before the next JNI call. */
    char text[1024];
    int described = 0;
    jclass throwable = (*env)->FindClass(env, "java/lang/Throwable");
    jmethodID to_string = NULL;
    jstring description = NULL;
    if (!(*env)->ExceptionCheck(env)) to_string = (*env)->GetMethodID(env, throwable, "toString", "()Ljava/lang/String;");
    if (!(*env)->ExceptionCheck(env)) description = (jstring)(*env)->CallObjectMethod(env, exception, to_string);
    if (!(*env)->ExceptionCheck(env) && description != NULL) described = java_string_utf8(env, description, text, sizeof text) == 0;
    (*env)->ExceptionClear(env); /* whatever describing it threw */
    if (described) fprintf(stderr, "error: %s: %s\n", what, text);
    else fprintf(stderr, "error: %s: a Java exception (describing it failed too)\n", what);
    if (description != NULL) (*env)->DeleteLocalRef(env, description);
    if (throwable != NULL) (*env)->DeleteLocalRef(env, throwable);
    (*env)->DeleteLocalRef(env, exception);
    return 1;
}
