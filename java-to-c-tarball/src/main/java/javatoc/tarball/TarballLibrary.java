package javatoc.tarball;

import static java.lang.foreign.MemoryLayout.sequenceLayout;
import static java.lang.foreign.MemoryLayout.structLayout;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.File;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The raw FFM handles for tarball.h, one per C function: no safety at all. A pointer they
 * return is a bare address of size 0, valid only until tarball_close, and nothing stops a
 * caller from using it afterwards. {@link Tarball} is the safe face of these; the benchmark
 * calls them directly to measure what the safety costs.
 */
final class TarballLibrary {
    private TarballLibrary() {}

    private static final Linker LINKER = Linker.nativeLinker();
    /** Why the jar's copy of libtarball.so could not be extracted (make dist: SHIPPING.md); null if it was, or none is bundled. */
    private static UncheckedIOException extractionFailure;
    /** libtarball.so: the jar's copy, else the first folder of -Djava.library.path that has it; null if none. */
    private static final SymbolLookup LIBRARY = find("tarball");

    /** C's tarball_error: an int code, then a 256-byte message. */
    static final StructLayout ERROR = structLayout(JAVA_INT.withName("code"), sequenceLayout(256, JAVA_BYTE).withName("message"));
    static final long ERROR_CODE = ERROR.byteOffset(PathElement.groupElement("code"));
    static final long ERROR_MESSAGE = ERROR.byteOffset(PathElement.groupElement("message"));

    /** C's size_t, as the platform's linker defines it; the Java side passes it as a long, so this
     * cast fails at once where size_t is not 64 bits (where the code would need ints). */
    static final ValueLayout.OfLong SIZE_T = (ValueLayout.OfLong) LINKER.canonicalLayouts().get("size_t");

    // The short lookups, bounded whatever the archive, are "critical": they skip the thread-state
    // switch (see FfmExample), and so hold back every other thread's safepoint (a GC, say) until
    // they return. Open and close read the file and walk the archive, so they are ordinary calls.
    static final MethodHandle OPEN = handle("tarball_open", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    static final MethodHandle OPEN_MEMORY = handle("tarball_open_memory", FunctionDescriptor.of(ADDRESS, ADDRESS, SIZE_T, ADDRESS));
    static final MethodHandle COUNT = handle("tarball_count", FunctionDescriptor.of(SIZE_T, ADDRESS), Linker.Option.critical(false));
    static final MethodHandle FILE_NAME = handle("tarball_file_name", FunctionDescriptor.of(ADDRESS, ADDRESS, SIZE_T, ADDRESS), Linker.Option.critical(false));
    static final MethodHandle FILE_TYPE = handle("tarball_file_type", FunctionDescriptor.of(JAVA_INT, ADDRESS, SIZE_T), Linker.Option.critical(false));
    static final MethodHandle LINK_TARGET = handle("tarball_link_target", FunctionDescriptor.of(ADDRESS, ADDRESS, SIZE_T, ADDRESS), Linker.Option.critical(false));
    static final MethodHandle FILE_SIZE = handle("tarball_file_size", FunctionDescriptor.of(JAVA_LONG, ADDRESS, SIZE_T), Linker.Option.critical(false));
    static final MethodHandle FILE_DATA = handle("tarball_file_data", FunctionDescriptor.of(ADDRESS, ADDRESS, SIZE_T, ADDRESS), Linker.Option.critical(false));
    static final MethodHandle ARCHIVE = handle("tarball_archive", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS), Linker.Option.critical(false));
    // A copy is as long as the caller asks: an ordinary call into native memory; and critical(true),
    // which lets C write into a Java array (the GC holds it still), only for bounded pieces.
    private static final FunctionDescriptor READ = FunctionDescriptor.of(JAVA_LONG, ADDRESS, SIZE_T, JAVA_LONG, ADDRESS, SIZE_T);
    static final MethodHandle FILE_READ = handle("tarball_file_read", READ);
    static final MethodHandle FILE_READ_INTO_ARRAY = handle("tarball_file_read", READ, Linker.Option.critical(true));
    static final MethodHandle CLOSE = handle("tarball_close", FunctionDescriptor.ofVoid(ADDRESS));

    /** Throws the "build it with make" message if libtarball.so was not found. */
    static void requireLoaded() {
        if (LIBRARY == null && extractionFailure != null) {
            throw new LibraryNotFoundException(extractionFailure.getMessage(), extractionFailure);
        }
        if (LIBRARY == null) {
            throw new LibraryNotFoundException("tarball", "java.library.path", null);
        }
    }

    private static SymbolLookup find(String name) {
        if (BundledLibrary.isBundled(name)) {
            try {
                return SymbolLookup.libraryLookup(BundledLibrary.extract(name), Arena.global()); // extracted to a file, loaded for good
            } catch (UncheckedIOException e) {
                extractionFailure = e;
                return null;
            }
        }
        String fileName = System.mapLibraryName(name);
        for (String folder : System.getProperty("java.library.path").split(File.pathSeparator)) {
            Path library = Path.of(folder, fileName);
            if (Files.isRegularFile(library)) {
                return SymbolLookup.libraryLookup(library, Arena.global()); // loaded for good
            }
        }
        return null;
    }

    private static MethodHandle handle(String function, FunctionDescriptor signature, Linker.Option... options) {
        return LIBRARY == null ? null : LINKER.downcallHandle(LIBRARY.findOrThrow(function), signature, options);
    }
}
