package pythontojava;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Runs a Python 3 script on GraalPy in the example's sandbox: `GraalPyRunner path/to/script.py`.
 * Exit codes: 0 ran, 1 the script raised (a denied access included), 2 bad usage, 3 stopped by a
 * limit (time, output or heap: see {@link SandboxLimits}); a script's own sys.exit(n) exits with n.
 */
public final class GraalPyRunner {
    /** 10 s, 1 MB of output, 512 MB of heap; -Dplayground.seconds=N, -Dplayground.output-kb=N, -Dplayground.heap-mb=N change them. */
    static final SandboxLimits LIMITS = SandboxLimits.fromSystemProperties();
    /** The longest error message or traceback the host prints: a script cannot flood stderr through it either. */
    static final int MAX_ERROR_CHARS = 4000;

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: GraalPyRunner path/to/script.py  (or: make run SCRIPT=path/to/script.py)");
            System.exit(2);
        }
        Path script = Path.of(args[0]);
        if (!Files.isRegularFile(script)) {
            System.err.println("error: no Python script at " + script.toAbsolutePath()
                    + ": give the path of a .py file, e.g. make run SCRIPT=src/main/python/graalpy/calculator.py");
            System.exit(2);
        }
        // The host (Java) reads the file; the script itself may not touch the file system.
        Source source = Source.newBuilder("python", script.toFile()).build();
        try (PythonSandbox sandbox = new PythonSandbox(LIMITS, System.out, System.err)) {
            try {
                sandbox.eval(source);
            } catch (PythonSandbox.ScriptStoppedException e) {
                fail(3, "stopped: " + e.getMessage() + "; -D" + e.limit().property + "=N sets the limit");
            } catch (PolyglotException e) {
                if (e.isExit()) { // sys.exit(n) in the script
                    System.out.flush();
                    System.exit(e.getExitStatus());
                }
                // A Python error, or a Java exception that Python did not catch: show Python's own
                // traceback (it has the line numbers), then fail.
                fail(1, "error: " + script + " failed: " + shorten(e.getMessage()) + "\n" + shorten(pythonTraceback(sandbox, e)));
            }
        }
    }

    /**
     * The traceback Python would print (without source lines: the script's file is out of its
     * reach), read from the exception's {@code __traceback__} chain under the limits (reading an
     * attribute of the script's objects may run the script's code), or "" if it cannot be had.
     * Python's {@code traceback} module would do the same, but importing it takes seconds in the
     * interpreter. Like Python, a line that repeats (a recursion) is shown three times, then counted.
     */
    static String pythonTraceback(PythonSandbox sandbox, PolyglotException e) {
        Value exception = e.getGuestObject();
        if (exception == null || e.isCancelled() || e.isInternalError()) {
            return "";
        }
        try {
            List<String> frames = sandbox.withLimits(() -> {
                List<String> lines = new ArrayList<>();
                for (Value tb = exception.getMember("__traceback__"); !tb.isNull(); tb = tb.getMember("tb_next")) {
                    Value code = tb.getMember("tb_frame").getMember("f_code");
                    lines.add("  File \"" + code.getMember("co_filename").asString() + "\", line "
                            + tb.getMember("tb_lineno").asInt() + ", in " + code.getMember("co_name").asString() + "\n");
                }
                return lines;
            });
            StringBuilder text = new StringBuilder("Traceback (most recent call last):\n");
            for (int i = 0, same; i < frames.size(); i += same) {
                for (same = 1; i + same < frames.size() && frames.get(i + same).equals(frames.get(i)); same++) {
                    // count the repeats of frames[i]
                }
                text.append(frames.get(i).repeat(Math.min(same, 3)));
                if (same > 3) {
                    text.append("  [Previous line repeated ").append(same - 3).append(" more times]\n");
                }
            }
            return text.append(e.getMessage()).append('\n').toString();
        } catch (RuntimeException cannotRead) {
            return "";
        }
    }

    private static String shorten(String text) {
        String all = String.valueOf(text);
        return all.length() <= MAX_ERROR_CHARS ? all : all.substring(0, MAX_ERROR_CHARS) + "... (" + all.length() + " characters)\n";
    }

    private static void fail(int exitCode, String text) {
        System.out.flush();
        System.err.print(text.endsWith("\n") ? text : text + "\n");
        System.exit(exitCode);
    }
}
