package pythontojava;

import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/** The other direction on GraalPy: a Java program calls a Python 3 function in the sandbox. */
public final class GraalPyEmbedding {
    static final String PYTHON_CODE = """
            def summary(numbers, unit):
                if len(numbers) == 0:
                    raise ValueError("summary() needs at least one number")
                return f"{len(numbers)} numbers, the largest is {max(numbers)} {unit}"
            """;

    /** Python that waits inside itself for a second thread (in a Java call), then answers. */
    static final String TOGETHER_CODE = """
            def summary_together(long_call, numbers, unit):
                return summary(numbers, unit) if long_call.meet(2, 10000) else "alone"
            """;

    public static void main(String[] args) throws Exception {
        System.out.println("GraalPy, embedded: Java calls a Python function");
        try (Context context = PythonSandbox.newContext()) {
            context.eval("python", PYTHON_CODE);
            Value summary = context.getBindings("python").getMember("summary");

            // Java arguments go in as they are: the sandbox lets Python read a java.util.List
            // like a list (len, max); the result comes back as a Value, converted with asString().
            String text = summary.execute(List.of(3, 9, 4), "points").asString();
            System.out.println("  summary([3, 9, 4], \"points\") = \"" + text + "\"  (a Java String)");

            // A Python exception arrives in Java as a PolyglotException that is a guest exception.
            try {
                summary.execute(List.of(), "points");
            } catch (PolyglotException e) {
                if (!e.isGuestException()) {
                    throw e;
                }
                System.out.println("  summary([], \"points\") raised " + e.getMessage()
                        + "  (Java caught a PolyglotException)");
            }

            // Threads: Java threads may enter one context at once (GraalJS would refuse the second).
            // GraalPy has a GIL of its own: their Python code runs one thread at a time.
            context.eval("python", TOGETHER_CODE);
            Value together = context.getBindings("python").getMember("summary_together");
            LongCall longCall = new LongCall();
            List<String> results = InThreads.run(2, () -> together.execute(longCall, List.of(3, 9, 4), "points").asString());
            System.out.println("  2 Java threads inside one Python function at once: " + results.equals(List.of(
                    text, text)) + ", most inside: " + longCall.mostInside() + "  (one context, GraalPy's GIL)");
        }
    }
}
