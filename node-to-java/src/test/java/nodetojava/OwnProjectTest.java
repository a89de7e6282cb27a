package nodetojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nodetojava.Programs.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OWN_PROJECT.md: Commons Text (and Commons Lang, which it needs) from target/deps, through GraalJS
 * and through node-java; what a user gets when a jar is missing or the class path has a wildcard;
 * the process model (fork, worker threads).
 */
class OwnProjectTest {
    static final Path DEPS = Programs.HERE.resolve("target/deps");
    static final Path NODE_FOLDER = NodeTest.NODE_FOLDER;

    /** target/deps without commons-lang3, as a user who copied only the library's own jar has it. */
    static Path onlyCommonsText(Path temp) throws Exception {
        try (var jars = Files.list(DEPS)) {
            for (Path jar : jars.filter(j -> j.getFileName().toString().startsWith("commons-text-")).toList()) {
                Files.copy(jar, temp.resolve(jar.getFileName()));
            }
        }
        return temp;
    }

    static Result graalJs(String classPath) throws Exception {
        List<String> command = new ArrayList<>(List.of(Programs.JAVA));
        command.addAll(Programs.JAVA_FLAGS);
        command.addAll(List.of("-Dpolyglot.engine.WarnInterpreterOnly=false", "-cp", classPath, "nodetojava.OwnProject"));
        return Programs.run(command);
    }

    static Result node(String script, String... args) throws Exception {
        assumeTrue(Files.exists(NodeTest.BRIDGE), "node-java is not built here (make builds it, or says why it cannot)");
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", null);
        List<String> command = new ArrayList<>(List.of("node", NODE_FOLDER.resolve(script).toString()));
        command.addAll(List.of(args));
        return Programs.run(NODE_FOLDER, env, command);
    }

    @Test
    void graalJsCallsCommonsTextAndTheLookupListHoldsOnlyWordUtils() throws Exception {
        Result result = Programs.run(Programs.java(Programs.LESSON, "nodetojava.OwnProject"));
        assertEquals(new Result(0, Programs.expected("In your own project (GraalJS):", "Node.js:"), ""), result);
    }

    @Test
    void graalJsWithoutCommonsLang3IsOneLine(@TempDir Path temp) throws Exception {
        Result result = graalJs("target/node-to-java.jar:target/lib/*:" + onlyCommonsText(temp) + "/*");
        assertEquals(new Result(1, "", "error: java.lang.NoClassDefFoundError: org/apache/commons/lang3/StringUtils"
                + " (is every jar of target/deps on the class path?)\n"), noHeader(result));
    }

    @Test
    void graalJsWithoutTheLibraryIsOneLine() throws Exception {
        Result result = graalJs("target/node-to-java.jar:target/lib/*");
        assertEquals(new Result(1, "", "error: org.apache.commons.text.WordUtils is not on the class path:"
                + " add target/deps/* (make copies the jars there)\n"), result);
    }

    @Test
    void nodeCallsCommonsTextWithAServicesFlags() throws Exception {
        assertEquals(new Result(0, Programs.expected("In your own project (Node.js):", "Process model"), ""), node("own-project.js"));
    }

    @Test
    void nodeWithoutCommonsLang3GetsNoClassDefFoundError(@TempDir Path temp) throws Exception {
        Result result = node("own-project.js", onlyCommonsText(temp).toString());
        assertEquals(new Result(1, "", "error: java.lang.NoClassDefFoundError: org/apache/commons/lang3/StringUtils\n"), noHeader(result));
    }

    @Test
    void nodeJavaDoesNotExpandAClassPathWildcard(@TempDir Path temp) throws Exception {
        // The pattern `java -cp 'target/deps/*'` accepts, pushed as one entry: the JVM does not expand it.
        Path script = Files.writeString(temp.resolve("wildcard.js"), NodeTest.BRIDGE_MODULE + """
                java.classpath.push('%s/*');
                try {
                  java.callStaticMethodSync('org.apache.commons.text.WordUtils', 'capitalizeFully', 'x');
                } catch (e) {
                  console.log(e.message.split('\\n')[0]);
                }
                process.exit(0);
                """.formatted(DEPS));
        Result result = node(script.toString());
        assertEquals(new Result(0, "Could not create class org.apache.commons.text.WordUtils\n", ""), result);
    }

    @Test
    void eachForkedChildHasItsOwnJvmAndAWorkerThreadCannotLoadNodeJava() throws Exception {
        assertEquals(new Result(0, Programs.expected("Process model", null), ""), node("process-model.js"));
    }

    /** The first line of the program's stdout is its header, printed before the failure. */
    static Result noHeader(Result result) {
        return new Result(result.exitCode(), result.stdout().lines().skip(1).map(l -> l + "\n").reduce("", String::concat), result.stderr());
    }
}
