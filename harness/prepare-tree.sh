#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Unpack Debian's linux-source-6.12 once, drop the upstream resctrl, apply
# the integration patches, then mirror the project's files into the tree.
# Only what changed is copied, so kbuild rebuilds only that.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ -r "$TARBALL" ] || die "$TARBALL missing: run 'make deps' (as root)"

want=$( { stat -c '%s %Y' "$TARBALL"; cat "$REPO"/harness/patches/*.patch; } | sha256sum | cut -d' ' -f1)
if [ "$(cat "$SRC/.resctrl-tree" 2>/dev/null)" != "$want" ]; then
	say "unpacking $(basename "$TARBALL") into $SRC (once, about a minute)"
	rm -rf "$SRC" "$SRC.new"
	mkdir -p "$SRC.new"
	tar -xJf "$TARBALL" -C "$SRC.new" --strip-components=1
	say "removing the upstream resctrl from the tree"
	for d in $OWNED_DIRS; do rm -rf "${SRC:?}.new/$d"; done
	for f in $OWNED_FILES $DROPPED_FILES; do rm -f "$SRC.new/$f"; done
	for p in "$REPO"/harness/patches/*.patch; do
		say "applying $(basename "$p")"
		if ! patch -d "$SRC.new" -p1 --batch --forward --dry-run -s < "$p" >/dev/null; then
			patch -d "$SRC.new" -p1 --batch --forward --dry-run < "$p" >&2 || true
			die "integration patch $(basename "$p") does not apply to $(head -4 "$SRC.new/Makefile" | tr '\n' ' ')"
		fi
		patch -d "$SRC.new" -p1 --batch --forward -s < "$p"
	done
	echo "$want" > "$SRC.new/.resctrl-tree"
	mv "$SRC.new" "$SRC"
fi

# Mirror the project's files; --checksum keeps unchanged files untouched.
for d in $OWNED_DIRS; do
	mkdir -p "$SRC/$d"
	rsync -r --checksum --delete "$REPO/$d/" "$SRC/$d/"
done
for f in $OWNED_FILES $DOC_FILES; do
	rsync --checksum "$REPO/$f" "$SRC/$f"
done
