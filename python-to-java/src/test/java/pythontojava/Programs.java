package pythontojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the example's programs as a user would (the Makefile's command lines), and collects what
 * they print: the one process runner of these tests.
 */
final class Programs {
    private Programs() {}

    static final Path HERE = Path.of("").toAbsolutePath();
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /** The environment that points the Makefile (and JPype) at this JDK 25. */
    static final Map<String, String> JDK_25 = Map.of("JAVA_HOME", System.getProperty("java.home"));
    // The Makefile's FAST flags, with each runtime's AOT cache (`make test` makes it first; under a
    // bare `mvn test` it may be missing or stale: the output must be the same either way).
    private static List<String> fast(String runtime) {
        return List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:AOTCache=target/" + runtime + ".aot", "-Xlog:aot=off");
    }
    private static final String JYTHON_CP = "target/python-to-java.jar:target/jython/jython-standalone-2.7.4.jar";
    /** The Makefile's $(JYTHON): its JYTHON_FLAGS, JYTHON_LEAN and FAST, and the cache. */
    static final List<String> JYTHON = command(List.of(JAVA, "--enable-native-access=ALL-UNNAMED", "-cp", JYTHON_CP,
            "-Dpython.import.site=false", "-Dpython.console.encoding=UTF-8"), fast("jython"));
    static final List<String> GRAALPY_FLAGS = List.of(JAVA, "-Xmx1g", "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow", "-cp", "target/python-to-java.jar:target/lib/*");
    /** The Makefile's $(GRAALPY): its GRAALPY_FLAGS and INTERPRET, and the cache. */
    static final List<String> GRAALPY = command(GRAALPY_FLAGS, List.of("-Dpolyglot.engine.WarnInterpreterOnly=false"), fast("graalpy"));

    record Result(int exitCode, String stdout, String stderr) {}

    static Result run(List<String> command) throws IOException, InterruptedException {
        return run(command, Map.of());
    }

    /** Runs command in this folder, with env added to the environment; checks that it ends and did not crash. */
    static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path out = Files.createTempFile("stdout", ".txt");
        Path err = Files.createTempFile("stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(HERE.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) { // a hang guard, not a timing assertion
            process.destroyForcibly();
            fail("the program did not finish in 5 minutes: " + command);
        }
        Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        try (var files = Files.list(HERE)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("hs_err_pid")), "the JVM crashed");
        }
        return result;
    }

    /**
     * `make -s run ARGS` on the build Maven is testing (-o: make must not build it again), a fresh
     * make: not a sub-make of the `make test` that may be running these tests.
     */
    static List<String> makeRun(String... args) {
        return command(List.of("env", "-u", "MAKEFLAGS", "-u", "MFLAGS", "-u", "MAKELEVEL", "make", "-s", "--no-print-directory",
                "-o", "target/packaged.stamp", "-o", "target/jython.aot", "-o", "target/graalpy.aot", "run"), List.of(args));
    }

    @SafeVarargs
    static List<String> command(List<String>... parts) {
        List<String> command = new ArrayList<>();
        for (List<String> part : parts) {
            command.addAll(part);
        }
        return command;
    }

    static List<String> command(List<String> start, String... more) {
        return command(start, List.of(more));
    }

    /** The title line of the section of expected-output.txt that starts with `part + ": "`. */
    static String expectedOutputTitle(String part) throws IOException {
        return Files.readAllLines(Path.of("expected-output.txt")).stream()
                .filter(line -> line.startsWith(part + ": ")).findFirst().orElseThrow();
    }

    /** The lines of expected-output.txt from the line `title` up to the next section title. */
    static String expectedSection(String title) throws IOException {
        String expected = Files.readString(Path.of("expected-output.txt"));
        int start = expected.indexOf(title + "\n");
        assertTrue(start >= 0, "no section " + title + " in expected-output.txt");
        int end = start + title.length() + 1;
        while (end < expected.length() && expected.charAt(end) == ' ') {
            end = expected.indexOf('\n', end) + 1;
        }
        return expected.substring(start, end);
    }

    static void assertPrintsItsSectionAndNoWarning(Result result) throws IOException {
        assertEquals("", result.stderr());
        assertEquals(0, result.exitCode());
        String title = result.stdout().lines().findFirst().orElseThrow();
        assertEquals(expectedSection(title), result.stdout());
    }
}
