/* For `make asm`: a C caller of double_input, to set beside the JIT's Java caller. */
#include "example.h"

int32_t call_double_input(int32_t input) {
    return double_input(input);
}
