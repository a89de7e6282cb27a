/* What the C programs of this example share: creating the JVM with our classes on its class path,
 * turning JNI's error codes into words, and reporting a pending Java exception. */
#ifndef CTOJAVA_JVM_H
#define CTOJAVA_JVM_H

#include <jni.h>
#include <stddef.h>

/* Creates the one JVM this process may have. `options` are extra JVM options (e.g. "-Xcheck:jni").
 * Unless one of them sets -Djava.class.path, the class path is computed from where this program's
 * executable is (target/bin/ -> target/classes), never from the working directory.
 * On failure prints why to stderr and returns the JNI error code (negative); JNI_OK on success.
 * A process has one JVM in its life: with one running, JNI_EEXIST; after DestroyJavaVM, JNI_ERR. */
jint create_jvm(int option_count, char **options, JavaVM **vm, JNIEnv **env);

/* The class path the JVM was created with (given, or computed next to the executable). */
const char *jvm_class_path(void);

/* "JNI_EINVAL (invalid arguments)" and so on, for every code <jni.h> defines. */
const char *jni_error_name(jint code);

/* JNI's strings are *modified* UTF-8: UTF-8 for every character in the BMP, but a character
 * outside it (U+10000 and up: emoji, 𝐀) is two 3-byte surrogate halves instead of one 4-byte
 * sequence. Plain UTF-8 handed to JNI is garbled (NewStringUTF) or stops the JVM under -Xcheck:jni
 * (FindClass: "not a valid UTF8 string"); modified UTF-8 printed as UTF-8 shows garbage. */

/* UTF-8 (argv, a file) to modified UTF-8, for JNI's names and NewStringUTF. Returns 0, or -1 if
 * `utf8` is not UTF-8 or the result does not fit in `size` bytes. */
int to_modified_utf8(const char *utf8, char *out, size_t size);

/* A Java string as UTF-8 in `out` (cut to `size` - 1 bytes). Returns 0, or -1 with an
 * OutOfMemoryError pending. */
int java_string_utf8(JNIEnv *env, jstring string, char *out, size_t size);

/* If a Java exception is pending: prints "error: <what>: <class>: <message>" to stderr, clears it,
 * and returns 1. Returns 0 if there is none. Every JNI call that can throw must be followed by this. */
int report_exception(JNIEnv *env, const char *what);

#endif
