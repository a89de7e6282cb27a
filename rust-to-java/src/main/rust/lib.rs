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

/// Calls `function(input)` `times` times on a thread Rust spawns for it, and returns the last result
/// (0 if there was no call: `times` <= 0, a NULL function, or no thread could be started). The JVM
/// has never seen that thread: its first upcall attaches it, and it is detached as it ends.
#[unsafe(no_mangle)]
pub extern "C" fn apply_on_new_thread(function: IntFunction, input: i32, times: i32) -> i32 {
    let Some(function) = function else { return 0 };
    let thread = std::thread::Builder::new().spawn(move || (0..times).fold(0, |_, _| function(input)));
    thread.map_or(0, |thread| thread.join().unwrap_or(0))
}

/// The same doubling in Rust, so that `apply` can be timed with a Rust function pointer too.
#[unsafe(no_mangle)]
pub extern "C" fn double_input(input: i32) -> i32 {
    input.wrapping_mul(2)
}

// ---- Moving data: Rust's buffer, lent to Java for the length of one upcall ---------------------

/// A C function pointer that Rust calls with its buffer: `void (*)(uint8_t *data, size_t length)`.
/// Java reads the bytes (Rust -> Java) or writes them (Java -> Rust) during the call, and keeps
/// nothing of the pointer after it returns.
pub type BytesFunction = Option<extern "C" fn(*mut u8, usize)>;

/// A buffer of `size` bytes that Rust allocated (zeroed) and owns, behind a `Bytes *`.
pub struct Bytes {
    data: Box<[u8]>,
}

/// A new buffer of `size` zero bytes, for `bytes_free`.
#[unsafe(no_mangle)]
pub extern "C" fn bytes_new(size: usize) -> *mut Bytes {
    Box::into_raw(Box::new(Bytes { data: vec![0u8; size].into_boxed_slice() }))
}

/// Frees a buffer. NULL: nothing.
///
/// # Safety
/// `bytes` comes from `bytes_new` and is freed once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bytes_free(bytes: *mut Bytes) {
    if !bytes.is_null() {
        drop(unsafe { Box::from_raw(bytes) });
    }
}

/// The buffer's first `length` bytes, or None if it is NULL or holds fewer.
unsafe fn first<'a>(bytes: *mut Bytes, length: usize) -> Option<&'a mut [u8]> {
    unsafe { bytes.as_mut() }?.data.get_mut(..length)
}

/// Rust writes its own bytes: byte i of the first `length` is `(i * 31 + seed) & 0xff`. False if
/// the buffer holds fewer.
///
/// # Safety
/// `bytes` is NULL or a live buffer that nothing else uses during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bytes_pattern(bytes: *mut Bytes, length: usize, seed: u8) -> bool {
    let Some(bytes) = (unsafe { first(bytes, length) }) else { return false };
    for (i, byte) in bytes.iter_mut().enumerate() {
        *byte = (i as u8).wrapping_mul(31).wrapping_add(seed);
    }
    true
}

/// The 64-bit FNV-1a hash of the buffer's first `length` bytes (0 if it holds fewer).
///
/// # Safety
/// As for `bytes_pattern`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bytes_checksum(bytes: *mut Bytes, length: usize) -> u64 {
    unsafe { first(bytes, length) }.map_or(0, |bytes| checksum(bytes))
}

/// 64-bit FNV-1a.
fn checksum(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3))
}

/// Lends the buffer's first `length` bytes to `function` for one call: Java copies them out
/// (Rust -> Java) or in (Java -> Rust). False, and no call, if the buffer holds fewer or
/// `function` is NULL.
///
/// # Safety
/// `bytes` is NULL or a live buffer that nothing else uses during the call; `function` reads or
/// writes at most `length` bytes at the pointer it gets, and only until it returns.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bytes_lend(bytes: *mut Bytes, length: usize, function: BytesFunction) -> bool {
    match (unsafe { first(bytes, length) }, function) {
        (Some(bytes), Some(function)) => {
            function(bytes.as_mut_ptr(), bytes.len());
            true
        }
        _ => false,
    }
}
