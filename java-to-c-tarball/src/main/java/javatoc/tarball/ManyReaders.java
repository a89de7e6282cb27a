package javatoc.tarball;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;

/**
 * {@code make run}, its threads part (THREADS.md). Several threads read every entry of one open
 * Tarball at the same time and get the checksums one thread gets: its arena is shared, and C never
 * writes to an open tarball. Then one thread closes the tarball while another reads it, many times:
 * the reader always stops with FFM's IllegalStateException, never reading freed memory.
 */
public final class ManyReaders {
    static final int THREADS = 4;
    static final int PASSES = 50; // each thread reads every entry this many times
    static final int RACES = 50;

    private ManyReaders() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java ... javatoc.tarball.ManyReaders ARCHIVE.tar");
            System.exit(2);
        }
        Path archive = Path.of(args[0]);
        try (Tarball tarball = Tarball.open(archive)) {
            long[] alone = checksums(tarball);
            boolean same = readAtOnce(tarball, THREADS, PASSES).stream().allMatch(sums -> Arrays.equals(sums, alone));
            System.out.println(THREADS + " threads reading every entry of one Tarball at once: the checksums one thread gets: "
                    + (same ? "yes" : "NO"));
        } catch (TarballException | LibraryNotFoundException e) {
            System.err.println("many-readers: error: " + e.getMessage());
            System.exit(1);
        }
        Set<String> readersGot = new TreeSet<>();
        for (int i = 0; i < RACES; i++) {
            readersGot.add(closeWhileAnotherThreadReads(archive));
        }
        System.out.println("close() while another thread reads, " + RACES + " times: the reader got "
                + String.join(" or ", readersGot));
    }

    /** The CRC-32 of every entry's content, in archive order: read through a view, or with read() for a sparse file. */
    public static long[] checksums(Tarball tarball) {
        long[] sums = new long[tarball.entries().size()];
        byte[] piece = new byte[(int) Tarball.ARRAY_PIECE];
        for (TarEntry entry : tarball.entries()) {
            CRC32 crc = new CRC32();
            if (entry.type() == TarEntry.Type.SPARSE_FILE) { // no view: copy it, holes as zeros
                long copied;
                for (long offset = 0; (copied = tarball.read(entry.index(), offset, MemorySegment.ofArray(piece))) > 0; offset += copied) {
                    crc.update(piece, 0, (int) copied);
                }
            } else {
                MemorySegment view = tarball.file(entry.index()).orElseThrow();
                for (long offset = 0; offset < view.byteSize(); offset += piece.length) {
                    int length = (int) Math.min(piece.length, view.byteSize() - offset);
                    MemorySegment.copy(view, JAVA_BYTE, offset, piece, 0, length);
                    crc.update(piece, 0, length);
                }
            }
            sums[entry.index()] = crc.getValue();
        }
        return sums;
    }

    /** Each of threads reads every entry passes times, all starting together; returns each thread's last checksums. */
    static List<long[]> readAtOnce(Tarball tarball, int threads, int passes) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<long[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    long[] sums = null;
                    for (int pass = 0; pass < passes; pass++) {
                        sums = checksums(tarball);
                    }
                    return sums;
                }));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> result : results) {
                all.add(result.get());
            }
            return all;
        }
    }

    /**
     * Opens the archive, lets a second thread read it over and over, and closes it from this
     * thread once the reader has read it whole. Returns what stopped the reader, as
     * "Exception: message"; a pass that read wrong bytes would stop it too, named as such.
     */
    static String closeWhileAnotherThreadReads(Path archive) throws Exception {
        Tarball tarball = Tarball.open(archive);
        long[] expected = checksums(tarball);
        CountDownLatch oneWholePass = new CountDownLatch(1);
        try (ExecutorService readerThread = Executors.newSingleThreadExecutor()) {
            Future<String> reader = readerThread.submit(() -> {
                try {
                    while (Arrays.equals(checksums(tarball), expected)) {
                        oneWholePass.countDown();
                    }
                    return "wrong bytes";
                } catch (RuntimeException e) {
                    return e.getClass().getSimpleName() + ": " + e.getMessage();
                } finally {
                    oneWholePass.countDown();
                }
            });
            oneWholePass.await();
            closeWhileReadersRun(tarball);
            return reader.get();
        }
    }

    /**
     * Closes a tarball that other threads may be reading. While one of them is inside a C call
     * on it, FFM refuses to close its arena (IllegalStateException: Session is acquired by 1
     * clients) and the tarball stays open: so try again until no call is running.
     */
    public static void closeWhileReadersRun(Tarball tarball) {
        while (true) {
            try {
                tarball.close();
                return;
            } catch (IllegalStateException e) {
                if (!e.getMessage().startsWith("Session is acquired")) {
                    throw e;
                }
                Thread.onSpinWait(); // a reader is inside C: it will be out in a moment
            }
        }
    }
}
