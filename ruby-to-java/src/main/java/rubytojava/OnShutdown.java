package rubytojava;

/**
 * A Java shutdown hook, all Java: a host sees with it whether, and when, Java's shutdown hooks run
 * as its process ends. (Under rjb, a hook must not call a Ruby object: it runs on a Java thread.)
 */
public final class OnShutdown {
    private OnShutdown() {}

    /** Prints {@code line} on standard output when the JVM shuts down, after the host's own lines. */
    public static void print(String line) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println(line);
            System.out.flush();
        }, "on-shutdown"));
    }
}
