package nodetojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import nodetojava.Programs.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node.js threads and the JVM's lifecycle inside node (THREADS.md): a Java thread calling JS while
 * node's main thread waits in a sync Java call (a deadlock), and how the process ends. Every node
 * started here ends within the guard time, by itself or killed.
 */
class NodeThreadsTest {
    /** The longest a test waits for a node to print or end: a hang guard, not a timing check. */
    static final long GUARD_SECONDS = 60;

    @BeforeAll
    static void theBridgeIsBuilt() {
        assumeTrue(Files.exists(NodeTest.BRIDGE), "node-java is not built here (make builds it, or says why it cannot)");
    }

    /** Starts `node script` in its folder, stdout and stderr to files there. */
    static Process start(Path script) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", script.toString()).directory(script.getParent().toFile())
                .redirectOutput(script.resolveSibling("stdout.txt").toFile()).redirectError(script.resolveSibling("stderr.txt").toFile());
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        return builder.start();
    }

    /** What the node started on {@code script} has printed on stdout once {@code until} holds (fails after the guard time). */
    static String awaitStdout(Path script, Predicate<String> until) throws Exception {
        Path out = script.resolveSibling("stdout.txt");
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS); System.nanoTime() < end; Thread.sleep(20)) {
            String printed = Files.readString(out);
            if (until.test(printed)) {
                return printed;
            }
        }
        return fail("node did not print what was awaited within " + GUARD_SECONDS + " s; it printed:\n" + Files.readString(out)
                + "\nstderr:\n" + Files.readString(script.resolveSibling("stderr.txt")));
    }

    /** The block of a JVM thread dump that describes the thread named {@code name}. */
    static String threadInDump(String dump, String name) {
        return Arrays.stream(dump.split("\n\n")).filter(block -> block.startsWith("\"" + name + "\"")).findFirst()
                .orElseGet(() -> fail("no thread " + name + " in the dump:\n" + dump));
    }

    @Test
    void aSyncCallThatWaitsForAJsCallbackDeadlocks(@TempDir Path temp) throws Exception {
        // No timeout worth the name on the Java side. The JVM in node prints a thread dump on SIGQUIT:
        // what each thread waits for, seen at once, with no waiting to "see if it hangs".
        Path script = Files.writeString(temp.resolve("deadlock.js"), NodeTest.LESSON_MODULE + """
                const fn = java.newProxy('java.util.function.Function', { apply: (caller) => 'never' });
                console.log('calling');
                java.callStaticMethodSync('nodetojava.CallbackThread', 'callFromNewThread', fn, 600000);
                console.log('returned');
                process.exit(0);
                """);
        Process node = start(script);
        try {
            awaitStdout(script, printed -> printed.startsWith("calling\n"));
            String dump = "";
            for (int attempt = 0; attempt < 100 && !(dump.contains("\"java-worker\"") && dump.contains("NodeDynamicProxyClass.callJs")); attempt++) {
                int dumps = dump.split("Full thread dump", -1).length;
                assertEquals(0, new ProcessBuilder("kill", "-QUIT", Long.toString(node.pid())).start().waitFor());
                dump = awaitStdout(script, printed -> printed.split("Full thread dump", -1).length > dumps && printed.contains("JNI global refs"));
                dump = dump.substring(dump.lastIndexOf("Full thread dump"));
            }
            String main = threadInDump(dump, "main");
            String worker = threadInDump(dump, "java-worker");
            // node's main thread (the JVM's "main") waits for the Java thread's result ...
            assertTrue(main.contains("at java.util.concurrent.FutureTask.get(") && main.contains("at nodetojava.CallbackThread.callFromNewThread("), main);
            // ... and the Java thread waits in node-java's native code for the event loop to run the JS function.
            assertTrue(worker.matches("(?s).*\tat node\\.NodeDynamicProxyClass\\.callJs\\(Native Method\\)\n.*\tat nodetojava\\.CallbackThread\\.lambda.*"), worker);
            assertTrue(node.isAlive());
        } finally {
            node.destroyForcibly().waitFor();
        }
        assertFalse(Files.readString(temp.resolve("stdout.txt")).contains("returned"));
    }

    @Test
    void processExitDoesNotRunJavaShutdownHooks(@TempDir Path temp) throws Exception {
        Result result = NodeTest.node(temp, NodeTest.LESSON_MODULE + """
                java.callStaticMethodSync('nodetojava.ShutdownNotice', 'printAtShutdown', 'the Java shutdown hook ran');
                process.on('exit', (code) => console.log(`process.on('exit') ran, code ${code}`));
                process.exit(3);
                """);
        assertEquals(new Result(3, "process.on('exit') ran, code 3\n", ""), result);
    }

    @Test
    void sigtermRunsTheJavaShutdownHooksAndNotNodesExitHandlers(@TempDir Path temp) throws Exception {
        // The JVM handles SIGTERM (and SIGINT) in node, as in any Java process: it runs its hooks and exits 143.
        Path script = Files.writeString(temp.resolve("sigterm.js"), NodeTest.LESSON_MODULE + """
                java.callStaticMethodSync('nodetojava.ShutdownNotice', 'printAtShutdown', 'the Java shutdown hook ran');
                process.on('exit', (code) => console.log(`process.on('exit') ran, code ${code}`));
                console.log('ready'); // and node-java keeps node running
                """);
        Process node = start(script);
        try {
            awaitStdout(script, printed -> printed.equals("ready\n"));
            node.destroy(); // SIGTERM
            assertTrue(node.waitFor(GUARD_SECONDS, TimeUnit.SECONDS), "node did not end on SIGTERM");
        } finally {
            node.destroyForcibly().waitFor();
        }
        assertEquals(new Result(143, "ready\nthe Java shutdown hook ran\n", ""), new Result(node.exitValue(),
                Files.readString(temp.resolve("stdout.txt")), Files.readString(temp.resolve("stderr.txt"))));
        Programs.assertNoCrashLog(temp);
    }

    @Test
    void aSecondBridgeInstanceCrashesNode(@TempDir Path temp) throws Exception {
        // JNI_CreateJavaVM refuses a second JVM (JNI_EEXIST); node-java does not check its result
        // and goes on with no JNIEnv: node dies of SIGSEGV (exit code 128 + 11), with no JS error to catch.
        Result result = NodeTest.node(temp, NodeTest.LESSON_MODULE + """
                const second = new java.constructor(); // a second bridge: its first call starts "its" JVM
                try {
                  second.callStaticMethodSync('java.lang.System', 'getProperty', 'java.version');
                  console.log('no error');
                } catch (e) { console.log('caught'); }
                process.exit(0);
                """);
        assertEquals(new Result(139, "", ""), result);
    }
}
