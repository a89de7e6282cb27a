package rusttojava;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts the example's programs as a user would, and collects what they print. */
final class Programs {
    private Programs() {}

    static final Path FOLDER = Path.of("").toAbsolutePath();
    static final Path RELEASE = Path.of("target/cargo/release").toAbsolutePath();
    static final Path EMBED = RELEASE.resolve("embed");
    static final String JDK = System.getProperty("java.home");
    static final String CLASSES = Path.of("target/classes").toAbsolutePath() + ":" + Path.of("target/test-classes").toAbsolutePath();

    record Result(int exitCode, String stdout, String stderr) {}

    static Result run(Path workDir, Map<String, String> environment, List<String> command) throws Exception {
        Path out = Files.createTempFile("stdout", ".txt");
        Path err = Files.createTempFile("stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        for (String name : List.of("LD_LIBRARY_PATH", "JAVA_TOOL_OPTIONS", "RUST_BACKTRACE", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "CI")) {
            builder.environment().remove(name); // the programs must not need them, nor print because of them
        }
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

    static Result embed(Path workDir, Map<String, String> environment, String... args) throws Exception {
        assertTrue(Files.isExecutable(EMBED), EMBED + " is missing: build it with `make` first");
        List<String> command = new ArrayList<>(List.of(EMBED.toString()));
        command.addAll(List.of(args));
        return run(workDir, environment, command);
    }

    static Result java(Path workDir, List<String> flags, String mainClass, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(JDK, "bin", "java").toString()));
        command.addAll(flags);
        command.addAll(List.of("-cp", CLASSES, mainClass));
        command.addAll(List.of(args));
        return run(workDir, Map.of(), command);
    }

    static List<String> flags(Path libraryFolder) {
        return List.of("--enable-native-access=ALL-UNNAMED", "-Djava.library.path=" + libraryFolder);
    }

    static Result make(Path workDir, Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("make", "--no-print-directory", "-C", FOLDER.toString()));
        command.addAll(List.of(args));
        return run(workDir, environment, command);
    }

    /** The lines of expected-output.txt from the line `title` to the next line that is not indented. */
    static String expectedSection(String title) throws Exception {
        StringBuilder section = new StringBuilder();
        boolean in = false;
        for (String line : Files.readAllLines(Path.of("expected-output.txt"))) {
            if (line.equals(title)) {
                in = true;
            } else if (in && !line.startsWith(" ")) {
                break;
            }
            if (in) {
                section.append(line).append('\n');
            }
        }
        assertFalse(section.isEmpty(), "no section " + title + " in expected-output.txt");
        return section.toString();
    }

    /** -Xcheck:jni prints its complaints as "WARNING in native method: ..." or "FATAL ERROR in native method: ...". */
    static void assertNoCheckJniComplaint(Result result) {
        for (String stream : List.of(result.stdout(), result.stderr())) {
            assertFalse(stream.contains("in native method"), "-Xcheck:jni complained:\n" + stream);
            assertFalse(stream.contains("WARNING"), "a warning:\n" + stream);
        }
    }
}
