package ctojava;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.IntUnaryOperator;

/**
 * The pattern that keeps an exception inside Java when C calls Java: the callback catches
 * everything, remembers it, and returns 0 to C; when the C call has returned, the Java caller
 * calls {@link #rethrowIfFailed()}. Nothing is thrown through C's stack frames.
 */
final class GuardedIntFunction {
    static final MethodHandle HANDLE;
    static {
        try {
            HANDLE = MethodHandles.lookup().findVirtual(GuardedIntFunction.class, "apply",
                    MethodType.methodType(int.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final IntUnaryOperator function;
    private Throwable failure; // the first exception; later calls return 0 straight away

    GuardedIntFunction(IntUnaryOperator function) {
        this.function = function;
    }

    /** What C calls. Never throws. */
    int apply(int value) {
        if (failure != null) return 0;
        try {
            return function.applyAsInt(value);
        } catch (Throwable t) { // everything, Errors too: nothing may cross into C
            failure = t;
            return 0;
        }
    }

    /** Throws what the callback caught, if it caught anything. Call it right after the C call. */
    void rethrowIfFailed() {
        Throwable caught = failure;
        failure = null;
        if (caught instanceof RuntimeException e) throw e;
        if (caught instanceof Error e) throw e;
        if (caught != null) throw new IllegalStateException("a callback failed", caught);
    }
}
