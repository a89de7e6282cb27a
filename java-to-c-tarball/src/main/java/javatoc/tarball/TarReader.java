package javatoc.tarball;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One tar reader, the same C code (tarball.c) run by one of two engines: FFM ({@link Tarball}, the
 * C compiled for this machine, in this process) or WebAssembly ({@link WasmTarball}, the C compiled
 * to wasm32 and run by Chicory, a Wasm runtime written in Java). The calls and the answers are
 * the same; what differs is what a bug in the C can do (WASM.md: "When the C is wrong").
 */
public interface TarReader extends AutoCloseable {

    /** Who runs tarball.c. */
    enum Engine {
        /** Native code through FFM: fastest; a wild write in the C corrupts or kills the JVM. */
        FFM,
        /** WebAssembly compiled to JVM bytecode at build time (Chicory's compiler): a wild write throws. */
        WASM,
        /** The same module run by Chicory's interpreter: no build step, many times slower. */
        WASM_INTERPRETER;

        /** "ffm", "wasm" or "wasm-interpreter" (as in {@code make tar-list ENGINE=wasm}). */
        public static Engine named(String name) {
            for (Engine engine : values()) {
                if (engine.name().replace('_', '-').equalsIgnoreCase(name)) {
                    return engine;
                }
            }
            throw new IllegalArgumentException("no engine named '" + name + "': ffm, wasm or wasm-interpreter");
        }

        public String lowerCaseName() {
            return name().replace('_', '-').toLowerCase(Locale.ROOT);
        }
    }

    /** Opens and checks the archive with the chosen engine; a malformed archive is a TarballException. */
    static TarReader open(Path path, Engine engine) throws TarballException {
        return engine == Engine.FFM ? Tarball.open(path) : WasmTarball.open(path, engine);
    }

    /** The entries, in archive order; records, so they stay valid after close. */
    List<TarEntry> entries();

    default Stream<TarEntry> stream() {
        return entries().stream();
    }

    /**
     * Entry {@code index}'s bytes, read-only; empty if there is no such entry. FFM: a view of C's
     * own buffer, no copy, valid until close. Wasm: a copy out of the module's memory (Chicory
     * gives no view of it), still valid after close. A sparse file: UnsupportedOperationException.
     */
    Optional<MemorySegment> file(int index);

    /** Copies entry {@code index}'s content from {@code offset} into {@code into}; how many bytes, -1 if no such entry. */
    long read(int index, long offset, MemorySegment into);

    /** Frees the C tarball. A second close does nothing. */
    @Override
    void close();
}
