package rusttojava;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.IntUnaryOperator;
import java.util.function.ToIntFunction;

/**
 * A Java function as a C function pointer that throws nothing into Rust: an exception, or an Error
 * (a StackOverflowError too), leaving an upcall ends the JVM. The upcall catches any Throwable and
 * returns 0 to Rust; {@link #call} throws it again once Rust has returned, and forgets it, so nothing
 * is left over for a later call. Make one per function and keep it: making a stub costs hundreds
 * of times more than a call through it.
 */
public final class GuardedUpcall {
    private static final MethodHandle APPLY;
    static {
        try {
            APPLY = MethodHandles.lookup().findVirtual(GuardedUpcall.class, "apply", MethodType.methodType(int.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e); // the method is below: it cannot happen
        }
    }

    private final IntUnaryOperator function;
    private final MemorySegment pointer;
    /** What the upcall caught: per thread, as Rust calls the pointer on the thread that called Rust. */
    private final ThreadLocal<Throwable> caught = new ThreadLocal<>();

    public GuardedUpcall(IntUnaryOperator function, Arena arena) {
        this.function = function;
        this.pointer = Upcalls.upcall(APPLY.bindTo(this), arena);
    }

    /** What Rust calls. Never throws. */
    private int apply(int value) {
        try {
            return function.applyAsInt(value);
        } catch (Throwable t) {
            if (caught.get() == null) caught.set(t); // the first: Rust may call again before it returns
            return 0; // Rust gets a value and returns normally
        }
    }

    /** Runs a Rust call that gets this function's pointer, then throws what the upcall caught, if anything. */
    public int call(ToIntFunction<MemorySegment> rustCall) {
        try {
            int result = rustCall.applyAsInt(pointer);
            Throwable failure = caught.get();
            if (failure instanceof RuntimeException e) throw e;
            if (failure instanceof Error e) throw e;
            if (failure != null) throw new IllegalStateException(failure); // a checked one, thrown sneakily
            return result;
        } finally {
            caught.remove();
        }
    }
}
