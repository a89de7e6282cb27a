/* Moving bytes between C and Java: one function per mechanism and direction (moving_data.h). */
#include "moving_data.h"

#include "jvm.h"

#include <stdio.h>
#include <string.h>

static int find_method(java_data *java, jmethodID *id, const char *name, const char *signature) {
    *id = (*java->env)->GetStaticMethodID(java->env, java->moving_data, name, signature);
    char what[256];
    snprintf(what, sizeof what, "no method `%s %s` in ctojava.MovingData", name, signature);
    return report_exception(java->env, what) ? -1 : 0;
}

/* A jlong from MovingData.<name>() as a C function pointer. */
static int find_pointer(java_data *java, data_function *pointer, const char *name) {
    jmethodID method;
    if (find_method(java, &method, name, "()J") != 0) return -1;
    jlong address = (*java->env)->CallStaticLongMethod(java->env, java->moving_data, method);
    if (report_exception(java->env, name)) return -1;
    *pointer = (data_function)(intptr_t)address;
    return 0;
}

int java_data_init(JNIEnv *env, java_data *java) {
    *java = (java_data){.env = env};
    jclass local = (*env)->FindClass(env, "ctojava/MovingData");
    if (report_exception(env, "class ctojava/MovingData not found")) return -1;
    java->moving_data = (*env)->NewGlobalRef(env, local); /* a jclass kept across calls must be global */
    (*env)->DeleteLocalRef(env, local);
    if (java->moving_data == NULL) return report_exception(env, "NewGlobalRef"), -1;
    if (find_method(java, &java->prepare, "prepare", "(I)V") || find_method(java, &java->inbox, "inbox", "()[B")
        || find_method(java, &java->outbox, "outbox", "()[B") || find_method(java, &java->receive_array, "receiveArray", "([B)V")
        || find_method(java, &java->receive_direct, "receiveDirect", "(Ljava/nio/ByteBuffer;)V")
        || find_method(java, &java->send_direct, "sendDirect", "(Ljava/nio/ByteBuffer;)V")
        || find_method(java, &java->inbox_checksum, "inboxChecksum", "(I)J")) return -1;
    if (find_pointer(java, &java->ffm_receive, "ffmReceivePointer") || find_pointer(java, &java->ffm_send, "ffmSendPointer")
        || find_pointer(java, &java->jna_receive, "jnaReceivePointer") || find_pointer(java, &java->jna_send, "jnaSendPointer")) return -1;
    return 0;
}

/* The array MovingData.<method>() returns, as a global reference (C keeps it across transfers). */
static jbyteArray global_array(java_data *java, jmethodID method) {
    jobject local = (*java->env)->CallStaticObjectMethod(java->env, java->moving_data, method);
    if (report_exception(java->env, "MovingData.inbox/outbox")) return NULL;
    jbyteArray global = (*java->env)->NewGlobalRef(java->env, local);
    (*java->env)->DeleteLocalRef(java->env, local);
    return global;
}

static void release_arrays(java_data *java) {
    if (java->java_inbox != NULL) (*java->env)->DeleteGlobalRef(java->env, java->java_inbox);
    if (java->java_outbox != NULL) (*java->env)->DeleteGlobalRef(java->env, java->java_outbox);
    java->java_inbox = java->java_outbox = NULL;
    java->size = 0;
}

int java_data_prepare(java_data *java, jint size) {
    release_arrays(java);
    (*java->env)->CallStaticVoidMethod(java->env, java->moving_data, java->prepare, size);
    if (report_exception(java->env, "MovingData.prepare")) return -1;
    java->java_inbox = global_array(java, java->inbox);
    java->java_outbox = global_array(java, java->outbox);
    if (java->java_inbox == NULL || java->java_outbox == NULL) return release_arrays(java), -1;
    java->size = size;
    return 0;
}

void java_data_free(java_data *java) {
    release_arrays(java);
    if (java->moving_data != NULL) (*java->env)->DeleteGlobalRef(java->env, java->moving_data);
    java->moving_data = NULL;
}

/* Java's buffers hold java->size bytes: a longer transfer would overflow them (or, in an upcall, throw). */
static int fits(const java_data *java, jint length) {
    if (length >= 0 && length <= java->size) return 0;
    fprintf(stderr, "error: a transfer of %d bytes, but Java's buffers hold %d: call java_data_prepare first\n", (int)length, (int)java->size);
    return -1;
}

int c_to_java_new_array(java_data *java, const void *data, jint length) {
    JNIEnv *env = java->env;
    jbyteArray array = (*env)->NewByteArray(env, length); /* a new Java array every time, zeroed by the JVM */
    if (array == NULL) return report_exception(env, "NewByteArray"), -1;
    (*env)->SetByteArrayRegion(env, array, 0, length, data); /* one copy, C -> Java heap */
    (*env)->CallStaticVoidMethod(env, java->moving_data, java->receive_array, array);
    (*env)->DeleteLocalRef(env, array); /* else a C loop piles up local references */
    return report_exception(env, "MovingData.receiveArray") ? -1 : 0;
}

int c_to_java_set_region(java_data *java, const void *data, jint length) {
    if (fits(java, length) != 0) return -1;
    (*java->env)->SetByteArrayRegion(java->env, java->java_inbox, 0, length, data);
    return report_exception(java->env, "SetByteArrayRegion") ? -1 : 0;
}

int c_to_java_critical(java_data *java, const void *data, jint length) {
    if (fits(java, length) != 0) return -1;
    /* Between Get and Release: no JNI call, no blocking; the GC may wait for us. */
    void *inbox = (*java->env)->GetPrimitiveArrayCritical(java->env, java->java_inbox, NULL);
    if (inbox == NULL) return report_exception(java->env, "GetPrimitiveArrayCritical"), -1;
    memcpy(inbox, data, (size_t)length);
    (*java->env)->ReleasePrimitiveArrayCritical(java->env, java->java_inbox, inbox, 0); /* 0: copy back if it was a copy */
    return 0;
}

int c_to_java_direct(java_data *java, const void *data, jint length) {
    if (fits(java, length) != 0) return -1;
    JNIEnv *env = java->env;
    /* No copy: a view of C's memory (writable to Java; MovingData.receiveDirect only reads it). */
    jobject buffer = (*env)->NewDirectByteBuffer(env, (void *)data, length);
    if (buffer == NULL) return report_exception(env, "NewDirectByteBuffer"), -1;
    (*env)->CallStaticVoidMethod(env, java->moving_data, java->receive_direct, buffer);
    (*env)->DeleteLocalRef(env, buffer); /* Java must not keep it: C's memory outlives it only during the call */
    return report_exception(env, "MovingData.receiveDirect") ? -1 : 0;
}

int c_to_java_ffm(java_data *java, const void *data, jint length) {
    if (fits(java, length) != 0) return -1;
    java->ffm_receive((void *)data, (size_t)length); /* a plain C call; the stub enters Java */
    return 0;
}

int c_to_java_jna(java_data *java, const void *data, jint length) {
    if (fits(java, length) != 0) return -1;
    java->jna_receive((void *)data, (size_t)length);
    return 0;
}

int java_to_c_get_region(java_data *java, void *into, jint length) {
    if (fits(java, length) != 0) return -1;
    (*java->env)->GetByteArrayRegion(java->env, java->java_outbox, 0, length, into);
    return report_exception(java->env, "GetByteArrayRegion") ? -1 : 0;
}

int java_to_c_critical(java_data *java, void *into, jint length) {
    if (fits(java, length) != 0) return -1;
    void *outbox = (*java->env)->GetPrimitiveArrayCritical(java->env, java->java_outbox, NULL);
    if (outbox == NULL) return report_exception(java->env, "GetPrimitiveArrayCritical"), -1;
    memcpy(into, outbox, (size_t)length);
    (*java->env)->ReleasePrimitiveArrayCritical(java->env, java->java_outbox, outbox, JNI_ABORT); /* read only: no copy back */
    return 0;
}

int java_to_c_direct(java_data *java, void *into, jint length) {
    if (fits(java, length) != 0) return -1;
    JNIEnv *env = java->env;
    jobject buffer = (*env)->NewDirectByteBuffer(env, into, length);
    if (buffer == NULL) return report_exception(env, "NewDirectByteBuffer"), -1;
    (*env)->CallStaticVoidMethod(env, java->moving_data, java->send_direct, buffer);
    (*env)->DeleteLocalRef(env, buffer);
    return report_exception(env, "MovingData.sendDirect") ? -1 : 0;
}

int java_to_c_ffm(java_data *java, void *into, jint length) {
    if (fits(java, length) != 0) return -1;
    java->ffm_send(into, (size_t)length);
    return 0;
}

int java_to_c_jna(java_data *java, void *into, jint length) {
    if (fits(java, length) != 0) return -1;
    java->jna_send(into, (size_t)length);
    return 0;
}

void fill_pattern(void *data, size_t length) {
    unsigned char *bytes = data;
    for (size_t i = 0; i < length; i++) bytes[i] = (unsigned char)(i * 31 + 7);
}

uint64_t checksum(const void *data, size_t length) {
    const unsigned char *bytes = data;
    uint64_t hash = 0xcbf29ce484222325u;
    for (size_t i = 0; i < length; i++) hash = (hash ^ bytes[i]) * 0x100000001b3u;
    return hash;
}

int64_t java_inbox_checksum(java_data *java, jint length) {
    jlong hash = (*java->env)->CallStaticLongMethod(java->env, java->moving_data, java->inbox_checksum, length);
    if (report_exception(java->env, "MovingData.inboxChecksum")) return 0;
    return hash;
}
