/* libFuzzer harness for tarball.c: `make fuzz` builds it with AddressSanitizer and
 * UndefinedBehaviorSanitizer, so any read outside the buffer, use after free, leak or
 * undefined behaviour stops the run with a report and the input that caused it.
 *
 * It is also a differential fuzzer: every input is read by libarchive too, and an archive that
 * the two list differently (names, types, sizes, link targets, a regular file's bytes), or that
 * one accepts and the other refuses, stops the run with a "DIFFERENT:" line, except for the
 * differences documented in fuzz/README.md (each one is a numbered `documented` call below).
 * Run it on one file to see how both read it: target/fuzz/tarball_fuzzer FILE. */
#define _GNU_SOURCE /* memmem */
#include <archive.h>
#include <archive_entry.h>
#include <locale.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tarball.h"

static int verbose; /* set when run on files given on the command line */

/* Opens the bytes as an archive and touches every byte the library says is ours, so that
 * ASan catches any pointer or size that lies. */
static tarball_t *open_and_read(const uint8_t *data, size_t size, tarball_error *error) {
    tarball_t *tarball = tarball_open_memory(data, size, error);
    if (tarball == NULL) {
        if (verbose) {
            printf("tarball: refused: %s\n", error->message);
        }
        return NULL; /* rejected: fine, as long as it did not read out of bounds getting here */
    }
    volatile unsigned sum = 0;
    size_t count = tarball_count(tarball);
    for (size_t i = 0; i <= count; i++) { /* one past the end must give NULL */
        size_t length = 0, file_size = 0, link_length = 0;
        const char *name = tarball_file_name(tarball, i, &length);
        const char *file = tarball_file_data(tarball, i, &file_size);
        const char *link = tarball_link_target(tarball, i, &link_length);
        int type = tarball_file_type(tarball, i);
        unsigned long long real_size = tarball_file_size(tarball, i);
        if (i == count) {
            if (name != NULL || file != NULL || link != NULL || type != -1 || tarball_file_read(tarball, i, 0, NULL, 0) != -1) {
                __builtin_trap();
            }
            break;
        }
        if (name == NULL || link == NULL || type < 0 || name[length] != '\0' || link[link_length] != '\0'
            || (file == NULL) != (type == TARBALL_SPARSE_FILE) || (file != NULL && file_size != real_size)) {
            __builtin_trap();
        }
        if (verbose) {
            printf("tarball: type %d size %llu name %s%s%s\n", type, real_size, name, link_length ? " -> " : "", link);
        }
        for (size_t k = 0; k < length; k++) {
            sum += (unsigned char)name[k];
        }
        for (size_t k = 0; k < file_size; k++) {
            sum += (unsigned char)file[k];
        }
        /* The copying read: the first 64 KiB, and the last bytes, which for a sparse file are
         * assembled from its chunks; for a plain file they must equal the view. */
        static unsigned char copy[65536];
        unsigned long long starts[2] = {0, real_size > sizeof copy ? real_size - 1000 : 0};
        for (int s = 0; s < 2; s++) {
            long long got = tarball_file_read(tarball, i, starts[s], copy, sizeof copy);
            unsigned long long want = real_size - starts[s] < sizeof copy ? real_size - starts[s] : sizeof copy;
            if (got < 0 || (unsigned long long)got != want || (file != NULL && memcmp(copy, file + starts[s], (size_t)got) != 0)) {
                __builtin_trap();
            }
        }
    }
    return tarball;
}

/* What libarchive says: entries (or NULL and a refusal). */
typedef struct {
    char *name, *link;
    int type; /* a tarball_type */
    long long size;
    unsigned char *data; /* a regular, non-sparse file's bytes */
    int sparse, name_warned;
} other_entry;

static int tarball_type_of(struct archive_entry *e) {
    if (archive_entry_hardlink(e) != NULL) {
        return TARBALL_HARDLINK;
    }
    switch (archive_entry_filetype(e)) {
    case AE_IFREG: return archive_entry_sparse_count(e) > 0 ? TARBALL_SPARSE_FILE : TARBALL_FILE;
    case AE_IFDIR: return TARBALL_DIRECTORY;
    case AE_IFLNK: return TARBALL_SYMLINK;
    case AE_IFCHR: return TARBALL_CHARACTER_DEVICE;
    case AE_IFBLK: return TARBALL_BLOCK_DEVICE;
    case AE_IFIFO: return TARBALL_FIFO;
    case 0: return TARBALL_HARDLINK; /* no type: a hard link with an empty target (hardlink() is NULL), or an 'M' */
    default: return TARBALL_OTHER;
    }
}

static other_entry *read_with_libarchive(const uint8_t *data, size_t size, size_t *count, const char **why, int *warned) {
    struct archive *a = archive_read_new();
    archive_read_support_format_tar(a);
    other_entry *entries = NULL;
    *count = 0;
    *why = NULL;
    int r = archive_read_open_memory(a, data, size);
    struct archive_entry *ae;
    while (r == ARCHIVE_OK && ((r = archive_read_next_header(a, &ae)) == ARCHIVE_OK || r == ARCHIVE_WARN)) {
        entries = realloc(entries, (*count + 1) * sizeof *entries);
        other_entry *e = &entries[(*count)++];
        memset(e, 0, sizeof *e);
        e->name_warned = r == ARCHIVE_WARN;
        const char *name = archive_entry_pathname(ae);
        const char *link = archive_entry_hardlink(ae) != NULL ? archive_entry_hardlink(ae) : archive_entry_symlink(ae);
        e->name = strdup(name != NULL ? name : "");
        e->link = strdup(link != NULL ? link : "");
        e->type = tarball_type_of(ae);
        e->sparse = e->type == TARBALL_SPARSE_FILE;
        e->size = archive_entry_size(ae);
        if (verbose) {
            printf("libarchive: type %d size %lld name %s%s%s (header at %lld)\n", e->type, e->size, e->name, *e->link ? " -> " : "", e->link, (long long)archive_read_header_position(a));
        }
        r = ARCHIVE_OK;
        *warned |= e->name_warned;
        /* Read every entry's data: libarchive is lazy, and skipping a sparse entry trusts its
         * map, so a truncated archive would otherwise go unnoticed. Keep files up to 1 MiB. */
        int keep = (e->type == TARBALL_FILE || e->type == TARBALL_SPARSE_FILE) && e->size >= 0 && e->size <= (1 << 20);
        e->data = keep ? calloc(1, (size_t)e->size + 1) : NULL;
        const void *block;
        size_t length;
        la_int64_t offset;
        while ((r = archive_read_data_block(a, &block, &length, &offset)) == ARCHIVE_OK) {
            if (keep && (offset < 0 || offset > e->size || (la_int64_t)length > e->size - offset)) {
                r = ARCHIVE_FATAL;
                break;
            }
            if (keep) {
                memcpy(e->data + offset, block, length);
            }
        }
        r = r == ARCHIVE_EOF ? ARCHIVE_OK : r;
    }
    if (r != ARCHIVE_EOF) {
        *why = archive_error_string(a) != NULL ? archive_error_string(a) : "refused";
        static char message[300];
        snprintf(message, sizeof message, "%s", *why);
        *why = message;
    }
    archive_read_free(a);
    return entries;
}

static void free_other(other_entry *entries, size_t count) {
    for (size_t i = 0; i < count; i++) {
        free(entries[i].name);
        free(entries[i].link);
        free(entries[i].data);
    }
    free(entries);
}

/* A GNU header whose type is not 'S' but whose sparse fields (map, real size) are filled in:
 * libarchive reads them, GNU tar and we do not. Any 512-byte block counts, as any may be a header. */
static int gnu_sparse_fields_elsewhere(const uint8_t *data, size_t size) {
    for (size_t at = 0; at + 512 <= size; at += 512) {
        const uint8_t *h = data + at;
        if (memcmp(h + 257, "ustar  \0", 8) == 0 && h[156] != 'S' && (h[386] != 0 || h[483] != 0)) {
            return 1;
        }
    }
    return 0;
}

/* A GNU long name or link name ('L', 'K') that is empty (no data, or a NUL first). Any block may be one. */
static int empty_long_name(const uint8_t *data, size_t size) {
    for (size_t at = 0; at + 1024 <= size; at += 512) {
        size_t k = 124, length = 0; /* the size field's leading octal digits, as both readers take them */
        while (k < 124 + 12 && data[at + k] == ' ') {
            k++;
        }
        for (; k < 124 + 12 && data[at + k] >= '0' && data[at + k] <= '7'; k++) {
            length = length * 8 + (size_t)(data[at + k] - '0');
        }
        if ((data[at + 156] == 'L' || data[at + 156] == 'K') && (length == 0 || data[at + 512] == 0)) {
            return 1;
        }
    }
    return 0;
}

/* A GNU volume label ('V') whose size field is not 0: libarchive skips the header alone and reads
 * its data as the next header; GNU tar and we skip the data too. Any block may be one. */
static int volume_label_with_data(const uint8_t *data, size_t size) {
    for (size_t at = 0; at + 512 <= size; at += 512) {
        for (size_t k = 124; data[at + 156] == 'V' && k < 124 + 12; k++) {
            if (data[at + k] != 0 && data[at + k] != ' ' && data[at + k] != '0') {
                return 1; /* a size that is not 0 (or not a number) */
            }
        }
    }
    return 0;
}

/* Our refusal "the entry at byte N ..." of an old GNU sparse entry ('S'), or in an archive with
 * pax sparse records: libarchive skips what the map says, not what the size field says. */
static int refused_a_sparse_entry(const uint8_t *data, size_t size, const char *message) {
    size_t at = 0;
    if (sscanf(message, "the entry at byte %zu", &at) != 1 && sscanf(message, "the archive ends in the padding of the entry at byte %zu", &at) != 1) {
        return 0;
    }
    return (at + 512 <= size && data[at + 156] == 'S') || memmem(data, size, "GNU.sparse", 10) != NULL;
}

static int any_sparse(const other_entry *entries, size_t count) {
    for (size_t i = 0; i < count; i++) {
        if (entries[i].sparse) {
            return 1;
        }
    }
    return 0;
}

/* A difference explained in fuzz/README.md: not a finding. */
static int documented(int number) {
    if (verbose) {
        printf("a documented difference: %d (fuzz/README.md)\n", number);
    }
    return 1;
}

static int differ(const char *what) {
    printf("DIFFERENT: %s\n", what);
    return 0;
}

/* Difference 5: libarchive took the size field of what we read as a hard link as its data
 * (it lists the entry with a non-zero size: a hard link, or a file if the target is empty). */
static int libarchive_read_a_hard_links_data(tarball_t *ours, const other_entry *e, size_t i) {
    return tarball_file_type(ours, i) == TARBALL_HARDLINK && e->size > 0 && (e->type == TARBALL_HARDLINK || e->type == TARBALL_FILE);
}

/* ... at an entry before the listings part, when libarchive then refused the archive. */
static int libarchive_ran_out_after_a_hard_link(tarball_t *ours, const other_entry *theirs, size_t count) {
    for (size_t i = 0; i < count && i < tarball_count(ours); i++) {
        if (libarchive_read_a_hard_links_data(ours, &theirs[i], i)) {
            return 1;
        }
        size_t length = 0;
        const char *name = tarball_file_name(ours, i, &length);
        if (strlen(theirs[i].name) != length || memcmp(theirs[i].name, name, length) != 0) {
            return 0;
        }
    }
    return 0;
}

/* ... or anywhere, when we refused the archive (and so have no listing). */
static int libarchive_read_any_hard_links_data(const other_entry *theirs, size_t count) {
    for (size_t i = 0; i < count; i++) {
        if (theirs[i].type == TARBALL_HARDLINK && theirs[i].size > 0) {
            return 1;
        }
    }
    return 0;
}

/* Difference 16: an old GNU sparse entry whose name ends with '/': libarchive makes it a directory. */
static int sparse_named_like_a_directory(tarball_t *ours) {
    for (size_t i = 0; i < tarball_count(ours); i++) {
        size_t length = 0;
        const char *name = tarball_file_name(ours, i, &length);
        if (tarball_file_type(ours, i) == TARBALL_SPARSE_FILE && length > 0 && name[length - 1] == '/') {
            return 1;
        }
    }
    return 0;
}

/* Difference 17: a pax "size" record on an entry that is a header alone: libarchive lists that
 * size and reads that much data after it. */
static int pax_size_on_a_header_only_entry(const uint8_t *data, size_t size, const other_entry *theirs, size_t count) {
    for (size_t i = 0; i < count && memmem(data, size, " size=", 6) != NULL; i++) {
        int type = theirs[i].type;
        if (type != TARBALL_FILE && type != TARBALL_SPARSE_FILE && type != TARBALL_OTHER && theirs[i].size > 0) {
            return 1;
        }
    }
    return 0;
}

static char detail[2048]; /* the two entries that differ, for the report */

/* Compares the listings of two readers that both accepted the archive. Returns NULL if they
 * agree, else what differs (and the two entries in detail). */
static const char *compare_listings(tarball_t *ours, const other_entry *theirs, size_t count) {
    static unsigned char copy[1 << 20];
    size_t n = tarball_count(ours);
    for (size_t i = 0; i < n && i < count; i++) { /* entry by entry first: a documented one may explain the rest */
        const other_entry *e = &theirs[i];
        size_t length = 0, link_length = 0;
        const char *name = tarball_file_name(ours, i, &length);
        const char *link = tarball_link_target(ours, i, &link_length);
        int type = tarball_file_type(ours, i);
        long long our_size = (long long)tarball_file_size(ours, i);
        int file = type == TARBALL_FILE || type == TARBALL_SPARSE_FILE;
        const char *what = NULL;
        if (e->name_warned && documented(3)) {
            return NULL; /* libarchive warned about this entry and then skips some of its rules: not compared from here */
        }
        if (type == TARBALL_OTHER && e->type == TARBALL_FILE && documented(4)) {
            continue; /* an unknown type: OTHER for us, a regular file for libarchive */
        }
        if (type == TARBALL_HARDLINK && link_length == 0 && e->type != TARBALL_HARDLINK && e->size == 0 && documented(14)) {
            continue; /* a hard link to nothing: libarchive gives it the type its mode field has */
        }
        if (type == TARBALL_OTHER && e->type != TARBALL_FILE && e->type != TARBALL_SPARSE_FILE && e->size == our_size && documented(13)) {
            continue; /* GNU's 'M': libarchive gives it the type its mode field has (none: a "hard link", type 0) */
        }
        if (libarchive_read_a_hard_links_data(ours, e, i) && documented(5)) {
            return NULL; /* a hard link with data: libarchive reads the data (pax, or a guess), we do not */
        }
        if (!e->name_warned && (strlen(e->name) != length || memcmp(e->name, name, length) != 0)) {
            what = "a name";
        } else if (e->type != type && !(file && (e->type == TARBALL_FILE || e->type == TARBALL_SPARSE_FILE))) {
            what = "a type";
        } else if (type != TARBALL_DIRECTORY && type != TARBALL_HARDLINK && e->size != our_size) {
            what = "a size";
        } else if ((type == TARBALL_SYMLINK || type == TARBALL_HARDLINK) && !e->name_warned
                   && (strlen(e->link) != link_length || memcmp(e->link, link, link_length) != 0)) {
            what = "a link target";
        } else if (file && e->data != NULL && (tarball_file_read(ours, i, 0, copy, sizeof copy) != our_size
                                               || memcmp(e->data, copy, (size_t)our_size) != 0)) {
            what = "a file's bytes";
        }
        if (what != NULL) {
            snprintf(detail, sizeof detail, "  entry %zu: tarball: type %d size %lld name %s -> %s\n"
                     "  entry %zu: libarchive: type %d size %lld name %s -> %s\n",
                     i, type, our_size, name, link, i, e->type, e->size, e->name, e->link);
            return what;
        }
    }
    return n == count ? NULL : "a different number of entries";
}

/* Compares the two readings. Returns 1 if they agree, or differ only as documented. */
static int compare(const uint8_t *data, size_t size, tarball_t *ours, const tarball_error *our_error) {
    size_t count = 0;
    const char *why = NULL;
    int warned = 0;
    other_entry *theirs = read_with_libarchive(data, size, &count, &why, &warned);
    if (verbose && why != NULL) {
        printf("libarchive: refused: %s\n", why);
    }
    const char *what = NULL;
    detail[0] = '\0';
    if (ours == NULL && why == NULL) {
        what = "tarball refused, libarchive accepted";
    } else if (ours != NULL && why != NULL) {
        what = "libarchive refused, tarball accepted";
    } else if (ours != NULL) {
        what = compare_listings(ours, theirs, count);
    }
    int agree = 1;
    if (what == NULL) {
        agree = 1;
    } else if (size == 0) {
        agree = documented(1); /* libarchive: not an archive; we: an empty archive */
    } else if (memmem(data, size, "SUN.holesdata", 13) != NULL) {
        agree = documented(6); /* Solaris sparse files: libarchive reads the map, we read the stored bytes */
    } else if (gnu_sparse_fields_elsewhere(data, size)) {
        agree = documented(9); /* sparse fields in a GNU header that is not of type 'S' */
    } else if (ours != NULL && sparse_named_like_a_directory(ours)) {
        agree = documented(16); /* a sparse file named like a directory: libarchive reads its data as headers */
    } else if (pax_size_on_a_header_only_entry(data, size, theirs, count)) {
        agree = documented(17); /* a pax size on a link, device, FIFO or directory: libarchive reads that data */
    } else if (volume_label_with_data(data, size)) {
        agree = documented(15); /* a volume label's data: libarchive reads it as the next header */
    } else if (empty_long_name(data, size)) {
        agree = documented(12); /* an empty GNU long name: libarchive 3.6 uses it, we (and Go) the header's name */
    } else if (ours == NULL && our_error->code == TARBALL_ERROR_FIELD) {
        agree = documented(2); /* a number with a non-octal byte in it: libarchive reads up to it */
    } else if (ours == NULL && strstr(our_error->message, "pax sparse") != NULL) {
        agree = documented(11); /* GNU.sparse records we cannot use: we refuse, libarchive reads the stored bytes */
    } else if (ours == NULL && (strstr(our_error->message, "sparse") != NULL || any_sparse(theirs, count)
                              || refused_a_sparse_entry(data, size, our_error->message))) {
        agree = documented(8); /* a sparse map that does not fit its data: libarchive reads what it can */
    } else if (ours == NULL && strstr(our_error->message, "contains a NUL byte") != NULL) {
        agree = documented(10); /* a NUL in a pax name: we refuse it (as Go does), libarchive cuts the name there */
    } else if (ours == NULL && (warned || strncmp(our_error->message, "pax header at byte", 18) == 0)) {
        agree = documented(3); /* libarchive accepts with a warning what we refuse as malformed */
    } else if (ours != NULL && why != NULL && warned) {
        agree = documented(3); /* libarchive warned, skipped some of its rules, and then refused */
    } else if (ours != NULL && why != NULL && libarchive_ran_out_after_a_hard_link(ours, theirs, count)) {
        agree = documented(5); /* libarchive read a hard link's size as data, and then ran out of archive */
    } else if (ours == NULL && why == NULL && libarchive_read_any_hard_links_data(theirs, count)) {
        agree = documented(5); /* libarchive read a hard link's size as data, past what we refused */
    } else if (ours != NULL && why != NULL && strcmp(why, "Unrecognized archive format") == 0) {
        agree = documented(7); /* the first header fails libarchive's format test (fields we do not read) */
    } else {
        agree = differ(what);
        printf("%s  tarball: %s\n  libarchive: %s\n", detail, ours == NULL ? our_error->message : "accepted", why != NULL ? why : "accepted");
    }
    free_other(theirs, count);
    return agree;
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    setlocale(LC_ALL, "C.UTF-8"); /* libarchive converts pax names from UTF-8 to the locale's charset */
    for (int i = 1; i < *argc; i++) { /* files (not folders of inputs): say what each reader sees */
        struct stat st;
        verbose |= stat((*argv)[i], &st) == 0 && S_ISREG(st.st_mode);
    }
    return 0;
}

static void check(const uint8_t *data, size_t size) {
    tarball_error error;
    tarball_t *tarball = open_and_read(data, size, &error);
    if (!compare(data, size, tarball, &error)) {
        fflush(stdout);
        __builtin_trap();
    }
    tarball_close(tarball);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    check(data, size);
    /* Almost every mutation breaks a header's checksum, and the parser stops there. So try a
     * second version with a correct checksum written into every 512-byte block: the mutations
     * then reach the size, name and pax code behind the checksum check. A finding in this pass
     * is saved as the input before the fix, so a file from the command line gets it too. */
    uint8_t *fixed = malloc(size > 0 ? size : 1);
    if (fixed == NULL) {
        return 0;
    }
    memcpy(fixed, data, size);
    for (size_t block = 0; block + 512 <= size; block += 512) {
        unsigned sum = 0;
        memset(fixed + block + 148, ' ', 8);
        for (size_t i = 0; i < 512; i++) {
            sum += fixed[block + i];
        }
        char field[8];
        snprintf(field, sizeof field, "%06o", sum & 0777777);
        memcpy(fixed + block + 148, field, 7); /* six digits, a NUL, then the space */
    }
    if (size > 0 && memcmp(fixed, data, size) != 0) { /* the same bytes again would find nothing new */
        if (verbose) {
            printf("with a correct checksum in every block:\n");
        }
        check(fixed, size);
    }
    free(fixed);
    return 0;
}
