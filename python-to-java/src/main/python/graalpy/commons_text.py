# GraalPy with a real library from Maven Central: its jars are on the Java application's class path
# (`-cp '...:own-project/target/deps/*'`: the java launcher expands the *), and the application
# lets the script look up their classes (GraalPyWithLibrary).
import java

WordUtils = java.type("org.apache.commons.text.WordUtils")
StringUtils = java.type("org.apache.commons.lang3.StringUtils")

print("GraalPy: a library from Maven Central, on the application's class path")
print(f'  WordUtils.capitalizeFully("hello from the jvm") = {WordUtils.capitalizeFully("hello from the jvm")}')
print(f'  StringUtils.reverse("jvm") = {StringUtils.reverse("jvm")}  (commons-lang3, which commons-text calls)')
