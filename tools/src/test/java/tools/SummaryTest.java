package tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run-example.sh and summary.sh: one line per example, skipped parts named, CI=true strict. */
class SummaryTest {

    @TempDir Path dir;

    /** An example folder whose `make all` prints the given lines and exits with the given status. */
    void example(String name, String output, int status) throws Exception {
        Files.createDirectories(dir.resolve(name));
        Files.writeString(dir.resolve(name).resolve("Makefile"), "all:\n\t@printf '" + output + "'; exit " + status + "\n");
    }

    Run makeAll(boolean ci, String... examples) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("CI", ci ? "true" : ""));
        StringBuilder lines = new StringBuilder();
        for (String example : examples) {
            Run line = Run.run(dir, env, "sh", Run.TOOLS.resolve("run-example.sh").toString(), example, "all", "build");
            lines.append(line.stdout().replaceAll(" +[0-9.]+s", " Ns"));
        }
        String[] summary = new String[examples.length + 3];
        summary[0] = "sh"; summary[1] = Run.TOOLS.resolve("summary.sh").toString(); summary[2] = "all";
        String[] withBuild = new String[examples.length + 4];
        System.arraycopy(summary, 0, withBuild, 0, 3);
        withBuild[3] = "build";
        System.arraycopy(examples, 0, withBuild, 4, examples.length);
        Run total = Run.run(dir, env, withBuild);
        return new Run(total.exitCode(), lines + total.stdout(), total.stderr());
    }

    @Test
    void aSkippedPartIsNamedOnAPassingLine() throws Exception {
        example("one", "ok\\nSKIP: CPython + JPype: not installed; to install it: apt-get install -y python3-jpype\\n", 0);
        example("two", "SKIP: two: no cargo here\\n", 0);
        Run run = makeAll(false, "one", "two");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("""
                one                PASS Ns
                    (skipped: CPython + JPype: not installed; to install it: apt-get install -y python3-jpype)
                two                SKIP Ns   SKIP: two: no cargo here
                examples: 1 passed, 0 failed, 1 skipped
                """, run.stdout());
        String xml = Files.readString(dir.resolve("build/test-results/make-all.xml"));
        assertTrue(xml.contains("tests=\"3\" failures=\"0\" skipped=\"2\""), xml);
        assertTrue(xml.contains("<testcase classname=\"make.all.one\" name=\"CPython + JPype\" time=\"0\"><skipped message=\"SKIP: CPython + JPype: not installed;"), xml);
    }

    @Test
    void underCiASkipFailsLoudly() throws Exception {
        example("one", "SKIP: part: why\\n", 0);
        Run run = makeAll(true, "one");
        assertEquals(1, run.exitCode());
        assertTrue(run.stdout().startsWith("one                FAIL Ns\n"), run.stdout());
        assertTrue(run.stdout().contains("CI=true: a skipped part counts as a failure"), run.stdout());
        assertTrue(run.stdout().endsWith("examples: 0 passed, 1 failed, 0 skipped\n"), run.stdout());
    }

    /** An example whose `make test` writes a Surefire report with one test passed and one skipped. */
    void exampleWithASkippedTest(String name) throws Exception {
        Files.createDirectories(dir.resolve(name));
        Files.writeString(dir.resolve(name).resolve("report.xml"), """
                <testsuite tests="2" failures="0" errors="0" skipped="1">
                  <testcase name="runs()" classname="x.ATest" time="0.1"/>
                  <testcase name="needsCargo()" classname="x.ATest" time="0">
                    <skipped message="no cargo"/>
                  </testcase>
                </testsuite>
                """);
        Files.writeString(dir.resolve(name).resolve("Makefile"),
                "test:\n\t@mkdir -p target/surefire-reports && cp report.xml target/surefire-reports/TEST-x.ATest.xml\n");
    }

    Run makeTest(boolean ci, String example) throws Exception {
        Map<String, String> env = Map.of("CI", ci ? "true" : "");
        Run line = Run.run(dir, env, "sh", Run.TOOLS.resolve("run-example.sh").toString(), example, "test", "build");
        Run total = Run.run(dir, env, "sh", Run.TOOLS.resolve("summary.sh").toString(), "test", "build", example);
        return new Run(total.exitCode(), line.stdout().replaceAll(" +[0-9.]+s", " Ns") + total.stdout(), total.stderr());
    }

    @Test
    void aSkippedJUnitTestIsNamedAndFailsUnderCi() throws Exception {
        exampleWithASkippedTest("one");
        Run run = makeTest(false, "one");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("""
                one                PASS Ns   (2 tests, 0 failed, 1 skipped)
                    (skipped: JUnit test x.ATest.needsCargo(): no cargo)
                examples: 1 passed, 0 failed, 0 skipped
                junit: 1 passed, 0 failed, 1 skipped
                """, run.stdout());
        Run ci = makeTest(true, "one");
        assertEquals(1, ci.exitCode(), ci.toString());
        assertTrue(ci.stdout().startsWith("one                FAIL Ns   (2 tests, 0 failed, 1 skipped)\n"), ci.stdout());
        assertTrue(ci.stdout().contains("    | SKIP: JUnit test x.ATest.needsCargo(): no cargo\n"), ci.stdout());
    }

    @Test
    void aFailureShowsTheEndOfItsLog() throws Exception {
        example("one", "compiling\\nerror: the reason\\n", 2);
        Run run = makeAll(false, "one");
        assertEquals(1, run.exitCode());
        assertTrue(run.stdout().contains("    | error: the reason\n"), run.stdout());
        assertTrue(Files.readString(dir.resolve("build/test-results/make-all.xml")).contains("<failure message=\"make all failed in one\">"));
    }
}
