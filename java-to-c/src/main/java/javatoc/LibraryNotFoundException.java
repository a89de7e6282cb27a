package javatoc;

/** A native library that could not be loaded, with the message that tells the user the fix. */
public final class LibraryNotFoundException extends IllegalStateException {
    public LibraryNotFoundException(String library, String property, Throwable cause) {
        super(System.mapLibraryName(library) + " could not be loaded from -D" + property + "="
                + System.getProperty(property, "(not set)")
                + ": build it with `make` in java-to-c/ (it goes to target/native/) and pass -D"
                + property + "=<that folder>",
                cause);
    }

    /** A library of the operating system (Zlib): the message names the package that installs it. */
    public LibraryNotFoundException(String message) {
        super(message);
    }
}
