/* JNI glue: each function unpacks Java values, calls example.h, and packs the result.
 * Each implements a native method of javatoc/JniExample.java: JNI finds it by its name,
 * Java_<class>_<method>, and passes the JNIEnv and the Java object (self) first. The header
 * that javac -h generates from the class (included below) makes the compiler check them. */
#include "example.h"
#include "javatoc_JniExample.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

/* Throws a Java exception of the given class; the Java code sees it when the native call returns. */
static void throw_new(JNIEnv *env, const char *class_name, const char *message) {
    jclass type = (*env)->FindClass(env, class_name);
    if (type != NULL) {
        (*env)->ThrowNew(env, type, message);
    }
}

JNIEXPORT jint JNICALL Java_javatoc_JniExample_doubleInput(JNIEnv *env, jobject self, jint input) {
    (void)env, (void)self;
    return double_input(input);
}

JNIEXPORT jstring JNICALL Java_javatoc_JniExample_greet(JNIEnv *env, jobject self, jstring name) {
    (void)self;
    if (name == NULL) { /* GetStringUTFChars(NULL) would crash the JVM */
        throw_new(env, "java/lang/NullPointerException", "name");
        return NULL;
    }
    /* JNI's "modified UTF-8" equals UTF-8 for every character outside U+0000 and the
     * supplementary planes; good enough for names, and said so in the README. */
    const char *utf8 = (*env)->GetStringUTFChars(env, name, NULL);
    if (utf8 == NULL) {
        return NULL; /* OutOfMemoryError already thrown */
    }
    int length = greet(utf8, NULL, 0); /* first ask how long the greeting is */
    char *buffer = malloc((size_t)length + 1);
    if (buffer != NULL) {
        greet(utf8, buffer, (size_t)length + 1);
    }
    (*env)->ReleaseStringUTFChars(env, name, utf8); /* every Get has its Release */
    if (buffer == NULL) {
        throw_new(env, "java/lang/OutOfMemoryError", "greet");
        return NULL;
    }
    jstring result = (*env)->NewStringUTF(env, buffer); /* copies into the Java heap */
    free(buffer);
    return result;
}

JNIEXPORT jstring JNICALL Java_javatoc_JniExample_shout(JNIEnv *env, jobject self, jstring text) {
    (void)self;
    if (text == NULL) {
        throw_new(env, "java/lang/NullPointerException", "text");
        return NULL;
    }
    const char *utf8 = (*env)->GetStringUTFChars(env, text, NULL);
    if (utf8 == NULL) {
        return NULL;
    }
    char *shouted = shout(utf8);
    (*env)->ReleaseStringUTFChars(env, text, utf8);
    if (shouted == NULL) {
        throw_new(env, "java/lang/OutOfMemoryError", "shout");
        return NULL;
    }
    jstring result = (*env)->NewStringUTF(env, shouted); /* copies, so C can free its buffer */
    example_free(shouted);
    return result;
}

/* Reads a javatoc.Point record into a C point through its accessor methods. */
static int to_point(JNIEnv *env, jobject object, point *out) {
    if (object == NULL) {
        throw_new(env, "java/lang/NullPointerException", "point");
        return 0;
    }
    jclass type = (*env)->GetObjectClass(env, object);
    jmethodID x = (*env)->GetMethodID(env, type, "x", "()I");
    jmethodID y = (*env)->GetMethodID(env, type, "y", "()I");
    if (x == NULL || y == NULL) {
        return 0; /* NoSuchMethodError already thrown */
    }
    out->x = (*env)->CallIntMethod(env, object, x);
    out->y = (*env)->CallIntMethod(env, object, y);
    return 1;
}

static jobject from_point(JNIEnv *env, point p) {
    jclass type = (*env)->FindClass(env, "javatoc/Point");
    jmethodID constructor = type ? (*env)->GetMethodID(env, type, "<init>", "(II)V") : NULL;
    return constructor ? (*env)->NewObject(env, type, constructor, p.x, p.y) : NULL;
}

JNIEXPORT jobject JNICALL Java_javatoc_JniExample_pointAdd(JNIEnv *env, jobject self, jobject a, jobject b) {
    (void)self;
    point pa, pb;
    if (!to_point(env, a, &pa) || !to_point(env, b, &pb)) {
        return NULL;
    }
    return from_point(env, point_add(pa, pb));
}

JNIEXPORT jobject JNICALL Java_javatoc_JniExample_pointScale(JNIEnv *env, jobject self, jobject p, jint factor) {
    (void)self;
    point cp;
    if (!to_point(env, p, &cp)) {
        return NULL;
    }
    point_scale(&cp, factor);
    return from_point(env, cp);
}

JNIEXPORT jlong JNICALL Java_javatoc_JniExample_sumInts(JNIEnv *env, jobject self, jintArray values) {
    (void)self;
    if (values == NULL) {
        throw_new(env, "java/lang/NullPointerException", "values");
        return 0;
    }
    jsize count = (*env)->GetArrayLength(env, values);
    /* "Critical" access: a pointer into the Java array itself (no copy). Between Get and
     * Release the code must not call JNI or block, since the GC may be held off. */
    jint *elements = (*env)->GetPrimitiveArrayCritical(env, values, NULL);
    if (elements == NULL) {
        return 0;
    }
    jlong sum = sum_ints(elements, (size_t)count);
    (*env)->ReleasePrimitiveArrayCritical(env, values, elements, JNI_ABORT); /* read-only */
    return sum;
}

JNIEXPORT jint JNICALL Java_javatoc_JniExample_errnoOfFailedAccess(JNIEnv *env, jobject self, jstring path) {
    (void)self;
    if (path == NULL) {
        throw_new(env, "java/lang/NullPointerException", "path");
        return 0;
    }
    const char *utf8 = (*env)->GetStringUTFChars(env, path, NULL);
    if (utf8 == NULL) {
        return 0;
    }
    int result = access(utf8, R_OK);
    int error = errno; /* read errno at once, in C: nothing else can run in between */
    (*env)->ReleaseStringUTFChars(env, path, utf8);
    if (result == 0) {
        throw_new(env, "java/lang/IllegalStateException", "access was expected to fail");
        return 0;
    }
    return error;
}
