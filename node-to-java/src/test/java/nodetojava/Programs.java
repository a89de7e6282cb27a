package nodetojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts the example's programs as a user would (java, node, the playground), and collects what they print. */
final class Programs {
    private Programs() {}

    static final Path HERE = Path.of("").toAbsolutePath();
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    static final List<String> JAVA_FLAGS = List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");
    static final List<String> COMPILER = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
            "--upgrade-module-path=target/compiler");
    /** What `make run` uses (the Makefile's FAST_FLAGS and the AOT cache that `make` trains). */
    static final Path AOT_CACHE = Path.of("target/graaljs.aot");
    static final List<String> LESSON = List.of("-Dpolyglot.engine.WarnInterpreterOnly=false", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-XX:AOTCache=" + AOT_CACHE, "-Xlog:aot=off");
    static final List<String> CLASSPATH = List.of("-cp", "target/node-to-java.jar:target/lib/*:target/deps/*");
    /** How long any program may take before the test calls it hung: a hang guard, far above any run's time, not a timing check. */
    static final long HANG_SECONDS = 300;

    record Result(int exitCode, String stdout, String stderr) {}

    /** Runs a command in this folder. */
    static Result run(List<String> command) throws IOException, InterruptedException {
        return run(HERE, Map.of(), command);
    }

    /**
     * Runs a command in {@code workDir} with changes to the environment ({@code null}: remove the
     * variable), waits for it to end by itself, and checks that no JVM crashed there.
     */
    static Result run(Path workDir, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("stdout", ".txt");
        Path err = Files.createTempFile("stderr", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().remove("JAVA_TOOL_OPTIONS"); // it would make the JVM print a line
            env.forEach((name, value) -> {
                if (value == null) {
                    builder.environment().remove(name);
                } else {
                    builder.environment().put(name, value);
                }
            });
            Process process = builder.start();
            if (!process.waitFor(HANG_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("did not end by itself within " + HANG_SECONDS + " s: " + command);
            }
            assertNoCrashLog(workDir);
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    static void assertNoCrashLog(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("hs_err_pid")).toList(), "a JVM crashed");
        }
    }

    /** java [flags] -cp ... mainClass args */
    static List<String> java(List<String> runtime, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(JAVA_FLAGS);
        command.addAll(runtime);
        command.addAll(CLASSPATH);
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    /** The playground on a script file, as `make run SCRIPT=...` starts it, with extra JVM options (-Dplayground.*=N). */
    static Result playground(Path script, String... options) throws IOException, InterruptedException {
        return playground(Map.of(), script, options);
    }

    static Result playground(Map<String, String> env, Path script, String... options) throws IOException, InterruptedException {
        List<String> runtime = new ArrayList<>(LESSON);
        runtime.addAll(List.of(options));
        return run(HERE, env, java(runtime, "nodetojava.Playground", script.toString()));
    }

    /** `node script` in the script's folder, JAVA_HOME unset unless env sets it; node must end by itself. */
    static Result node(Path script, Map<String, String> env) throws IOException, InterruptedException {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putIfAbsent("JAVA_HOME", null);
        return run(script.getParent(), all, List.of("node", script.toString()));
    }

    /** The part of expected-output.txt from the line that starts with {@code from} up to the one that starts with {@code to} (or the end). */
    static String expected(String from, String to) throws IOException {
        String all = Files.readString(HERE.resolve("expected-output.txt"));
        int start = all.indexOf(from);
        int end = to == null ? all.length() : all.indexOf(to);
        assertTrue(start >= 0 && end >= start, "expected-output.txt has no part " + from);
        return all.substring(start, end);
    }

    /** The GraalJS lesson's part of expected-output.txt. */
    static String expectedGraalJs() throws IOException {
        return expected("CommonJS:", "In your own project (GraalJS):");
    }

    /** The Node.js lesson's part. */
    static String expectedNode() throws IOException {
        return expected("Node.js:", "In your own project (Node.js):");
    }
}
