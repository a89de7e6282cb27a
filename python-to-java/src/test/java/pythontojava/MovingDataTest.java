package pythontojava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.zip.CRC32;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.python.core.PyObject;
import org.python.core.PyString;

/**
 * Every way of moving bytes between Java and GraalPy or Jython that MovingDataBenchmark times (the
 * same methods): a pattern at sizes from empty to over 1 MiB (GraalPy's element-by-element path: up to
 * 64 KiB), checked by CRC-32 on the receiving side.
 * (The CPython ways: JPypeTest.everyWayOfMovingBytesDeliversThemIntact.)
 */
class MovingDataTest {
    private static GraalPyMovingData graalPy;
    private static JythonMovingData jython;

    @BeforeAll
    static void start() {
        graalPy = new GraalPyMovingData();
        jython = new JythonMovingData();
    }

    @AfterAll
    static void stop() {
        graalPy.close();
        jython.close();
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    /** The bytes of a Python 2 str (8-bit characters) or of a GraalPy bytes value. */
    private static byte[] bytesOf(PyObject str) {
        return ((PyString) str).toBytes();
    }

    private static byte[] bytesOf(Value pythonBytes) {
        assertEquals("bytes", pythonBytes.getMetaObject().getMetaSimpleName());
        return GraalPyMovingData.asArray(pythonBytes);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 17, 65537, 1048579})
    void everyPathDeliversThePattern(int size) {
        long expected = crc(MovingData.pattern(size));
        assertEquals(expected, MovingData.checksum(MovingData.pattern(size)));
        Value pythonBytes = graalPy.pythonPattern(size);
        assertEquals(expected, crc(GraalPyMovingData.readInto(pythonBytes, new byte[size])), "readBuffer");
        assertEquals(expected, crc(GraalPyMovingData.asArray(pythonBytes)), "Value.as(byte[].class)");
        assertEquals(expected, crc(bytesOf(graalPy.toPythonThroughLatin1(MovingData.pattern(size)))), "GraalPy bytes through Latin-1");
        if (size < 1 << 20) { // element by element, interpreted here (no Graal compiler): seconds a MiB
            assertEquals(expected, crc(bytesOf(graalPy.toPython(MovingData.pattern(size)))), "GraalPy bytes from a byte[]");
        }
        PyObject str = jython.pythonPattern(size);
        assertEquals(expected, crc(jython.strAsArgument(str)), "str as a byte[] argument");
        assertEquals(expected, crc(jython.strToArray(str)), "StringUtil.toBytes");
        assertEquals(expected, crc(bytesOf(jython.arrayToStr(MovingData.pattern(size)))), "array.tostring()");
    }

    @Test
    void aWrongSizeOrAPlainByteConversionIsAnError() {
        Value three = graalPy.pythonPattern(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GraalPyMovingData.readInto(three, new byte[2]));
        assertEquals("3 bytes do not fit a byte[2]", e.getMessage());
        // The trap the lesson avoids: bytes(java_byte_array) refuses Java's negative bytes.
        PolyglotException refused = assertThrows(PolyglotException.class,
                () -> graalPy.toPythonPlain(new byte[] {1, -1}));
        assertTrue(refused.getMessage().contains("byte must be in range(0, 256)"), refused.getMessage());
        assertArrayEquals(new byte[] {1, 2}, bytesOf(graalPy.toPythonPlain(new byte[] {1, 2})));
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class, () -> MovingData.pattern(MovingData.MAX_SIZE + 1));
        assertTrue(tooBig.getMessage().startsWith("size 67108865: must be from 0 to"), tooBig.getMessage());
    }
}
