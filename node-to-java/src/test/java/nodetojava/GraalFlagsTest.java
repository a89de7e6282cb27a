package nodetojava;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * graal-flags.sh decides between the optimizing compiler and the interpreter from the JDK's
 * release file. Fake JDKs (a folder with a release file) stand in for the JDKs not installed here.
 */
class GraalFlagsTest {
    static final String COMPILER_FLAGS = "-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=target/compiler";
    static final String INTERPRETER_FLAGS = "-Dpolyglot.engine.WarnInterpreterOnly=false";

    static Programs.Result flags(Path jdk, String compilerVersion) throws Exception {
        return Programs.run(List.of("sh", "graal-flags.sh", jdk.toString(), compilerVersion, "target/compiler"));
    }

    static Path fakeJdk(Path temp, String version) throws Exception {
        Path jdk = Files.createDirectories(temp.resolve("jdk-" + version));
        Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return jdk;
    }

    @Test
    void theSameJdkVersionGetsTheCompiler(@TempDir Path temp) throws Exception {
        assertEquals(new Programs.Result(0, COMPILER_FLAGS + "\n", ""), flags(fakeJdk(temp, "25.0.3"), "25.0.3"));
    }

    @Test
    void aNewerUpdateGetsTheCompiler(@TempDir Path temp) throws Exception {
        // 25.0.10 is newer than 25.0.3: compared as versions, not as text.
        assertEquals(new Programs.Result(0, COMPILER_FLAGS + "\n", ""), flags(fakeJdk(temp, "25.0.10"), "25.0.3"));
    }

    @Test
    void anOlderJdkFallsBackToTheInterpreterWithOneNotice(@TempDir Path temp) throws Exception {
        assertEquals(new Programs.Result(0, INTERPRETER_FLAGS + "\n",
                "notice: JDK 25.0.2 is older than the Graal compiler 25.0.3 needs (JDK 25.0.3 or newer);"
                        + " JavaScript runs in the interpreter (slower).\n"),
                flags(fakeJdk(temp, "25.0.2"), "25.0.3"));
    }

    @Test
    void anotherFeatureReleaseFallsBack(@TempDir Path temp) throws Exception {
        Programs.Result result = flags(fakeJdk(temp, "26.0.1"), "25.0.3");
        assertEquals(INTERPRETER_FLAGS + "\n", result.stdout());
        assertEquals("notice: the Graal compiler 25.0.3 is for JDK 25, this is JDK 26.0.1; JavaScript runs in the interpreter (slower).\n",
                result.stderr());
    }

    @Test
    void aFolderWithoutAReleaseFileFallsBack(@TempDir Path temp) throws Exception {
        Programs.Result result = flags(temp, "25.0.3");
        assertEquals(INTERPRETER_FLAGS + "\n", result.stdout());
        assertEquals(1, result.stderr().lines().count(), result.stderr());
    }

    @Test
    void missingCompilerJarsFallBack(@TempDir Path temp) throws Exception {
        Programs.Result result = Programs.run(List.of("sh", "graal-flags.sh", fakeJdk(temp, "25.0.3").toString(),
                "25.0.3", temp.resolve("no-jars").toString()));
        assertEquals(INTERPRETER_FLAGS + "\n", result.stdout());
        assertEquals("notice: no Graal compiler jars in " + temp.resolve("no-jars") + " (run make); JavaScript runs in the interpreter (slower).\n",
                result.stderr());
    }

    @Test
    void theFallbackFlagsRunTheLessonWithoutAWarning(@TempDir Path temp) throws Exception {
        // The whole fallback path: the flags chosen for an older JDK, then the lesson on this JDK with them.
        String chosen = flags(fakeJdk(temp, "25.0.1"), "25.0.3").stdout().strip();
        List<String> command = new ArrayList<>(List.of(Programs.JAVA));
        command.addAll(Programs.JAVA_FLAGS);
        command.addAll(Arrays.asList(chosen.split(" ")));
        command.addAll(Programs.CLASSPATH);
        command.add("nodetojava.Main");
        Programs.Result result = Programs.run(command);
        assertEquals(new Programs.Result(0, Programs.expectedGraalJs(), ""), result);
    }

    @Test
    void thisJdkGetsTheCompilerOrTheFallback() throws Exception {
        // This machine's JDK and the version pinned in pom.xml: a JDK 25 as new as the compiler
        // gets it; an older update (25.0.0 to 25.0.2 for compiler 25.0.3) falls back with the notice.
        String pom = Files.readString(Path.of("pom.xml"));
        String pinned = pom.replaceAll("(?s).*<graalvm.version>(.*?)</graalvm.version>.*", "$1");
        Runtime.Version jdk = Runtime.version();
        Programs.Result result = flags(Path.of(System.getProperty("java.home")), pinned);
        if (jdk.compareToIgnoreOptional(Runtime.Version.parse(pinned)) >= 0) {
            assertEquals(new Programs.Result(0, COMPILER_FLAGS + "\n", ""), result);
        } else {
            String version = System.getProperty("java.version"); // "25" for 25.0.0, as in the JDK's release file
            assertEquals(new Programs.Result(0, INTERPRETER_FLAGS + "\n", "notice: JDK " + version + " is older than the Graal compiler "
                    + pinned + " needs (JDK " + pinned + " or newer); JavaScript runs in the interpreter (slower).\n"), result);
        }
    }
}
