package javatoc;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Objects;

/**
 * Hand-written JNI: the interface's methods are {@code native} here, and each is a C function in
 * src/main/c/example_jni.c whose name JNI derives from the class and method
 * ({@code doubleInput} is {@code Java_javatoc_JniExample_doubleInput}); {@code javac -h} writes
 * their declarations. The glue converts Java values to C values itself, which makes calls cheap
 * and the code long: every string, array and object is unpacked by hand.
 */
public final class JniExample implements ExampleLibrary {

    private JniExample() {}

    /** Loads libexample_jni.so (which links libexample.so) from the jar if it has them, else from -Djava.library.path. */
    public static JniExample load() {
        try {
            if (BundledLibrary.isBundled("example_jni")) { // make dist: extracted to a file, then loaded by path
                System.load(BundledLibrary.extract("example_jni", "example").toString());
            } else {
                System.loadLibrary("example_jni"); // a second call in the same class loader does nothing
            }
        } catch (UnsatisfiedLinkError e) {
            throw new LibraryNotFoundException("example_jni", "java.library.path", e);
        }
        return new JniExample();
    }

    @Override
    public native int doubleInput(int input);

    // JNI's string functions speak "modified UTF-8", which is not UTF-8 beyond the Basic Multilingual
    // Plane (an emoji): Java encodes and decodes real UTF-8, and C sees bytes.
    @Override
    public String greet(String name) {
        return new String(greetUtf8(Objects.requireNonNull(name, "name").getBytes(UTF_8)), UTF_8);
    }

    private native byte[] greetUtf8(byte[] name);

    @Override
    public String shout(String text) {
        return new String(shoutUtf8(Objects.requireNonNull(text, "text").getBytes(UTF_8)), UTF_8);
    }

    private native byte[] shoutUtf8(byte[] text);

    @Override
    public native Point pointAdd(Point a, Point b);

    /** pointAdd with the class and method IDs looked up on every call, not once: for `make bench`. */
    public native Point pointAddLookingUpEachCall(Point a, Point b);

    @Override
    public native Point pointScale(Point p, int factor);

    @Override
    public native long sumInts(int[] values);

    @Override
    public native int errnoOfFailedAccess(String path);

    public static void main(String[] args) {
        Lesson.run("JNI, hand-written glue", JniExample::load);
    }
}
