#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Run scripts/kernel-doc as Sphinx's kernel-doc directive would for every
# ".. kernel-doc::" directive of the project's rst files, in the prepared
# tree, and print each warning. Exits non-zero if kernel-doc fails or
# warns. Usage: kernel-doc.sh [RST...] (default: every project rst file
# that has a directive).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cd "$SRC"
[ -x scripts/kernel-doc ] || die "no scripts/kernel-doc in $SRC: build a kernel first"
if [ $# -eq 0 ]; then
	set -- $(cd "$REPO" && grep -l '^\.\. kernel-doc::' $DOC_FILES)
fi

warnings=0 runs=0
# One directive: file, then option lines ":name: value" until a blank line.
run_directive() {
	local file=$1 opt=$2 val=$3 args=(-rst -enable-lineno -sphinx-version 4.3.2)
	case $opt in
	export)	args+=(-export) ;;
	internal) args+=(-internal) ;;
	doc)	args+=(-function "$val") ;;
	identifiers|functions)
		for i in $val; do args+=(-function "$i"); done ;;
	esac
	local out
	out=$(scripts/kernel-doc "${args[@]}" "$file" 2>&1 >/dev/null) || {
		echo "kernel-doc failed on $file ($opt $val)"
		warnings=$((warnings + 1))
	}
	runs=$((runs + 1))
	if [ -n "$out" ]; then
		echo "$out"
		warnings=$((warnings + $(printf '%s\n' "$out" | grep -c .)))
	fi
	# A directive that names a DOC block or an identifier must find it.
	if [ "$opt" = doc ] || [ "$opt" = identifiers ]; then
		local rst
		rst=$(scripts/kernel-doc "${args[@]}" "$file" 2>/dev/null)
		if [ -z "$rst" ]; then
			echo "$file: nothing found for :$opt: $val"
			warnings=$((warnings + 1))
		fi
	fi
}

for rst in "$@"; do
	file= opt= val=
	while IFS= read -r line; do
		if [[ $line =~ ^\.\.\ kernel-doc::\ *(.*)$ ]]; then
			[ -n "$file" ] && run_directive "$file" "$opt" "$val"
			file=${BASH_REMATCH[1]} opt= val=
		elif [ -n "$file" ] && [[ $line =~ ^[[:space:]]+:([a-z-]+):[[:space:]]*(.*)$ ]]; then
			opt=${BASH_REMATCH[1]} val=${BASH_REMATCH[2]}
		elif [ -n "$file" ]; then
			run_directive "$file" "$opt" "$val"
			file=
		fi
	done < "$REPO/$rst"
	[ -n "$file" ] && run_directive "$file" "$opt" "$val"
done
echo "kernel-doc: $runs directives, $warnings warnings"
[ "$warnings" -eq 0 ]
