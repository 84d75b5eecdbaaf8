#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# run-vm.sh VARIANT MODE [LOG]: boot a built kernel in QEMU (TCG).
#   MODE check: run the tests; run: the demo; shell: an interactive shell;
#   exec: run the script named by VM_EXEC; model: the tests of the RDT
#   hardware model (harness/vm/run-model).
# VM_MODEL=NAME boots as a CPU of the RDT hardware model (the names are in
# arch/x86/kernel/cpu/resctrl/model/cpuid/MODELS): QEMU gets the vendor,
# family, model and stepping of its dump, the kernel x86_rdt_model=NAME.
# VM_SNC=2 splits each socket into two NUMA nodes (Sub-NUMA Clustering),
# for CPUs whose MODELS line says snc.
# The console goes to stdout and, with LOG, to that file. QEMU's own exit
# status means nothing: results are read from the console.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

variant=${1:?usage: run-vm.sh VARIANT MODE [LOG]}
mode=${2:?usage: run-vm.sh VARIANT MODE [LOG]}
log=${3:-/dev/null}
obj=$BUILD/obj-$variant
kernel=$obj/arch/x86/boot/bzImage
[ -f "$kernel" ] || die "no $variant kernel: build it first"
"$REPO/harness/mkinitramfs.sh" "$variant"

timeout=${VM_TIMEOUT:-900}
cmdline="console=ttyS0 panic=-1 rctest=$mode ${VM_CMDLINE:-}"
# The tests read the console; the demo and the shell should not be buried
# under KUnit output.
[ "$mode" = check ] || cmdline="$cmdline kunit.enable=0 quiet"

cpu=max,vendor=GenuineIntel
# Node 2 has memory and no CPU, as CXL or device memory: a DIMM that the
# kernel's memory hotplug brings online as ZONE_MOVABLE at boot, so that
# it can go offline and come back (memnode_test).
mem=2G,slots=1,maxmem=4G
numa=(-object memory-backend-ram,id=m0,size=1G
	-object memory-backend-ram,id=m1,size=1G
	-numa node,nodeid=0,cpus=0-1,memdev=m0
	-numa node,nodeid=1,cpus=2-3,memdev=m1
	-numa node,nodeid=2
	-object memory-backend-ram,id=m2,size=256M
	-device pc-dimm,id=dimm2,memdev=m2,node=2)
cmdline="$cmdline memhp_default_state=online_movable"
if [ -n "${VM_MODEL:-}" ]; then
	models=$REPO/arch/x86/kernel/cpu/resctrl/model/cpuid
	line=$(awk -v m="$VM_MODEL" '$1 == m' "$models/MODELS")
	[ -n "$line" ] || die "VM_MODEL=$VM_MODEL: not in $models/MODELS"
	set -- $line
	dump=$models/$2 snc=$3
	# The dump's name starts with the vendor string; CPUID leaf 1 EAX
	# holds the family, model and stepping (SDM Vol. 2A, CPUID).
	vendor=${2:0:12}
	# EAX of CPUID leaf $1 (8 hex digits) in the dump, in hex.
	dump_eax() { awk -v l="$1" '$1 == "CPUID" && $2 == l ":" { split($3, r, "-"); print r[1]; exit }' "$dump"; }
	eax=$((16#$(dump_eax 00000001)))
	fam=$(( (eax >> 8) & 0xf )) mod=$(( (eax >> 4) & 0xf )) step=$(( eax & 0xf ))
	[ "$fam" = 15 ] && fam=$(( fam + ((eax >> 20) & 0xff) ))
	[ "$fam" -ge 6 ] && mod=$(( mod | (((eax >> 16) & 0xf) << 4) ))
	cpu=max,vendor=$vendor,family=$fam,model=$mod,stepping=$step
	# libpqos reads an AMD CPU's cache sharing from CPUID Fn8000_001D
	# (AMD APM Vol. 3, appendix E, "Cache Topology Information"; libpqos
	# lib/cpuinfo.c: init_config()). QEMU's "max" CPU under TCG ends its
	# extended leaves below that, and raises them only with TOPOEXT,
	# which TCG cannot offer (QEMU 7.2 and 10.0 refuse it): take the
	# highest extended leaf from the dump instead (CPUID 0x80000000 EAX).
	if [ "$vendor" = AuthenticAMD ]; then
		cpu=$cpu,xlevel=0x$(dump_eax 80000000)
	fi
	# no_timer_check: a TCG guest on a loaded host can fail the IO-APIC
	# timer check and panic (seen once booting as rpl during a build).
	cmdline="$cmdline x86_rdt_model=$VM_MODEL no_timer_check"
	# The modelled machines have no CPU-less memory node.
	mem=2G numa=("${numa[@]:0:8}")
	if [ "${VM_SNC:-1}" = 2 ]; then
		[ "$snc" = snc ] || die "VM_MODEL=$VM_MODEL has no Sub-NUMA Clustering"
		mem=2G numa=()
		for n in 0 1 2 3; do
			numa+=(-object memory-backend-ram,id=m$n,size=512M
				-numa node,nodeid=$n,cpus=$n,memdev=m$n)
		done
	fi
fi

qemu=(qemu-system-x86_64 -accel tcg -machine pc
	-cpu "$cpu"
	-smp 4,sockets=2,cores=2,threads=1 -m $mem
	"${numa[@]}"
	-kernel "$kernel" -initrd "$BUILD/initramfs-$variant.cpio.gz"
	-append "$cmdline" -no-reboot -display none -monitor none)

if [ "$mode" = shell ]; then
	exec "${qemu[@]}" -serial mon:stdio
fi
say "booting the $variant kernel in QEMU/TCG ($mode, at most ${timeout}s)"
set +e
timeout --foreground -k 10 "$timeout" "${qemu[@]}" -serial stdio < /dev/null | tee "$log"
rc=${PIPESTATUS[0]}
set -e
[ "$rc" = 124 ] && echo "RCTEST-TIMEOUT after ${timeout}s" | tee -a "$log"
exit 0
