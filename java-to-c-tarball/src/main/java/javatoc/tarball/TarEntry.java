package javatoc.tarball;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static javatoc.tarball.TarballLibrary.SIZE_T;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of an archive, copied into Java when the tarball is opened: a plain value that
 * stays valid after the tarball is closed. Its bytes are not in here; ask
 * {@link Tarball#file(int)} (a view) or {@link Tarball#read} (a copy) with its index for those.
 *
 * @param size the content's length: a sparse file's real size, holes included; 0 for an entry
 *     that is a header alone (directories, links, devices, FIFOs)
 * @param linkTarget where a symbolic link points, or the earlier entry a hard link names; "" otherwise
 */
public record TarEntry(int index, String name, long size, Type type, String linkTarget) {

    /** The values of C's tarball_type, in the same order. */
    public enum Type {
        /** A regular file: {@link Tarball#file(int)} is a view of its bytes. */
        FILE,
        /** A regular file with holes: no view (the holes are not in the archive); {@link Tarball#read} copies it. */
        SPARSE_FILE,
        DIRECTORY, SYMLINK, HARDLINK, CHARACTER_DEVICE, BLOCK_DEVICE, FIFO,
        /** A type flag this reader does not know; kept with its data, as tar does. */
        OTHER
    }

    /** A regular file, sparse or not: what {@code tar-list} lists. */
    public boolean isFile() {
        return type == Type.FILE || type == Type.SPARSE_FILE;
    }

    /** Copies every entry's name, size, type and link target out of the C tarball, once, at open. */
    static List<TarEntry> readAll(MemorySegment handle) throws Throwable {
        long count = (long) TarballLibrary.COUNT.invokeExact(handle);
        if (count > Integer.MAX_VALUE) {
            throw new IllegalStateException("more entries than a Java list holds: " + count);
        }
        List<TarEntry> entries = new ArrayList<>((int) count);
        try (Arena call = Arena.ofConfined()) {
            MemorySegment length = call.allocate(SIZE_T);
            for (int i = 0; i < count; i++) {
                MemorySegment name = (MemorySegment) TarballLibrary.FILE_NAME.invokeExact(handle, (long) i, length);
                name = name.reinterpret(length.get(SIZE_T, 0)); // C told us the length
                MemorySegment link = (MemorySegment) TarballLibrary.LINK_TARGET.invokeExact(handle, (long) i, length);
                link = link.reinterpret(length.get(SIZE_T, 0));
                int type = (int) TarballLibrary.FILE_TYPE.invokeExact(handle, (long) i);
                long size = (long) TarballLibrary.FILE_SIZE.invokeExact(handle, (long) i);
                entries.add(new TarEntry(i, text(name), size, Type.values()[type], text(link)));
            }
        }
        return List.copyOf(entries);
    }

    private static String text(MemorySegment bytes) {
        return new String(bytes.toArray(JAVA_BYTE), StandardCharsets.UTF_8);
    }
}
