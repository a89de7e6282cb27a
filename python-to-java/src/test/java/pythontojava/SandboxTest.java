package pythontojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    /** The code fails for the reason given (a part of the message), not for any other. */
    private PolyglotException denied(String code, String reason) {
        PolyglotException e = assertThrows(PolyglotException.class, () -> context.eval("python", code));
        assertTrue(e.getMessage().contains(reason), "not denied but: " + e.getMessage());
        return e;
    }

    @Test
    void theExportedApiWorks() {
        assertEquals(8, context.eval("python", "Calculator.multiply(4, 2)").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.lang.Runtime", "java.lang.ProcessBuilder", "java.lang.System",
            "java.io.File", "java.nio.file.Files", "java.net.Socket", "java.lang.Class"})
    void noOtherJavaClassCanBeLookedUp(String className) {
        denied("java.type('" + className + "')", "access has been denied");
    }

    @Test
    void theExportedClassesDoNotLeadToReflection() {
        // getClass() would lead to Class.forName and from there to Runtime: it is not exported.
        denied("Calculator.getClass()", "AttributeError: foreign object has no attribute 'getClass'");
        denied("Calculator.squares(1).getClass()", "AttributeError: foreign object has no attribute 'getClass'");
        denied("Calculator.squares(1).add(5)", "AttributeError: foreign object has no attribute 'add'");
    }

    @Test
    void aFileCannotBeRead(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "the secret");
        denied("open(" + quoted(secret) + ").read()", "PermissionError: [Errno 1] Operation not permitted");
        denied("import os; os.listdir(" + quoted(dir) + ")", "PermissionError: [Errno 1] Operation not permitted");
    }

    @Test
    void aFileCannotBeWritten(@TempDir Path dir) {
        Path target = dir.resolve("written.txt");
        denied("open(" + quoted(target) + ", 'w').write('x')", "PermissionError: [Errno 1] Operation not permitted");
        assertFalse(Files.exists(target));
    }

    @Test
    void theNetworkCannotBeReached() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            denied("import socket; socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(('127.0.0.1', "
                    + server.getLocalPort() + "))", "socket was excluded");
            denied("import urllib.request; urllib.request.urlopen('http://127.0.0.1:" + server.getLocalPort() + "/')",
                    "getaddrinfo was excluded");
            server.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, server::accept, "nobody connected");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            import os; os.system('touch %s')                    | SecurityException: Process creation is not allowed
            import subprocess; subprocess.run(['touch', '%s'])  | PermissionError: [Errno 1] Operation not permitted
            """)
    void noProcessCanBeStarted(String code, String reason, @TempDir Path dir) {
        Path marker = dir.resolve("marker");
        denied(code.formatted(marker), reason);
        assertFalse(Files.exists(marker), "the process ran");
    }

    @Test
    void noNativeCodeNoThreadsNoEnvironment() {
        // Without native access GraalPy's _ctypes is a stub: ctypes does not even import.
        denied("import ctypes; ctypes.CDLL(None)", "ImportError: cannot import name '_memmove_addr' from '_ctypes'");
        denied("import threading; threading.Thread(target=print).start()", "IllegalStateException: Creating threads is not allowed");
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
            assertEquals("the script filled the heap past " + heldLimitMb(256) + " MB and was stopped (an allocation that never ends?); "
                    + "its context is closed", e.getMessage());
        }
    }

    /**
     * The heap limit that can be held (SANDBOX.md): at most 3/4 of the old generation, in whole MB;
     * this JVM's old generation is read from its memory pools (Tenured Gen under the serial GC).
     */
    static long heldLimitMb(long limitMb) {
        long oldGeneration = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getName().contains("Old") || pool.getName().contains("Tenured"))
                .findFirst().orElseThrow().getUsage().getMax();
        return Math.min(limitMb, oldGeneration / 4 * 3 / MB);
    }

    @Test
    void theLimitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new SandboxLimits(Duration.ZERO, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SandboxLimits(Duration.ofSeconds(1), -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SandboxLimits(Duration.ofSeconds(1), 1, 0));
    }

    @Test
    void outputThatEndsAtTheLimitWithoutALineBreakIsEndedWithOne() {
        // The limit falls on the end of one write; the next write is the one that passes it.
        try (PythonSandbox sandbox = limited(new SandboxLimits(Duration.ofSeconds(300), 1024, 512 * MB))) {
            assertEquals(SandboxLimits.Limit.OUTPUT, assertThrows(PythonSandbox.ScriptStoppedException.class, () -> sandbox.eval(
                    "import sys\nsys.stdout.write('x' * 1024)\nsys.stdout.flush()\nsys.stdout.write('y')\nsys.stdout.flush()")).limit());
        }
        assertEquals("x".repeat(1024) + "\n", out.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"import signal; signal.raise_signal(signal.SIGINT)", "import signal; signal.raise_signal(signal.SIGKILL)",
            "import signal; signal.signal(signal.SIGTERM, signal.SIG_IGN)", "import signal; signal.signal(signal.SIGINT, lambda *a: None)",
            "import signal; signal.alarm(1)", "import importlib, _signal; importlib.reload(_signal).raise_signal(2)",
            "import sys; sys.modules.pop('_signal', None); import _signal; _signal.raise_signal(2)"})
    void noScriptCanSendOrHandleASignal(String code) {
        // Had any of them reached the JVM, this test's own JVM would have ended (SIGINT, SIGKILL, SIGALRM).
        denied(code, "PermissionError: signals belong to the host: the sandbox denies the signal module");
    }

    @Test
    void anAtexitHandlerThatNeverEndsIsStoppedWhenTheSandboxCloses() {
        PythonSandbox sandbox = limited(new SandboxLimits(Duration.ofSeconds(1), MB, 512 * MB));
        sandbox.eval("import atexit\ndef spin():\n    while True:\n        pass\natexit.register(spin)");
        assertEquals(SandboxLimits.Limit.TIME, assertThrows(PythonSandbox.ScriptStoppedException.class, sandbox::close).limit());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Calculator.squares(2 ** 31 - 1)", "Calculator.total(range(10 ** 9))",
            "Calculator.reduce(range(10 ** 9), lambda a, b: a)"})
    void anExportedMethodRefusesAnArgumentThatWouldMakeItWorkWithoutBound(String call) {
        PolyglotException e = denied(call, "1000000");
        assertTrue(e.isHostException() && e.asHostException() instanceof CalculatorException, e.getMessage());
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

    private static String quoted(Path path) {
        return "'" + path.toAbsolutePath() + "'";
    }
}
