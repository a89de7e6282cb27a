package javatoc;

import com.sun.jna.Structure;

/**
 * C's {@code point} for JNA. A Structure is passed by pointer unless its class implements
 * {@link Structure.ByValue}; the field order must match the C declaration.
 */
@Structure.FieldOrder({"x", "y"})
public class JnaPoint extends Structure {
    public int x;
    public int y;

    public static class ByValue extends JnaPoint implements Structure.ByValue {
        public ByValue() {}

        public ByValue(Point p) {
            x = p.x();
            y = p.y();
        }
    }

    public JnaPoint() {}

    public JnaPoint(Point p) {
        x = p.x();
        y = p.y();
    }

    public Point toPoint() {
        return new Point(x, y);
    }
}
