#!/bin/sh
# TAP checks of the QEMU plugin vm/pinbench-insns.so against what its probe
# (tests/guest/insns_probe.c, pinbench-insns-probe) says it ran: run on the
# host after a guest booted with vm-run.sh --count-insns.
# usage: tests/vm/insns_check.sh EXPECTED WINDOWS
#   EXPECTED  the probe's file (ID KIND COUNT EXPECT CASE lines, then totals)
#   WINDOWS   the plugin's log (the boot's insns-windows.txt)
# The plan comes first: the number of checks follows from EXPECTED's cases.
expected=${1:?usage: insns_check.sh EXPECTED WINDOWS}
windows=${2:?usage: insns_check.sh EXPECTED WINDOWS}
for f in "$expected" "$windows"; do
	[ -r "$f" ] && continue
	echo "1..1"
	echo "not ok 1 - insns: the probe's expectations and the plugin's log exist"
	echo "# no $f (booted without --count-insns? the probe did not run?)"
	exit 1
done
version=$(sed -n 's/^#define PINBENCH_INSNS_LOG_VERSION \([0-9]*\)$/\1/p' \
	"$(dirname "$0")/../../include/pinbench_markers.h")

# One awk reads both files and prints "ok"/"not ok" DESCRIPTION lines, each
# failed one followed by "# problems"; numbered here, after the plan.
results=$(awk -v version="${version:-?}" '
function fail(what) { problems = problems (problems == "" ? "" : "; ") what }
function result(desc) {
	print (problems == "" ? "ok" : "not ok") " - insns: " desc
	if (problems != "") print "# " problems
	problems = ""
}
FNR == 1 { file++ }
# the probe: its windows in the order it ran them, then its totals
file == 1 && NF == 5 && $4 ~ /^(exact|disturbed|absent)$/ {
	n++; eid[n] = $1; ekind[n] = $2; ecount[n] = $3; ewhat[n] = $4; ecase[n] = $5
	if (!($5 in seen_case)) { seen_case[$5] = 1; cases[++ncases] = $5 }
	next
}
file == 1 && NF == 2 && $2 ~ /^[0-9]+$/ { etotal[$1] = $2; next }
file == 1 { bad_expected = bad_expected " line " FNR ": " $0; next }
# the plugin log
file == 2 && FNR == 1 { header = $0 }
file == 2 && /^# totals:/ {
	ntotals++
	for (i = 3; i < NF; i += 2) total[$i] = $(i + 1)
	next
}
file == 2 && /^#/ { next }
file == 2 && NF == 6 && $1 == "w" && $2 ~ /^[0-9]+$/ &&
    $3 ~ /^(pin|prepare|release)$/ && length($4) == 16 && $4 ~ /^[0-9a-f]+$/ &&
    $5 ~ /^[0-9]+$/ && $6 ~ /^[0-9]+$/ {
	w++; wvcpu[w] = $2; wkind[w] = $3; wid[w] = $4; wins[w] = $5; wirqs[w] = $6
	times[$4]++; at[$4] = w
	next
}
file == 2 { unparsable++; if (unparsable <= 3) bad_log = bad_log " line " FNR ": " $0 }
END {
	if (n == 0) fail("no windows in the expected file")
	if (bad_expected != "") fail("unparsable expected lines:" bad_expected)
	result("the probe wrote its expectations (" n " windows, " ncases " cases)")

	if (header !~ "^# pinbench-insns log-version " version ":")
		fail("first line \"" header "\", want \"# pinbench-insns log-version " version ": ...\"")
	result("the log starts with the header of log version " version)

	if (unparsable) fail(unparsable " unparsable lines:" bad_log)
	result("every log line is a comment or \"w VCPU KIND ID INSNS IRQS\" (" w " windows)")

	if (ntotals != 1) fail(ntotals + 0 " totals lines, want 1 (QEMU exited cleanly)")
	split("orphan_stops untagged replaced_starts", names, " ")
	for (i = 1; i <= 3; i++)
		if (total[names[i]] + 0 < etotal[names[i]] + 0 || !(names[i] in total))
			fail(names[i] " " total[names[i]] ", the probe alone made " etotal[names[i]] + 0)
	if (total["tagged"] + 0 != w) fail("tagged " total["tagged"] ", " w " window lines")
	result("the totals line counts the untagged windows, orphan stops and replaced starts the probe made")

	# each case: every window once, of its kind; the undisturbed ones exact,
	# at least one per exact case undisturbed; disturbed ones an upper bound
	for (c = 1; c <= ncases; c++) {
		name = cases[c]; tries = 0; clean = 0; what = ""
		for (i = 1; i <= n; i++) {
			if (ecase[i] != name) continue
			what = ewhat[i]; tries++; id = eid[i]
			if (what == "absent") {
				if (id != "-" && times[id] > 0) fail("id " id " logged " times[id] " times")
				continue
			}
			if (times[id] != 1) { fail("id " id " logged " times[id] + 0 " times, want 1"); continue }
			j = at[id]
			if (wkind[j] != ekind[i]) fail("id " id " kind " wkind[j] ", want " ekind[i])
			if (what == "exact" && wirqs[j] == 0 && wins[j] != ecount[i])
				fail("id " id ": " wins[j] " instructions, want " ecount[i] " (IRQS 0)")
			if (wirqs[j] > 0 && wins[j] < ecount[i])
				fail("id " id ": " wins[j] " instructions with IRQS " wirqs[j] ", want >= " ecount[i])
			if (what == "disturbed" && wirqs[j] == 0)
				fail("id " id ": IRQS 0, want > 0 (" wins[j] " instructions, want >= " ecount[i] ")")
			if (wirqs[j] == 0) clean++
			count = ecount[i]; got = got " " wins[j] "/" wirqs[j]
		}
		if (what == "exact" && clean == 0) fail("none of the " tries " tries undisturbed (IRQS 0)")
		if (what == "exact") desc = "case " name ": " tries " windows of exactly " count " instructions when IRQS 0 (INSNS/IRQS:" got ")"
		else if (what == "disturbed") desc = "case " name ": interrupted (IRQS > 0), INSNS >= " count " (INSNS/IRQS:" got ")"
		else desc = "case " name ": not logged"
		got = ""
		result(desc)
	}

	# the probe ran pinned to one vCPU: between its first and last logged
	# window that vCPU logged nothing else (the absent ones lie in between)
	first = 0; last = 0; want = 0
	for (i = 1; i <= n; i++)
		if (ewhat[i] != "absent" && times[eid[i]] == 1) {
			want++
			if (!first || at[eid[i]] < first) first = at[eid[i]]
			if (at[eid[i]] > last) last = at[eid[i]]
		}
	others = 0
	for (j = first; first && j <= last; j++)
		if (wvcpu[j] == wvcpu[first]) {
			found = 0
			for (i = 1; i <= n; i++) if (eid[i] == wid[j] && ewhat[i] != "absent") found = 1
			if (!found) { others++; if (others <= 3) fail("window " wid[j] " " wkind[j] " " wins[j] " logged among the probe'"'"'s") }
		}
	if (!first) fail("none of the probe'"'"'s windows logged")
	result("vCPU " wvcpu[first] " logged only the probe'"'"'s " want " windows while it ran")
}' "$expected" "$windows" 2>&1)
rc=$?
[ "$rc" = 0 ] || results="$results
not ok - insns: the checker ran (awk exit $rc)"

plan=$(printf '%s\n' "$results" | grep -cE '^(ok|not ok) ')
echo "1..$plan"
printf '%s\n' "$results" | awk '/^ok / { sub(/^ok/, "ok " ++k) } /^not ok / { sub(/^not ok/, "not ok " ++k) } { print }'
! printf '%s\n' "$results" | grep -q '^not ok'
