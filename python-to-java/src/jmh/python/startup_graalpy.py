# Start-up: GraalPy starts in the sandbox, calls Java once, exits.
import java
print(java.type("pythontojava.Calculator").multiply(4, 2))
