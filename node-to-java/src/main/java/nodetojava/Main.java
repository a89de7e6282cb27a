package nodetojava;

import java.nio.file.Path;
import java.time.Duration;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;

/**
 * The Java host: runs the same JavaScript program twice, as CommonJS modules and as ES modules,
 * each in a fresh {@link Sandbox}; then calls a JS function that throws, to show the JS error
 * arriving in Java; then what Java threads may do with contexts ({@link JsThreads}).
 * Usage: {@code java ... nodetojava.Main [module folder, default src/main/js]}
 */
public final class Main {
    static final Duration TIME_LIMIT = Duration.ofSeconds(30);

    public static void main(String[] args) throws Exception {
        Path modules = Path.of(args.length > 0 ? args[0] : "src/main/js");

        System.out.println("CommonJS: commonjs/main.js requires ./calculator.js and the npm package semver");
        try (Sandbox sandbox = new Sandbox(modules, TIME_LIMIT, System.out, System.err)) {
            // require() resolves './main.js' in the folder set by js.commonjs-require-cwd.
            Value exports = sandbox.eval("require('./main.js')");
            showJsErrorInJava(sandbox, exports);
        }

        System.out.println("ES modules: esm/main.mjs imports ./calculator.mjs");
        try (Sandbox sandbox = new Sandbox(modules, TIME_LIMIT, System.out, System.err)) {
            // The .mjs name makes it an ES module; eval returns its exports (js.esm-eval-returns-exports).
            Value exports = sandbox.eval(Source.newBuilder("js", modules.resolve("esm/main.mjs").toFile()).build());
            showJsErrorInJava(sandbox, exports);
        }

        JsThreads.show(); // Java threads and GraalJS contexts
    }

    /** Calls the module's exported percent(1, 0): the JS RangeError arrives as a PolyglotException. */
    static void showJsErrorInJava(Sandbox sandbox, Value exports) {
        try {
            sandbox.withTimeLimit(() -> exports.getMember("percent").execute(1, 0));
            throw new AssertionError("percent(1, 0) should have thrown");
        } catch (PolyglotException e) {
            System.out.println("  percent(1, 0) threw, caught in Java: PolyglotException: " + e.getMessage());
            for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
                if (frame.isGuestFrame()) { // the JS frames; the Java frames below them are the host's
                    System.out.println("    at " + describe(frame));
                }
            }
        }
    }

    /** A JS stack frame the way node prints one: {@code checkPositive (calculator.js:26)}. */
    static String describe(PolyglotException.StackFrame frame) {
        SourceSection where = frame.getSourceLocation();
        if (where == null) {
            return frame.getRootName();
        }
        String path = where.getSource().getPath(); // the file name only: the output stays the same anywhere
        String file = path == null ? where.getSource().getName() : Path.of(path).getFileName().toString();
        return frame.getRootName() + " (" + file + ":" + where.getStartLine() + ")";
    }
}
