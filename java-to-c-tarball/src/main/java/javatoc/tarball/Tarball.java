package javatoc.tarball;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A tar archive read by the C library (tarball.h), owned by this object, and borrowed safely.
 *
 * <p>The essay's Rust binding ties the C pointer's lifetime to the {@code Tarball} with the
 * borrow checker, at compile time. FFM does it at run time, with an {@link Arena}: the C
 * handle and every view of the C-owned bytes handed out by {@link #file(int)} belong to this
 * tarball's arena, and {@link #close()} closes the arena, which calls {@code tarball_close}.
 * After that, any use of a view, or of the tarball, throws {@link IllegalStateException} from
 * FFM's own check: a loud error instead of a read of freed memory.
 *
 * <p>Threads: the arena is <em>shared</em>, so any thread may read the tarball and its views
 * at the same time (the C library never writes to a tarball after opening it). Closing is
 * safe too: while a C call is running, FFM keeps the arena open (close throws), and a close
 * that wins the race makes every later read, in any thread, throw. A confined arena would
 * make close cheaper and turn any use from another thread into a {@code WrongThreadException}
 * instead; we chose sharing so that a parallel stream can read the files.
 */
public final class Tarball implements TarReader {
    private final Arena arena;
    private final MemorySegment handle; // tarball_t*, in the arena: closing it calls tarball_close
    private final List<TarEntry> entries;
    private final long archiveStart, archiveEnd; // where the archive's bytes are in C: read() must not write there
    private final AtomicBoolean closed = new AtomicBoolean();

    /** read() copies into a Java array in pieces of at most this many bytes: see {@link #read}. */
    static final long ARRAY_PIECE = 64 * 1024;

    private Tarball(Arena arena, MemorySegment handle, List<TarEntry> entries, MemorySegment archive, long archiveSize) {
        this.arena = arena;
        this.handle = handle;
        this.entries = entries;
        this.archiveStart = archive.address();
        this.archiveEnd = archive.address() + archiveSize;
    }

    /** Opens and checks the archive; every malformed archive becomes a TarballException. C reads the file itself. */
    public static Tarball open(Path path) throws TarballException {
        return open(path.toString(), (call, error) ->
                (MemorySegment) TarballLibrary.OPEN.invokeExact(call.allocateFrom(path.toString()), error));
    }

    /**
     * Opens and checks an archive that is already in memory (downloaded, say): C copies its bytes
     * into its own buffer, so {@code bytes} stays the caller's, to change or free at once. Bytes on
     * the Java heap ({@code MemorySegment.ofArray}) are first copied into native memory: only a
     * critical call may hand C a Java array, and this call parses the whole archive, far too long
     * to hold back every other thread's safepoint (a GC, say). Native bytes go to C as they are.
     */
    public static Tarball open(MemorySegment bytes) throws TarballException {
        return open("an archive in memory (" + bytes.byteSize() + " bytes)", (call, error) -> {
            MemorySegment in = bytes.isNative() ? bytes : call.allocate(bytes.byteSize()).copyFrom(bytes);
            return (MemorySegment) TarballLibrary.OPEN_MEMORY.invokeExact(in, in.byteSize(), error);
        });
    }

    /** A call to tarball_open or tarball_open_memory: its arguments live in call; error is C's tarball_error. */
    private interface OpenInC {
        MemorySegment open(Arena call, MemorySegment error) throws Throwable;
    }

    private static Tarball open(String source, OpenInC openInC) throws TarballException {
        TarballLibrary.requireLoaded();
        Arena arena = Arena.ofShared();
        try (Arena call = Arena.ofConfined()) { // the arguments and the error struct, for this call only
            MemorySegment error = call.allocate(TarballLibrary.ERROR);
            MemorySegment raw = openInC.open(call, error);
            if (raw.equals(MemorySegment.NULL)) {
                arena.close();
                throw new TarballException(source, error.get(JAVA_INT, TarballLibrary.ERROR_CODE),
                        error.getString(TarballLibrary.ERROR_MESSAGE));
            }
            // Give the bare pointer an owner: from now on it lives exactly as long as the
            // arena, and closing the arena passes it to tarball_close.
            MemorySegment handle = raw.reinterpret(arena, Tarball::closeInC);
            MemorySegment size = call.allocate(TarballLibrary.SIZE_T);
            MemorySegment archive = (MemorySegment) TarballLibrary.ARCHIVE.invokeExact(handle, size);
            return new Tarball(arena, handle, TarEntry.readAll(handle), archive, size.get(TarballLibrary.SIZE_T, 0));
        } catch (TarballException | RuntimeException | Error e) {
            if (arena.scope().isAlive()) {
                arena.close();
            }
            throw e;
        } catch (Throwable t) {
            arena.close();
            throw new IllegalStateException(t);
        }
    }

    private static void closeInC(MemorySegment handle) {
        try {
            TarballLibrary.CLOSE.invokeExact(handle);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The entries, in archive order; records, so they stay valid after close. */
    public List<TarEntry> entries() {
        return entries;
    }

    public Stream<TarEntry> stream() {
        return entries.stream();
    }

    /**
     * The bytes of entry {@code index}: empty if there is no such entry, otherwise a read-only
     * view of the C library's own buffer (no copy) that lives as long as this tarball. Reading
     * it after {@link #close()} throws IllegalStateException; writing it throws
     * IllegalArgumentException. A sparse file has no view (its holes are not in the archive):
     * UnsupportedOperationException; copy it with {@link #read}. After close: IllegalStateException.
     */
    public Optional<MemorySegment> file(int index) {
        MemorySegment data;
        try {
            // C checks the index (a negative int becomes a huge size_t: out of range too);
            // FFM checks that the handle's arena is still open before it makes the call.
            data = (MemorySegment) TarballLibrary.FILE_DATA.invokeExact(handle, (long) index, MemorySegment.NULL);
        } catch (Throwable t) {
            throw t instanceof RuntimeException e ? e : new IllegalStateException(t);
        }
        if (data.equals(MemorySegment.NULL)) {
            if (index >= 0 && index < entries.size()) { // C has the entry, but no view of it
                throw new UnsupportedOperationException(entries.get(index).name() + " is a sparse file: its holes"
                        + " are not in the archive, so no view of it exists; copy it with read()");
            }
            return Optional.empty();
        }
        // C returned a bare address of size 0. Give it its size and this tarball's lifetime.
        return Optional.of(data.reinterpret(entries.get(index).size(), arena, null).asReadOnly());
    }

    /**
     * Copies entry {@code index}'s content from {@code offset} into {@code into} (as much as
     * fits; a sparse file's holes as zeros) and returns how many bytes: 0 at the end, -1 if there
     * is no such entry. {@code into} may wrap a Java array. It must be writable and must not
     * overlap the archive (a view from {@link #file}): IllegalArgumentException, before C is
     * called. After close: IllegalStateException.
     */
    public long read(int index, long offset, MemorySegment into) {
        if (into.isReadOnly()) {
            throw new IllegalArgumentException("read() writes into its destination, and this one is read-only");
        }
        if (into.isNative() && into.address() < archiveEnd && archiveStart < into.address() + into.byteSize()) {
            throw new IllegalArgumentException("the destination overlaps the archive's own bytes (a view from file()?): "
                    + "C's memcpy would read what it writes");
        }
        try {
            if (into.isNative()) { // one ordinary call, however long: other threads go on meanwhile
                return (long) TarballLibrary.FILE_READ.invokeExact(handle, (long) index, offset, into, into.byteSize());
            }
            // A Java array: only a critical call may write into it, and while it runs no other thread
            // reaches a safepoint (no GC). So: pieces of at most 64 KiB, each call short and bounded.
            long total = 0;
            do {
                long piece = Math.min(ARRAY_PIECE, into.byteSize() - total);
                long copied = (long) TarballLibrary.FILE_READ_INTO_ARRAY.invokeExact(handle, (long) index, offset + total,
                        into.asSlice(total, piece), piece);
                if (copied < 0) {
                    return copied;
                }
                total += copied;
                if (copied < piece) {
                    break;
                }
            } while (total < into.byteSize());
            return total;
        } catch (Throwable t) {
            throw t instanceof RuntimeException e ? e : new IllegalStateException(t);
        }
    }

    /** Frees the C tarball. Views from file() die with it. A second close does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                arena.close(); // runs closeInC; throws if another thread is inside a C call
            } catch (IllegalStateException e) {
                closed.set(false);
                throw e;
            }
        }
    }
}
