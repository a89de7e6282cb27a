package javatoc.tarball;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Threads (THREADS.md): many readers of one Tarball, and a close() racing a reader. */
class ManyReadersTest {
    @TempDir
    static Path folder;
    static Path archive;
    static long[] onDisk; // the CRC-32 of each file as tar read it from disk

    @BeforeAll
    static void archive() throws Exception {
        String[] names = new String[12];
        onDisk = new long[names.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = "file-" + i;
            byte[] content = ("line " + i + " of many\n").repeat(i * 700).getBytes(); // up to 120 KiB: several pieces
            Files.write(folder.resolve(names[i]), content);
            CRC32 crc = new CRC32();
            crc.update(content);
            onDisk[i] = crc.getValue();
        }
        archive = Archives.create(folder, "twelve.tar", "gnu", names);
    }

    @Test
    void checksumsAreThoseOfTheFilesOnDisk() throws Exception {
        try (Tarball tarball = Tarball.open(archive)) {
            assertArrayEquals(onDisk, ManyReaders.checksums(tarball));
        }
    }

    @Test
    void fourThreadsReadingOneTarballAtOnceEachGetTheFilesBytes() throws Exception {
        try (Tarball tarball = Tarball.open(archive)) {
            List<long[]> each = ManyReaders.readAtOnce(tarball, 4, 20);
            assertEquals(4, each.size());
            for (long[] sums : each) {
                assertArrayEquals(onDisk, sums);
            }
        }
    }

    @Test
    void aCloseInAnotherThreadAlwaysStopsTheReaderWithAlreadyClosed() throws Exception {
        // A race: each round differs (the reader inside C, copying from a view, or between calls).
        // Under make test the C library is the ASan build: a read of freed memory would abort the JVM.
        for (int round = 0; round < 60; round++) {
            assertEquals("IllegalStateException: Already closed", ManyReaders.closeWhileAnotherThreadReads(archive),
                    "round " + round);
        }
    }

    @Test
    void aCloseRacingReadersEitherClosesOrSaysAReaderIsInsideC() throws Exception {
        // Tarball.close() itself, without the retry: while a reader is inside a C call it throws
        // and the tarball stays open; after a successful close every reader stops.
        int refused = 0;
        for (int round = 0; round < 40; round++) {
            Tarball tarball = Tarball.open(archive);
            try (ExecutorService readers = Executors.newFixedThreadPool(2)) {
                Future<?> first = readers.submit(() -> readUntilClosed(tarball));
                Future<?> second = readers.submit(() -> readUntilClosed(tarball));
                while (true) {
                    try {
                        tarball.close();
                        break;
                    } catch (IllegalStateException e) {
                        assertEquals("Session is acquired by ", e.getMessage().replaceAll("\\d+ clients$", ""));
                        assertFalse(first.isDone() && second.isDone(), "refused although no reader was left");
                        refused++;
                    }
                }
                assertEquals("Already closed", first.get());
                assertEquals("Already closed", second.get());
            }
        }
        System.out.println("ManyReadersTest: close() refused while a reader was inside C: " + refused + " times in 40 rounds");
    }

    private static String readUntilClosed(Tarball tarball) {
        try {
            while (true) {
                assertArrayEquals(onDisk, ManyReaders.checksums(tarball));
            }
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    @Test
    void makeRunPrintsTheLesson(@TempDir Path work) throws Exception {
        TarListTest.Result result = TarListTest.run("javatoc.tarball.ManyReaders", work, TarListTest.NATIVE,
                Path.of("example.tar").toAbsolutePath().toString());
        List<String> expected = Files.readAllLines(Path.of("expected-output.txt"));
        assertEquals(new TarListTest.Result(0, String.join("\n", expected.subList(expected.size() - LINES, expected.size())) + "\n", ""),
                result);
    }

    /** How many lines ManyReaders adds to expected-output.txt, after Borrow's. */
    static final int LINES = 2;
}
