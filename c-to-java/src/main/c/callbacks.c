/* The C side of the callbacks: plain C that knows nothing about Java. (The other C function the
 * example calls back through, qsort, is libc's own.) */
#include "callbacks.h"

#include <pthread.h>

int32_t apply(int_function function, int32_t value) {
    return function(value);
}

struct calls {
    int_function function;
    int32_t value, times, result;
};

static void *call_times(void *argument) {
    struct calls *calls = argument;
    for (int32_t i = 0; i < calls->times; i++) calls->result = calls->function(calls->value);
    return NULL;
}

int apply_on_new_thread(int_function function, int32_t value, int32_t times, int32_t *result) {
    struct calls calls = {.function = function, .value = value, .times = times};
    pthread_t thread; /* a thread the JVM has never seen: its first upcall attaches it */
    int error = pthread_create(&thread, NULL, call_times, &calls);
    if (error != 0) return error;
    pthread_join(thread, NULL);
    *result = calls.result;
    return 0;
}
