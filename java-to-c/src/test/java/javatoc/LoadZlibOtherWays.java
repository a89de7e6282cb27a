package javatoc;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;

/**
 * The ways a user first tries to load zlib from Java, one after the other, and what each gives:
 * one line each (ZlibLoadingTest checks them; OSLIB.md shows them).
 */
public final class LoadZlibOtherWays {
    private LoadZlibOtherWays() {}

    public static void main(String[] args) {
        attempt("System.loadLibrary(\"z\")", () -> System.loadLibrary("z"));
        attempt("SymbolLookup.libraryLookup(\"libz.so\", arena)", () -> SymbolLookup.libraryLookup("libz.so", Arena.global()));
        attempt("SymbolLookup.libraryLookup(\"libz.so.1\", arena)", () -> SymbolLookup.libraryLookup("libz.so.1", Arena.global()));
    }

    private static void attempt(String what, Runnable load) {
        try {
            load.run();
            System.out.println(what + ": loaded");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            System.out.println(what + ": " + e);
        }
    }
}
