package javatoc;

/** The Java side of C's {@code point}: a plain value, copied across the boundary. */
public record Point(int x, int y) {
    @Override
    public String toString() {
        return "{" + x + ", " + y + "}";
    }
}
