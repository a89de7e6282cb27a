package javatoc.tarball;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javatoc.tarball.TarballException.Reason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Untrusted input: every malformed archive is a TarballException that says what is wrong, never a crash. */
class MalformedArchiveTest {
    @TempDir
    static Path folder;
    static byte[] good; // a gnu archive: hello.txt (11 bytes), then big.bin (100 000 bytes)

    @BeforeAll
    static void goodArchive() throws Exception {
        Files.writeString(folder.resolve("hello.txt"), "hello, tar\n");
        byte[] big = new byte[100_000];
        new Random(7).nextBytes(big);
        Files.write(folder.resolve("big.bin"), big);
        good = Files.readAllBytes(Archives.create(folder, "good.tar", "gnu", "hello.txt", "big.bin"));
    }

    static TarballException rejects(Reason reason, byte[] archive, String messagePart) throws Exception {
        Path file = Files.write(Files.createTempFile(folder, "bad", ".tar"), archive);
        TarballException e = assertThrows(TarballException.class, () -> Tarball.open(file).close());
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ": "), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
        assertThrows(TarballException.class, () -> JnaTarball.open(file).close()); // the same C code, through JNA
        return e;
    }

    @Test
    void aTruncatedHeader() throws Exception {
        rejects(Reason.TRUNCATED, Arrays.copyOf(good, 1024 + 300), "ends in the middle of a header (at byte 1024");
    }

    @Test
    void truncatedFileData() throws Exception {
        rejects(Reason.SIZE, Arrays.copyOf(good, 1024 + 512 + 50_000), "says its data is 100000 bytes, but only 50000 bytes follow");
    }

    @Test
    void truncatedPadding() throws Exception {
        rejects(Reason.TRUNCATED, Arrays.copyOf(good, 512 + 100), "ends in the padding of the entry at byte 0");
    }

    @Test
    void aBadChecksum() throws Exception {
        byte[] archive = good.clone();
        archive[1024 + 2] ^= 1; // a letter of big.bin's name
        rejects(Reason.CHECKSUM, archive, "the header at byte 1024 has a wrong checksum");
    }

    @Test
    void aSizePastTheEnd() throws Exception {
        // The header, then only the two zero blocks that end an archive: 1024 bytes, not 4096.
        rejects(Reason.SIZE, bytes(Archives.header("liar", '0', 4096)), "says its data is 4096 bytes, but only 1024 bytes follow");
    }

    @Test
    void nonOctalDigitsInTheSize() throws Exception {
        rejects(Reason.FIELD, bytes(Archives.header("bad-size", '0', "0000001a23")), "has a size field that is not a number");
    }

    @Test
    void nonOctalDigitsInTheChecksum() throws Exception {
        byte[] header = Archives.header("bad-checksum", '0', 0);
        Archives.put(header, 148, "01x3");
        rejects(Reason.FIELD, bytes(header), "checksum field that is not an octal number");
    }

    @Test
    void aHugeOctalSize() throws Exception {
        rejects(Reason.SIZE, bytes(Archives.header("huge", '0', "77777777777")), "says its data is 8589934591 bytes");
    }

    @Test
    void aHugeBase256Size() throws Exception {
        byte[] header = Archives.header("huge", '0', 0);
        Arrays.fill(header, 124, 136, (byte) 0xff);
        header[124] = (byte) 0x80; // 0x80 then eleven 0xff: 2^88 - 1, more than 64 bits
        rejects(Reason.FIELD, bytes(Archives.withChecksum(header, 0)), "size field that is not a number");
    }

    @Test
    void aNegativeBase256Size() throws Exception {
        byte[] header = Archives.header("negative", '0', 0);
        Arrays.fill(header, 124, 136, (byte) 0xff); // -1
        rejects(Reason.FIELD, bytes(Archives.withChecksum(header, 0)), "size field that is not a number");
    }

    @Test
    void aPaxRecordWhoseLengthLies() throws Exception {
        byte[] records = "99 path=x\n".getBytes(StandardCharsets.US_ASCII);
        rejects(Reason.FORMAT, bytes(Archives.header("PaxHeaders/x", 'x', records.length), Archives.padded(records),
                Archives.header("file", '0', 0)), "pax header at byte 0: malformed record");
    }

    @Test
    void aPaxSizeThatIsNotANumber() throws Exception {
        byte[] records = Archives.paxRecord("size", "12e4").getBytes(StandardCharsets.US_ASCII);
        rejects(Reason.FIELD, bytes(Archives.header("PaxHeaders/x", 'x', records.length), Archives.padded(records),
                Archives.header("file", '0', 0)), "size is not a 64-bit number");
    }

    @Test
    void aPaxSizeOver64Bits() throws Exception {
        byte[] records = Archives.paxRecord("size", "18446744073709551616").getBytes(StandardCharsets.US_ASCII);
        rejects(Reason.FIELD, bytes(Archives.header("PaxHeaders/x", 'x', records.length), Archives.padded(records),
                Archives.header("file", '0', 0)), "size is not a 64-bit number");
    }

    @Test
    void aPaxSizePastTheEnd() throws Exception {
        byte[] records = Archives.paxRecord("size", "18446744073709551615").getBytes(StandardCharsets.US_ASCII);
        rejects(Reason.SIZE, bytes(Archives.header("PaxHeaders/x", 'x', records.length), Archives.padded(records),
                Archives.header("file", '0', 0)), "says its data is 18446744073709551615 bytes");
    }

    @Test
    void notATarFileAtAll() throws Exception {
        rejects(Reason.FIELD, "this is a text file, not a tar archive\n".repeat(20).getBytes(StandardCharsets.US_ASCII),
                "not a tar archive?");
    }

    @Test
    void aMissingFileOrAFolder() throws Exception {
        TarballException missing = assertThrows(TarballException.class, () -> Tarball.open(folder.resolve("no-such.tar")));
        assertEquals(Reason.IO, missing.reason());
        assertEquals(folder.resolve("no-such.tar") + ": cannot open it: No such file or directory", missing.getMessage());
        TarballException directory = assertThrows(TarballException.class, () -> Tarball.open(folder));
        assertEquals(folder + ": not a regular file", directory.getMessage());
    }

    @Test
    void randomBytesNeverCrash() throws Exception {
        // Not a fuzzer (that is `make fuzz`, in C with sanitizers), but the same path through Java.
        Random random = new Random(1);
        for (int round = 0; round < 200; round++) {
            byte[] archive = good.clone();
            for (int flips = 0; flips < 8; flips++) {
                archive[random.nextInt(1024 + 512)] = (byte) random.nextInt();
            }
            Archives.withChecksum(archive, 0); // let the mutations past the first checksum
            Path file = Files.write(folder.resolve("random.tar"), archive);
            try (Tarball tarball = Tarball.open(file)) {
                tarball.stream().forEach(e -> tarball.read(e.index(), 0, MemorySegment.ofArray(new byte[4096])));
            } catch (TarballException expected) {
                assertTrue(expected.getMessage().startsWith(file + ": "));
            }
        }
    }

    private static byte[] bytes(byte[]... parts) throws Exception {
        return Files.readAllBytes(Archives.write(Files.createTempFile(folder, "parts", ".tar"), parts));
    }
}
