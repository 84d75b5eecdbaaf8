#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# bench.sh: "make bench". Builds the bench kernel (base.config plus
# bench.config, which adds cgroup v2 for the peers) and harness/bench/bench.c,
# boots the VM once, and leaves the table in $BUILD/bench/table.md and the
# JSON record in $BUILD/bench/bench.json. Prints numbers, asserts nothing.
#   BENCH_VARIANT  kernel to use (bench); with "normal", cgroup v2 is
#                  absent and every peer is a sysfs read
#   BENCH_PARKED   RMIDs parked in limbo for the stall rows (20000)
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

variant=${BENCH_VARIANT:-bench}
parked=${BENCH_PARKED:-20000}
out=$BUILD/bench
"$REPO/harness/build-kernel.sh" "$variant"
mkdir -p "$out" "$BUILD/logs"
say "building the benchmark"
gcc -O2 -Wall -static -pthread -o "$out/bench" "$REPO/harness/bench/bench.c"
cat > "$out/exec.sh" <<EOS
#!/bin/sh
modprobe resctrl_sim || echo "bench: resctrl_sim did not load"
mkdir -p /sys/fs/cgroup
/harness/bench $parked
EOS
log=$BUILD/logs/bench-$variant.log
VM_EXEC=$out/exec.sh VM_EXTRA=$out/bench VM_TIMEOUT=${VM_TIMEOUT:-5400} \
	"$REPO/harness/run-vm.sh" "$variant" exec "$log" > /dev/null
tr -d '\r' < "$log" | sed -n '/^BENCH-TABLE-BEGIN/,/^BENCH-TABLE-END/p' |
	grep '^|' > "$out/table.md" || die "no table in $log"
tr -d '\r' < "$log" | sed -n 's/^BENCH-JSON //p' > "$out/bench.json"
echo "kernel: $variant, $parked RMIDs parked; log: $log"
cat "$out/table.md"
