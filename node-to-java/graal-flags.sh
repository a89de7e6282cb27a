#!/bin/sh
# Prints the `java` flags that run GraalJS with its optimizing compiler (the Graal compiler jars
# on the upgrade module path), or, when this JDK cannot load that compiler, the flags for the
# interpreter plus a one-line notice on stderr (instead of the engine's multi-line warning).
# Usage: graal-flags.sh JDK_HOME COMPILER_VERSION COMPILER_DIR
# The compiler 25.0.N needs a JDK 25.0.N or newer of the same feature release (25); reads the
# JDK's `release` file, so no JVM starts.
jdk=$1 compiler=$2 dir=$3

interpreter() {
  echo "notice: $1; JavaScript runs in the interpreter (slower)." >&2
  echo "-Dpolyglot.engine.WarnInterpreterOnly=false"
  exit 0
}

version=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$jdk/release" 2>/dev/null)
[ -n "$version" ] || interpreter "no JAVA_VERSION in $jdk/release"
[ "${version%%.*}" = "${compiler%%.*}" ] \
  || interpreter "the Graal compiler $compiler is for JDK ${compiler%%.*}, this is JDK $version"
# sort -V puts the older version first: the JDK must not be older than the compiler.
[ "$(printf '%s\n%s\n' "$compiler" "$version" | sort -V | head -n 1)" = "$compiler" ] \
  || interpreter "JDK $version is older than the Graal compiler $compiler needs (JDK $compiler or newer)"
ls "$dir"/*.jar > /dev/null 2>&1 || interpreter "no Graal compiler jars in $dir (run make)"
echo "-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=$dir"
