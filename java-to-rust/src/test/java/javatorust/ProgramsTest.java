package javatorust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The programs as a user runs them: a plain `java` command, and `make`, as processes. */
class ProgramsTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Path RUST_LIB = Path.of("target/cargo/release").toAbsolutePath();
    private static final String CLASSES = Path.of("target/classes").toAbsolutePath() + ":" + Path.of("target/test-classes").toAbsolutePath();
    private static final Path FOLDER = Path.of("").toAbsolutePath();

    @TempDir
    Path elsewhere;

    record Result(int exitCode, String stdout, String stderr) {}

    static Result run(Path workDir, Map<String, String> environment, List<String> command) throws Exception {
        Path out = Files.createTempFile("stdout", ".txt");
        Path err = Files.createTempFile("stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        for (String name : List.of("JAVA_TOOL_OPTIONS", "RUST_BACKTRACE", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "CI")) {
            builder.environment().remove(name);
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

    Result java(List<String> flags, String mainClass, String... args) throws Exception {
        return java(Map.of(), flags, mainClass, args);
    }

    Result java(Map<String, String> environment, List<String> flags, String mainClass, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(flags);
        command.addAll(List.of("-cp", CLASSES, mainClass));
        command.addAll(List.of(args));
        return run(elsewhere, environment, command);
    }

    static List<String> flags(Path libraryFolder) {
        return List.of("--enable-native-access=ALL-UNNAMED", "-Djava.library.path=" + libraryFolder, "-Dstdout.encoding=UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"C.UTF-8", "C"})
    void mainPrintsTheLessonAndNothingElseInAnyLocale(String locale) throws Exception {
        // LC_ALL=C: an ASCII locale; the text Main sends Rust ("Grüße, Ferris 🦀") still goes and comes back as UTF-8.
        Result result = java(Map.of("LC_ALL", locale), flags(RUST_LIB), "javatorust.Main");
        assertEquals("", result.stderr());
        assertEquals(0, result.exitCode());
        assertEquals(Files.readString(Path.of("expected-output.txt")), result.stdout());
    }

    @Test
    void aMissingLibraryIsOneLineThatSaysWhereItLookedAndTheFix() throws Exception {
        Result result = java(flags(elsewhere), "javatorust.Main");
        assertEquals(1, result.exitCode());
        assertEquals("Java calls Rust through the FFM API (librustlib.so, a Rust cdylib)\n", result.stdout());
        assertEquals("error: librustlib.so could not be loaded from -Djava.library.path=" + elsewhere + ": build it with `make` in"
                + " java-to-rust/ (cargo puts it in target/cargo/release/) and pass that folder\n", result.stderr());
    }

    @Test
    void withoutEnableNativeAccessJdk25Warns() throws Exception {
        Result result = java(List.of("-Djava.library.path=" + RUST_LIB), "javatorust.Main");
        assertEquals(0, result.exitCode());
        assertTrue(result.stderr().startsWith("WARNING: A restricted method in java.lang.System has been called"), result.stderr());
        assertTrue(result.stderr().contains("Use --enable-native-access=ALL-UNNAMED"), result.stderr());
    }

    @Test
    void underTheFutureDefaultLoadingTheLibraryIsRefused() throws Exception {
        Result result = java(List.of("--illegal-native-access=deny", "-Djava.library.path=" + RUST_LIB), "javatorust.Main");
        assertEquals(1, result.exitCode());
        assertTrue(result.stderr().startsWith("error: Illegal native access from an unnamed module"), result.stderr());
        assertTrue(result.stderr().endsWith(": run java with --enable-native-access=ALL-UNNAMED\n"), result.stderr());
        assertEquals(1, result.stderr().lines().count(), result.stderr());
    }

    @Test
    void aPanicWithoutTheGuardAbortsTheWholeJvm() throws Exception {
        Result survived = java(flags(RUST_LIB), "javatorust.Unguarded", "21");
        assertEquals("unguarded_double(21) = 42\n", survived.stdout());

        Result result = java(flags(RUST_LIB), "javatorust.Unguarded", "2000000000");
        assertEquals(134, result.exitCode()); // 128 + SIGABRT: Rust called abort()
        assertEquals("", result.stdout()); // Java never got a result, nor an exception
        assertTrue(result.stderr().contains("attempt to multiply with overflow"), result.stderr());
        assertTrue(result.stderr().contains("panic in a function that cannot unwind"), result.stderr());
        assertTrue(result.stderr().contains("thread caused non-unwinding panic. aborting."), result.stderr());
    }

    Result make(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("make", "--no-print-directory", "-C", FOLDER.toString()));
        command.addAll(List.of(args));
        return run(elsewhere, environment, command);
    }

    @Test
    void aWrongJdkStopsTheBuildWithTheVersionsAndTheFix() throws Exception {
        Result result = make(Map.of(), "run", "JAVA_HOME=" + elsewhere);
        assertEquals(2, result.exitCode());
        // One line: make's prefix, then find-jdk.sh's reason and the fix.
        assertEquals(1, result.stderr().lines().count(), result.stderr());
        assertTrue(result.stderr().contains("*** error: JAVA_HOME=" + elsewhere + " is not a JDK (no bin/javac or release file)."
                + " Install a JDK 25 or newer"), result.stderr());
        // A JDK 17 as find-jdk.sh sees one: a release file and bin/javac (no real JDK 17 needed).
        Path jdk17 = elsewhere.resolve("jdk-17");
        Files.createDirectories(jdk17.resolve("bin"));
        Files.writeString(jdk17.resolve("bin/javac"), "#!/bin/sh\n");
        jdk17.resolve("bin/javac").toFile().setExecutable(true);
        Files.writeString(jdk17.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        result = make(Map.of(), "run", "JAVA_HOME=" + jdk17);
        assertEquals(2, result.exitCode());
        assertEquals(1, result.stderr().lines().count(), result.stderr());
        assertTrue(result.stderr().contains("*** error: JAVA_HOME=" + jdk17 + " is JDK 17, but JDK 25 is needed."), result.stderr());
    }

    /** A PATH with every command of /usr/bin but cargo, and a HOME without ~/.cargo: a machine without Rust. */
    Map<String, String> withoutRust(Path bin, String... more) throws Exception {
        if (!Files.exists(bin.resolve("sh"))) {
            try (var commands = Files.list(Path.of("/usr/bin"))) {
                for (Path command : commands.filter(c -> !c.getFileName().toString().equals("cargo")).toList()) {
                    Files.createSymbolicLink(bin.resolve(command.getFileName()), command);
                }
            }
        }
        Map<String, String> environment = new java.util.HashMap<>(Map.of("PATH", bin.toString(), "HOME",
                elsewhere.toString(), "JAVA_HOME", System.getProperty("java.home")));
        for (int i = 0; i < more.length; i += 2) {
            environment.put(more[i], more[i + 1]);
        }
        return environment;
    }

    @Test
    void withoutCargoTheFolderIsSkippedWithTheFixAndUnderCiItFails() throws Exception {
        Path bin = Files.createTempDirectory("no-cargo"); // not in @TempDir, which warns on every link it deletes
        try {
            withoutCargo(bin);
        } finally {
            try (var links = Files.list(bin)) {
                for (Path link : links.toList()) {
                    Files.delete(link);
                }
            }
            Files.delete(bin);
        }
    }

    void withoutCargo(Path bin) throws Exception {
        Result result = make(withoutRust(bin), "all");
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("SKIP: java-to-rust: cargo is neither on the PATH nor in ~/.cargo/bin; to install it:"
                + " curl -sSf https://sh.rustup.rs | sh -s -- -y\n", result.stdout());
        Result underCi = make(withoutRust(bin, "CI", "true"), "all");
        assertEquals(2, underCi.exitCode());
        assertFalse(underCi.stdout().isEmpty());
        assertEquals("CI=true: a skipped example counts as a failure\n", underCi.stderr().lines().findFirst().orElseThrow() + "\n");
    }
}
