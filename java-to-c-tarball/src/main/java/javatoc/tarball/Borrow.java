package javatoc.tarball;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code make run}: the lesson in one run. Opens an archive, lists every entry, borrows a view
 * of a file's bytes from C, copies a sparse file that has no view, and uses the view after
 * close, which FFM refuses. A missing or malformed archive is one line on stderr and exit 1.
 */
public final class Borrow {
    private Borrow() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java ... javatoc.tarball.Borrow ARCHIVE.tar");
            System.exit(2);
        }
        MemorySegment view = null;
        try (Tarball tarball = Tarball.open(Path.of(args[0]))) {
            for (TarEntry entry : tarball.entries()) {
                String link = entry.linkTarget().isEmpty() ? "" : " -> " + entry.linkTarget();
                System.out.printf("%-12s %8d  %s%s%n", entry.type(), entry.size(), entry.name(), link);
            }
            for (TarEntry file : tarball.stream().filter(e -> e.type() == TarEntry.Type.FILE && e.size() > 0).limit(1).toList()) {
                view = tarball.file(file.index()).orElseThrow(); // borrowed: no copy
                System.out.println("file(" + file.index() + "), a view of C's buffer: " + text(view).strip());
            }
            for (TarEntry sparse : tarball.stream().filter(e -> e.type() == TarEntry.Type.SPARSE_FILE).toList()) {
                try {
                    tarball.file(sparse.index());
                } catch (UnsupportedOperationException e) {
                    System.out.println("file(" + sparse.index() + "): " + e.getMessage());
                }
                MemorySegment last = MemorySegment.ofArray(new byte[16]); // a copy, into a Java array
                long copied = tarball.read(sparse.index(), sparse.size() - last.byteSize(), last);
                System.out.println("read(" + sparse.index() + ") of its last " + copied + " bytes: "
                        + text(last).replace("\0", "\\0").strip());
            }
        } catch (TarballException | LibraryNotFoundException e) {
            System.err.println("borrow: error: " + e.getMessage());
            System.exit(1);
            return;
        }
        try {
            if (view != null) {
                text(view);
            }
        } catch (IllegalStateException e) {
            System.out.println("the view after close(): " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String text(MemorySegment bytes) {
        return new String(bytes.toArray(JAVA_BYTE), StandardCharsets.UTF_8);
    }
}
