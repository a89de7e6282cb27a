package pythontojava;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.python.core.Py;
import org.python.core.PyObject;
import org.python.util.PythonInterpreter;

/**
 * Python code in several Java threads at once, on the JVM: one op is N threads each running the
 * same Python loop (InThreads, as the lessons run them), timed as a whole. 1x against one thread
 * means the threads ran in parallel, 2x one at a time. Jython has no GIL; GraalPy has one per
 * context, so two threads in one context take turns and a context each (one Engine) does not.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ThreadsBenchmark {
    // Each thread's loop runs for milliseconds (Jython about 9, compiled GraalPy about 4), so that
    // starting and joining the threads (tens of microseconds) is a small share of an op.
    static final int JYTHON_ADDITIONS = 300_000;
    static final int GRAALPY_ADDITIONS = 30 * JYTHON_ADDITIONS;
    static final String WORK = """
            def work(n):
                total = 0
                for i in range(n):
                    total += i
                return total
            """;

    static List<Long> checked(List<Long> totals, int additions) {
        long expected = (long) additions * (additions - 1) / 2;
        for (long total : totals) {
            if (total != expected) {
                throw new AssertionError("work(" + additions + ") = " + total + ", not " + expected);
            }
        }
        return totals;
    }

    @State(Scope.Benchmark)
    public static class Jython {
        PythonInterpreter python;
        Callable<Long> work;

        @Setup(Level.Trial)
        public void start() {
            python = new PythonInterpreter();
            python.exec(WORK);
            PyObject function = python.get("work");
            work = () -> (Long) function.__call__(Py.newInteger(JYTHON_ADDITIONS)).__tojava__(Long.class);
        }

        @TearDown(Level.Trial)
        public void stop() {
            python.close();
        }
    }

    @Benchmark
    public List<Long> jythonOneThread(Jython jython) throws Exception {
        return checked(InThreads.run(1, jython.work), JYTHON_ADDITIONS);
    }

    @Benchmark
    public List<Long> jythonTwoThreads(Jython jython) throws Exception {
        return checked(InThreads.run(2, jython.work), JYTHON_ADDITIONS);
    }

    /** Two GraalPy contexts of the lesson's sandbox in one Engine; the first alone is "one context". */
    @State(Scope.Benchmark)
    public static class GraalPy {
        Engine engine;
        Context first;
        Context second;
        Callable<Long> inFirst;
        Callable<Long> inSecond;

        @Setup(Level.Trial)
        public void start() {
            engine = Engine.create("python");
            first = PythonSandbox.newContext(engine);
            second = PythonSandbox.newContext(engine);
            inFirst = work(first);
            inSecond = work(second);
        }

        private static Callable<Long> work(Context context) {
            context.eval("python", WORK);
            Value function = context.getBindings("python").getMember("work");
            return () -> function.execute(GRAALPY_ADDITIONS).asLong();
        }

        @TearDown(Level.Trial)
        public void stop() {
            first.close();
            second.close();
            engine.close();
        }
    }

    @Benchmark
    public List<Long> graalPyOneThread(GraalPy graalPy) throws Exception {
        return checked(InThreads.run(1, graalPy.inFirst), GRAALPY_ADDITIONS);
    }

    @Benchmark
    public List<Long> graalPyOneContextTwoThreads(GraalPy graalPy) throws Exception {
        return checked(InThreads.run(2, graalPy.inFirst), GRAALPY_ADDITIONS);
    }

    @Benchmark
    public List<Long> graalPyTwoContextsTwoThreads(GraalPy graalPy) throws Exception {
        return checked(InThreads.run(List.of(graalPy.inFirst, graalPy.inSecond)), GRAALPY_ADDITIONS);
    }
}
