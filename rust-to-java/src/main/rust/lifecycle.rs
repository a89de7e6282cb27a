//! One JVM's life in a Rust program: threads that end still attached, what DestroyJavaVM waits
//! for, and in which order Java's shutdown hooks, libc's atexit handlers and Rust's drops run. A
//! process creates one JVM in its life, so each part is its own process:
//!
//!     lifecycle [-J<jvm option>]... leak|destroy|exit|return|twice
//!
//! leak     threads that attach and end without DetachCurrentThread, next to ones that detach
//! destroy  DestroyJavaVM with a non-daemon and a daemon thread attached
//! exit     Java calls System.exit
//! return   main returns without DestroyJavaVM
//! twice    create_jvm again, with a JVM running, and after DestroyJavaVM
//!
//! Exit status 0 (exit: 3), 1 with an "error: ..." line on stderr, 2 for a bad argument.
mod jni;

use jni::*;
use std::ffi::{CString, c_char, c_int, c_void};
use std::io::Write;
use std::process::exit;
use std::sync::{OnceLock, mpsc};
use std::time::Duration;
use std::{env, ptr, thread};

const THREADS: usize = 4;
const USAGE: &str = "usage: lifecycle [-J<jvm option>]... leak|destroy|exit|return|twice";

unsafe extern "C" {
    /// libc's atexit: Rust's standard library has no exit handlers of its own.
    fn atexit(handler: extern "C" fn()) -> c_int;
    /// libc's _exit: ends the process at once, running no exit handler.
    fn _exit(status: c_int) -> !;
}

extern "C" fn at_exit() {
    say("  atexit handler (libc's, registered by Rust) runs");
}

/// Rust's own "at the end": a value whose drop runs when main's scope ends.
struct AtEndOfMain;

impl Drop for AtEndOfMain {
    fn drop(&mut self) {
        say("  main's local value is dropped");
    }
}

/// A line on stdout, flushed at once: the JVM writes to the same file descriptor from its own
/// threads. (A stdout that cannot be written loses the line: this may run inside an exit handler.)
fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}").and_then(|()| out.flush());
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    exit(1);
}

/// What every thread needs to call rusttojava.Lifecycle: valid in every thread (a global
/// reference, method IDs, the JavaVM pointer).
struct Java {
    vm: *mut JavaVM,
    lifecycle: jclass,
    live_threads: jmethodID,
    state_of: jmethodID,
    print_at_shutdown: jmethodID,
}
unsafe impl Send for Java {}
unsafe impl Sync for Java {}

static JAVA: OnceLock<Java> = OnceLock::new();

fn java() -> &'static Java {
    JAVA.get().expect("main sets JAVA first")
}

fn main() {
    let mut options = Vec::new();
    let mut parts = Vec::new();
    for argument in env::args_os().skip(1) {
        let argument = argument.to_string_lossy().into_owned();
        match argument.strip_prefix("-J") {
            Some(option) => options.push(option.to_string()),
            None => parts.push(argument),
        }
    }
    let part = match parts.as_slice() {
        [part] if ["leak", "destroy", "exit", "return", "twice"].contains(&part.as_str()) => part.clone(),
        _ => {
            eprintln!("error: {USAGE}");
            exit(2);
        }
    };
    if part == "twice" {
        return twice(options);
    }
    let (vm, env) = create_jvm(options).unwrap_or_else(|(_, message)| fail(&message));
    find_java(vm, env).unwrap_or_else(|message| fail(&message));
    if part == "leak" {
        return leak(env).unwrap_or_else(|message| fail(&message));
    }

    // The three ways to say "at the end": a Java shutdown hook, a libc atexit handler, a Rust drop.
    let line = unsafe { jni!(env, NewStringUTF, c"  Java shutdown hook runs".as_ptr()) };
    unsafe { jni!(env, CallStaticVoidMethod, java().lifecycle, java().print_at_shutdown, line) };
    if let Some(exception) = take_exception(env) {
        fail(&format!("rusttojava.Lifecycle.printAtShutdown threw {exception}"));
    }
    unsafe { jni!(env, DeleteLocalRef, line) };
    unsafe { atexit(at_exit) };
    let _at_end = AtEndOfMain;
    match part.as_str() {
        "exit" => exit_from_java(env).unwrap_or_else(|message| fail(&message)),
        "destroy" => destroy(vm),
        _ => say("main returns without DestroyJavaVM: no Java shutdown hook runs (lifecycle return)"),
    }
}

/// Looks rusttojava.Lifecycle and its methods up once, for every thread.
fn find_java(vm: *mut JavaVM, env: *mut JNIEnv) -> Result<(), String> {
    let local = unsafe { jni!(env, FindClass, c"rusttojava/Lifecycle".as_ptr()) };
    if let Some(exception) = take_exception(env) {
        return Err(format!(
            "class rusttojava/Lifecycle not found ({exception}): build the classes with `make`, \
            or give their folder with -J-Djava.class.path=DIR"
        ));
    }
    let method = |name: &std::ffi::CStr, signature: &std::ffi::CStr| {
        let id = unsafe { jni!(env, GetStaticMethodID, local, name.as_ptr(), signature.as_ptr()) };
        match take_exception(env) {
            Some(exception) => Err(format!(
                "no method {}{} in rusttojava.Lifecycle: {exception}",
                name.to_string_lossy(),
                signature.to_string_lossy()
            )),
            None => Ok(id),
        }
    };
    let live_threads = method(c"liveThreads", c"(Ljava/lang/String;)I")?;
    let state_of = method(c"stateOf", c"(Ljava/lang/String;)Ljava/lang/String;")?;
    let print_at_shutdown = method(c"printAtShutdown", c"(Ljava/lang/String;)V")?;
    let lifecycle = unsafe { jni!(env, NewGlobalRef, local) };
    unsafe { jni!(env, DeleteLocalRef, local) };
    if lifecycle.is_null() {
        return Err("NewGlobalRef returned NULL (out of memory)".to_string());
    }
    let _ = JAVA.set(Java { vm, lifecycle, live_threads, state_of, print_at_shutdown });
    Ok(())
}

// ---- leak: threads that end attached ------------------------------------------------------------

/// Attaches this thread as `name` (as a daemon or not), or says why it could not.
fn attach(name: &str, daemon: bool) -> Result<*mut JNIEnv, String> {
    let vm = java().vm;
    let name = CString::new(name).map_err(|_| "a thread name with a NUL character")?;
    let mut env: *mut JNIEnv = ptr::null_mut();
    let env_out = &mut env as *mut *mut JNIEnv as *mut *mut c_void;
    let mut arguments = JavaVMAttachArgs { version: JNI_VERSION_21, name: name.as_ptr() as *mut c_char, group: ptr::null_mut() };
    let arguments = &mut arguments as *mut _ as *mut c_void;
    let code = if daemon {
        unsafe { jni!(vm, AttachCurrentThreadAsDaemon, env_out, arguments) }
    } else {
        unsafe { jni!(vm, AttachCurrentThread, env_out, arguments) }
    };
    if code != JNI_OK {
        return Err(format!("AttachCurrentThread returned {}", error_name(code)));
    }
    Ok(env)
}

/// Detaches this thread when dropped: no path out of the thread forgets DetachCurrentThread (the
/// `jni` crate's `attach_current_thread` hands out the same kind of guard).
struct DetachOnDrop;

impl Drop for DetachOnDrop {
    fn drop(&mut self) {
        unsafe { jni!(java().vm, DetachCurrentThread) }; // frees its Java thread and local references
    }
}

/// Lifecycle.liveThreads(prefix): how many live Java threads have a name that starts with it.
fn live_threads(env: *mut JNIEnv, prefix: &std::ffi::CStr) -> Result<i32, String> {
    let text = unsafe { jni!(env, NewStringUTF, prefix.as_ptr()) };
    let live = unsafe { jni!(env, CallStaticIntMethod, java().lifecycle, java().live_threads, text) };
    if let Some(exception) = take_exception(env) {
        return Err(format!("rusttojava.Lifecycle.liveThreads threw {exception}"));
    }
    unsafe { jni!(env, DeleteLocalRef, text) };
    Ok(live)
}

/// THREADS threads named prefix1...: each attaches, calls Java, and ends (having detached, or not).
fn attach_threads(prefix: &str, detach: bool) -> Result<(), String> {
    let threads: Vec<_> = (1..=THREADS)
        .map(|i| {
            let name = format!("{prefix}{i}");
            thread::spawn(move || -> Result<(), String> {
                let env = attach(&name, false)?;
                let _detach = detach.then(|| DetachOnDrop); // then, not then_some: a value made and dropped would detach
                live_threads(env, c"nobody-")?; // a call into Java
                Ok(()) // the thread ends; without DetachCurrentThread (here: the guard) nobody tells the JVM
            })
        })
        .collect();
    threads.into_iter().try_for_each(|thread| thread.join().map_err(|_| "a thread panicked".to_string())?)
}

fn leak(env: *mut JNIEnv) -> Result<(), String> {
    say("Threads that end without DetachCurrentThread (lifecycle leak)");
    attach_threads("leaked-", false)?;
    let leaked = live_threads(env, c"leaked-")?;
    say(&format!("  {THREADS} Rust threads attached (AttachCurrentThread), called Java and ended without detaching"));
    let name = unsafe { jni!(env, NewStringUTF, c"leaked-1".as_ptr()) };
    let state = unsafe { jni!(env, CallStaticObjectMethod, java().lifecycle, java().state_of, name) };
    let state = match take_exception(env) {
        Some(exception) => return Err(format!("rusttojava.Lifecycle.stateOf threw {exception}")),
        None => java_string(env, state).ok_or("reading a String failed")?,
    };
    say(&format!(
        "  live Java threads named leaked-*: {leaked} (leaked-1: {state}; the JVM never learns that the thread is gone)"
    ));
    attach_threads("detached-", true)?;
    let detached = live_threads(env, c"detached-")?;
    say(&format!("  {THREADS} more did the same, each detached by a guard's drop: live Java threads named detached-*: {detached}"));

    // DestroyJavaVM waits until this thread is the last non-daemon one: the leaked ones never end.
    let _watchdog = thread::spawn(|| {
        thread::sleep(Duration::from_secs(1));
        say("  after 1 s DestroyJavaVM still had not returned, and never will: the program ends with _exit(0)");
        unsafe { _exit(0) };
    });
    say("  main: DestroyJavaVM");
    let destroyed = unsafe { jni!(java().vm, DestroyJavaVM) };
    Err(format!("not expected: DestroyJavaVM returned {}", error_name(destroyed)))
}

// ---- destroy: whom DestroyJavaVM waits for ---------------------------------------------------------

fn destroy(vm: *mut JavaVM) {
    say("DestroyJavaVM with a non-daemon and a daemon thread attached (lifecycle destroy)");
    let (attached, both_attached) = mpsc::channel::<Result<(), String>>();
    let (destroying, main_destroying) = mpsc::channel::<()>();
    let worker_attached = attached.clone();
    let worker = thread::spawn(move || {
        let env = attach("worker", false);
        let failed = env.is_err();
        let _ = worker_attached.send(env.map(|_| ()));
        if failed {
            return;
        }
        let _ = main_destroying.recv();
        thread::sleep(Duration::from_millis(300)); // main is inside DestroyJavaVM by now
        say("  worker (AttachCurrentThread): DetachCurrentThread, 0.3 s after main called DestroyJavaVM");
        unsafe { jni!(java().vm, DetachCurrentThread) };
    });
    let _daemon = thread::spawn(move || {
        let env = attach("daemon-worker", true);
        let failed = env.is_err();
        let _ = attached.send(env.map(|_| ()));
        while !failed {
            thread::park(); // still attached, in Rust, when the JVM goes away: it must not call Java again
        }
    });
    for _ in 0..2 {
        if let Err(message) = both_attached.recv().unwrap_or(Err("a thread ended".to_string())) {
            fail(&message);
        }
    }
    say("  main: DestroyJavaVM");
    let _ = destroying.send(());
    let destroyed = unsafe { jni!(vm, DestroyJavaVM) };
    say(&format!(
        "  main: DestroyJavaVM returned {}: it waited for worker, not for daemon-worker (still attached)",
        error_name(destroyed)
    ));
    let _ = worker.join();
    say("  main returns");
}

// ---- exit: Java ends the process ------------------------------------------------------------------

fn exit_from_java(env: *mut JNIEnv) -> Result<(), String> {
    say("Java calls System.exit(3) (lifecycle exit)");
    let system = unsafe { jni!(env, FindClass, c"java/lang/System".as_ptr()) };
    if let Some(exception) = take_exception(env) {
        return Err(format!("class java.lang.System not found: {exception}"));
    }
    let exit_method = unsafe { jni!(env, GetStaticMethodID, system, c"exit".as_ptr(), c"(I)V".as_ptr()) };
    if let Some(exception) = take_exception(env) {
        return Err(format!("System.exit(int) not found: {exception}"));
    }
    say("  main: calls System.exit(3) through JNI");
    unsafe { jni!(env, CallStaticVoidMethod, system, exit_method, 3 as jint) };
    Err(format!("not expected: System.exit returned to Rust ({:?})", take_exception(env)))
}

// ---- twice: one JVM per process ------------------------------------------------------------------

fn twice(options: Vec<String>) {
    say("One JVM per process: create_jvm again (lifecycle twice; stderr too)");
    let (vm, _) = create_jvm(options.clone()).unwrap_or_else(|(_, message)| fail(&message));
    let again = |options: Vec<String>| match create_jvm(options) {
        Ok(_) => JNI_OK,
        Err((code, message)) => {
            eprintln!("error: {message}");
            code
        }
    };
    say(&format!("  create_jvm with a JVM running: {}", error_name(again(options.clone()))));
    say(&format!("  DestroyJavaVM: {}", error_name(unsafe { jni!(vm, DestroyJavaVM) })));
    say(&format!("  create_jvm after DestroyJavaVM: {}", error_name(again(options))));
}
