/* What the C programs of this example share: creating the JVM with our classes on its class path,
 * turning JNI's error codes into words, and reporting a pending Java exception. */
#ifndef CTOJAVA_JVM_H
#define CTOJAVA_JVM_H

#include <jni.h>

/* Creates the one JVM this process may have. `options` are extra JVM options (e.g. "-Xcheck:jni").
 * Unless one of them sets -Djava.class.path, the class path is computed from where this program's
 * executable is (target/bin/ -> target/classes), never from the working directory.
 * On failure prints why to stderr and returns the JNI error code (negative); JNI_OK on success. */
jint create_jvm(int option_count, char **options, JavaVM **vm, JNIEnv **env);

/* The class path the JVM was created with (given, or computed next to the executable). */
const char *jvm_class_path(void);

/* "JNI_EINVAL (invalid arguments)" and so on, for every code <jni.h> defines. */
const char *jni_error_name(jint code);

/* If a Java exception is pending: prints "error: <what>: <class>: <message>" to stderr, clears it,
 * and returns 1. Returns 0 if there is none. Every JNI call that can throw must be followed by this. */
int report_exception(JNIEnv *env, const char *what);

#endif
