package pythontojava;

/**
 * A Java shutdown hook that says when it runs. Installed from Java code, it is the JVM's own hook,
 * as any Java library's would be (JPype redirects a Runtime.addShutdownHook made from Python to a
 * list of its own): the JVM runs it as it shuts down, whoever started the JVM.
 */
public final class ShutdownHook {
    private ShutdownHook() {}

    /** Prints {@code message} to stdout when the JVM shuts down. */
    public static void install(String message) {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("say-" + message).unstarted(() -> {
            System.out.println(message);
            System.out.flush();
        }));
    }
}
