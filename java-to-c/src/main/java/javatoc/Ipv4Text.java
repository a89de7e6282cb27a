package javatoc;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * C's {@code ipv4_to_text} (threads.h) bound with FFM as it is: NOT thread-safe. C writes every
 * answer into one static buffer, so a pointer it returned shows whatever the LAST call, in any
 * thread, wrote there. Use {@link LockedIpv4Text}; this class shows why (THREADS.md).
 */
public final class Ipv4Text {
    private Ipv4Text() {}

    private static final class C {
        static {
            FfmExample.load(); // loads libexample.so, whose symbols the lookup below finds
        }

        static final MethodHandle IPV4_TO_TEXT = Linker.nativeLinker().downcallHandle(
                SymbolLookup.loaderLookup().findOrThrow("ipv4_to_text"), FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    /** C's answer as C gives it: its static buffer, as a string for as long as no one calls again. */
    public static MemorySegment pointer(int address) {
        try {
            MemorySegment text = (MemorySegment) C.IPV4_TO_TEXT.invokeExact(address);
            return text.reinterpret("255.255.255.255".length() + 1); // C's buffer: 16 bytes
        } catch (Throwable t) {
            throw t instanceof RuntimeException e ? e : new IllegalStateException(t);
        }
    }

    /** The call and a copy at once: right in one thread, and still wrong at times from two. */
    public static String text(int address) {
        return pointer(address).getString(0);
    }

    /** 0x0A000001 for "10.0.0.1": what C's text of it must be. */
    public static int address(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }
}
