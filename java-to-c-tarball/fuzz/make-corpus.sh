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

# Each sparse form alone, small enough for the fuzzer's -max_len: old GNU ('S'), pax 0.0, 0.1, 1.0.
files="" && printf 'start\n' > sparse.img && truncate -s 64K sparse.img && printf 'the end\n' | dd of=sparse.img bs=1 seek=65528 conv=notrunc 2> /dev/null
tarball "$here/corpus/sparse-oldgnu.tar" gnu
for version in 0.0 0.1 1.0; do tarball "$here/corpus/sparse-$version.tar" pax --sparse-version=$version; done

# The hostile archives of HostileArchiveTest (tar cannot write them): pax records before a 5-byte file.
header() { # NAME TYPE SIZE: a ustar header with its checksum
    head -c 512 /dev/zero > h
    put() { printf "$2" | dd of=h bs=1 seek="$1" conv=notrunc 2> /dev/null; }
    put 0 "$1" && put 100 0000644 && put 124 "$(printf %011o "$3")" && put 148 '        ' && put 156 "$2" && put 257 'ustar\00000'
    put 148 "$(printf %06o "$(od -An -v -tu1 h | awk '{ for (i = 1; i <= NF; i++) sum += $i } END { print sum }')")\\000"
    cat h
}
pad() { cat "$1"; head -c $(( (512 - $(wc -c < "$1") % 512) % 512 )) /dev/zero; }
hostile() { # FILE RECORD...: one pax header with the records, then the file f
    out=$1 && shift && : > records
    for record; do # "<length> key=value\n", the length counting its own digits
        length=$(( ${#record} + 3 )) && [ ${#length} -gt 1 ] && length=$(( ${#record} + 2 + ${#length} ))
        printf '%d %s\n' "$length" "$record" >> records
    done
    printf 12345 > f
    { header PaxHeaders/f x "$(wc -c < records)"; pad records; header f 0 5; pad f; head -c 1024 /dev/zero; } > "$out"
}
hostile "$here/corpus/hostile-offset-map-numbytes.tar" GNU.sparse.offset=0 GNU.sparse.map= GNU.sparse.numbytes=5
hostile "$here/corpus/hostile-map-twice.tar" GNU.sparse.map=0,5 GNU.sparse.map=0,5
hostile "$here/corpus/hostile-pairs-after-map.tar" GNU.sparse.map=0,5 GNU.sparse.offset=0 GNU.sparse.numbytes=5
hostile "$here/corpus/hostile-numbytes-alone.tar" GNU.sparse.numbytes=5
hostile "$here/corpus/hostile-offset-alone.tar" GNU.sparse.numblocks=2 GNU.sparse.offset=0 GNU.sparse.numbytes=5 GNU.sparse.offset=5
hostile "$here/corpus/hostile-pairs-without-numblocks.tar" GNU.sparse.offset=0 GNU.sparse.numbytes=5
hostile "$here/corpus/hostile-numblocks-offset-map-numbytes.tar" GNU.sparse.numblocks=1 GNU.sparse.offset=0 GNU.sparse.map= GNU.sparse.numbytes=5
hostile "$here/corpus/hostile-numblocks-after-map.tar" GNU.sparse.map=0,5 GNU.sparse.numblocks=1
hostile "$here/corpus/hostile-numblocks-lies.tar" GNU.sparse.numblocks=2 GNU.sparse.offset=0 GNU.sparse.numbytes=5
hostile "$here/corpus/hostile-1.0-with-map.tar" GNU.sparse.major=1 GNU.sparse.minor=0 GNU.sparse.map=0,5
