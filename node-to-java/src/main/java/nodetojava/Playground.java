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
 * Exit codes: 0 ran, 1 the script threw (a denied access included), 2 bad usage, 3 stopped by a
 * limit (time, output or heap: see {@link SandboxLimits}).
 */
public final class Playground {
    /** 10 s, 1 MB of output, 512 MB of heap; -Dplayground.seconds=N, -Dplayground.output-kb=N, -Dplayground.heap-mb=N change them. */
    static final SandboxLimits LIMITS = SandboxLimits.fromSystemProperties();

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            fail(2, "usage: make run SCRIPT=path/to/script.js");
        }
        Path script = Path.of(args[0]);
        Path modules = Path.of(args.length > 1 ? args[1] : "src/main/js");
        String code;
        try {
            code = Files.readString(script); // the host reads the script; the script reads only the module folder
        } catch (NoSuchFileException e) {
            fail(2, "no such script: " + script + " (give SCRIPT a path to a .js or .mjs file)");
            return;
        }
        // No path in the source: the script acts as if it sat in src/main/js/commonjs, so that
        // require('./calculator.js') and require('semver') find the example's modules.
        Source source = Source.newBuilder("js", code, script.getFileName().toString())
                .mimeType(script.toString().endsWith(".mjs") ? "application/javascript+module" : "application/javascript")
                .build();
        try (Sandbox sandbox = new Sandbox(modules, LIMITS, System.out, System.err)) {
            sandbox.eval(source);
        } catch (Sandbox.ScriptStoppedException e) {
            fail(3, "stopped: " + e.getMessage() + "; -D" + e.limit().property + "=N sets the limit");
        } catch (PolyglotException e) {
            if (e.isInternalError()) {
                throw e; // a bug in the host or the engine, not in the script: the stack trace helps
            }
            fail(1, (isDenial(e) ? "denied: " : "error: ") + e.getMessage() + where(e));
        }
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
        return location == null ? "" : " (" + location.getSource().getName() + ":" + location.getStartLine() + ")";
    }

    private static void fail(int exitCode, String line) {
        System.out.flush();
        System.err.println(line);
        System.exit(exitCode);
    }
}
