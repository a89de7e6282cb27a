//! Runs before cargo compiles `embed`: writes Rust declarations of the JDK's own jni.h with the
//! `bindgen` program (from Debian; no crate), and tells the linker where libjvm.so is.
use std::env;
use std::path::PathBuf;
use std::process::{Command, exit};

fn main() {
    let Ok(java_home) = env::var("JAVA_HOME") else {
        eprintln!("error: JAVA_HOME is not set: the Makefile sets it to a JDK 25 (run `make`)");
        exit(1);
    };
    let include = format!("{java_home}/include");
    let bindings = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("jni.rs");
    let bindgen = env::var("BINDGEN").unwrap_or_else(|_| "bindgen".to_string());
    let output = Command::new(&bindgen)
        .args(["--allowlist-function", "JNI_.*", "--allowlist-var", "JNI_.*"]) // the invocation API
        .args(["--allowlist-type", "JNIEnv|JavaVM.*"]) // and the types it needs (JNIEnv: all of JNI)
        .args(["--default-macro-constant-type", "signed"]) // JNI_OK and the rest are jint, not u32
        .args(["--no-layout-tests", "--no-doc-comments"])
        .arg(format!("{include}/jni.h"))
        .args(["--", &format!("-I{include}"), &format!("-I{include}/linux")])
        .output();
    let code = match output {
        Ok(output) if output.status.success() => String::from_utf8(output.stdout).expect("bindgen writes UTF-8"),
        Ok(output) => {
            eprintln!("error: {bindgen} failed on {include}/jni.h:\n{}", String::from_utf8_lossy(&output.stderr));
            exit(1);
        }
        Err(e) => {
            eprintln!("error: cannot run {bindgen} ({e}): apt-get install bindgen clang");
            exit(1);
        }
    };
    // Debian 12's bindgen (0.60) predates edition 2024, where a block of foreign functions must be
    // marked `unsafe extern`: mark it (it changes nothing else).
    let code = code.replace("extern \"C\" {", "unsafe extern \"C\" {");
    std::fs::write(&bindings, code).expect("cannot write the bindings in OUT_DIR");

    // `embed` links against this JDK's libjvm.so, and the rpath records where it is, so that it
    // starts from any folder without LD_LIBRARY_PATH.
    println!("cargo:rustc-link-search=native={java_home}/lib/server");
    println!("cargo:rustc-link-arg-bins=-ljvm");
    println!("cargo:rustc-link-arg-bins=-Wl,-rpath,{java_home}/lib/server");
    println!("cargo:rerun-if-env-changed=JAVA_HOME");
    println!("cargo:rerun-if-env-changed=BINDGEN");
    println!("cargo:rerun-if-changed={include}/jni.h");
    println!("cargo:rerun-if-changed=src/main/rust/build.rs");
}
