//! Moving bytes between Rust's memory and a Java byte[] through JNI, in a Rust program that
//! embeds the JVM (as `embed` does):
//!
//!     moving_data [-J<jvm option>]... check   each way, known bytes at several sizes, checksums compared
//!     moving_data [-J<jvm option>]... WAY     the timing loop of one way (bench/rows)
//!
//! WAY is direct-to-java, region-to-java, direct-from-java or region-from-java. The timing loop
//! reads the sizes (bytes) from BENCH_SIZES and prints `SIZE NANOSECONDS` lines, one transfer's
//! mean time over ~10 ms each (2 ms, and 3 samples instead of 5, when BENCH_QUICK is set).
//! Exit status 0, or 1 with one "error: ..." line on stderr.
mod jni;

use jni::*;
use std::ffi::c_void;
use std::process::exit;
use std::time::{Duration, Instant};
use std::env;

/// How the bytes cross, and which way.
#[derive(Clone, Copy, PartialEq)]
enum Way {
    /// Rust's memory as a direct ByteBuffer (NewDirectByteBuffer, a view); Java copies it into its array.
    JavaReadsView,
    /// Rust copies its memory into Java's array (SetByteArrayRegion).
    RustSetsRegion,
    /// Rust's memory as a direct ByteBuffer; Java copies its array into it.
    JavaWritesView,
    /// Rust copies Java's array into its memory (GetByteArrayRegion).
    RustGetsRegion,
}

const WAYS: [(&str, Way); 4] = [
    ("direct-to-java", Way::JavaReadsView),
    ("region-to-java", Way::RustSetsRegion),
    ("direct-from-java", Way::JavaWritesView),
    ("region-from-java", Way::RustGetsRegion),
];

/// rusttojava.JniBytes, and its methods: looked up once, valid while the class is loaded.
struct Java {
    env: *mut JNIEnv,
    class: jclass,
    array: jmethodID,
    receive: jmethodID,
    fill: jmethodID,
    pattern: jmethodID,
    checksum: jmethodID,
}

/// What one way needs for one size, made once: Rust's buffer, the direct ByteBuffer over it, and
/// Java's array (both global references, deleted on drop).
struct Transfer<'a> {
    java: &'a Java,
    way: Way,
    rust: Vec<u8>,
    direct: jobject,
    array: jobject,
}

impl<'a> Transfer<'a> {
    fn new(java: &'a Java, way: Way, length: usize) -> Result<Transfer<'a>, String> {
        let env = java.env;
        let size =
            jint::try_from(length).map_err(|_| format!("{length} bytes: a Java array holds at most 2^31 - 1"))?;
        let mut rust = vec![0u8; length];
        // A view of Rust's memory, no copy: valid while `rust` neither moves nor is freed (it is
        // never resized, and the view is deleted before it is dropped).
        let view = unsafe { jni!(env, NewDirectByteBuffer, rust.as_mut_ptr() as *mut c_void, length as jlong) };
        if unsafe { jni!(env, ExceptionCheck) } != 0 || view.is_null() {
            return Err(format!("a direct buffer of {length} bytes: {}", pending(env)));
        }
        let array = unsafe { jni!(env, CallStaticObjectMethod, java.class, java.array, size) };
        if unsafe { jni!(env, ExceptionCheck) } != 0 || array.is_null() {
            return Err(format!("a Java array of {length} bytes: {}", pending(env)));
        }
        let transfer = Transfer {
            java,
            way,
            direct: unsafe { jni!(env, NewGlobalRef, view) },
            array: unsafe { jni!(env, NewGlobalRef, array) },
            rust,
        };
        unsafe { jni!(env, DeleteLocalRef, view) };
        unsafe { jni!(env, DeleteLocalRef, array) };
        Ok(transfer)
    }

    /// One transfer of all the bytes, the way it was made for. This is what the timing loop times.
    fn run(&mut self) -> Result<(), String> {
        let (env, java, length) = (self.java.env, self.java, self.rust.len() as jsize);
        unsafe {
            match self.way {
                Way::JavaReadsView => jni!(env, CallStaticVoidMethod, java.class, java.receive, self.direct),
                Way::RustSetsRegion => {
                    jni!(env, SetByteArrayRegion, self.array, 0, length, self.rust.as_ptr() as *const jbyte)
                }
                Way::JavaWritesView => jni!(env, CallStaticVoidMethod, java.class, java.fill, self.direct),
                Way::RustGetsRegion => {
                    jni!(env, GetByteArrayRegion, self.array, 0, length, self.rust.as_mut_ptr() as *mut jbyte)
                }
            }
        }
        // Every one of them can throw (an index out of bounds, an out-of-memory error): check it.
        if unsafe { jni!(env, ExceptionCheck) } != 0 {
            return Err(pending(env));
        }
        Ok(())
    }
}

impl Drop for Transfer<'_> {
    fn drop(&mut self) {
        unsafe { jni!(self.java.env, DeleteGlobalRef, self.direct) };
        unsafe { jni!(self.java.env, DeleteGlobalRef, self.array) };
    }
}

fn main() {
    let mut options = Vec::new();
    let mut command = None;
    for argument in env::args().skip(1) {
        match argument.strip_prefix("-J") {
            Some(option) => options.push(option.to_string()),
            None if command.is_none() => command = Some(argument),
            None => fail(&format!("one command only: {argument:?} is a second one")),
        }
    }
    let usage =
        "usage: moving_data [-J<jvm option>]... check|direct-to-java|region-to-java|direct-from-java|region-from-java";
    let command = command.unwrap_or_else(|| fail(usage));
    let way = WAYS.iter().find(|(name, _)| *name == command).map(|(_, way)| *way);
    if way.is_none() && command != "check" {
        fail(&format!("unknown command {command:?}: {usage}"));
    }
    let java = start_java(options).unwrap_or_else(|message| fail(&message));
    let result = match way {
        Some(way) => time(&java, way),
        None => check(&java),
    };
    if let Err(message) = result {
        fail(&message);
    }
}

/// Each way moves known bytes at several sizes (empty, one, odd, above 1 MiB), and the checksum of
/// what arrived is compared with the sender's.
fn check(java: &Java) -> Result<(), String> {
    let env = java.env;
    for (name, way) in WAYS {
        let mut sizes = Vec::new();
        for (seed, length) in [0usize, 1, 31, 65_537, 3 * 1024 * 1024 + 1].into_iter().enumerate() {
            let mut transfer = Transfer::new(java, way, length)?;
            let seed = seed as jint * 2 + 7;
            if matches!(way, Way::JavaReadsView | Way::RustSetsRegion) {
                for (i, byte) in transfer.rust.iter_mut().enumerate() {
                    *byte = (i as u8).wrapping_mul(31).wrapping_add(seed as u8);
                }
            } else {
                unsafe { jni!(env, CallStaticVoidMethod, java.class, java.pattern, length as jint, seed) };
                if unsafe { jni!(env, ExceptionCheck) } != 0 {
                    return Err(pending(env));
                }
            }
            transfer.run()?;
            let in_java = unsafe { jni!(env, CallStaticLongMethod, java.class, java.checksum, length as jint) } as u64;
            if unsafe { jni!(env, ExceptionCheck) } != 0 {
                return Err(pending(env));
            }
            let in_rust = fnv1a(&transfer.rust);
            if in_java != in_rust {
                return Err(format!("{name}, {length} bytes: Java's checksum {in_java:#x}, Rust's {in_rust:#x}"));
            }
            sizes.push(length.to_string());
        }
        println!("{name}: {} bytes: the checksums agree", sizes.join(", "));
    }
    Ok(())
}

/// The timing loop: for each size of BENCH_SIZES, a warm-up, then samples of the mean time of one
/// transfer over an inner loop of about 10 ms (2 ms under BENCH_QUICK).
fn time(java: &Java, way: Way) -> Result<(), String> {
    let sizes = env::var("BENCH_SIZES")
        .map_err(|_| "BENCH_SIZES is not set: the sizes in bytes, e.g. BENCH_SIZES='16 1024'")?;
    let quick = env::var_os("BENCH_QUICK").is_some_and(|value| !value.is_empty());
    let (inner, samples) = if quick { (Duration::from_millis(2), 3) } else { (Duration::from_millis(10), 5) };
    let sizes = sizes
        .split_whitespace()
        .map(|size| size.parse().map_err(|_| format!("BENCH_SIZES: {size:?} is not a number of bytes")))
        .collect::<Result<Vec<usize>, _>>()?;
    for length in sizes {
        let mut transfer = Transfer::new(java, way, length)?;
        // Warm-up (the JIT compiles Java's side) while finding how many transfers take `inner`.
        let mut count: u32 = 1;
        let warm_up = Instant::now();
        loop {
            let start = Instant::now();
            for _ in 0..count {
                transfer.run()?;
            }
            let elapsed = start.elapsed();
            if elapsed >= inner && warm_up.elapsed() >= inner * 20 {
                break;
            }
            if elapsed < inner {
                count = count.saturating_mul(2);
            }
        }
        for _ in 0..samples {
            let start = Instant::now();
            for _ in 0..count {
                transfer.run()?;
            }
            println!("{length} {:.3}", start.elapsed().as_nanos() as f64 / f64::from(count));
        }
    }
    Ok(())
}

/// 64-bit FNV-1a, as JniBytes.checksum computes it.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3))
}

/// Starts the JVM (jni.rs: target/classes as its class path), and finds JniBytes.
fn start_java(options: Vec<String>) -> Result<Java, String> {
    let (_vm, env) = create_jvm(options).map_err(|(_, message)| message)?;
    let class = unsafe { jni!(env, FindClass, c"rusttojava/JniBytes".as_ptr()) };
    if class.is_null() {
        return Err(format!("class rusttojava/JniBytes not found ({}): build the classes with `make`", pending(env)));
    }
    let method = |name: &std::ffi::CStr, signature: &std::ffi::CStr| {
        let id = unsafe { jni!(env, GetStaticMethodID, class, name.as_ptr(), signature.as_ptr()) };
        if id.is_null() {
            Err(format!("no method {name:?} {signature:?} in rusttojava.JniBytes: {}", pending(env)))
        } else {
            Ok(id)
        }
    };
    Ok(Java {
        env,
        class,
        array: method(c"array", c"(I)[B")?,
        receive: method(c"receive", c"(Ljava/nio/ByteBuffer;)V")?,
        fill: method(c"fill", c"(Ljava/nio/ByteBuffer;)V")?,
        pattern: method(c"pattern", c"(II)V")?,
        checksum: method(c"checksum", c"(I)J")?,
    })
}

/// Clears the pending Java exception, if any, and names it (its class; describing it is embed's lesson).
fn pending(env: *mut JNIEnv) -> String {
    if unsafe { jni!(env, ExceptionCheck) } == 0 {
        return "no Java exception".to_string();
    }
    unsafe { jni!(env, ExceptionDescribe) }; // prints it on stderr, and clears it
    "a Java exception (above)".to_string()
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    exit(1);
}
