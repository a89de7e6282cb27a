//! A Rust program that starts a JVM inside itself and calls Java through JNI:
//!
//!     embed [-J<jvm option>]...
//!
//! Exit status 0, or 1 with one "error: ..." line on stderr saying what went wrong.
mod jni;

use jni::*;
use std::ffi::{c_char, c_void};
use std::process::exit;
use std::{env, ptr, thread};

fn main() {
    // A panic is one line too: println! panics when stdout is gone (`embed > /dev/full`, a closed pipe).
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload.downcast_ref::<String>().map(String::as_str).or(payload.downcast_ref::<&str>().copied());
        eprintln!("error: {}", message.unwrap_or("a panic"));
    }));
    let mut options = Vec::new();
    for argument in env::args_os().skip(1) {
        // env::args() would panic on an argument that is not UTF-8: say it in one line instead.
        let argument = argument.into_string().unwrap_or_else(|bad| fail(&format!("argument {bad:?} is not UTF-8")));
        match argument.strip_prefix("-J") {
            Some(option) => options.push(option.to_string()),
            None => fail(&format!("unknown argument {argument:?}: usage: embed [-J<jvm option>]...")),
        }
    }
    println!("Rust main embeds the JVM (JNI invocation API; jni.h's bindings by bindgen)");
    let (vm, env) = create_jvm(options).unwrap_or_else(|(_, message)| fail(&message));
    let result = lesson(vm, env);
    // DestroyJavaVM waits for Java's non-daemon threads, then unloads what it can.
    let destroyed = unsafe { jni!(vm, DestroyJavaVM) };
    if let Err(message) = result {
        fail(&message);
    }
    println!("  DestroyJavaVM: {}", error_name(destroyed));
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    exit(1);
}

fn lesson(vm: *mut JavaVM, env: *mut JNIEnv) -> Result<(), String> {
    let doubler = unsafe { jni!(env, FindClass, c"rusttojava/Doubler".as_ptr()) }; // slashes, not dots
    if doubler.is_null() {
        let exception = take_exception(env).unwrap_or_default();
        return Err(format!(
            "class rusttojava/Doubler not found ({exception}): build the classes with `make`, \
            or give their folder with -J-Djava.class.path=DIR"
        ));
    }
    // Look each method up once: a jmethodID stays valid, in every thread, while its class is loaded.
    // A lookup can throw (NoSuchMethodError): check it before the next JNI call, not after both.
    let double_input = unsafe { jni!(env, GetStaticMethodID, doubler, c"doubleInput".as_ptr(), c"(I)I".as_ptr()) };
    if let Some(exception) = take_exception(env) {
        return Err(format!("no method `static int doubleInput(int)` in rusttojava.Doubler: {exception}"));
    }
    let thread_name = unsafe {
        jni!(env, GetStaticMethodID, doubler, c"currentThreadName".as_ptr(), c"()Ljava/lang/String;".as_ptr())
    };
    if let Some(exception) = take_exception(env) {
        return Err(format!("no method `static String currentThreadName()` in rusttojava.Doubler: {exception}"));
    }

    let doubled = unsafe { jni!(env, CallStaticIntMethod, doubler, double_input, 4 as jint) };
    if let Some(exception) = take_exception(env) {
        return Err(format!("doubleInput(4) threw {exception}"));
    }
    println!("  4 * 2 = {doubled}");

    // A Java exception does not unwind Rust: the call returns 0, and the exception is pending
    // until Rust clears it (no other JNI call is allowed meanwhile).
    unsafe { jni!(env, CallStaticIntMethod, doubler, double_input, 2_000_000_000 as jint) };
    let exception = take_exception(env).ok_or("doubleInput(2000000000) was expected to throw")?;
    println!("  doubleInput(2000000000) threw {exception}; Rust cleared it and went on");

    // A second thread: a global reference (a local one is valid only in the thread that made it).
    let global = unsafe { jni!(env, NewGlobalRef, doubler) };
    if global.is_null() {
        return Err("NewGlobalRef returned NULL (out of memory)".to_string());
    }
    let worker = Worker { vm, doubler: global, double_input, thread_name };
    let report = thread::spawn(move || worker.run()).join().map_err(|_| "the Rust thread panicked")?;
    unsafe { jni!(env, DeleteGlobalRef, worker.doubler) };
    unsafe { jni!(env, DeleteLocalRef, doubler) };
    for line in report? {
        println!("  {line}");
    }
    Ok(())
}

/// What a Rust thread needs to call Java. The JavaVM pointer, global references and method IDs
/// are valid in every thread; a JNIEnv and local references are not, so none of them is here.
#[derive(Clone, Copy)]
struct Worker {
    vm: *mut JavaVM,
    doubler: jclass,
    double_input: jmethodID,
    thread_name: jmethodID,
}
unsafe impl Send for Worker {}

impl Worker {
    fn run(self) -> Result<Vec<String>, String> {
        let vm = self.vm;
        let mut env: *mut JNIEnv = ptr::null_mut();
        let env_out = &mut env as *mut *mut JNIEnv as *mut *mut c_void;
        // Before it attaches, the JVM does not know this thread: it has no JNIEnv.
        let before = unsafe { jni!(vm, GetEnv, env_out, JNI_VERSION_21) };
        let mut attach = JavaVMAttachArgs {
            version: JNI_VERSION_21,
            name: c"rust-worker".as_ptr() as *mut c_char,
            group: ptr::null_mut(),
        };
        let attached = unsafe { jni!(vm, AttachCurrentThread, env_out, &mut attach as *mut _ as *mut c_void) };
        if attached != JNI_OK {
            return Err(format!("AttachCurrentThread returned {attached}, {}", error_name(attached)));
        }
        let name = unsafe { jni!(env, CallStaticObjectMethod, self.doubler, self.thread_name) };
        let name = match take_exception(env) {
            Some(e) => format!("(it threw {e})"),
            None => java_string(env, name)
                .unwrap_or_else(|| format!("(reading it threw {})", take_exception(env).unwrap_or_default())),
        };
        let doubled = unsafe { jni!(env, CallStaticIntMethod, self.doubler, self.double_input, 21 as jint) };
        let doubled = take_exception(env).map_or_else(|| doubled.to_string(), |e| format!("(it threw {e})"));
        let detached = unsafe { jni!(vm, DetachCurrentThread) }; // before the thread ends; it frees its local references
        Ok(vec![
            format!("a Rust thread: GetEnv gave {}, so it calls AttachCurrentThread", error_name(before)),
            format!(
                "Java sees Thread.currentThread().getName() = \"{name}\"; doubleInput(21) = {doubled}; \
                DetachCurrentThread: {}",
                error_name(detached)
            ),
        ])
    }
}
