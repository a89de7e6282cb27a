#include "example.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int32_t double_input(int32_t input) {
    /* Signed overflow is undefined behaviour in C, so double in unsigned arithmetic, which
     * wraps; converting back gives the two's-complement result Java's int gives. */
    return (int32_t)((uint32_t)input * 2u);
}

int32_t greet(const char *name, char *buffer, size_t size) {
    if (name == NULL || (buffer == NULL && size > 0)) {
        return -1;
    }
    return snprintf(buffer, size, "Hello, %s!", name);
}

static atomic_int_least64_t unfreed; /* atomic: any thread may shout */

char *shout(const char *text) {
    if (text == NULL) {
        return NULL;
    }
    size_t length = strlen(text);
    char *copy = malloc(length + 1);
    if (copy == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < length; i++) {
        char c = text[i];
        copy[i] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c; /* ASCII only: no locale */
    }
    copy[length] = '\0';
    unfreed++;
    return copy;
}

void example_free(void *pointer) {
    if (pointer != NULL) {
        unfreed--;
    }
    free(pointer);
}

int64_t example_unfreed(void) {
    return unfreed;
}

point point_add(point a, point b) {
    point sum = {a.x + b.x, a.y + b.y};
    return sum;
}

void point_scale(point *p, int32_t factor) {
    if (p != NULL) {
        p->x *= factor;
        p->y *= factor;
    }
}

int64_t sum_ints(const int32_t *values, size_t count) {
    int64_t sum = 0;
    for (size_t i = 0; i < count; i++) {
        sum += values[i];
    }
    return sum;
}
