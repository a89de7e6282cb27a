package javatoc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The lesson of OSLIB.md: a library of the operating system, zlib, through the safe wrapper
 * {@link Zlib}, each answer checked against the JDK's own java.util.zip.
 */
public final class ZlibExample {
    private ZlibExample() {}

    public static void main(String[] args) {
        try {
            lesson();
        } catch (LibraryNotFoundException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        } catch (IllegalCallerException | ExceptionInInitializerError e) {
            // Native access denied (--illegal-native-access=deny): Zlib meets it as it opens the library.
            Throwable denied = e instanceof ExceptionInInitializerError ? e.getCause() : e;
            if (!(denied instanceof IllegalCallerException)) {
                throw e;
            }
            System.err.println("error: " + denied.getMessage() + ": run java with --enable-native-access=ALL-UNNAMED");
            System.exit(1);
        }
    }

    private static void lesson() {
        Zlib.requireLibrary(); // a missing libz: one line on stderr, before anything is printed
        System.out.println("zlib, a library of the operating system, through FFM (Zlib.java)");
        System.out.println("  found by its versioned name: SymbolLookup.libraryLookup(\"" + Zlib.LIBRARY + "\", arena)");
        System.out.println("  C's unsigned long (zlib's uLong) from canonicalLayouts(): " + Zlib.U_LONG.byteSize() * 8 + " bits here");

        byte[] hello = "hello, zlib".getBytes(StandardCharsets.UTF_8);
        CRC32 jdk = new CRC32();
        jdk.update(hello);
        long crc = Zlib.crc32(hello);
        System.out.printf("  crc32(\"hello, zlib\") = 0x%08x; java.util.zip.CRC32 agrees: %s%n", crc, yes(crc == jdk.getValue()));

        byte[] text = "hello, zlib! ".repeat(1000).getBytes(StandardCharsets.UTF_8);
        byte[] compressed = Zlib.compress(text);
        System.out.println("  compress(" + text.length + " bytes of text) is smaller: " + yes(compressed.length < text.length)
                + "; uncompress gives them back: " + yes(Arrays.equals(text, Zlib.uncompress(compressed, text.length))));
        System.out.println("  java.util.zip.Inflater reads what compress wrote: " + yes(Arrays.equals(text, inflate(compressed))));

        byte[] corrupt = compressed.clone();
        corrupt[0] ^= 0x55; // the first byte of zlib's header
        System.out.println("  uncompress(a corrupt header): " + failure(() -> Zlib.uncompress(corrupt, text.length)));
        System.out.println("  uncompress(expected size 100): " + failure(() -> Zlib.uncompress(compressed, 100)));
    }

    private static String yes(boolean fact) {
        return fact ? "yes" : "NO";
    }

    /** The exception a call throws, as the user sees it, in one line. */
    private static String failure(Runnable call) {
        try {
            call.run();
            return "no error";
        } catch (ZlibException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** The JDK's own zlib (java.util.zip, its copy of zlib inside the JDK) reading Zlib.compress's output. */
    private static byte[] inflate(byte[] compressed) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && inflater.needsInput()) {
                    throw new IllegalStateException("truncated");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalStateException(e);
        } finally {
            inflater.end();
        }
    }
}
