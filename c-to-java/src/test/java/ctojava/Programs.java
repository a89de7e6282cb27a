package ctojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts the example's programs as a user would, and collects what they print. */
final class Programs {
    private Programs() {}

    static final Path BIN = Path.of("target", "bin").toAbsolutePath();
    static final Path NATIVE = Path.of("target", "native").toAbsolutePath();
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    static final String CLASSPATH = Path.of("target/classes").toAbsolutePath() + ":" + Path.of("target/lib").toAbsolutePath() + "/*";

    record Result(int exitCode, String stdout, String stderr) {}

    /** One of the C programs in target/bin, started in workDir with no LD_LIBRARY_PATH, under -Xcheck:jni. */
    static Result c(Path workDir, String program, String... args) throws IOException, InterruptedException {
        List<String> checked = new ArrayList<>(List.of("-J-Xcheck:jni"));
        checked.addAll(List.of(args));
        return c(workDir, BIN.resolve(program), checked.toArray(String[]::new));
    }

    static Result c(Path workDir, Path executable, String... args) throws IOException, InterruptedException {
        return c(workDir, Map.of(), executable, args);
    }

    /** For a program that takes no JVM options: the JVM reads this variable too (and says so on stderr). */
    static final Map<String, String> CHECK_JNI = Map.of("JAVA_TOOL_OPTIONS", "-Xcheck:jni");
    static final String PICKED_UP_CHECK_JNI = "Picked up JAVA_TOOL_OPTIONS: -Xcheck:jni\n";

    /** The same, with extra environment variables (e.g. LD_PRELOAD). */
    static Result c(Path workDir, Map<String, String> environment, Path executable, String... args)
            throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(executable), executable + " is missing: build it with `make` first");
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(args));
        return run(workDir, environment, command);
    }

    /** Compiles C sources (paths relative to c-to-java/) into an executable linked to this JDK's libjvm. */
    static Path compile(Path executable, boolean rpath, String... sources) throws IOException, InterruptedException {
        Path jdk = Path.of(System.getProperty("java.home"));
        List<String> command = new ArrayList<>(List.of(System.getenv().getOrDefault("CC", "cc"),
                "-I" + jdk.resolve("include"), "-I" + jdk.resolve("include/linux"), "-o", executable.toString()));
        command.addAll(List.of(sources));
        command.addAll(List.of("-L" + jdk.resolve("lib/server"), "-ljvm"));
        if (rpath) command.add("-Wl,-rpath," + jdk.resolve("lib/server"));
        Process cc = new ProcessBuilder(command).inheritIO().start();
        finish(cc, command);
        assertEquals(0, cc.exitValue(), "cc failed: " + command);
        return executable;
    }

    /** Compiles one Java source (a class of package ctojava) into classes/, for a program to find instead of ours. */
    static Path compileJava(Path classes, String source) throws IOException {
        Path file = Files.createDirectories(classes.resolveSibling("src")).resolve(
                source.replaceAll("(?s).*public final class (\\w+).*", "$1") + ".java");
        Files.writeString(file, source);
        int status = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-encoding", "UTF-8", "-d", classes.toString(), file.toString());
        assertEquals(0, status, "javac failed on " + source);
        return classes;
    }

    /** A Java program of this example, under -Xcheck:jni, with the given flags (the Makefile's: nativeFlags). */
    static Result java(Path workDir, List<String> jvmFlags, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA, "-Xcheck:jni"));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", CLASSPATH, mainClass));
        command.addAll(List.of(args));
        return run(workDir, Map.of(), command);
    }

    static List<String> nativeFlags(Path libraryFolder) {
        return List.of("--enable-native-access=ALL-UNNAMED", "-Djava.library.path=" + libraryFolder,
                "-Djna.library.path=" + libraryFolder);
    }

    private static Result run(Path workDir, Map<String, String> environment, List<String> command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("stdout", ".txt");
        Path err = Files.createTempFile("stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("LD_LIBRARY_PATH"); // the programs must not need it
        builder.environment().remove("JAVA_TOOL_OPTIONS"); // it would make the JVM print a line
        builder.environment().putAll(environment);
        Process process = builder.start();
        finish(process, command);
        Result result = new Result(process.exitValue(), withoutJnaComplaints(text(out)), text(err));
        Files.delete(out);
        Files.delete(err);
        try (var files = Files.list(workDir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("hs_err_pid")), "the JVM crashed");
        }
        return result;
    }

    /** A file's bytes as UTF-8, a byte that is not UTF-8 shown as U+FFFD (so that a test shows it, not a decoding error). */
    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    /** Waits for a process, bounded: every program here ends within seconds, so a process still running
     *  after two minutes (room for a loaded machine) hangs. It is killed, and the test fails saying so. */
    private static void finish(Process process, List<String> command) throws InterruptedException {
        if (process.waitFor(120, TimeUnit.SECONDS)) return;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        fail("killed after 120 s: it did not finish: " + command);
    }

    /**
     * -Xcheck:jni prints a complaint on stdout for every misuse of JNI ("WARNING in native method: ...",
     * "FATAL ERROR in native method: ...", "WARNING: JNI local refs: ..."), each followed by its stack.
     * Every process here is checked: none may complain, except about JNA's own native code (JNA 5.19.1
     * calls Java without checking for exceptions; README, Pitfalls). Returns stdout without those.
     */
    static String withoutJnaComplaints(String stdout) {
        List<String> kept = new ArrayList<>();
        List<String> complaint = new ArrayList<>();
        for (String line : stdout.split("\n", -1)) { // the last element: after the last newline
            if (!complaint.isEmpty() && (line.startsWith("\t") || line.startsWith("Native frames:") || line.matches("[VCJjv]  .*"))) {
                complaint.add(line); // its stack
                continue;
            }
            assertJnasOwn(complaint, stdout);
            complaint.clear();
            if (line.contains("in native method:") || line.startsWith("WARNING: JNI local refs")) complaint.add(line);
            else kept.add(line);
        }
        assertJnasOwn(complaint, stdout);
        return String.join("\n", kept);
    }

    private static void assertJnasOwn(List<String> complaint, String stdout) {
        assertTrue(complaint.isEmpty() || complaint.stream().anyMatch(line -> line.startsWith("\tat com.sun.jna.Native.")),
                () -> "-Xcheck:jni complained:\n" + String.join("\n", complaint) + "\nin:\n" + stdout);
    }

    /** No JVM or JDK warning (e.g. about restricted methods) on either stream. */
    static void assertNoWarning(Result result) {
        for (String stream : List.of(result.stdout(), result.stderr())) assertFalse(stream.contains("WARNING"), "a warning:\n" + stream);
    }

    /** The lines of expected-output.txt from the line `title` up to the next line that starts a section. */
    static String expectedSection(String title) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("expected-output.txt"), StandardCharsets.UTF_8);
        StringBuilder section = new StringBuilder();
        int start = lines.indexOf(title);
        assertTrue(start >= 0, "no section " + title + " in expected-output.txt");
        section.append(title).append('\n');
        for (int i = start + 1; i < lines.size() && lines.get(i).startsWith(" "); i++) {
            section.append(lines.get(i)).append('\n');
        }
        return section.toString();
    }
}
