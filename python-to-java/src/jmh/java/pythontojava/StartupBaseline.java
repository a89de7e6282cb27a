package pythontojava;

/** The start-up baseline: a JVM that starts, calls Calculator.multiply once from Java, and exits. */
public final class StartupBaseline {
    public static void main(String[] args) {
        System.out.println(Calculator.multiply(4, 2));
    }
}
