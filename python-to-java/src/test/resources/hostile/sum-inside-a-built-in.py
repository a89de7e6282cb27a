# One built-in that loops inside Java: it never reaches a safepoint, so only the wall stops it.
print(sum(range(10 ** 15)))
