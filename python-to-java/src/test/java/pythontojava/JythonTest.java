package pythontojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.python.core.Py;
import org.python.core.PyException;
import org.python.core.PyObject;
import org.python.util.PythonInterpreter;

/** Jython in this JVM: Python 2.7 calling Java, and Java calling Python, with the errors of each. */
class JythonTest {
    private PythonInterpreter python;

    @BeforeEach
    void start() {
        python = new PythonInterpreter();
        python.exec("from pythontojava import Calculator, CalculatorException, Operation");
    }

    @AfterEach
    void stop() {
        python.close();
    }

    private PyObject eval(String expression) {
        return python.eval(expression);
    }

    @Test
    void pythonCallsAStaticJavaMethod() {
        assertEquals(42, eval("Calculator.multiply(6, 7)").asInt());
    }

    @Test
    void aJavaListBehavesLikeAPythonListAndAPythonListLikeAJavaList() {
        assertEquals("[0, 1, 4]", eval("list(Calculator.squares(3))").toString());
        assertEquals(3, eval("len(Calculator.squares(3))").asInt());
        assertEquals(10, eval("Calculator.total([1, 2, 3, 4])").asInt());
    }

    @Test
    void javaCallsBackAPythonImplementationOfItsInterface() {
        python.exec("""
                class Recording(Operation):
                    def __init__(self): self.pairs = []
                    def apply(self, a, b):
                        self.pairs.append((a, b))
                        return a + b
                recording = Recording()
                result = Calculator.reduce([1, 2, 3], recording)
                """);
        assertEquals(6, eval("result").asInt());
        assertEquals("[(1, 2), (3, 3)]", eval("recording.pairs").toString());
        // The same Python object, seen from Java, is an Operation.
        Operation operation = (Operation) eval("recording").__tojava__(Operation.class);
        assertEquals(12, operation.apply(5, 7));
    }

    @Test
    void pythonCatchesAJavaExceptionByItsClass() {
        python.exec("""
                try:
                    Calculator.divide(1, 0)
                    caught = None
                except CalculatorException as e:
                    caught = e.getMessage()
                """);
        assertEquals("cannot divide 1 by 0", eval("caught").toString());
    }

    @Test
    void aJavaExceptionPythonDoesNotCatchReachesJavaAsItself() {
        PyException e = assertThrows(PyException.class, () -> python.exec("Calculator.squares(-1)"));
        Object cause = e.value.__tojava__(Throwable.class);
        CalculatorException original = assertInstanceOf(CalculatorException.class, cause);
        assertEquals("squares(-1): n must be from 0 to 1000000", original.getMessage());
    }

    @Test
    void aPythonExceptionInACallbackCrossesJavaAndComesBackToPython() {
        python.exec("""
                class Failing(Operation):
                    def apply(self, a, b):
                        raise ValueError("no %d and %d" % (a, b))
                try:
                    Calculator.reduce([1, 2], Failing())
                    caught = None
                except ValueError as e:
                    caught = str(e)
                """);
        assertEquals("no 1 and 2", eval("caught").toString());
    }

    @Test
    void aPythonExceptionInACallbackThatJavaCallsIsAPyExceptionInJava() {
        python.exec("""
                class Failing(Operation):
                    def apply(self, a, b):
                        raise ValueError("no")
                failing = Failing()
                """);
        Operation operation = (Operation) eval("failing").__tojava__(Operation.class);
        PyException e = assertThrows(PyException.class, () -> Calculator.reduce(List.of(1, 2), operation));
        assertTrue(e.match(Py.ValueError), e.toString());
    }

    @Test
    void javaCallsAPythonFunctionWithJavaArgumentsAndConvertsTheResult() {
        python.exec(JythonEmbedding.PYTHON_CODE);
        PyObject summary = python.get("summary");
        PyObject result = summary.__call__(Py.java2py(List.of(2, 8, 5)), Py.java2py("cm"));
        assertEquals("3 numbers, the largest is 8 cm", result.__tojava__(String.class));
        // A conversion that cannot work is not an exception: __tojava__ answers Py.NoConversion.
        assertSame(Py.NoConversion, result.__tojava__(Integer.class));
    }

    @Test
    void aPythonExceptionReachesJavaAsAPyException() {
        python.exec(JythonEmbedding.PYTHON_CODE);
        PyObject summary = python.get("summary");
        PyException e = assertThrows(PyException.class, () -> summary.__call__(Py.java2py(List.of()), Py.java2py("cm")));
        assertTrue(e.match(Py.ValueError), e.toString());
        assertEquals("summary() needs at least one number", e.value.__str__().toString());
    }

    @Test
    void textOutsideAsciiAndTheBmpRoundTripsPythonJavaPython() {
        // Python 2's unicode to a java.lang.String (a JDK method copies it) and back.
        python.exec("""
                from java.lang import StringBuilder
                text = u'h\\u00e9llo \\u4e16\\u754c \\U0001F600'
                back = StringBuilder(text).toString()
                same = back == text and type(back) is unicode
                """);
        assertTrue(eval("same").__nonzero__());
        assertEquals("h\u00e9llo \u4e16\u754c \uD83D\uDE00", eval("text").__tojava__(String.class));
    }

    @Test
    void badPythonIsASyntaxError() {
        PyException e = assertThrows(PyException.class, () -> python.exec("def broken(:"));
        assertTrue(e.match(Py.SyntaxError), e.toString());
    }

    @Test
    void anUnknownJavaClassIsAnImportError() {
        PyException e = assertThrows(PyException.class, () -> python.exec("from pythontojava import NoSuchClass"));
        assertTrue(e.match(Py.ImportError), e.toString());
    }
}
