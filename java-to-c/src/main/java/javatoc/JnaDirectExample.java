package javatoc;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * JNA direct mapping: declare {@code static native} methods and let {@link Native#register}
 * bind them to the C functions of the same name. JNA then converts arguments in its native
 * dispatch code instead of through a reflective proxy, so calls cost less than with an interface.
 */
public final class JnaDirectExample implements ExampleLibrary {

    /** The C functions of example.h; bound by {@link #load()}. */
    static final class Example {
        static native int double_input(int input);

        static native int greet(String name, byte[] buffer, long size);

        static native Pointer shout(String text);

        static native void example_free(Pointer pointer);

        static native JnaPoint.ByValue point_add(JnaPoint.ByValue a, JnaPoint.ByValue b);

        static native void point_scale(JnaPoint p, int factor);

        static native long sum_ints(int[] values, long count);
    }

    /** libc's access, registered separately: one class per library. */
    static final class Libc {
        static final int R_OK = 4;

        static native int access(String path, int mode) throws LastErrorException;
    }

    private static boolean registered;

    private JnaDirectExample() {}

    /** Binds the native methods above (once per JVM) from -Djna.library.path. */
    public static synchronized JnaDirectExample load() {
        if (!registered) {
            try {
                // Strings as UTF-8, not in the locale's encoding (JNA's default): under LC_ALL=C "Zoë" became "Zo?".
                Native.register(Example.class, NativeLibrary.getInstance("example", Map.of(Library.OPTION_STRING_ENCODING, "UTF-8")));
                Native.register(Libc.class, "c");
            } catch (UnsatisfiedLinkError e) {
                throw new LibraryNotFoundException("example", "jna.library.path", e);
            }
            registered = true;
        }
        return new JnaDirectExample();
    }

    @Override
    public int doubleInput(int input) {
        return Example.double_input(input);
    }

    @Override
    public String greet(String name) {
        Objects.requireNonNull(name, "name");
        int length = Example.greet(name, null, 0); // first ask how long the greeting is
        byte[] buffer = new byte[length + 1]; // Java owns the buffer; +1 for C's closing NUL
        Example.greet(name, buffer, buffer.length);
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    @Override
    public String shout(String text) {
        Objects.requireNonNull(text, "text");
        Pointer shouted = Example.shout(text);
        if (shouted == null) {
            throw new OutOfMemoryError("shout: C could not allocate the result");
        }
        try {
            return shouted.getString(0, "UTF-8");
        } finally {
            Example.example_free(shouted);
        }
    }

    @Override
    public Point pointAdd(Point a, Point b) {
        return Example.point_add(new JnaPoint.ByValue(a), new JnaPoint.ByValue(b)).toPoint();
    }

    @Override
    public Point pointScale(Point p, int factor) {
        JnaPoint inNativeMemory = new JnaPoint(p);
        Example.point_scale(inNativeMemory, factor);
        return inNativeMemory.toPoint();
    }

    @Override
    public long sumInts(int[] values) {
        return Example.sum_ints(values, values.length);
    }

    @Override
    public int errnoOfFailedAccess(String path) {
        try {
            Libc.access(path, Libc.R_OK);
            throw new IllegalStateException("access(" + path + ") was expected to fail");
        } catch (LastErrorException e) {
            return e.getErrorCode();
        }
    }

    public static void main(String[] args) {
        Lesson.run("JNA, direct mapping", JnaDirectExample::load);
    }
}
