package javatoc;

/**
 * Hand-written JNI: {@code native} methods here, and C glue in src/main/c/example_jni.c whose
 * function names ({@code Java_javatoc_JniExample_doubleInput}, ...) come from
 * {@code javac -h}. The glue converts Java values to C values itself, which makes calls cheap
 * and the code long: every string, array and object is unpacked by hand.
 */
public final class JniExample implements ExampleLibrary {

    private static boolean loaded;

    private JniExample() {}

    /** Loads libexample_jni.so (which links libexample.so) from -Djava.library.path. */
    public static synchronized JniExample load() {
        if (!loaded) {
            try {
                System.loadLibrary("example_jni");
            } catch (UnsatisfiedLinkError e) {
                throw new LibraryNotFoundException("example_jni", "java.library.path", e);
            }
            loaded = true;
        }
        return new JniExample();
    }

    private static native int doubleInputNative(int input);

    private static native String greetNative(String name); // NullPointerException from C on null

    private static native String shoutNative(String text);

    private static native Point pointAddNative(Point a, Point b);

    private static native Point pointScaleNative(Point p, int factor);

    private static native long sumIntsNative(int[] values);

    private static native int errnoOfFailedAccessNative(String path);

    @Override
    public int doubleInput(int input) {
        return doubleInputNative(input);
    }

    @Override
    public String greet(String name) {
        return greetNative(name);
    }

    @Override
    public String shout(String text) {
        return shoutNative(text);
    }

    @Override
    public Point pointAdd(Point a, Point b) {
        return pointAddNative(a, b);
    }

    @Override
    public Point pointScale(Point p, int factor) {
        return pointScaleNative(p, factor);
    }

    @Override
    public long sumInts(int[] values) {
        return sumIntsNative(values);
    }

    @Override
    public int errnoOfFailedAccess(String path) {
        return errnoOfFailedAccessNative(path);
    }

    public static void main(String[] args) {
        Lesson.run("JNI, hand-written glue", JniExample::load);
    }
}
