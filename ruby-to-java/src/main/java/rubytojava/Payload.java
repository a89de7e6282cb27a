package rubytojava;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * The Java side of moving bytes between Ruby and Java (src/main/ruby/rjb/moving_data.rb for CRuby,
 * src/main/ruby/jruby/moving_data.rb for JRuby): one payload size per object, its buffers made once.
 * Ruby gives bytes to a {@code receive...} method and takes them from {@code outgoing} or
 * {@code outgoingDirectAddress}; {@link #receivedChecksum()} says what arrived. Nothing here knows Ruby.
 */
public final class Payload {
    private final int size;
    private final byte[] outgoing;
    private final ByteBuffer outgoingDirect;
    private final byte[] inbox;
    private final ByteBuffer inboxDirect;
    private ByteBuffer received = ByteBuffer.allocate(0);

    /** Buffers for payloads of {@code size} bytes; what Java sends is {@link #pattern(int)}. */
    public Payload(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("a payload size must be 0 or more, got " + size);
        }
        this.size = size;
        outgoing = pattern(size);
        // Direct buffers: native memory that the garbage collector never moves, so Ruby may copy
        // into and out of it by address for as long as this object lives.
        outgoingDirect = ByteBuffer.allocateDirect(size).put(0, outgoing);
        inbox = new byte[size];
        inboxDirect = ByteBuffer.allocateDirect(size);
    }

    public int size() {
        return size;
    }

    /** The bytes to send to Ruby: byte i is (i * 31 + 7) & 0xff, never all zeros. */
    public static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    /** An order-sensitive checksum of the bytes from position to limit (the buffer is not moved). */
    public static long checksum(ByteBuffer bytes) {
        long sum = 0;
        for (int i = bytes.position(); i < bytes.limit(); i++) {
            sum = sum * 31 + (bytes.get(i) & 0xff);
        }
        return sum;
    }

    public static long checksum(byte[] bytes) {
        return checksum(ByteBuffer.wrap(bytes));
    }

    // ---- Ruby -> Java --------------------------------------------------------------------------

    /** Takes an array the bridge made for this call (rjb from a String, JRuby's to_java_bytes): kept, not copied. */
    public int receive(byte[] bytes) {
        received = ByteBuffer.wrap(bytes);
        return bytes.length;
    }

    /** Copies from a view of someone else's memory (a Ruby String's bytes) into Java's own array. */
    public int receiveCopy(ByteBuffer view) {
        int length = checkedLength(view.remaining());
        view.get(view.position(), inbox, 0, length);
        received = ByteBuffer.wrap(inbox, 0, length);
        return length;
    }

    /**
     * Where Ruby may write {@code length} bytes itself (a memcpy through Fiddle): the address of a
     * direct buffer, once the length is checked (C checks nothing: a longer copy would overwrite memory).
     */
    public long inboxDirectAddress(int length) {
        checkedLength(length);
        return MemorySegment.ofBuffer(inboxDirect).address();
    }

    /** Ruby wrote {@code length} bytes at {@link #inboxDirectAddress(int)}: they are Java's now. */
    public int receiveDirect(int length) {
        received = inboxDirect.slice(0, checkedLength(length));
        return length;
    }

    /** The checksum of what the last receive got. */
    public long receivedChecksum() {
        return checksum(received);
    }

    private int checkedLength(int length) {
        if (length < 0 || length > size) {
            throw new IllegalArgumentException("a payload of " + length + " bytes does not fit this Payload(" + size + ")");
        }
        return length;
    }

    // ---- Java -> Ruby --------------------------------------------------------------------------

    /** The bytes, as a Java array: rjb turns it into a new Ruby String, JRuby into a Java array proxy. */
    public byte[] outgoing() {
        return outgoing;
    }

    /** Copies the bytes into a view of someone else's memory (a Ruby String's own bytes). */
    public int sendInto(ByteBuffer view) {
        if (view.remaining() < size) {
            throw new IllegalArgumentException("a view of " + view.remaining() + " bytes cannot take " + size);
        }
        view.put(view.position(), outgoing);
        return size;
    }

    /** The address of the same bytes in a direct buffer, for Ruby to copy {@code length} of them out. */
    public long outgoingDirectAddress(int length) {
        checkedLength(length);
        return MemorySegment.ofBuffer(outgoingDirect).address();
    }
}
