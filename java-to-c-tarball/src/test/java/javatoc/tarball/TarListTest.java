package javatoc.tarball;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TarList run as a user would (a plain `java` command), checked against tar itself. */
class TarListTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String CLASSPATH = Path.of("target/classes").toAbsolutePath() + ":" + Path.of("target/lib").toAbsolutePath() + "/*";
    /** Where this JVM found libtarball.so: under make test, the sanitizer build (children inherit LD_PRELOAD). */
    static final String NATIVE = System.getProperty("java.library.path");

    record Result(int exitCode, String stdout, String stderr) {}

    static Result tarList(Path workDir, String libraryPath, String archive) throws Exception {
        return run(List.of(), "javatoc.tarball.TarList", workDir, libraryPath, archive);
    }

    static Result run(String mainClass, Path workDir, String libraryPath, String archive) throws Exception {
        return run(List.of(), mainClass, workDir, libraryPath, archive);
    }

    /** Runs a main class of this folder as a process, as `make` does, in the "C" locale. */
    static Result run(List<String> jvmOptions, String mainClass, Path workDir, String libraryPath, String archive) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA, "--enable-native-access=ALL-UNNAMED", "-Djava.library.path=" + libraryPath));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", CLASSPATH, mainClass, archive));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().put("LC_ALL", "C"); // the "C" locale, whatever LANG or LC_CTYPE say: names must still come out as UTF-8
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "TarList did not finish");
        Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        try (var files = Files.list(workDir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("hs_err_pid")), "the JVM crashed");
        }
        return result;
    }

    @Test
    void printsSizeTabNameForEachRegularFileLikeTar(@TempDir Path folder) throws Exception {
        Files.createDirectories(folder.resolve("sub dir"));
        Files.writeString(folder.resolve("sub dir/ünïcödé.txt"), "x".repeat(1234));
        Files.write(folder.resolve("empty"), new byte[0]);
        Files.writeString(folder.resolve("z" + "-long".repeat(30)), "long\n");
        Path archive = Archives.create(folder, "t.tar", "gnu", "sub dir", "empty", "z" + "-long".repeat(30));
        String expected = Archives.list(archive).stream().filter(l -> l.type() == '-')
                .map(l -> l.size() + "\t" + l.name() + "\n").collect(Collectors.joining());
        Result result = tarList(folder, NATIVE, "t.tar");
        assertEquals(new Result(0, expected, ""), result);
        assertEquals(3, result.stdout().lines().count());
    }

    @Test
    void aMalformedArchiveIsOneLineAndExitStatus1(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("a.txt"), "alpha\n");
        byte[] archive = Files.readAllBytes(Archives.create(folder, "a.tar", "ustar", "a.txt"));
        archive[0] ^= 1;
        Files.write(folder.resolve("bad.tar"), archive);
        Result result = tarList(folder, NATIVE, "bad.tar");
        assertEquals(1, result.exitCode());
        assertEquals("", result.stdout());
        assertEquals("tar-list: error: bad.tar: the header at byte 0 has a wrong checksum (damaged, or not a tar archive)\n", result.stderr());
    }

    @Test
    void aMissingArchiveIsOneLineAndExitStatus1(@TempDir Path folder) throws Exception {
        Result result = tarList(folder, NATIVE, "missing.tar");
        assertEquals(new Result(1, "", "tar-list: error: missing.tar: cannot open it: No such file or directory\n"), result);
    }

    @Test
    void aMissingLibraryIsOneLineThatSaysHowToBuildIt(@TempDir Path folder) throws Exception {
        Result result = tarList(folder, folder.toString(), "any.tar");
        assertEquals(1, result.exitCode());
        assertEquals(1, result.stderr().lines().count(), result.stderr());
        assertTrue(result.stderr().startsWith("tar-list: error: libtarball.so could not be loaded from -Djava.library.path=" + folder), result.stderr());
        assertTrue(result.stderr().contains("build it with `make`"), result.stderr());
    }
}
