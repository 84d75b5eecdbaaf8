# SPDX-License-Identifier: GPL-2.0
# Shared settings of the harness scripts; sourced, not run.

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$REPO/.build}
SRC=$BUILD/linux
TARBALL=${TARBALL:-/usr/src/linux-source-6.12.tar.xz}
JOBS=${JOBS:-$(nproc)}
export CCACHE_DIR=${CCACHE_DIR:-$BUILD/ccache}
# Paths under the folder that holds the work tree are hashed relative to
# it, so worktrees side by side share one cache.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(dirname "$REPO")}

# Paths the project owns in the kernel tree: the upstream files there are
# removed and the project's copy is mirrored in.
OWNED_DIRS="fs/resctrl arch/x86/kernel/cpu/resctrl drivers/resctrl tools/testing/selftests/resctrl"
OWNED_FILES="include/linux/resctrl.h arch/x86/include/asm/resctrl.h"
# The project's documentation, mirrored into the tree so that kernel-doc
# and Sphinx see it where the kernel keeps it.
DOC_FILES="Documentation/driver-api/resctrl.rst Documentation/filesystems/resctrl.rst
Documentation/filesystems/resctrl-abi.rst Documentation/filesystems/resctrl-upstream-selftests.rst"
# Upstream files that are dropped and not replaced.
DROPPED_FILES="include/linux/resctrl_types.h"

say() { printf '>> %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
