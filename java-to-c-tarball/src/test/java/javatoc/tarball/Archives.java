package javatoc.tarball;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test helpers: archives made by the real tar, what tar itself lists, and hand-made headers. */
final class Archives {
    private Archives() {}

    /** One line of `tar --list --verbose`: the type letter ('-' file, 'd' directory), size, name. */
    record Listed(char type, long size, String name) {}

    /** Runs tar in folder (UTF-8 locale, so names are bytes in UTF-8) and returns its stdout. */
    static String tar(Path folder, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tar"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment().put("LC_ALL", "C.UTF-8");
        Path err = Files.createTempFile("tar", ".err");
        Process process = builder.redirectError(err.toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) { // stdout closed, yet tar still runs
            process.destroyForcibly();
            fail("tar " + String.join(" ", args) + " did not finish within 60 s");
        }
        String stderr = Files.readString(err);
        Files.delete(err);
        assertEquals(0, process.exitValue(), "tar " + String.join(" ", args) + " failed: " + stderr);
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Archives the given names (relative to folder) into folder/name in the given format. */
    static Path create(Path folder, String archive, String format, String... names) throws Exception {
        List<String> args = new ArrayList<>(List.of("--create", "--file", archive, "--format=" + format));
        args.addAll(List.of(names));
        tar(folder, args.toArray(String[]::new));
        return folder.resolve(archive);
    }

    /** What tar itself says is in the archive. */
    static List<Listed> list(Path archive) throws Exception {
        String listing = tar(archive.getParent(), "--list", "--verbose", "--numeric-owner", "--quoting-style=literal",
                "--file", archive.getFileName().toString());
        List<Listed> entries = new ArrayList<>();
        for (String line : listing.lines().toList()) {
            // -rw-r--r-- 0/0   11 1970-01-01 00:00 the name, which may contain spaces
            String[] fields = line.split(" +", 6);
            entries.add(new Listed(line.charAt(0), Long.parseLong(fields[2]), fields[5]));
        }
        return entries;
    }

    /** One 512-byte ustar header with a correct checksum; size is the octal text for the size field. */
    static byte[] header(String name, char type, String size) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, size);
        put(header, 136, "00000000000");
        header[156] = (byte) type;
        put(header, 257, "ustar");
        put(header, 263, "00");
        return withChecksum(header, 0);
    }

    static byte[] header(String name, char type, long size) {
        return header(name, type, String.format("%011o", size));
    }

    /** Writes the right checksum into the header that starts at offset. */
    static byte[] withChecksum(byte[] archive, int offset) {
        for (int i = 148; i < 156; i++) {
            archive[offset + i] = ' ';
        }
        int sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += archive[offset + i] & 0xff;
        }
        put(archive, offset + 148, String.format("%06o", sum));
        archive[offset + 154] = 0;
        return archive;
    }

    static void put(byte[] block, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, block, offset, bytes.length);
    }

    /** Data padded with zeros to whole 512-byte blocks. */
    static byte[] padded(byte[] data) {
        byte[] block = new byte[(data.length + 511) / 512 * 512];
        System.arraycopy(data, 0, block, 0, data.length);
        return block;
    }

    /** Concatenates the parts and the two zero blocks that end an archive, and writes the file. */
    static Path write(Path file, byte[]... parts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            bytes.writeBytes(part);
        }
        bytes.writeBytes(new byte[1024]);
        return Files.write(file, bytes.toByteArray());
    }

    /** size bytes of a known pattern, not all zeros: byte i is (i * 31 + 7) & 0xff. */
    static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    /** An archive of one regular file, "member", of size bytes of {@link #pattern}: the moving-data payload. */
    static Path oneMember(Path file, int size) throws IOException {
        return write(file, header("member", '0', size), padded(pattern(size)));
    }

    /** A pax extended header ('x') and its data, from "key=value" records. */
    static byte[] pax(String... records) {
        StringBuilder data = new StringBuilder();
        for (String record : records) {
            String[] keyValue = record.split("=", 2);
            data.append(paxRecord(keyValue[0], keyValue[1]));
        }
        byte[] bytes = data.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes(header("PaxHeaders/f", 'x', bytes.length));
        header.writeBytes(padded(bytes));
        return header.toByteArray();
    }

    /** A pax 1.0 sparse file named s of the given one-byte chunks at even offsets: byte 2k is 'a' + k % 26. */
    static byte[] sparse1x0(int chunks) {
        StringBuilder map = new StringBuilder(chunks + "\n");
        for (int k = 0; k < chunks; k++) {
            map.append(2L * k).append("\n1\n");
        }
        byte[] mapBytes = padded(map.toString().getBytes(StandardCharsets.US_ASCII));
        byte[] stored = new byte[chunks];
        for (int k = 0; k < chunks; k++) {
            stored[k] = (byte) ('a' + k % 26);
        }
        ByteArrayOutputStream entry = new ByteArrayOutputStream();
        entry.writeBytes(pax("GNU.sparse.major=1", "GNU.sparse.minor=0", "GNU.sparse.name=s", "GNU.sparse.realsize=" + 2L * chunks));
        entry.writeBytes(header("GNUSparseFile/s", '0', mapBytes.length + stored.length));
        entry.writeBytes(mapBytes);
        entry.writeBytes(padded(stored));
        return entry.toByteArray();
    }

    /** A pax record: "<length> key=value\n", where length counts the whole record. */
    static String paxRecord(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        int digits = String.valueOf(length).length();
        if (String.valueOf(length + digits).length() != digits) {
            digits++;
        }
        return (length + digits) + body;
    }
}
