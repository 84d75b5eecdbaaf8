#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# fuzz.sh: "make fuzz". The seeded randomized write test of the selftests
# (tools/testing/selftests/resctrl/fuzz_test.c) with 1,000,000 writes in
# the normal kernel; make check runs it with a few thousand.
#   FUZZ_WRITES (1000000), FUZZ_SEED (1), FUZZ_VARIANT (normal)
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

variant=${FUZZ_VARIANT:-normal}
[ "$variant" = normal ] || "$REPO/harness/build-kernel.sh" "$variant"
mkdir -p "$BUILD/fuzz" "$BUILD/logs"
cat > "$BUILD/fuzz/exec.sh" <<EOS
#!/bin/sh
echo "RCTEST-BEGIN fuzz_test"
/selftests/fuzz_test ${FUZZ_WRITES:-1000000} ${FUZZ_SEED:-1}
echo "RCTEST-END fuzz_test rc=\$?"
EOS
log=$BUILD/logs/fuzz-$variant.log
VM_EXEC=$BUILD/fuzz/exec.sh VM_TIMEOUT=${VM_TIMEOUT:-36000} \
	"$REPO/harness/run-vm.sh" "$variant" exec "$log" > /dev/null
"$REPO/harness/results.py" "$log" "$variant" --selftests
