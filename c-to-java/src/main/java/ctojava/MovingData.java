package ctojava;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Pointer;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;

/**
 * Moving bytes between C and Java, the Java side: what C calls in src/main/c/moving_data.c.
 * Java has two buffers, made once per transfer size by {@link #prepare}: {@code inbox} receives
 * what C sends, {@code outbox} holds what Java sends to C. Every method here is a transfer's Java
 * half; the C half says which of them it calls.
 */
@SuppressWarnings("restricted") // upcall stubs: run with --enable-native-access
public final class MovingData {
    private MovingData() {}

    private static byte[] inbox = new byte[0];
    private static byte[] outbox = new byte[0];

    /** Java's buffers for transfers of size bytes: an inbox of zeros, an outbox holding {@link #pattern}. */
    public static void prepare(int size) {
        inbox = new byte[size];
        outbox = pattern(size);
    }

    /** Java's receiving array: C copies into it (SetByteArrayRegion, or memcpy into a critical pointer). */
    public static byte[] inbox() {
        return inbox;
    }

    /** Java's sending array: C copies out of it (GetByteArrayRegion, or memcpy from a critical pointer). */
    public static byte[] outbox() {
        return outbox;
    }

    /** C made a new Java array and copied its bytes into it: the array is Java's, it keeps it. */
    public static void receiveArray(byte[] data) {
        inbox = data;
    }

    /** C's memory as a direct ByteBuffer (valid only during this call): Java copies it into its inbox. */
    public static void receiveDirect(ByteBuffer data) {
        data.get(0, inbox, 0, data.capacity());
    }

    /** C's memory as a direct ByteBuffer: Java writes its outbox into it. */
    public static void sendDirect(ByteBuffer into) {
        into.put(0, outbox, 0, into.capacity());
    }

    // FFM: C calls these through upcall stubs, void (*)(void *data, size_t length). A pointer from C
    // arrives with size 0: reinterpret(length) says how many bytes are there (FFM cannot check it).
    // They must not throw (an exception leaving an upcall ends the JVM): C passes at most the
    // prepared size, which moving_data.c checks before every transfer.
    static void receiveSegment(MemorySegment data, long length) {
        MemorySegment.copy(data.reinterpret(length), JAVA_BYTE, 0, inbox, 0, (int) length);
    }

    static void sendSegment(MemorySegment into, long length) {
        MemorySegment.copy(outbox, 0, into.reinterpret(length), JAVA_BYTE, 0, (int) length);
    }

    private static final FunctionDescriptor DATA_FUNCTION = FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG); // size_t: 8 bytes here
    private static final MemorySegment FFM_RECEIVE = upcall("receiveSegment");
    private static final MemorySegment FFM_SEND = upcall("sendSegment");

    /** The C function pointers, as numbers (a jlong holds a pointer). They live as long as the JVM (the global arena). */
    public static long ffmReceivePointer() {
        return FFM_RECEIVE.address();
    }

    public static long ffmSendPointer() {
        return FFM_SEND.address();
    }

    private static MemorySegment upcall(String name) {
        try {
            MethodHandle target = MethodHandles.lookup().findStatic(MovingData.class, name,
                    MethodType.methodType(void.class, MemorySegment.class, long.class));
            return Linker.nativeLinker().upcallStub(target, DATA_FUNCTION, Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e); // the methods are above: it cannot happen
        }
    }

    // JNA: the same two functions as Callback objects (static: reachable as long as C may call them).
    /** void (*)(void *data, size_t length). */
    public interface DataFunction extends Callback {
        void invoke(Pointer data, long length);
    }

    static final DataFunction JNA_RECEIVE = (data, length) -> data.read(0, inbox, 0, (int) length);
    static final DataFunction JNA_SEND = (into, length) -> into.write(0, outbox, 0, (int) length);

    public static long jnaReceivePointer() {
        return Pointer.nativeValue(CallbackReference.getFunctionPointer(JNA_RECEIVE));
    }

    public static long jnaSendPointer() {
        return Pointer.nativeValue(CallbackReference.getFunctionPointer(JNA_SEND));
    }

    /** The bytes every transfer moves, the same in C (moving_data.c): byte i is (i * 31 + 7) mod 256. */
    public static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) bytes[i] = (byte) (i * 31 + 7);
        return bytes;
    }

    /** FNV-1a (64 bits) of the first length bytes of the inbox: what arrived, to compare with C's checksum. */
    public static long inboxChecksum(int length) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < length; i++) hash = (hash ^ (inbox[i] & 0xff)) * 0x100000001b3L;
        return hash;
    }
}
