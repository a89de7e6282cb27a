package pythontojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.graalvm.polyglot.Source;

/**
 * What a script in {@link PythonSandbox} cannot do: reach java.lang.Runtime (or any class the
 * example did not export), the file system, the network, processes, native code. Each test
 * checks that the attempt fails AND that its effect did not happen.
 */
class SandboxTest {
    private Context context;

    @BeforeEach
    void start() {
        context = PythonSandbox.newContext();
        context.eval("python", "import java\nCalculator = java.type('pythontojava.Calculator')");
    }

    @AfterEach
    void stop() {
        context.close();
        theHostStillWorks();
    }

    /** After every test, whatever a script did: a new sandbox in this JVM runs a normal script, and no watchdog is left. */
    private static void theHostStillWorks() {
        try (PythonSandbox next = new PythonSandbox(SandboxLimits.fromSystemProperties().withTime(Duration.ofSeconds(60)),
                OutputStream.nullOutputStream(), OutputStream.nullOutputStream())) {
            assertEquals(42, next.eval("import java\njava.type('pythontojava.Calculator').multiply(6, 7)").asInt());
        }
        assertFalse(watchdogRunning(), "no watchdog thread is left behind");
    }

    private static boolean watchdogRunning() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("python-watchdog"));
    }

    private PolyglotException denied(String code) {
        return assertThrows(PolyglotException.class, () -> context.eval("python", code));
    }

    @Test
    void theExportedApiWorks() {
        assertEquals(8, context.eval("python", "Calculator.multiply(4, 2)").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.lang.Runtime", "java.lang.ProcessBuilder", "java.lang.System",
            "java.io.File", "java.nio.file.Files", "java.net.Socket", "java.lang.Class"})
    void noOtherJavaClassCanBeLookedUp(String className) {
        PolyglotException e = denied("java.type('" + className + "')");
        assertTrue(e.getMessage().contains("access has been denied"), e.getMessage());
    }

    @Test
    void theExportedClassesDoNotLeadToReflection() {
        // getClass() would lead to Class.forName and from there to Runtime: it is not exported.
        assertTrue(denied("Calculator.getClass()").getMessage().startsWith("AttributeError"));
        assertTrue(denied("Calculator.squares(1).getClass()").getMessage().startsWith("AttributeError"));
        assertTrue(denied("Calculator.squares(1).add(5)").getMessage().startsWith("AttributeError"));
    }

    @Test
    void aFileCannotBeRead(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "the secret");
        PolyglotException e = denied("open(" + quoted(secret) + ").read()");
        assertTrue(e.getMessage().startsWith("PermissionError"), e.getMessage());
        assertTrue(denied("import os; os.listdir(" + quoted(dir) + ")").getMessage().startsWith("PermissionError"));
    }

    @Test
    void aFileCannotBeWritten(@TempDir Path dir) {
        Path target = dir.resolve("written.txt");
        denied("open(" + quoted(target) + ", 'w').write('x')");
        assertFalse(Files.exists(target));
    }

    @Test
    void theNetworkCannotBeReached() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            denied("import socket; socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(('127.0.0.1', "
                    + server.getLocalPort() + "))");
            denied("import urllib.request; urllib.request.urlopen('http://127.0.0.1:" + server.getLocalPort() + "/')");
            server.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, server::accept, "nobody connected");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"import os; os.system('touch %s')",
            "import subprocess; subprocess.run(['touch', '%s'])"})
    void noProcessCanBeStarted(String code, @TempDir Path dir) {
        Path marker = dir.resolve("marker");
        denied(code.formatted(marker));
        assertFalse(Files.exists(marker), "the process ran");
    }

    @Test
    void noNativeCodeNoThreadsNoEnvironment() {
        denied("import ctypes; ctypes.CDLL(None)");
        denied("import threading; threading.Thread(target=print).start()");
        assertFalse(context.eval("python", "import os; 'PATH' in os.environ").asBoolean());
    }

    // --- the limits: time, output, heap ---

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private static final long MB = SandboxLimits.MB;

    private PythonSandbox limited(SandboxLimits limits) {
        return new PythonSandbox(limits, out, out);
    }

    @Test
    void aRunawayScriptIsStoppedAndItsContextClosed() {
        try (PythonSandbox sandbox = limited(new SandboxLimits(Duration.ofSeconds(1), MB, 512 * MB))) {
            PythonSandbox.ScriptStoppedException e = assertThrows(PythonSandbox.ScriptStoppedException.class,
                    () -> sandbox.eval(hostile("loop-forever.py")));
            assertEquals(SandboxLimits.Limit.TIME, e.limit());
            assertEquals("the script ran longer than 1 s and was stopped (a loop that never ends?); its context is closed",
                    e.getMessage());
            IllegalStateException again = assertThrows(IllegalStateException.class, () -> sandbox.eval("1 + 1"), "a stopped context stays closed");
            assertEquals("this sandbox stopped a script (TIME limit) and is closed; create a new one", again.getMessage());
        }
    }

    @Test
    void aRunawayCallbackInsideJavaIsStoppedToo() {
        try (PythonSandbox sandbox = limited(new SandboxLimits(Duration.ofSeconds(1), MB, 512 * MB))) {
            assertEquals(SandboxLimits.Limit.TIME, assertThrows(PythonSandbox.ScriptStoppedException.class, () -> sandbox.eval("""
                    import java
                    def forever(a, b):
                        while True:
                            pass
                    java.type('pythontojava.Calculator').reduce([1, 2], forever)
                    """)).limit());
        }
    }

    @Test
    void aScriptThatPrintsForeverIsStoppedOnceItPassesTheOutputLimit() {
        try (PythonSandbox sandbox = limited(new SandboxLimits(Duration.ofSeconds(300), 10 * 1024, 512 * MB))) {
            PythonSandbox.ScriptStoppedException e = assertThrows(PythonSandbox.ScriptStoppedException.class,
                    () -> sandbox.eval("i = 0\nwhile True:\n    print('line', i)\n    i += 1"));
            assertEquals(SandboxLimits.Limit.OUTPUT, e.limit());
            assertEquals("the script printed more than 10 KB and was stopped (a print loop that never ends?); its context is closed",
                    e.getMessage());
        }
        String printed = out.toString();
        assertTrue(printed.startsWith("line 0\nline 1\n"), printed.substring(0, 20));
        assertTrue(printed.length() <= 10 * 1024 + 1, "at most the limit, and a line break: " + printed.length());
        assertTrue(printed.endsWith("\n"), "the output ends with a whole line");
    }

    @Test
    void stdoutAndStderrShareOneOutputLimit() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PythonSandbox sandbox = new PythonSandbox(new SandboxLimits(Duration.ofSeconds(300), 10 * 1024, 512 * MB), out, err)) {
            assertEquals(SandboxLimits.Limit.OUTPUT, assertThrows(PythonSandbox.ScriptStoppedException.class,
                    () -> sandbox.eval("import sys\nwhile True:\n    print('out')\n    print('err', file=sys.stderr)")).limit());
        }
        assertTrue(out.size() + err.size() <= 10 * 1024 + 1, out.size() + " + " + err.size());
        assertTrue(out.size() > 4000 && err.size() > 4000, out.size() + " + " + err.size());
    }

    @Test
    void anAllocationBombIsStoppedBecauseOfItsMemory() {
        try (PythonSandbox sandbox = limited(new SandboxLimits(Duration.ofSeconds(600), MB, 256 * MB))) {
            PythonSandbox.ScriptStoppedException e = assertThrows(PythonSandbox.ScriptStoppedException.class,
                    () -> sandbox.eval(hostile("allocate-forever.py")));
            assertEquals(SandboxLimits.Limit.MEMORY, e.limit());
            assertEquals("the script filled the heap past 256 MB and was stopped (an allocation that never ends?); its context is closed",
                    e.getMessage());
        }
    }

    @Test
    void theLimitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new SandboxLimits(Duration.ZERO, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SandboxLimits(Duration.ofSeconds(1), -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SandboxLimits(Duration.ofSeconds(1), 1, 0));
    }

    // --- the switches, checked by GraalVM's CONSTRAINED policy ---

    @Test
    void constrainedAcceptsEverySwitchButTheOneTheLessonNeeds() {
        try (Context constrained = PythonSandbox.constrainedBuilder().out(out).err(out).build()) {
            assertEquals(8, constrained.eval("python", "import java\njava.type('pythontojava.Calculator').multiply(4, 2)").asInt());
            PolyglotException list = assertThrows(PolyglotException.class,
                    () -> constrained.eval("python", "java.type('pythontojava.Calculator').total([1, 2, 3, 4])"));
            assertTrue(list.getMessage().contains("invalid instantiation of foreign object"), list.getMessage());
        }
        IllegalArgumentException stdout = assertThrows(IllegalArgumentException.class, () -> PythonSandbox.constrainedBuilder().build());
        assertTrue(stdout.getMessage().contains("the output must be redirected"), stdout.getMessage());
        IllegalArgumentException lists = assertThrows(IllegalArgumentException.class, () -> PythonSandbox.constrainedBuilder()
                .out(out).err(out).allowHostAccess(HostAccess.newBuilder(HostAccess.CONSTRAINED)
                        .allowMutableTargetMappings(HostAccess.MutableTargetMapping.ARRAY_TO_JAVA_LIST).build()).build());
        assertTrue(lists.getMessage().contains("allows host object mappings of mutable target types, but it must not be enabled"),
                lists.getMessage());
    }

    @Test
    void graalVmsOwnHeapLimitNeedsOracleGraalVm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PythonSandbox.constrainedBuilder()
                .out(out).err(out).option("sandbox.MaxHeapMemory", "256MB").build());
        assertTrue(e.getMessage().contains("require Truffle Enterprise Extensions"), e.getMessage());
    }

    // --- hostile scripts: each refused in this JVM, with a clear message ---

    static final Path HOSTILE = Path.of("src/test/resources/hostile");

    private static Source hostile(String name) {
        try {
            return Source.newBuilder("python", HOSTILE.resolve(name).toFile()).build();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            start-process.py    | PermissionError
            read-file.py        | PermissionError: [Errno 1] Operation not permitted: '/etc/passwd'
            open-socket.py      | com.oracle.graal.python.runtime.PosixSupportLibrary$UnsupportedPosixFeatureException: socket was excluded
            read-environment.py | KeyError: 'HOME'
            look-up-class.py    | KeyError: 'host symbol java.lang.Runtime is not defined or access has been denied'
            reflect.py          | AttributeError
            other-language.py   | RuntimeError: polyglot access is not allowed
            start-thread.py     | java.lang.IllegalStateException: Creating threads is not allowed.
            recurse-forever.py  | RecursionError: maximum recursion depth exceeded
            recurse-past-the-limit.py | RecursionError: maximum recursion depth exceeded
            """)
    void aHostileScriptIsRefused(String script, String message) {
        try (PythonSandbox sandbox = limited(SandboxLimits.fromSystemProperties().withTime(Duration.ofSeconds(60)))) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> sandbox.eval(hostile(script)));
            assertFalse(e.isCancelled(), e.getMessage()); // refused, not stopped (threads and sockets: as GraalPy's internal errors)
            assertTrue(e.getMessage().startsWith(message), e.getMessage());
            assertEquals(7, sandbox.eval("3 + 4").asInt(), "the same sandbox goes on");
        }
    }

    // --- the playground as a process, as `make run SCRIPT=...` runs it ---

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            loop-forever.py     | 3 | stopped: the script ran longer than 1 s and was stopped (a loop that never ends?); its context is closed; -Dplayground.seconds=N sets the limit
            print-forever.py    | 3 | stopped: the script printed more than 64 KB and was stopped (a print loop that never ends?); its context is closed; -Dplayground.output-kb=N sets the limit
            allocate-forever.py | 3 | stopped: the script filled the heap past 256 MB and was stopped (an allocation that never ends?); its context is closed; -Dplayground.heap-mb=N sets the limit
            allocate-at-once.py | 1 | error: src/test/resources/hostile/allocate-at-once.py failed: MemoryError
            read-file.py        | 1 | error: src/test/resources/hostile/read-file.py failed: PermissionError: [Errno 1] Operation not permitted: '/etc/passwd'
            """)
    void theRunnerStopsOrRefusesAHostileScriptWithOneLine(String script, int exitCode, String line) throws Exception {
        // Each limit is made small or large enough that the others cannot stop the script first; with
        // -Xmx256m, one huge list is more than the heap (GraalPy raises Python's own MemoryError).
        List<String> options = new java.util.ArrayList<>(List.of("-Dplayground.seconds=" + (script.startsWith("loop") ? 1 : 600),
                "-Dplayground.output-kb=64", "-Dplayground.heap-mb=256"));
        if (script.startsWith("allocate-at-once")) {
            options.add("-Xmx256m");
        }
        Run run = runner(script, options.toArray(String[]::new));
        assertEquals(exitCode, run.exitCode(), run.stderr());
        String firstLineOfTheHost = run.stderr().lines().filter(l -> l.startsWith("stopped: ") || l.startsWith("error: "))
                .findFirst().orElse(run.stderr());
        assertEquals(line, firstLineOfTheHost);
        assertTrue(run.stdout().length() <= 64 * 1024 + 1, "bounded output: " + run.stdout().length());
    }

    record Run(int exitCode, String stdout, String stderr) {}

    /** Runs GraalPyRunner in its own JVM, as `make run SCRIPT=...` runs it (the Makefile's flags). */
    static Run runner(String script, String... properties) throws Exception {
        List<String> command = ProgramsTest.command(ProgramsTest.GRAALPY, properties);
        command.addAll(List.of("pythontojava.GraalPyRunner", HOSTILE.resolve(script).toString()));
        Path stdout = Files.createTempFile("runner", ".out");
        Path stderr = Files.createTempFile("runner", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) { // a hang guard, not a timing assertion
                process.destroyForcibly();
                throw new AssertionError(script + " was not stopped");
            }
            return new Run(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
        } finally {
            Files.delete(stdout);
            Files.delete(stderr);
        }
    }

    private static String quoted(Path path) {
        return "'" + path.toAbsolutePath() + "'";
    }
}
