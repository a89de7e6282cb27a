package pythontojava;

/** The example's own exception: Python catches it by this name. */
public class CalculatorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CalculatorException(String message) {
        super(message);
    }
}
