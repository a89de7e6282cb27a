//! librustcalls.so: Rust calling Java through function pointers that Java hands it.
//!
//! To Rust a Java method is a plain C function pointer: Java makes one with an FFM upcall stub,
//! and the call crosses into Java when Rust calls it. No JNI here.

/// A C function pointer, `int32_t (*)(int32_t)`. `Option` because C's pointer may be NULL: Rust's
/// `fn` pointers never are, so NULL is `None` and is checked, not called.
pub type IntFunction = Option<extern "C" fn(i32) -> i32>;

/// `function(input)`: one call from Rust into Java. A NULL function calls nothing and gives 0.
#[unsafe(no_mangle)]
pub extern "C" fn apply(function: IntFunction, input: i32) -> i32 {
    function.map_or(0, |function| function(input))
}

/// Replaces each of `values[0..length]` by `function(value)`: `length` calls into Java.
///
/// # Safety
/// `values` points to `length` writable `int32_t`s, that nothing else uses during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn apply_to_each(values: *mut i32, length: usize, function: IntFunction) {
    let Some(function) = function else { return };
    if values.is_null() {
        return;
    }
    for value in unsafe { std::slice::from_raw_parts_mut(values, length) } {
        *value = function(*value);
    }
}

/// The same doubling in Rust, so that `apply` can be timed with a Rust function pointer too.
#[unsafe(no_mangle)]
pub extern "C" fn double_input(input: i32) -> i32 {
    input.wrapping_mul(2)
}
