package javatoc.tarball;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JNA contrast: the same bytes, but copies; "closed" checked by our own code. */
class JnaTarballTest {
    @Test
    void copiesTheSameBytesAndTheCopiesOutliveTheTarball(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("a.txt"), "alpha\n");
        Files.writeString(folder.resolve("b.txt"), "beta\n".repeat(1000));
        Path archive = Archives.create(folder, "ab.tar", "pax", "a.txt", "b.txt");
        byte[] copy;
        try (JnaTarball jna = JnaTarball.open(archive); Tarball ffm = Tarball.open(archive)) {
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(ffm.file(i).orElseThrow().toArray(JAVA_BYTE), jna.file(i).orElseThrow());
            }
            assertTrue(jna.file(2).isEmpty());
            assertTrue(jna.file(-1).isEmpty());
            copy = jna.file(1).orElseThrow();
            copy[0] = 'B'; // a copy: writing it changes nothing in C
            assertEquals('b', (char) jna.file(1).orElseThrow()[0]);
        }
        assertEquals("Beta\n", new String(copy, 0, 5), "a byte[] is still valid after close");
    }

    @Test
    void afterCloseItThrowsBecauseWeCheckNotBecauseJnaDoes(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("a.txt"), "alpha\n");
        JnaTarball jna = JnaTarball.open(Archives.create(folder, "a.tar", "gnu", "a.txt"));
        jna.close();
        jna.close(); // the Cleaner runs the C close at most once
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> jna.file(0));
        assertEquals("the tarball is closed", e.getMessage());
    }
}
