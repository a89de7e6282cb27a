package nodetojava;

import java.lang.reflect.Method;
import java.util.Set;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;

/**
 * GraalJS calls a real library from Maven Central, Apache Commons Text (and, inside it, Commons
 * Lang), whose jars are on this Java program's class path (target/deps/*). The sandbox stays shut
 * except for what the script needs: the one class it may look up, the one method it may call.
 */
public final class OwnProject {
    static final String WORD_UTILS = "org.apache.commons.text.WordUtils";
    static final Set<String> LOOKUP = Set.of(WORD_UTILS); // Java.type(...) finds these classes only

    public static void main(String[] args) throws Exception {
        Method capitalizeFully;
        try {
            capitalizeFully = Class.forName(WORD_UTILS).getMethod("capitalizeFully", String.class);
        } catch (ClassNotFoundException e) {
            System.err.println("error: " + WORD_UTILS + " is not on the class path: add target/deps/* (make copies the jars there)");
            System.exit(1);
            return;
        }
        HostAccess access = HostAccess.newBuilder(HostAccess.CONSTRAINED) // as the lesson's sandbox, plus:
                .allowAccess(capitalizeFully)                              // this one public static method
                .build();
        System.out.println("In your own project (GraalJS): OwnProject.java; Commons Text and Commons Lang on the class path");
        try (Context context = Context.newBuilder("js")
                .allowHostAccess(access)
                .allowHostClassLookup(LOOKUP::contains)
                .build()) {
            String capitalized;
            try {
                capitalized = context.eval("js", """
                        const WordUtils = Java.type('org.apache.commons.text.WordUtils');
                        WordUtils.capitalizeFully('hello from the jvm')""").asString();
            } catch (PolyglotException e) {
                if (!e.isHostException()) {
                    throw e;
                }
                // A jar missing from the class path shows here: commons-lang3's NoClassDefFoundError.
                System.err.println("error: " + e.asHostException() + " (is every jar of target/deps on the class path?)");
                System.exit(1);
                return;
            }
            System.out.println("  WordUtils.capitalizeFully('hello from the jvm') = '" + capitalized + "'  (commons-text calls commons-lang3)");
            try {
                context.eval("js", "Java.type('org.apache.commons.lang3.StringUtils')");
            } catch (PolyglotException e) {
                System.out.println("  Java.type('org.apache.commons.lang3.StringUtils') threw " + e.getMessage() + "  (not in the lookup list)");
            }
        }
    }
}
