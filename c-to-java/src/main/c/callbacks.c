/* The C side of the callbacks: plain C that knows nothing about Java. (The other C function the
 * example calls back through, qsort, is libc's own.) */
#include "callbacks.h"

int32_t apply(int_function function, int32_t value) {
    return function(value);
}

int32_t c_double_input(int32_t value) {
    return (int32_t)((uint32_t)value * 2u); /* unsigned: overflow wraps instead of being undefined */
}
