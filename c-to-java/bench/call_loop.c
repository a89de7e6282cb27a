/* make bench: every per-call row is this loop, whatever is behind the pointer: C code, an FFM upcall
 * stub, a JNA callback, or a C function that calls Java through JNI (jni_loop.c). */
#include "call_loop.h"

int32_t c_double_input(int32_t value) {
    return (int32_t)((uint32_t)value * 2u); /* unsigned: overflow wraps instead of being undefined */
}

int32_t call_n(int_function function, int32_t calls) {
    int_function volatile call = function; /* volatile: loaded again each time, so never inlined */
    uint32_t sum = 0;                      /* every result is used, so no call is skipped */
    for (int32_t i = 0; i < calls; i++) {
        sum += (uint32_t)call(i & 0xffff);
    }
    return (int32_t)sum;
}
