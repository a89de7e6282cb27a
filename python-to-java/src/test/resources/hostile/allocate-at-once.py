# One list larger than the heap (run with -Xmx256m): Python's own MemoryError.
big = [1.5] * (2 * 10 ** 8)
