//! The JDK's jni.h in Rust, as bindgen wrote it at build time (see build.rs), plus two helpers.
#![allow(non_upper_case_globals, non_camel_case_types, non_snake_case, dead_code)]

include!(concat!(env!("OUT_DIR"), "/jni.rs"));

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
