package tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a tool as a process, as make would, and keeps what it printed. */
record Run(int exitCode, String stdout, String stderr) {

    /** The tools folder (the tests run in it). */
    static final Path TOOLS = Path.of("").toAbsolutePath();

    static Run run(Path dir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(dir.toFile());
        builder.environment().putAll(env);
        File out = Files.createTempFile("out", ".txt").toFile(), err = Files.createTempFile("err", ".txt").toFile();
        Process process = builder.redirectOutput(out).redirectError(err).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        return new Run(process.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
    }

    /** A shell script at dir/name. */
    static Path script(Path dir, String name, String body) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        file.toFile().setExecutable(true);
        return file;
    }
}
