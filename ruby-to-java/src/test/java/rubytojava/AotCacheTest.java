package rubytojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rubytojava.Programs.with;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rubytojava.Programs.Result;

/**
 * The start-up setting that `make run` uses: C1 only and an AOT cache, with -Xlog:aot=off. A cache
 * that is missing or stale (a jar changed after training) must be ignored: same output, no warning.
 */
class AotCacheTest {
    static final String SCRIPT = "puts 4 * 2";
    @TempDir static Path dir;
    static Path jar;
    static Path cache;

    static final List<String> STARTUP_FLAGS = Programs.STARTUP_FLAGS;

    static List<String> fastFlags(Path aotCache) {
        return with(STARTUP_FLAGS, "-XX:AOTCache=" + aotCache, "-Xlog:aot=off");
    }

    static Result ruby(List<String> startupFlags) throws Exception {
        List<String> command = new ArrayList<>(Programs.JAVA_FLAGS);
        command.addAll(startupFlags);
        command.addAll(List.of("-cp", jar.toString(), "org.jruby.main.Main", "--disable-gems", "-e", SCRIPT));
        return Programs.java(dir, command);
    }

    /** A training run, as in the Makefile, on a copy of the JRuby jar that the tests may change. */
    @BeforeAll
    static void makeACache() throws Exception {
        jar = Files.copy(Programs.JRUBY_JAR, dir.resolve("jruby-complete.jar"));
        cache = dir.resolve("jruby.aot");
        Result training = ruby(with(STARTUP_FLAGS, "-XX:AOTCacheOutput=" + cache));
        assertEquals(0, training.exitCode(), training.stderr());
        assertTrue(Files.size(cache) > 0);
    }

    @Test
    void aFreshCacheIsUsed() throws Exception {
        // AOTMode=on makes the JVM stop if it cannot use the cache.
        Result result = ruby(with(STARTUP_FLAGS, "-XX:AOTCache=" + cache, "-XX:AOTMode=on"));
        assertEquals("", result.stderr());
        assertEquals("8\n", result.stdout());
        assertEquals(0, result.exitCode());
        Result withOurFlags = ruby(fastFlags(cache));
        assertEquals(new Result(0, "8\n", ""), withOurFlags);
    }

    @Test
    void aMissingCacheIsIgnoredSilently() throws Exception {
        assertEquals(new Result(0, "8\n", ""), ruby(fastFlags(dir.resolve("no-such.aot"))));
    }

    @Test
    void anEmptyCacheFileIsIgnoredSilently() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.aot"));
        assertEquals(new Result(0, "8\n", ""), ruby(fastFlags(empty)));
    }

    @Test
    void aStaleCacheIsIgnoredSilentlyButOnlyWithXlogAotOff() throws Exception {
        // The jar changes after the training run (here only its date, as a rebuild would).
        FileTime trained = Files.getLastModifiedTime(jar);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        try {
            Result strict = ruby(List.of("-XX:AOTCache=" + cache, "-XX:AOTMode=on"));
            assertNotEquals(0, strict.exitCode(), "the JVM must notice that the jar changed");
            assertEquals(new Result(0, "8\n", ""), ruby(fastFlags(cache)));
            // Without -Xlog:aot=off the JVM says so, on stdout, mixed with the program's output.
            Result chatty = ruby(with(STARTUP_FLAGS, "-XX:AOTCache=" + cache));
            assertTrue(chatty.stdout().contains("shared class paths mismatch"), chatty.stdout());
            assertTrue(chatty.stdout().endsWith("8\n"), chatty.stdout());
        } finally {
            Files.setLastModifiedTime(jar, trained);
        }
    }
}
