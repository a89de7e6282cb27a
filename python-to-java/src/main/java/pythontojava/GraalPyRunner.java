package pythontojava;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/** Runs a Python 3 script on GraalPy in the example's sandbox: `GraalPyRunner path/to/script.py`. */
public final class GraalPyRunner {
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: GraalPyRunner path/to/script.py  (or: make run SCRIPT=path/to/script.py)");
            System.exit(2);
        }
        Path script = Path.of(args[0]);
        if (!Files.isRegularFile(script)) {
            System.err.println("error: no Python script at " + script.toAbsolutePath()
                    + ": give the path of a .py file, e.g. make run SCRIPT=src/main/python3/calculator.py");
            System.exit(2);
        }
        // The host (Java) reads the file; the script itself may not touch the file system.
        Source source = Source.newBuilder("python", script.toFile()).build();
        try (Context context = PythonSandbox.newContext()) {
            try {
                context.eval(source);
            } catch (PolyglotException e) {
                if (e.isExit()) { // sys.exit(n) in the script
                    System.exit(e.getExitStatus());
                }
                // A Python error, or a Java exception that Python did not catch: show Python's own
                // traceback (it has the line numbers), then fail.
                System.err.println("error: " + script + " failed: " + e.getMessage());
                System.err.print(pythonTraceback(context, e));
                System.exit(1);
            }
        }
    }

    /** The traceback Python would print, formatted by Python's traceback module in the same context. */
    static String pythonTraceback(Context context, PolyglotException e) {
        Value exception = e.getGuestObject();
        if (exception == null || e.isCancelled() || e.isInternalError()) {
            return "";
        }
        Value format = context.eval("python", "import traceback\nlambda e: ''.join(traceback.format_exception(e))");
        return format.execute(exception).asString();
    }
}
