/* Moving a buffer across the boundary: a buffer that C owns, which Java fills (Java -> C) or
 * reads (C -> Java) in each of the ways that JNI, FFM and JNA offer (DATA.md). */
#ifndef BUFFERS_H
#define BUFFERS_H

#include <stddef.h>
#include <stdint.h>

/* A buffer of size bytes that C owns, zeroed (so its pages are mapped before anything is timed).
 * Returns NULL if memory runs out. Free it with buffer_free. */
unsigned char *buffer_new(size_t size);
void buffer_free(unsigned char *buffer);

/* Java -> C: C copies size bytes from source (Java's bytes, wherever the binding put them)
 * into its buffer. */
void buffer_put(unsigned char *buffer, const unsigned char *source, size_t size);

/* C -> Java: C copies size bytes of its buffer into destination (memory Java reads). */
void buffer_get(const unsigned char *buffer, unsigned char *destination, size_t size);

/* What C does with what arrived, and what the tests compare: FNV-1a, 64 bits, of size bytes. */
uint64_t buffer_checksum(const unsigned char *buffer, size_t size);

/* Fills size bytes with the tests' pattern, byte i = (i * 31 + 7) & 0xff, for C -> Java. */
void buffer_fill(unsigned char *buffer, size_t size);

#endif
