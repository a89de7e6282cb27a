package nodetojava;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.FutureTask;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GraalJS contexts and Java threads (JsThreads), in this JVM; the lesson's lines are checked by ProgramsTest. */
class JsThreadsTest {
    static Engine engine;

    @BeforeAll
    static void oneEngine() {
        engine = Engine.create("js");
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void contextsOfOneEngineRunOnManyThreadsAtOnce() throws Exception {
        assertEquals(List.of(true, true, true), JsThreads.contextPerThread(engine, 3));
    }

    @Test
    void threadsTakingTurnsOnOneContextLoseNoCall() throws Exception {
        assertEquals(3 * 500, JsThreads.oneContextBehindALock(engine, 3, 500));
    }

    @Test
    void aThreadEnteringAContextWhileAnotherIsInsideGetsTheExactError() throws Exception {
        // The error names the thread that tried to enter: here one named "intruder".
        FutureTask<String> attempt = new FutureTask<>(() -> JsThreads.secondThreadWhileInside(engine));
        Thread.ofPlatform().name("intruder").start(attempt);
        assertEquals("java.lang.IllegalStateException: Multi threaded access requested by thread intruder"
                + " but is not allowed for language(s) js.", attempt.get());
    }
}
