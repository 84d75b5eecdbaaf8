#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# mkinitramfs.sh VARIANT: the VM's initramfs: busybox, the VM scripts, the
# selftests, the kernel's modules and pqos with its libraries.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

variant=${1:?usage: mkinitramfs.sh VARIANT}
obj=$BUILD/obj-$variant
root=$BUILD/initramfs-$variant
out=$BUILD/initramfs-$variant.cpio.gz

rm -rf "$root"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,lib,lib64,proc,sys,dev,tmp,etc,harness,selftests,upstream-selftests}
cp /bin/busybox "$root/bin/busybox"
for applet in $(/bin/busybox --list); do
	[ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done
install -m 0755 "$REPO"/harness/vm/init "$root/init"
install -m 0755 "$REPO"/harness/vm/run-tests "$REPO"/harness/vm/run-upstream \
	"$REPO"/harness/vm/demo "$root/harness/"
install -m 0755 "$REPO"/harness/vm/run-model "$REPO"/harness/vm/parity-model "$root/harness/"
install -m 0644 "$REPO"/harness/vm/model-tests "$root/harness/"
[ -n "${VM_EXEC:-}" ] && install -m 0755 "$VM_EXEC" "$root/harness/exec"
# A program the VM_EXEC script runs, e.g. the benchmark (harness/bench).
[ -n "${VM_EXTRA:-}" ] && install -m 0755 "$VM_EXTRA" "$root/harness/"
echo "root:x:0:0:root:/:/bin/sh" > "$root/etc/passwd"
echo "nobody:x:65534:65534:nobody:/:/bin/sh" >> "$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"

if [ -d "$BUILD/selftests" ]; then
	find "$BUILD/selftests" -maxdepth 1 -type f -perm -u+x -exec cp {} "$root/selftests/" \;
	cp "$BUILD/selftests/settings" "$root/selftests/" 2>/dev/null || true
fi
if [ -x "$BUILD/upstream-selftests/resctrl_tests" ]; then
	cp "$BUILD/upstream-selftests/resctrl_tests" "$root/upstream-selftests/"
fi
if [ -d "$obj/modroot/lib/modules" ]; then
	cp -a "$obj/modroot/lib/modules" "$root/lib/"
fi

# pqos is dynamically linked: bring its loader and libraries along.
if [ -x /usr/sbin/pqos ]; then
	cp /usr/sbin/pqos "$root/usr/sbin/"
	for lib in $(ldd /usr/sbin/pqos | grep -o '/[^ ]*'); do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
fi

(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$out"
