# CPython + JPype with a real library from Maven Central: Apache Commons Text, and the
# commons-lang3 it needs, both copied by Maven into one folder (OWN_PROJECT.md: the command).
# Run: JAVA_HOME=/path/to/jdk-25 /usr/bin/python3 src/main/python/jpype/commons_text.py own-project/target/deps
import os
import sys

from calculator import start_java  # the lesson's start, in this folder


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: commons_text.py DEPS_DIR  (the folder Maven copied the jars into; make run passes it)")
    deps = sys.argv[1]
    # An entry "DIR/*" is DIR's *.jar files: JPype globs it itself. The JVM it starts expands no *
    # (only the `java` launcher does), so "DIR/*.jar", or a * inside one "a.jar:DIR/*" string, finds nothing.
    start_java([os.path.join(deps, "*")])
    from java.lang import System
    from org.apache.commons.lang3 import StringUtils
    from org.apache.commons.text import CaseUtils, WordUtils

    print("CPython + JPype: a library from Maven Central, with the library it needs")
    jars = sorted(os.path.basename(p) for p in str(System.getProperty("java.class.path")).split(os.pathsep) if p.startswith(deps))
    print(f"  classpath=[\"{deps}/*\"] became: {', '.join(jars)}")
    # Two overloads fit one argument: (String) and (String, char... delimiters). JPype 1.4 picks the
    # second, with no delimiter (so one word); None, Java's null, asks for the default (white space).
    print(f"  WordUtils.capitalizeFully(\"hello from the jvm\") = {WordUtils.capitalizeFully('hello from the jvm')}"
          "  (JPype chose (String, char...), with no delimiter)")
    print(f"  WordUtils.capitalizeFully(\"hello from the jvm\", None) = {WordUtils.capitalizeFully('hello from the jvm', None)}")
    print(f"  CaseUtils.toCamelCase(\"hello from the jvm\", False) = {CaseUtils.toCamelCase('hello from the jvm', False)}")
    print(f"  StringUtils.reverse(\"jvm\") = {StringUtils.reverse('jvm')}  (commons-lang3, which commons-text calls)")


if __name__ == "__main__":
    main()
