//! The JDK's jni.h in Rust, as bindgen wrote it at build time (see build.rs), plus the helpers the
//! programs that embed the JVM share: creating it, and reading a pending exception and a String.
#![allow(non_upper_case_globals, non_camel_case_types, non_snake_case, dead_code)]

include!(concat!(env!("OUT_DIR"), "/jni.rs"));

use std::ffi::{CString, c_char, c_void};
use std::sync::atomic::{AtomicBool, Ordering};
use std::{env, ptr};

/// Calls a function of JNI's function table: `unsafe { jni!(env, FindClass, name) }` is C's
/// `(*env)->FindClass(env, name)`. Each entry is an Option (a C function pointer may be NULL).
/// Every call is `unsafe`: Rust cannot check what a C function does with its arguments.
#[macro_export]
macro_rules! jni {
    ($env:expr, $function:ident $(, $argument:expr)*) => {
        ((**$env).$function.expect(stringify!($function)))($env $(, $argument)*)
    };
}

/// What a JNI error code means, as jni.h's comments say.
pub fn error_name(code: jint) -> &'static str {
    match code {
        JNI_OK => "JNI_OK (success)",
        JNI_ERR => "JNI_ERR (unknown error)",
        JNI_EDETACHED => "JNI_EDETACHED (thread detached from the VM)",
        JNI_EVERSION => "JNI_EVERSION (JNI version error: this libjvm is older than the version asked for)",
        JNI_ENOMEM => "JNI_ENOMEM (not enough memory)",
        JNI_EEXIST => "JNI_EEXIST (a JVM already exists in this process)",
        JNI_EINVAL => "JNI_EINVAL (invalid arguments, e.g. an unknown -XX option)",
        _ => "not a JNI error code",
    }
}

/// Starts the JVM, with the class path next to this program: target/cargo/release/embed finds
/// target/classes, from whatever folder it is started in (unless -J-Djava.class.path= is given).
/// On failure: the JNI error code and one line saying why. A process has one JVM in its life:
/// with one running, JNI_EEXIST; after DestroyJavaVM, JNI_ERR.
pub fn create_jvm(options: Vec<String>) -> Result<(*mut JavaVM, *mut JNIEnv), (jint, String)> {
    // One JVM per process, for the process's whole life: ask before creating. A second
    // JNI_CreateJavaVM fails too, but on HotSpot it also hides the running JVM from JNI_GetCreatedJavaVMs.
    let mut existing: *mut JavaVM = ptr::null_mut();
    let mut count: jsize = 0;
    if unsafe { JNI_GetCreatedJavaVMs(&mut existing, 1, &mut count) } == JNI_OK && count > 0 {
        let message = "this process already has a JVM, and can have only one: use it (JNI_GetCreatedJavaVMs, then AttachCurrentThread)";
        return Err((JNI_EEXIST, message.to_string()));
    }
    if CREATED.load(Ordering::SeqCst) {
        let message = "this process has destroyed its JVM, and cannot create another: create it once, destroy it at exit";
        return Err((JNI_ERR, message.to_string()));
    }
    let created = start_jvm(options);
    CREATED.fetch_or(created.is_ok(), Ordering::SeqCst);
    created
}

/// create_jvm succeeded once in this process.
static CREATED: AtomicBool = AtomicBool::new(false);

fn start_jvm(mut options: Vec<String>) -> Result<(*mut JavaVM, *mut JNIEnv), (jint, String)> {
    if !options.iter().any(|option| option.starts_with("-Djava.class.path=")) {
        let program = env::current_exe().map_err(|e| (JNI_ERR, format!("cannot find this program's own path: {e}")))?;
        let target = program.ancestors().nth(3).ok_or((JNI_ERR, "this program is not in target/cargo/release/".to_string()))?;
        options.push(format!("-Djava.class.path={}", target.join("classes").display()));
    }
    let strings = options
        .iter()
        .map(|option| CString::new(option.as_str()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| (JNI_ERR, "a JVM option contains a NUL character".to_string()))?;
    let mut vm_options: Vec<JavaVMOption> = strings
        .iter()
        .map(|option| JavaVMOption { optionString: option.as_ptr() as *mut c_char, extraInfo: ptr::null_mut() })
        .collect();
    let mut arguments = JavaVMInitArgs {
        version: JNI_VERSION_21,
        nOptions: vm_options.len() as jint,
        options: vm_options.as_mut_ptr(),
        ignoreUnrecognized: JNI_FALSE as jboolean, // a mistyped option is an error, not ignored
    };
    let mut vm: *mut JavaVM = ptr::null_mut();
    let mut env: *mut JNIEnv = ptr::null_mut();
    let code = unsafe {
        JNI_CreateJavaVM(
            &mut vm,
            &mut env as *mut *mut JNIEnv as *mut *mut c_void,
            &mut arguments as *mut _ as *mut c_void,
        )
    };
    if code != JNI_OK {
        let message = format!(
            "JNI_CreateJavaVM returned {code}, {}: check the JVM options and the JDK \
            (the JVM's own message, if any, is above)",
            error_name(code)
        );
        return Err((code, message));
    }
    Ok((vm, env))
}

/// If Java threw, clears the exception and returns its toString(), e.g.
/// "java.lang.ArithmeticException: integer overflow".
pub fn take_exception(env: *mut JNIEnv) -> Option<String> {
    let exception = unsafe { jni!(env, ExceptionOccurred) };
    if exception.is_null() {
        return None;
    }
    unsafe { jni!(env, ExceptionClear) };
    // Describing it can throw too: each step is checked before the next JNI call.
    let class = unsafe { jni!(env, GetObjectClass, exception) };
    let to_string = unsafe { jni!(env, GetMethodID, class, c"toString".as_ptr(), c"()Ljava/lang/String;".as_ptr()) };
    let mut text = ptr::null_mut();
    if unsafe { jni!(env, ExceptionCheck) } == 0 {
        text = unsafe { jni!(env, CallObjectMethod, exception, to_string) };
    }
    let description = if unsafe { jni!(env, ExceptionCheck) } == 0 { java_string(env, text) } else { None };
    unsafe { jni!(env, ExceptionClear) };
    unsafe { jni!(env, DeleteLocalRef, class) };
    unsafe { jni!(env, DeleteLocalRef, exception) };
    Some(description.unwrap_or_else(|| "a Java exception (and describing it failed too)".to_string()))
}

/// A Java String as a Rust one, and its local reference deleted. Not GetStringUTFChars: that is
/// *modified* UTF-8, where a character outside the BMP (an emoji, 𝐀) is two 3-byte surrogate halves,
/// which no UTF-8 reader accepts. The UTF-16 code units are exact. None if Java threw (out of memory).
pub fn java_string(env: *mut JNIEnv, string: jobject) -> Option<String> {
    if string.is_null() {
        return Some("null".to_string());
    }
    let length = unsafe { jni!(env, GetStringLength, string) } as usize;
    let chars = unsafe { jni!(env, GetStringChars, string, ptr::null_mut()) };
    // NULL: an OutOfMemoryError is pending.
    let text =
        (!chars.is_null()).then(|| String::from_utf16_lossy(unsafe { std::slice::from_raw_parts(chars, length) }));
    if !chars.is_null() {
        unsafe { jni!(env, ReleaseStringChars, string, chars) };
    }
    unsafe { jni!(env, DeleteLocalRef, string) };
    text
}
