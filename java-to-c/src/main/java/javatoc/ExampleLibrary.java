package javatoc;

/**
 * What every mechanism binds: the functions of example.h (and libc's access, for errno).
 * Each mechanism (JNA interface, JNA direct, JNI, FFM) implements this in its own file, so the
 * same lesson and the same tests run against all four.
 */
public interface ExampleLibrary {
    /** {@code double_input}: wraps on overflow, exactly like Java's {@code int}. */
    int doubleInput(int input);

    /** {@code greet}: Java owns the buffer, C fills it. Throws NullPointerException for null. */
    String greet(String name);

    /** {@code shout}: C allocates the result, Java copies it and frees it with example_free. */
    String shout(String text);

    /** {@code point_add}: structs passed and returned by value. */
    Point pointAdd(Point a, Point b);

    /** {@code point_scale}: a struct passed by pointer and changed in place by C. */
    Point pointScale(Point p, int factor);

    /** {@code sum_ints}: a Java int[] seen by C as a pointer and a length. */
    long sumInts(int[] values);

    /** Calls libc's {@code access(path, R_OK)}, expects it to fail, and returns its errno. */
    int errnoOfFailedAccess(String path);
}
