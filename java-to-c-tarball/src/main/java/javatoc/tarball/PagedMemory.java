package javatoc.tarball;

import static com.dylibso.chicory.runtime.ConstantEvaluators.computeConstantValue;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A wasm instance's linear memory, kept as Chicory's ByteArrayMemory keeps it (64 KiB pages of Java
 * heap), plus the one thing Chicory's Memory interface lacks: {@link #copyTo}, which copies straight
 * into the caller's segment. Chicory's own memories give their bytes out only as new arrays, so with
 * its default (ByteBufferMemory) WasmTarball.read copied every file twice and made garbage: 3.3 times
 * FFM's time to read every file of a 100 MB archive, against a quarter more with this (WASM.md). Chicory takes it through
 * {@code Instance.builder(...).withMemoryFactory(PagedMemory::new)}.
 *
 * <p>The sandbox is the same: every access is checked against the memory's current size, and one
 * outside it throws Chicory's own trap ({@code WasmRuntimeException: out of bounds memory access}),
 * with nothing written. Growing adds zeroed pages (none moves); past the maximum, or when the heap
 * has no room for them, growing fails and C's malloc returns NULL.
 */
final class PagedMemory implements Memory {
    private static final int SHIFT = 16; // PAGE_SIZE is 1 << 16
    private static final int MASK = PAGE_SIZE - 1;
    private static final ByteOrder WASM = ByteOrder.LITTLE_ENDIAN; // on any host
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, WASM);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, WASM);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, WASM);

    private final MemoryLimits limits;
    private final byte[][] pages; // the first `count` are the memory
    private int count;
    private boolean heapWasFull; // a grow has failed for want of Java heap (C's malloc may then try smaller ones)
    private DataSegment[] dataSegments;

    PagedMemory(MemoryLimits limits) {
        if (limits.shared()) {
            throw new IllegalArgumentException("a shared (multi-threaded) wasm memory is not supported");
        }
        this.limits = limits;
        if (limits.initialPages() > maximumPages()) {
            throw new IllegalArgumentException("the module needs " + limits.initialPages() + " pages, more than its maximum");
        }
        this.pages = new byte[maximumPages()][];
        for (; count < limits.initialPages(); count++) {
            pages[count] = new byte[PAGE_SIZE];
        }
    }

    /** Copies length bytes at a module address into a segment: one copy, no array in between. */
    void copyTo(int address, MemorySegment into, long offset, long length) {
        chunks(address, length, (page, at, done, n) -> MemorySegment.copy(page, at, into, JAVA_BYTE, offset + done, n));
    }

    /** Whether a grow has failed because the Java heap had no room for the pages (WasmTarball makes an instance per open). */
    boolean heapWasFull() {
        return heapWasFull;
    }

    /** One page's part of a range. */
    private interface Chunk {
        void apply(byte[] page, int at, long done, int length);
    }

    /** Calls chunk on each page's part of [address, address + length), in order, once the whole range is checked. */
    private void chunks(int address, long length, Chunk chunk) {
        long start = at(address, length);
        for (long done = 0; done < length; ) {
            long next = start + done;
            int at = (int) (next & MASK);
            int n = (int) Math.min(length - done, PAGE_SIZE - at);
            chunk.apply(pages[(int) (next >>> SHIFT)], at, done, n);
            done += n;
        }
    }

    /** The unsigned address, or the trap if [address, address + length) is not all inside the memory. */
    private long at(int address, long length) {
        long start = Integer.toUnsignedLong(address); // wasm addresses are unsigned 32-bit
        long size = (long) count * PAGE_SIZE;
        if (length < 0 || start > size || length > size - start) { // not start + length > size: that can overflow
            throw new WasmRuntimeException("out of bounds memory access: " + length + " bytes at address " + start
                    + ", but the memory has " + size);
        }
        return start;
    }

    /** The page holding address (for a value that fits in it), or the trap. */
    private byte[] page(int address) {
        int index = address >>> SHIFT;
        if (index >= count) {
            at(address, 1); // throws: the address is past the end
        }
        return pages[index];
    }

    /** A little-endian value of n bytes that straddles two pages. */
    private long readAcross(int address, int n) {
        at(address, n);
        long value = 0;
        for (int i = n - 1; i >= 0; i--) {
            value = value << 8 | (read(address + i) & 0xFF);
        }
        return value;
    }

    private void writeAcross(int address, long value, int n) {
        at(address, n); // all or nothing
        for (int i = 0; i < n; i++) {
            writeByte(address + i, (byte) (value >>> 8 * i));
        }
    }

    @Override
    public int pages() {
        return count;
    }

    @Override
    public int grow(int delta) {
        int before = count;
        long after = before + Integer.toUnsignedLong(delta);
        if (after > maximumPages()) {
            return -1; // C's malloc returns NULL: the limit
        }
        try {
            for (int i = before; i < after; i++) {
                pages[i] = new byte[PAGE_SIZE];
            }
        } catch (OutOfMemoryError e) { // the heap is full: a failed grow, not a dead JVM
            Arrays.fill(pages, before, (int) after, null);
            heapWasFull = true;
            return -1;
        }
        count = (int) after;
        return before;
    }

    @Override
    public int initialPages() {
        return limits.initialPages();
    }

    @Override
    public int maximumPages() {
        return Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES);
    }

    @Override
    public boolean shared() {
        return false;
    }

    // Atomics on an unshared memory need no lock beyond the instance's one thread; waiting on one is a trap.
    @Override
    @SuppressWarnings("removal") // deprecated in Memory, but still abstract in Chicory 1.7
    public Object lock(int address) {
        return this;
    }

    @Override
    @SuppressWarnings("removal")
    public int waitOn(int address, int expected, long timeout) {
        throw new ChicoryException("wait on an unshared memory");
    }

    @Override
    @SuppressWarnings("removal")
    public int waitOn(int address, long expected, long timeout) {
        throw new ChicoryException("wait on an unshared memory");
    }

    @Override
    @SuppressWarnings("removal")
    public int notify(int address, int maxThreads) {
        return 0;
    }

    /** Writes the module's active data segments (C's initialized globals) where they belong. */
    @Override
    public void initialize(Instance instance, DataSegment[] segments) {
        this.dataSegments = segments;
        for (DataSegment segment : segments == null ? new DataSegment[0] : segments) {
            if (segment instanceof ActiveDataSegment active && active.index() == 0) {
                write((int) computeConstantValue(instance, active.offsetInstructions())[0], active.data());
            }
        }
    }

    @Override
    public void initPassiveSegment(int segment, int address, int offset, int size) {
        write(address, dataSegments[segment].data(), offset, size);
    }

    @Override
    public void drop(int segment) {
        dataSegments[segment] = PassiveDataSegment.EMPTY;
    }

    @Override
    public void write(int address, byte[] data, int offset, int size) {
        if (offset < 0 || size < 0 || offset > data.length - size) { // memory.init past its data segment (or a dropped one)
            throw new WasmRuntimeException("out of bounds memory access: " + size + " bytes at " + offset + " of a data segment of "
                    + data.length);
        }
        chunks(address, size, (page, at, done, n) -> System.arraycopy(data, offset + (int) done, page, at, n));
    }

    @Override
    public byte[] readBytes(int address, int length) {
        at(address, length); // the trap, before the allocation
        byte[] bytes = new byte[length];
        chunks(address, length, (page, at, done, n) -> System.arraycopy(page, at, bytes, (int) done, n));
        return bytes;
    }

    @Override
    public void copy(int destination, int source, int size) { // memory.copy: C's memcpy and memmove
        long to = at(destination, size);
        long from = at(source, size);
        if (to > from && to < from + size) { // overlapping, destination after source: copy from the end, a page at a time
            for (int left = size; left > 0; ) {
                int n = Math.min(left, PAGE_SIZE);
                left -= n;
                write(destination + left, readBytes(source + left, n));
            }
        } else {
            chunks(source, size, (page, at, done, n) -> write(destination + (int) done, page, at, n));
        }
    }

    @Override
    public void fill(byte value, int from, int to) {
        chunks(from, Integer.toUnsignedLong(to) - Integer.toUnsignedLong(from), (page, at, done, n) -> Arrays.fill(page, at, at + n, value));
    }

    @Override
    public void zero() {
        for (int i = 0; i < count; i++) {
            Arrays.fill(pages[i], (byte) 0);
        }
    }

    @Override
    public byte read(int address) {
        return page(address)[address & MASK];
    }

    @Override
    public void writeByte(int address, byte value) {
        page(address)[address & MASK] = value;
    }

    @Override
    public short readShort(int address) {
        int at = address & MASK;
        return at <= PAGE_SIZE - 2 ? (short) SHORT.get(page(address), at) : (short) readAcross(address, 2);
    }

    @Override
    public long readU16(int address) {
        return Short.toUnsignedLong(readShort(address));
    }

    @Override
    public void writeShort(int address, short value) {
        int at = address & MASK;
        if (at <= PAGE_SIZE - 2) {
            SHORT.set(page(address), at, value);
        } else {
            writeAcross(address, value, 2);
        }
    }

    @Override
    public int readInt(int address) {
        int at = address & MASK;
        return at <= PAGE_SIZE - 4 ? (int) INT.get(page(address), at) : (int) readAcross(address, 4);
    }

    @Override
    public void writeI32(int address, int value) {
        int at = address & MASK;
        if (at <= PAGE_SIZE - 4) {
            INT.set(page(address), at, value);
        } else {
            writeAcross(address, value, 4);
        }
    }

    @Override
    public long readLong(int address) {
        int at = address & MASK;
        return at <= PAGE_SIZE - 8 ? (long) LONG.get(page(address), at) : readAcross(address, 8);
    }

    @Override
    public void writeLong(int address, long value) {
        int at = address & MASK;
        if (at <= PAGE_SIZE - 8) {
            LONG.set(page(address), at, value);
        } else {
            writeAcross(address, value, 8);
        }
    }

    @Override
    public float readFloat(int address) {
        return Float.intBitsToFloat(readInt(address));
    }

    @Override
    public long readF32(int address) { // the raw bits, as Chicory's memories give them
        return readInt(address);
    }

    @Override
    public void writeF32(int address, float value) {
        writeI32(address, Float.floatToRawIntBits(value));
    }

    @Override
    public double readDouble(int address) {
        return Double.longBitsToDouble(readLong(address));
    }

    @Override
    public long readF64(int address) {
        return readLong(address);
    }

    @Override
    public void writeF64(int address, double value) {
        writeLong(address, Double.doubleToRawLongBits(value));
    }
}
