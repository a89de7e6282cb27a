package javatoc.tarball;

/**
 * The C code did something WebAssembly forbids (a read or write outside its memory, abort(), a
 * stack overflow) and the Wasm runtime stopped it: the message names the trap. The instance it
 * happened in is discarded; the JVM, and every other archive, go on.
 */
public final class WasmTrapException extends RuntimeException {
    WasmTrapException(String what, RuntimeException trap) {
        super("the C code trapped in its wasm sandbox while " + what + ": " + trap.getMessage(), trap);
    }
}
