#!/bin/sh
# Writes the fuzzer's seed corpus and the lesson's example.tar (both checked in; run again only
# to change them): small archives in each format GNU tar writes, with a directory, a short file,
# an empty file, a long name, a symbolic and a hard link and a sparse file, made reproducible by
# fixing times, owners and order. `-b 1` drops the padding to 10 KiB.
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
ln -s hello.txt link-to-hello
ln hello.txt hard-link-to-hello
# 1 MiB: "start" at 0, "the end" at the last bytes, a hole between
printf 'start\n' > sparse.img && truncate -s 1M sparse.img && printf 'the end\n' | dd of=sparse.img bs=1 seek=1048568 conv=notrunc 2> /dev/null
files="hello.txt empty.txt directory-with-a-long-name link-to-hello hard-link-to-hello"
tarball() { # FILE FORMAT [OPTION...]
    file=$1 format=$2 && shift 2
    # pax would also record atime and ctime, which change from run to run; GNU tar names a pax
    # sparse file's placeholder GNUSparseFile.<its process id>: unshare makes that 1 (needs root)
    unshare --pid --fork tar --create --file "$file" --format="$format" -b 1 --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner \
        $([ "$format" = ustar ] || echo --sparse --hole-detection=raw) \
        $([ "$format" = pax ] && echo --pax-option=delete=atime,delete=ctime) "$@" $files $([ "$format" = ustar ] || echo sparse.img)
}
for format in gnu ustar pax; do tarball "$here/corpus/$format.tar" $format; done
tarball "$here/corpus/oldgnu.tar" oldgnu
tarball "$here/corpus/pax-sparse-0.1.tar" pax --sparse-version=0.1
tarball "$here/../example.tar" pax
head -c 1024 /dev/zero > "$here/corpus/empty.tar"
