package pythontojava;

import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * Moving bytes between Java and GraalPy (DATA.md). Not in the sandbox: a sandboxed script may not
 * read Java arrays or buffers at all (HostAccess.CONSTRAINED), so this context allows exactly that
 * and nothing else. A Java byte[] is, to Python, a foreign list of signed ints, not a buffer.
 */
public final class GraalPyMovingData implements AutoCloseable {
    static final String PYTHON_CODE = """
            def pattern(size):  # byte i is (i * 31 + 7) & 0xff: it repeats every 256 bytes
                return (bytes((i * 31 + 7) & 0xff for i in range(256)) * (size // 256 + 1))[:size]

            def from_java(array):
                # bytes(array) fails: "byte must be in range(0, 256)", Java bytes are signed.
                return bytes(b & 0xff for b in array)

            def from_java_plain(array):
                return bytes(array)

            def from_java_text(text):
                # A Java String of Latin-1 characters (one per byte) crosses whole; encode is one copy.
                return text.encode("latin-1")
            """;

    private final Context context = Context.newBuilder("python")
            .allowHostAccess(HostAccess.newBuilder(HostAccess.EXPLICIT).allowArrayAccess(true).build())
            .build();
    private final Value pattern;
    private final Value fromJava;
    private final Value fromJavaPlain;
    private final Value fromJavaText;

    public GraalPyMovingData() {
        context.eval("python", PYTHON_CODE);
        pattern = context.getBindings("python").getMember("pattern");
        fromJava = context.getBindings("python").getMember("from_java");
        fromJavaPlain = context.getBindings("python").getMember("from_java_plain");
        fromJavaText = context.getBindings("python").getMember("from_java_text");
    }

    /** Python's bytes of the test pattern (what Python sends). */
    public Value pythonPattern(int size) {
        return pattern.execute(size);
    }

    /** Python -> Java: Java copies Python's bytes into its own array in one call (a buffer read). */
    public static byte[] readInto(Value pythonBytes, byte[] into) {
        if (pythonBytes.getBufferSize() != into.length) {
            throw new IllegalArgumentException(pythonBytes.getBufferSize() + " bytes do not fit a byte[" + into.length + "]");
        }
        pythonBytes.readBuffer(0, into, 0, into.length);
        return into;
    }

    /** Python -> Java: Python's bytes converted to a new byte[] by the polyglot API, element by element. */
    public static byte[] asArray(Value pythonBytes) {
        return pythonBytes.as(byte[].class);
    }

    /** Java -> Python: a Java byte[] made into Python bytes by Python, element by element. */
    public Value toPython(byte[] data) {
        return fromJava.execute((Object) data);
    }

    /**
     * Java -> Python, the fast way: the bytes as a Java String of Latin-1 characters (one char a
     * byte, stored as bytes by the JDK), which crosses as one Python str, encoded back to bytes.
     */
    public Value toPythonThroughLatin1(byte[] data) {
        return fromJavaText.execute(new String(data, StandardCharsets.ISO_8859_1));
    }

    /** The trap: bytes(array), which works only while every byte is from 0 to 127. */
    public Value toPythonPlain(byte[] data) {
        return fromJavaPlain.execute((Object) data);
    }

    @Override
    public void close() {
        context.close();
    }
}
