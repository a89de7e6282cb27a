package pythontojava;

import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.python.core.PyObject;

/**
 * Moving `size` bytes a call between Java and the Pythons on the JVM (bench/rows' data rows):
 * the lesson's GraalPyMovingData and JythonMovingData. Payloads are made once per size in
 * the set-up; each runtime is started once per JVM (the rows run JMH without forking, -f 0, so
 * that the five sizes share one start: GraalPy's JVM here has the Graal compiler).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class MovingDataBenchmark {
    @Param({"16", "1024", "65536", "1048576", "16777216"})
    int size;

    private static GraalPyMovingData graalPy;
    private static JythonMovingData jython;

    Value graalPyBytes;
    PyObject jythonStr;
    byte[] javaBytes;
    byte[] into;

    @Setup(Level.Trial)
    public void payloads(org.openjdk.jmh.infra.BenchmarkParams params) {
        javaBytes = MovingData.pattern(size);
        into = new byte[size];
        String name = params.getBenchmark();
        if (name.contains("graalPy")) {
            if (graalPy == null) {
                graalPy = new GraalPyMovingData();
            }
            graalPyBytes = graalPy.pythonPattern(size);
        } else if (name.contains("jython")) {
            if (jython == null) {
                jython = new JythonMovingData();
            }
            jythonStr = jython.pythonPattern(size);
        }
    }

    @Benchmark
    public byte[] graalPyBytesReadIntoArray() {
        return GraalPyMovingData.readInto(graalPyBytes, into);
    }

    @Benchmark
    public byte[] graalPyBytesAsArray() {
        return GraalPyMovingData.asArray(graalPyBytes);
    }

    @Benchmark
    public Value graalPyArrayToBytes() {
        return graalPy.toPython(javaBytes);
    }

    @Benchmark
    public Value graalPyArrayThroughLatin1() {
        return graalPy.toPythonThroughLatin1(javaBytes);
    }

    @Benchmark
    public byte[] jythonStrAsArgument() {
        return jython.strAsArgument(jythonStr);
    }

    @Benchmark
    public byte[] jythonStrToArray() {
        return jython.strToArray(jythonStr);
    }

    @Benchmark
    public PyObject jythonArrayToStr() {
        return jython.arrayToStr(javaBytes);
    }
}
