package javatoc;

/** zlib returned an error code: the message names the function, the code as zlib.h names it, and what it means. */
public final class ZlibException extends RuntimeException {
    // zlib.h's return codes that are errors (Z_OK is 0; Z_STREAM_END and Z_NEED_DICT are not errors of one-shot calls).
    static final int Z_ERRNO = -1, Z_STREAM_ERROR = -2, Z_DATA_ERROR = -3, Z_MEM_ERROR = -4, Z_BUF_ERROR = -5, Z_VERSION_ERROR = -6;

    private final int code;

    ZlibException(String function, int code) {
        super(function + ": " + describe(code));
        this.code = code;
    }

    /** zlib's own code, e.g. -3 for Z_DATA_ERROR. */
    public int code() {
        return code;
    }

    private static String describe(int code) {
        return switch (code) {
            case Z_ERRNO -> "Z_ERRNO (-1): a file operation failed";
            case Z_STREAM_ERROR -> "Z_STREAM_ERROR (-2): an argument is invalid (a compression level outside -1..9?)";
            case Z_DATA_ERROR -> "Z_DATA_ERROR (-3): the input is corrupt, truncated or not in zlib's format";
            case Z_MEM_ERROR -> "Z_MEM_ERROR (-4): zlib could not allocate memory";
            case Z_BUF_ERROR -> "Z_BUF_ERROR (-5): the result is larger than the room given (the expected size)";
            case Z_VERSION_ERROR -> "Z_VERSION_ERROR (-6): this libz is incompatible with the zlib.h the caller was written for";
            default -> "zlib error " + code;
        };
    }
}
