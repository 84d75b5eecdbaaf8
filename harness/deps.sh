#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the build and the VM need, if any is missing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PACKAGES="linux-source-6.12 qemu-system-x86 busybox-static intel-cmt-cat
	ccache gcc make libc6-dev bc bison flex libelf-dev libssl-dev cpio
	xz-utils gzip kmod rsync python3 perl patch"

missing=
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

[ "$(id -u)" = 0 ] || die "missing Debian packages:$missing (run 'make deps' as root)"
say "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing > "${TMPDIR:-/tmp}/resctrl-deps.log" 2>&1 ||
	{ tail -20 "${TMPDIR:-/tmp}/resctrl-deps.log" >&2; die "apt-get install failed"; }
