package javatoc.tarball;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Borrow, the program `make run` runs, started as a user would. */
class BorrowTest {
    @Test
    void printsTheLessonOnTheExampleArchive(@TempDir Path folder) throws Exception {
        TarListTest.Result result = TarListTest.run("javatoc.tarball.Borrow", folder, TarListTest.NATIVE,
                Path.of("example.tar").toAbsolutePath().toString());
        List<String> expected = Files.readAllLines(Path.of("expected-output.txt")); // make run: Borrow's lines, then ManyReaders'
        String borrows = String.join("\n", expected.subList(0, expected.size() - ManyReadersTest.LINES)) + "\n";
        assertEquals(new TarListTest.Result(0, borrows, ""), result);
    }

    @Test
    void aMalformedArchiveIsOneLineAndExitStatus1(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("text.tar"), "not a tar archive\n".repeat(40));
        TarListTest.Result result = TarListTest.run("javatoc.tarball.Borrow", folder, TarListTest.NATIVE, "text.tar");
        assertEquals(new TarListTest.Result(1, "", "borrow: error: text.tar: the header at byte 0 has a checksum field "
                + "that is not an octal number (not a tar archive?)\n"), result);
    }

    @Test
    void anArchiveWithoutFilesStillRuns(@TempDir Path folder) throws Exception {
        Path empty = Files.createDirectories(folder.resolve("empty"));
        Path archive = Archives.create(empty, "dirs.tar", "pax", ".");
        TarListTest.Result result = TarListTest.run("javatoc.tarball.Borrow", folder, TarListTest.NATIVE, archive.toString());
        assertEquals(new TarListTest.Result(0, "DIRECTORY           0  ./\n", ""), result);
    }
}
