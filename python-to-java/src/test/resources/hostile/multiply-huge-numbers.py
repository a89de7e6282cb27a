# One big-integer multiplication, made as long as the attacker likes by a bigger number.
n = 7 ** (10 ** 7)
print(len(str(n * n)))
