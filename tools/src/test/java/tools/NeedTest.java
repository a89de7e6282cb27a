package tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * need.sh against a fake apt-get and a fake id on the PATH: it installs when it may, and
 * otherwise prints one SKIP line with the command, never a stack trace or an interactive prompt.
 */
class NeedTest {

    @TempDir Path dir;

    /** The package "fake-pkg" is "installed" when the file `installed` exists; apt-get logs its calls. */
    Path fakeBin(String uid, String aptGet) throws Exception {
        Path bin = dir.resolve("bin");
        Run.script(bin, "id", "echo " + uid);
        if (aptGet != null) {
            Run.script(bin, "apt-get", "echo \"$*\" >> '" + dir.resolve("apt.log") + "'\n" + aptGet);
        }
        // Only what need.sh uses from the system, so that the PATH holds no real apt-get.
        for (String tool : new String[] {"sh", "grep", "cut", "rm", "flock", "cat", "touch"}) {
            Path real = Path.of("/usr/bin", tool);
            if (!Files.exists(real)) real = Path.of("/bin", tool);
            Files.copy(real, bin.resolve(tool), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
        return bin;
    }

    Run need(Path bin, Map<String, String> extra) throws Exception {
        var env = new java.util.HashMap<>(Map.of("PATH", bin.toString(), "NO_INSTALL", "", "TMPDIR", dir.toString()));
        env.putAll(extra);
        return Run.run(dir, env, "/bin/sh", Run.TOOLS.resolve("need.sh").toString(),
                "Fake part", "test -f '" + dir.resolve("installed") + "'", "fake-pkg");
    }

    String aptCalls() throws Exception {
        Path log = dir.resolve("apt.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Test
    void alreadyThereIsSilent() throws Exception {
        Files.writeString(dir.resolve("installed"), "");
        Run run = need(fakeBin("0", "exit 1"), Map.of());
        assertEquals(new Run(0, "", ""), run);
        assertEquals("", aptCalls());
    }

    @Test
    void installsAsRootWithOneLineOnStderr() throws Exception {
        Run run = need(fakeBin("0", "touch '" + dir.resolve("installed") + "'"), Map.of());
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("", run.stdout());
        assertEquals("installing fake-pkg (Fake part) with apt-get\n", run.stderr());
        assertEquals("install -y -q fake-pkg\n", aptCalls());
    }

    /** Stale package lists: the first install fails; after an update it works. */
    @ParameterizedTest
    @ValueSource(strings = {"E: Unable to locate package fake-pkg",
            "E: Unable to correct problems, you have held broken packages."})
    void updatesThePackageListsWhenAnInstallFails(String error) throws Exception {
        String aptGet = """
                case "$1" in
                  update) touch '%1$s/updated' ;;
                  install) test -f '%1$s/updated' || { echo '%2$s'; exit 100; }
                           touch '%1$s/installed' ;;
                esac""".formatted(dir, error);
        Run run = need(fakeBin("0", aptGet), Map.of());
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("install -y -q fake-pkg\nupdate -q\ninstall -y -q fake-pkg\n", aptCalls());
    }

    @Test
    void aRefusedInstallIsOneSkipLineWithTheReason() throws Exception {
        Run run = need(fakeBin("0", "echo 'E: Unable to locate package fake-pkg'; exit 100"), Map.of());
        assertEquals(1, run.exitCode());
        assertEquals("SKIP: Fake part: apt-get failed (E: Unable to locate package fake-pkg); "
                + "to install it: apt-get install -y fake-pkg\n", run.stdout());
        assertEquals("installing fake-pkg (Fake part) with apt-get\n", run.stderr());
    }

    @Test
    void anInstallThatDoesNotHelpIsASkip() throws Exception {
        Run run = need(fakeBin("0", "exit 0"), Map.of());
        assertEquals(1, run.exitCode());
        assertTrue(run.stdout().startsWith("SKIP: Fake part: installed fake-pkg, but the check still fails"), run.stdout());
    }

    @Test
    void notRootDoesNotTryToInstall() throws Exception {
        Run run = need(fakeBin("1000", "exit 0"), Map.of());
        assertEquals(new Run(1, "SKIP: Fake part: not installed, and only root can install it; "
                + "to install it: apt-get install -y fake-pkg\n", ""), run);
        assertEquals("", aptCalls());
    }

    @Test
    void noInstallSaysSo() throws Exception {
        Run run = need(fakeBin("0", "exit 0"), Map.of("NO_INSTALL", "1"));
        assertEquals(new Run(1, "SKIP: Fake part: not installed, and NO_INSTALL=1 says not to install it; "
                + "to install it: apt-get install -y fake-pkg\n", ""), run);
        assertEquals("", aptCalls());
    }

    @Test
    void noAptGetSaysSo() throws Exception {
        Run run = need(fakeBin("0", null), Map.of());
        assertEquals(1, run.exitCode());
        assertEquals("SKIP: Fake part: not installed, and there is no apt-get here; "
                + "to install it: apt-get install -y fake-pkg\n", run.stdout());
        assertFalse(run.stderr().contains("Exception"));
    }

    @Test
    void wrongUsageIsAnErrorNotASkip() throws Exception {
        Run run = Run.run(dir, Map.of(), "/bin/sh", Run.TOOLS.resolve("need.sh").toString(), "only a part");
        assertEquals(new Run(2, "", "usage: need.sh PART CHECK PACKAGE...\n"), run);
    }
}
