/* A C library that calls back: the caller gives it a function pointer, and it calls that. Java
 * gives it pointers to Java code (an FFM upcall stub, or a JNA Callback). */
#ifndef CTOJAVA_CALLBACKS_H
#define CTOJAVA_CALLBACKS_H

#include <stdint.h>

typedef int32_t (*int_function)(int32_t);

/* Returns function(value). */
int32_t apply(int_function function, int32_t value);

/* C's own doubling function: the baseline that Java's callbacks are measured against. */
int32_t c_double_input(int32_t value);

/* Calls function(i) `calls` times in a C loop and returns the nanoseconds one call took, on average. */
double ns_per_call(int_function function, int64_t calls);

#endif
