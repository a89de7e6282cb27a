# GraalPy: the same program in Python 3, in a sandbox that sees only what Java exported.
# Run: make run SCRIPT=src/main/python/graalpy/calculator.py (README.md shows the java command).
import java  # GraalPy's bridge to the host; java.type() finds only the classes the runner allows

Calculator = java.type("pythontojava.Calculator")
CalculatorException = java.type("pythontojava.CalculatorException")

print("GraalPy: a Python 3 script calls Java, in a sandbox")
print(f"  4 * 2 = {Calculator.multiply(4, 2)}")

# A Java collection: the sandbox allows list access, so Python can index, measure and iterate it
# (but not call its Java methods: getClass() is not exported).
squares = Calculator.squares(5)
print(f"  squares(5) = {list(squares)}  (a Java List of {len(squares)} items)")

# The other way: a Python list is a java.util.List to Java.
print(f"  total([1, 2, 3, 4]) = {Calculator.total([1, 2, 3, 4])}  (a Python list, read by Java as a java.util.List)")


# A Python object implements a Java interface (the runner allows Operation only); Java calls it back.
class Larger:
    def __init__(self):
        self.calls = 0

    def apply(self, a, b):
        self.calls += 1
        return max(a, b)


larger = Larger()
print(f"  reduce([3, 9, 4], Larger()) = {Calculator.reduce([3, 9, 4], larger)}  (Java called Python back {larger.calls} times)")

# A Java exception is a Python exception: catch it by its Java class.
try:
    Calculator.divide(7, 0)
except CalculatorException as e:
    print(f"  divide(7, 0) raised CalculatorException: {e.getMessage()}")
