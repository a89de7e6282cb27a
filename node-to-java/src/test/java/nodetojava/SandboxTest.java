package nodetojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox in this JVM: what crosses the boundary, and what a script cannot do. */
class SandboxTest {
    static final Path MODULES = Path.of("src/main/js");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Sandbox sandbox;

    @BeforeEach
    void open() {
        sandbox = new Sandbox(MODULES, Duration.ofSeconds(30), out, out);
    }

    @AfterEach
    void close() {
        sandbox.close();
    }

    private PolyglotException refused(String javaScript) {
        return assertThrows(PolyglotException.class, () -> sandbox.eval(javaScript), javaScript);
    }

    // --- what crosses the boundary ---

    @Test
    void aRequiredModuleCallsTheExportedJavaMethod() {
        assertEquals(8, sandbox.eval("require('./calculator.js').multiply(4, 2)").asInt());
    }

    @Test
    void javaCallsAJsFunctionBackAsAFunctionalInterface() {
        assertEquals(81, sandbox.eval("calculator.applyTwice(x => x * x, 3)").asInt());
    }

    @Test
    void aJavaExceptionIsCaughtInJs() {
        Value caught = sandbox.eval("try { calculator.divide(1, 0); 'no exception' } catch (e) { e.message }");
        assertEquals("/ by zero", caught.asString());
    }

    @Test
    void anUncaughtJavaExceptionReachesJavaAsTheOriginalException() {
        PolyglotException e = refused("calculator.divide(1, 0)");
        assertTrue(e.isHostException());
        assertInstanceOf(ArithmeticException.class, e.asHostException());
    }

    @Test
    void aJsErrorReachesJavaAsAPolyglotExceptionWithTheJsStackTrace() {
        Value percent = sandbox.eval("require('./main.js')").getMember("percent");
        assertEquals(25.0, percent.execute(1, 4).asDouble());
        PolyglotException e = assertThrows(PolyglotException.class, () -> percent.execute(1, 0));
        assertTrue(e.isGuestException());
        assertEquals("RangeError: whole must be positive, got 0", e.getMessage());
        List<String> jsFrames = java.util.stream.StreamSupport.stream(e.getPolyglotStackTrace().spliterator(), false)
                .filter(PolyglotException.StackFrame::isGuestFrame).map(Main::describe).toList();
        assertEquals(List.of("checkPositive (calculator.js:26)", "percent (calculator.js:31)"), jsFrames);
    }

    @Test
    void aJsErrorThrownInsideAJavaCallbackReachesTheHost() {
        PolyglotException e = refused("calculator.applyTwice(x => { throw new TypeError('bad ' + x) }, 1)");
        assertTrue(e.isGuestException());
        assertEquals("TypeError: bad 1", e.getMessage());
    }

    @Test
    void theNpmPackageLoadsFromNodeModules() {
        assertEquals("25.0.3", sandbox.eval("require('semver').valid('v25.0.3')").asString());
    }

    @Test
    void anEsModuleImportsItsLocalModule() throws Exception {
        Value exports = sandbox.eval(org.graalvm.polyglot.Source.newBuilder("js", MODULES.resolve("esm/main.mjs").toFile()).build());
        assertTrue(exports.getMember("percent").canExecute());
        assertTrue(out.toString().contains("  4 * 2 = 8\n"), out.toString());
    }

    // --- what a script cannot reach ---

    @Test
    void noJavaLangRuntime() {
        assertEquals("TypeError: Access to host class java.lang.Runtime is not allowed or does not exist.",
                refused("Java.type('java.lang.Runtime').getRuntime().exec('id')").getMessage());
    }

    @Test
    void noJavaLangSystem() {
        assertTrue(refused("Java.type('java.lang.System').exit(1)").getMessage().contains("java.lang.System is not allowed"));
        assertTrue(refused("Packages.java.lang.System.exit(1)").getMessage().startsWith("TypeError"));
    }

    @Test
    void noReflection() {
        assertTrue(refused("calculator.getClass()").getMessage().contains("Unknown identifier: getClass"));
        assertTrue(refused("Java.type('java.lang.Class').forName('java.lang.System')").getMessage().contains("not allowed"));
        assertTrue(refused("Java.type('java.lang.reflect.Method')").getMessage().contains("not allowed"));
        // Exported methods are functions to JS, not java.lang.reflect.Method objects.
        assertEquals("undefined", sandbox.eval("typeof calculator.multiply.getClass").asString());
    }

    @Test
    void onlyExportedMembersAreVisible() {
        assertTrue(refused("calculator.secret()").getMessage().contains("Unknown identifier: secret"));
        assertEquals(List.of("applyTwice", "divide", "multiply"),
                sandbox.eval("Object.keys(calculator).sort()").as(List.class));
    }

    @Test
    void noFilesOutsideTheModuleFolder() {
        String denied = "is denied: scripts may read only files in " + MODULES.toAbsolutePath();
        assertTrue(refused("load('/etc/passwd')").getMessage().contains("access to /etc/passwd " + denied));
        assertTrue(refused("require('/etc/passwd')").getMessage().contains("access to /etc/passwd " + denied));
        assertTrue(refused("require('../../../../pom.xml')").getMessage()
                .contains("access to " + Path.of("pom.xml").toAbsolutePath() + " " + denied));
        assertTrue(refused("require('fs')").getMessage().startsWith("TypeError: Cannot load module: 'fs'"));
    }

    @Test
    void noSymbolicLinkOutOfTheModuleFolder(@TempDir Path temp) throws Exception {
        Path modules = Files.createDirectories(temp.resolve("modules/commonjs"));
        Path outside = Files.writeString(temp.resolve("outside.js"), "module.exports = 'a secret outside';");
        Files.createSymbolicLink(modules.resolve("escape.js"), outside);
        Files.writeString(modules.resolve("inside.js"), "module.exports = 'inside';");
        try (Sandbox other = new Sandbox(temp.resolve("modules"), Duration.ofSeconds(30), out, out)) {
            assertEquals("inside", other.eval("require('./inside.js')").asString());
            PolyglotException e = assertThrows(PolyglotException.class, () -> other.eval("require('./escape.js')"));
            assertTrue(e.getMessage().contains("is denied"), e.getMessage());
        }
    }

    @Test
    void theModuleFolderIsReadOnly() throws Exception {
        // GraalJS has no built-in that writes files; the file system refuses writes anyway.
        var files = new ModuleFolderFileSystem(MODULES);
        Path inside = MODULES.resolve("commonjs/new-file.js").toAbsolutePath();
        assertThrows(SecurityException.class, () -> files.newByteChannel(inside,
                java.util.Set.of(java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)));
        assertFalse(Files.exists(inside));
    }

    @Test
    void noThreads() {
        assertTrue(refused("new (Java.type('java.lang.Thread'))(() => {}).start()").getMessage().contains("not allowed"));
        assertEquals("undefined undefined", sandbox.eval("typeof Worker + ' ' + typeof setTimeout").asString());
    }

    @Test
    void noNetwork() {
        assertTrue(refused("Java.type('java.net.Socket')").getMessage().contains("not allowed"));
        assertTrue(refused("require('http')").getMessage().startsWith("TypeError: Cannot load module: 'http'"));
        sandbox.eval("var result; import('https://example.com/x.mjs').then(() => result = 'loaded', e => result = String(e))");
        Value imported = sandbox.eval("result"); // the promise settled after the first eval
        assertTrue(imported.asString().contains("access to https://example.com/x.mjs is denied"), imported.asString());
        assertEquals("undefined undefined undefined", sandbox.eval("typeof fetch + ' ' + typeof XMLHttpRequest + ' ' + typeof WebSocket").asString());
    }

    @Test
    void noProcessEnvironmentOrOtherLanguages() {
        assertEquals("undefined", sandbox.eval("typeof process").asString());
        assertTrue(refused("Polyglot.eval('python', '1')").getMessage().startsWith("ReferenceError: Polyglot is not defined"));
    }

    // --- a script that never ends ---

    @Test
    void aRunawayScriptIsStoppedAndItsContextClosed() {
        try (Sandbox limited = new Sandbox(MODULES, Duration.ofSeconds(1), out, out)) {
            Sandbox.ScriptStoppedException e = assertThrows(Sandbox.ScriptStoppedException.class,
                    () -> limited.eval("for (;;) {}"));
            assertEquals("the script ran longer than 1 s and was stopped (a loop that never ends?); its context is closed",
                    e.getMessage());
            assertThrows(IllegalStateException.class, () -> limited.eval("1 + 1"), "a stopped context stays closed");
        }
        assertFalse(watchdogRunning(), "no watchdog thread is left behind");
    }

    @Test
    void aRunawayCallbackInsideJavaIsStoppedToo() {
        try (Sandbox limited = new Sandbox(MODULES, Duration.ofSeconds(1), out, out)) {
            assertThrows(Sandbox.ScriptStoppedException.class,
                    () -> limited.eval("calculator.applyTwice(x => { for (;;) {} }, 1)"));
        }
        assertFalse(watchdogRunning());
    }

    @Test
    void scriptsThatFinishInTimeLeaveNothingRunning() {
        for (int i = 0; i < 50; i++) {
            assertEquals(2 * i, sandbox.eval("calculator.multiply(" + i + ", 2)").asInt());
        }
        assertFalse(watchdogRunning());
    }

    private static boolean watchdogRunning() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("js-watchdog"));
    }

    // --- misuse by the host ---

    @Test
    void aClosedSandboxCannotBeUsedAgain() {
        sandbox.close();
        assertThrows(IllegalStateException.class, () -> sandbox.eval("1"));
    }

    @Test
    void aMissingModuleFolderIsAClearError(@TempDir Path temp) {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> new Sandbox(temp.resolve("nothing-here"), Duration.ofSeconds(1), out, out));
        assertTrue(e.getMessage().contains("nothing-here does not exist; run `make` first"), e.getMessage());
    }
}
