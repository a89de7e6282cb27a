#!/bin/sh
# Makes sure a part of an example can run: checks, and installs Debian packages if it can.
# Usage: need.sh PART CHECK PACKAGE...
#   PART     what needs it, for a person: 'CPython + JPype'
#   CHECK    a shell command that succeeds when the part can run
#   PACKAGE  the Debian packages that make CHECK succeed
# Exit 0: CHECK succeeds (after installing, if it had to: one line on stderr says so).
# Exit 1: it cannot run here; one line on stdout, "SKIP: PART: why; to install it: ...".
# Installs only as root with apt-get, never with NO_INSTALL=1, one install at a time.
[ $# -ge 3 ] || { echo "usage: need.sh PART CHECK PACKAGE..." >&2; exit 2; }
part=$1 check=$2
shift 2
command="apt-get install -y $*"

check() { sh -c "$check" > /dev/null 2>&1; }
skip() { echo "SKIP: $part: $1; to install it: $command"; exit 1; }

check && exit 0
[ "${NO_INSTALL:-}" = 1 ] && skip "not installed, and NO_INSTALL=1 says not to install it"
[ "$(id -u)" = 0 ] || skip "not installed, and only root can install it"
command -v apt-get > /dev/null 2>&1 || skip "not installed, and there is no apt-get here"

echo "installing $* ($part) with apt-get" >&2
log=${TMPDIR:-/tmp}/need-$(id -u)-$$.log
install() { DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" > "$log" 2>&1; }
# One apt-get at a time on this machine (make -j runs parts side by side); update the package
# lists only when an install fails: stale lists say "Unable to locate", "held broken packages"
# (a newer version of a dependency is installed) or fail to fetch a version that is gone.
(
  flock 9
  install "$@" || { DEBIAN_FRONTEND=noninteractive apt-get update -q > "$log" 2>&1 && install "$@"; }
) 9> /tmp/need.sh.lock
status=$?
if [ $status -ne 0 ]; then
  why=$(grep -m1 '^E: ' "$log" | cut -c1-200)
  rm -f "$log"
  skip "apt-get failed (${why:-exit status $status})"
fi
rm -f "$log"
check || skip "installed $*, but the check still fails: $check"
exit 0
