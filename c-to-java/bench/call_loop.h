/* make bench: a C loop that calls through a function pointer, and C's own doubling function. */
#ifndef CTOJAVA_CALL_LOOP_H
#define CTOJAVA_CALL_LOOP_H

#include "callbacks.h" /* the lesson's int_function: int32_t (*)(int32_t) */

/* C's doubling function: what is behind the pointer in the C -> C baseline rows. */
int32_t c_double_input(int32_t value);

/* Calls function(i & 0xffff) `calls` times in a C loop, and returns the sum of the results. */
int32_t call_n(int_function function, int32_t calls);

#endif
