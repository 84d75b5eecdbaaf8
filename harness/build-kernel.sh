#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# build-kernel.sh VARIANT: configure and build one kernel out of tree.
#   normal - the lean VM kernel with resctrl, KUnit and the drivers, plus
#            event tracing and nohz_full (observe.config)
#   debug  - base.config plus KASAN, lockdep, kmemleak, debugobjects,
#            DEBUG_LIST
#   off    - base.config with resource control turned off
# Output: $BUILD/obj-VARIANT/{arch/x86/boot/bzImage,modroot/}
set -euo pipefail
. "$(dirname "$0")/lib.sh"

variant=${1:?usage: build-kernel.sh normal|debug|off}
obj=$BUILD/obj-$variant
cfgdir=$REPO/harness/configs
case $variant in
normal) frags="base.config observe.config" ;;
debug)  frags="base.config debug.config" ;;
off)    frags="base.config off.config" ;;
bench)  frags="base.config bench.config" ;;
*)      die "unknown variant $variant" ;;
esac

"$REPO/harness/prepare-tree.sh"
mkdir -p "$obj" "$CCACHE_DIR"
kmake() { make -s -C "$SRC" O="$obj" CC="ccache gcc" HOSTCC="ccache gcc" "$@"; }

# Configure only when the fragments changed, so a rebuild stays incremental.
frag=$obj/fragment.config
(cd "$cfgdir" && cat $frags) > "$frag.new"
if ! cmp -s "$frag.new" "$frag" || [ ! -f "$obj/.config" ]; then
	say "configuring the $variant kernel ($frags on allnoconfig)"
	kmake KCONFIG_ALLCONFIG="$frag.new" allnoconfig > "$obj/config.log" 2>&1 || { cat "$obj/config.log" >&2; die "configuring failed"; }
	# Every option named in the fragments must have taken effect.
	bad=0
	while IFS='=' read -r sym val; do
		case $sym in CONFIG_*) ;; *) continue ;; esac
		if [ "$val" = n ]; then
			grep -q "^$sym=" "$obj/.config" && { echo "  $sym: wanted n" >&2; bad=1; }
		else
			grep -qx "$sym=$val" "$obj/.config" || { echo "  $sym: wanted $val, got: $(grep "^$sym=\|^# $sym " "$obj/.config" || echo unset)" >&2; bad=1; }
		fi
	done < <(tac "$frag.new" | awk -F= '/^CONFIG_/ && !seen[$1]++')
	[ $bad = 0 ] || die "the $variant config does not hold the options its fragments ask for"
	mv "$frag.new" "$frag"
else
	rm -f "$frag.new"
fi

# Recompile the project's objects every time so that build.log always
# holds their W=1 warnings; the rest of the tree stays incremental.
for d in $OWNED_DIRS; do
	[ -d "$obj/$d" ] && find "$obj/$d" -name '*.o' -delete
done
say "building the $variant kernel in $obj ($JOBS jobs, log in $obj/build.log)"
start=$(date +%s)
# W=1 also runs scripts/kernel-doc over each C file it compiles, a tenth
# of a second a file (scripts/Makefile.build: cmd_checkdoc): minutes a
# kernel over the whole tree. The build leaves that out and runs the same
# check over the project's kernel C files, into the same log.
if ! kmake -j"$JOBS" W=1 cmd_checkdoc= bzImage modules > "$obj/build.log" 2>&1; then
	grep -E 'error|Error' "$obj/build.log" | head -40 >&2
	die "the $variant kernel failed to build (see $obj/build.log)"
fi
(cd "$SRC" && find $OWNED_DIRS -name '*.c' | grep -v '^tools/' | sort |
	xargs scripts/kernel-doc -none) >> "$obj/build.log" 2>&1
rm -rf "$obj/modroot"
kmake INSTALL_MOD_PATH="$obj/modroot" INSTALL_MOD_STRIP=1 modules_install >/dev/null

# The out-of-tree example driver, built as a vendor would: from a clean
# copy of its folder against this build, installed next to the others.
if grep -q '^CONFIG_RESCTRL_FS=y' "$obj/.config"; then
	oot=$BUILD/oot-resctrl-$variant
	rm -rf "$oot" && cp -r "$REPO/samples/resctrl" "$oot"
	make -C "$obj" M="$oot" W=1 modules > "$obj/oot-build.log" 2>&1 || { cat "$obj/oot-build.log" >&2; die "the out-of-tree example failed to build"; }
	make -s -C "$obj" M="$oot" INSTALL_MOD_PATH="$obj/modroot" INSTALL_MOD_STRIP=1 modules_install >/dev/null
fi
say "$variant kernel built in $(( $(date +%s) - start ))s"
