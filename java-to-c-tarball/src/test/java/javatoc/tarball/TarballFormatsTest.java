package javatoc.tarball;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Archives written by the real tar in each format: our reader must list what tar lists, byte for byte. */
class TarballFormatsTest {
    @TempDir
    static Path folder;

    /** A name over 100 bytes that ustar can still store (split into prefix "/" name). */
    static final String LONG_PATH = "a-directory-whose-name-is-rather-long-too/" + "x".repeat(90) + ".txt";
    /** A file name alone over 100 bytes: only gnu (././@LongLink) and pax (a "path" record) store it. */
    static final String LONG_NAME = "a-directory-whose-name-is-rather-long-too/" + "y".repeat(120) + ".txt";
    static final String NON_ASCII = "grüße, 日本, ñandú.txt";

    @BeforeAll
    static void files() throws Exception {
        Path tree = Files.createDirectories(folder.resolve("tree/a-directory-whose-name-is-rather-long-too/empty-dir"));
        Files.writeString(folder.resolve("tree/hello.txt"), "hello, tar\n");
        Files.write(folder.resolve("tree/empty.txt"), new byte[0]);
        Files.writeString(folder.resolve("tree").resolve(NON_ASCII), "non-ASCII name\n");
        Files.writeString(folder.resolve("tree").resolve(LONG_PATH), "long path\n");
        Files.writeString(folder.resolve("tree").resolve(LONG_NAME), "long name\n");
        byte[] big = new byte[3 * 1024 * 1024 + 123]; // some megabytes, not a whole number of blocks
        new Random(42).nextBytes(big);
        Files.write(folder.resolve("tree/big.bin"), big);
        assertTrue(Files.isDirectory(tree));
    }

    static Path archive(String format) throws Exception {
        List<String> names = new ArrayList<>(List.of("hello.txt", "empty.txt", NON_ASCII, "big.bin",
                "a-directory-whose-name-is-rather-long-too/empty-dir", LONG_PATH));
        if (!format.equals("ustar")) {
            names.add(LONG_NAME);
        }
        return Archives.create(folder.resolve("tree"), "../" + format + ".tar", format, names.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gnu", "ustar", "pax", "posix", "oldgnu"})
    void listsWhatTarLists(String format) throws Exception {
        Path archive = archive(format);
        List<Archives.Listed> expected = Archives.list(archive);
        try (Tarball tarball = Tarball.open(archive)) {
            List<Archives.Listed> actual = tarball.stream()
                    .map(e -> new Archives.Listed(e.type() == TarEntry.Type.DIRECTORY ? 'd' : e.isFile() ? '-' : '?', e.size(), e.name()))
                    .toList();
            assertEquals(expected, actual);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gnu", "ustar", "pax"})
    void everyFilesBytesAreTheFilesContent(String format) throws Exception {
        Path archive = archive(format);
        int files = 0;
        try (Tarball tarball = Tarball.open(archive)) {
            for (TarEntry entry : tarball.entries()) {
                if (entry.isFile()) {
                    byte[] expected = Files.readAllBytes(folder.resolve("tree").resolve(entry.name()));
                    assertArrayEquals(expected, tarball.file(entry.index()).orElseThrow().toArray(JAVA_BYTE), entry.name());
                    files++;
                }
            }
        }
        assertEquals(format.equals("ustar") ? 5 : 6, files);
    }

    @Test
    void theLongNamesAndTheNonAsciiNameComeBackWhole() throws Exception {
        try (Tarball tarball = Tarball.open(archive("gnu"))) {
            List<String> names = tarball.stream().map(TarEntry::name).toList();
            assertTrue(names.contains(LONG_PATH), names.toString());
            assertTrue(names.contains(LONG_NAME), names.toString());
            assertTrue(names.contains(NON_ASCII), names.toString());
            assertTrue(names.contains("a-directory-whose-name-is-rather-long-too/empty-dir/"), names.toString());
        }
    }

    @Test
    void anEmptyArchiveHasNoEntries() throws Exception {
        Path empty = Files.createDirectories(folder.resolve("nothing"));
        Path archive = Archives.create(empty, "empty.tar", "gnu", "--files-from", "/dev/null");
        assertEquals(List.of(), Archives.list(archive));
        try (Tarball tarball = Tarball.open(archive)) {
            assertEquals(List.of(), tarball.entries());
            assertTrue(tarball.file(0).isEmpty());
        }
    }

    @Test
    void aPaxSizeRecordOverridesTheHeader() throws Exception {
        // What tar writes for files over 8 GiB, made small: the header's size says 0, pax says 5.
        byte[] records = (Archives.paxRecord("size", "5") + Archives.paxRecord("path", "from-pax/é.txt"))
                .getBytes(StandardCharsets.UTF_8);
        Path archive = Archives.write(folder.resolve("pax-size.tar"),
                Archives.header("PaxHeaders/x", 'x', records.length), Archives.padded(records),
                Archives.header("short-name", '0', 0), Archives.padded("12345".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(List.of(new Archives.Listed('-', 5, "from-pax/é.txt")), Archives.list(archive));
        try (Tarball tarball = Tarball.open(archive)) {
            assertEquals(List.of(new TarEntry(0, "from-pax/é.txt", 5, TarEntry.Type.FILE, "")), tarball.entries());
            assertEquals("12345", new String(tarball.file(0).orElseThrow().toArray(JAVA_BYTE), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aGnuBase256SizeIsRead() throws Exception {
        // GNU tar's encoding for sizes of 8 GiB and more: 0x80, then the number in binary.
        byte[] header = Archives.header("binary-size", '0', 0);
        byte[] size = new byte[12];
        size[0] = (byte) 0x80;
        size[11] = 7;
        System.arraycopy(size, 0, header, 124, 12);
        Archives.withChecksum(header, 0);
        Path archive = Archives.write(folder.resolve("base256.tar"), header, Archives.padded("1234567".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(List.of(new Archives.Listed('-', 7, "binary-size")), Archives.list(archive));
        try (Tarball tarball = Tarball.open(archive)) {
            assertEquals(7, tarball.file(0).orElseThrow().byteSize());
        }
    }
}
