package nodetojava;

import java.nio.charset.StandardCharsets;

/**
 * The Java side of moving bytes to and from Node.js through node-java ({@code src/main/node/moving-data.js}).
 * One instance receives what JS sends (a {@code byte[]} or a Latin-1 string) and holds a payload
 * for JS to fetch. The tests and benchmarks move {@link #pattern} and compare {@link #checksum}s.
 */
public final class MovingData {
    private byte[] received = new byte[0];
    private byte[] payload = new byte[0];

    /** The test pattern: byte i is (i * 31 + 7) & 0xff (not all zeros, and not periodic in 256). */
    public static byte[] pattern(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("pattern: size " + size + " is negative");
        }
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    /** 32-bit FNV-1a of the bytes, as an unsigned number (moving-data.js computes the same in JS). */
    public static long checksum(byte[] bytes) {
        int hash = 0x811c9dc5;
        for (byte b : bytes) {
            hash = (hash ^ (b & 0xff)) * 0x01000193;
        }
        return Integer.toUnsignedLong(hash);
    }

    /** JS -> Java: a byte[] arrives (node-java made it). A Buffer passed here arrives as null: refused. */
    public void receive(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("receive: null arrived; node-java passes a Buffer or typed array as null,"
                    + " convert it first (moving-data.js: java.newArray or a latin1 string)");
        }
        received = bytes;
    }

    /** JS -> Java: a Latin-1 string (one char per byte, 0-255) arrives; its bytes are kept. */
    public void receiveLatin1(String bytes) {
        received = bytes.getBytes(StandardCharsets.ISO_8859_1);
    }

    public long receivedChecksum() {
        return checksum(received);
    }

    public int receivedLength() {
        return received.length;
    }

    /** Java -> JS: the bytes JS fetches next, the pattern of this size (made once, not per fetch). */
    public void preparePayload(int size) {
        payload = pattern(size);
    }

    /** Java -> JS: node-java copies the array into a new JS Int8Array. */
    public byte[] payload() {
        return payload;
    }

    /** Java -> JS: the payload as a Latin-1 string (one char per byte). */
    public String payloadLatin1() {
        return new String(payload, StandardCharsets.ISO_8859_1);
    }
}
