package rusttojava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rusttojava.Programs.Result;

/** Rust calling Java through upcall stubs: in this JVM, and the programs as processes. */
class UpcallsTest {
    private static final String TITLE = "Rust calls Java through function pointers (FFM upcalls)";

    private static final MemorySegment DOUBLE_INPUT = Upcalls.upcall(Upcalls.DOUBLE_INPUT, Arena.global());

    @TempDir
    Path elsewhere;

    @ParameterizedTest
    @ValueSource(ints = {4, 0, -7, 1_073_741_823, -1_073_741_824})
    void rustCallsJavaAndGetsItsResult(int input) {
        assertEquals(input * 2, RustCalls.apply(DOUBLE_INPUT, input));
        assertEquals(input * 2, RustCalls.apply(RustCalls.RUST_DOUBLE_INPUT, input)); // a Rust function pointer
    }

    @Test
    void rustCallsJavaOnEachValue() {
        assertArrayEquals(new int[] {2, 4, 6, -10}, Upcalls.applyToEach(new int[] {1, 2, 3, -5}, DOUBLE_INPUT));
        assertArrayEquals(new int[0], Upcalls.applyToEach(new int[0], DOUBLE_INPUT));
    }

    @Test
    void aNullFunctionPointerIsCheckedNotCalled() {
        assertEquals(0, RustCalls.apply(MemorySegment.NULL, 4));
        assertArrayEquals(new int[] {1, 2}, Upcalls.applyToEach(new int[] {1, 2}, MemorySegment.NULL));
    }

    @ParameterizedTest
    @ValueSource(ints = {1_073_741_824, 2_000_000_000, Integer.MIN_VALUE})
    void aJavaExceptionInTheGuardedUpcallComesBackAsItself(int input) {
        GuardedUpcall guarded = new GuardedUpcall(Doubler::doubleInput, Arena.global());
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> guarded.call(pointer -> RustCalls.apply(pointer, input)));
        assertEquals("integer overflow", e.getMessage());
        assertEquals(42, guarded.call(pointer -> RustCalls.apply(pointer, 21))); // nothing is left over from the last one
    }

    @Test
    void anErrorInTheGuardedUpcallComesBackAsItselfAndTheJvmGoesOn() {
        // A real StackOverflowError, thrown inside the upcall (an unguarded one would end this JVM).
        GuardedUpcall deep = new GuardedUpcall(UpcallsTest::recurse, Arena.global());
        assertThrows(StackOverflowError.class, () -> deep.call(pointer -> RustCalls.apply(pointer, 1)));
        GuardedUpcall tooLarge = new GuardedUpcall(value -> new long[Integer.MAX_VALUE + value].length, Arena.global());
        OutOfMemoryError e = assertThrows(OutOfMemoryError.class, () -> tooLarge.call(pointer -> RustCalls.apply(pointer, 0)));
        assertEquals("Requested array size exceeds VM limit", e.getMessage());
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @Test
    void whatOneCallCaughtIsThrownOnceAndNeverByALaterCall() {
        // apply_to_each calls Java once per value: the first failure is kept, the other values still done.
        GuardedUpcall guarded = new GuardedUpcall(Doubler::doubleInput, Arena.global());
        int[] values = {1, Integer.MAX_VALUE, 3};
        assertThrows(ArithmeticException.class, () -> guarded.call(pointer -> Upcalls.applyToEach(values, pointer)[0]));
        assertEquals(8, guarded.call(pointer -> RustCalls.apply(pointer, 4)));
        assertArrayEquals(new int[] {2, 6}, Upcalls.applyToEach(new int[] {1, 3}, DOUBLE_INPUT));
        assertEquals(42, guarded.call(pointer -> RustCalls.apply(pointer, 21)));
    }

    @Test
    void upcallsPrintsItsLessonAndNothingElse() throws Exception {
        Result result = Programs.java(elsewhere, Programs.flags(Programs.RELEASE), "rusttojava.Upcalls");
        assertEquals("", result.stderr());
        assertEquals(0, result.exitCode());
        assertEquals(Programs.expectedSection(TITLE), result.stdout());
    }

    @Test
    void aMissingLibraryIsOneLineWithTheFix() throws Exception {
        Result result = Programs.java(elsewhere, Programs.flags(elsewhere), "rusttojava.Upcalls");
        assertEquals(1, result.exitCode());
        assertEquals(TITLE + "\n", result.stdout());
        assertEquals("error: librustcalls.so could not be loaded from -Djava.library.path=" + elsewhere + ": build it with `make` in"
                + " rust-to-java/ (cargo puts it in target/cargo/release/) and pass that folder\n", result.stderr());
    }

    @Test
    void anExceptionEscapingAnUnguardedUpcallEndsTheJvm() throws Exception {
        Result result = Programs.java(elsewhere, Programs.flags(Programs.RELEASE), "rusttojava.UnguardedUpcall", "2000000000");
        assertEquals(1, result.exitCode());
        assertEquals("", result.stdout()); // neither a result nor a catchable exception
        assertTrue(result.stderr().startsWith("java.lang.ArithmeticException: integer overflow\n"), result.stderr());
        assertTrue(result.stderr().endsWith("Unrecoverable uncaught exception encountered. The VM will now exit\n"), result.stderr());
    }

    @Test
    void withoutEnableNativeAccessJdk25Warns() throws Exception {
        Result result = Programs.java(elsewhere, List.of("-Djava.library.path=" + Programs.RELEASE), "rusttojava.Upcalls");
        assertEquals(0, result.exitCode());
        assertTrue(result.stderr().startsWith("WARNING: A restricted method in java.lang.foreign.Linker has been called"), result.stderr());
        assertTrue(result.stderr().contains("Use --enable-native-access=ALL-UNNAMED"), result.stderr());
    }

    @Test
    void aWrongJdkStopsTheBuildWithTheVersionsAndTheFix() throws Exception {
        Optional<Programs.Jdk> older = Programs.olderJdk(25);
        assumeTrue(older.isPresent(), "no JDK older than 25 here to try");
        Path home = older.get().home();
        Result result = Programs.make(elsewhere, Map.of(), "run", "JAVA_HOME=" + home);
        assertEquals(2, result.exitCode());
        // One line: make's prefix, then find-jdk.sh's reason and the fix.
        assertEquals(1, result.stderr().lines().count(), result.stderr());
        assertTrue(result.stderr().contains("*** error: JAVA_HOME=" + home + " is JDK " + older.get().version()
                + ", but JDK 25 is needed. Install a JDK 25 or newer"), result.stderr());
    }

    @Test
    void withoutAWorkingBindgenTheFolderIsSkippedWithTheDebianPackages() throws Exception {
        Path bin = Files.createDirectory(elsewhere.resolve("bin"));
        Path bindgen = Files.writeString(bin.resolve("bindgen"), "#!/bin/sh\nexit 1\n"); // a bindgen that fails
        assertTrue(bindgen.toFile().setExecutable(true));
        Map<String, String> noBindgen = Map.of("PATH", bin + ":" + System.getenv("PATH"), "NO_INSTALL", "1",
                "JAVA_HOME", Programs.JDK);
        Result result = Programs.make(elsewhere, noBindgen, "all");
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("SKIP: rust-to-java: not installed, and NO_INSTALL=1 says not to install it;"
                + " to install it: apt-get install -y bindgen clang\n", result.stdout());
    }

    @Test
    void withoutCargoTheFolderIsSkippedWithTheFixAndUnderCiItFails() throws Exception {
        assumeTrue(!Files.exists(Path.of("/usr/bin/cargo")) && !Files.exists(Path.of("/bin/cargo")), "this machine has a cargo on /usr/bin:/bin");
        Map<String, String> noRust = Map.of("PATH", "/usr/bin:/bin", "HOME", elsewhere.toString(), "JAVA_HOME", Programs.JDK);
        Result result = Programs.make(elsewhere, noRust, "all");
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("SKIP: rust-to-java: cargo is neither on the PATH nor in ~/.cargo/bin; to install it:"
                + " curl -sSf https://sh.rustup.rs | sh -s -- -y\n", result.stdout());
        Result underCi = Programs.make(elsewhere, Map.of("PATH", "/usr/bin:/bin", "HOME", elsewhere.toString(),
                "CI", "true", "JAVA_HOME", Programs.JDK), "all");
        assertEquals(2, underCi.exitCode());
        assertFalse(underCi.stdout().isEmpty());
        assertTrue(underCi.stderr().startsWith("CI=true: a skipped example counts as a failure\n"), underCi.stderr());
    }

    @Test
    void deniedNativeAccessIsOneClearLine() throws Exception {
        Result result = Programs.java(elsewhere, List.of("--illegal-native-access=deny",
                "-Djava.library.path=" + Programs.RELEASE), "rusttojava.Upcalls");
        assertEquals(1, result.exitCode());
        assertEquals("", result.stdout());
        assertTrue(result.stderr().matches("error: Illegal native access from an unnamed module \\(.*\\): "
                + "run java with --enable-native-access=ALL-UNNAMED\n"), result.stderr());
    }
}
