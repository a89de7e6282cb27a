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

    public static void main(String[] args) {
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
        }
    }
}
