/* The C library alone, under AddressSanitizer and UndefinedBehaviorSanitizer (make test): each
 * hostile archive is built here, byte by byte, and must be refused with its one-line reason; the
 * sparse reads must give what the map says; nothing may leak (LeakSanitizer runs at exit).
 * Built with a small TARBALL_MAX_MEMORY (see the Makefile) so that a test can pass the cap. */
#include "tarball.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    unsigned char *bytes;
    size_t size;
} buffer;

static int failures = 0;

static void append(buffer *b, const void *bytes, size_t length) {
    size_t padded = (length + 511) / 512 * 512;
    b->bytes = realloc(b->bytes, b->size + padded);
    if (b->bytes == NULL) {
        abort();
    }
    memset(b->bytes + b->size, 0, padded);
    memcpy(b->bytes + b->size, bytes, length);
    b->size += padded;
}

/* A ustar header with a correct checksum. */
static void header(buffer *b, const char *name, char type, unsigned long long size) {
    unsigned char h[512] = {0};
    memcpy(h, name, strlen(name));
    memcpy(h + 100, "0000644", 7);
    snprintf((char *)h + 124, 12, "%011llo", size);
    h[156] = (unsigned char)type;
    memcpy(h + 257, "ustar\0" "00", 8);
    memset(h + 148, ' ', 8);
    unsigned sum = 0;
    for (int i = 0; i < 512; i++) {
        sum += h[i];
    }
    snprintf((char *)h + 148, 8, "%06o", sum);
    append(b, h, sizeof h);
}

/* A pax header from "key=value" records separated by ';'. */
static void pax(buffer *b, const char *records) {
    char data[4096] = "", *copy = strdup(records), *rest = copy, *record;
    while ((record = strsep(&rest, ";")) != NULL) {
        size_t body = strlen(record) + 2, length = body + 1; /* " " record "\n", and the length's digits */
        while (length != body + (size_t)snprintf(NULL, 0, "%zu", length)) {
            length++;
        }
        snprintf(data + strlen(data), sizeof data - strlen(data), "%zu %s\n", length, record);
    }
    free(copy);
    header(b, "PaxHeaders/f", 'x', strlen(data));
    append(b, data, strlen(data));
}

static void file(buffer *b, const char *content) {
    header(b, "f", '0', strlen(content));
    append(b, content, strlen(content));
    unsigned char zeros[1024] = {0};
    b->bytes = realloc(b->bytes, b->size + sizeof zeros);
    memcpy(b->bytes + b->size, zeros, sizeof zeros);
    b->size += sizeof zeros;
}

static void refused(const char *test, buffer *b, int code, const char *reason) {
    tarball_error error;
    tarball_t *t = tarball_open_memory(b->bytes, b->size, &error);
    if (t != NULL || error.code != code || strstr(error.message, reason) == NULL) {
        printf("FAIL %s: expected code %d and \"%s\", got %s code %d \"%s\"\n", test, code, reason,
               t != NULL ? "an open tarball," : "", error.code, error.message);
        failures++;
    }
    tarball_close(t);
    free(b->bytes);
    *b = (buffer){0};
}

/* The pax records before an ordinary 5-byte file, and the reason they must be refused for. */
static void hostile_pax(const char *test, const char *records, const char *reason) {
    buffer b = {0};
    pax(&b, records);
    file(&b, "12345");
    refused(test, &b, TARBALL_ERROR_FORMAT, reason);
}

/* A pax 1.0 sparse file of `chunks` one-byte chunks at even offsets, byte k being 'a' + k % 26. */
static void sparse_1_0(buffer *b, size_t chunks) {
    size_t capacity = 32 + chunks * 24, length = 0;
    char *map = malloc(capacity + chunks);
    length += (size_t)snprintf(map, capacity, "%zu\n", chunks);
    for (size_t k = 0; k < chunks; k++) {
        length += (size_t)snprintf(map + length, capacity - length, "%zu\n1\n", 2 * k);
    }
    length = (length + 511) / 512 * 512;
    memset(map + strlen(map), 0, length - strlen(map));
    for (size_t k = 0; k < chunks; k++) {
        map[length + k] = (char)('a' + k % 26);
    }
    char records[256];
    snprintf(records, sizeof records, "GNU.sparse.major=1;GNU.sparse.minor=0;GNU.sparse.name=s;GNU.sparse.realsize=%zu",
             2 * chunks);
    pax(b, records);
    header(b, "GNUSparseFile/s", '0', length + chunks);
    append(b, map, length + chunks);
    unsigned char zeros[1024] = {0};
    append(b, zeros, sizeof zeros);
    free(map);
}

static void sparse_reads_follow_the_map(void) {
    buffer b = {0};
    size_t chunks = 10000;
    sparse_1_0(&b, chunks);
    tarball_error error;
    tarball_t *t = tarball_open_memory(b.bytes, b.size, &error);
    if (t == NULL) {
        printf("FAIL sparse_reads_follow_the_map: %s\n", error.message);
        failures++;
    } else {
        unsigned char piece[777];
        for (unsigned long long offset = 0; offset < 2 * chunks; offset += 333) { /* pieces that straddle chunks */
            long long got = tarball_file_read(t, 0, offset, piece, sizeof piece);
            for (long long i = 0; i < got; i++) {
                unsigned long long at = offset + (unsigned long long)i;
                unsigned char expected = at % 2 == 0 ? (unsigned char)('a' + at / 2 % 26) : 0;
                if (piece[i] != expected) {
                    printf("FAIL sparse_reads_follow_the_map: byte %llu is %d, not %d\n", at, piece[i], expected);
                    failures++;
                    offset = 2 * chunks;
                    break;
                }
            }
        }
        size_t size = 0;
        const unsigned char *archive = tarball_archive(t, &size);
        if (tarball_file_read(t, 0, 0, (void *)(archive + size - 10), 100) != -1
            || tarball_file_read(t, 0, 0, NULL, 100) != -1) {
            printf("FAIL sparse_reads_follow_the_map: a destination inside the archive, or NULL, was accepted\n");
            failures++;
        }
    }
    tarball_close(t);
    free(b.bytes);
}

int main(void) {
    /* Issue 23's archive: the numbytes record used to write chunks[SIZE_MAX], before the heap block. */
    hostile_pax("offset, empty map, numbytes", "GNU.sparse.offset=0;GNU.sparse.map=;GNU.sparse.numbytes=5",
                "GNU.sparse.offset before GNU.sparse.numblocks");
    hostile_pax("numblocks, offset, empty map, numbytes",
                "GNU.sparse.numblocks=1;GNU.sparse.offset=0;GNU.sparse.map=;GNU.sparse.numbytes=5",
                "a GNU.sparse.map after GNU.sparse.offset records: two sparse maps");
    hostile_pax("map twice", "GNU.sparse.map=0,5;GNU.sparse.map=0,5", "a GNU.sparse.map after another one");
    hostile_pax("0.0 pairs after a 0.1 map", "GNU.sparse.map=0,5;GNU.sparse.offset=0;GNU.sparse.numbytes=5",
                "GNU.sparse.offset after a GNU.sparse.map: two sparse maps");
    hostile_pax("a numbytes with no offset", "GNU.sparse.numbytes=5", "do not come in pairs");
    hostile_pax("two offsets in a row", "GNU.sparse.numblocks=1;GNU.sparse.offset=0;GNU.sparse.offset=1;GNU.sparse.numbytes=5",
                "do not come in pairs");
    hostile_pax("an offset left alone", "GNU.sparse.numblocks=2;GNU.sparse.offset=0;GNU.sparse.numbytes=5;GNU.sparse.offset=5",
                "ends with a GNU.sparse.offset that has no GNU.sparse.numbytes");
    hostile_pax("numblocks after the map", "GNU.sparse.map=0,5;GNU.sparse.numblocks=1",
                "GNU.sparse.numblocks comes after the sparse map it counts");
    hostile_pax("numblocks that lies", "GNU.sparse.numblocks=2;GNU.sparse.offset=0;GNU.sparse.numbytes=5",
                "has 1 chunks, but its GNU.sparse.numblocks says 2");
    hostile_pax("1.0 with a map in its header too", "GNU.sparse.major=1;GNU.sparse.minor=0;GNU.sparse.map=0,5",
                "is both in its data (1.0) and in its pax header");

    buffer b = {0}; /* a pair split across two pax headers: the second replaces the first */
    pax(&b, "GNU.sparse.numblocks=1;GNU.sparse.offset=0");
    pax(&b, "GNU.sparse.numbytes=5");
    file(&b, "12345");
    refused("a pair split across two pax headers", &b, TARBALL_ERROR_FORMAT, "do not come in pairs");

    pax(&b, "GNU.sparse.major=1;GNU.sparse.minor=0;GNU.sparse.realsize=10"); /* a 1.0 map that claims 3 million chunks */
    file(&b, "3000000\n");
    refused("a 1.0 map past the chunk cap", &b, TARBALL_ERROR_LIMIT,
            "lists 3000000 chunks, more than the 2097152 this reader accepts");

    sparse_1_0(&b, 400000); /* 400 000 chunks: more index than this test build's TARBALL_MAX_MEMORY */
    char reason[128];
    snprintf(reason, sizeof reason, "it needs more than %llu bytes of memory", (unsigned long long)TARBALL_MAX_MEMORY);
    refused("a map past the memory cap", &b, TARBALL_ERROR_LIMIT, reason);

    static const char some[1];
    tarball_error error;
    if (tarball_open_memory(some, (size_t)TARBALL_MAX_MEMORY + 1, &error) != NULL || error.code != TARBALL_ERROR_LIMIT) {
        printf("FAIL an archive larger than the cap: %s\n", error.message); /* refused before a byte is read */
        failures++;
    }
    sparse_reads_follow_the_map();
    printf("tarball_test: %s\n", failures == 0 ? "every hostile archive refused, sparse reads right" : "FAILED");
    return failures == 0 ? 0 : 1;
}
