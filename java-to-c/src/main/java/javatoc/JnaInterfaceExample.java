package javatoc;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * JNA interface mapping: declare a Java interface whose methods look like the C functions, and
 * JNA builds an implementation that converts each argument on every call. No C glue to write.
 */
public final class JnaInterfaceExample implements ExampleLibrary {

    /** The C functions of example.h, as JNA sees them. */
    public interface Example extends Library {
        int double_input(int input);

        int greet(String name, byte[] buffer, long size); // size_t is 64-bit on Linux x86-64

        Pointer shout(String text); // a Pointer, not a String: we must free it afterwards

        void example_free(Pointer pointer);

        JnaPoint.ByValue point_add(JnaPoint.ByValue a, JnaPoint.ByValue b);

        void point_scale(JnaPoint p, int factor); // a plain Structure goes by pointer

        long sum_ints(int[] values, long count);
    }

    /** libc's access; {@code throws LastErrorException} makes JNA capture errno right after it. */
    public interface Libc extends Library {
        int R_OK = 4;

        int access(String path, int mode) throws LastErrorException;
    }

    private final Example example;
    private final Libc libc;

    private JnaInterfaceExample(Example example, Libc libc) {
        this.example = example;
        this.libc = libc;
    }

    /** Loads libexample.so from -Djna.library.path (JNA ignores java.library.path). */
    public static JnaInterfaceExample load() {
        try {
            // Strings as UTF-8, not in the locale's encoding (JNA's default): under LC_ALL=C "Zoë" became "Zo?".
            return new JnaInterfaceExample(Native.load("example", Example.class, Map.of(Library.OPTION_STRING_ENCODING, "UTF-8")),
                    Native.load("c", Libc.class));
        } catch (UnsatisfiedLinkError e) {
            throw new LibraryNotFoundException("example", "jna.library.path", e);
        }
    }

    @Override
    public int doubleInput(int input) {
        return example.double_input(input);
    }

    @Override
    public String greet(String name) {
        Objects.requireNonNull(name, "name");
        int length = example.greet(name, null, 0); // first ask how long the greeting is
        byte[] buffer = new byte[length + 1]; // Java owns the buffer; +1 for C's closing NUL
        example.greet(name, buffer, buffer.length);
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    @Override
    public String shout(String text) {
        Objects.requireNonNull(text, "text");
        Pointer shouted = example.shout(text);
        if (shouted == null) {
            throw new OutOfMemoryError("shout: C could not allocate the result");
        }
        try {
            return shouted.getString(0, "UTF-8"); // copies the bytes into a Java String
        } finally {
            example.example_free(shouted); // C allocated it, so C frees it
        }
    }

    @Override
    public Point pointAdd(Point a, Point b) {
        return example.point_add(new JnaPoint.ByValue(a), new JnaPoint.ByValue(b)).toPoint();
    }

    @Override
    public Point pointScale(Point p, int factor) {
        JnaPoint inNativeMemory = new JnaPoint(p); // JNA writes it to native memory before the call
        example.point_scale(inNativeMemory, factor); // ...and reads it back after
        return inNativeMemory.toPoint();
    }

    @Override
    public long sumInts(int[] values) {
        return example.sum_ints(values, values.length); // JNA copies the array in (and back out)
    }

    @Override
    public int errnoOfFailedAccess(String path) {
        try {
            libc.access(path, Libc.R_OK);
            throw new IllegalStateException("access(" + path + ") was expected to fail");
        } catch (LastErrorException e) {
            return e.getErrorCode();
        }
    }

    public static void main(String[] args) {
        Lesson.run("JNA, interface mapping", JnaInterfaceExample::load);
    }
}
