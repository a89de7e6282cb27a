package javatoc;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.File;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The FFM API (java.lang.foreign, final since JDK 22): describe each C function's signature
 * with layouts, get a MethodHandle for it from the Linker, and call it. No C glue, no library
 * beyond the JDK; the JIT turns each call into little more than a native call instruction.
 */
public final class FfmExample implements ExampleLibrary {
    private static final Linker LINKER = Linker.nativeLinker();

    /** C's {@code point}: two 32-bit ints, 8 bytes, no padding. */
    static final StructLayout POINT = MemoryLayout.structLayout(JAVA_INT.withName("x"), JAVA_INT.withName("y"));
    private static final long X = POINT.byteOffset(PathElement.groupElement("x"));
    private static final long Y = POINT.byteOffset(PathElement.groupElement("y"));

    /** Where the JVM saves errno right after the call, before any Java code can overwrite it. */
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(PathElement.groupElement("errno"));
    private static final int R_OK = 4;

    private final MethodHandle doubleInput;
    private final MethodHandle greet;
    private final MethodHandle shout;
    private final MethodHandle exampleFree;
    private final MethodHandle pointAdd;
    private final MethodHandle pointScale;
    private final MethodHandle sumInts;
    private final MethodHandle access;

    private FfmExample(SymbolLookup example) {
        // A "critical" call skips the switch of the thread's state from Java to native: right
        // for short functions that never block nor call back into Java.
        doubleInput = LINKER.downcallHandle(example.findOrThrow("double_input"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT), Linker.Option.critical(false));
        greet = LINKER.downcallHandle(example.findOrThrow("greet"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
        shout = LINKER.downcallHandle(example.findOrThrow("shout"),
                FunctionDescriptor.of(ADDRESS, ADDRESS));
        exampleFree = LINKER.downcallHandle(example.findOrThrow("example_free"),
                FunctionDescriptor.ofVoid(ADDRESS));
        pointAdd = LINKER.downcallHandle(example.findOrThrow("point_add"),
                FunctionDescriptor.of(POINT, POINT, POINT));
        pointScale = LINKER.downcallHandle(example.findOrThrow("point_scale"),
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
        // critical(true) also lets C read a Java array in place: no copy to native memory.
        sumInts = LINKER.downcallHandle(example.findOrThrow("sum_ints"),
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG), Linker.Option.critical(true));
        access = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("access"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), Linker.Option.captureCallState("errno"));
    }

    /** Loads libexample.so from the first folder of -Djava.library.path that has it. */
    public static FfmExample load() {
        String fileName = System.mapLibraryName("example");
        for (String folder : System.getProperty("java.library.path").split(File.pathSeparator)) {
            Path library = Path.of(folder, fileName);
            if (Files.isRegularFile(library)) {
                // The global arena keeps the library loaded for the life of the JVM.
                return new FfmExample(SymbolLookup.libraryLookup(library, Arena.global()));
            }
        }
        throw new LibraryNotFoundException("example", "java.library.path", null);
    }

    @Override
    public int doubleInput(int input) {
        try {
            return (int) doubleInput.invokeExact(input);
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
            int length = (int) greet.invokeExact(cName, MemorySegment.NULL, 0L); // how long?
            MemorySegment buffer = arena.allocate(length + 1L); // Java owns the buffer
            int written = (int) greet.invokeExact(cName, buffer, buffer.byteSize());
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
            MemorySegment shouted = (MemorySegment) shout.invokeExact(arena.allocateFrom(text));
            if (shouted.equals(MemorySegment.NULL)) {
                throw new OutOfMemoryError("shout: C could not allocate the result");
            }
            try {
                // C returns a bare address: a segment of size 0. We know it is a NUL-terminated
                // string, so widen it (a restricted operation: the JVM cannot check it).
                return shouted.reinterpret(Long.MAX_VALUE).getString(0);
            } finally {
                exampleFree.invokeExact(shouted); // C allocated it, so C frees it
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public Point pointAdd(Point a, Point b) {
        try (Arena arena = Arena.ofConfined()) {
            // A struct returned by value needs memory to land in: the first argument allocates it.
            MemorySegment sum = (MemorySegment) pointAdd.invokeExact((SegmentAllocator) arena, toC(a, arena), toC(b, arena));
            return fromC(sum);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public Point pointScale(Point p, int factor) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cPoint = toC(p, arena);
            pointScale.invokeExact(cPoint, factor); // a segment is passed as its address
            return fromC(cPoint);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public long sumInts(int[] values) {
        try {
            // A heap segment: C gets a pointer into the Java array itself (critical(true) only).
            return (long) sumInts.invokeExact(MemorySegment.ofArray(values), (long) values.length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public int errnoOfFailedAccess(String path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment callState = arena.allocate(CALL_STATE);
            int result = (int) access.invokeExact(callState, arena.allocateFrom(path), R_OK);
            if (result == 0) {
                throw new IllegalStateException("access(" + path + ") was expected to fail");
            }
            return (int) ERRNO.get(callState, 0L);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static MemorySegment toC(Point p, Arena arena) {
        MemorySegment segment = arena.allocate(POINT);
        segment.set(JAVA_INT, X, p.x());
        segment.set(JAVA_INT, Y, p.y());
        return segment;
    }

    private static Point fromC(MemorySegment segment) {
        return new Point(segment.get(JAVA_INT, X), segment.get(JAVA_INT, Y));
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
