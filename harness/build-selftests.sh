#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the project's kselftests, statically linked for the VM's
# initramfs, into $BUILD/selftests, and upstream's resctrl_tests into
# $BUILD/upstream-selftests (harness/build-upstream-selftests.sh).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$REPO/harness/prepare-tree.sh"
rm -rf "$BUILD/selftests"
mkdir -p "$BUILD/selftests"
say "building the selftests"
make -s -C "$SRC/tools/testing/selftests/resctrl" OUTPUT="$BUILD/selftests" \
	LDFLAGS=-static all
# The per-program timeout of kselftest's settings file, for the VM's runner.
cp "$SRC/tools/testing/selftests/resctrl/settings" "$BUILD/selftests/"
"$REPO/harness/build-upstream-selftests.sh"
