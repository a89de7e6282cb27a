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
 * The script's output, stdout and stderr both, goes to stdout (bounded); stderr carries only the
 * host's own verdict, one line ({@code stopped: }, {@code denied: } or {@code error: }), and the
 * exit code says it too: 0 ran, 1 the script raised (a denied access, or its own sys.exit(n != 0)),
 * 2 bad usage, 3, 4, 5 stopped by the time, output or heap limit ({@link SandboxLimits}).
 */
public final class GraalPyRunner {
    /** 10 s, 1 MB of output, 512 MB of heap; -Dplayground.seconds=N, -Dplayground.output-kb=N, -Dplayground.heap-mb=N change them. */
    static final SandboxLimits LIMITS = SandboxLimits.fromSystemProperties();
    /** The longest traceback the host prints (on stdout, with the script's output). */
    static final int MAX_TRACEBACK_CHARS = 4000;
    /** The longest text of the script's (an exception message) in the host's one line. */
    static final int MAX_QUOTED_CHARS = 300;

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            end(2, "usage: GraalPyRunner path/to/script.py  (or: make run SCRIPT=path/to/script.py)");
        }
        Path script = Path.of(args[0]);
        if (!Files.isRegularFile(script)) {
            end(2, "error: no Python script at " + quoted(script.toAbsolutePath().toString())
                    + ": give the path of a .py file, e.g. make run SCRIPT=src/main/python/graalpy/calculator.py");
        }
        // The host (Java) reads the file; the script itself may not touch the file system.
        Source source = Source.newBuilder("python", script.toFile()).build();
        String name = quoted(script.toString());
        PlaygroundWall wall = new PlaygroundWall(LIMITS);
        PythonSandbox sandbox = new PythonSandbox(LIMITS, System.out, System.out, wall::stopRequested);
        int code = 0;
        String verdict = null;
        try {
            wall.arm();
            sandbox.eval(source);
        } catch (PythonSandbox.ScriptStoppedException e) {
            code = e.limit().exitCode;
            verdict = stopped(e);
        } catch (PolyglotException e) {
            code = 1;
            if (e.isExit()) { // sys.exit(n) in the script: 0 is success; any other n is not a verdict of ours
                code = e.getExitStatus() == 0 ? 0 : 1;
                verdict = code == 0 ? null : "error: " + name + " exited with sys.exit(" + e.getExitStatus() + ")";
            } else {
                // Python's own traceback (it has the line numbers) goes with the script's output.
                System.out.print(cut(pythonTraceback(sandbox, e), MAX_TRACEBACK_CHARS));
                verdict = (denied(e) ? "denied: " + name + ": " : "error: " + name + " failed: ") + quoted(e.getMessage());
            }
        }
        try {
            wall.arm(); // closing runs the script's atexit handlers: under the same limits and the same wall
            sandbox.close();
        } catch (PythonSandbox.ScriptStoppedException e) {
            code = code == 0 ? e.limit().exitCode : code;
            verdict = verdict == null ? stopped(e) : verdict;
        }
        sandbox.finishLine();
        end(code, verdict);
    }

    private static String stopped(PythonSandbox.ScriptStoppedException e) {
        return "stopped: " + e.getMessage() + "; -D" + e.limit().property + "=N sets the limit";
    }

    /** What the sandbox refused, as GraalPy and GraalVM word it (SANDBOX.md's table), as opposed to the script's own errors. */
    static boolean denied(PolyglotException e) {
        String message = String.valueOf(e.getMessage());
        return message.startsWith("PermissionError") || message.contains("access has been denied")
                || message.contains("is not allowed") || message.endsWith(" was excluded");
    }

    /**
     * A text of the script's (an exception message, a file name) made fit for one host line: its
     * control characters escaped (a newline cannot start a line of its own) and cut after
     * {@link #MAX_QUOTED_CHARS} characters.
     */
    static String quoted(String text) {
        String all = String.valueOf(text);
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < all.length(); i++) {
            if (line.length() >= MAX_QUOTED_CHARS) {
                return line.append("...").toString();
            }
            char c = all.charAt(i);
            switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                case '\\' -> line.append("\\\\");
                default -> line.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                        ? String.format("\\u%04x", (int) c) : c);
            }
        }
        return line.toString();
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

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "... (" + text.length() + " characters)\n";
    }

    /** Ends the process: the script's output flushed, then the host's one line (if any) on stderr. */
    private static void end(int exitCode, String verdict) {
        System.out.flush();
        if (verdict != null) {
            PlaygroundWall.say(verdict);
        }
        System.exit(exitCode);
    }
}
