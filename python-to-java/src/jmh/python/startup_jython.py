# Start-up: Jython starts, calls Java once, exits.
from pythontojava import Calculator
print Calculator.multiply(4, 2)
