package pythontojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    private static String quoted(Path path) {
        return "'" + path.toAbsolutePath() + "'";
    }
}
