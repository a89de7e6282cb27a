/* Moving bytes between C and Java in a process where C runs the JVM (jvm.c): each function is one
 * transfer of `length` bytes, by one mechanism. The Java side is ctojava.MovingData, which holds
 * Java's two buffers (an inbox, an outbox) made once per size by java_data_prepare. */
#ifndef CTOJAVA_MOVING_DATA_H
#define CTOJAVA_MOVING_DATA_H

#include <jni.h>
#include <stddef.h>
#include <stdint.h>

/* What an FFM upcall stub or a JNA callback of MovingData is to C. */
typedef void (*data_function)(void *data, size_t length);

typedef struct {
    JNIEnv *env;
    jclass moving_data; /* ctojava.MovingData, a global reference */
    jmethodID prepare, inbox, outbox, receive_array, receive_direct, send_direct, inbox_checksum;
    jbyteArray java_inbox, java_outbox; /* MovingData's arrays for this size: global references */
    jint size;                          /* the size they were prepared for */
    data_function ffm_receive, ffm_send, jna_receive, jna_send;
} java_data;

/* Finds MovingData and its methods, and the four C function pointers into Java. 0, or -1 (printed). */
int java_data_init(JNIEnv *env, java_data *java);
/* Java makes its inbox (zeros) and outbox (the pattern) for transfers of up to `size` bytes. */
int java_data_prepare(java_data *java, jint size);
void java_data_free(java_data *java);

/* C -> Java. Each returns 0, or -1 with the error printed (a Java exception, a length too large). */
int c_to_java_new_array(java_data *java, const void *data, jint length);  /* NewByteArray + SetByteArrayRegion, Java keeps it */
int c_to_java_set_region(java_data *java, const void *data, jint length); /* SetByteArrayRegion into Java's inbox */
int c_to_java_critical(java_data *java, const void *data, jint length);   /* memcpy into Java's inbox, pinned */
int c_to_java_direct(java_data *java, const void *data, jint length);     /* a direct ByteBuffer: Java copies from it */
int c_to_java_ffm(java_data *java, const void *data, jint length);        /* an FFM upcall: Java copies from the segment */
int c_to_java_jna(java_data *java, const void *data, jint length);        /* a JNA callback: Java copies from the Pointer */

/* Java -> C: the same mechanisms the other way; `into` is C's buffer of at least `length` bytes. */
int java_to_c_get_region(java_data *java, void *into, jint length);       /* GetByteArrayRegion from Java's outbox */
int java_to_c_critical(java_data *java, void *into, jint length);         /* memcpy from Java's outbox, pinned */
int java_to_c_direct(java_data *java, void *into, jint length);           /* a direct ByteBuffer: Java writes into it */
int java_to_c_ffm(java_data *java, void *into, jint length);              /* an FFM upcall: Java writes into the segment */
int java_to_c_jna(java_data *java, void *into, jint length);              /* a JNA callback: Java writes to the Pointer */

/* The bytes every transfer moves, as MovingData.pattern makes them: byte i is (i * 31 + 7) mod 256. */
void fill_pattern(void *data, size_t length);
/* FNV-1a, 64 bits (MovingData.inboxChecksum computes the same in Java). */
uint64_t checksum(const void *data, size_t length);
/* The checksum of Java's inbox: what arrived on the Java side. */
int64_t java_inbox_checksum(java_data *java, jint length);

#endif
