package javatoc.tarball;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * PagedMemory (the wasm engine's memory) does what Chicory's own ByteArrayMemory does, operation for
 * operation, traps included, at the addresses where it could go wrong: across a page boundary, at
 * the end of the memory, and past it.
 */
class PagedMemoryTest {
    private static final int PAGE = Memory.PAGE_SIZE;

    @Test
    void everyOperationGivesWhatChicorysOwnMemoryGives() {
        Memory ours = new PagedMemory(new MemoryLimits(2, 5));
        Memory chicorys = new ByteArrayMemory(new MemoryLimits(2, 5));
        Random random = new Random(31);
        int traps = 0;
        for (int step = 0; step < 200_000; step++) {
            int address = address(random, ours.pages());
            int operation = random.nextInt(14);
            long value = random.nextLong();
            int length = random.nextInt(3) == 0 ? random.nextInt(3 * PAGE) : random.nextInt(16);
            Function<Memory, Object> op = switch (operation) {
                case 0 -> m -> { m.writeByte(address, (byte) value); return null; };
                case 1 -> m -> { m.writeShort(address, (short) value); return null; };
                case 2 -> m -> { m.writeI32(address, (int) value); return null; };
                case 3 -> m -> { m.writeLong(address, value); return null; };
                case 4 -> m -> { m.writeF32(address, Float.intBitsToFloat((int) value)); return null; };
                case 5 -> m -> { m.writeF64(address, Double.longBitsToDouble(value)); return null; };
                case 6 -> m -> List.of(m.read(address), m.readU16(address), m.readShort(address));
                case 7 -> m -> List.of(m.readInt(address), m.readF32(address), Float.floatToRawIntBits(m.readFloat(address)));
                case 8 -> m -> List.of(m.readLong(address), m.readF64(address), Double.doubleToRawLongBits(m.readDouble(address)));
                case 9 -> m -> { m.write(address, bytes(length, value)); return null; };
                case 10 -> m -> Arrays.hashCode(m.readBytes(address, length)) + " " + length; // short, should it ever differ
                case 11 -> m -> { m.copy(address, address(new Random(value), m.pages()), length); return null; };
                case 12 -> m -> { m.fill((byte) value, address, address + length); return null; };
                default -> m -> null; // grow: below
            };
            if (operation == 13) { // grows now and then (up to the maximum of 5 pages, then -1)
                int pages = random.nextInt(50) == 0 ? 1 : 0;
                assertEquals(chicorys.grow(pages), ours.grow(pages), "grow");
                continue;
            }
            Object expected = outcome(op, chicorys);
            assertEquals(expected, outcome(op, ours), "operation " + operation + " at " + Integer.toUnsignedString(address));
            traps += expected instanceof Trap ? 1 : 0;
        }
        assertEquals(chicorys.pages(), ours.pages());
        assertArrayEquals(chicorys.readBytes(0, chicorys.pages() * PAGE), ours.readBytes(0, ours.pages() * PAGE));
        assertTrue(traps > 1_000, "the walk reached past the end often enough to test the traps: " + traps);
    }

    /** Near a page boundary, near the end, past it, or anywhere (unsigned: up to 4 GiB). */
    private static int address(Random random, int pages) {
        return switch (random.nextInt(5)) {
            case 0 -> (1 + random.nextInt(Math.max(1, pages))) * PAGE - random.nextInt(12);
            case 1 -> pages * PAGE - random.nextInt(20);
            case 2 -> pages * PAGE + random.nextInt(20);
            case 3 -> random.nextInt();
            default -> random.nextInt(pages * PAGE);
        };
    }

    private static byte[] bytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private record Trap() {}

    private static Object outcome(Function<Memory, Object> op, Memory memory) {
        try {
            return String.valueOf(op.apply(memory));
        } catch (WasmRuntimeException e) {
            return new Trap();
        }
    }

    @Test
    void copyToCopiesAcrossPagesWhatReadBytesGives() {
        PagedMemory memory = new PagedMemory(new MemoryLimits(3, 3));
        memory.write(PAGE - 100, bytes(PAGE + 200, 7));
        MemorySegment into = MemorySegment.ofArray(new byte[PAGE + 300]);
        memory.copyTo(PAGE - 100, into, 50, PAGE + 200);
        assertArrayEquals(memory.readBytes(PAGE - 100, PAGE + 200), into.asSlice(50, PAGE + 200).toArray(ValueLayout.JAVA_BYTE));
    }

    @Test
    void copyToPastTheEndIsTheTrapAndCopiesNothing() {
        PagedMemory memory = new PagedMemory(new MemoryLimits(1, 1));
        memory.fill((byte) 9, 0, PAGE);
        byte[] into = new byte[100];
        WasmRuntimeException trap = assertThrows(WasmRuntimeException.class,
                () -> memory.copyTo(PAGE - 50, MemorySegment.ofArray(into), 0, 100));
        assertEquals("out of bounds memory access: 100 bytes at address 65486, but the memory has 65536", trap.getMessage());
        assertArrayEquals(new byte[100], into);
        assertThrows(WasmRuntimeException.class, () -> memory.copyTo(-1, MemorySegment.ofArray(into), 0, 1)); // 4 GiB - 1, unsigned
        assertThrows(WasmRuntimeException.class, () -> memory.copyTo(1, MemorySegment.ofArray(into), 0, Long.MAX_VALUE)); // no overflow
        assertArrayEquals(new byte[100], into);
    }

    @Test
    void memoryInitPastItsDataSegmentOrAfterDropIsTheTrap() {
        for (Memory memory : List.of(new PagedMemory(new MemoryLimits(1, 1)), new ByteArrayMemory(new MemoryLimits(1, 1)))) {
            memory.initialize(null, new DataSegment[] {new PassiveDataSegment(new byte[] {1, 2, 3})}); // passive: no offset to evaluate
            memory.initPassiveSegment(0, 8, 1, 2);
            assertEquals(0x0302, memory.readShort(8), memory.getClass().getSimpleName());
            assertThrows(WasmRuntimeException.class, () -> memory.initPassiveSegment(0, 8, 10, 1));
            assertThrows(WasmRuntimeException.class, () -> memory.initPassiveSegment(0, 8, 2, 2));
            memory.drop(0);
            assertThrows(WasmRuntimeException.class, () -> memory.initPassiveSegment(0, 8, 0, 1));
            assertEquals(0x0302, memory.readShort(8), "nothing written by a trap");
        }
    }

    @Test
    void growingPastTheMaximumFailsAndChangesNothing() {
        PagedMemory memory = new PagedMemory(new MemoryLimits(1, 3));
        memory.writeI32(8, 42);
        assertEquals(1, memory.grow(2));
        assertEquals(-1, memory.grow(1));
        assertEquals(-1, memory.grow(-1)); // 4 billion pages, unsigned
        assertEquals(3, memory.pages());
        assertEquals(42, memory.readInt(8));
        assertEquals(0, memory.readLong(3 * PAGE - 8)); // new pages are zero
    }

    @Test
    void aWriteThatWouldStraddleTheEndWritesNothing() {
        PagedMemory memory = new PagedMemory(new MemoryLimits(1, 1));
        assertThrows(WasmRuntimeException.class, () -> memory.writeLong(PAGE - 4, -1L));
        assertThrows(WasmRuntimeException.class, () -> memory.write(PAGE - 4, new byte[] {1, 2, 3, 4, 5}));
        assertEquals(0, memory.readInt(PAGE - 4));
        assertThrows(IllegalArgumentException.class, () -> new PagedMemory(new MemoryLimits(1, 1, true))); // threads: not supported
    }
}
