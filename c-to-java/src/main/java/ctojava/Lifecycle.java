package ctojava;

/**
 * What lifecycle.c asks Java about its own life: which threads it thinks are alive, and a shutdown
 * hook. A hook runs when the JVM shuts down (DestroyJavaVM, System.exit), never when C calls exit().
 */
public final class Lifecycle {
    private Lifecycle() {}

    /** How many live Java threads have a name that starts with {@code prefix}. */
    public static int liveThreads(String prefix) {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix))
                .count();
    }

    /** The state Java reports for the live thread called {@code name}, or "gone". */
    public static String stateOf(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(name))
                .map(thread -> "alive: " + thread.isAlive() + ", state " + thread.getState())
                .findFirst().orElse("gone");
    }

    /** Registers a shutdown hook that prints {@code line}. */
    public static void printAtShutdown(String line) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println(line), "shutdown-hook"));
    }
}
