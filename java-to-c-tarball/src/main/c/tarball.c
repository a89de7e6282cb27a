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
#define MAX_EXTENDED (1024 * 1024) /* the most a pax header or a GNU long name may hold */

/* Where the fields of a header are (POSIX ustar; GNU tar uses the same places). */
#define NAME_AT 0
#define NAME_SIZE 100
#define SIZE_AT 124
#define SIZE_SIZE 12
#define CHECKSUM_AT 148
#define CHECKSUM_SIZE 8
#define TYPE_AT 156
#define LINK_AT 157
#define LINK_SIZE 100
#define MAGIC_AT 257
#define PREFIX_AT 345
#define PREFIX_SIZE 155
/* Old GNU sparse files ('S'): four (offset, length) pairs of 12-byte numbers in the header,
 * then a flag saying that 512-byte extension blocks of 21 more pairs follow the header. */
#define GNU_SPARSE_AT 386
#define GNU_EXTENDED_AT 482
#define GNU_REALSIZE_AT 483
#define GNU_EXTENSION_PAIRS 21
#define GNU_EXTENSION_FLAG_AT 504

typedef struct {
    uint64_t offset; /* in the file */
    uint64_t length;
    uint64_t stored_at; /* where its bytes start in the entry's stored data */
} chunk;

/* A sparse file's map: chunks in file order. */
typedef struct {
    chunk *items;
    size_t count, capacity;
} chunk_list;

typedef struct {
    char *name; /* malloc'ed, NUL-terminated */
    size_t name_length;
    char *link; /* malloc'ed, or NULL for "" */
    size_t link_length;
    uint64_t size;  /* the content's length (a sparse file's real size) */
    size_t offset;  /* of the data in the buffer */
    size_t stored;  /* bytes of data at offset */
    chunk_list chunks; /* a sparse file's map: where its stored bytes go (no empty chunk) */
    int type;
} entry;

struct tarball {
    unsigned char *buffer;
    size_t buffer_size;
    entry *entries;
    size_t count;
    size_t capacity;
    size_t memory; /* bytes taken for this archive: its buffer and every allocation of the index */
    int over_budget; /* an allocation was refused because memory would pass TARBALL_MAX_MEMORY */
};

/* What the extended headers before an entry said about it ('L', 'K' and 'x'). */
typedef struct {
    char *name; /* NULL unless a long name or a pax path was given */
    size_t name_length;
    char *link;
    size_t link_length;
    char *sparse_name; /* GNU.sparse.name: the real name of a pax sparse file */
    size_t sparse_name_length;
    int has_size;
    uint64_t size;
    int has_realsize; /* GNU.sparse.realsize (1.0) or GNU.sparse.size (0.x) */
    uint64_t realsize;
    int sparse_major, sparse_minor; /* -1 if not given */
    int sparse_records;             /* any GNU.sparse.* record at all */
    enum { NO_MAP, MAP_0_0, MAP_0_1 } map; /* 0.0: offset/numbytes records; 0.1: one GNU.sparse.map */
    chunk_list chunks;
    int has_offset; /* 0.0: an offset waits for its numbytes */
    uint64_t offset;
    int has_numblocks;
    uint64_t numblocks;
    int pax_given; /* a pax header came: another one replaces it */
    int pax_path, pax_linkpath; /* a pax path or linkpath came: a GNU long name or link name does not replace it */
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

/* Every allocation for an archive is counted against TARBALL_MAX_MEMORY, so that a small archive
 * cannot ask for far more memory than its size. Freed bytes are not given back: an upper bound. */
static void *allocate(tarball_t *t, void *old, size_t old_size, size_t new_size) {
    if (new_size > old_size && new_size - old_size > TARBALL_MAX_MEMORY - t->memory) {
        t->over_budget = 1;
        return NULL;
    }
    void *grown = realloc(old, new_size);
    if (grown != NULL && new_size > old_size) {
        t->memory += new_size - old_size;
    }
    return grown;
}

/* Why an allocation failed: the cap, or the system's own memory. */
static int no_memory(const tarball_t *t, tarball_error *error) {
    if (t->over_budget) {
        return fail(error, TARBALL_ERROR_LIMIT, "it needs more than %llu bytes of memory (the archive and its index), "
                    "the most this reader gives one archive", (unsigned long long)TARBALL_MAX_MEMORY);
    }
    return fail(error, TARBALL_ERROR_MEMORY, "out of memory");
}

static char *copy_name(tarball_t *t, const void *bytes, size_t length) {
    char *name = allocate(t, NULL, 0, length + 1);
    if (name != NULL) {
        memcpy(name, bytes, length);
        name[length] = '\0';
    }
    return name;
}

static int parse_field(const unsigned char *field, size_t width, int allow_empty, int strict, uint64_t *value);

/* A header number field, read as GNU tar reads it: octal digits after optional spaces, ended by
 * a space, a NUL or the field's end (what follows that is ignored); or GNU base-256 (first byte
 * 0x80: a big-endian binary number). A field with no digits before its first NUL (all NULs:
 * GNU volume labels, some writers) is 0 where allow_empty says so. The checksum is read
 * strictly (strict = 1): nothing but spaces and NULs may follow its digits. */
static int parse_number(const unsigned char *field, size_t width, int allow_empty, uint64_t *value) {
    return parse_field(field, width, allow_empty, 0, value);
}

static int parse_field(const unsigned char *field, size_t width, int allow_empty, int strict, uint64_t *value) {
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
    for (size_t k = i; k < (strict ? width : i + 1) && k < width; k++) {
        if (field[k] != ' ' && field[k] != '\0') {
            return 0; /* a non-octal character */
        }
    }
    if (i == first_digit && !allow_empty) {
        return 0; /* no digits at all */
    }
    *value = result;
    return 1;
}

/* A decimal number in a pax record or a sparse map: digits only, at most 64 bits. */
static int parse_decimal(const unsigned char *text, size_t length, uint64_t *value) {
    uint64_t number = 0;
    for (size_t k = 0; k < length; k++) {
        uint64_t digit = (uint64_t)(text[k] - '0');
        if (text[k] < '0' || text[k] > '9' || number > (UINT64_MAX - digit) / 10) {
            return 0;
        }
        number = number * 10 + digit;
    }
    *value = number;
    return length > 0;
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

/* Replaces *text with a copy of the bytes (NULL for an empty value: "not given"). */
static int set_text(tarball_t *t, char **text, size_t *text_length, const unsigned char *bytes, size_t length) {
    char *copy = NULL;
    if (length > 0 && (copy = copy_name(t, bytes, length)) == NULL) {
        return 0;
    }
    free(*text);
    *text = copy;
    *text_length = length;
    return 1;
}

/* Appends a chunk to the map of the entry (or pax header) at byte at. */
static int add_chunk(tarball_t *t, chunk_list *chunks, uint64_t offset, uint64_t length, size_t at, tarball_error *error) {
    if (chunks->count == TARBALL_MAX_SPARSE_CHUNKS) {
        return fail(error, TARBALL_ERROR_LIMIT, "the sparse map at byte %zu has more than %d chunks, the most this "
                    "reader accepts", at, TARBALL_MAX_SPARSE_CHUNKS);
    }
    if (chunks->count == chunks->capacity) {
        size_t capacity = chunks->capacity == 0 ? 8 : chunks->capacity * 2;
        chunk *grown = allocate(t, chunks->items, chunks->capacity * sizeof *grown, capacity * sizeof *grown);
        if (grown == NULL) {
            return no_memory(t, error);
        }
        chunks->items = grown;
        chunks->capacity = capacity;
    }
    chunks->items[chunks->count++] = (chunk){offset, length, 0};
    return TARBALL_OK;
}

static void clear_pending(pending *next) {
    free(next->name);
    free(next->link);
    free(next->sparse_name);
    free(next->chunks.items);
    memset(next, 0, sizeof *next);
    next->sparse_major = next->sparse_minor = -1;
}

#define KEY(name) (keyword_length == sizeof(name) - 1 && memcmp(keyword, name, sizeof(name) - 1) == 0)

/* One pax record about the next entry. We use path, linkpath, size and GNU's sparse records;
 * others (times, owners, ...) are skipped. */
static int pax_record(tarball_t *t, const unsigned char *keyword, size_t keyword_length, const unsigned char *value,
                      size_t value_length, size_t at, pending *next, tarball_error *error) {
    uint64_t number = 0;
    if (keyword_length == 0 || memchr(keyword, '\0', keyword_length) != NULL) {
        return fail(error, TARBALL_ERROR_FORMAT, "pax header at byte %zu: a keyword is empty or contains a NUL byte", at);
    }
    int text = KEY("path") || KEY("linkpath") || KEY("GNU.sparse.name");
    if (text && memchr(value, '\0', value_length) != NULL) {
        return fail(error, TARBALL_ERROR_FORMAT, "pax header at byte %zu: a %.*s contains a NUL byte", at,
                    (int)keyword_length, keyword);
    }
    int numeric = KEY("size") || KEY("GNU.sparse.size") || KEY("GNU.sparse.realsize") || KEY("GNU.sparse.major")
                  || KEY("GNU.sparse.minor") || KEY("GNU.sparse.numblocks") || KEY("GNU.sparse.offset")
                  || KEY("GNU.sparse.numbytes");
    if (numeric && value_length > 0 && !parse_decimal(value, value_length, &number)) {
        return fail(error, TARBALL_ERROR_FIELD, "pax header at byte %zu: %.*s is not a 64-bit number", at,
                    (int)keyword_length, keyword);
    }
    int ok = 1, status = TARBALL_OK;
    if (keyword_length >= 10 && memcmp(keyword, "GNU.sparse", 10) == 0) { /* as libarchive counts them */
        next->sparse_records = 1;
    }
    if (KEY("path")) {
        next->pax_path = 1;
        ok = set_text(t, &next->name, &next->name_length, value, value_length);
    } else if (KEY("linkpath")) {
        next->pax_linkpath = 1;
        ok = set_text(t, &next->link, &next->link_length, value, value_length);
    } else if (KEY("GNU.sparse.name")) {
        ok = set_text(t, &next->sparse_name, &next->sparse_name_length, value, value_length);
    } else if (KEY("size")) {
        next->has_size = value_length > 0;
        next->size = number;
    } else if (KEY("GNU.sparse.size") || KEY("GNU.sparse.realsize")) {
        next->has_realsize = value_length > 0;
        next->realsize = number;
    } else if (KEY("GNU.sparse.major") || KEY("GNU.sparse.minor")) {
        int small = number > 1000 ? 1000 : (int)number;
        *(KEY("GNU.sparse.major") ? &next->sparse_major : &next->sparse_minor) = value_length > 0 ? small : -1;
    } else if (KEY("GNU.sparse.numblocks")) {
        if (next->map != NO_MAP) { /* GNU tar would start the map again: refuse to guess */
            return fail(error, TARBALL_ERROR_FORMAT, "pax header at byte %zu: GNU.sparse.numblocks comes after the "
                        "sparse map it counts", at);
        }
        next->has_numblocks = value_length > 0;
        next->numblocks = number;
    } else if (KEY("GNU.sparse.offset") || KEY("GNU.sparse.numbytes")) { /* 0.0: pairs, in order */
        int is_offset = KEY("GNU.sparse.offset");
        if (next->map == MAP_0_1) {
            return fail(error, TARBALL_ERROR_FORMAT, "pax header at byte %zu: GNU.sparse.%s after a GNU.sparse.map: "
                        "two sparse maps", at, is_offset ? "offset" : "numbytes");
        }
        if (value_length == 0 || is_offset == next->has_offset) {
            return fail(error, TARBALL_ERROR_FORMAT, "pax header at byte %zu: GNU.sparse.offset and "
                        "GNU.sparse.numbytes records do not come in pairs", at);
        }
        if (!next->has_numblocks) { /* GNU tar writes the count first, and refuses pairs beyond it; Go needs it */
            return fail(error, TARBALL_ERROR_FORMAT, "pax header at byte %zu: GNU.sparse.offset before "
                        "GNU.sparse.numblocks", at);
        }
        next->map = MAP_0_0;
        if (!is_offset) { /* a chunk is added only when its pair is whole */
            status = add_chunk(t, &next->chunks, next->offset, number, at, error);
        }
        next->offset = number, next->has_offset = is_offset;
    } else if (KEY("GNU.sparse.map")) { /* 0.1: "offset,length,offset,length,..." */
        if (next->map != NO_MAP) {
            return fail(error, TARBALL_ERROR_FORMAT, "pax header at byte %zu: a GNU.sparse.map after %s: two sparse "
                        "maps", at, next->map == MAP_0_1 ? "another one" : "GNU.sparse.offset records");
        }
        next->map = MAP_0_1;
        size_t start = 0, numbers = 0;
        uint64_t offset = 0;
        for (size_t k = 0; status == TARBALL_OK && k <= value_length && value_length > 0; k++) {
            if (k < value_length && value[k] != ',') {
                continue;
            }
            if (!parse_decimal(value + start, k - start, &number)) {
                return fail(error, TARBALL_ERROR_FORMAT, "pax header at byte %zu: GNU.sparse.map is not a "
                            "list of numbers", at);
            }
            if (numbers++ % 2 == 0) {
                offset = number;
            } else {
                status = add_chunk(t, &next->chunks, offset, number, at, error);
            }
            start = k + 1;
        }
        if (status == TARBALL_OK && numbers % 2 != 0) {
            return fail(error, TARBALL_ERROR_FORMAT, "pax header at byte %zu: GNU.sparse.map has an odd count "
                        "of numbers", at);
        }
    }
    return !ok ? no_memory(t, error) : status;
}

/* pax extended header data: records "<length> <keyword>=<value>\n", where <length> is the
 * decimal length of the whole record. */
static int parse_pax(tarball_t *t, const unsigned char *data, size_t size, size_t at, pending *next, tarball_error *error) {
    size_t pos = 0;
    while (pos < size && data[pos] != '\0') { /* a NUL ends the records (padding), as GNU tar reads them */
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
        int status = pax_record(t, keyword, (size_t)(equals - keyword), equals + 1, (size_t)(end - equals - 1), at,
                                next, error);
        if (status != TARBALL_OK) {
            return status;
        }
        pos += length;
    }
    return TARBALL_OK;
}

/* The type of an entry from its type flag. Header-only types have no data in the archive. */
static int entry_type(unsigned char flag, int *header_only) {
    *header_only = 1;
    switch (flag) {
    case '1': return TARBALL_HARDLINK;
    case '2': return TARBALL_SYMLINK;
    case '3': return TARBALL_CHARACTER_DEVICE;
    case '4': return TARBALL_BLOCK_DEVICE;
    case '5': return TARBALL_DIRECTORY;
    case '6': return TARBALL_FIFO;
    }
    *header_only = 0;
    switch (flag) {
    case '0': case '\0': case '7': return TARBALL_FILE; /* '7' is "contiguous", a file */
    case 'S': return TARBALL_SPARSE_FILE;
    case 'D': return TARBALL_DIRECTORY; /* GNU incremental: data lists the directory */
    default: return TARBALL_OTHER;
    }
}

static int add_entry(tarball_t *tarball, const entry *e) {
    if (tarball->count == tarball->capacity) {
        size_t capacity = tarball->capacity == 0 ? 16 : tarball->capacity * 2;
        entry *grown = allocate(tarball, tarball->entries, tarball->capacity * sizeof *grown, capacity * sizeof *grown);
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
static char *header_name(tarball_t *t, const unsigned char *header, size_t *length) {
    size_t name_length = field_length(header + NAME_AT, NAME_SIZE);
    size_t prefix_length = 0;
    /* POSIX's magic is "ustar\0"; GNU's is "ustar  \0", and GNU uses these bytes for other things.
     * Like libarchive, take any other magic that starts with "ustar" as POSIX. */
    if (memcmp(header + MAGIC_AT, "ustar", 5) == 0 && memcmp(header + MAGIC_AT, "ustar  \0", 8) != 0) {
        prefix_length = field_length(header + PREFIX_AT, PREFIX_SIZE);
    }
    /* a '/' between them, unless the prefix ends with one (as libarchive and Go join them) */
    int slash = prefix_length > 0 && header[PREFIX_AT + prefix_length - 1] != '/';
    size_t total = prefix_length + slash + name_length;
    char *name = allocate(t, NULL, 0, total + 1);
    if (name == NULL) {
        return NULL;
    }
    memcpy(name, header + PREFIX_AT, prefix_length);
    if (slash) {
        name[prefix_length] = '/';
    }
    memcpy(name + total - name_length, header + NAME_AT, name_length);
    name[total] = '\0';
    *length = total;
    return name;
}

/* Old GNU sparse map: pairs in the header, then in extension blocks right after it (before
 * the data). Moves *data_at past the extension blocks. An empty offset field ends a block's pairs. */
static int gnu_sparse_map(tarball_t *t, size_t at, size_t *data_at, entry *e, tarball_error *error) {
    const unsigned char *buffer = t->buffer;
    size_t end = t->buffer_size;
    const unsigned char *pairs = buffer + at + GNU_SPARSE_AT;
    size_t count = 4;
    /* Extension blocks follow when the header says so, unless its first pair is empty: then,
     * as libarchive reads it, there is no map at all (GNU tar stops at any empty pair). */
    int more = buffer[at + GNU_EXTENDED_AT] != 0 && pairs[0] != '\0';
    uint64_t realsize = 0;
    if (!parse_number(buffer + at + GNU_REALSIZE_AT, 12, 1, &realsize)) {
        return fail(error, TARBALL_ERROR_FIELD, "the sparse file at byte %zu has a real size that is not a number", at);
    }
    e->size = realsize;
    for (;;) {
        for (size_t k = 0; k < count && pairs[k * 24] != '\0'; k++) {
            uint64_t offset = 0, length = 0;
            if (!parse_number(pairs + k * 24, 12, 0, &offset) || !parse_number(pairs + k * 24 + 12, 12, 1, &length)) {
                return fail(error, TARBALL_ERROR_FIELD, "the sparse map of the entry at byte %zu has a field that "
                            "is not a number", at);
            }
            int status = add_chunk(t, &e->chunks, offset, length, at, error);
            if (status != TARBALL_OK) {
                return status;
            }
        }
        if (!more) {
            return TARBALL_OK;
        }
        if (end - *data_at < BLOCK) {
            return fail(error, TARBALL_ERROR_TRUNCATED, "the archive ends in the sparse map of the entry at byte %zu", at);
        }
        pairs = buffer + *data_at;
        count = GNU_EXTENSION_PAIRS;
        more = pairs[GNU_EXTENSION_FLAG_AT] != 0;
        *data_at += BLOCK;
    }
}

/* pax sparse 1.0: the map is at the start of the data, in decimal lines ("count\n", then
 * "offset\nlength\n" per chunk), padded to a whole block; the file's bytes follow it. */
static int pax_sparse_map(tarball_t *t, const unsigned char *data, size_t stored, size_t at, entry *e,
                          size_t *map_size, tarball_error *error) {
    size_t pos = 0;
    int status = TARBALL_OK;
    uint64_t numbers[2], count = 0;
    for (uint64_t n = 0; n == 0 || n <= 2 * count; n++) {
        size_t start = pos;
        while (pos < stored && data[pos] != '\n' && pos - start < 21) {
            pos++;
        }
        if (pos >= stored || data[pos] != '\n' || !parse_decimal(data + start, pos - start, &numbers[n % 2])) {
            return fail(error, TARBALL_ERROR_FORMAT, "the sparse map of the entry at byte %zu is malformed", at);
        }
        pos++;
        if (n == 0) {
            count = numbers[0];
            if (count > TARBALL_MAX_SPARSE_CHUNKS) {
                return fail(error, TARBALL_ERROR_LIMIT, "the sparse map of the entry at byte %zu lists %llu chunks, "
                            "more than the %d this reader accepts", at, (unsigned long long)count, TARBALL_MAX_SPARSE_CHUNKS);
            }
            if (count > stored / 4) { /* each chunk needs at least "0\n0\n" */
                return fail(error, TARBALL_ERROR_FORMAT, "the sparse map of the entry at byte %zu lists more "
                            "chunks than it has room for", at);
            }
        } else if (n % 2 == 0 && (status = add_chunk(t, &e->chunks, numbers[1], numbers[0], at, error)) != TARBALL_OK) {
            return status;
        }
    }
    *map_size = (pos + BLOCK - 1) / BLOCK * BLOCK;
    if (*map_size > stored) {
        return fail(error, TARBALL_ERROR_FORMAT, "the sparse map of the entry at byte %zu is malformed", at);
    }
    return TARBALL_OK;
}

/* A sparse map must lie inside the file, in order, and account for every stored byte. Then its
 * empty chunks go (they hold nothing), and each chunk learns where its bytes are stored: every
 * chunk left covers at least one byte, which keeps tarball_file_read's loop as short as its copy. */
static int check_sparse_map(entry *e, size_t at, tarball_error *error) {
    uint64_t end = 0, total = 0;
    size_t kept = 0;
    if (e->size > INT64_MAX) { /* a size Java's long (and libarchive's) cannot hold */
        return fail(error, TARBALL_ERROR_FIELD, "the sparse file at byte %zu has a real size over 2^63 - 1", at);
    }
    for (size_t k = 0; k < e->chunks.count; k++) {
        chunk c = e->chunks.items[k];
        if (c.offset < end || c.length > e->size || c.offset > e->size - c.length) {
            return fail(error, TARBALL_ERROR_FORMAT, "the sparse map of the entry at byte %zu has a chunk out of "
                        "order or past the file's size", at);
        }
        end = c.offset + c.length;
        c.stored_at = total;
        total += c.length;
        if (c.length > 0) {
            e->chunks.items[kept++] = c;
        }
    }
    if (total != e->stored) {
        return fail(error, TARBALL_ERROR_FORMAT, "the sparse map of the entry at byte %zu accounts for %llu bytes, "
                    "but the entry holds %zu", at, (unsigned long long)total, e->stored);
    }
    e->chunks.count = kept;
    return TARBALL_OK;
}

static void free_entry(entry *e) {
    free(e->name);
    free(e->link);
    free(e->chunks.items);
}

/* The entry whose header is at pos, with what the extended headers said (next). Returns its
 * padded data's end in *after. */
static int read_entry(tarball_t *tarball, size_t pos, uint64_t size, pending *next, size_t *after,
                      tarball_error *error) {
    const unsigned char *buffer = tarball->buffer, *header = buffer + pos;
    size_t end = tarball->buffer_size, data_at = pos + BLOCK;
    unsigned char flag = header[TYPE_AT];
    int header_only = 0, status = TARBALL_OK;
    entry e = {0};
    e.type = entry_type(flag, &header_only);
    if (e.type == TARBALL_SPARSE_FILE && memcmp(header + MAGIC_AT, "ustar  \0", 8) != 0) {
        e.type = TARBALL_OTHER; /* the sparse fields exist only in GNU's header (elsewhere: ustar's prefix) */
    }
    if (next->sparse_name != NULL) { /* a pax sparse file's header name is a placeholder */
        e.name = next->sparse_name, e.name_length = next->sparse_name_length, next->sparse_name = NULL;
    } else if (next->name != NULL) {
        e.name = next->name, e.name_length = next->name_length, next->name = NULL;
    } else if ((e.name = header_name(tarball, header, &e.name_length)) == NULL) {
        return no_memory(tarball, error);
    }
    if (next->has_size) {
        size = next->size; /* a pax "size" record overrides the header */
    }
    if (((e.type == TARBALL_FILE && !next->sparse_records) || (e.type == TARBALL_OTHER && flag != 'M')) && e.name_length > 0
        && e.name[e.name_length - 1] == '/') { /* (not a pax sparse file, nor GNU's 'M', the rest of a file from the volume before) */
        e.type = TARBALL_DIRECTORY, header_only = 1; /* v7 (and other old tars): a directory */
    }
    if (e.type == TARBALL_HARDLINK || e.type == TARBALL_SYMLINK) {
        if (next->link != NULL) {
            e.link = next->link, e.link_length = next->link_length, next->link = NULL;
        } else if ((e.link_length = field_length(header + LINK_AT, LINK_SIZE)) > 0
                   && (e.link = copy_name(tarball, header + LINK_AT, e.link_length)) == NULL) {
            free_entry(&e);
            return no_memory(tarball, error);
        }
    }
    if (header_only) {
        size = 0;
    }
    if (e.type == TARBALL_SPARSE_FILE) {
        status = gnu_sparse_map(tarball, pos, &data_at, &e, error);
    }
    size_t available = end - data_at;
    if (status == TARBALL_OK && size > available) {
        status = fail(error, TARBALL_ERROR_SIZE, "the entry at byte %zu says its data is %llu bytes, but only %zu "
                      "bytes follow", pos, (unsigned long long)size, available);
    }
    size_t padded = (size_t)size + (BLOCK - (size_t)size % BLOCK) % BLOCK;
    if (status == TARBALL_OK && padded > available) {
        status = fail(error, TARBALL_ERROR_TRUNCATED, "the archive ends in the padding of the entry at byte %zu", pos);
    }
    e.offset = data_at, e.stored = (size_t)size;
    if (e.type != TARBALL_SPARSE_FILE) {
        e.size = size;
    }
    int pax_sparse = next->sparse_records;
    if (status == TARBALL_OK && pax_sparse && flag != '0') { /* as libarchive: GNU tar writes '0' */
        status = fail(error, TARBALL_ERROR_FORMAT, "the entry at byte %zu has pax sparse records, but it is not a "
                      "regular file (type '0')", pos);
    } else if (status == TARBALL_OK && pax_sparse && e.type == TARBALL_FILE) {
        e.type = TARBALL_SPARSE_FILE;
        e.size = next->has_realsize ? next->realsize : size;
        int version_1_0 = next->sparse_major == 1 && next->sparse_minor == 0;
        if (version_1_0 && (next->map != NO_MAP || next->has_numblocks)) {
            status = fail(error, TARBALL_ERROR_FORMAT, "the sparse map of the entry at byte %zu is both in its data "
                          "(1.0) and in its pax header", pos);
        } else if (version_1_0) {
            size_t map_size = 0;
            status = pax_sparse_map(tarball, buffer + data_at, e.stored, pos, &e, &map_size, error);
            e.offset += map_size, e.stored -= map_size;
        } else if (next->sparse_major > 0 || (next->map == NO_MAP && !next->has_numblocks)) {
            status = fail(error, TARBALL_ERROR_FORMAT, "the entry at byte %zu is a pax sparse file of a format "
                          "this reader does not know, or has no map", pos);
        } else if (next->has_offset) {
            status = fail(error, TARBALL_ERROR_FORMAT, "the sparse map of the entry at byte %zu ends with a "
                          "GNU.sparse.offset that has no GNU.sparse.numbytes", pos);
        } else if (next->has_numblocks && next->numblocks != next->chunks.count) {
            status = fail(error, TARBALL_ERROR_FORMAT, "the sparse map of the entry at byte %zu has %zu chunks, but "
                          "its GNU.sparse.numblocks says %llu", pos, next->chunks.count, (unsigned long long)next->numblocks);
        } else {
            e.chunks = next->chunks; /* the entry takes the map over */
            next->chunks = (chunk_list){0};
        }
    }
    if (status == TARBALL_OK && e.type == TARBALL_SPARSE_FILE) {
        status = check_sparse_map(&e, pos, error);
    }
    if (status == TARBALL_OK && !add_entry(tarball, &e)) {
        status = no_memory(tarball, error);
    }
    if (status != TARBALL_OK) {
        free_entry(&e);
    }
    *after = data_at + padded;
    return status;
}

/* Walks the headers and fills tarball->entries. */
static int parse(tarball_t *tarball, tarball_error *error) {
    const unsigned char *buffer = tarball->buffer;
    size_t end = tarball->buffer_size;
    size_t pos = 0;
    pending next = {0};
    clear_pending(&next);
    int status = TARBALL_OK;
    size_t extended_at = SIZE_MAX; /* an extended header that still waits for its entry */

    while (pos < end && status == TARBALL_OK) {
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
        if (!parse_field(header + CHECKSUM_AT, CHECKSUM_SIZE, 0, 1, &stored_checksum)) {
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
        if (!parse_number(header + SIZE_AT, SIZE_SIZE, 1, &size)) {
            status = fail(error, TARBALL_ERROR_FIELD, "the header at byte %zu has a size field that is not a number", pos);
            break;
        }
        unsigned char flag = header[TYPE_AT];
        if (flag != 'L' && flag != 'K' && flag != 'x' && flag != 'X' && flag != 'g' && flag != 'V' && flag != 'A') {
            status = read_entry(tarball, pos, size, &next, &pos, error);
            clear_pending(&next);
            extended_at = SIZE_MAX;
            continue;
        }
        size_t data_at = pos + BLOCK;
        size_t available = end - data_at;
        if (flag != 'V' && size > MAX_EXTENDED) {
            status = fail(error, TARBALL_ERROR_FORMAT, "the extended header at byte %zu is %llu bytes, more than "
                          "the %d this reader accepts", pos, (unsigned long long)size, MAX_EXTENDED);
            break;
        }
        if (size > available) {
            status = fail(error, TARBALL_ERROR_SIZE,
                          "the entry at byte %zu says its data is %llu bytes, but only %zu bytes follow",
                          pos, (unsigned long long)size, available);
            break;
        }
        size_t padded = (size_t)size + (BLOCK - (size_t)size % BLOCK) % BLOCK;
        if (padded > available) {
            status = fail(error, TARBALL_ERROR_TRUNCATED,
                          "the archive ends in the padding of the entry at byte %zu", pos);
            break;
        }
        const unsigned char *data = buffer + data_at;
        if (flag != 'g' && flag != 'V') {
            extended_at = pos;
        }
        if ((flag == 'L' && next.pax_path) || (flag == 'K' && next.pax_linkpath)) {
            /* a pax path or linkpath wins over a GNU long name, as GNU tar and libarchive read them */
        } else if (flag == 'L' || flag == 'K') { /* GNU long name or link name: the data is the next entry's */
            int ok = flag == 'L' ? set_text(tarball, &next.name, &next.name_length, data, field_length(data, (size_t)size))
                                 : set_text(tarball, &next.link, &next.link_length, data, field_length(data, (size_t)size));
            if (!ok) {
                status = no_memory(tarball, error);
            }
        } else if (flag == 'x' || flag == 'X') { /* pax ('X': Solaris): records about the next entry */
            if (next.pax_given) {
                clear_pending(&next); /* a second pax header replaces the first, as GNU tar, libarchive and Go read it */
            }
            next.pax_given = 1;
            status = parse_pax(tarball, data, (size_t)size, pos, &next, error);
        } /* 'g' (pax global records), 'V' (a GNU volume label) and 'A' (a Solaris ACL) are skipped */
        pos = data_at + padded;
    }
    if (status == TARBALL_OK && extended_at != SIZE_MAX) {
        status = fail(error, TARBALL_ERROR_FORMAT, "the archive ends after the extended header at byte %zu, before "
                      "the entry it describes", extended_at);
    }
    clear_pending(&next);
    return status;
}

/* The archive is read whole into memory, so it counts against TARBALL_MAX_MEMORY too. */
static int too_large(unsigned long long size, tarball_error *error) {
    return size > TARBALL_MAX_MEMORY ? fail(error, TARBALL_ERROR_LIMIT, "the archive is %llu bytes, more than the %llu "
                                            "this reader holds in memory for one archive", size,
                                            (unsigned long long)TARBALL_MAX_MEMORY) : TARBALL_OK;
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
    tarball->memory = size;
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
    if (too_large(size, error) != TARBALL_OK) {
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
    if (too_large((unsigned long long)st.st_size, error) != TARBALL_OK) {
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

const char *tarball_link_target(const tarball_t *tarball, size_t index, size_t *length) {
    if (tarball == NULL || index >= tarball->count) {
        return NULL;
    }
    const entry *e = &tarball->entries[index];
    if (length != NULL) {
        *length = e->link_length;
    }
    return e->link != NULL ? e->link : "";
}

unsigned long long tarball_file_size(const tarball_t *tarball, size_t index) {
    return tarball == NULL || index >= tarball->count ? 0 : tarball->entries[index].size;
}

const char *tarball_file_data(const tarball_t *tarball, size_t index, size_t *size) {
    if (tarball == NULL || index >= tarball->count || tarball->entries[index].type == TARBALL_SPARSE_FILE) {
        return NULL;
    }
    if (size != NULL) {
        *size = tarball->entries[index].stored;
    }
    return (const char *)tarball->buffer + tarball->entries[index].offset;
}

const void *tarball_archive(const tarball_t *tarball, size_t *size) {
    if (tarball == NULL) {
        return NULL;
    }
    if (size != NULL) {
        *size = tarball->buffer_size;
    }
    return tarball->buffer;
}

long long tarball_file_read(const tarball_t *tarball, size_t index, unsigned long long offset, void *dest,
                            size_t length) {
    if (tarball == NULL || index >= tarball->count) {
        return -1;
    }
    const entry *e = &tarball->entries[index];
    if (offset >= e->size || length == 0) {
        return 0;
    }
    if (length > e->size - offset) {
        length = (size_t)(e->size - offset);
    }
    if (length > INT64_MAX) {
        length = INT64_MAX;
    }
    uintptr_t to = (uintptr_t)dest, archive = (uintptr_t)tarball->buffer;
    if (dest == NULL || (to < archive + tarball->buffer_size && archive < to + length)) {
        return -1; /* nowhere to write, or into the archive itself: memcpy's arguments would overlap */
    }
    const unsigned char *data = tarball->buffer + e->offset;
    if (e->type != TARBALL_SPARSE_FILE) {
        memcpy(dest, data + offset, length);
        return (long long)length;
    }
    /* A sparse file: zeros, then the part of each chunk inside [offset, last). The chunks are in
     * order and none is empty: a binary search finds the first that ends after offset, and each
     * one from there copies at least one byte, so a call costs O(log chunks + length). */
    memset(dest, 0, length);
    uint64_t last = offset + length;
    const chunk *chunks = e->chunks.items;
    size_t low = 0, high = e->chunks.count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (chunks[middle].offset + chunks[middle].length <= offset) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    for (size_t k = low; k < e->chunks.count && chunks[k].offset < last; k++) {
        const chunk *c = &chunks[k];
        uint64_t from = c->offset > offset ? c->offset : offset;
        uint64_t to_end = c->offset + c->length < last ? c->offset + c->length : last;
        memcpy((unsigned char *)dest + (from - offset), data + c->stored_at + (from - c->offset), (size_t)(to_end - from));
    }
    return (long long)length;
}

void tarball_close(tarball_t *tarball) {
    if (tarball == NULL) {
        return;
    }
    for (size_t i = 0; i < tarball->count; i++) {
        free_entry(&tarball->entries[i]);
    }
    free(tarball->entries);
    free(tarball->buffer);
    free(tarball);
}
