package javatoc.tarball;

import static java.lang.foreign.MemoryLayout.sequenceLayout;
import static java.lang.foreign.MemoryLayout.structLayout;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.File;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
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
    /** libtarball.so, from the first folder of -Djava.library.path that has it; null if none. */
    private static final SymbolLookup LIBRARY = find("tarball");

    /** C's tarball_error: an int code, then a 256-byte message. */
    static final StructLayout ERROR = structLayout(JAVA_INT.withName("code"), sequenceLayout(256, JAVA_BYTE).withName("message"));
    static final long ERROR_CODE = ERROR.byteOffset(PathElement.groupElement("code"));
    static final long ERROR_MESSAGE = ERROR.byteOffset(PathElement.groupElement("message"));

    // size_t is a JAVA_LONG on 64-bit Linux. The short, non-blocking lookups are "critical":
    // they skip the thread-state switch (see FfmExample). Open and close touch the file
    // system and malloc, so they are ordinary calls.
    static final MethodHandle OPEN = handle("tarball_open", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    static final MethodHandle COUNT = handle("tarball_count", FunctionDescriptor.of(JAVA_LONG, ADDRESS), Linker.Option.critical(false));
    static final MethodHandle FILE_NAME = handle("tarball_file_name", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, ADDRESS), Linker.Option.critical(false));
    static final MethodHandle FILE_TYPE = handle("tarball_file_type", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG), Linker.Option.critical(false));
    static final MethodHandle LINK_TARGET = handle("tarball_link_target", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, ADDRESS), Linker.Option.critical(false));
    static final MethodHandle FILE_SIZE = handle("tarball_file_size", FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG), Linker.Option.critical(false));
    static final MethodHandle FILE_DATA = handle("tarball_file_data", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, ADDRESS), Linker.Option.critical(false));
    // critical(true): the destination may be a Java array (MemorySegment.ofArray), which the GC
    // then holds still during the copy, so Tarball.read can fill a byte[] without a second copy.
    static final MethodHandle FILE_READ = handle("tarball_file_read", FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG), Linker.Option.critical(true));
    static final MethodHandle CLOSE = handle("tarball_close", FunctionDescriptor.ofVoid(ADDRESS));

    /** Throws the "build it with make" message if libtarball.so was not found. */
    static void requireLoaded() {
        if (LIBRARY == null) {
            throw new LibraryNotFoundException("tarball", "java.library.path", null);
        }
    }

    private static SymbolLookup find(String name) {
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
