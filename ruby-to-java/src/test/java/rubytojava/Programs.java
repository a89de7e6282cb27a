package rubytojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Starts the example's programs as a user would (java, JRuby, CRuby, make), and collects what they print. */
final class Programs {
    private Programs() {}

    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    static final String JDK = System.getProperty("java.home");
    static final String CRUBY = System.getenv().getOrDefault("CRUBY", "/usr/bin/ruby");
    static final Path JRUBY_JAR = Path.of("target/lib/jruby-complete-10.1.1.0.jar").toAbsolutePath();
    /** The Makefile's CLASSPATH (jars: what its AOT cache was made for). */
    static final String CLASSPATH = Path.of("target/ruby-to-java.jar").toAbsolutePath() + ":" + JRUBY_JAR;
    /** The Makefile's JAVA_FLAGS. */
    static final List<String> JAVA_FLAGS = List.of("--enable-native-access=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED", "--add-opens", "java.base/java.nio.channels=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED");
    /** The Makefile's STARTUP_FLAGS, and with its AOT cache: what `make run` adds unless JIT=1. */
    static final List<String> STARTUP_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Djruby.compile.mode=OFF", "-Djruby.native.enabled=false");
    static final List<String> LESSON_FLAGS = with(STARTUP_FLAGS,
            "-XX:AOTCache=" + Path.of("target/jruby.aot").toAbsolutePath(), "-Xlog:aot=off");
    /**
     * Every process a test starts carries this variable, and so do its children: after it exits, a
     * process that still has it was left running (its children belong to init by then).
     */
    static final String TAG = "RUBY_TO_JAVA_TEST_RUN=" + UUID.randomUUID();

    record Result(int exitCode, String stdout, String stderr) {}

    static List<String> with(List<String> list, String... more) {
        List<String> all = new ArrayList<>(list);
        all.addAll(List.of(more));
        return all;
    }

    /** java ARGS in workDir. */
    static Result java(Path workDir, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(args);
        return run(workDir, Map.of(), command);
    }

    /** The Makefile's $(JRUBY) ARGS, in workDir. */
    static Result jruby(Path workDir, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(JAVA_FLAGS);
        command.addAll(LESSON_FLAGS);
        command.addAll(List.of("-cp", CLASSPATH, "org.jruby.main.Main", "--disable-gems"));
        command.addAll(List.of(args));
        return run(workDir, environment, command);
    }

    /** CRUBY ARGS in workDir, with JAVA_HOME at the tests' JDK (the environment may change it). */
    static Result cruby(Path workDir, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CRUBY));
        command.addAll(List.of(args));
        Map<String, String> withJdk = new HashMap<>(Map.of("JAVA_HOME", JDK));
        withJdk.putAll(environment);
        return run(workDir, withJdk, command);
    }

    /** make -s TARGET... in this folder, on the build Maven is testing; it must succeed. Its stdout, then its stderr. */
    static String make(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("make", "-s", "--no-print-directory", "-o", "target/packaged.stamp", "-o", "target/jruby.aot"));
        command.addAll(List.of(args));
        Map<String, String> environment = new HashMap<>(Map.of("JAVA_HOME", JDK));
        List.of("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES").forEach(name -> environment.put(name, null));
        Result result = run(Path.of("").toAbsolutePath(), environment, command);
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        return result.stdout() + result.stderr();
    }

    /** A process builder for COMMAND in workDir, tagged; a null value in the environment removes the variable. */
    static ProcessBuilder builder(Path workDir, Map<String, String> environment, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS"); // it would make the JVM print a line
        environment.forEach((name, value) -> {
            if (value == null) builder.environment().remove(name);
            else builder.environment().put(name, value);
        });
        String[] tag = TAG.split("=", 2);
        builder.environment().put(tag[0], tag[1]);
        return builder;
    }

    static Result run(Path workDir, Map<String, String> environment, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("stdout", ".txt");
        Path err = Files.createTempFile("stderr", ".txt");
        Process process = builder(workDir, environment, command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        process.destroyForcibly().waitFor();
        Result result = new Result(process.exitValue(), read(out), read(err));
        Files.delete(out);
        Files.delete(err);
        assertTrue(finished, "did not finish in 120 s: " + command);
        assertNothingLeftRunning(command);
        try (var files = Files.list(workDir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("hs_err_pid")), "the JVM crashed");
        }
        return result;
    }

    /** A file's text, with any bytes that are not UTF-8 replaced (a garbled string must not stop the test). */
    static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    /** Fails, after killing them, if processes that a test started are still running. */
    static void assertNothingLeftRunning(Object what) {
        List<ProcessHandle> left = ProcessHandle.allProcesses().filter(Programs::isTagged).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        assertEquals(List.of(), left.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList(),
                "processes left running by " + what);
    }

    private static boolean isTagged(ProcessHandle process) {
        try {
            byte[] environ = Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "environ"));
            return ("\0" + new String(environ, StandardCharsets.ISO_8859_1)).contains("\0" + TAG + "\0");
        } catch (IOException | SecurityException e) {
            return false; // gone, or not ours to read
        }
    }

    /** Skips the test without PART, but fails under CI=true, where nothing may skip. */
    static void assumeOrFailUnderCi(boolean present, String why) {
        if (!present && "true".equals(System.getenv("CI"))) fail(why + " (CI=true: nothing may skip)");
        assumeTrue(present, why);
    }

    /** The lines of expected-output.txt from the line `title` up to the next line that starts a section. */
    static String expectedSection(String title) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("expected-output.txt"), StandardCharsets.UTF_8);
        int start = lines.indexOf(title);
        assertTrue(start >= 0, "no section " + title + " in expected-output.txt");
        StringBuilder section = new StringBuilder(title).append('\n');
        for (int i = start + 1; i < lines.size() && lines.get(i).startsWith(" "); i++) {
            section.append(lines.get(i)).append('\n');
        }
        return section.toString();
    }
}
