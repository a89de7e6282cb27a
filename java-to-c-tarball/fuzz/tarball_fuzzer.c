/* libFuzzer harness for tarball.c: `make fuzz` builds it with AddressSanitizer and
 * UndefinedBehaviorSanitizer, so any read outside the buffer, use after free, leak or
 * undefined behaviour stops the run with a report and the input that caused it. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tarball.h"

/* Opens the bytes as an archive and touches every byte the library says is ours, so that
 * ASan catches any pointer or size that lies. */
static void open_and_read(const uint8_t *data, size_t size) {
    tarball_error error;
    tarball_t *tarball = tarball_open_memory(data, size, &error);
    if (tarball == NULL) {
        return; /* rejected: fine, as long as it did not read out of bounds getting here */
    }
    volatile unsigned sum = 0;
    size_t count = tarball_count(tarball);
    for (size_t i = 0; i <= count; i++) { /* one past the end must give NULL */
        size_t length = 0, file_size = 0;
        const char *name = tarball_file_name(tarball, i, &length);
        const char *file = tarball_file_data(tarball, i, &file_size);
        int type = tarball_file_type(tarball, i);
        if (i == count) {
            if (name != NULL || file != NULL || type != -1) {
                __builtin_trap();
            }
            break;
        }
        if (name == NULL || file == NULL || type < 0 || name[length] != '\0') {
            __builtin_trap();
        }
        for (size_t k = 0; k < length; k++) {
            sum += (unsigned char)name[k];
        }
        for (size_t k = 0; k < file_size; k++) {
            sum += (unsigned char)file[k];
        }
    }
    tarball_close(tarball);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    open_and_read(data, size);
    /* Almost every mutation breaks a header's checksum, and the parser stops there. So try a
     * second version with a correct checksum written into every 512-byte block: the mutations
     * then reach the size, name and pax code behind the checksum check. */
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
    open_and_read(fixed, size);
    free(fixed);
    return 0;
}
