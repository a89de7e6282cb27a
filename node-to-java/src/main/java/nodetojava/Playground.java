package nodetojava;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;

/**
 * Runs a user's own script in the same sandbox as the lesson, with the same exported API
 * ({@code calculator}, {@code require} of the example's modules and node_modules).
 * Usage: {@code java ... nodetojava.Playground path/to/script.js [module folder]}.
 * The script's output, stdout and stderr both, goes to stdout (bounded); stderr carries only the
 * host's own verdict, one line ({@code stopped: }, {@code denied: } or {@code error: }), and the
 * exit code says it too: 0 ran, 1 the script threw, 2 bad usage, 3, 4, 5 stopped by the time,
 * output or heap limit ({@link SandboxLimits}); {@link PlaygroundWall} makes each limit a wall.
 */
public final class Playground {
    /** 10 s, 1 MB of output, 512 MB of heap; -Dplayground.seconds=N, -Dplayground.output-kb=N, -Dplayground.heap-mb=N change them. */
    static final SandboxLimits LIMITS = SandboxLimits.fromSystemProperties();
    /** The longest text of the script's (an error message) in the host's one line. */
    static final int MAX_QUOTED_CHARS = 300;

    public static void main(String[] args) throws IOException {
        PlaygroundWall wall = new PlaygroundWall(LIMITS);
        if (args.length < 1) {
            wall.end(2, "usage: make run SCRIPT=path/to/script.js");
        }
        Path script = Path.of(args[0]);
        Path modules = Path.of(args.length > 1 ? args[1] : "src/main/js");
        String code = null;
        try {
            code = Files.readString(script); // the host reads the script; the script reads only the module folder
        } catch (NoSuchFileException e) {
            wall.end(2, "no such script: " + quoted(script.toString()) + " (give SCRIPT a path to a .js or .mjs file)");
        }
        // No path in the source: the script acts as if it sat in src/main/js/commonjs, so that
        // require('./calculator.js') and require('semver') find the example's modules.
        Source source = Source.newBuilder("js", code, script.getFileName().toString())
                .mimeType(script.toString().endsWith(".mjs") ? "application/javascript+module" : "application/javascript")
                .build();
        Sandbox sandbox = new Sandbox(modules, LIMITS, System.out, System.out, wall::stopRequested);
        int exitCode = 0;
        String verdict = null;
        try {
            wall.arm();
            sandbox.eval(source);
        } catch (Sandbox.ScriptStoppedException e) {
            exitCode = e.limit().exitCode;
            verdict = stopped(e);
        } catch (PolyglotException e) {
            exitCode = 1;
            verdict = e.isInternalError() ? "error: the engine failed (a bug in GraalJS or in this host): " + quoted(e.getMessage())
                    : (isDenial(e) ? "denied: " : "error: ") + quoted(e.getMessage()) + where(e);
        }
        try {
            wall.arm(); // closing the context, under the same wall
            sandbox.close();
        } catch (Sandbox.ScriptStoppedException e) {
            exitCode = exitCode == 0 ? e.limit().exitCode : exitCode;
            verdict = verdict == null ? stopped(e) : verdict;
        }
        sandbox.finishLine();
        wall.end(exitCode, verdict);
    }

    private static String stopped(Sandbox.ScriptStoppedException e) {
        return "stopped: " + e.getMessage() + "; -D" + e.limit().property + "=N sets the limit";
    }

    /** The errors with which the sandbox refuses something, as opposed to the script's own bugs. */
    static boolean isDenial(PolyglotException e) {
        String message = String.valueOf(e.getMessage());
        return e.isHostException() && e.asHostException() instanceof SecurityException
                || message.contains("is denied")                                 // the file system
                || message.contains("Access to host class")                   // Java.type(...)
                || message.matches("ReferenceError: (Java|Packages|java|Polyglot|process) is not defined")
                || message.contains("Unknown identifier")                     // a Java member not exported
                || message.contains("Cannot load module");                    // node's built-ins (fs, net, ...)
    }

    /** Where in the script: the error's own location, or else the innermost JS frame's. */
    private static String where(PolyglotException e) {
        SourceSection location = e.getSourceLocation();
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (location == null && frame.isGuestFrame()) {
                location = frame.getSourceLocation();
            }
        }
        return location == null ? "" : " (" + quoted(location.getSource().getName()) + ":" + location.getStartLine() + ")";
    }

    /**
     * A text of the script's (an error message, a file name) made fit for the host's one line: its
     * control characters escaped (a newline in it cannot start a line of its own, such as a forged
     * {@code stopped:}) and cut after {@link #MAX_QUOTED_CHARS} characters.
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
                default -> line.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? "\\u%04x".formatted((int) c) : c);
            }
        }
        return line.toString();
    }
}
