package javatorust;

/** A native library that could not be loaded, with the message that tells the user the fix. */
public final class LibraryNotFoundException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    LibraryNotFoundException(String library, Throwable cause) {
        super(System.mapLibraryName(library) + " could not be loaded from -Djava.library.path="
                + System.getProperty("java.library.path") + ": build it with `make` in java-to-rust/"
                + " (cargo puts it in target/cargo/release/) and pass that folder", cause);
    }
}
