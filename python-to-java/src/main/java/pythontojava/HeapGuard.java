package pythontojava;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.NotificationEmitter;

/**
 * The memory limit. GraalVM's community edition has no per-context heap limit (its
 * {@code sandbox.MaxHeapMemory} option needs Oracle GraalVM), so this watches the whole heap: the
 * JVM tells us (a usage-threshold notification, raised when a collection leaves the old
 * generation above the lowest limit of the running scripts) and we then collect the heap fully
 * and stop every running script whose limit the live heap still passes. Nothing runs while the
 * heap stays below the limits: no thread, no polling.
 */
final class HeapGuard {
    /** The pool that long-lived objects end up in (G1 Old Gen, Tenured Gen, PS Old Gen...). */
    private static final MemoryPoolMXBean OLD_GENERATION = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isUsageThresholdSupported())
            .findFirst().orElseThrow(() -> new IllegalStateException("this JVM's collector has no heap pool with a usage threshold"));
    /** The running scripts: how to stop each, and its limit. */
    private static final Map<Runnable, Long> RUNNING = new ConcurrentHashMap<>();
    /** The old generation's usage threshold as last set (0: none yet). */
    private static long threshold;

    static {
        ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener((notification, handback) -> {
            if (MemoryNotificationInfo.MEMORY_THRESHOLD_EXCEEDED.equals(notification.getType())) {
                stopScriptsOverTheirLimit();
            }
        }, null, null);
    }

    private HeapGuard() {}

    /**
     * The limit that can be held: at most 3/4 of the old generation's maximum (all of -Xmx with G1,
     * 2/3 of it with the serial GC), so that the threshold can be set and the JVM has room left to
     * notice, stop the script and free its objects before it would run out of memory. Whole MB, so
     * that the message reads well.
     */
    static long effectiveLimit(long heapBytes) {
        long oldGenerationMax = OLD_GENERATION.getUsage().getMax();
        long mb = 1024 * 1024;
        return Math.min(heapBytes, (oldGenerationMax > 0 ? oldGenerationMax : Runtime.getRuntime().maxMemory()) / 4 * 3 / mb * mb);
    }

    /** A running script's watch; closing it ends the watch. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /** Watches the heap until the returned watch is closed; calls {@code stop} if the heap passes the limit. */
    static Watch watch(long heapBytes, Runnable stop) {
        RUNNING.put(stop, effectiveLimit(heapBytes));
        rearm();
        if (OLD_GENERATION.isUsageThresholdExceeded()) { // already above (a stopped script's garbage?): no crossing would be reported
            stopScriptsOverTheirLimit();
        }
        return () -> {
            RUNNING.remove(stop);
            rearm();
        };
    }

    /** A full collection, so that only live objects count; then every script over its limit is stopped. */
    private static synchronized void stopScriptsOverTheirLimit() {
        if (RUNNING.isEmpty()) {
            return;
        }
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        RUNNING.forEach((stop, limit) -> {
            if (live >= limit) {
                stop.run();
            }
        });
    }

    /**
     * The threshold is the lowest limit of the running scripts. It is set only when that changes
     * (a call into the JVM costs about a microsecond): when nothing runs it stays, and a
     * notification then finds no script to stop.
     */
    private static synchronized void rearm() {
        long lowest = RUNNING.values().stream().mapToLong(Long::longValue).min().orElse(threshold);
        if (lowest != threshold) {
            OLD_GENERATION.setUsageThreshold(lowest);
            threshold = lowest;
        }
    }
}
