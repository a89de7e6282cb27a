package nodetojava;

/**
 * For the Node.js lesson on the JVM's lifecycle: a Java shutdown hook that prints one line when
 * it runs, so that the output shows whether, and when, the JVM's hooks ran as node ended.
 */
public final class ShutdownNotice {
    private ShutdownNotice() {}

    /** Registers a shutdown hook that prints {@code line} (written in Java, not a JS proxy: see THREADS.md). */
    public static void printAtShutdown(String line) {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown-notice").unstarted(() -> System.out.println(line)));
    }
}
