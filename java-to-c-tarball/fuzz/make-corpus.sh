#!/bin/sh
# Writes the fuzzer's seed corpus (checked in; run again only to change it): one small archive
# per format GNU tar writes, with a directory, a short file, an empty file and a long name, made
# reproducible by fixing times, owners and order. `-b 1` drops the padding to 10 KiB.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
long=$(printf 'directory-with-a-long-name/%086d.txt' 0)
mkdir -p directory-with-a-long-name
printf 'hello, tar\n' > hello.txt
: > empty.txt
printf 'a file whose name is longer than 100 bytes\n' > "$long"
for format in gnu ustar pax; do
    # pax would also record atime and ctime, which change from run to run
    tar --create --file "$here/corpus/$format.tar" --format=$format -b 1 --sort=name --mtime=@0 \
        --owner=0 --group=0 --numeric-owner $([ $format = pax ] && echo --pax-option=delete=atime,delete=ctime) \
        hello.txt empty.txt directory-with-a-long-name
done
head -c 1024 /dev/zero > "$here/corpus/empty.tar"
