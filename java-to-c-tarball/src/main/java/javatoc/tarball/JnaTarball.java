package javatoc.tarball;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import java.lang.ref.Cleaner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * For contrast, the same tarball through JNA. A JNA {@code Pointer} is a bare address with no
 * lifetime: one kept after tarball_close reads freed memory, and nothing notices. So this class
 * never hands one out. It copies each file into a {@code byte[]} (safe after close, but a copy
 * of every byte, every time), checks "closed" itself under a lock (JNA has no scope to check),
 * and registers a {@link Cleaner} that frees the C tarball if the user forgets to close it: a
 * safety net that runs some time after the object becomes unreachable, or never.
 */
public final class JnaTarball implements AutoCloseable {
    /** tarball.h as JNA sees it; size_t is a long on 64-bit Linux. */
    interface TarballC extends Library {
        Pointer tarball_open(String path, Pointer error);

        long tarball_count(Pointer tarball);

        String tarball_file_name(Pointer tarball, long index, Pointer length);

        Pointer tarball_file_data(Pointer tarball, long index, LongByReference size);

        void tarball_close(Pointer tarball);
    }

    private static final Cleaner CLEANER = Cleaner.create();

    /** What the Cleaner frees. It must not refer to the JnaTarball, or that would never become unreachable. */
    private static final class Handle implements Runnable {
        private final TarballC c;
        private Pointer tarball;

        Handle(TarballC c, Pointer tarball) {
            this.c = c;
            this.tarball = tarball;
        }

        @Override
        public synchronized void run() {
            if (tarball != null) {
                c.tarball_close(tarball);
                tarball = null;
            }
        }
    }

    private final Handle handle;
    private final Cleaner.Cleanable cleanable;

    private JnaTarball(Handle handle) {
        this.handle = handle;
        this.cleanable = CLEANER.register(this, handle);
    }

    public static JnaTarball open(Path path) throws TarballException {
        TarballC c;
        try {
            // JNA converts a String in the platform's encoding unless told otherwise: in the C locale
            // that is ASCII, and every other character becomes '?'. Tar names are UTF-8.
            c = Native.load("tarball", TarballC.class, Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));
        } catch (UnsatisfiedLinkError e) {
            throw new LibraryNotFoundException("tarball", "jna.library.path", e);
        }
        Memory error = new Memory(TarballLibrary.ERROR.byteSize()); // JNA frees it when collected
        Pointer tarball = c.tarball_open(path.toString(), error);
        if (tarball == null) {
            throw new TarballException(path, error.getInt(0), error.getString(TarballLibrary.ERROR_MESSAGE, "UTF-8"));
        }
        return new JnaTarball(new Handle(c, tarball));
    }

    /** A copy of entry {@code index}'s bytes; empty if there is none, or if it is a sparse file. Throws IllegalStateException after close. */
    public Optional<byte[]> file(int index) {
        synchronized (handle) { // or another thread's close could free the memory while we copy it
            if (handle.tarball == null) {
                throw new IllegalStateException("the tarball is closed");
            }
            LongByReference size = new LongByReference();
            Pointer data = handle.c.tarball_file_data(handle.tarball, index, size);
            return data == null ? Optional.empty() : Optional.of(data.getByteArray(0, Math.toIntExact(size.getValue())));
        }
    }

    /** The entries' names, in archive order. Throws IllegalStateException after close. */
    public List<String> names() {
        synchronized (handle) {
            if (handle.tarball == null) {
                throw new IllegalStateException("the tarball is closed");
            }
            List<String> names = new ArrayList<>();
            for (long i = 0; i < handle.c.tarball_count(handle.tarball); i++) {
                names.add(handle.c.tarball_file_name(handle.tarball, i, null));
            }
            return names;
        }
    }

    @Override
    public void close() {
        cleanable.clean(); // runs Handle.run at most once, now, and unregisters it
    }
}
