package javatoc.tarball;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The same tarball.c, compiled to WebAssembly and run inside the JVM by Chicory: {@link TarReader}
 * with the C in a sandbox. Each open archive gets its own Wasm instance (its own linear memory,
 * capped at {@link WasmModule#MAX_PAGES} pages of 64 KiB), so a bug in the C can reach that archive's
 * memory and nothing else: a write outside it throws {@link WasmTrapException}, and the JVM goes on.
 *
 * <p>What Wasm cannot give, and this class does not fake: no view of C's buffer (the module's
 * memory is copied in and out: {@link #file} returns a copy); one thread at a time per instance
 * (one C stack, a malloc without locks: every method is synchronized, so threads take turns; open
 * the archive once per thread to read in parallel); and after a trap the instance's state is
 * unknown, so it is discarded: every later call on this tarball throws IllegalStateException.
 * The C cannot open files here (the module has no file system): Java reads the file and hands
 * its bytes to {@code tarball_open_memory}.
 */
public final class WasmTarball implements TarReader {
    private static final int ERROR_SIZE = 4 + 256; // C's tarball_error: int code, char message[256]
    private static final int PIECE = 64 * 1024;    // C assembles a sparse file in a scratch buffer of this size, piece by piece

    private Instance instance; // null once closed or after a trap
    private final List<TarEntry> entries;
    private final int handle, scratch;
    private String trap; // why the instance was discarded

    private WasmTarball(Instance instance, int handle, int scratch, List<TarEntry> entries) {
        this.instance = instance;
        this.handle = handle;
        this.scratch = scratch;
        this.entries = entries;
    }

    /** Reads the file in Java, copies it into a fresh instance and calls tarball_open_memory there. */
    public static WasmTarball open(Path path, TarReader.Engine engine) throws TarballException {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(path) && Files.exists(path)) {
                throw new TarballException(path, TarballException.Reason.IO.ordinal(), "not a regular file");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new TarballException(path, TarballException.Reason.IO.ordinal(), "cannot open it: No such file or directory");
        } catch (IOException e) {
            throw new TarballException(path, TarballException.Reason.IO.ordinal(), "cannot read it: " + e.getMessage());
        } catch (OutOfMemoryError e) {
            throw new TarballException(path, TarballException.Reason.LIMIT.ordinal(), "too large to read into the Java heap");
        }
        return open(path.toString(), bytes, engine);
    }

    /** The same from bytes in memory; {@code source} names them in error messages. */
    public static WasmTarball open(String source, byte[] bytes, TarReader.Engine engine) throws TarballException {
        return open(source, bytes, engine, WasmModule.MAX_PAGES);
    }

    /** With a memory limit of maxPages pages of 64 KiB: the archive, C's copy of it and its index must fit. */
    static WasmTarball open(String source, byte[] bytes, TarReader.Engine engine, int maxPages) throws TarballException {
        Instance instance = WasmModule.instantiate(engine, maxPages);
        try {
            Memory memory = instance.memory();
            int data = malloc(instance, bytes.length);
            int error = malloc(instance, ERROR_SIZE);
            int scratch = malloc(instance, PIECE + 4);
            if (data == 0 || error == 0 || scratch == 0) {
                throw tooLarge(source, bytes.length, instance);
            }
            memory.write(data, bytes);
            int handle = call(instance, "tarball_open_memory", data, bytes.length, error);
            call(instance, "free", data); // C copied the bytes
            if (handle == 0) {
                int code = memory.readInt(error);
                String message = cString(memory, error + 4, 256);
                if (code == TarballException.Reason.MEMORY.ordinal()) { // C's malloc returned NULL: the limit, here
                    throw tooLarge(source, bytes.length, instance);
                }
                throw new TarballException(source, code, message);
            }
            List<TarEntry> entries = readAll(instance, handle, scratch);
            return new WasmTarball(instance, handle, scratch, entries);
        } catch (ChicoryException e) {
            throw new WasmTrapException("opening " + source, e);
        }
    }

    /** C's malloc returned NULL: the instance's memory reached its limit, or the Java heap had no room for more of it. */
    private static TarballException tooLarge(String source, int length, Instance instance) {
        String need = "the archive (" + length + " bytes) and its copy in C need more ";
        return new TarballException(source, TarballException.Reason.LIMIT.ordinal(), ((PagedMemory) instance.memory()).heapWasFull()
                ? need + "Java heap than is free: raise -Xmx (the wasm engine holds about twice the archive in the heap)"
                : need + "than the wasm engine's memory limit (" + (instance.memory().maximumPages() >> 4) + " MiB)");
    }

    private static List<TarEntry> readAll(Instance instance, int handle, int length) {
        Memory memory = instance.memory();
        int count = call(instance, "tarball_count", handle);
        List<TarEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int name = call(instance, "tarball_file_name", handle, i, length);
            String nameText = text(memory, name, memory.readInt(length));
            int link = call(instance, "tarball_link_target", handle, i, length);
            String linkText = text(memory, link, memory.readInt(length));
            int type = call(instance, "tarball_file_type", handle, i);
            long size = instance.export("tarball_file_size").apply(handle, i)[0];
            entries.add(new TarEntry(i, nameText, size, TarEntry.Type.values()[type], linkText));
        }
        return List.copyOf(entries);
    }

    @Override
    public List<TarEntry> entries() {
        return entries;
    }

    /** A read-only copy of the entry's bytes (Wasm has no view of C's buffer); a sparse file: UnsupportedOperationException. */
    @Override
    public synchronized Optional<MemorySegment> file(int index) {
        if (index < 0 || index >= entries.size()) {
            requireOpen();
            return Optional.empty();
        }
        TarEntry entry = entries.get(index);
        if (entry.type() == TarEntry.Type.SPARSE_FILE) {
            throw new UnsupportedOperationException(entry.name() + " is a sparse file: its holes"
                    + " are not in the archive, so no view of it exists; copy it with read()");
        }
        byte[] copy = new byte[Math.toIntExact(entry.size())];
        read(index, 0, MemorySegment.ofArray(copy));
        return Optional.of(MemorySegment.ofArray(copy).asReadOnly());
    }

    /**
     * As {@link Tarball#read}. A file stored whole is copied straight out of C's buffer in the
     * module's memory (where tarball_file_data says it is), one copy; a sparse file is assembled by
     * C's tarball_file_read (holes as zeros) in a scratch buffer first, then copied out.
     */
    @Override
    public synchronized long read(int index, long offset, MemorySegment into) {
        if (into.isReadOnly()) {
            throw new IllegalArgumentException("read() writes into its destination, and this one is read-only");
        }
        requireOpen();
        try {
            int data = call(instance, "tarball_file_data", handle, index, scratch);
            if (data != 0) {
                long size = Integer.toUnsignedLong(instance.memory().readInt(scratch));
                long length = Long.compareUnsigned(offset, size) >= 0 ? 0 : Math.min(size - offset, into.byteSize());
                copyOut(Integer.toUnsignedLong(data) + offset, into, length);
                return length;
            }
            ExportFunction fileRead = instance.export("tarball_file_read");
            long total = 0;
            do {
                int piece = (int) Math.min(PIECE, into.byteSize() - total);
                long copied = fileRead.apply(handle, index, offset + total, scratch, piece)[0];
                if (copied < 0) {
                    return copied;
                }
                if (copied > piece) { // C claims more than it was given room for: its state is not to be trusted
                    throw new WasmRuntimeException("tarball_file_read returned " + copied + " bytes for a piece of " + piece);
                }
                copyOut(scratch, into.asSlice(total), copied);
                total += copied;
                if (copied < piece) {
                    break;
                }
            } while (total < into.byteSize());
            return total;
        } catch (ChicoryException e) {
            throw discard("reading entry " + index, e);
        }
    }

    /** Copies length bytes at a module address into a segment, in one copy (PagedMemory.copyTo). */
    private void copyOut(long address, MemorySegment into, long length) {
        if (length > 0) {
            int at = (int) Math.min(address, 0xFFFF_FFFFL); // past the module's memory either way: the trap
            ((PagedMemory) instance.memory()).copyTo(at, into, 0, length);
        }
    }

    /** Frees the C tarball and drops the instance. */
    @Override
    public synchronized void close() {
        if (instance != null) {
            try {
                call(instance, "tarball_close", handle);
            } catch (ChicoryException e) {
                throw discard("closing", e);
            } finally {
                instance = null;
            }
        }
    }

    private void requireOpen() {
        if (instance == null) {
            throw new IllegalStateException(trap != null ? "this tarball's wasm instance was discarded after a trap (" + trap
                    + "): open the archive again" : "the tarball is closed");
        }
    }

    private WasmTrapException discard(String what, ChicoryException e) {
        instance = null; // its C stack and heap are in an unknown state: never call it again
        trap = e.getMessage();
        return new WasmTrapException(what, e);
    }

    /** Runs deliberate_bug.c's out-of-bounds write in a fresh instance: the lesson's proof (WASM.md); the reader never calls it. */
    static void deliberateOutOfBoundsWrite(TarReader.Engine engine) {
        Instance instance = WasmModule.instantiate(engine, WasmModule.MAX_PAGES);
        try {
            call(instance, "deliberate_out_of_bounds_write");
        } catch (ChicoryException e) {
            throw new WasmTrapException("running deliberate_out_of_bounds_write", e);
        }
    }

    static int malloc(Instance instance, int size) {
        return call(instance, "malloc", size);
    }

    /** Calls an export that takes and returns 32-bit values (pointers and size_t are 32 bits on wasm32). */
    static int call(Instance instance, String function, long... args) {
        long[] result = instance.export(function).apply(args);
        return result == null || result.length == 0 ? 0 : (int) result[0];
    }

    private static String text(Memory memory, int address, int length) {
        return new String(memory.readBytes(address, length), StandardCharsets.UTF_8);
    }

    private static String cString(Memory memory, int address, int max) {
        byte[] bytes = memory.readBytes(address, max);
        int end = 0;
        while (end < max && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
