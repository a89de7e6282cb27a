/* The essay's double_input in C, compiled by gcc: the baseline for the Rust one (bench/rows). */
#include <stdint.h>

int32_t double_input(int32_t input) {
    return (int32_t)((uint32_t)input * 2u); /* wraps on overflow, like the Rust one */
}
