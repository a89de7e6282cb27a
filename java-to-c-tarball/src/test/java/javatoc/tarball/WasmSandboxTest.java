package javatoc.tarball;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javatoc.tarball.TarReader.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of "When the C is wrong" (WASM.md): the same wild write (deliberate_bug.c) kills a JVM
 * through FFM, and through WebAssembly is a Java exception that names the trap, after which the
 * JVM goes on reading archives.
 */
class WasmSandboxTest {

    @Test
    void throughFfmTheWildWriteKillsTheJvm(@TempDir Path folder) throws Exception {
        Path library = Path.of("target/native/libdeliberate_bug.so").toAbsolutePath();
        assertTrue(Files.exists(library), "make test builds " + library);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:ErrorFile=" + folder.resolve("hs_err_pid%p.log"),
                "-cp", Path.of("target/test-classes").toAbsolutePath().toString(), "javatoc.tarball.DeliberateBugThroughFfm", library.toString())
                .directory(folder.toFile()).redirectErrorStream(true).redirectOutput(folder.resolve("out.txt").toFile()).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
        String output = Files.readString(folder.resolve("out.txt"));
        assertNotEquals(0, child.exitValue(), output);
        assertTrue(output.contains("A fatal error has been detected by the Java Runtime Environment"), output);
        assertTrue(output.contains("SIGSEGV"), output);
        List<Path> crashLogs;
        try (Stream<Path> files = Files.list(folder)) {
            crashLogs = files.filter(f -> f.getFileName().toString().startsWith("hs_err_pid")).toList();
        }
        assertEquals(1, crashLogs.size(), "one hs_err file: " + crashLogs);
        assertTrue(Files.readString(crashLogs.get(0)).contains("deliberate_out_of_bounds_write"), "the crash log names the C function");
        Files.delete(crashLogs.get(0)); // the only hs_err file this suite makes, on purpose
    }

    @Test
    void throughWasmTheWildWriteIsAnExceptionAndTheJvmGoesOn() throws Exception {
        for (Engine engine : List.of(Engine.WASM, Engine.WASM_INTERPRETER)) {
            WasmTrapException trap = assertThrows(WasmTrapException.class, () -> WasmTarball.deliberateOutOfBoundsWrite(engine));
            assertTrue(trap.getMessage().startsWith("the C code trapped in its wasm sandbox while running deliberate_out_of_bounds_write:"
                    + " out of bounds memory access"), trap.getMessage());
            assertEquals(WasmEngineTest.answer(Path.of("example.tar"), Engine.FFM), WasmEngineTest.answer(Path.of("example.tar"), engine));
        }
    }
}
