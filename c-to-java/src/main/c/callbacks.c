/* The C side of the callbacks: plain C that knows nothing about Java. (The other C function the
 * example calls back through, qsort, is libc's own.) */
#include "callbacks.h"

int32_t apply(int_function function, int32_t value) {
    return function(value);
}
