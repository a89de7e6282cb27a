package pythontojava;

import java.io.IOException;
import java.nio.file.Path;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;

/**
 * Runs a Python script you trust with GraalPy, letting it use a library on the class path:
 * `GraalPyWithLibrary PACKAGE_PREFIX script.py`. No sandbox (GraalPyRunner has one): the script
 * may look up the classes under the prefix and call their public members (a library has no
 * {@code @HostAccess.Export} annotations).
 */
public final class GraalPyWithLibrary {
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: GraalPyWithLibrary PACKAGE_PREFIX script.py  (e.g. org.apache.commons. src/main/python/graalpy/commons_text.py)");
            System.exit(2);
        }
        String prefix = args[0];
        try (Context context = Context.newBuilder("python")
                .allowHostAccess(HostAccess.ALL)
                .allowHostClassLookup(name -> name.startsWith(prefix))
                .build()) {
            context.eval(Source.newBuilder("python", Path.of(args[1]).toFile()).build());
        } catch (PolyglotException e) {
            // A Java exception's message alone can be a bare class name (NoClassDefFoundError's): name its class too.
            String why = e.isHostException() ? e.asHostException().toString() : e.getMessage();
            System.err.println("error: " + args[1] + " failed: " + why);
            System.exit(1);
        }
    }
}
