#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Run the resctrl KUnit suites with the kernel's own kunit.py, from the
# overlaid tree, in its own build directory.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$REPO/harness/prepare-tree.sh"
cd "$SRC"
exec ./tools/testing/kunit/kunit.py run --arch=x86_64 \
	--kunitconfig=fs/resctrl --build_dir="$BUILD/kunit" \
	--make_options CC="ccache gcc" --jobs="$JOBS"
