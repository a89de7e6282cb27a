/* The C library that every Java mechanism in this example calls. */
#ifndef EXAMPLE_H
#define EXAMPLE_H

#include <stddef.h>
#include <stdint.h>

/* 1. Numbers: returns input * 2, wrapping on overflow exactly like Java's int. */
int32_t double_input(int32_t input);

/* 2a. A string into C, C fills the caller's buffer. Writes "Hello, <name>!" into buffer
 *     (always NUL-terminated when size > 0) and returns the length the whole greeting needs,
 *     like snprintf: a result >= size means the buffer was too small. The caller owns buffer.
 *     Returns -1 if name is NULL, or buffer is NULL while size > 0. */
int32_t greet(const char *name, char *buffer, size_t size);

/* 2b. A string out of C that the caller must free: a copy of text with its ASCII letters in
 *     upper case, allocated here with malloc. Free it with example_free, not with the free
 *     of another library or language runtime.
 *     Returns NULL if text is NULL or memory runs out. */
char *shout(const char *text);
void example_free(void *pointer);
/*     How many results of shout are not freed yet: what a leak would grow (MechanismTest). */
int64_t example_unfreed(void);

/* 3. A struct, passed by value (copied in registers or on the stack) and by pointer. */
typedef struct {
    int32_t x;
    int32_t y;
} point;

point point_add(point a, point b);
void point_scale(point *p, int32_t factor); /* in place; does nothing if p is NULL */

/* 4. An array: the sum of count ints. Short and allocation-free, so FFM may call it
 *    "critically" with a pointer straight into a Java int[]. */
int64_t sum_ints(const int32_t *values, size_t count);

#endif
