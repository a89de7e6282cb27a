/* A tar archive reader: the essay's tarball_file_data, as a small C library.
 *
 * tarball_open reads the whole archive into a buffer that the library owns and indexes its
 * entries. Every pointer it hands out (names, file data) points into memory that the tarball
 * owns: it is valid until tarball_close, and not one moment longer. Nothing in C enforces
 * that; the Java binding (javatoc.tarball.Tarball) does.
 *
 * The archive is untrusted input: every header's checksum, number fields, sizes and offsets
 * are checked, and a malformed archive makes tarball_open fail with a code and a message,
 * never read outside the buffer. Formats: v7, ustar, GNU (gnu, oldgnu) and pax, with GNU long
 * names and link names ('L', 'K'), pax "path", "linkpath" and "size" records (a pax extended
 * header may be at most 1 MiB), and sparse files: old GNU ('S', with extension blocks) and pax
 * GNU sparse 0.0, 0.1 and 1.0. GNU volume labels ('V'), pax global headers ('g') and Solaris
 * ACLs ('A', which belong to the entry after them) are skipped.
 *
 * Memory is capped: one archive may take at most TARBALL_MAX_MEMORY bytes (the archive itself,
 * read whole, and its index: entries, names, sparse maps), and a sparse map at most
 * TARBALL_MAX_SPARSE_CHUNKS chunks; past them tarball_open fails with TARBALL_ERROR_LIMIT.
 *
 * After tarball_open returns, a tarball is never written again, so any number of threads
 * may read one at the same time; tarball_close must not race with them. */
#ifndef TARBALL_H
#define TARBALL_H

#include <stddef.h>

#ifndef TARBALL_MAX_MEMORY
#define TARBALL_MAX_MEMORY (1024ULL * 1024 * 1024) /* 1 GiB per archive */
#endif
#define TARBALL_MAX_SPARSE_CHUNKS (1 << 21) /* 2,097,152 chunks per sparse file */

typedef struct tarball tarball_t;

/* Why tarball_open failed. */
typedef enum {
    TARBALL_OK = 0,
    TARBALL_ERROR_IO = 1,        /* the file could not be opened or read */
    TARBALL_ERROR_MEMORY = 2,    /* out of memory */
    TARBALL_ERROR_TRUNCATED = 3, /* the archive ends in the middle of a header or of file data */
    TARBALL_ERROR_CHECKSUM = 4,  /* a header's checksum does not match its bytes */
    TARBALL_ERROR_FIELD = 5,     /* a number field is not a number (or too large) */
    TARBALL_ERROR_SIZE = 6,      /* a size points past the end of the archive */
    TARBALL_ERROR_FORMAT = 7,    /* anything else malformed, e.g. a bad pax record */
    TARBALL_ERROR_LIMIT = 8      /* past TARBALL_MAX_MEMORY or TARBALL_MAX_SPARSE_CHUNKS */
} tarball_status;

/* Filled in by tarball_open when it fails: the code and a one-line, NUL-terminated message
 * (without the path: the caller knows it). */
typedef struct {
    int code; /* a tarball_status */
    char message[256];
} tarball_error;

/* What an entry is. Only files (and OTHER) have data in the archive: the others are a header
 * alone, whatever their size field says (old tars wrote non-zero sizes for them). */
typedef enum {
    TARBALL_FILE = 0,        /* a regular file ('0', '7', NUL): its data is its content */
    TARBALL_SPARSE_FILE = 1, /* a regular file with holes: no contiguous data, use tarball_file_read */
    TARBALL_DIRECTORY = 2,   /* '5', or a file type whose name ends with '/' (v7) */
    TARBALL_SYMLINK = 3,     /* '2': tarball_link_target is where it points */
    TARBALL_HARDLINK = 4,    /* '1': tarball_link_target is the earlier entry's name */
    TARBALL_CHARACTER_DEVICE = 5,
    TARBALL_BLOCK_DEVICE = 6,
    TARBALL_FIFO = 7,
    TARBALL_OTHER = 8 /* a type this reader does not know: kept with its data, as tar does */
} tarball_type;

/* Opens the archive at path. Returns NULL on failure, with *error filled in (error may be
 * NULL if you don't want to know why). Close the result with tarball_close. */
tarball_t *tarball_open(const char *path, tarball_error *error);

/* The same from size bytes in memory, which are copied: the caller keeps ownership of data. */
tarball_t *tarball_open_memory(const void *data, size_t size, tarball_error *error);

/* The number of entries (files, directories, links...), in archive order. */
size_t tarball_count(const tarball_t *tarball);

/* The entry's name, NUL-terminated, with its length in bytes (without the NUL) in *length if
 * length is not NULL. Names are the archive's bytes: UTF-8 if the writer used UTF-8. A
 * directory's name ends with '/'. NULL if index is out of range. */
const char *tarball_file_name(const tarball_t *tarball, size_t index, size_t *length);

/* The entry's tarball_type, or -1 if index is out of range. */
int tarball_file_type(const tarball_t *tarball, size_t index);

/* A link's target, NUL-terminated, with its length in *length; "" for an entry that is not a
 * link. NULL if index is out of range. */
const char *tarball_link_target(const tarball_t *tarball, size_t index, size_t *length);

/* The entry's size: its content's length (a sparse file's real size, holes included), 0 for
 * a header-only entry. 0 if index is out of range. */
unsigned long long tarball_file_size(const tarball_t *tarball, size_t index);

/* Gets the data for the entry at index, inside the tarball's own buffer, returning NULL if
 * it does not exist, or if it is a sparse file (its holes are not in the buffer: copy it
 * with tarball_file_read). *size (if size is not NULL) is set to the number of bytes. */
const char *tarball_file_data(const tarball_t *tarball, size_t index, size_t *size);

/* Copies up to length bytes of the entry's content, from offset, into dest, holes of a sparse
 * file as zeros. Returns the number of bytes copied (0 at or after the end), -1 if index is
 * out of range, or if dest is NULL or overlaps the archive's own bytes (tarball_archive). Works
 * for every entry, and costs O(log chunks + length) for a sparse file. */
long long tarball_file_read(const tarball_t *tarball, size_t index, unsigned long long offset, void *dest,
                            size_t length);

/* The archive's bytes, as read, with their count in *size: what tarball_file_data points into,
 * for a caller that must check that a destination does not overlap them. Do not write them. */
const void *tarball_archive(const tarball_t *tarball, size_t *size);

/* Frees the tarball, its buffer and its names. Every pointer it gave out dies with it.
 * Does nothing if tarball is NULL. */
void tarball_close(tarball_t *tarball);

#endif
