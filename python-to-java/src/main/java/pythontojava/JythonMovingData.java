package pythontojava;

import org.python.core.Py;
import org.python.core.PyObject;
import org.python.util.PythonInterpreter;

/**
 * Moving bytes between Java and Jython (DATA.md). A Python 2 str is a string of 8-bit characters
 * (a java.lang.String inside); a Java byte[] is, to Jython, an array of signed bytes.
 */
public final class JythonMovingData implements AutoCloseable {
    static final String PYTHON_CODE = """
            from org.python.core.util import StringUtil
            from pythontojava import MovingData

            def pattern(size):  # byte i is (i * 31 + 7) & 0xff: it repeats every 256 bytes
                return ("".join(chr((i * 31 + 7) & 0xff) for i in xrange(256)) * (size // 256 + 1))[:size]

            def str_as_argument(s):
                # Jython converts a str to the byte[] that a Java method takes, in one step.
                return MovingData.receive(s)

            def str_to_array(s):
                return StringUtil.toBytes(s)

            def array_to_str(array):
                return array.tostring()
            """;

    private final PythonInterpreter python = new PythonInterpreter();
    private final PyObject pattern;
    private final PyObject strAsArgument;
    private final PyObject strToArray;
    private final PyObject arrayToStr;

    public JythonMovingData() {
        python.exec(PYTHON_CODE);
        pattern = python.get("pattern");
        strAsArgument = python.get("str_as_argument");
        strToArray = python.get("str_to_array");
        arrayToStr = python.get("array_to_str");
    }

    /** Python's str of the test pattern (what Python sends). */
    public PyObject pythonPattern(int size) {
        return pattern.__call__(Py.newInteger(size));
    }

    /** Python -> Java: a str passed where Java takes a byte[]. */
    public byte[] strAsArgument(PyObject s) {
        return (byte[]) strAsArgument.__call__(s).__tojava__(byte[].class);
    }

    /** Python -> Java: a str to a byte[] through Jython's StringUtil.toBytes. */
    public byte[] strToArray(PyObject s) {
        return (byte[]) strToArray.__call__(s).__tojava__(byte[].class);
    }

    /** Java -> Python: a byte[] to a str (array.tostring()); returned as Python's str object. */
    public PyObject arrayToStr(byte[] data) {
        return arrayToStr.__call__(Py.java2py(data));
    }

    @Override
    public void close() {
        python.close();
    }
}
