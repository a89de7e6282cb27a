package nodetojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nodetojava.Programs.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Node.js lesson: the machine's `node` is the host process and node-java starts the JVM
 * inside it. Every test runs `node` as a process, as a user would.
 */
class NodeTest {
    static final Path NODE_FOLDER = Programs.HERE.resolve("src/main/node");
    static final Path BRIDGE = NODE_FOLDER.resolve("node_modules/java/build/Release/nodejavabridge_bindings.node");
    /** A JDK older than 25 with its libjvm.so, found where find-jdk.sh looks; null if there is none. */
    static final Path OLDER_JDK = olderJdk();
    /** A test script's first line: the lesson's own module, which starts the JVM. */
    static final String LESSON_MODULE = "const { java, Calculator } = require('" + NODE_FOLDER.resolve("calculator.js") + "');\n";
    /** A test script's first line when it sets the bridge up itself. */
    static final String BRIDGE_MODULE = "const java = require('" + NODE_FOLDER.resolve("node_modules/java") + "');\n";

    @BeforeAll
    static void theBridgeIsBuilt() {
        assumeTrue(Files.exists(BRIDGE), "node-java is not built here (make builds it, or says why it cannot)");
    }

    static Result node(Path script, Map<String, String> env) throws Exception {
        return Programs.node(script, env);
    }

    static Result node(Path temp, String script) throws Exception {
        return node(Files.writeString(temp.resolve("test.js"), script), Map.of());
    }

    @Test
    void theLessonPrintsTheExpectedOutputAndExits() throws Exception {
        assertEquals(new Result(0, Programs.expectedNode(), ""), node(NODE_FOLDER.resolve("main.js"), Map.of()));
    }

    @Test
    void theNodeProcessItselfLoadsTheJvm(@TempDir Path temp) throws Exception {
        // /proc/self/maps lists the shared libraries mapped into this process: libjvm.so appears
        // in node's own list once the bridge has started the JVM. No other process is involved.
        Result result = node(temp, """
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
        Path jdk17 = OLDER_JDK != null && major(OLDER_JDK) == 17 ? OLDER_JDK : null;
        if (jdk17 == null) { // a stand-in: the program reads only the release file
            jdk17 = Files.createDirectories(temp.resolve("jdk-17"));
            Files.writeString(jdk17.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        }
        Result result = node(NODE_FOLDER.resolve("main.js"), Map.of("JAVA_HOME", jdk17.toString()));
        assertEquals(1, result.exitCode());
        assertEquals("", result.stdout());
        assertTrue(result.stderr().matches("error: JAVA_HOME=" + jdk17 + " is JDK 17[.0-9]*, but nodetojava.Calculator needs JDK 25 or newer;"
                + " point JAVA_HOME at a JDK 25 and build the bridge again \\(make\\)\n"), result.stderr());
    }

    @Test
    void aBridgeThatLoadsJdk17IsOneClearLine() throws Exception {
        // What a bridge built with JAVA_HOME at a JDK 17 does: LD_LIBRARY_PATH wins over the
        // bridge's rpath, so it loads JDK 17's libjvm.so here without a rebuild.
        assumeTrue(OLDER_JDK != null, "no JDK older than 25 (with lib/server/libjvm.so) where find-jdk.sh looks");
        Result result = node(NODE_FOLDER.resolve("main.js"), Map.of("LD_LIBRARY_PATH", OLDER_JDK.resolve("lib/server").toString()));
        assertEquals(1, result.exitCode());
        assertTrue(result.stderr().matches("error: the JVM that node-java loaded is JDK " + major(OLDER_JDK) + "[.0-9]*, but nodetojava.Calculator needs JDK 25"
                + " or newer; point JAVA_HOME at a JDK 25 and build the bridge again \\(make\\)\n"), result.stderr());
    }

    @Test
    void aMissingClassIsAJsErrorNamingIt(@TempDir Path temp) throws Exception {
        Result result = node(temp, LESSON_MODULE + """
                try { java.import('nodetojava.NoSuchClass'); } catch (e) { console.log(e.message.split('\\n')[0]); }
                process.exit(0);
                """);
        assertEquals(new Result(0, "Could not create class nodetojava.NoSuchClass\n", ""), result);
    }

    @Test
    void theClassPathAndOptionsAreFixedWhenTheJvmStarts(@TempDir Path temp) throws Exception {
        // Before the first call, a pushed class path entry and option count; after it, not.
        String testClasses = Programs.HERE.resolve("target/test-classes").toString();
        String script = BRIDGE_MODULE + """
                java.classpath.push('%s');
                java.options.push('-Dearly=yes');
                const Result = java.import('nodetojava.Programs$Result'); // the first call starts the JVM
                java.options.push('-Dlate=yes');
                java.classpath.push('%s/../classes');
                console.log(java.callStaticMethodSync('java.lang.System', 'getProperty', 'early'),
                  java.callStaticMethodSync('java.lang.System', 'getProperty', 'late'));
                try { java.import('nodetojava.Calculator'); } catch (e) { console.log(e.message.split('\\n')[0]); }
                process.exit(0);
                """.formatted(testClasses, testClasses);
        assertEquals(new Result(0, "yes null\nCould not create class nodetojava.Calculator\n", ""), node(temp, script));
    }

    @Test
    void aJavaExceptionKeepsItsClassAndMessage(@TempDir Path temp) throws Exception {
        Result result = node(temp, LESSON_MODULE + """
                try { new Calculator().divide(1, 0); } catch (e) {
                  console.log(e instanceof Error, e.cause.getClass().getName(), JSON.stringify(e.cause.getMessage()));
                  console.log(e.message.includes('java.lang.ArithmeticException: / by zero'));
                }
                process.exit(0);
                """);
        assertEquals(new Result(0, "true java.lang.ArithmeticException \"/ by zero\"\ntrue\n", ""), result);
    }

    @Test
    void aJsCallbackThatThrowsArrivesInJavaAsAnException(@TempDir Path temp) throws Exception {
        // FutureTask.run() catches what its Callable throws, in Java; exceptionNow() hands it over.
        Result result = node(temp, LESSON_MODULE + """
                const failing = java.newProxy('java.util.concurrent.Callable', { call: () => { throw new TypeError('bad input'); } });
                const task = java.newInstanceSync('java.util.concurrent.FutureTask', failing);
                task.run();
                const thrown = task.exceptionNow();
                console.log(task.state().toString(), thrown.getClass().getName(), thrown.getMessage());
                process.exit(0);
                """);
        assertEquals(new Result(0, "FAILED node.NodeJsException Uncaught TypeError: bad input\n", ""), result);
    }

    @Test
    void aSyncCallBlocksTheEventLoopAnAsyncOneDoesNot(@TempDir Path temp) throws Exception {
        // setImmediate callbacks run whenever the event loop gets a turn: none during a sync call.
        // The async call waits in Java until the event loop itself releases it: it returns only
        // if the loop went on turning meanwhile (else node hangs, and the hang guard fails the test).
        Result result = node(temp, LESSON_MODULE + """
                let turns = 0;
                const spin = () => { turns++; immediate = setImmediate(spin); };
                let immediate = setImmediate(spin);
                java.callStaticMethodSync('java.lang.Thread', 'sleep', 100);
                console.log('sync', turns);
                const latch = java.newInstanceSync('java.util.concurrent.CountDownLatch', 1);
                latch.awaitAsync().then(() => {
                  console.log('async: released by the event loop');
                  process.exit(0);
                });
                setImmediate(() => latch.countDown());
                """);
        assertEquals(new Result(0, "sync 0\nasync: released by the event loop\n", ""), result);
    }

    @Test
    void withoutProcessExitNodeDoesNotEnd(@TempDir Path temp) throws Exception {
        // Why main.js ends with process.exit(): the bridge keeps node's event loop alive. Without
        // the bridge the same script ends by itself (node() fails if it does not).
        assertEquals(new Result(0, "8\n", ""), node(temp, "console.log(4 * 2);\n"));
        Path script = Files.writeString(temp.resolve("no-exit.js"), LESSON_MODULE + "console.log(new Calculator().multiply(4, 2));\n");
        Process process = new ProcessBuilder("node", script.toString()).directory(temp.toFile())
                .redirectErrorStream(true).start();
        try {
            assertEquals("8\n", new String(process.getInputStream().readNBytes(2))); // the script's last line has run
            // A node that ends does so milliseconds after its last line; 10 s is a generous margin
            // on a busy machine (a slow machine can only make this pass, never fail, wrongly).
            assertFalse(process.waitFor(10, TimeUnit.SECONDS), "node exited by itself");
        } finally {
            process.destroyForcibly().waitFor();
        }
        assertFalse(process.isAlive());
    }

    @Test
    void oneJvmPerProcess(@TempDir Path temp) throws Exception {
        Result result = node(temp, LESSON_MODULE + """
                try { java.registerClient(() => {}); } catch (e) { console.log(e.message); }
                console.log(require('%s') === java);
                process.exit(0);
                """.formatted(NODE_FOLDER.resolve("node_modules/java")));
        assertEquals(new Result(0, "java.registerClient() called after JVM already created.\ntrue\n", ""), result);
    }

    @Test
    void callingAMethodOfANonPublicClassKillsNode(@TempDir Path temp) throws Exception {
        // ProcessHandle.current() returns a java.lang.ProcessHandleImpl, a class that is not
        // public: node-java cannot make its method accessible and aborts the whole process.
        Result result = node(temp, LESSON_MODULE + """
                try { java.callStaticMethodSync('java.lang.ProcessHandle', 'current').pid(); } catch (e) { console.log('caught'); }
                process.exit(0);
                """);
        assertEquals(134, result.exitCode());
        String printed = result.stdout() + result.stderr(); // a raw stack trace and a C assertion, no JS error
        assertTrue(printed.contains("InaccessibleObjectException") && printed.contains("Assertion `false' failed"), printed);
        assertFalse(printed.contains("caught"));
    }

    /** The lesson's moving-data.js: every path moves the pattern intact, both ways, 0 B to over 1 MiB (one node process). */
    @Test
    void everyWayOfMovingBytesArrivesIntact(@TempDir Path temp) throws Exception {
        List<Integer> sizes = List.of(0, 1, 4097, 1024 * 1024 + 3);
        Result result = node(temp, "const data = require('" + NODE_FOLDER.resolve("moving-data.js") + "');\n" + """
                const moving = new data.MovingData();
                for (const size of %s) {
                  const buffer = data.pattern(size);
                  data.sendByElements(moving, buffer);
                  console.log('to-java-elements', size, moving.receivedLength(), Number(moving.receivedChecksum()));
                  moving.receiveLatin1('');
                  data.sendAsLatin1(moving, buffer);
                  console.log('to-java-latin1', size, moving.receivedLength(), Number(moving.receivedChecksum()));
                  moving.preparePayload(size);
                  const bytes = data.fetchBytes(moving);
                  console.log('to-js-bytes', size, bytes.length, data.checksum(bytes), Buffer.isBuffer(bytes));
                  const latin1 = data.fetchAsLatin1(moving);
                  console.log('to-js-latin1', size, latin1.length, data.checksum(latin1), Buffer.isBuffer(latin1));
                }
                process.exit(0);
                """.formatted(sizes));
        StringBuilder expected = new StringBuilder();
        for (int size : sizes) {
            long checksum = MovingData.checksum(MovingData.pattern(size));
            expected.append("to-java-elements %d %d %d\nto-java-latin1 %d %d %d\n".formatted(size, size, checksum, size, size, checksum))
                    .append("to-js-bytes %d %d %d true\nto-js-latin1 %d %d %d true\n".formatted(size, size, checksum, size, size, checksum));
        }
        assertEquals(new Result(0, expected.toString(), ""), result);
    }

    @Test
    void aBufferWhereJavaWantsByteArrayArrivesAsNull(@TempDir Path temp) throws Exception {
        // node-java converts arrays, strings, numbers, booleans and Java objects; a Buffer becomes null
        // (Arrays.hashCode(null) is 0), and a byte[] comes back as a signed Int8Array.
        Result result = node(temp, "const data = require('" + NODE_FOLDER.resolve("moving-data.js") + "');\n" + """
                const { java } = data;
                console.log(java.callStaticMethodSync('java.util.Arrays', 'hashCode', Buffer.from([1, 2, 3])));
                try { data.sendBufferAsIs(new data.MovingData(), Buffer.from([1, 2, 3])); } catch (e) { console.log(e.cause.getMessage()); }
                const moving = new data.MovingData();
                moving.preparePayload(6);
                const raw = moving.payload();
                console.log(raw.constructor.name, raw.join(','), data.fetchBytes(moving).join(','));
                process.exit(0);
                """);
        assertEquals(new Result(0, """
                0
                receive: null arrived; node-java passes a Buffer or typed array as null, convert it first (moving-data.js: java.newArray or a latin1 string)
                Int8Array 7,38,69,100,-125,-94 7,38,69,100,131,162
                """, ""), result);
    }

    // --- -Xcheck:jni, text outside ASCII and the BMP, npm's install scripts ---

    /**
     * node-java 0.18.0's own misuses of JNI, as -Xcheck:jni reports them (message, and where: the
     * first frame of node-java's native code, or of Java): a JNI call right after a Java call that
     * may have thrown, with no exception check between, in src-cpp/utils.cpp's javaToString (every
     * string it converts), the JavaObject constructor, and the callback of a JS proxy.
     */
    static final Set<String> NODE_JAVAS_OWN = Set.of(
            "CallObjectMethodV in javaToString", "CallBooleanMethodV in JavaObject::JavaObject",
            "CallObjectMethodV in node.NodeDynamicProxyClass.callJs");

    @Test
    void underCheckJniTheOnlyComplaintsAreNodeJavasOwn(@TempDir Path temp) throws Exception {
        // The lesson (a Java exception, a JS exception thrown back into Java), and a missing class first.
        Path script = Files.writeString(temp.resolve("checked.js"), BRIDGE_MODULE + "java.options.push('-Xcheck:jni');\n"
                + "require('" + NODE_FOLDER.resolve("calculator.js") + "');\n"
                + "try { java.import('nodetojava.NoSuchClass'); } catch (e) { console.log('missing class'); }\n"
                + "require('" + NODE_FOLDER.resolve("main.js") + "');\n");
        Result result = node(script, Map.of());
        StringBuilder output = new StringBuilder();
        Set<String> complaints = new TreeSet<>();
        String complaint = null; // the complaint whose lines these are, until its "where" is found
        boolean inComplaint = false;
        boolean inSignalReport = false; // -Xcheck:jni's periodic check of the signal handlers, seen on a slow run
        for (String line : result.stdout().split("\n")) {
            // The JVM finds the handlers of signals it shares with Node.js changed and lists them all, ending with
            // "Consider using jsig library.": a fact of two runtimes in one process, not a JNI misuse.
            if (line.matches("Warning: SIG[A-Z0-9]+ handler modified!") || line.equals("Signal Handlers:")) {
                inSignalReport = true;
                continue;
            }
            if (inSignalReport) {
                inSignalReport = !line.equals("Consider using jsig library.");
                continue;
            }
            Matcher where = Pattern.compile("^C  \\[nodejavabridge_bindings\\.node\\+0x\\p{XDigit}+\\]  ([\\w:]+)|^\\tat ([\\w.$]+)\\(").matcher(line);
            if (line.startsWith("WARNING in native method: ") || line.startsWith("FATAL ERROR in native method: ")) {
                if (complaint != null) {
                    complaints.add(complaint + " in a place not found");
                }
                complaint = line.replaceFirst(".* from ", "");
                inComplaint = true;
            } else if (inComplaint && where.find()) {
                if (complaint != null) {
                    complaints.add(complaint + " in " + (where.group(1) != null ? where.group(1) : where.group(2)));
                    complaint = null;
                }
            } else if (!(inComplaint && line.matches("Native frames: .*|[VCJjv]  .*|\\tat .*"))) {
                inComplaint = false;
                output.append(line).append('\n');
            }
        }
        if (complaint != null) {
            complaints.add(complaint + " in a place not found");
        }
        assertEquals(new Result(0, "missing class\n" + Programs.expectedNode(), ""), new Result(result.exitCode(), output.toString(), result.stderr()));
        assertTrue(NODE_JAVAS_OWN.containsAll(complaints), "complaints not known as node-java's own: " + complaints);
        assertFalse(result.stdout().contains("FATAL ERROR in native method"), result.stdout());
    }

    @Test
    void textOutsideAsciiAndTheBmpRoundTripsUnderLcAllC(@TempDir Path temp) throws Exception {
        // The lesson itself (repeat('né 😀 ', 2)) and a string through java.lang.StringBuilder, in the C locale.
        assertEquals(new Result(0, Programs.expectedNode(), ""), node(NODE_FOLDER.resolve("main.js"), Map.of("LC_ALL", "C")));
        Path script = Files.writeString(temp.resolve("text.js"), LESSON_MODULE + """
                const text = 'né 日本 \\u{1F600}';
                const builder = java.newInstanceSync('java.lang.StringBuilder', text);
                const back = builder.toString();
                console.log(back === text, builder.length(), builder.codePointCount(0, builder.length()), JSON.stringify(back));
                process.exit(0);
                """);
        assertEquals(new Result(0, "true 8 7 \"né 日本 😀\"\n", ""), node(script, Map.of("LC_ALL", "C")));
    }

    @Test
    void npmRunsAnInstallScriptThatAllowScriptsDoesNotAllow(@TempDir Path temp) throws Exception {
        // The npm here runs every dependency's install script; allowScripts (npm 11) only decides
        // which of them it warns about, unless --strict-allow-scripts. A local package, no network.
        Files.createDirectories(temp.resolve("dep"));
        Files.writeString(temp.resolve("dep/package.json"), """
                { "name": "dep-with-script", "version": "1.0.0",
                  "scripts": { "install": "node -e \\"require('fs').writeFileSync('ran.txt', 'yes')\\"" } }
                """);
        Files.createDirectories(temp.resolve("app"));
        Files.writeString(temp.resolve("app/package.json"), """
                { "name": "app", "version": "1.0.0", "private": true,
                  "dependencies": { "dep-with-script": "file:../dep" }, "allowScripts": { "dep-with-script": false } }
                """);
        Result result = Programs.run(temp.resolve("app"), Map.of(), List.of("npm", "install", "--install-links", "--no-audit", "--no-fund", "--offline"));
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("yes", Files.readString(temp.resolve("app/node_modules/dep-with-script/ran.txt")));
    }

    /** The java on the PATH, then /usr/lib/jvm/*, as find-jdk.sh looks: the first JDK older than 25. */
    static Path olderJdk() {
        try {
            List<Path> homes = new java.util.ArrayList<>();
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                Path java = Path.of(dir, "java");
                if (Files.isExecutable(java)) homes.add(java.toRealPath().getParent().getParent());
            }
            if (Files.isDirectory(Path.of("/usr/lib/jvm"))) {
                try (var list = Files.list(Path.of("/usr/lib/jvm"))) { list.sorted().forEach(homes::add); }
            }
            return homes.stream().filter(home -> Files.exists(home.resolve("lib/server/libjvm.so")))
                    .filter(home -> major(home) > 0 && major(home) < 25).findFirst().orElse(null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The major version in a JDK's release file; 0 if it has none. */
    static int major(Path home) {
        try {
            Matcher major = Pattern.compile("JAVA_VERSION=\"(?:1\\.)?(\\d+)").matcher(Files.readString(home.resolve("release")));
            return major.find() ? Integer.parseInt(major.group(1)) : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
