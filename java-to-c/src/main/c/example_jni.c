/* JNI glue: each function unpacks Java values, calls example.h, and packs the result.
 * Each implements a native method of javatoc/JniExample.java: JNI finds it by its name,
 * Java_<class>_<method>, and passes the JNIEnv and the Java object (self) first. The header
 * that javac -h generates from the class (included below) makes the compiler check them. */
#include "example.h"
#include "javatoc_JniExample.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
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

/* A Java byte[] (UTF-8, encoded by Java) as a NUL-terminated C string, malloc'ed: free it. */
static char *to_c_string(JNIEnv *env, jbyteArray bytes) {
    jsize length = (*env)->GetArrayLength(env, bytes);
    char *text = malloc((size_t)length + 1);
    if (text == NULL) {
        throw_new(env, "java/lang/OutOfMemoryError", "a C string");
        return NULL;
    }
    (*env)->GetByteArrayRegion(env, bytes, 0, length, (jbyte *)text);
    text[length] = '\0';
    return text;
}

/* A C string as a new Java byte[]; NULL with an exception pending if that failed. */
static jbyteArray to_java_bytes(JNIEnv *env, const char *text) {
    jsize length = (jsize)strlen(text);
    jbyteArray bytes = (*env)->NewByteArray(env, length);
    if (bytes != NULL) { /* else OutOfMemoryError is pending */
        (*env)->SetByteArrayRegion(env, bytes, 0, length, (const jbyte *)text);
    }
    return bytes;
}

/* Strings cross as UTF-8 bytes that Java encoded and decodes (JniExample.java): JNI's own
 * GetStringUTFChars/NewStringUTF speak "modified UTF-8", which differs for U+0000 and for every
 * character beyond the Basic Multilingual Plane, such as an emoji. */
JNIEXPORT jbyteArray JNICALL Java_javatoc_JniExample_greetUtf8(JNIEnv *env, jobject self, jbyteArray name) {
    (void)self;
    char *utf8 = to_c_string(env, name);
    if (utf8 == NULL) {
        return NULL;
    }
    int length = greet(utf8, NULL, 0); /* first ask how long the greeting is */
    char *buffer = malloc((size_t)length + 1);
    if (buffer != NULL) {
        greet(utf8, buffer, (size_t)length + 1);
    }
    free(utf8);
    if (buffer == NULL) {
        throw_new(env, "java/lang/OutOfMemoryError", "greet");
        return NULL;
    }
    jbyteArray result = to_java_bytes(env, buffer); /* copies into the Java heap */
    free(buffer);
    return result;
}

JNIEXPORT jbyteArray JNICALL Java_javatoc_JniExample_shoutUtf8(JNIEnv *env, jobject self, jbyteArray text) {
    (void)self;
    char *utf8 = to_c_string(env, text);
    if (utf8 == NULL) {
        return NULL;
    }
    char *shouted = shout(utf8);
    free(utf8);
    if (shouted == NULL) {
        throw_new(env, "java/lang/OutOfMemoryError", "shout");
        return NULL;
    }
    jbyteArray result = to_java_bytes(env, shouted); /* copies, so C can free its buffer */
    example_free(shouted);
    return result;
}

/* Looked up once, when System.loadLibrary loads this library, not on every call: a lookup costs
 * more than the call (make bench). A class is kept by a global reference, so the GC cannot
 * unload it while we hold its IDs. */
static jclass point_class;
static jmethodID point_new, point_x, point_y;

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved) {
    (void)reserved;
    JNIEnv *env;
    if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_10) != JNI_OK) {
        return JNI_ERR;
    }
    jclass local = (*env)->FindClass(env, "javatoc/Point");
    if (local == NULL) {
        return JNI_ERR; /* NoClassDefFoundError pending: System.loadLibrary throws it */
    }
    point_class = (*env)->NewGlobalRef(env, local);
    (*env)->DeleteLocalRef(env, local);
    if (point_class == NULL
            || (point_new = (*env)->GetMethodID(env, point_class, "<init>", "(II)V")) == NULL
            || (point_x = (*env)->GetMethodID(env, point_class, "x", "()I")) == NULL
            || (point_y = (*env)->GetMethodID(env, point_class, "y", "()I")) == NULL) {
        return JNI_ERR; /* each Get stopped at the first failure, its exception pending */
    }
    return JNI_VERSION_10;
}

JNIEXPORT void JNICALL JNI_OnUnload(JavaVM *vm, void *reserved) {
    (void)reserved;
    JNIEnv *env;
    if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_10) == JNI_OK) {
        (*env)->DeleteGlobalRef(env, point_class);
    }
}

/* Reads a javatoc.Point record into a C point through its accessor methods. A call into Java can
 * throw: check before the next JNI call, as the JNI specification requires. */
static int to_point(JNIEnv *env, jobject object, point *out) {
    if (object == NULL) {
        throw_new(env, "java/lang/NullPointerException", "point");
        return 0;
    }
    out->x = (*env)->CallIntMethod(env, object, point_x);
    if ((*env)->ExceptionCheck(env)) {
        return 0;
    }
    out->y = (*env)->CallIntMethod(env, object, point_y);
    return !(*env)->ExceptionCheck(env);
}

static jobject from_point(JNIEnv *env, point p) {
    return (*env)->NewObject(env, point_class, point_new, p.x, p.y); /* NULL if it threw */
}

/* The same as to_point, looking everything up on every call: what JNI_OnLoad saves (make bench). */
static int to_point_looking_up(JNIEnv *env, jobject object, point *out) {
    if (object == NULL) {
        throw_new(env, "java/lang/NullPointerException", "point");
        return 0;
    }
    jclass type = (*env)->GetObjectClass(env, object);
    jmethodID x = (*env)->GetMethodID(env, type, "x", "()I");
    if (x == NULL) {
        return 0; /* NoSuchMethodError pending */
    }
    jmethodID y = (*env)->GetMethodID(env, type, "y", "()I");
    if (y == NULL) {
        return 0;
    }
    out->x = (*env)->CallIntMethod(env, object, x);
    if ((*env)->ExceptionCheck(env)) {
        return 0;
    }
    out->y = (*env)->CallIntMethod(env, object, y);
    (*env)->DeleteLocalRef(env, type);
    return !(*env)->ExceptionCheck(env);
}

JNIEXPORT jobject JNICALL Java_javatoc_JniExample_pointAdd(JNIEnv *env, jobject self, jobject a, jobject b) {
    (void)self;
    point pa, pb;
    if (!to_point(env, a, &pa) || !to_point(env, b, &pb)) {
        return NULL;
    }
    return from_point(env, point_add(pa, pb));
}

JNIEXPORT jobject JNICALL Java_javatoc_JniExample_pointAddLookingUpEachCall(JNIEnv *env, jobject self, jobject a, jobject b) {
    (void)self;
    point pa, pb;
    if (!to_point_looking_up(env, a, &pa) || !to_point_looking_up(env, b, &pb)) {
        return NULL;
    }
    point sum = point_add(pa, pb);
    jclass type = (*env)->FindClass(env, "javatoc/Point");
    if (type == NULL) {
        return NULL;
    }
    jmethodID constructor = (*env)->GetMethodID(env, type, "<init>", "(II)V");
    if (constructor == NULL) {
        return NULL;
    }
    return (*env)->NewObject(env, type, constructor, sum.x, sum.y);
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
