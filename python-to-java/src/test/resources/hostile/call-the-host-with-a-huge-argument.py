# An exported host method called with an enormous argument: Java would allocate the list.
import java
print(len(java.type('pythontojava.Calculator').squares(2 ** 31 - 1)))
