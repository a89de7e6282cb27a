package javatoc;

import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code ipv4_to_text}, safe from any number of threads: a lock around the call AND the copy of
 * its answer, and no pointer handed out. The C library has one static buffer, so there is one
 * lock for the whole JVM (static); it protects only the callers that go through this class.
 */
public final class LockedIpv4Text {
    // A ReentrantLock rather than synchronized: the same here, but a thread waiting for it may
    // give up after a timeout (tryLock) or be interrupted.
    private static final ReentrantLock C_STATIC_BUFFER = new ReentrantLock();

    private LockedIpv4Text() {}

    public static String text(int address) {
        C_STATIC_BUFFER.lock();
        try {
            return Ipv4Text.text(address); // copied into a Java String before anyone may call again
        } finally {
            C_STATIC_BUFFER.unlock();
        }
    }
}
