# Recursion without end: a RecursionError, not a crash.
def down(n):
    return down(n + 1) + 1

down(0)
