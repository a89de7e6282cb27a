package javatoc;

import java.io.UncheckedIOException;

/**
 * The entry point of the shipped jar and image (make dist, make image; SHIPPING.md): the four
 * lessons of `make run`, one after the other, in one JVM. Each finds its library in the jar.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        try {
            Lesson.run("JNA, interface mapping", JnaInterfaceExample::load);
            Lesson.run("JNA, direct mapping", JnaDirectExample::load);
            Lesson.run("JNI, hand-written glue", JniExample::load);
            Lesson.run("FFM (java.lang.foreign)", FfmExample::load);
        } catch (UncheckedIOException e) { // the library could not be extracted (BundledLibrary)
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }
}
