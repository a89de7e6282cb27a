package nodetojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Node.js lesson: the machine's `node` is the host process and node-java starts the JVM
 * inside it. Every test runs `node` as a process, as a user would.
 */
class NodeTest {
    static final Path NODE_FOLDER = ProgramsTest.HERE.resolve("src/main/node");
    static final Path BRIDGE = NODE_FOLDER.resolve("node_modules/java/build/Release/nodejavabridge_bindings.node");
    static final Path JDK_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
    /** A test script's first line: the lesson's own module, which starts the JVM. */
    static final String LESSON_MODULE = "const { java, Calculator } = require('" + NODE_FOLDER.resolve("calculator.js") + "');\n";
    /** A test script's first line when it sets the bridge up itself. */
    static final String BRIDGE_MODULE = "const java = require('" + NODE_FOLDER.resolve("node_modules/java") + "');\n";

    @BeforeAll
    static void theBridgeIsBuilt() {
        assumeTrue(Files.exists(BRIDGE), "node-java is not built here (make builds it, or says why it cannot)");
    }

    /** Runs `node script` with changes to the environment; the process must end by itself. */
    static ProgramsTest.Result node(Path script, Map<String, String> env) throws Exception {
        Path out = Files.createTempFile("stdout", ".txt");
        Path err = Files.createTempFile("stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder("node", script.toString()).directory(script.getParent().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("JAVA_HOME");
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        assertTrue(exited, "node did not exit by itself: " + script);
        ProgramsTest.Result result = new ProgramsTest.Result(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    static ProgramsTest.Result node(Path temp, String script) throws Exception {
        return node(Files.writeString(temp.resolve("test.js"), script), Map.of());
    }

    static String expectedNodePart() throws Exception {
        String all = Files.readString(Path.of("expected-output.txt"));
        return all.substring(all.indexOf("Node.js:"));
    }

    @Test
    void theLessonPrintsTheExpectedOutputAndExits() throws Exception {
        assertEquals(new ProgramsTest.Result(0, expectedNodePart(), ""), node(NODE_FOLDER.resolve("main.js"), Map.of()));
    }

    @Test
    void theNodeProcessItselfLoadsTheJvm(@TempDir Path temp) throws Exception {
        // /proc/self/maps lists the shared libraries mapped into this process: libjvm.so appears
        // in node's own list once the bridge has started the JVM. No other process is involved.
        ProgramsTest.Result result = node(temp, """
                const jvmMapped = () => require('fs').readFileSync('/proc/self/maps', 'utf8').includes('/libjvm.so');
                console.log(jvmMapped());
                """ + LESSON_MODULE + """
                console.log(jvmMapped(), java.callStaticMethodSync('java.lang.System', 'getProperty', 'java.vm.name'));
                process.exit(0);
                """);
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().matches("(?s)false\ntrue OpenJDK 64-Bit Server VM\n"), result.stdout());
    }

    @Test
    void javaHomeAtJdk17IsOneClearLine(@TempDir Path temp) throws Exception {
        Path jdk17 = JDK_17;
        if (!Files.isDirectory(jdk17)) { // a stand-in: the program reads only the release file
            jdk17 = Files.createDirectories(temp.resolve("jdk-17"));
            Files.writeString(jdk17.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        }
        ProgramsTest.Result result = node(NODE_FOLDER.resolve("main.js"), Map.of("JAVA_HOME", jdk17.toString()));
        assertEquals(1, result.exitCode());
        assertEquals("", result.stdout());
        assertTrue(result.stderr().matches("error: JAVA_HOME=" + jdk17 + " is JDK 17[.0-9]*, but nodetojava.Calculator needs JDK 25 or newer;"
                + " point JAVA_HOME at a JDK 25 and build the bridge again \\(make\\)\n"), result.stderr());
    }

    @Test
    void aBridgeThatLoadsJdk17IsOneClearLine() throws Exception {
        // What a bridge built with JAVA_HOME at a JDK 17 does: LD_LIBRARY_PATH wins over the
        // bridge's rpath, so it loads JDK 17's libjvm.so here without a rebuild.
        assumeTrue(Files.isDirectory(JDK_17.resolve("lib/server")), "no JDK 17 at " + JDK_17);
        ProgramsTest.Result result = node(NODE_FOLDER.resolve("main.js"), Map.of("LD_LIBRARY_PATH", JDK_17.resolve("lib/server").toString()));
        assertEquals(1, result.exitCode());
        assertTrue(result.stderr().matches("error: the JVM that node-java loaded is JDK 17[.0-9]*, but nodetojava.Calculator needs JDK 25"
                + " or newer; point JAVA_HOME at a JDK 25 and build the bridge again \\(make\\)\n"), result.stderr());
    }

    @Test
    void aMissingClassIsAJsErrorNamingIt(@TempDir Path temp) throws Exception {
        ProgramsTest.Result result = node(temp, LESSON_MODULE + """
                try { java.import('nodetojava.NoSuchClass'); } catch (e) { console.log(e.message.split('\\n')[0]); }
                process.exit(0);
                """);
        assertEquals(new ProgramsTest.Result(0, "Could not create class nodetojava.NoSuchClass\n", ""), result);
    }

    @Test
    void theClassPathAndOptionsAreFixedWhenTheJvmStarts(@TempDir Path temp) throws Exception {
        // Before the first call, a pushed class path entry and option count; after it, not.
        String testClasses = ProgramsTest.HERE.resolve("target/test-classes").toString();
        String script = BRIDGE_MODULE + """
                java.classpath.push('%s');
                java.options.push('-Dearly=yes');
                const Result = java.import('nodetojava.ProgramsTest$Result'); // the first call starts the JVM
                java.options.push('-Dlate=yes');
                java.classpath.push('%s/../classes');
                console.log(java.callStaticMethodSync('java.lang.System', 'getProperty', 'early'),
                  java.callStaticMethodSync('java.lang.System', 'getProperty', 'late'));
                try { java.import('nodetojava.Calculator'); } catch (e) { console.log(e.message.split('\\n')[0]); }
                process.exit(0);
                """.formatted(testClasses, testClasses);
        assertEquals(new ProgramsTest.Result(0, "yes null\nCould not create class nodetojava.Calculator\n", ""), node(temp, script));
    }

    @Test
    void aJavaExceptionKeepsItsClassAndMessage(@TempDir Path temp) throws Exception {
        ProgramsTest.Result result = node(temp, LESSON_MODULE + """
                try { new Calculator().divide(1, 0); } catch (e) {
                  console.log(e instanceof Error, e.cause.getClass().getName(), JSON.stringify(e.cause.getMessage()));
                  console.log(e.message.includes('java.lang.ArithmeticException: / by zero'));
                }
                process.exit(0);
                """);
        assertEquals(new ProgramsTest.Result(0, "true java.lang.ArithmeticException \"/ by zero\"\ntrue\n", ""), result);
    }

    @Test
    void aJsCallbackThatThrowsArrivesInJavaAsAnException(@TempDir Path temp) throws Exception {
        // FutureTask.run() catches what its Callable throws, in Java; exceptionNow() hands it over.
        ProgramsTest.Result result = node(temp, LESSON_MODULE + """
                const failing = java.newProxy('java.util.concurrent.Callable', { call: () => { throw new TypeError('bad input'); } });
                const task = java.newInstanceSync('java.util.concurrent.FutureTask', failing);
                task.run();
                const thrown = task.exceptionNow();
                console.log(task.state().toString(), thrown.getClass().getName(), thrown.getMessage());
                process.exit(0);
                """);
        assertEquals(new ProgramsTest.Result(0, "FAILED node.NodeJsException Uncaught TypeError: bad input\n", ""), result);
    }

    @Test
    void aSyncCallBlocksTheEventLoopAnAsyncOneDoesNot(@TempDir Path temp) throws Exception {
        // setImmediate callbacks run whenever the event loop gets a turn.
        ProgramsTest.Result result = node(temp, LESSON_MODULE + """
                let turns = 0;
                const spin = () => { turns++; immediate = setImmediate(spin); };
                let immediate = setImmediate(spin);
                java.callStaticMethodSync('java.lang.Thread', 'sleep', 300);
                console.log('sync', turns);
                java.callStaticMethodAsync('java.lang.Thread', 'sleep', 300).then(() => {
                  console.log('async', turns > 0);
                  process.exit(0);
                });
                """);
        assertEquals(new ProgramsTest.Result(0, "sync 0\nasync true\n", ""), result);
    }

    @Test
    void withoutProcessExitNodeDoesNotEnd(@TempDir Path temp) throws Exception {
        // Why main.js ends with process.exit(): the bridge keeps node's event loop alive.
        Path script = Files.writeString(temp.resolve("no-exit.js"), LESSON_MODULE + "console.log(new Calculator().multiply(4, 2));\n");
        Process process = new ProcessBuilder("node", script.toString()).directory(temp.toFile())
                .redirectErrorStream(true).start();
        try {
            assertEquals("8\n", new String(process.getInputStream().readNBytes(2))); // the script has run
            assertFalse(process.waitFor(2, TimeUnit.SECONDS), "node exited by itself");
        } finally {
            process.destroyForcibly().waitFor();
        }
        assertFalse(process.isAlive());
    }

    @Test
    void oneJvmPerProcess(@TempDir Path temp) throws Exception {
        ProgramsTest.Result result = node(temp, LESSON_MODULE + """
                try { java.registerClient(() => {}); } catch (e) { console.log(e.message); }
                console.log(require('%s') === java);
                process.exit(0);
                """.formatted(NODE_FOLDER.resolve("node_modules/java")));
        assertEquals(new ProgramsTest.Result(0, "java.registerClient() called after JVM already created.\ntrue\n", ""), result);
    }

    @Test
    void callingAMethodOfANonPublicClassKillsNode(@TempDir Path temp) throws Exception {
        // ProcessHandle.current() returns a java.lang.ProcessHandleImpl, a class that is not
        // public: node-java cannot make its method accessible and aborts the whole process.
        ProgramsTest.Result result = node(temp, LESSON_MODULE + """
                try { java.callStaticMethodSync('java.lang.ProcessHandle', 'current').pid(); } catch (e) { console.log('caught'); }
                process.exit(0);
                """);
        assertEquals(134, result.exitCode());
        String printed = result.stdout() + result.stderr(); // a raw stack trace and a C assertion, no JS error
        assertTrue(printed.contains("InaccessibleObjectException") && printed.contains("Assertion `false' failed"), printed);
        assertFalse(printed.contains("caught"));
    }
}
