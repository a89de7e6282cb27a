/* A tar reader for untrusted archives. See tarball.h.
 *
 * A tar archive is a sequence of 512-byte blocks: a header block, then the entry's data padded
 * to a whole number of blocks, then the next header, ... and two zero blocks at the end. Every
 * number in a header is text (octal digits), or, in GNU's extension for big values, binary
 * ("base-256"). Every read below is checked against the buffer's size first. */
#include "tarball.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BLOCK 512

/* Where the fields of a header are (POSIX ustar; GNU tar uses the same places). */
#define NAME_AT 0
#define NAME_SIZE 100
#define SIZE_AT 124
#define SIZE_SIZE 12
#define CHECKSUM_AT 148
#define CHECKSUM_SIZE 8
#define TYPE_AT 156
#define MAGIC_AT 257
#define PREFIX_AT 345
#define PREFIX_SIZE 155

typedef struct {
    char *name; /* malloc'ed, NUL-terminated */
    size_t name_length;
    size_t size;
    size_t offset; /* of the data in the buffer */
    int type;
} entry;

struct tarball {
    unsigned char *buffer;
    size_t buffer_size;
    entry *entries;
    size_t count;
    size_t capacity;
};

/* What the extended headers before an entry said about it ('L' and 'x'). */
typedef struct {
    char *name; /* NULL unless a long name or a pax path was given */
    size_t name_length;
    int has_size;
    uint64_t size;
} pending;

static int fail(tarball_error *error, int code, const char *format, ...) {
    if (error != NULL) {
        va_list args;
        va_start(args, format);
        error->code = code;
        vsnprintf(error->message, sizeof error->message, format, args);
        va_end(args);
    }
    return code;
}

static char *copy_name(const void *bytes, size_t length) {
    char *name = malloc(length + 1);
    if (name != NULL) {
        memcpy(name, bytes, length);
        name[length] = '\0';
    }
    return name;
}

/* A header number field: octal digits (leading spaces allowed, then NUL or spaces to the end
 * of the field), or GNU base-256 (first byte 0x80: a big-endian binary number). */
static int parse_number(const unsigned char *field, size_t width, uint64_t *value) {
    uint64_t result = 0;
    size_t i = 0;
    if (field[0] == 0x80) {
        for (i = 1; i < width; i++) {
            if (result > (UINT64_MAX >> 8)) {
                return 0; /* too large */
            }
            result = (result << 8) | field[i];
        }
        *value = result;
        return 1;
    }
    if (field[0] & 0x80) {
        return 0; /* base-256 negative (0xff...), or garbage */
    }
    while (i < width && field[i] == ' ') {
        i++;
    }
    size_t first_digit = i;
    while (i < width && field[i] >= '0' && field[i] <= '7') {
        if (result > (UINT64_MAX >> 3)) {
            return 0;
        }
        result = (result << 3) | (uint64_t)(field[i] - '0');
        i++;
    }
    if (i == first_digit) {
        return 0; /* no digits at all */
    }
    for (; i < width; i++) {
        if (field[i] != ' ' && field[i] != '\0') {
            return 0; /* a non-octal character */
        }
    }
    *value = result;
    return 1;
}

/* The checksum is the sum of the header's bytes with the checksum field counted as spaces.
 * Old tars summed signed chars; accept either. */
static int checksum_matches(const unsigned char *header, uint64_t stored) {
    uint64_t unsigned_sum = 0;
    int64_t signed_sum = 0;
    for (size_t i = 0; i < BLOCK; i++) {
        unsigned char byte = (i >= CHECKSUM_AT && i < CHECKSUM_AT + CHECKSUM_SIZE) ? ' ' : header[i];
        unsigned_sum += byte;
        signed_sum += (signed char)byte;
    }
    return stored == unsigned_sum || (int64_t)stored == signed_sum;
}

static int is_zero_block(const unsigned char *block) {
    for (size_t i = 0; i < BLOCK; i++) {
        if (block[i] != 0) {
            return 0;
        }
    }
    return 1;
}

static size_t field_length(const unsigned char *field, size_t width) {
    const unsigned char *end = memchr(field, '\0', width);
    return end == NULL ? width : (size_t)(end - field);
}

static void set_pending_name(pending *next, char *name, size_t length) {
    free(next->name);
    next->name = name;
    next->name_length = length;
}

/* pax extended header data: records "<length> <keyword>=<value>\n", where <length> is the
 * decimal length of the whole record. We use "path" and "size"; others are skipped. */
static int parse_pax(const unsigned char *data, size_t size, size_t at, pending *next, tarball_error *error) {
    size_t pos = 0;
    while (pos < size) {
        size_t length = 0;
        size_t i = pos;
        while (i < size && data[i] >= '0' && data[i] <= '9') {
            if (length > (SIZE_MAX - 9) / 10) {
                return fail(error, TARBALL_ERROR_FORMAT, "pax header at byte %zu: a record length is too large", at);
            }
            length = length * 10 + (size_t)(data[i] - '0');
            i++;
        }
        if (i == pos || i >= size || data[i] != ' ' || length > size - pos || length < i - pos + 3
            || data[pos + length - 1] != '\n') {
            return fail(error, TARBALL_ERROR_FORMAT, "pax header at byte %zu: malformed record at offset %zu", at, pos);
        }
        const unsigned char *keyword = data + i + 1;
        const unsigned char *end = data + pos + length - 1; /* the '\n' */
        const unsigned char *equals = memchr(keyword, '=', (size_t)(end - keyword));
        if (equals == NULL) {
            return fail(error, TARBALL_ERROR_FORMAT, "pax header at byte %zu: a record has no '='", at);
        }
        size_t keyword_length = (size_t)(equals - keyword);
        const unsigned char *value = equals + 1;
        size_t value_length = (size_t)(end - value);
        if (keyword_length == 4 && memcmp(keyword, "path", 4) == 0) {
            if (memchr(value, '\0', value_length) != NULL) {
                return fail(error, TARBALL_ERROR_FORMAT, "pax header at byte %zu: a path contains a NUL byte", at);
            }
            char *name = NULL;
            if (value_length > 0 && (name = copy_name(value, value_length)) == NULL) {
                return fail(error, TARBALL_ERROR_MEMORY, "out of memory");
            }
            set_pending_name(next, name, value_length);
        } else if (keyword_length == 4 && memcmp(keyword, "size", 4) == 0) {
            uint64_t number = 0;
            for (size_t k = 0; k < value_length; k++) {
                uint64_t digit = (uint64_t)(value[k] - '0');
                if (value[k] < '0' || value[k] > '9' || number > (UINT64_MAX - digit) / 10) {
                    return fail(error, TARBALL_ERROR_FIELD, "pax header at byte %zu: size is not a 64-bit number", at);
                }
                number = number * 10 + digit;
            }
            next->has_size = value_length > 0;
            next->size = number;
        }
        pos += length;
    }
    return TARBALL_OK;
}

static int entry_type(unsigned char flag) {
    switch (flag) {
    case '0': case '\0': case '7': return TARBALL_FILE; /* '7' is "contiguous", a file */
    case '5': return TARBALL_DIRECTORY;
    case '2': return TARBALL_SYMLINK;
    case '1': return TARBALL_HARDLINK;
    default: return TARBALL_OTHER;
    }
}

static int add_entry(tarball_t *tarball, const entry *e) {
    if (tarball->count == tarball->capacity) {
        size_t capacity = tarball->capacity == 0 ? 16 : tarball->capacity * 2;
        entry *grown = realloc(tarball->entries, capacity * sizeof *grown);
        if (grown == NULL) {
            return 0;
        }
        tarball->entries = grown;
        tarball->capacity = capacity;
    }
    tarball->entries[tarball->count++] = *e;
    return 1;
}

/* The name from the header: ustar splits long names into prefix "/" name. */
static char *header_name(const unsigned char *header, size_t *length) {
    size_t name_length = field_length(header + NAME_AT, NAME_SIZE);
    size_t prefix_length = 0;
    if (memcmp(header + MAGIC_AT, "ustar\0", 6) == 0) { /* POSIX; GNU's magic is "ustar " */
        prefix_length = field_length(header + PREFIX_AT, PREFIX_SIZE);
    }
    size_t total = prefix_length + (prefix_length > 0) + name_length;
    char *name = malloc(total + 1);
    if (name == NULL) {
        return NULL;
    }
    if (prefix_length > 0) {
        memcpy(name, header + PREFIX_AT, prefix_length);
        name[prefix_length] = '/';
    }
    memcpy(name + total - name_length, header + NAME_AT, name_length);
    name[total] = '\0';
    *length = total;
    return name;
}

/* Walks the headers and fills tarball->entries. */
static int parse(tarball_t *tarball, tarball_error *error) {
    const unsigned char *buffer = tarball->buffer;
    size_t end = tarball->buffer_size;
    size_t pos = 0;
    pending next = {NULL, 0, 0, 0};
    int status = TARBALL_OK;

    while (pos < end) {
        if (end - pos < BLOCK) {
            status = fail(error, TARBALL_ERROR_TRUNCATED,
                          "the archive ends in the middle of a header (at byte %zu of %zu)", pos, end);
            break;
        }
        const unsigned char *header = buffer + pos;
        if (is_zero_block(header)) {
            break; /* the end-of-archive marker */
        }
        uint64_t stored_checksum = 0;
        if (!parse_number(header + CHECKSUM_AT, CHECKSUM_SIZE, &stored_checksum)) {
            status = fail(error, TARBALL_ERROR_FIELD,
                          "the header at byte %zu has a checksum field that is not an octal number "
                          "(not a tar archive?)", pos);
            break;
        }
        if (!checksum_matches(header, stored_checksum)) {
            status = fail(error, TARBALL_ERROR_CHECKSUM,
                          "the header at byte %zu has a wrong checksum (damaged, or not a tar archive)", pos);
            break;
        }
        uint64_t size = 0;
        if (!parse_number(header + SIZE_AT, SIZE_SIZE, &size)) {
            status = fail(error, TARBALL_ERROR_FIELD, "the header at byte %zu has a size field that is not a number", pos);
            break;
        }
        unsigned char flag = header[TYPE_AT];
        int extended = flag == 'L' || flag == 'K' || flag == 'x' || flag == 'g';
        if (!extended && next.has_size) {
            size = next.size; /* a pax "size" record overrides the header */
        }
        size_t data_at = pos + BLOCK;
        size_t available = end - data_at;
        if (size > available) {
            status = fail(error, TARBALL_ERROR_SIZE,
                          "the entry at byte %zu says its data is %llu bytes, but only %zu bytes follow",
                          pos, (unsigned long long)size, available);
            break;
        }
        size_t rest = (size_t)size % BLOCK; /* data is padded to a whole block */
        size_t padded = rest == 0 ? (size_t)size : (size_t)size + (BLOCK - rest);
        if (padded > available) {
            status = fail(error, TARBALL_ERROR_TRUNCATED,
                          "the archive ends in the padding of the entry at byte %zu", pos);
            break;
        }
        const unsigned char *data = buffer + data_at;

        if (flag == 'L') { /* GNU long name: the data is the next entry's name */
            size_t length = field_length(data, (size_t)size);
            char *name = copy_name(data, length);
            if (name == NULL) {
                status = fail(error, TARBALL_ERROR_MEMORY, "out of memory");
                break;
            }
            set_pending_name(&next, name, length);
        } else if (flag == 'x') { /* pax: records about the next entry */
            status = parse_pax(data, (size_t)size, pos, &next, error);
            if (status != TARBALL_OK) {
                break;
            }
        } else if (!extended) { /* 'K' (long link name) and 'g' (pax global) are skipped */
            entry e = {NULL, 0, (size_t)size, data_at, entry_type(flag)};
            if (next.name != NULL) {
                e.name = next.name;
                e.name_length = next.name_length;
                next.name = NULL;
            } else {
                e.name = header_name(header, &e.name_length);
            }
            if (e.name == NULL || !add_entry(tarball, &e)) {
                free(e.name);
                status = fail(error, TARBALL_ERROR_MEMORY, "out of memory");
                break;
            }
            next.has_size = 0;
        }
        pos = data_at + padded;
    }
    free(next.name);
    return status;
}

static tarball_t *open_buffer(unsigned char *buffer, size_t size, tarball_error *error) {
    tarball_t *tarball = calloc(1, sizeof *tarball);
    if (tarball == NULL) {
        free(buffer);
        fail(error, TARBALL_ERROR_MEMORY, "out of memory");
        return NULL;
    }
    tarball->buffer = buffer;
    tarball->buffer_size = size;
    if (parse(tarball, error) != TARBALL_OK) {
        tarball_close(tarball);
        return NULL;
    }
    if (error != NULL) {
        error->code = TARBALL_OK;
        error->message[0] = '\0';
    }
    return tarball;
}

tarball_t *tarball_open_memory(const void *data, size_t size, tarball_error *error) {
    if (data == NULL && size > 0) {
        fail(error, TARBALL_ERROR_IO, "no data");
        return NULL;
    }
    unsigned char *buffer = malloc(size > 0 ? size : 1);
    if (buffer == NULL) {
        fail(error, TARBALL_ERROR_MEMORY, "out of memory");
        return NULL;
    }
    if (size > 0) {
        memcpy(buffer, data, size);
    }
    return open_buffer(buffer, size, error);
}

tarball_t *tarball_open(const char *path, tarball_error *error) {
    if (path == NULL) {
        fail(error, TARBALL_ERROR_IO, "no path");
        return NULL;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fail(error, TARBALL_ERROR_IO, "cannot open it: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        fail(error, TARBALL_ERROR_IO, "not a regular file");
        close(fd);
        return NULL;
    }
    size_t size = (size_t)st.st_size;
    unsigned char *buffer = malloc(size > 0 ? size : 1);
    if (buffer == NULL) {
        fail(error, TARBALL_ERROR_MEMORY, "out of memory for its %zu bytes", size);
        close(fd);
        return NULL;
    }
    size_t done = 0;
    while (done < size) {
        ssize_t got = read(fd, buffer + done, size - done);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            fail(error, TARBALL_ERROR_IO, "cannot read it: %s", got < 0 ? strerror(errno) : "the file shrank while being read");
            free(buffer);
            close(fd);
            return NULL;
        }
        done += (size_t)got;
    }
    close(fd);
    return open_buffer(buffer, size, error);
}

size_t tarball_count(const tarball_t *tarball) {
    return tarball == NULL ? 0 : tarball->count;
}

const char *tarball_file_name(const tarball_t *tarball, size_t index, size_t *length) {
    if (tarball == NULL || index >= tarball->count) {
        return NULL;
    }
    if (length != NULL) {
        *length = tarball->entries[index].name_length;
    }
    return tarball->entries[index].name;
}

int tarball_file_type(const tarball_t *tarball, size_t index) {
    if (tarball == NULL || index >= tarball->count) {
        return -1;
    }
    return tarball->entries[index].type;
}

const char *tarball_file_data(const tarball_t *tarball, size_t index, size_t *size) {
    if (tarball == NULL || index >= tarball->count) {
        return NULL;
    }
    if (size != NULL) {
        *size = tarball->entries[index].size;
    }
    return (const char *)tarball->buffer + tarball->entries[index].offset;
}

void tarball_close(tarball_t *tarball) {
    if (tarball == NULL) {
        return;
    }
    for (size_t i = 0; i < tarball->count; i++) {
        free(tarball->entries[i].name);
    }
    free(tarball->entries);
    free(tarball->buffer);
    free(tarball);
}
