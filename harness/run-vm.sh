#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# run-vm.sh VARIANT MODE [LOG]: boot a built kernel in QEMU (TCG).
#   MODE check: run the tests; run: the demo; shell: an interactive shell;
#   exec: run the script named by VM_EXEC.
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

qemu=(qemu-system-x86_64 -accel tcg -machine pc
	-cpu max,vendor=GenuineIntel
	-smp 4,sockets=2,cores=2,threads=1 -m 2304M
	-object memory-backend-ram,id=m0,size=1G
	-object memory-backend-ram,id=m1,size=1G
	-numa node,nodeid=0,cpus=0-1,memdev=m0
	-numa node,nodeid=1,cpus=2-3,memdev=m1
	# node 2: memory and no CPU, as CXL or device memory
	-object memory-backend-ram,id=m2,size=256M
	-numa node,nodeid=2,memdev=m2
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
