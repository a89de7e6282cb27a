/* A C library that calls back: the caller gives it a function pointer, and it calls that. Java
 * gives it pointers to Java code (an FFM upcall stub, or a JNA Callback). */
#ifndef CTOJAVA_CALLBACKS_H
#define CTOJAVA_CALLBACKS_H

#include <stdint.h>

typedef int32_t (*int_function)(int32_t);

/* Returns function(value). */
int32_t apply(int_function function, int32_t value);

#endif
