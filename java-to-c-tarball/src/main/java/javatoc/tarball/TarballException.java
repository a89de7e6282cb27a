package javatoc.tarball;

import java.io.IOException;
import java.nio.file.Path;

/** An archive that could not be opened: missing, unreadable or malformed. The C library says why. */
public final class TarballException extends IOException {
    /** The values of C's tarball_status, in the same order (TARBALL_OK is not an error). */
    public enum Reason {
        OK, IO, MEMORY, TRUNCATED, CHECKSUM, FIELD, SIZE, FORMAT, LIMIT
    }

    private final Reason reason;

    TarballException(Path path, int code, String message) {
        this(path.toString(), code, message);
    }

    /** source names the archive for a person: its path, or "an archive in memory (N bytes)". */
    TarballException(String source, int code, String message) {
        super(source + ": " + message);
        this.reason = code > 0 && code < Reason.values().length ? Reason.values()[code] : Reason.FORMAT;
    }

    public Reason reason() {
        return reason;
    }
}
