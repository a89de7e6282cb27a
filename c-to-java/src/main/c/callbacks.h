/* A C library that calls back: the caller gives it a function pointer, and it calls that. Java
 * gives it pointers to Java code (an FFM upcall stub, or a JNA Callback). */
#ifndef CTOJAVA_CALLBACKS_H
#define CTOJAVA_CALLBACKS_H

#include <stdint.h>

typedef int32_t (*int_function)(int32_t);

/* Returns function(value). */
int32_t apply(int_function function, int32_t value);

/* Starts a thread that calls function(value) `times` times, and waits for it to end. Returns 0 with
 * the last result in *result, or the error number if the thread could not be started. */
int apply_on_new_thread(int_function function, int32_t value, int32_t times, int32_t *result);

#endif
