# One string builder inside a built-in: a join of a billion pieces.
print(len("".join("x" for _ in range(10 ** 9))))
