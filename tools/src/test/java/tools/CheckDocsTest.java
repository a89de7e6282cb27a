package tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check_docs.py: a README's code blocks are exact excerpts of their sources, or it fails. */
class CheckDocsTest {

    @TempDir Path dir;

    static final String SOURCE = """
            class Hello {
                static int twice(int x) {
                    return 2 * x;
                }
            }
            """;

    Run check(String readme) throws Exception {
        Files.writeString(dir.resolve("Hello.java"), SOURCE);
        Files.writeString(dir.resolve("README.md"), readme);
        return Run.run(dir, Map.of(), "python3", Run.TOOLS.resolve("check_docs.py").toString(), "README.md");
    }

    static String block(String marker, String code) {
        return "Text.\n\n" + marker + "\n```java\n" + code + "```\n";
    }

    @Test
    void anExactExcerptPassesWhateverItsIndentation() throws Exception {
        assertEquals(0, check(block("<!-- excerpt: Hello.java -->", "static int twice(int x) {\n    return 2 * x;\n")).exitCode());
        assertEquals(0, check(block("<!-- excerpt: Hello.java -->", "    return 2 * x;\n}\n")).exitCode());
    }

    @Test
    void anEditedExcerptFailsNamingTheBlock() throws Exception {
        Run run = check(block("<!-- excerpt: Hello.java -->", "static int twice(int x) {\n    return x + x;\n"));
        assertEquals(1, run.exitCode());
        assertEquals("README.md:4: the block is not an exact excerpt of Hello.java (it was edited, or the source changed): copy it again\n", run.stdout());
    }

    @Test
    void aLineLeftOutFails() throws Exception {
        assertEquals(1, check(block("<!-- excerpt: Hello.java -->", "class Hello {\n    return 2 * x;\n")).exitCode());
    }

    @Test
    void aBlockWithoutAMarkerFailsButCommandsAndSketchesDoNot() throws Exception {
        Run run = check(block("", "int x = 1;\n"));
        assertEquals(1, run.exitCode());
        assertTrue(run.stdout().contains("a code block without a marker"), run.stdout());
        assertEquals(0, check("```sh\nmake run\n```\n").exitCode());
        assertEquals(0, check(block("<!-- sketch -->", "anything at all\n")).exitCode());
    }

    @Test
    void aMissingSourceFails() throws Exception {
        Run run = check(block("<!-- output: expected-output.txt -->", "4 * 2 = 8\n"));
        assertEquals("README.md:4: output of expected-output.txt, which does not exist\n", run.stdout());
    }

    /** Every README of the repository passes as it is, and fails once any one of its excerpts is edited. */
    @Test
    void everyReadmeFailsWhenAnExcerptIsEdited() throws Exception {
        List<Path> readmes = new ArrayList<>();
        readmes.add(Run.TOOLS.resolve("../README.md").normalize());
        try (Stream<Path> folders = Files.list(Run.TOOLS.getParent())) {
            folders.map(folder -> folder.resolve("README.md")).filter(Files::exists).forEach(readmes::add);
        }
        int edited = 0;
        for (Path readme : readmes) {
            String original = Files.readString(readme);
            assertEquals(0, checkInPlace(readme, original).exitCode(), readme + " does not pass as it is");
            int marker = original.indexOf("<!-- excerpt: ");
            if (marker < 0) continue;
            int code = original.indexOf('\n', original.indexOf("```", marker)) + 1;
            String changed = original.substring(0, code) + "// an edit\n" + original.substring(code);
            Run run = checkInPlace(readme, changed);
            assertEquals(1, run.exitCode(), readme + " still passes after its first excerpt was edited");
            edited++;
        }
        assertTrue(edited > 0, "no README has an excerpt to edit");
    }

    /** Checks a changed copy of a README, kept in the test's own folder, against the README's folder. */
    Run checkInPlace(Path readme, String text) throws Exception {
        Path copy = Files.writeString(dir.resolve("README-copy.md"), text);
        return Run.run(dir, Map.of(), "python3", Run.TOOLS.resolve("check_docs.py").toString(),
                "--folder", readme.getParent().toString(), copy.toString());
    }
}
