#include "threads.h"

#include <stdio.h>
#include <time.h>

const char *ipv4_to_text(uint32_t address) {
    static char text[sizeof "255.255.255.255"]; /* one for the whole process: the bug */
    snprintf(text, sizeof text, "%u.%u.%u.%u", (unsigned)(address >> 24), (unsigned)(address >> 16 & 0xff),
             (unsigned)(address >> 8 & 0xff), (unsigned)(address & 0xff));
    return text;
}

static int64_t now_ms(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

int32_t meet_in_c(_Atomic int32_t *arrived, int32_t expected, int32_t timeout_ms) {
    int32_t seen = atomic_fetch_add(arrived, 1) + 1;
    const struct timespec a_millisecond = {0, 1000000};
    for (int64_t deadline = now_ms() + timeout_ms; seen < expected && now_ms() < deadline;) {
        nanosleep(&a_millisecond, NULL);
        seen = atomic_load(arrived);
    }
    return seen;
}
