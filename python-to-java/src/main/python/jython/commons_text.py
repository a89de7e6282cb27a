# Jython 2.7 with a real library from Maven Central: Commons Text and the commons-lang3 it needs.
# Jython reads Java classes from a jar on sys.path, one jar an entry (no wildcard): glob the folder.
# Run: java ... org.python.util.jython src/main/python/jython/commons_text.py own-project/target/deps
import glob
import os
import sys

if len(sys.argv) != 2:
    sys.exit("usage: commons_text.py DEPS_DIR  (the folder Maven copied the jars into; make run passes it)")
for jar in sorted(glob.glob(os.path.join(sys.argv[1], "*.jar"))):
    sys.path.append(jar)

from org.apache.commons.lang3 import StringUtils
from org.apache.commons.text import WordUtils

print("Jython: a library from Maven Central, each jar on sys.path")
print('  WordUtils.capitalizeFully("hello from the jvm") = %s' % WordUtils.capitalizeFully("hello from the jvm"))
print('  StringUtils.reverse("jvm") = %s  (commons-lang3, which commons-text calls)' % StringUtils.reverse("jvm"))
