package pythontojava;

import java.util.List;
import org.python.core.Py;
import org.python.core.PyException;
import org.python.core.PyObject;
import org.python.util.PythonInterpreter;

/** The other direction: a Java program embeds Jython and calls a Python function. */
public final class JythonEmbedding {
    static final String PYTHON_CODE = """
            def summary(numbers, unit):
                if len(numbers) == 0:
                    raise ValueError("summary() needs at least one number")
                return "%d numbers, the largest is %d %s" % (len(numbers), max(numbers), unit)
            """;

    /** Python that waits inside itself for a second thread (in a Java call), then answers. */
    static final String TOGETHER_CODE = """
            def summary_together(long_call, numbers, unit):
                return summary(numbers, unit) if long_call.meet(2, 10000) else "alone"
            """;

    public static void main(String[] args) throws Exception {
        System.out.println("Jython, embedded: Java calls a Python function");
        try (PythonInterpreter python = new PythonInterpreter()) {
            python.exec(PYTHON_CODE);
            PyObject summary = python.get("summary");

            // Java arguments go in as Python objects: a java.util.List stays a List, which Python
            // can measure and iterate; a String becomes a Python str.
            PyObject result = summary.__call__(Py.java2py(List.of(3, 9, 4)), Py.java2py("points"));
            // ...and the result comes back through __tojava__, which converts or fails.
            String text = (String) result.__tojava__(String.class);
            System.out.println("  summary([3, 9, 4], \"points\") = \"" + text + "\"  (a Java String)");

            // A Python exception arrives in Java as a PyException; match() tells which one.
            try {
                summary.__call__(Py.java2py(List.of()), Py.java2py("points"));
            } catch (PyException e) {
                if (!e.match(Py.ValueError)) {
                    throw e;
                }
                System.out.println("  summary([], \"points\") raised ValueError: " + e.value.__str__()
                        + "  (Java caught a PyException)");
            }

            // Threads: Java threads may call into one interpreter at once. Jython has no GIL: each
            // thread runs its Python code on a core of its own (bench/rows measures it).
            python.exec(TOGETHER_CODE);
            PyObject together = python.get("summary_together");
            LongCall longCall = new LongCall();
            List<String> results = InThreads.run(2, () -> (String) together.__call__(
                    Py.java2py(longCall), Py.java2py(List.of(3, 9, 4)), Py.java2py("points")).__tojava__(String.class));
            System.out.println("  2 Java threads inside one Python function at once: " + results.equals(List.of(
                    text, text)) + ", most inside: " + longCall.mostInside() + "  (Jython has no GIL)");
        }
    }
}
