#!/bin/sh
# `make asm`: the machine code of one call of double_input, from C and from the lesson's
# FfmExample (critical and not), cut down to the instructions around the call.
# Usage, in java-to-c/ after `make`: asm/asm.sh JDK_HOME (needs capstone: libcapstone-dev)
set -e
jdk=$1
out=target/asm
mkdir -p $out/classes

# HotSpot prints machine code only through an "hsdis" plugin: a small one on capstone.
${CC:-cc} -O2 -Wall -Wextra -Werror -shared -fPIC -o $out/hsdis-amd64.so asm/hsdis.c -lcapstone
"$jdk/bin/javac" -d $out/classes -cp target/classes asm/AsmDemo.java

echo "== C: call_double_input, compiled by gcc -O2 (asm/c_caller.c) =="
# -fno-optimize-sibling-calls: else gcc turns the call into a jump (a tail call), even shorter.
${CC:-cc} -O2 -fno-optimize-sibling-calls -fno-asynchronous-unwind-tables -fcf-protection=none \
  -masm=intel -S -Isrc/main/c -o $out/c_caller.s asm/c_caller.c
awk '/^call_double_input:/ { on = 1; next } on && /^\t\.size/ { exit } on && !/^\t\./ { sub(/^\t/, "  "); print }' $out/c_caller.s

echo
echo "== double_input itself, in libexample.so (objdump) =="
objdump -d -M intel --no-show-raw-insn target/native/libexample.so \
  | awk '/<double_input>:/ { on = 1; next } on && /ret/ { sub(/^ +[0-9a-f]+:\t/, "  "); print; exit } on { sub(/^ +[0-9a-f]+:\t/, "  "); print }'

# HotSpot prints the code it compiles when the hsdis plugin is on the library path.
LD_LIBRARY_PATH=$out "$jdk/bin/java" --enable-native-access=ALL-UNNAMED \
  -Djava.library.path=target/native -XX:-TieredCompilation \
  -XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=quiet -XX:+PrintStubCode \
  -XX:CompileCommand=print,javatoc.FfmExample::doubleInput \
  -XX:CompileCommand=print,javatoc.FfmExample::doubleInputNotCritical \
  -XX:CompileCommand=print,java.lang.invoke.MethodHandle::linkToNative \
  -cp $out/classes:target/classes javatoc.AsmDemo > $out/hotspot.txt 2>&1

# Prints instructions without their addresses and HotSpot's notes, up to the first ret or jmp r10.
instructions() {
  awk '/^  0x/ { sub(/^  0x[0-9a-f]+: +/, "  "); sub(/ *;.*/, ""); sub(/ +$/, ""); print; if ($1 == "ret" || $0 ~ /jmp +r10/) exit }'
}
# A compiled method, from its verified entry point; $1 is its name as HotSpot prints it.
method() {
  awk -v name="$1" 'index($0, "Compiled method") { found = index($0, name) > 0 }
    found && /\[Verified Entry Point\]/ { on = 1; next } on' $out/hotspot.txt | instructions
}
# The n-th FFM downcall stub ("nep_invoker_blob"), in the order the handles were made.
stub() {
  awk -v n="$1" '/Decoding RuntimeStub - nep_invoker_blob/ { on = (++seen == n); next } on' $out/hotspot.txt | instructions
}

echo
echo "== Java: FfmExample.doubleInput, compiled by C2 (FFM with Linker.Option.critical) =="
method 'FfmExample::doubleInput '
echo "  -> calls linkToNative (one per Java signature), which jumps to the stub held in rcx:"
method 'MethodHandle::linkToNative(JIL)I '  # (long address, int, entry point) -> int
echo "  -> the downcall stub of this handle: C's calling convention, then the call:"
stub 1
echo
echo "== Java: FfmExample.doubleInputNotCritical, compiled by C2 (FFM, a regular downcall) =="
method 'FfmExample::doubleInputNotCritical '
echo "  -> linkToNative as above, then the stub, which also switches the thread to native and back"
echo "     (a safepoint check on return; its slow paths are left out):"
stub 2
echo
echo "(whole HotSpot output: $out/hotspot.txt)"
