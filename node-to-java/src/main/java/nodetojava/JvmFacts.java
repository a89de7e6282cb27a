package nodetojava;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Facts about the running JVM, for JavaScript. node-java aborts the node process on a method of a
 * class that is not public (ProcessHandle.current() is a ProcessHandleImpl; the MXBeans are
 * sun.management classes), so JS asks this public class instead.
 */
public final class JvmFacts {
    private JvmFacts() {
    }

    /** The operating system's id of the process this JVM runs in (node's own, under node-java). */
    public static long pid() {
        return ProcessHandle.current().pid();
    }

    /** The value of a HotSpot flag as the JVM runs with it, e.g. "UseG1GC" gives "true". */
    public static String flag(String name) {
        return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name).getValue();
    }
}
