package rusttojava;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;

/** Starts the example's programs as a user would, and collects what they print. */
final class Programs {
    private Programs() {}

    static final Path FOLDER = Path.of("").toAbsolutePath();
    static final Path RELEASE = Path.of("target/cargo/release").toAbsolutePath();
    static final Path EMBED = RELEASE.resolve("embed");
    static final String JDK = System.getProperty("java.home");
    static final String CLASSES = Path.of("target/classes").toAbsolutePath() + ":" + Path.of("target/test-classes").toAbsolutePath();

    record Result(int exitCode, String stdout, String stderr) {}

    record Jdk(Path home, int version) {}

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
        // Every program here ends within seconds (make with a build: a minute): one still running after
        // five minutes (room for a loaded machine) hangs. It is killed, and the test fails saying so.
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            fail("killed after 300 s: it did not finish: " + command);
        }
        // As UTF-8, a byte that is not UTF-8 shown as U+FFFD (a test shows it, not a decoding error).
        Result result = new Result(process.exitValue(), new String(Files.readAllBytes(out), UTF_8),
                new String(Files.readAllBytes(err), UTF_8));
        Files.delete(out);
        Files.delete(err);
        try (var files = Files.list(workDir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("hs_err_pid")), "the JVM crashed");
        }
        // -Xcheck:jni (on in every JVM started here) prints each misuse of JNI on stdout: none may.
        for (String complaint : List.of("in native method:", "WARNING: JNI local refs")) {
            assertFalse(result.stdout().contains(complaint), "-Xcheck:jni complained:\n" + result.stdout());
        }
        return result;
    }

    /** embed, under -Xcheck:jni. */
    static Result embed(Path workDir, Map<String, String> environment, String... args) throws Exception {
        assertTrue(Files.isExecutable(EMBED), EMBED + " is missing: build it with `make` first");
        List<String> command = new ArrayList<>(List.of(EMBED.toString(), "-J-Xcheck:jni"));
        command.addAll(List.of(args));
        return run(workDir, environment, command);
    }

    /** A Java program, under -Xcheck:jni. */
    static Result java(Path workDir, List<String> flags, String mainClass, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(JDK, "bin", "java").toString(), "-Xcheck:jni"));
        command.addAll(flags);
        command.addAll(List.of("-cp", CLASSES, mainClass));
        command.addAll(List.of(args));
        return run(workDir, Map.of(), command);
    }

    /** Compiles one Java source (a class of package rusttojava) into classes/, for embed to find instead of ours. */
    static Path compileJava(Path classes, String source) throws Exception {
        Path file = Files.createDirectories(classes.resolveSibling("src")).resolve("Doubler.java");
        Files.writeString(file, source);
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-encoding", "UTF-8", "-d", classes.toString(), file.toString());
        assertEquals(0, status, "javac failed on " + source);
        return classes;
    }

    /**
     * A JDK older than `version`, looked for where find-jdk.sh looks (the java on the PATH, /usr/lib/jvm,
     * /Library/Java/JavaVirtualMachines, ~/.sdkman), by the `release` file of each; empty if there is none.
     */
    static Optional<Jdk> olderJdk(int version) throws Exception {
        List<Path> homes = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path java = Path.of(dir, "java");
            if (Files.isExecutable(java)) homes.add(java.toRealPath().getParent().getParent());
        }
        for (String folder : List.of("/usr/lib/jvm", "/Library/Java/JavaVirtualMachines", System.getProperty("user.home") + "/.sdkman/candidates/java")) {
            if (!Files.isDirectory(Path.of(folder))) continue;
            try (var list = Files.list(Path.of(folder))) {
                list.map(home -> Files.isDirectory(home.resolve("Contents/Home")) ? home.resolve("Contents/Home") : home).forEach(homes::add);
            }
        }
        for (Path home : homes) {
            Path release = home.resolve("release");
            if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/javac"))) continue;
            Matcher major = Pattern.compile("JAVA_VERSION=\"(?:1\\.)?(\\d+)").matcher(Files.readString(release));
            if (major.find() && Integer.parseInt(major.group(1)) < version) return Optional.of(new Jdk(home, Integer.parseInt(major.group(1))));
        }
        return Optional.empty();
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

    /** No JVM or JDK warning (e.g. about restricted methods) on either stream. */
    static void assertNoWarning(Result result) {
        for (String stream : List.of(result.stdout(), result.stderr())) {
            assertFalse(stream.contains("WARNING"), "a warning:\n" + stream);
        }
    }
}
