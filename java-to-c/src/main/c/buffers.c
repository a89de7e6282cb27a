/* A buffer that C owns (buffers.h). Each copy is one memcpy: the same work as the baseline. */
#include "buffers.h"

#include <stdlib.h>
#include <string.h>

unsigned char *buffer_new(size_t size) {
    unsigned char *buffer = malloc(size > 0 ? size : 1);
    if (buffer != NULL) {
        memset(buffer, 0, size); /* not calloc: a large calloc maps pages the first copy would fault in */
    }
    return buffer;
}

void buffer_free(unsigned char *buffer) {
    free(buffer);
}

void buffer_put(unsigned char *buffer, const unsigned char *source, size_t size) {
    if (size > 0) { /* memcpy's pointers must be valid even for 0 bytes */
        memcpy(buffer, source, size);
    }
}

void buffer_get(const unsigned char *buffer, unsigned char *destination, size_t size) {
    if (size > 0) {
        memcpy(destination, buffer, size);
    }
}

uint64_t buffer_checksum(const unsigned char *buffer, size_t size) {
    uint64_t hash = 0xcbf29ce484222325u;
    for (size_t i = 0; i < size; i++) {
        hash = (hash ^ buffer[i]) * 0x100000001b3u;
    }
    return hash;
}

void buffer_fill(unsigned char *buffer, size_t size) {
    for (size_t i = 0; i < size; i++) {
        buffer[i] = (unsigned char)(i * 31 + 7);
    }
}
