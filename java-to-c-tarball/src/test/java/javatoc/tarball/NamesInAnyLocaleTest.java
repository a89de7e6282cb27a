package javatoc.tarball;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A name outside ASCII and outside the BMP comes back whole through FFM and JNA, in the C locale too. */
class NamesInAnyLocaleTest {
    static final String NAME = "na\u00efve-\uD834\uDD1E.txt"; // ï (U+00EF) and the G clef 𝄞 (U+1D11E), four bytes in UTF-8

    @Test
    void namesRoundTripInTheCLocale(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve(NAME), "x");
        Path archive = Archives.create(folder, "names.tar", "pax", NAME);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Djava.library.path=" + TarListTest.NATIVE, "-Djna.library.path=" + TarListTest.NATIVE,
                "-cp", System.getProperty("java.class.path"), PrintNames.class.getName(), archive.toString());
        builder.environment().put("LC_ALL", "C"); // JNA's default string encoding is then ASCII
        Path out = folder.resolve("out.txt"); // a file, not a pipe: a child that hangs cannot hang the test
        Process process = builder.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
        String output = Files.readString(out, StandardCharsets.UTF_8);
        String expected = PrintNames.codePoints(List.of(NAME));
        assertEquals("U+006E U+0061 U+00EF U+0076 U+0065 U+002D U+1D11E U+002E U+0074 U+0078 U+0074", expected); // the name, by hand
        assertEquals("ffm " + expected + "\njna " + expected + "\n", output);
        assertEquals(0, process.exitValue());
    }
}
