package nodetojava;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * Moving bytes between Java and GraalJS inside one JVM, each way a script can: through a Java
 * byte[] that JavaScript sees as an {@code ArrayBuffer} (no copy: {@code ByteBuffer.wrap}, which
 * needs {@link HostAccess.Builder#allowBufferAccess}), through {@link Value#readBuffer} (Java copies
 * out of a JS {@code ArrayBuffer} in bulk), and through a Java byte[] that JavaScript indexes element
 * by element ({@link HostAccess.Builder#allowArrayAccess}). Each transfer method moves {@link #size}
 * bytes once, into buffers made by {@link #prepare} (JsDataBenchmark times them; JsDataTest checks
 * what arrives).
 */
public final class JsData implements AutoCloseable {
    /** The sandbox's host access, plus Java buffers and arrays as JS sees them. */
    static final HostAccess ACCESS = HostAccess.newBuilder(HostAccess.EXPLICIT)
            .allowBufferAccess(true)  // a ByteBuffer is a buffer: `new ArrayBuffer(byteBuffer)` views it
            .allowArrayAccess(true)   // a byte[] is an array: `javaBytes[i]`, `javaBytes.length`
            .build();
    private static final String FUNCTIONS = """
            ({
              // An ArrayBuffer over a Java ByteBuffer's memory (no copy), as bytes.
              viewOf: (byteBuffer) => new Uint8Array(new ArrayBuffer(byteBuffer)),
              newBytes: (size) => new Uint8Array(size),
              // One bulk copy (TypedArray.prototype.set); the source may be a Java byte[] too.
              copy: (target, source) => { target.set(source); return target.length; },
              // One element at a time. A Java byte is signed (-128..127); a Uint8Array wraps it to 0..255.
              copyByElements: (target, source) => {
                const n = source.length;
                for (let i = 0; i < n; i++) target[i] = source[i];
                return n;
              },
              // Into a Java byte[], values must be -128..127: 128..255 do not wrap (JsDataTest shows them lost).
              copyToJavaByElements: (target, source) => {
                const n = source.length;
                for (let i = 0; i < n; i++) target[i] = (source[i] << 24) >> 24;
                return n;
              },
            })
            """;

    private final Context context;
    private final Value js;
    private int size;
    /** Java's bytes, and a JS Uint8Array over the same memory (through ByteBuffer.wrap). */
    private byte[] javaBytes;
    private Value javaBytesInJs;
    /** JavaScript's own bytes (a Uint8Array), and its ArrayBuffer. */
    private Value jsBytes;
    private Value jsArrayBuffer;

    public JsData() {
        context = Sandbox.secureBuilder(Path.of("src/main/js")).allowHostAccess(ACCESS).build();
        js = context.eval("js", FUNCTIONS);
        prepare(0);
    }

    /** New buffers of {@code size} bytes on both sides (zeros), for the transfers that follow. */
    public void prepare(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("prepare: size " + size + " is negative");
        }
        this.size = size;
        javaBytes = new byte[size];
        javaBytesInJs = js.invokeMember("viewOf", ByteBuffer.wrap(javaBytes));
        jsBytes = js.invokeMember("newBytes", size);
        jsArrayBuffer = jsBytes.getMember("buffer");
    }

    public int size() {
        return size;
    }

    /** Fills Java's buffer with {@link MovingData#pattern}. */
    public void fillJava() {
        System.arraycopy(MovingData.pattern(size), 0, javaBytes, 0, size);
    }

    /** Fills JavaScript's buffer with the same pattern (copied in by JS, as {@link #toJsThroughArrayBuffer} does). */
    public void fillJs() {
        js.invokeMember("copy", jsBytes, js.invokeMember("viewOf", ByteBuffer.wrap(MovingData.pattern(size))));
    }

    public long javaChecksum() {
        return MovingData.checksum(javaBytes);
    }

    /** The checksum of JavaScript's buffer, read out by {@link #toJavaByReadBuffer}'s bulk copy. */
    public long jsChecksum() {
        byte[] copy = new byte[size];
        jsArrayBuffer.readBuffer(0, copy, 0, size);
        return MovingData.checksum(copy);
    }

    /** Java -> JS: JS copies from its view of Java's byte[] (no copy to see it) into its own array. */
    public int toJsThroughArrayBuffer() {
        return js.invokeMember("copy", jsBytes, javaBytesInJs).asInt();
    }

    /** JS -> Java: JS copies its array into its view of Java's byte[]. */
    public int toJavaThroughArrayBuffer() {
        return js.invokeMember("copy", javaBytesInJs, jsBytes).asInt();
    }

    /** JS -> Java: Java copies out of JS's ArrayBuffer in bulk (Value.readBuffer). */
    public int toJavaByReadBuffer() {
        jsArrayBuffer.readBuffer(0, javaBytes, 0, size);
        return size;
    }

    /** Java -> JS: TypedArray.set with the Java byte[] itself as the source (array access, no buffer). */
    public int toJsFromJavaArray() {
        return js.invokeMember("copy", jsBytes, javaBytes).asInt();
    }

    /** Java -> JS: a JS loop reads the Java byte[] element by element. */
    public int toJsByElements() {
        return js.invokeMember("copyByElements", jsBytes, javaBytes).asInt();
    }

    /** JS -> Java: a JS loop writes the Java byte[] element by element. */
    public int toJavaByElements() {
        return js.invokeMember("copyToJavaByElements", javaBytes, jsBytes).asInt();
    }

    /** The trap: the same JS loop as {@link #toJsByElements}, into Java's byte[] (values 0..255, not signed). */
    public int toJavaByElementsUnsigned() {
        return js.invokeMember("copyByElements", javaBytes, jsBytes).asInt();
    }

    @Override
    public void close() {
        context.close();
    }
}
