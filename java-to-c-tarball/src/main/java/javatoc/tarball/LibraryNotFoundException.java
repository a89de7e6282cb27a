package javatoc.tarball;

/** A native library that could not be loaded, with the message that tells the user the fix. */
public final class LibraryNotFoundException extends IllegalStateException {
    public LibraryNotFoundException(String library, String property, Throwable cause) {
        super(System.mapLibraryName(library) + " could not be loaded from -D" + property + "="
                + System.getProperty(property, "(not set)")
                + ": build it with `make` in java-to-c-tarball/ (it goes to target/native/) and pass -D"
                + property + "=<that folder>",
                cause);
    }

    /** The jar's copy could not be used (BundledLibrary's message says why and what to do). */
    public LibraryNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
