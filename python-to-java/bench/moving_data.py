# Moving one payload between CPython and Java, timed by CPython's own clock, for bench/rows'
# `data loop` rows: moving_data.py PATH, sizes in bytes from $BENCH_SIZES. Each PATH calls one
# function of the lesson (src/main/python/jpype/moving_data.py) with buffers made once per size.
# Prints one sample a line, "SIZE NANOSECONDS": the mean time of one transfer over an inner loop
# of about 10 ms (2 ms with BENCH_QUICK), after a warm-up; what arrived is checked once per size.
# `moving_data.py check` (JPypeTest) moves a pattern along every path at sizes from 0 to 2 MiB and
# checks the CRC-32 of what arrived: the same functions, with the same buffers, as the timed ones.
import os
import sys
import time
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src", "main", "python", "jpype"))
from calculator import start_java  # the lesson's own start: same JVM, same flags

QUICK = bool(os.environ.get("BENCH_QUICK"))
LOOP_NS = 2_000_000 if QUICK else 10_000_000
SAMPLES = 3 if QUICK else 5


def paths(md, numpy, JArray, JByte):
    """PATH: size -> (one transfer, a function of its result that returns the CRC-32 that arrived)."""
    java = md.java()
    on_java = java.checksum
    on_python = zlib.crc32

    def from_python(size):  # the payload as Python bytes, and a NumPy int8 copy of it
        data = md.array_through_memoryview(java.pattern(size))
        return data, numpy.frombuffer(data, dtype=numpy.int8).copy()

    def to_java(make):
        def prepare(size):
            data, array = from_python(size)
            return make(size, data, array)
        return prepare

    def to_python(make):
        def prepare(size):
            return make(size, java.pattern(size))
        return prepare

    return {
        "bytes-to-new-array": to_java(lambda n, d, a: (lambda: md.bytes_to_new_array(d), on_java)),
        "bytes-as-argument": to_java(lambda n, d, a: (lambda: md.bytes_as_argument(d), on_java)),
        "bytes-into-array": to_java(lambda n, d, a: (lambda j=JArray(JByte)(n): md.bytes_into_array(d, j), on_java)),
        "memoryview-into-array": to_java(lambda n, d, a: (lambda j=JArray(JByte)(n), m=memoryview(bytearray(d)): md.bytes_into_array(m, j), on_java)),
        "bytearray-direct-buffer": to_java(lambda n, d, a: (lambda j=JArray(JByte)(n), b=bytearray(d): md.through_direct_buffer(b, j), on_java)),
        "numpy-1d-to-new-array": to_java(lambda n, d, a: (lambda: md.bytes_to_new_array(a), on_java)),
        "numpy-2d-to-array": to_java(lambda n, d, a: (lambda m=a.reshape(md.matrix_shape(n)): md.numpy_2d_to_array(m), on_java)),
        "numpy-2d-direct-buffer": to_java(lambda n, d, a: (lambda j=JArray(JByte)(n), m=a.reshape(md.matrix_shape(n)): md.through_direct_buffer(m, j), on_java)),
        "array-to-bytes": to_python(lambda n, j: (lambda: md.array_to_bytes(j), on_python)),
        "array-memoryview": to_python(lambda n, j: (lambda: md.array_through_memoryview(j), on_python)),
        "array-numpy": to_python(lambda n, j: (lambda o=numpy.zeros(n, dtype=numpy.int8): md.array_into_numpy(j, o), on_python)),
        "direct-buffer-numpy": lambda n: (lambda b=java.directPattern(n), o=numpy.zeros(n, dtype=numpy.int8): md.direct_buffer_into_numpy(b, o), on_python),
    }


def time_one(transfer, count):
    start = time.perf_counter_ns()
    for _ in range(count):
        transfer()
    return (time.perf_counter_ns() - start) / count


CHECK_SIZES = [0, 1, 17, 65537, 1048579, 2097152]  # empty, one byte, odd, over 1 MiB, a 2-D of 2048 rows


def expected_crc(size):
    return zlib.crc32(bytes((i * 31 + 7) & 0xff for i in range(size)))


def check(every):
    """Every path at every CHECK_SIZES size: one line a path, "PATH: ok" or what went wrong."""
    expected = {size: expected_crc(size) for size in CHECK_SIZES}
    for path, prepare in every.items():
        wrong = [size for size in CHECK_SIZES if (lambda t, c: c(t()))(*prepare(size)) != expected[size]]
        print(f"{path}: " + (f"wrong bytes arrived at sizes {wrong}" if wrong else "ok"))


def main():
    path = sys.argv[1] if len(sys.argv) == 2 else None
    try:
        sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "16 1024 65536 1048576 16777216").split()]
    except ValueError:
        sys.exit(f"error: BENCH_SIZES={os.environ['BENCH_SIZES']!r}: byte counts separated by spaces")
    start_java(["target/python-to-java.jar"])
    import numpy
    import moving_data
    from jpype import JArray, JByte
    every = paths(moving_data, numpy, JArray, JByte)
    if path == "check":
        return check(every)
    if path not in every:
        sys.exit(f"usage: moving_data.py check|PATH, PATH one of: {' '.join(every)}")
    for size in sizes:
        transfer, checksum = every[path](size)
        if checksum(transfer()) != expected_crc(size):  # what arrived, checked before it is timed
            sys.exit(f"error: {path} at {size} bytes: what arrived differs from what was sent")
        one = time_one(transfer, 1)
        count = max(1, int(LOOP_NS / max(one, 1)))
        time_one(transfer, count)  # warm-up
        for _ in range(SAMPLES):
            print(size, f"{time_one(transfer, count):.1f}", flush=True)


main()
