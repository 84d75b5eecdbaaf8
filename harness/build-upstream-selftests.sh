#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build upstream 6.12's resctrl selftest, resctrl_tests, unchanged and
# statically linked, into $BUILD/upstream-selftests. The project's tree
# overlays tools/testing/selftests/resctrl with its own tests, so the
# upstream sources come from the pristine tarball: only the directory and
# the kselftest files its Makefile uses are unpacked, once, into
# $BUILD/upstream-selftests-src.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ -r "$TARBALL" ] || die "$TARBALL missing: run 'make deps' (as root)"
src=$BUILD/upstream-selftests-src
out=$BUILD/upstream-selftests
top=linux-source-6.12
st=tools/testing/selftests

want=$(stat -c '%s %Y' "$TARBALL")
if [ "$(cat "$src/.stamp" 2>/dev/null)" != "$want" ]; then
	say "unpacking upstream's $st/resctrl from $(basename "$TARBALL") (once)"
	rm -rf "$src" "$src.new"
	mkdir -p "$src.new"
	tar -xJf "$TARBALL" -C "$src.new" --strip-components=1 \
		"$top/$st/resctrl" "$top/$st/lib.mk" "$top/$st/kselftest.h" \
		"$top/$st/kselftest_harness.h"
	echo "$want" > "$src.new/.stamp"
	mv "$src.new" "$src"
fi

say "building upstream's resctrl_tests"
rm -rf "$out"
mkdir -p "$out"
# No kernel headers are installed in $src/usr/include: the system's uapi
# headers serve (perf_event.h is all it needs).
make -s -C "$src/$st/resctrl" OUTPUT="$out" KHDR_INCLUDES= \
	USERLDFLAGS=-static all
[ -x "$out/resctrl_tests" ] || die "upstream resctrl_tests was not built"
