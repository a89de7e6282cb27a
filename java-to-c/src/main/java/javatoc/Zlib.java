package javatoc;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Objects;

/**
 * zlib, a library of the operating system (OSLIB.md), called through FFM (final since JDK 22):
 * the smallest safe wrapper of its one-shot functions, crc32, compress2 and uncompress. Each
 * call is complete in itself (zlib keeps no state between them), so the only memory to own is
 * the call's own, in a confined arena; every error code becomes a {@link ZlibException}.
 * The functions are reentrant: any thread may call them at the same time.
 */
public final class Zlib {
    private Zlib() {}

    /**
     * The file name dlopen looks for: the versioned name, which Debian's zlib1g (always installed)
     * provides. The plain libz.so comes only with zlib1g-dev. Elsewhere: -Dzlib.library=libz.1.dylib (macOS).
     */
    static final String LIBRARY = System.getProperty("zlib.library", "libz.so.1");

    private static final Linker LINKER = Linker.nativeLinker();
    /** dlopen's own search (ld.so.cache knows /usr/lib/x86_64-linux-gnu), not java.library.path; null if not found. */
    private static final SymbolLookup LIBZ = open();

    /**
     * zlib's uLong and uLongf are C's unsigned long: 64 bits on Linux and macOS, 32 on Windows.
     * Its layout comes from the platform's linker, never assumed to be JAVA_LONG. This wrapper
     * passes it as a Java long, so the cast fails at once where it is 32 bits, instead of C
     * writing 4 bytes of *destLen that Java reads as 8. (A crc or a size never reaches 2^63,
     * so Java's signed long holds C's unsigned one.)
     */
    static final ValueLayout.OfLong U_LONG = (ValueLayout.OfLong) LINKER.canonicalLayouts().get("long");

    // crc32 reads the bytes where they are, in the Java array: only a critical(true) call may,
    // and a GC waits until such a call returns, so crc32 goes in bounded pieces. Compressing
    // takes far longer: ordinary calls, on native copies that no GC has to wait for.
    private static final MethodHandle CRC32 = handle("crc32",
            FunctionDescriptor.of(U_LONG, U_LONG, ADDRESS, JAVA_INT), Linker.Option.critical(true));
    private static final MethodHandle COMPRESS_BOUND = handle("compressBound",
            FunctionDescriptor.of(U_LONG, U_LONG), Linker.Option.critical(false));
    private static final MethodHandle COMPRESS2 = handle("compress2",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, U_LONG, JAVA_INT));
    private static final MethodHandle UNCOMPRESS = handle("uncompress",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, U_LONG));

    /** zlib.h's Z_DEFAULT_COMPRESSION: level 6, zlib's balance of speed and size. */
    public static final int DEFAULT_COMPRESSION = -1;
    /** crc32 reads a Java array in pieces of at most this many bytes (as java-to-c-tarball's Tarball.read does). */
    static final int ARRAY_PIECE = 64 * 1024;

    /** The CRC-32 of bytes, the checksum of zip, gzip and PNG: what java.util.zip.CRC32 computes. */
    public static long crc32(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        requireLibrary();
        MemorySegment array = MemorySegment.ofArray(bytes); // a heap segment: no copy
        long crc = 0;
        try {
            for (int at = 0; at < bytes.length; at += ARRAY_PIECE) { // zlib continues a crc piece by piece
                int piece = Math.min(ARRAY_PIECE, bytes.length - at);
                crc = (long) CRC32.invokeExact(crc, array.asSlice(at, piece), piece);
            }
            return crc;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** data in zlib's format (what java.util.zip.Inflater reads), at the default level. */
    public static byte[] compress(byte[] data) {
        return compress(data, DEFAULT_COMPRESSION);
    }

    /** data in zlib's format at level 0 (stored) to 9 (smallest); another level is Z_STREAM_ERROR. */
    public static byte[] compress(byte[] data, int level) {
        Objects.requireNonNull(data, "data");
        requireLibrary();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment source = arena.allocateFrom(JAVA_BYTE, data); // a native copy, freed with the arena
            long room = (long) COMPRESS_BOUND.invokeExact((long) data.length); // the worst case: no shrinking
            MemorySegment dest = arena.allocate(room);
            MemorySegment destLen = arena.allocateFrom(U_LONG, room); // in: the room; out: the bytes written
            check("compress2", (int) COMPRESS2.invokeExact(dest, destLen, source, (long) data.length, level));
            return dest.asSlice(0, destLen.get(U_LONG, 0)).toArray(JAVA_BYTE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * The bytes that compress() was given. zlib's format does not record their size: the caller
     * says how many to expect, at most (store it beside the data). More is Z_BUF_ERROR; input
     * that is corrupt, truncated or not zlib's is Z_DATA_ERROR.
     */
    public static byte[] uncompress(byte[] compressed, int expectedSize) {
        Objects.requireNonNull(compressed, "compressed");
        if (expectedSize < 0) {
            throw new IllegalArgumentException("expectedSize must be 0 or more, not " + expectedSize);
        }
        requireLibrary();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment source = arena.allocateFrom(JAVA_BYTE, compressed);
            // At least 1 byte of room: given 0, zlib's uncompress only checks the stream, and
            // reports a non-empty result as Z_DATA_ERROR. We report it as too large, below.
            long room = Math.max(1, expectedSize);
            MemorySegment dest = arena.allocate(room);
            MemorySegment destLen = arena.allocateFrom(U_LONG, room);
            check("uncompress", (int) UNCOMPRESS.invokeExact(dest, destLen, source, (long) compressed.length));
            long size = destLen.get(U_LONG, 0);
            if (size > expectedSize) {
                throw new ZlibException("uncompress", ZlibException.Z_BUF_ERROR);
            }
            return dest.asSlice(0, size).toArray(JAVA_BYTE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static void check(String function, int code) {
        if (code != 0) { // Z_OK
            throw new ZlibException(function, code);
        }
    }

    /** Throws the one-line "install zlib" message if dlopen could not find LIBRARY. */
    static void requireLibrary() {
        if (LIBZ == null) {
            throw new LibraryNotFoundException(LIBRARY + " could not be opened: dlopen found no such library in the"
                    + " system's folders (install Debian's zlib1g: apt-get install zlib1g; elsewhere pass -Dzlib.library=its file name)");
        }
    }

    private static SymbolLookup open() {
        try {
            return SymbolLookup.libraryLookup(LIBRARY, Arena.global()); // loaded for good
        } catch (IllegalArgumentException e) { // "Cannot open library: libz.so.1", and no reason given
            return null;
        }
    }

    private static MethodHandle handle(String function, FunctionDescriptor signature, Linker.Option... options) {
        return LIBZ == null ? null : LINKER.downcallHandle(LIBZ.findOrThrow(function), signature, options);
    }

    /** invokeExact declares Throwable; pass unchecked ones through and wrap the rest. */
    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
