package pythontojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GraalPy in this JVM, in the example's sandbox: Python 3 calling Java, and Java calling Python. */
class GraalPyTest {
    private Context context;

    @BeforeEach
    void start() {
        context = PythonSandbox.newContext();
        eval("""
                import java
                Calculator = java.type("pythontojava.Calculator")
                CalculatorException = java.type("pythontojava.CalculatorException")
                """);
    }

    @AfterEach
    void stop() {
        context.close();
    }

    private Value eval(String code) {
        return context.eval("python", code);
    }

    @Test
    void pythonCallsAnExportedStaticJavaMethod() {
        assertEquals(42, eval("Calculator.multiply(6, 7)").asInt());
    }

    @Test
    void aProductTooLargeForAJavaIntIsAnErrorNotAWrongNumber() {
        PolyglotException e = assertThrows(PolyglotException.class, () -> eval("Calculator.multiply(2 ** 31 - 1, 2)"));
        assertInstanceOf(ArithmeticException.class, e.asHostException());
        assertThrows(PolyglotException.class, () -> eval("Calculator.total([2 ** 31 - 1, 1])"));
    }

    @Test
    void aJavaListBehavesLikeAPythonListAndAPythonListLikeAJavaList() {
        assertEquals(List.of(0, 1, 4), eval("list(Calculator.squares(3))").as(List.class));
        assertEquals(3, eval("len(Calculator.squares(3))").asInt());
        assertEquals(10, eval("Calculator.total([1, 2, 3, 4])").asInt());
    }

    @Test
    void javaCallsBackAPythonObjectAsItsInterface() {
        eval("""
                class Recording:
                    def __init__(self): self.pairs = []
                    def apply(self, a, b):
                        self.pairs.append((a, b))
                        return a + b
                recording = Recording()
                result = Calculator.reduce([1, 2, 3], recording)
                """);
        assertEquals(6, eval("result").asInt());
        assertEquals("[(1, 2), (3, 3)]", eval("str(recording.pairs)").asString());
        // The same Python object, seen from Java, is an Operation; so is a plain Python function.
        assertEquals(12, eval("recording").as(Operation.class).apply(5, 7));
        assertEquals(35, eval("lambda a, b: a * b").as(Operation.class).apply(5, 7));
    }

    @Test
    void pythonCatchesAJavaExceptionByItsClass() {
        eval("""
                try:
                    Calculator.divide(1, 0)
                    caught = None
                except CalculatorException as e:
                    caught = e.getMessage()
                """);
        assertEquals("cannot divide 1 by 0", eval("caught").asString());
    }

    @Test
    void aJavaExceptionPythonDoesNotCatchReachesJavaAsItself() {
        PolyglotException e = assertThrows(PolyglotException.class, () -> eval("Calculator.squares(-1)"));
        assertTrue(e.isHostException(), e.toString());
        CalculatorException original = assertInstanceOf(CalculatorException.class, e.asHostException());
        assertEquals("squares(-1): n must be from 0 to 1000000", original.getMessage());
    }

    @Test
    void aPythonExceptionInACallbackCrossesJavaAndComesBackToPython() {
        eval("""
                def failing(a, b):
                    raise ValueError(f"no {a} and {b}")
                try:
                    Calculator.reduce([1, 2], failing)
                    caught = None
                except ValueError as e:
                    caught = str(e)
                """);
        assertEquals("no 1 and 2", eval("caught").asString());
    }

    @Test
    void aPythonExceptionInACallbackThatJavaCallsIsAGuestExceptionInJava() {
        Operation failing = eval("""
                def failing(a, b):
                    raise ValueError("no")
                failing
                """).as(Operation.class);
        PolyglotException e = assertThrows(PolyglotException.class, () -> Calculator.reduce(List.of(1, 2), failing));
        assertTrue(e.isGuestException(), e.toString());
        assertEquals("ValueError: no", e.getMessage());
    }

    @Test
    void javaCallsAPythonFunctionWithJavaArgumentsAndConvertsTheResult() {
        eval(GraalPyEmbedding.PYTHON_CODE);
        Value summary = context.getBindings("python").getMember("summary");
        Value result = summary.execute(List.of(2, 8, 5), "cm");
        assertEquals("3 numbers, the largest is 8 cm", result.asString());
        // A conversion that cannot work is an exception that says so.
        ClassCastException wrongType = assertThrows(ClassCastException.class, result::asInt);
        assertTrue(wrongType.getMessage().contains("Cannot convert"), wrongType.getMessage());
    }

    @Test
    void aPythonExceptionReachesJavaAsAGuestException() {
        eval(GraalPyEmbedding.PYTHON_CODE);
        Value summary = context.getBindings("python").getMember("summary");
        PolyglotException e = assertThrows(PolyglotException.class, () -> summary.execute(List.of(), "cm"));
        assertTrue(e.isGuestException(), e.toString());
        assertEquals("ValueError: summary() needs at least one number", e.getMessage());
    }

    @Test
    void textOutsideAsciiAndTheBmpRoundTripsPythonJavaPython() {
        // Python hands the text to Java (a host function) and gets back what Java received.
        String text = "h\u00e9llo \u4e16\u754c \uD83D\uDE00";
        List<String> received = new java.util.ArrayList<>();
        context.getBindings("python").putMember("echo", (ProxyExecutable) args -> {
            received.add(args[0].asString());
            return args[0].asString();
        });
        assertTrue(eval("text = 'h\\u00e9llo \\u4e16\\u754c \\U0001F600'\necho(text) == text and len(text) == 10").asBoolean());
        assertEquals(List.of(text), received);
    }

    @Test
    void badPythonIsASyntaxError() {
        PolyglotException e = assertThrows(PolyglotException.class, () -> eval("def broken(:"));
        assertTrue(e.isSyntaxError(), e.toString());
    }

    @Test
    void javaThreadsEnterOneContextAtOnceAndAContextEachKeepsItsOwnPython() throws Exception {
        // One context, two Java threads inside the same Python function at once (GraalPy lets go
        // of the context's GIL during the Java call inside it), sharing its globals.
        eval(GraalPyEmbedding.PYTHON_CODE + GraalPyEmbedding.TOGETHER_CODE + "calls = []\n");
        Value together = context.getBindings("python").getMember("summary_together");
        Value record = eval("lambda: calls.append(1)");
        LongCall longCall = new LongCall();
        List<String> results = InThreads.run(2, () -> {
            record.execute();
            return together.execute(longCall, List.of(1, 2), "cm").asString();
        });
        assertEquals(List.of("2 numbers, the largest is 2 cm", "2 numbers, the largest is 2 cm"), results);
        assertEquals(2, longCall.mostInside());
        assertEquals(2, eval("len(calls)").asInt());
        // The pattern for Python in parallel: a context per thread, in one Engine; each its own globals.
        try (Engine engine = Engine.create("python");
                Context first = PythonSandbox.newContext(engine);
                Context second = PythonSandbox.newContext(engine)) {
            first.eval("python", "who = 'first'");
            second.eval("python", "who = 'second'");
            assertEquals(List.of("first", "second"), InThreads.run(List.of(
                    () -> first.eval("python", "who").asString(), () -> second.eval("python", "who").asString())));
        }
    }

    @Test
    void aClosedContextCannotBeUsedAgain() {
        Value multiply = eval("Calculator.multiply");
        context.close();
        assertThrows(IllegalStateException.class, () -> eval("1 + 1"));
        assertThrows(IllegalStateException.class, () -> multiply.execute(2, 3));
    }
}
