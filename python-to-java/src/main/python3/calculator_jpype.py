# CPython: the same program on the real Python, which starts a JVM inside its own process (JPype).
# Run: /usr/bin/python3 src/main/python3/calculator_jpype.py JDK_HOME CLASSPATH
#  e.g. /usr/bin/python3 src/main/python3/calculator_jpype.py /usr/lib/jvm/temurin-25-jdk-amd64 target/classes
import os
import sys

try:
    import jpype
    import jpype.imports  # lets Java packages import like Python modules, once the JVM runs
except ImportError:
    why = (f"JPype is not importable by {sys.executable}: install it with `apt-get install python3-jpype`"
           f" (for /usr/bin/python3) or `{sys.executable} -m pip install JPype1`")
    if os.environ.get("CI") == "true":  # on CI a skip is a failure: CI must run all three ways
        sys.exit(f"error: {why} (CI=true: a skipped part is a failure)")
    print(f"SKIP: {why}")
    sys.exit(0)

if len(sys.argv) != 3:
    sys.exit("usage: calculator_jpype.py JDK_HOME CLASSPATH  (make run-jpype passes both)")
jdk, classpath = sys.argv[1], sys.argv[2].split(":")

# JPype has a Java half, org.jpype.jar. pip's JPype1 finds it next to itself; Debian's
# python3-jpype keeps it in /usr/share/java and finds it only when we give no class path of our
# own, so with ours we add it (without it: ClassNotFoundException: ...DynamicClassLoader).
if jpype.__file__.startswith("/usr/lib/python3/dist-packages/"):
    classpath.append("/usr/share/java/org.jpype.jar")

# Start the JVM we chose (not whatever JAVA_HOME says), with our classes on its class path.
# JPype loads libjvm.so into this process: one JVM per process, started once. The flag: JPype
# loads its native half with System.load, which JDK 25 warns about unless native access is on.
jpype.startJVM(os.path.join(jdk, "lib", "server", "libjvm.so"), "--enable-native-access=ALL-UNNAMED",
               classpath=classpath, convertStrings=False)

from java.util import ArrayList  # noqa: E402 (these imports need the running JVM)
from pythontojava import Calculator, CalculatorException, Operation  # noqa: E402

print("CPython (JPype): real Python calls Java in its own process")
print(f"  4 * 2 = {Calculator.multiply(4, 2)}")

# A Java collection: JPype makes it behave like a Python list (len, index, iterate).
squares = Calculator.squares(5)
print(f"  squares(5) = {list(squares)}  (a {squares.getClass().getName()} of {len(squares)} items)")

# The other way: JPype does not turn a Python list into a java.util.List by itself; ArrayList(...)
# copies it into one (without it: "No matching overloads found ... total(list)").
print(f"  total([1, 2, 3, 4]) = {Calculator.total(ArrayList([1, 2, 3, 4]))}  (a Python list, copied into a java.util.ArrayList)")


# A Python class implements a Java interface; Java calls apply() back for each pair.
@jpype.JImplements(Operation)
class Larger:
    def __init__(self):
        self.calls = 0

    @jpype.JOverride
    def apply(self, a, b):
        self.calls += 1
        return max(a, b)


larger = Larger()
print(f"  reduce([3, 9, 4], Larger()) = {Calculator.reduce(ArrayList([3, 9, 4]), larger)}  (Java called Python back {larger.calls} times)")

# A Java exception is a Python exception: catch it by its Java class.
try:
    Calculator.divide(7, 0)
except CalculatorException as e:
    print(f"  divide(7, 0) raised {e.getClass().getSimpleName()}: {e.getMessage()}")
