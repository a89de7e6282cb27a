package pythontojava;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static pythontojava.JPypeTest.PYTHON;
import static pythontojava.JPypeTest.START;
import static pythontojava.Programs.HERE;
import static pythontojava.Programs.JDK_25;
import static pythontojava.Programs.assertPrintsItsSectionAndNoWarning;
import static pythontojava.Programs.run;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import pythontojava.Programs.Result;

/**
 * CPython + JPype with threads, Ctrl-C and the JVM's lifecycle: src/main/python/jpype/threads.py,
 * and ctrl_c.py driven with a real SIGINT. Skipped without JPype, as JPypeTest is.
 */
class JPypeThreadsTest {
    private static final String THREADS = HERE.resolve("src/main/python/jpype/threads.py").toString();
    private static final String CTRL_C = HERE.resolve("src/main/python/jpype/ctrl_c.py").toString();

    @BeforeAll
    static void jpypeIsInstalled() throws Exception {
        JPypeTest.jpypeIsInstalled();
    }

    @Test
    void theThreadsLessonPrintsItsSection() throws Exception {
        // The GIL let go during a Java call, Java's pool calling Python and its exception, Ctrl-C
        // in Python code and in a Java call, the second start, the order of the exit handlers.
        assertPrintsItsSectionAndNoWarning(run(List.of(PYTHON, THREADS, "target/python-to-java.jar"), JDK_25));
    }

    /** One run of ctrl_c.py: where it waits, how its JVM was started, the environment it gets. */
    private record CtrlC(String where, String start, String seconds, String preload) {
        List<String> command() {
            List<String> command = new ArrayList<>(List.of(PYTHON, CTRL_C, "target/python-to-java.jar", where, start));
            if (seconds != null) {
                command.add(seconds);
            }
            return command;
        }
    }

    private static final String AFTER_KEYBOARD_INTERRUPT = "finally ran\nPython's atexit handler ran\nJava's shutdown hook ran\n";

    @Test
    void ctrlCRaisesKeyboardInterruptOnlyWhenTheJvmLeavesSigintToPython() throws Exception {
        // The runs start together (one JVM start of waiting, not seven); each gets SIGINT once it is ready.
        String libjsig = Path.of(System.getProperty("java.home"), "lib", "libjsig.so").toString();
        List<CtrlC> runs = List.of(
                new CtrlC("python", "default", null, null), new CtrlC("java", "default", null, null),
                new CtrlC("python", "default", null, libjsig),
                new CtrlC("python", "interrupt=False", null, null), new CtrlC("java", "interrupt=False", null, null),
                new CtrlC("python", "-Xrs", null, null), new CtrlC("java", "-Xrs", "2", null));
        List<Process> processes = new ArrayList<>();
        List<Path> errors = new ArrayList<>();
        try {
            for (CtrlC ctrlC : runs) {
                Path err = Files.createTempFile("ctrl-c", ".err");
                errors.add(err);
                ProcessBuilder builder = new ProcessBuilder(ctrlC.command()).directory(HERE.toFile()).redirectError(err.toFile());
                builder.environment().putAll(JDK_25);
                if (ctrlC.preload() != null) {
                    builder.environment().put("LD_PRELOAD", ctrlC.preload());
                }
                processes.add(builder.start());
            }
            List<String> outputs = new ArrayList<>();
            List<BufferedReader> readers = new ArrayList<>();
            for (Process process : processes) {
                BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                readers.add(reader);
                String ready = reader.readLine(); // blocks until the child waits where it should
                outputs.add(ready + "\n");
                if (ready != null && ready.startsWith("ready: ")) {
                    assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor());
                }
            }
            List<Executable> checks = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                Process process = processes.get(i);
                if (!process.waitFor(60, TimeUnit.SECONDS)) { // a hang guard, not a timing assertion
                    fail("ctrl_c.py did not end after SIGINT: " + runs.get(i));
                }
                String rest = readers.get(i).lines().reduce("", (a, b) -> a + b + "\n"); // the few lines after "ready"
                String ready = "ready: in " + (runs.get(i).where().equals("python") ? "Python code" : "a Java call") + "\n";
                String stdout = outputs.get(i) + rest;
                Result result = new Result(process.exitValue(), stdout, Files.readString(errors.get(i)));
                CtrlC ctrlC = runs.get(i);
                Result expected = switch (ctrlC.start()) {
                    // JPype's default in a script: SIGINT is the JVM's, which exits at once with 128 + 2.
                    // Java's hooks run; no KeyboardInterrupt, no finally, no atexit. libjsig changes nothing.
                    case "default" -> new Result(130, ready + "Java's shutdown hook ran\n", "");
                    // JPype's handler: KeyboardInterrupt, in Python code and in a Java call, cut short.
                    // -Xrs: Python keeps its own handler, which acts once the Java call has returned.
                    default -> new Result(0, ready + "KeyboardInterrupt\n" + (ctrlC.where().equals("java")
                            ? "the Java call was cut short: " + (ctrlC.start().equals("-Xrs") ? "False" : "True") + "\n" : "")
                            + AFTER_KEYBOARD_INTERRUPT, "");
                };
                if (ctrlC.start().equals("interrupt=False") && ctrlC.where().equals("java")) {
                    // A race in JPype 1.4's handler: it interrupts the Java thread, then flags Python; the
                    // call is cut short either way, raising KeyboardInterrupt or InterruptedException.
                    checks.add(() -> assertTrue(result.stdout().startsWith(ready) && result.stdout().contains("finally ran\n")
                            && (result.stdout().contains("KeyboardInterrupt\nthe Java call was cut short: True\n")
                            || result.stderr().contains("InterruptedException")), result.toString()));
                    continue;
                }
                if (ctrlC.start().equals("default") && ctrlC.where().equals("java")) {
                    // A race: JPype's own hook interrupts the Java call, so Python may run some of its
                    // `finally` and atexit (RuntimeError: java.lang.InterruptedException) before the halt.
                    checks.add(() -> assertEquals(130, result.exitCode(), result.toString()));
                    checks.add(() -> assertTrue(result.stdout().startsWith(ready) && result.stdout().contains("Java's shutdown hook ran\n")
                            && !result.stdout().contains("KeyboardInterrupt"), result.toString()));
                    continue;
                }
                checks.add(() -> assertEquals(expected, result, ctrlC.toString()));
            }
            assertAll(checks);
        } finally {
            processes.forEach(Process::destroyForcibly);
            for (Path err : errors) {
                Files.deleteIfExists(err);
            }
        }
        try (var files = Files.list(HERE)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("hs_err_pid")), "a JVM crashed");
        }
    }

    @Test
    void aSecondStartFailsBeforeAndAfterShutdownAndTheLessonsStartSaysWhy(@TempDir Path dir) throws Exception {
        // JPype's own errors, then start_java's one line; shutdownJVM runs Java's hooks at once,
        // so they come before Python's atexit handler this time.
        Path script = Files.writeString(dir.resolve("again.py"), START + """
                import atexit, jpype
                from pythontojava import ShutdownHook
                ShutdownHook.install("Java's shutdown hook ran")
                atexit.register(print, "Python's atexit handler ran", flush=True)
                for when in ("running", "shut down"):
                    try:
                        jpype.startJVM()
                    except OSError as e:
                        print(f"{when}: jpype.startJVM(): OSError: {e}", flush=True)
                    try:
                        start_java(["target/python-to-java.jar"])
                    except RuntimeError as e:
                        print(f"{when}: start_java(): {e}", flush=True)
                    if when == "running":
                        jpype.shutdownJVM()
                """);
        String ours = "start_java: this process has started its JVM already; a process starts one JVM, once"
                + " (not again after shutdownJVM): call start_java once, at start-up";
        assertEquals(new Result(0, "running: jpype.startJVM(): OSError: JVM is already started\n"
                + "running: start_java(): " + ours + "\n"
                + "Java's shutdown hook ran\n"
                + "shut down: jpype.startJVM(): OSError: JVM cannot be restarted\n"
                + "shut down: start_java(): " + ours + "\n"
                + "Python's atexit handler ran\n", ""), run(List.of(PYTHON, script.toString()), JDK_25));
    }

    @Test
    void anUncaughtExceptionStillRunsAtexitThenJavasHooks(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("fails.py"), START + """
                import atexit
                from pythontojava import ShutdownHook
                ShutdownHook.install("Java's shutdown hook ran")
                atexit.register(print, "Python's atexit handler ran", flush=True)
                raise ValueError("the script fails")
                """);
        Result result = run(List.of(PYTHON, script.toString()), JDK_25);
        assertEquals(1, result.exitCode());
        assertEquals("Python's atexit handler ran\nJava's shutdown hook ran\n", result.stdout());
        assertTrue(result.stderr().strip().endsWith("ValueError: the script fails"), result.stderr());
    }

    @Test
    void ctrlCsUsageIsOneLine() throws Exception {
        Result result = run(List.of(PYTHON, CTRL_C, "target/python-to-java.jar", "nowhere", "default"), JDK_25);
        assertEquals(new Result(1, "", "usage: ctrl_c.py CLASSPATH python|java default|interrupt=False|-Xrs [SECONDS]\n"), result);
    }
}
