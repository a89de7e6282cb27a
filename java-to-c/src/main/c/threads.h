/* What several Java threads calling one C library need (THREADS.md): two functions, one of them
 * unsafe to call from two threads at once, on purpose. */
#ifndef THREADS_H
#define THREADS_H

#include <stdatomic.h>
#include <stdint.h>

/* NOT thread-safe, on purpose, like inet_ntoa, asctime or strtok: writes the dotted text of an
 * IPv4 address (host byte order: 0x0A000001 is "10.0.0.1") into ONE static buffer and returns it.
 * The next call, from any thread, overwrites the text that earlier calls returned. */
const char *ipv4_to_text(uint32_t address);

/* Thread-safe: counts the caller in *arrived, then waits until `expected` callers have arrived or
 * timeout_ms have passed, and returns how many had arrived. It returns `expected` to every caller
 * only if all of them were inside C at the same time: no lock held them back. */
int32_t meet_in_c(_Atomic int32_t *arrived, int32_t expected, int32_t timeout_ms);

#endif
