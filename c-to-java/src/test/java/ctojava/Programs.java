package ctojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** One of the C programs in target/bin, started in workDir with no LD_LIBRARY_PATH. */
    static Result c(Path workDir, String program, String... args) throws IOException, InterruptedException {
        return c(workDir, BIN.resolve(program), args);
    }

    static Result c(Path workDir, Path executable, String... args) throws IOException, InterruptedException {
        return c(workDir, Map.of(), executable, args);
    }

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
        assertEquals(0, cc.waitFor(), "cc failed: " + command);
        return executable;
    }

    /** A Java program of this example, with the flags the Makefile uses (and any extra ones). */
    static Result java(Path workDir, List<String> jvmFlags, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA));
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
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the program did not finish: " + command);
        Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        try (var files = Files.list(workDir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("hs_err_pid")), "the JVM crashed");
        }
        return result;
    }

    /** -Xcheck:jni prints its complaints on stdout, as "WARNING in native method: ..." or "FATAL ERROR in native method: ...". */
    static void assertNoCheckJniComplaint(Result result) {
        for (String stream : List.of(result.stdout(), result.stderr())) {
            assertFalse(stream.contains("in native method:"), "-Xcheck:jni complained:\n" + stream);
            assertFalse(stream.contains("WARNING"), "a warning:\n" + stream);
        }
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
