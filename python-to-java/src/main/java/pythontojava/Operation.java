package pythontojava;

/** A Java interface that Python implements, so that Java can call Python back. */
@FunctionalInterface
public interface Operation {
    int apply(int a, int b);
}
