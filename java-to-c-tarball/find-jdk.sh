#!/bin/sh
# Prints the home of a JDK that is new enough (default 25), or explains in one line on stderr and exits 1.
# Order: $JAVA_HOME (used as given, so a too-old one is an error), then `java` on the PATH,
# then the usual install folders, newest first. Reads each JDK's `release` file: no JVM starts.
need=${1:-25}

major() { # the feature version of the JDK at $1, e.g. 25; nothing if it is not a JDK
  [ -x "$1/bin/javac" ] && [ -f "$1/release" ] || return 1
  sed -n 's/^JAVA_VERSION="\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' "$1/release"
}

fail() { # one line: what is wrong, and the fix
  echo "error: $1 Install a JDK $need or newer (e.g. Temurin $need) and point JAVA_HOME at it: export JAVA_HOME=/usr/lib/jvm/temurin-$need-jdk-amd64" >&2
  exit 1
}

if [ -n "${JAVA_HOME:-}" ]; then
  v=$(major "$JAVA_HOME") || fail "JAVA_HOME=$JAVA_HOME is not a JDK (no bin/javac or release file)."
  [ "$v" -ge "$need" ] || fail "JAVA_HOME=$JAVA_HOME is JDK $v, but JDK $need is needed."
  echo "$JAVA_HOME"; exit 0
fi

# The java on the PATH, if it is new enough.
path_java=$(command -v java 2>/dev/null) && home=$(dirname "$(dirname "$(readlink -f "$path_java")")")
if [ -n "${home:-}" ] && v=$(major "$home") && [ "$v" -ge "$need" ]; then echo "$home"; exit 0; fi

# Otherwise the newest JDK in the usual install folders.
best= bestv=0 seen=
for home in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
  v=$(major "$home" 2>/dev/null) || continue
  seen="$seen $home ($v)"
  if [ "$v" -ge "$need" ] && [ "$v" -gt "$bestv" ]; then best=$home bestv=$v; fi
done
[ -n "$best" ] || fail "no JDK $need or newer found. JDKs seen:${seen:- none}. Searched: the java on the PATH, /usr/lib/jvm, /Library/Java/JavaVirtualMachines, ~/.sdkman/candidates/java."
echo "$best"
