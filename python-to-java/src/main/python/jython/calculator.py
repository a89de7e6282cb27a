# Jython: a Python 2.7 script that calls the example's own Java classes.
# Run: java --enable-native-access=ALL-UNNAMED -cp target/python-to-java.jar:target/jython/jython-standalone-2.7.4.jar \
#        org.python.util.jython src/main/python/jython/calculator.py   (make run adds start-up flags)
import sys
from pythontojava import Calculator, CalculatorException, Operation  # Java classes import like modules (ours: on -cp)

print "Jython %s: a Python %d.%d script calls Java" % ((sys.version.split()[0],) + sys.version_info[:2])
print "  4 * 2 = %d" % Calculator.multiply(4, 2)

# A Java collection: Jython lets Python index, measure and iterate it like a list.
squares = Calculator.squares(5)
print "  squares(5) = %s  (a %s of %d items)" % (list(squares), squares.getClass().getName(), len(squares))

# The other way: a Python list is a java.util.List to Java.
print "  total([1, 2, 3, 4]) = %d  (a Python list, read by Java as a java.util.List)" % Calculator.total([1, 2, 3, 4])


# A Python class implements a Java interface; Java calls apply() back for each pair.
class Larger(Operation):
    def __init__(self):
        self.calls = 0

    def apply(self, a, b):
        self.calls += 1
        return max(a, b)

larger = Larger()
print "  reduce([3, 9, 4], Larger()) = %d  (Java called Python back %d times)" % (
    Calculator.reduce([3, 9, 4], larger), larger.calls)

# A Java exception is a Python exception: catch it by its Java class.
try:
    Calculator.divide(7, 0)
except CalculatorException as e:
    print "  divide(7, 0) raised %s: %s" % (e.getClass().getSimpleName(), e.getMessage())
