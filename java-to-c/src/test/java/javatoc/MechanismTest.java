package javatoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The same checks against each of the four mechanisms: they must all agree with Java. */
class MechanismTest {

    static Stream<Named<Supplier<ExampleLibrary>>> mechanisms() {
        return Stream.of(
                Named.of("JNA interface", JnaInterfaceExample::load),
                Named.of("JNA direct", JnaDirectExample::load),
                Named.of("JNI", JniExample::load),
                Named.of("FFM", FfmExample::load));
    }

    @ParameterizedTest
    @MethodSource("mechanisms")
    void doublesLikeJava(Supplier<ExampleLibrary> mechanism) {
        ExampleLibrary c = mechanism.get();
        for (int input : new int[] {4, 0, -21, 1 << 30, Integer.MAX_VALUE, Integer.MIN_VALUE, -1}) {
            assertEquals(input * 2, c.doubleInput(input), "double_input(" + input + ")");
        }
    }

    @ParameterizedTest
    @MethodSource("mechanisms")
    void integerMaxValueWrapsAsInJava(Supplier<ExampleLibrary> mechanism) {
        assertEquals(-2, mechanism.get().doubleInput(Integer.MAX_VALUE));
    }

    @ParameterizedTest
    @MethodSource("mechanisms")
    void greetsInACallerOwnedBuffer(Supplier<ExampleLibrary> mechanism) {
        ExampleLibrary c = mechanism.get();
        assertEquals("Hello, Ferris!", c.greet("Ferris"));
        assertEquals("Hello, !", c.greet(""));
        String longName = "x".repeat(10_000); // far longer than any first guess at a buffer
        assertEquals("Hello, " + longName + "!", c.greet(longName));
        // UTF-8 both ways, beyond the BMP too, in any locale: surefire runs this JVM under LC_ALL=C (pom.xml)
        assertEquals("Hello, Zoë Ωmega 🦀!", c.greet("Zoë Ωmega 🦀"));
    }

    @ParameterizedTest
    @MethodSource("mechanisms")
    void shoutsIntoMemoryThatCAllocated(Supplier<ExampleLibrary> mechanism) {
        ExampleLibrary c = mechanism.get();
        assertEquals("HELLO, WORLD 42", c.shout("Hello, World 42"));
        assertEquals("", c.shout(""));
        assertEquals("ZOë 🦀", c.shout("zoë 🦀"), "only ASCII letters change");
        long before = unfreed();
        for (int i = 0; i < 1_000; i++) {
            assertEquals("ABC", c.shout("abc"));
        }
        assertEquals(before, unfreed(), "every result of shout went back to example_free");
    }

    /** C's count of shout's results not yet given to example_free (one libexample.so serves all four). */
    static long unfreed() {
        FfmExample.load(); // loads libexample.so into this class loader, for loaderLookup
        Linker linker = Linker.nativeLinker();
        try {
            return (long) linker.downcallHandle(SymbolLookup.loaderLookup().findOrThrow("example_unfreed"),
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG)).invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    @ParameterizedTest
    @MethodSource("mechanisms")
    void nullStringsAreRejectedBeforeTheyReachC(Supplier<ExampleLibrary> mechanism) {
        ExampleLibrary c = mechanism.get();
        assertEquals("name", assertThrows(NullPointerException.class, () -> c.greet(null)).getMessage());
        assertEquals("text", assertThrows(NullPointerException.class, () -> c.shout(null)).getMessage());
    }

    @ParameterizedTest
    @MethodSource("mechanisms")
    void passesStructsByValueAndByPointer(Supplier<ExampleLibrary> mechanism) {
        ExampleLibrary c = mechanism.get();
        assertEquals(new Point(4, 6), c.pointAdd(new Point(1, 2), new Point(3, 4)));
        assertEquals(new Point(-7, 0), c.pointAdd(new Point(-10, 5), new Point(3, -5)));
        assertEquals(new Point(40, 60), c.pointScale(new Point(4, 6), 10));
        assertEquals(new Point(0, 0), c.pointScale(new Point(4, 6), 0));
    }

    @ParameterizedTest
    @MethodSource("mechanisms")
    void sumsJavaArrays(Supplier<ExampleLibrary> mechanism) {
        ExampleLibrary c = mechanism.get();
        assertEquals(5050, c.sumInts(Lesson.oneTo(100)));
        assertEquals(0, c.sumInts(new int[0]));
        int[] big = new int[1_000_000];
        java.util.Arrays.fill(big, Integer.MAX_VALUE); // the sum overflows int, not int64_t
        assertEquals(1_000_000L * Integer.MAX_VALUE, c.sumInts(big));
    }

    @ParameterizedTest
    @MethodSource("mechanisms")
    void capturesErrnoOfAFailedCall(Supplier<ExampleLibrary> mechanism) {
        ExampleLibrary c = mechanism.get();
        assertEquals(2, c.errnoOfFailedAccess("/no/such/file"), "ENOENT");
        assertEquals(20, c.errnoOfFailedAccess("/dev/null/file"), "ENOTDIR: /dev/null is no folder");
        assertThrows(IllegalStateException.class, () -> c.errnoOfFailedAccess("/"), "access(\"/\") succeeds");
    }

    @Test
    void ffmRegularDowncallAgreesWithTheCriticalOne() {
        FfmExample ffm = FfmExample.load();
        for (int input : new int[] {4, 0, -21, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertEquals(ffm.doubleInput(input), ffm.doubleInputNotCritical(input), "double_input(" + input + ")");
        }
    }

    @Test
    void ffmKeepsEveryHandleStaticFinalSoThatTheJitFoldsIt() throws Exception {
        List<Field> handles = Arrays.stream(Class.forName("javatoc.FfmExample$C").getDeclaredFields())
                .filter(field -> field.getType() == MethodHandle.class).toList();
        assertFalse(handles.isEmpty());
        for (Field field : handles) {
            assertTrue(Modifier.isStatic(field.getModifiers()) && Modifier.isFinal(field.getModifiers()), field.getName());
        }
        assertTrue(Arrays.stream(FfmExample.class.getDeclaredFields()).noneMatch(f -> f.getType() == MethodHandle.class),
                "no handle in an instance field of FfmExample");
    }

}
