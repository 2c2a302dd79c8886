#!/bin/sh
# TAP checks of the module's windows as the QEMU plugin counted them: two
# identical pinbench runs of a boot with --count-insns (tests/guest/
# tools.sh: anon-4k 2M and 8M, noop and put_page), joined here with that
# boot's log. The counts are the work, whatever the host did: the floor
# is small and stable, the put_page loop grows with the pages, and two
# runs agree within 1 % where their times do not. A run dir without
# counts draws no instruction figure.
# usage: tests/vm/insns_runs.sh PINBENCH RUN_A RUN_B WINDOWS
pinbench=${1:?usage: insns_runs.sh PINBENCH RUN_A RUN_B WINDOWS}
a=${2:?} b=${3:?} windows=${4:?}
echo "1..6"
n=0
problems=''
result() {
	n=$((n + 1))
	if [ -z "$problems" ]; then
		echo "ok $n - insns: $1"
	else
		echo "not ok $n - insns: $1"
		echo "# $problems"
	fi
	problems=''
}

# figures of a run before its counts are joined: no instruction figure
"$pinbench" figures "$a" > /dev/null 2>&1 || problems="pinbench figures $a failed;"
insns_data() { find "$a/plots/data" -name '*insns*' 2>/dev/null; }
[ -z "$(insns_data)" ] ||
	problems="$problems instruction figure data without counts: $(insns_data | head -3 | tr '\n' ' ');"
result "a run without counts draws no instruction figure"

for d in "$a" "$b"; do
	out=$("$pinbench" insns-join "$d" "$windows" 2>&1) ||
		problems="$problems insns-join $d failed: $out;"
	echo "$out" | grep -Eq '^insns-join: .*: ([0-9]+) of \1 samples counted' ||
		problems="$problems $d: not every sample counted: $(echo "$out" | head -2 | tr '\n' ' ');"
done
result "insns-join counts every sample of both runs from the boot's log"

"$pinbench" figures "$a" > /dev/null 2>&1 || problems="pinbench figures $a failed;"
[ -n "$(insns_data)" ] ||
	problems="$problems no instruction figure data after the join;"
result "with counts, the figures' data has the instruction figure"

# the undisturbed release windows of anon-4k, one "size strategy insns
# release_ns run" line each
rows() {
	for d in "$a" "$b"; do
		awk -F, -v run="$d" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
			$c["status"] == "ok" && $c["composition"] == "anon-4k" &&
			$c["release_insns"] != "" && $c["release_irqs"] == 0 {
				print $c["size_bytes"], $c["strategy"], $c["release_insns"], $c["release_ns"], run
			}' "$d/samples.csv"
	done
}
rows > "$a/../insns-rows.txt"
problems=$(awk '{ k = $1 " " $2; v = $3 / ($1 / 4096)
		if (!(k in lo) || v < lo[k]) lo[k] = v
		if (!(k in hi) || v > hi[k]) hi[k] = v }
	END { for (k in lo) if (k ~ / noop$/) {
			if (hi[k] > lo[k] * 1.01) printf "%s: %.3f..%.3f insns/page, over 1%%; ", k, lo[k], hi[k]
			p = k; sub(/noop$/, "put_page", p)
			if (!(p in lo)) printf "%s: no put_page beside it; ", k
			else if (hi[k] * 2 > lo[p]) printf "%s: %.3f insns/page, not under half of put_page (%.3f); ", k, hi[k], lo[p]
			seen++ }
		if (seen != 2) printf "noop at %d sizes, want 2", seen + 0 }' "$a/../insns-rows.txt")
result "the noop window counts few instructions (under half of put_page), the same within 1 % every time"

problems=$(awk '$2 == "put_page" { s[$1] += $3; c[$1]++ }
	END { if (!c[2097152] || !c[8388608]) { print "no put_page samples at 2M and 8M"; exit }
		small = s[2097152] / c[2097152]; big = s[8388608] / c[8388608]
		r = big / small
		if (r < 3.8 || r > 4.2) printf "put_page 8M/2M = %.3f instructions, want 4 (pages x4) +- 5%%", r }' "$a/../insns-rows.txt")
result "the put_page loop counts linearly in the pages (8M over 2M: 4x within 5 %)"

# one configuration, both runs: how far apart counts and times are
problems=$(awk '$2 == "put_page" && $1 == 2097152 {
		n++; if (n == 1 || $3 < il) il = $3; if (n == 1 || $3 > ih) ih = $3
		if (n == 1 || $4 < tl) tl = $4; if (n == 1 || $4 > th) th = $4 }
	END { if (n < 4) { printf "%d undisturbed put_page 2M samples, want 4 or more", n; exit }
		ci = (ih - il) / il; ct = (th - tl) / tl
		printf "# put_page 2M, %d samples of two runs: instructions %d..%d (%.2f%%), release_ns %d..%d (%.1f%%)\n", n, il, ih, ci * 100, tl, th, ct * 100 > "/dev/stderr"
		if (ci > 0.01) printf "instructions differ by %.2f%% between samples, over 1%%; ", ci * 100
		if (ct <= ci) printf "times (%.2f%%) no wider than counts (%.2f%%)", ct * 100, ci * 100 }' "$a/../insns-rows.txt" 2>"$a/../insns-spread.txt")
result "the same configuration in two runs: counts within 1 %, times further apart"
cat "$a/../insns-spread.txt"
