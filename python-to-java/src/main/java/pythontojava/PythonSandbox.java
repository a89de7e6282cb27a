package pythontojava;

import java.util.Set;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.io.IOAccess;

/**
 * A GraalPy context that exposes only the Java API this example exports: the members of
 * {@link Calculator} marked {@code @HostAccess.Export}, the two classes named below, and the
 * {@link Operation} interface for Python to implement. No files, no sockets, no processes, no
 * threads, no native code, no environment variables: a script cannot reach java.lang.Runtime,
 * the file system or the network.
 */
public final class PythonSandbox {
    /** The only classes a script may look up with java.type(). */
    static final Set<String> EXPORTED_CLASSES = Set.of(
            Calculator.class.getName(), CalculatorException.class.getName());

    private PythonSandbox() {}

    public static Context newContext() {
        HostAccess exported;
        try {
            exported = HostAccess.newBuilder()
                    .allowAccessAnnotatedBy(HostAccess.Export.class) // Calculator's marked methods
                    .allowAccess(Throwable.class.getMethod("getMessage")) // so that `except` can read it
                    .allowImplementations(Operation.class) // Python objects may implement Operation
                    .allowListAccess(true) // Java Lists look like Python lists
                    .build();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
        return Context.newBuilder("python")
                .allowHostAccess(exported)
                .allowHostClassLookup(EXPORTED_CLASSES::contains)
                .allowIO(IOAccess.NONE) // no files, no sockets
                .allowCreateProcess(false)
                .allowCreateThread(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .build();
    }
}
