//! librustlib.so: a Rust library that Java calls through the FFM API.
//!
//! Each function Java calls is `extern "C"` (the C calling convention, which FFM speaks) and
//! `#[unsafe(no_mangle)]` (its symbol is its plain name, not a mangled Rust one). cbindgen writes
//! the matching C header, target/include/rustlib.h, from this file; a test compares it with the
//! Java declarations in RustLib.java.

use std::cell::Cell;
use std::collections::HashMap;
use std::ffi::{CStr, CString, c_char};
use std::panic::{self, AssertUnwindSafe};
use std::ptr;
use std::sync::atomic::{AtomicI32, AtomicUsize, Ordering};
use std::sync::{Mutex, Once, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

/// The essay's function. `wrapping_mul` wraps on overflow, as Java's `int` does (a plain `*`
/// would panic in a debug build and wrap in a release one).
#[unsafe(no_mangle)]
pub extern "C" fn double_input(input: i32) -> i32 {
    input.wrapping_mul(2)
}

// ---- Strings: who allocates, who frees ------------------------------------------------------

/// `text` in upper case, in a new string that Rust allocated: the caller gives it back to
/// `free_string` (never to C's `free`: Rust's allocator made it). `text` is only borrowed: the
/// caller owns it, and Rust keeps nothing of it after returning. NULL in, NULL out.
///
/// # Safety
/// `text` is NULL or a NUL-terminated string that stays valid during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn shout(text: *const c_char) -> *mut c_char {
    if text.is_null() {
        return ptr::null_mut();
    }
    let text = unsafe { CStr::from_ptr(text) }.to_string_lossy(); // not UTF-8? U+FFFD, no panic
    // A CStr has no NUL inside, and upper-casing adds none, so CString::new cannot fail here.
    CString::new(text.to_uppercase()).unwrap_or_default().into_raw()
}

/// Frees a string that this library returned (`shout`, or a panic's message).
///
/// # Safety
/// `text` is NULL or a string this library returned that has not been freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn free_string(text: *mut c_char) {
    if !text.is_null() {
        drop(unsafe { CString::from_raw(text) }); // back into Rust's hands, and dropped
    }
}

// ---- A Rust object behind an opaque handle --------------------------------------------------

/// Counts words. Not `#[repr(C)]`: C and Java never see inside; they hold a `Tally *`. The
/// Mutex makes it safe to share between threads, whatever arena Java keeps it in.
pub struct Tally {
    counts: Mutex<HashMap<String, u32>>,
}

/// How many tallies are alive: lets Java see that each is freed exactly once.
static LIVE_TALLIES: AtomicUsize = AtomicUsize::new(0);

impl Drop for Tally {
    fn drop(&mut self) {
        LIVE_TALLIES.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A new, empty tally. `Box::into_raw` hands the caller the only pointer to it: Rust will not
/// free it until the caller gives it back to `tally_free`.
#[unsafe(no_mangle)]
pub extern "C" fn tally_new() -> *mut Tally {
    LIVE_TALLIES.fetch_add(1, Ordering::SeqCst);
    Box::into_raw(Box::new(Tally { counts: Mutex::new(HashMap::new()) }))
}

/// Counts one more `word`, and returns how many times it has been seen (0 for a NULL argument).
///
/// # Safety
/// `tally` comes from `tally_new` and is not freed during the call; `word` is a NUL-terminated
/// string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn tally_add(tally: *const Tally, word: *const c_char) -> u32 {
    if tally.is_null() || word.is_null() {
        return 0;
    }
    let tally = unsafe { &*tally };
    let word = unsafe { CStr::from_ptr(word) }.to_string_lossy().into_owned();
    let mut counts = tally.counts.lock().unwrap_or_else(PoisonError::into_inner);
    let count = counts.entry(word).or_insert(0);
    *count = count.saturating_add(1);
    *count
}

/// How many times `word` has been seen.
///
/// # Safety
/// As for `tally_add`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn tally_count(tally: *const Tally, word: *const c_char) -> u32 {
    if tally.is_null() || word.is_null() {
        return 0;
    }
    let tally = unsafe { &*tally };
    let word = unsafe { CStr::from_ptr(word) }.to_string_lossy();
    let counts = tally.counts.lock().unwrap_or_else(PoisonError::into_inner);
    counts.get(word.as_ref()).copied().unwrap_or(0)
}

/// Frees a tally: `Box::from_raw` takes ownership back, and the Box is dropped. NULL: nothing.
///
/// # Safety
/// `tally` comes from `tally_new` and is freed once: after this call it must not be used.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn tally_free(tally: *mut Tally) {
    if !tally.is_null() {
        drop(unsafe { Box::from_raw(tally) });
    }
}

/// How many tallies are alive (made by `tally_new`, not yet freed).
#[unsafe(no_mangle)]
pub extern "C" fn tally_live() -> usize {
    LIVE_TALLIES.load(Ordering::SeqCst)
}

// ---- A panic stops at the boundary ----------------------------------------------------------

/// `input * 2`, with Rust's overflow check: on overflow `strict_mul` panics. The panic is caught
/// here; the function returns 0 and points `*error` at the panic's message, a string for
/// `free_string`. Without a panic, `*error` is left alone.
///
/// # Safety
/// `error` is NULL (then the message is dropped) or a valid place for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn checked_double(input: i32, error: *mut *mut c_char) -> i32 {
    unsafe { guard(error, || input.strict_mul(2)) }.unwrap_or(0)
}

/// The same without the guard: never do this. A panic cannot unwind out of an `extern "C"`
/// function, so Rust aborts the whole process, the JVM with it (a test shows it).
#[unsafe(no_mangle)]
pub extern "C" fn unguarded_double(input: i32) -> i32 {
    input.strict_mul(2)
}

thread_local! {
    /// True while this thread is inside `guard`, whose caller gets the panic's message.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}
static PANIC_HOOK: Once = Once::new();

/// Runs `body`; if it panics, the panic stops here (it must not unwind into the caller's frames,
/// which Rust knows nothing about): `*error` gets its message and the result is None.
unsafe fn guard<T>(error: *mut *mut c_char, body: impl FnOnce() -> T) -> Option<T> {
    // Rust prints every panic on stderr ("thread ... panicked at ..."). Inside a guard the caller
    // reports it instead, so print only the panics outside one.
    PANIC_HOOK.call_once(|| {
        let print = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !GUARDED.get() {
                print(info);
            }
        }));
    });
    GUARDED.set(true);
    let result = panic::catch_unwind(AssertUnwindSafe(body));
    GUARDED.set(false);
    match result {
        Ok(value) => Some(value),
        Err(payload) => {
            // A panic's payload is a &str or a String (panic!("literal") or panic!("{x}")).
            let message = match (payload.downcast_ref::<&str>(), payload.downcast_ref::<String>()) {
                (Some(text), _) => text.to_string(),
                (None, Some(text)) => text.clone(),
                (None, None) => "a panic without a message".to_string(),
            };
            if !error.is_null() {
                let message = CString::new(message.replace('\0', " ")).unwrap_or_default();
                unsafe { *error = message.into_raw() };
            }
            None
        }
    }
}

// ---- Moving bytes: a buffer that Rust owns, filled from Java and read back by Java ----------

/// A buffer of `size` bytes that Rust allocated (zeroed) and owns. Not `#[repr(C)]`: C and Java
/// hold a `Bytes *`. Rust keeps the memory as a raw pointer, never as a `Box` or a `&mut`, while
/// it is alive: Java may write and read it directly (`bytes_data`), between Rust's calls.
pub struct Bytes {
    data: *mut u8,
    size: usize,
}

/// A new buffer of `size` zero bytes, for `bytes_free`.
#[unsafe(no_mangle)]
pub extern "C" fn bytes_new(size: usize) -> *mut Bytes {
    let data = Box::into_raw(vec![0u8; size].into_boxed_slice()).cast::<u8>();
    Box::into_raw(Box::new(Bytes { data, size }))
}

/// Frees a buffer and its memory. NULL: nothing.
///
/// # Safety
/// `bytes` comes from `bytes_new` and is freed once: after this call neither it nor the memory
/// `bytes_data` gave may be used.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bytes_free(bytes: *mut Bytes) {
    if !bytes.is_null() {
        let bytes = unsafe { Box::from_raw(bytes) };
        drop(unsafe { Box::from_raw(ptr::slice_from_raw_parts_mut(bytes.data, bytes.size)) });
    }
}

/// Where the buffer's `bytes_size` bytes are: valid until `bytes_free`. NULL for a NULL buffer.
///
/// # Safety
/// `bytes` is NULL or comes from `bytes_new` and is not freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bytes_data(bytes: *const Bytes) -> *mut u8 {
    unsafe { bytes.as_ref() }.map_or(ptr::null_mut(), |bytes| bytes.data)
}

/// How many bytes the buffer holds (0 for NULL).
///
/// # Safety
/// As for `bytes_data`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bytes_size(bytes: *const Bytes) -> usize {
    unsafe { bytes.as_ref() }.map_or(0, |bytes| bytes.size)
}

/// The caller's `length` bytes at `source` as a slice; NULL is allowed when `length` is 0 (a
/// Rust slice is never NULL, so it becomes an empty one). None: NULL with a length, or a length
/// no slice can have (a negative Java `long` arrives as a huge `usize`).
unsafe fn borrowed<'a>(source: *const u8, length: usize) -> Option<&'a [u8]> {
    match (source.is_null(), length) {
        (_, 0) => Some(&[]),
        (true, _) => None,
        (false, length) if length > isize::MAX as usize => None,
        (false, length) => Some(unsafe { std::slice::from_raw_parts(source, length) }),
    }
}

/// The first `length` bytes of the buffer, for Rust to write; None if it holds fewer (or is NULL).
unsafe fn owned<'a>(bytes: *const Bytes, length: usize) -> Option<&'a mut [u8]> {
    let bytes = unsafe { bytes.as_ref() }?;
    (length <= bytes.size).then(|| unsafe { std::slice::from_raw_parts_mut(bytes.data, length) })
}

/// Java -> Rust: copies `length` bytes from the caller's `source` into the start of the buffer
/// (one `memcpy`). False, and nothing copied, if they do not fit or `source` is NULL with a length.
///
/// # Safety
/// `bytes` is NULL or a live buffer; `source` points to `length` readable bytes that are not the
/// buffer's own and that nothing writes during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bytes_copy_in(bytes: *mut Bytes, source: *const u8, length: usize) -> bool {
    match unsafe { (owned(bytes, length), borrowed(source, length)) } {
        (Some(target), Some(source)) => {
            target.copy_from_slice(source);
            true
        }
        _ => false,
    }
}

/// Rust -> Java: copies the buffer's first `length` bytes into the caller's `destination`. False,
/// and nothing copied, if the buffer holds fewer or `destination` is NULL with a length.
///
/// # Safety
/// `bytes` is NULL or a live buffer; `destination` points to `length` writable bytes that are not
/// the buffer's own and that nothing else uses during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bytes_copy_out(bytes: *const Bytes, destination: *mut u8, length: usize) -> bool {
    let Some(source) = (unsafe { owned(bytes, length) }) else { return false };
    // The length fits in Rust's buffer, so it is a length a slice can have.
    let target = match (destination.is_null(), length) {
        (_, 0) => &mut [][..],
        (true, _) => return false,
        (false, length) => unsafe { std::slice::from_raw_parts_mut(destination, length) },
    };
    target.copy_from_slice(source);
    true
}

/// The 64-bit FNV-1a hash of the buffer's first `length` bytes: what arrived, as Rust sees it.
/// 0 if the buffer holds fewer bytes, or is NULL.
///
/// # Safety
/// As for `bytes_data`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bytes_checksum(bytes: *const Bytes, length: usize) -> u64 {
    unsafe { owned(bytes, length) }.map_or(0, |bytes| {
        bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3))
    })
}

// ---- Threads: what Rust's types promise, and what they cannot across FFI (THREADS.md) -------

// Java may call `tally_*` from any number of threads at once, so `Tally` must be `Sync`: its Mutex
// makes it so. This line stops the build if a change ever makes it not.
const _: () = shared_by_java_threads::<Tally>();
const fn shared_by_java_threads<T: Sync + Send>() {}

/// Counts in a `Cell`: no lock, no atomic. Inside Rust that is safe, because a `Cell` is not
/// `Sync`: the compiler will not let two threads share a `&Counter`. Java is not Rust: it holds a
/// bare `Counter *`, any of its threads may pass it here, and `Sync` means nothing to it. So the
/// promise is in `# Safety` only, and the Java side keeps it with a lock (Counter.java).
pub struct Counter {
    count: Cell<u64>,
}

/// A new counter at 0, for `counter_free`.
#[unsafe(no_mangle)]
pub extern "C" fn counter_new() -> *mut Counter {
    Box::into_raw(Box::new(Counter { count: Cell::new(0) }))
}

/// Counts one more, and returns the count.
///
/// # Safety
/// `counter` comes from `counter_new` and is not freed, and no other thread uses it during the
/// call: `Counter` is not `Sync`. Two threads at once are a data race, undefined behaviour (in
/// practice, lost counts), and neither Rust nor the JVM can see it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn counter_add(counter: *const Counter) -> u64 {
    let counter = unsafe { &*counter };
    counter.count.set(counter.count.get() + 1);
    counter.count.get()
}

/// Frees a counter. NULL: nothing.
///
/// # Safety
/// `counter` comes from `counter_new` and is freed once: after this call it must not be used.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn counter_free(counter: *mut Counter) {
    if !counter.is_null() {
        drop(unsafe { Box::from_raw(counter) });
    }
}

/// Thread-safe: counts the caller in `*arrived`, then waits until `expected` callers have arrived
/// or `timeout_ms` have passed, and returns how many had arrived. Every caller gets `expected`
/// only if all of them were inside Rust at the same time: nothing made them take turns.
///
/// # Safety
/// `arrived` points to an aligned `i32` that, while any caller is inside, only atomic operations use.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn meet_in_rust(arrived: *mut i32, expected: i32, timeout_ms: u32) -> i32 {
    let arrived = unsafe { AtomicI32::from_ptr(arrived) };
    let mut seen = arrived.fetch_add(1, Ordering::SeqCst) + 1;
    let deadline = Instant::now() + Duration::from_millis(timeout_ms.into());
    while seen < expected && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(1));
        seen = arrived.load(Ordering::SeqCst);
    }
    seen
}
