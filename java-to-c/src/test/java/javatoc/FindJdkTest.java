package javatoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** find-jdk.sh: a too-old or broken JAVA_HOME stops the build with the versions and the fix. */
class FindJdkTest {

    static Programs.Result findJdk(String javaHome) throws Exception {
        return Programs.run(Path.of("").toAbsolutePath(), Map.of("JAVA_HOME", javaHome), List.of("sh", "find-jdk.sh", "25"));
    }

    /** A folder that looks like a JDK of the given version: a release file and bin/javac. */
    static Path fakeJdk(Path dir, String version) throws Exception {
        Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("bin/javac"), "#!/bin/sh\n");
        dir.resolve("bin/javac").toFile().setExecutable(true);
        Files.writeString(dir.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        return dir;
    }

    @Test
    void acceptsTheJdkRunningThisTest() throws Exception {
        Path home = Path.of(System.getProperty("java.home"));
        Programs.Result result = findJdk(home.toString());
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(home + "\n", result.stdout());
    }

    @Test
    void aJdk17NamesBothVersionsAndTheFix(@TempDir Path dir) throws Exception {
        Programs.Result result = findJdk(fakeJdk(dir, "17.0.15").toString());
        assertEquals(1, result.exitCode());
        assertEquals("", result.stdout());
        assertTrue(result.stderr().contains("is JDK 17, but JDK 25 is needed"), result.stderr());
        assertTrue(result.stderr().contains("export JAVA_HOME="), result.stderr());
    }

    @Test
    void oldVersionSchemeIsReadAsItsFeatureVersion(@TempDir Path dir) throws Exception {
        Programs.Result result = findJdk(fakeJdk(dir, "1.8.0_402").toString());
        assertTrue(result.stderr().contains("is JDK 8, but JDK 25 is needed"), result.stderr());
    }

    @Test
    void aNewerJdkIsAccepted(@TempDir Path dir) throws Exception {
        assertEquals(0, findJdk(fakeJdk(dir, "26").toString()).exitCode());
    }

    @Test
    void aFolderThatIsNoJdkIsRejected(@TempDir Path dir) throws Exception {
        Programs.Result result = findJdk(dir.toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.stderr().contains("is not a JDK"), result.stderr());
    }
}
