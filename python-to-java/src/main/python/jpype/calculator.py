# CPython + JPype: the real Python starts a JVM inside its own process and calls Java.
# Run: JAVA_HOME=/path/to/jdk-25 /usr/bin/python3 src/main/python/jpype/calculator.py target/python-to-java.jar
import os
import sys

try:
    import jpype
    import jpype.imports  # Java packages import like Python modules, once the JVM runs
except ImportError:
    sys.exit(f"error: JPype is not importable by {sys.executable}: `apt-get install python3-jpype`"
             " (Debian's /usr/bin/python3) or `pip install JPype1`")

JDK_NEEDED = 25
_started = False  # by start_java, in this process
# A one-shot script (these lessons) starts and ends fastest with C1 only and the serial GC. A
# service that runs for hours wants C2 (the JIT's default) and G1 (named: a small machine would
# pick serial), with a heap sized for its work: start_java(..., service=True). OWN_PROJECT.md.
SCRIPT_FLAGS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
SERVICE_FLAGS = ("-XX:+UseG1GC", "-Xmx1g")


def start_java(classpath, *jvm_options, service=False, **jpype_options):
    """Starts the JVM of JAVA_HOME (a JDK 25+) inside this process, with classpath (a list; "DIR/*"
    is DIR's jars) and the flags of a script, or of a service; more JVM options and jpype.startJVM's
    own (threads.py's interrupt=False) may follow."""
    global _started
    if jpype.isJVMStarted() or _started:  # JPype: "JVM is already started", then "JVM cannot be restarted"
        raise RuntimeError("start_java: this process has started its JVM already; a process starts one JVM,"
                           " once (not again after shutdownJVM): call start_java once, at start-up")
    jdk = os.environ.get("JAVA_HOME", "")
    try:  # the JDK's `release` file names its version; nothing starts to read it
        with open(os.path.join(jdk, "release")) as release:
            version = next(line for line in release if line.startswith("JAVA_VERSION="))
        found = int(version.split('"')[1].split(".")[0])
    except (OSError, StopIteration, IndexError, ValueError):
        sys.exit(f"error: JAVA_HOME={jdk!r} is not a JDK: point JAVA_HOME at a JDK {JDK_NEEDED} or newer")
    if found < JDK_NEEDED:
        sys.exit(f"error: JAVA_HOME={jdk} is JDK {found}, but JDK {JDK_NEEDED} is needed: point JAVA_HOME at a JDK {JDK_NEEDED} or newer")
    # JPype's own Java half: pip's JPype1 finds it by itself, Debian's python3-jpype only when we
    # give no class path (else: ClassNotFoundException: org.jpype.classloader.DynamicClassLoader).
    if jpype.__file__.startswith("/usr/lib/python3/dist-packages/"):
        classpath = classpath + ["/usr/share/java/org.jpype.jar"]
    # JAVA_HOME's libjvm.so (getDefaultJVMPath looks there first) goes into this process: one JVM
    # per process, started once, stopped at exit. JPype loads its native half with System.load,
    # which JDK 25 warns about without the flag.
    jpype.startJVM(jpype.getDefaultJVMPath(), "--enable-native-access=ALL-UNNAMED", *(SERVICE_FLAGS if service else SCRIPT_FLAGS),
                   *jvm_options, classpath=classpath, convertStrings=False, **jpype_options)
    _started = True


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: calculator.py CLASSPATH  (with JAVA_HOME at a JDK 25; make run passes both)")
    start_java(sys.argv[1].split(":"))
    from java.lang import ProcessHandle
    from java.util import ArrayList
    from pythontojava import Calculator, CalculatorException, Operation

    print("CPython + JPype: the real Python calls Java, in its own process")
    print(f"  Java's process is Python's: {ProcessHandle.current().pid() == os.getpid()}")
    print(f"  4 * 2 = {Calculator.multiply(4, 2)}")

    # A Java collection: JPype makes it behave like a Python list (len, index, iterate).
    squares = Calculator.squares(5)
    print(f"  squares(5) = {list(squares)}  (a {squares.getClass().getName()} of {len(squares)} items)")

    # The other way: JPype does not turn a Python list into a java.util.List by itself;
    # ArrayList(...) copies it into one (without it: "No matching overloads found ... total(list)").
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

    # A callback that fails. Java catches a Java exception raised in Python, message and all...
    @jpype.JImplements(Operation)
    class Refuses:
        @jpype.JOverride
        def apply(self, a, b):
            raise CalculatorException(f"Refuses will not compare {a} and {b}")

    print(f"  tryReduce([3, 9], Refuses()) = {Calculator.tryReduce(ArrayList([3, 9]), Refuses())}")

    # ...but a Python exception reaches Java as an org.jpype.PyExceptionProxy without its message;
    # only back in Python does it become the original exception again.
    @jpype.JImplements(Operation)
    class Broken:
        @jpype.JOverride
        def apply(self, a, b):
            raise ValueError(f"Broken cannot compare {a} and {b}")

    print(f"  tryReduce([3, 9], Broken()) = {Calculator.tryReduce(ArrayList([3, 9]), Broken())}")
    try:
        Calculator.reduce(ArrayList([3, 9]), Broken())
    except ValueError as e:
        print(f"  reduce([3, 9], Broken()) raised ValueError: {e}  (back in Python, the original)")


if __name__ == "__main__":
    main()
