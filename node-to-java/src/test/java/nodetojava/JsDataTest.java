package nodetojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntSupplier;
import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every GraalJS path of {@link JsData} moves the pattern intact, at sizes from 0 to over 1 MiB. */
class JsDataTest {
    static final List<Integer> SIZES = List.of(0, 1, 4097, 1024 * 1024 + 3);
    static JsData data;

    @BeforeAll
    static void start() {
        data = new JsData();
    }

    @AfterAll
    static void stop() {
        data.close();
    }

    /** Fills the sending side, transfers, and compares the receiving side's checksum with the pattern's. */
    static void moves(boolean toJs, IntSupplier transfer) {
        for (int size : SIZES) {
            data.prepare(size);
            long expected = MovingData.checksum(MovingData.pattern(size));
            if (toJs) {
                data.fillJava();
            } else {
                data.fillJs();
            }
            long before = toJs ? data.jsChecksum() : data.javaChecksum();
            assertEquals(size == 0, before == expected, "the receiving side starts as zeros"); // so a no-op cannot pass
            assertEquals(size, transfer.getAsInt());
            assertEquals(expected, toJs ? data.jsChecksum() : data.javaChecksum(), (toJs ? "Java -> JS" : "JS -> Java") + " at " + size + " bytes");
        }
    }

    @Test
    void javaToJsThroughAnArrayBufferOverJavasBytes() {
        moves(true, data::toJsThroughArrayBuffer);
    }

    @Test
    void jsToJavaThroughAnArrayBufferOverJavasBytes() {
        moves(false, data::toJavaThroughArrayBuffer);
    }

    @Test
    void jsToJavaByReadBuffer() {
        moves(false, data::toJavaByReadBuffer);
    }

    @Test
    void javaToJsFromTheJavaArrayItself() {
        moves(true, data::toJsFromJavaArray);
    }

    @Test
    void javaToJsByElements() {
        moves(true, data::toJsByElements);
    }

    @Test
    void jsToJavaByElements() {
        moves(false, data::toJavaByElements);
    }

    @Test
    void thePatternAndItsChecksum() {
        data.prepare(3);
        data.fillJs();
        assertEquals(MovingData.checksum(new byte[] {7, 38, 69}), data.jsChecksum());
        assertNotEquals(MovingData.checksum(new byte[] {38, 7, 69}), data.jsChecksum()); // the order counts
        assertEquals(0x811c9dc5L, MovingData.checksum(new byte[0]));
    }

    @Test
    void unsignedValuesWrittenIntoAJavaByteArrayAreLost() {
        // The same loop without the sign conversion: 0..127 arrive, 128..255 do not (no error).
        data.prepare(300);
        data.fillJs();
        assertEquals(300, data.toJavaByElementsUnsigned());
        byte[] expected = MovingData.pattern(300);
        assertNotEquals(MovingData.checksum(expected), data.javaChecksum());
        data.toJavaByElements();
        assertEquals(MovingData.checksum(expected), data.javaChecksum());
    }

    @Test
    void withoutBufferAccessAByteBufferBecomesAnEmptyArrayBuffer() {
        // The sandbox's own host access (EXPLICIT) does not make a ByteBuffer a buffer (JsData.ACCESS
        // does): `new ArrayBuffer(byteBuffer)` then silently makes a new, empty one.
        try (Context context = Sandbox.secureBuilder(Path.of("src/main/js")).build()) {
            assertEquals(0, context.eval("js", "(b) => new ArrayBuffer(b).byteLength").execute(ByteBuffer.wrap(new byte[4])).asInt());
        }
        try (Context context = Sandbox.secureBuilder(Path.of("src/main/js")).allowHostAccess(JsData.ACCESS).build()) {
            assertEquals(4, context.eval("js", "(b) => new ArrayBuffer(b).byteLength").execute(ByteBuffer.wrap(new byte[4])).asInt());
        }
    }

    @Test
    void aNegativeSizeIsOneClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> data.prepare(-1));
        assertEquals("prepare: size -1 is negative", e.getMessage());
    }
}
