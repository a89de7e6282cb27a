package javatoc.tarball;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The borrowing rules: views die with the tarball, are read-only, and work across threads. */
class TarballLifetimeTest {
    @TempDir
    static Path folder;
    static Path archive;

    @BeforeAll
    static void archive() throws Exception {
        for (int i = 0; i < 20; i++) {
            Files.writeString(folder.resolve("file-" + i + ".txt"), ("content of file " + i + "\n").repeat(i * 10));
        }
        String[] names = new String[20];
        for (int i = 0; i < 20; i++) {
            names[i] = "file-" + i + ".txt";
        }
        archive = Archives.create(folder, "twenty.tar", "gnu", names);
    }

    private static String text(MemorySegment bytes) {
        return new String(bytes.toArray(JAVA_BYTE), StandardCharsets.UTF_8);
    }

    @Test
    void anIndexOutOfRangeIsEmptyNotACrash() throws Exception {
        try (Tarball tarball = Tarball.open(archive)) {
            assertEquals(20, tarball.entries().size());
            assertTrue(tarball.file(19).isPresent());
            assertTrue(tarball.file(20).isEmpty());
            assertTrue(tarball.file(-1).isEmpty());
            assertTrue(tarball.file(Integer.MAX_VALUE).isEmpty());
            assertTrue(tarball.file(Integer.MIN_VALUE).isEmpty());
        }
    }

    @Test
    void aViewIsTheCOwnedBytesAndReadOnly() throws Exception {
        try (Tarball tarball = Tarball.open(archive)) {
            MemorySegment view = tarball.file(3).orElseThrow();
            assertTrue(view.isNative(), "the C library's buffer, not a copy on the Java heap");
            assertTrue(view.isReadOnly());
            assertEquals("content of file 3\n".repeat(30), text(view));
            assertThrows(IllegalArgumentException.class, () -> view.set(JAVA_BYTE, 0, (byte) 'X'));
            assertThrows(IndexOutOfBoundsException.class, () -> view.get(JAVA_BYTE, view.byteSize()), "bounded by the entry's size");
            assertEquals(view.address(), tarball.file(3).orElseThrow().address(), "the same bytes each time: no copy");
        }
    }

    @Test
    void aViewUsedAfterCloseThrowsInsteadOfReadingFreedMemory() throws Exception {
        MemorySegment view;
        try (Tarball tarball = Tarball.open(archive)) {
            view = tarball.file(5).orElseThrow();
            assertEquals('c', (char) view.get(JAVA_BYTE, 0));
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> view.get(JAVA_BYTE, 0));
        assertEquals("Already closed", e.getMessage()); // FFM's own scope check
        assertFalse(view.scope().isAlive());
        assertThrows(IllegalStateException.class, () -> view.toArray(JAVA_BYTE));
        assertThrows(IllegalStateException.class, () -> view.asByteBuffer().get(0));
    }

    @Test
    void theTarballUsedAfterCloseThrows() throws Exception {
        Tarball tarball = Tarball.open(archive);
        List<TarEntry> entries = tarball.entries();
        tarball.close();
        tarball.close(); // a second close is harmless
        // FFM refuses to pass the closed handle to C, in range or not: no call to freed memory.
        assertThrows(IllegalStateException.class, () -> tarball.file(0));
        assertThrows(IllegalStateException.class, () -> tarball.file(99));
        assertEquals(entries, tarball.entries(), "the records are plain Java values, still usable");
    }

    @Test
    void viewsAreReadByManyThreadsAtOnce() throws Exception {
        try (Tarball tarball = Tarball.open(archive)) {
            Map<String, String> sequential = tarball.stream()
                    .collect(Collectors.toMap(TarEntry::name, e -> text(tarball.file(e.index()).orElseThrow())));
            Map<String, String> parallel = tarball.stream().parallel()
                    .collect(Collectors.toConcurrentMap(TarEntry::name, e -> text(tarball.file(e.index()).orElseThrow())));
            assertEquals(sequential, parallel);
            for (TarEntry entry : tarball.entries()) {
                assertArrayEquals(Files.readAllBytes(folder.resolve(entry.name())), sequential.get(entry.name()).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aViewMadeInOneThreadIsReadInAnother() throws Exception {
        try (Tarball tarball = Tarball.open(archive)) {
            MemorySegment view = tarball.file(7).orElseThrow();
            String inAnotherThread = CompletableFuture.supplyAsync(() -> text(view)).get();
            assertEquals("content of file 7\n".repeat(70), inAnotherThread);
        }
    }

    @Test
    void closingInAnotherThreadInvalidatesTheViewsHere() throws Exception {
        Tarball tarball = Tarball.open(archive);
        MemorySegment view = tarball.file(2).orElseThrow();
        Thread closer = Thread.ofPlatform().start(tarball::close);
        closer.join();
        assertThrows(IllegalStateException.class, () -> view.get(JAVA_BYTE, 0));
        assertThrows(IllegalStateException.class, () -> tarball.file(2));
    }
}
