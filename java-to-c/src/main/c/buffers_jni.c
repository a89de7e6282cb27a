/* JNI glue of javatoc/JniBuffers.java: a Java byte[] into and out of a buffer that C owns
 * (buffers.h), three ways. C's buffer crosses as its address in a jlong. */
#include "buffers.h"
#include "javatoc_JniBuffers.h"

static unsigned char *to_pointer(jlong address) {
    return (unsigned char *)(intptr_t)address;
}

JNIEXPORT jlong JNICALL Java_javatoc_JniBuffers_newBuffer(JNIEnv *env, jclass type, jint capacity) {
    (void)env, (void)type;
    return (jlong)(intptr_t)buffer_new((size_t)capacity);
}

JNIEXPORT void JNICALL Java_javatoc_JniBuffers_freeBuffer(JNIEnv *env, jclass type, jlong buffer) {
    (void)env, (void)type;
    buffer_free(to_pointer(buffer));
}

/* 1. The JVM copies between the array and C's buffer: one copy, no pointer into the heap. */
JNIEXPORT void JNICALL Java_javatoc_JniBuffers_putRegion(JNIEnv *env, jclass type, jlong buffer, jbyteArray source, jint size) {
    (void)type;
    (*env)->GetByteArrayRegion(env, source, 0, size, (jbyte *)to_pointer(buffer));
}

JNIEXPORT void JNICALL Java_javatoc_JniBuffers_getRegion(JNIEnv *env, jclass type, jlong buffer, jbyteArray destination, jint size) {
    (void)type;
    (*env)->SetByteArrayRegion(env, destination, 0, size, (const jbyte *)to_pointer(buffer));
}

/* 2. A pointer into the array itself: between Get and Release, no JNI call, nothing that blocks
 *    (the GC may wait for the Release). C copies once. */
JNIEXPORT void JNICALL Java_javatoc_JniBuffers_putCritical(JNIEnv *env, jclass type, jlong buffer, jbyteArray source, jint size) {
    (void)type;
    unsigned char *bytes = (*env)->GetPrimitiveArrayCritical(env, source, NULL);
    if (bytes == NULL) {
        return; /* OutOfMemoryError pending */
    }
    buffer_put(to_pointer(buffer), bytes, (size_t)size);
    (*env)->ReleasePrimitiveArrayCritical(env, source, bytes, JNI_ABORT); /* unchanged: nothing to write back */
}

JNIEXPORT void JNICALL Java_javatoc_JniBuffers_getCritical(JNIEnv *env, jclass type, jlong buffer, jbyteArray destination, jint size) {
    (void)type;
    unsigned char *bytes = (*env)->GetPrimitiveArrayCritical(env, destination, NULL);
    if (bytes == NULL) {
        return;
    }
    buffer_get(to_pointer(buffer), bytes, (size_t)size);
    (*env)->ReleasePrimitiveArrayCritical(env, destination, bytes, 0); /* 0: keep what C wrote */
}

/* 3. A direct ByteBuffer is native memory: C reads its address and copies. */
static unsigned char *direct_address(JNIEnv *env, jobject direct) {
    unsigned char *address = (*env)->GetDirectBufferAddress(env, direct);
    if (address == NULL) {
        jclass type = (*env)->FindClass(env, "java/lang/IllegalArgumentException");
        if (type != NULL) {
            (*env)->ThrowNew(env, type, "not a direct ByteBuffer");
        }
    }
    return address;
}

JNIEXPORT void JNICALL Java_javatoc_JniBuffers_putDirect(JNIEnv *env, jclass type, jlong buffer, jobject source, jint size) {
    (void)type;
    unsigned char *bytes = direct_address(env, source);
    if (bytes != NULL) {
        buffer_put(to_pointer(buffer), bytes, (size_t)size);
    }
}

JNIEXPORT void JNICALL Java_javatoc_JniBuffers_getDirect(JNIEnv *env, jclass type, jlong buffer, jobject destination, jint size) {
    (void)type;
    unsigned char *bytes = direct_address(env, destination);
    if (bytes != NULL) {
        buffer_get(to_pointer(buffer), bytes, (size_t)size);
    }
}

JNIEXPORT jlong JNICALL Java_javatoc_JniBuffers_checksum(JNIEnv *env, jclass type, jlong buffer, jint size) {
    (void)env, (void)type;
    return (jlong)buffer_checksum(to_pointer(buffer), (size_t)size);
}

JNIEXPORT void JNICALL Java_javatoc_JniBuffers_fill(JNIEnv *env, jclass type, jlong buffer, jint size) {
    (void)env, (void)type;
    buffer_fill(to_pointer(buffer), (size_t)size);
}
