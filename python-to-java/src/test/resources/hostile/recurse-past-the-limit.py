# Recursion without end, with Python's own limit raised: the JVM's stack overflows, and GraalPy
# turns that into the same RecursionError.
import sys
sys.setrecursionlimit(10 ** 7)

def down(n):
    return down(n + 1) + 1

down(0)
