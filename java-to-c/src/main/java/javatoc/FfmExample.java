package javatoc;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * The FFM API (java.lang.foreign, final since JDK 22): describe each C function's signature
 * with layouts, get a MethodHandle for it from the Linker, and call it. No C glue, no library
 * beyond the JDK. A critical call costs a small multiple of a C-to-C call, a regular one about
 * what a JNI call costs (make bench); its strings are UTF-8 whatever the locale.
 */
public final class FfmExample implements ExampleLibrary {

    private FfmExample() {}

    /** Loads libexample.so as JNI does (from the jar if it has it, else -Djava.library.path); the handles in C below find it. */
    public static FfmExample load() {
        try {
            if (BundledLibrary.isBundled("example")) { // make dist: extracted to a file, then loaded by path
                System.load(BundledLibrary.extract("example").toString());
            } else {
                System.loadLibrary("example");
            }
        } catch (UnsatisfiedLinkError e) {
            throw new LibraryNotFoundException("example", "java.library.path", e);
        }
        return new FfmExample();
    }

    /**
     * One downcall handle per C function, as jextract generates them: static final, so that
     * each is a constant to the JIT, which folds the handle into the call. (In an instance field
     * it stays a value read on every call, and the call is slower.) A nested class is
     * initialised on first use, so after load() has loaded the library.
     */
    private static final class C {
        static final Linker LINKER = Linker.nativeLinker();
        /** The symbols of the libraries that this class loader loaded: libexample.so. */
        static final SymbolLookup EXAMPLE = SymbolLookup.loaderLookup();

        // A "critical" call skips the switch of the thread's state from Java to native: right
        // for short functions that never block nor call back into Java.
        static final MethodHandle DOUBLE_INPUT = LINKER.downcallHandle(EXAMPLE.findOrThrow("double_input"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT), Linker.Option.critical(false));
        // The same function as a regular downcall, what every call that may block must be.
        static final MethodHandle DOUBLE_INPUT_NOT_CRITICAL = LINKER.downcallHandle(EXAMPLE.findOrThrow("double_input"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT));

        /** C's {@code point}: two 32-bit ints, 8 bytes, no padding. */
        static final StructLayout POINT = MemoryLayout.structLayout(JAVA_INT.withName("x"), JAVA_INT.withName("y"));
        static final long X = POINT.byteOffset(PathElement.groupElement("x"));
        static final long Y = POINT.byteOffset(PathElement.groupElement("y"));

        /** Where the JVM saves errno right after the call, before any Java code can overwrite it. */
        static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CALL_STATE.varHandle(PathElement.groupElement("errno"));
        static final int R_OK = 4;

        /** C's size_t, as wide as this platform makes it (not a guess at JAVA_LONG). */
        static final MemoryLayout SIZE_T = LINKER.canonicalLayouts().get("size_t");

        static final MethodHandle GREET = LINKER.downcallHandle(EXAMPLE.findOrThrow("greet"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, SIZE_T));
        static final MethodHandle SHOUT = LINKER.downcallHandle(EXAMPLE.findOrThrow("shout"),
                FunctionDescriptor.of(ADDRESS, ADDRESS));
        static final MethodHandle EXAMPLE_FREE = LINKER.downcallHandle(EXAMPLE.findOrThrow("example_free"),
                FunctionDescriptor.ofVoid(ADDRESS));
        static final MethodHandle POINT_ADD = LINKER.downcallHandle(EXAMPLE.findOrThrow("point_add"),
                FunctionDescriptor.of(POINT, POINT, POINT));
        static final MethodHandle POINT_SCALE = LINKER.downcallHandle(EXAMPLE.findOrThrow("point_scale"),
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
        // critical(true) also lets C read a Java array in place: no copy to native memory.
        static final MethodHandle SUM_INTS = LINKER.downcallHandle(EXAMPLE.findOrThrow("sum_ints"),
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, SIZE_T), Linker.Option.critical(true));
        // libc's access, from the symbols the JVM itself links against.
        static final MethodHandle ACCESS = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("access"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), Linker.Option.captureCallState("errno"));
    }

    @Override
    public int doubleInput(int input) {
        try {
            return (int) C.DOUBLE_INPUT.invokeExact(input);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The same call as a regular downcall, for `make bench` and `make asm` to set beside the critical one. */
    public int doubleInputNotCritical(int input) {
        try {
            return (int) C.DOUBLE_INPUT_NOT_CRITICAL.invokeExact(input);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public String greet(String name) {
        Objects.requireNonNull(name, "name");
        // A confined arena frees everything allocated in it when the try block ends.
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cName = arena.allocateFrom(name); // UTF-8 bytes plus a closing NUL
            int length = (int) C.GREET.invokeExact(cName, MemorySegment.NULL, 0L); // how long?
            MemorySegment buffer = arena.allocate(length + 1L); // Java owns the buffer
            int written = (int) C.GREET.invokeExact(cName, buffer, buffer.byteSize());
            assert written == length;
            return buffer.getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public String shout(String text) {
        Objects.requireNonNull(text, "text");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment shouted = (MemorySegment) C.SHOUT.invokeExact(arena.allocateFrom(text));
            if (shouted.equals(MemorySegment.NULL)) {
                throw new OutOfMemoryError("shout: C could not allocate the result");
            }
            try {
                // C returns a bare address: a segment of size 0. We know it is a NUL-terminated
                // string, so widen it (a restricted operation: the JVM cannot check it).
                return shouted.reinterpret(Long.MAX_VALUE).getString(0);
            } finally {
                C.EXAMPLE_FREE.invokeExact(shouted); // C allocated it, so C frees it
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public Point pointAdd(Point a, Point b) {
        try (Arena arena = Arena.ofConfined()) {
            // A struct returned by value needs memory to land in: the first argument allocates it.
            MemorySegment sum = (MemorySegment) C.POINT_ADD.invokeExact((SegmentAllocator) arena, toC(a, arena), toC(b, arena));
            return fromC(sum);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public Point pointScale(Point p, int factor) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cPoint = toC(p, arena);
            C.POINT_SCALE.invokeExact(cPoint, factor); // a segment is passed as its address
            return fromC(cPoint);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public long sumInts(int[] values) {
        try {
            // A heap segment: C gets a pointer into the Java array itself (critical(true) only).
            return (long) C.SUM_INTS.invokeExact(MemorySegment.ofArray(values), (long) values.length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public int errnoOfFailedAccess(String path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment callState = arena.allocate(C.CALL_STATE);
            int result = (int) C.ACCESS.invokeExact(callState, arena.allocateFrom(path), C.R_OK);
            if (result == 0) {
                throw new IllegalStateException("access(" + path + ") was expected to fail");
            }
            return (int) C.ERRNO.get(callState, 0L);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static MemorySegment toC(Point p, Arena arena) {
        MemorySegment segment = arena.allocate(C.POINT);
        segment.set(JAVA_INT, C.X, p.x());
        segment.set(JAVA_INT, C.Y, p.y());
        return segment;
    }

    private static Point fromC(MemorySegment segment) {
        return new Point(segment.get(JAVA_INT, C.X), segment.get(JAVA_INT, C.Y));
    }

    /** invokeExact declares Throwable; pass unchecked ones through and wrap the rest. */
    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    public static void main(String[] args) {
        Lesson.run("FFM (java.lang.foreign)", FfmExample::load);
    }
}
