#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# 'make check': build the kernels and the selftests, run KUnit, the
# selftests and upstream's resctrl_tests in QEMU on each kernel (on off:
# that nothing of resctrl shows), and check the project's sources
# (checkpatch, W=1, no upstream resctrl object). Ends with the line
# "N passed, N failed" and fails when anything failed or nothing ran.
#
#   CHECK_VARIANTS="normal debug off"   the kernels to build and boot
#   CHECK_MODELS="spr ..."   the CPUs of the RDT hardware model to boot the
#                            normal kernel as (harness/vm/run-model)
#   CHECK_DEBUG_MODEL=spr    the one model the debug kernel boots as
set -uo pipefail
. "$(dirname "$0")/lib.sh"

variants=${CHECK_VARIANTS:-normal debug off}
logs=$BUILD/logs
mkdir -p "$logs"
passed=0 failed=0 skipped=0
failures=()

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); failures+=("$1"); echo "  FAIL $1"; }
check() { if "${@:2}"; then pass; else fail "$1"; fi; }

# Add up the "RESULT p f s" line of results.py and show the rest.
add_results() {
	local out line
	out=$("$REPO/harness/results.py" "$@")
	while IFS= read -r line; do
		case $line in
		RESULT*)
			set -- $line
			passed=$((passed + $2)) failed=$((failed + $3)) skipped=$((skipped + $4)) ;;
		*FAIL*)	echo "$line"; failures+=("${line#*FAIL }") ;;
		*)	echo "$line" ;;
		esac
	done <<< "$out"
}

# Every object built in an owned directory comes from a project source.
own_objects_only() {
	local obj=$1 d o rel base ok=0
	for d in fs/resctrl arch/x86/kernel/cpu/resctrl drivers/resctrl; do
		[ -d "$obj/$d" ] || continue
		while IFS= read -r o; do
			rel=${o#"$obj/"}
			base=${rel%.o}
			[ -f "$REPO/$base.c" ] && continue
			grep -qsE "^$(basename "$base")-(y|objs)" "$REPO/$(dirname "$rel")/Makefile" && continue
			echo "    $rel has no source in the project"
			ok=1
		done < <(find "$obj/$d" -name '*.o' ! -name '*.mod.o')
	done
	return $ok
}

w1_clean() {
	local log=$1
	if grep -E '(fs/resctrl|cpu/resctrl|drivers/resctrl|linux/resctrl\.h|asm/resctrl\.h)[^ ]*: (warning|error)' "$log"; then
		return 1
	fi
}

checkpatch_files() {
	local f bad=0
	for f in $(cd "$REPO" && git ls-files -co --exclude-standard -- \
			fs/resctrl arch/x86/kernel/cpu/resctrl drivers/resctrl \
			tools/testing/selftests/resctrl include/linux/resctrl.h \
			arch/x86/include/asm/resctrl.h | grep -E '\.[ch]$'); do
		if ! "$SRC/scripts/checkpatch.pl" --strict --no-tree --terse --quiet \
			-f "$REPO/$f" > "$logs/checkpatch.tmp" 2>&1; then
			sed 's/^/    /' "$logs/checkpatch.tmp"
			fail "checkpatch --strict: $f"
		else
			pass
		fi
	done
}

start=$(date +%s)
echo "== selftests"
check "build the selftests" "$REPO/harness/build-selftests.sh"

for v in $variants; do
	echo "== $v kernel"
	if ! "$REPO/harness/build-kernel.sh" "$v"; then
		fail "build the $v kernel"
		continue
	fi
	pass
	check "W=1 warnings in the project's files ($v)" w1_clean "$BUILD/obj-$v/build.log"
	check "objects not built from project sources ($v)" own_objects_only "$BUILD/obj-$v"
	log=$logs/$v.log
	if [ "$v" = off ]; then
		VM_TIMEOUT=${VM_TIMEOUT:-300} "$REPO/harness/run-vm.sh" "$v" off "$log" > /dev/null
		add_results "$log" "$v" --selftests
	else
		"$REPO/harness/run-vm.sh" "$v" check "$log" > /dev/null
		# Upstream's resctrl_tests against harness/upstream-selftests.expect.
		add_results "$log" "$v" --kunit --selftests --upstream
	fi
	echo "   console log: $log"
	# The RDT hardware model: the x86 backend alone, one boot per CPU.
	case $v in
	normal) models=${CHECK_MODELS-spr skx hsx bdx-de genoa rome rpl} ;;
	debug)	models=${CHECK_DEBUG_MODEL-spr} ;;
	*)	models= ;;
	esac
	for m in $models; do
		log=$logs/$v-model-$m.log
		VM_MODEL=$m VM_TIMEOUT=${VM_TIMEOUT:-300} \
			"$REPO/harness/run-vm.sh" "$v" model "$log" > /dev/null
		add_results "$log" "$v model $m" --selftests \
			--upstream="$REPO/harness/model-expect/$m.expect"
		echo "   console log: $log"
	done
done

echo "== checkpatch --strict on the project's files"
checkpatch_files

echo
echo "== summary ($(( $(date +%s) - start ))s)"
for f in "${failures[@]}"; do echo "  FAIL $f"; done
[ "$skipped" = 0 ] || echo "$skipped skipped"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
