package javatorust;

/** Rust code panicked; the panic stopped at the boundary, and this carries its message. */
public final class RustPanicException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RustPanicException(String message) {
        super("Rust panicked: " + message);
    }
}
