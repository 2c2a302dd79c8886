#!/bin/sh
# Guest integration tests (busybox sh). Prints TAP lines; after every test
# the leak oracle must hold: all FOLL_PIN pins released, dmesg clean.
# Run from the pinbench directory of the guest (or natively, as root, with
# pinbench.ko loaded and pinbench + pinbench-badrun on PATH).

here=$(dirname "$0")
out=${PINBENCH_TEST_OUT:-/results/tests}
mkdir -p "$out"

. "$here/tap.sh"

# What the module lists (its catalogue, through pinbench info): every test
# below covers each entry, so a strategy added to the module is tested
# here without a line of this file changing.
STRATEGY_CATALOG=$(catalog strategies)
METHOD_CATALOG=$(catalog pin_methods)
STRATEGIES=$(echo "$STRATEGY_CATALOG" | cut -d' ' -f1)
PIN_METHODS=$(echo "$METHOD_CATALOG" | cut -d' ' -f1)

# The first kernel with each call (kmod/pinbench_compat.h); the others are
# in every kernel pinbench builds for (5.10+).
STRATEGY_SINCE="unpin_range_dirty 5.12
unpin_folios 6.11"

kernel_at_least() {	# MAJOR MINOR
	major=${kernel%%.*}
	rest=${kernel#*.}
	minor=${rest%%[.-]*}
	[ "$major" -gt "$1" ] || { [ "$major" -eq "$1" ] && [ "$minor" -ge "$2" ]; }
}

# Does this kernel have the call of strategy $1?
kernel_has() {
	since=$(echo "$STRATEGY_SINCE" | awk -v s="$1" '$1 == s { print $2 }')
	[ -z "$since" ] || kernel_at_least "${since%.*}" "${since#*.}"
}

# awk: the pages of a hist column ("o0=1536;o9=512;anon=2048;folios=1537")
# over every folio order, to add up to the pages the module pinned
HIST_PAGES='function hist_pages(h,   n, f, kv, i, sum) {
	n = split(h, f, ";")
	for (i = 1; i <= n; i++)
		if (split(f[i], kv, "=") == 2 && kv[1] ~ /^o[0-9]+$/)
			sum += kv[2]
	return sum + 0
}'

# Sanity of every sample row of one strategy in a samples.csv:
# the expected number of ok rows, positive times, pages right (counted by
# the module, and its histogram adds up to them), mix right.
samples_problem() {	# FILE STRATEGY ROWS PAGES REQ_HUGE
	awk -F, -v s="$2" -v rows="$3" -v pages="$4" -v huge="$5" "$HIST_PAGES"'
	NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	$col["strategy"] == s {
		n++
		if ($col["status"] != "ok") { print "status " $col["status"]; exit }
		if ($col["pin_ns"] <= 0 || $col["release_ns"] <= 0) { print "time not positive: " $0; exit }
		if ($col["pages"] != pages) { print "pages " $col["pages"] " != " pages; exit }
		if ($col["huge_pct"] + 0 != huge) { print "huge_pct " $col["huge_pct"] " != " huge " (" $col["hist"] ")"; exit }
		if ($col["mix_ok"] != 1) { print "mix_ok 0: " $col["hist"]; exit }
		if (hist_pages($col["hist"]) != pages) { print "hist " $col["hist"] " adds up to " hist_pages($col["hist"]) " pages, not " pages; exit }
	}
	END { if (n != rows) print "rows " n + 0 " != " rows }' "$1"
}

test_info() {
	info=$(pinbench info 2>&1)
	problem=
	for name in $STRATEGIES $PIN_METHODS; do
		echo "$info" | grep -qw "$name" || problem="$problem missing $name;"
	done
	# what these tests name themselves must be there: a catalogue that
	# lost entries would otherwise just test less
	for name in put_page unpin_pages unpin_dirty noop gup_fast pin_fast; do
		echo " " $STRATEGIES $PIN_METHODS " " | grep -q " $name " ||
			problem="$problem $name not in the catalogue;"
	done
	# what the report, the plots and the tests lean on: both families,
	# one baseline, one floor, a method for every pin mode of each family
	for family in FOLL_GET FOLL_PIN; do
		echo "$STRATEGY_CATALOG" | awk -v f=$family '$2 == f && $3 == "yes" { n++ } END { exit !n }' ||
			problem="$problem no supported $family strategy;"
		for mode in fast locked longterm; do
			echo "$METHOD_CATALOG" | awk -v f=$family -v m=$mode '$2 == f && index("," $4 ",", "," m ",") { n++ } END { exit n != 1 }' ||
				problem="$problem not one $family method for pin mode $mode;"
		done
	done
	for role in baseline floor; do
		n=$(echo "$STRATEGY_CATALOG" | awk -v r=$role 'index("," $4 ",", "," r ",") { n++ } END { print n + 0 }')
		[ "$n" = 1 ] || problem="$problem $n strategies with role $role;"
	done
	for s in $(echo "$STRATEGY_SINCE" | cut -d' ' -f1); do
		line=$(echo "$info" | grep -w "^$s")
		if kernel_has "$s"; then
			echo "$line" | grep -qw yes || problem="$problem $s should be supported;"
		else
			echo "$line" | grep -qw no || problem="$problem $s should be unsupported;"
		fi
	done
	check "info lists the catalogue ($(echo $STRATEGIES | wc -w) strategies, $(echo $PIN_METHODS | wc -w) pin methods): both families, one baseline, one floor, every pin mode, support per kernel" "$problem"
}

# Every strategy on a composition: its own pinbench run, then the oracle.
test_strategies_on() {	# COMPOSITION HUGE_PCT
	comp=$1 huge=$2 size=4194304
	for s in $STRATEGIES; do
		dir=$out/$comp-$s
		rm -rf "$dir"
		if ! kernel_has "$s"; then
			msg=$(pinbench run --quiet --composition "$comp" --sizes 4M \
				--strategies "$s" --out "$dir" 2>&1)
			rc=$?
			problem=
			[ $rc -ne 0 ] || problem="exit 0 for an unsupported strategy"
			echo "$msg" | grep -qi "unsupported\|not supported" ||
				problem="$problem no clear message: $msg"
			check "$comp $s: unsupported here, refused clearly" "$problem"
			continue
		fi
		# --ref-check: a strategy that drops no FOLL_GET reference
		# fails here, which the vmstat pin counters cannot see
		msg=$(pinbench run --quiet --ref-check --composition "$comp" \
			--sizes 4M --strategies "$s" --iterations 3 --warmup 1 \
			--out "$dir" 2>&1)
		rc=$?
		if [ $rc -ne 0 ]; then
			check "$comp $s" "pinbench exit $rc: $msg"
			continue
		fi
		check "$comp $s: 3 samples, times > 0, 1024 pages, huge $huge%" \
			"$(samples_problem "$dir/samples.csv" "$s" 3 $((size / 4096)) "$huge")"
	done
}

test_pin_methods() {
	for m in $PIN_METHODS; do
		# a strategy of the method's family that takes read pins too
		family=$(echo "$METHOD_CATALOG" | awk -v m="$m" '$1 == m { print $2 }')
		s=$(echo "$STRATEGY_CATALOG" | awk -v f="$family" '$2 == f && $3 == "yes" && $4 !~ /write_only/ { print $1; exit }')
		dir=$out/pin-$m
		rm -rf "$dir"
		msg=$(pinbench run --quiet --ref-check --composition anon-4k \
			--sizes 1M --pin-method "$m" --strategies "$s" \
			--iterations 2 --warmup 0 --out "$dir" 2>&1)
		rc=$?
		problem=
		if [ $rc -ne 0 ]; then
			problem="pinbench exit $rc: $msg"
		else
			problem=$(samples_problem "$dir/samples.csv" "$s" 2 256 0)
			grep -q ",$m,$s," "$dir/samples.csv" || problem="$problem pin_method $m not recorded"
		fi
		check "pin method $m with $s" "$problem"
	done
}

test_read_only() {
	dir=$out/read-only
	rm -rf "$dir"
	msg=$(pinbench run --quiet --read-only --composition anon-4k --sizes 1M \
		--strategies unpin_pages,put_page --iterations 2 --warmup 0 \
		--out "$dir" 2>&1) || { check "read-only pins" "$msg"; return; }
	problem=$(samples_problem "$dir/samples.csv" unpin_pages 2 256 0)
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["write"] != 0 { bad = 1 } END { exit bad }' "$dir/samples.csv" ||
		problem="$problem write column is not 0"
	check "read-only pins (no FOLL_WRITE) recorded as write=0" "$problem"
}

# A range far larger than one allocation of page pointers: 4 GiB.
test_4g_range() {
	dir=$out/4g
	rm -rf "$dir"
	# the default cap is half of RAM; raise it for this test only
	cap=/sys/module/pinbench/parameters/max_pinned_pages
	old_cap=$(cat $cap)
	echo 1048576 > $cap
	msg=$(pinbench run --quiet --composition anon-thp --sizes 4G \
		--strategies unpin_pages --iterations 1 --warmup 0 --out "$dir" 2>&1)
	rc=$?
	echo "$old_cap" > $cap
	problem=
	if [ $rc -ne 0 ]; then
		problem="pinbench exit $rc: $msg"
	else
		problem=$(samples_problem "$dir/samples.csv" unpin_pages 1 1048576 100)
	fi
	# that it is released in chunks is calls.sh's test_chunks (traced)
	check "a 4 GiB range (1048576 pages) pins and releases, every page counted" "$problem"
}

# arguments | the reason the refusal must give (exit 2: a usage error)
BAD_CLI_INPUT="--composition nosuch --sizes 4K|unknown composition 'nosuch'
--composition anon-4k --sizes 4K --strategies nosuch|unknown strategy 'nosuch'
--composition anon-thp --sizes 4K|size 4K is not a multiple of anon-thp's page size 2M
--composition anon-4k --sizes 0|size '0' must be more than 0
--composition anon-4k --sizes 99999999999G|size '99999999999G' is too large
--composition anon-4k --sizes 64G|needs 64G of memory to build the range
--composition anon-4k --sizes 4K --pin-method nosuch|unknown pin method 'nosuch'
--composition anon-4k --sizes 4K --pin-method gup_fast --strategies unpin_pages|takes FOLL_GET references, but strategy unpin_pages releases FOLL_PIN ones
--composition anon-4k --sizes 4K --iterations 0|--iterations wants a whole number >= 1, not '0'"

test_bad_cli_input() {
	while IFS='|' read -r args why; do
		rm -rf "$out/bad"
		# shellcheck disable=SC2086 # word splitting intended
		msg=$(pinbench run --quiet $args --out "$out/bad" 2>&1)
		rc=$?
		problem=
		[ $rc -eq 2 ] || problem="exit $rc, want 2"
		case $msg in
		"pinbench: "*"$why"*) ;;
		*) problem="$problem said: $msg" ;;
		esac
		[ ! -e "$out/bad/samples.csv" ] || problem="$problem rows written"
		check "bad input refused, exit 2, saying why ($why): $args" "$problem"
	done <<EOF
$BAD_CLI_INPUT
EOF
}

test_badrun() {
	# its own TAP lines; the oracle is checked by it after every case.
	# Into a file, not a pipe: its exit status and plan are checked.
	pinbench-badrun > "$out/badrun.tap" 2>&1
	relay_tap "bad-request battery (pinbench-badrun)" "$out/badrun.tap" $?
}

test_reload() {
	problem=
	if grep -q '^pinbench ' /proc/modules; then
		rmmod pinbench || problem="rmmod failed"
		[ ! -e /dev/pinbench ] || problem="$problem /dev/pinbench left behind"
		insmod "${PINBENCH_KO:-/pinbench/pinbench.ko}" || problem="$problem insmod failed"
		pinbench info > /dev/null 2>&1 || problem="$problem info after reload failed"
	else
		problem="pinbench.ko not loaded as a module"
	fi
	check "module unloads and reloads" "$problem"
}

# Does this kernel have the per-size mTHP control (6.8+)?
kernel_has_mthp() {
	[ -e /sys/kernel/mm/transparent_hugepage/hugepages-64kB/enabled ]
}

# composition | size | what its measured histogram must show
COMPOSITIONS="anon-mthp-64K|4M|o4=1024
hugetlb-2m|4M|o9=1024;hugetlb=1024
hugetlb-1g|1G|o18=262144;hugetlb=262144
mixed-thp:50:interleaved|8M|o0=1024;o9=1024
mixed-thp:25:clustered|8M|o0=1536;o9=512
shmem-4k|4M|o0=1024;shmem=1024
shmem-thp|4M|o9=1024;shmem=1024
memfd|4M|o0=1024;shmem=1024
memfd-hugetlb|4M|o9=1024;hugetlb=1024
file-tmpfs|4M|shmem=1024
file-ext4|4M|file=1024"

# Every composition is built, pinned, released and verified: the measured
# histogram holds the expected fields, mix_ok=1, and the oracle holds.
test_compositions() {
	# a here-document, not a pipe: tap() counts in this shell
	while IFS='|' read -r comp size want; do
		dir=$out/comp-$(echo "$comp" | tr ':' '_')
		rm -rf "$dir"
		msg=$(pinbench run --quiet --composition "$comp" --sizes "$size" \
			--strategies unpin_pages,put_page,unpin_dirty \
			--iterations 2 --warmup 0 --out "$dir" 2>&1)
		rc=$?
		if [ "${comp#anon-mthp}" != "$comp" ] && ! kernel_has_mthp; then
			problem=
			[ $rc -eq 2 ] || problem="exit $rc, want 2"
			echo "$msg" | grep -q "unsupported" || problem="$problem no clear message: $msg"
			check "composition $comp: unsupported before 6.8, refused clearly" "$problem"
			continue
		fi
		if [ $rc -ne 0 ]; then
			check "composition $comp $size" "pinbench exit $rc: $msg"
			continue
		fi
		problem=$(awk -F, -v want="$want" '
			NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
			{
				n++
				if ($c["status"] != "ok") { print "status " $c["status"]; exit }
				if ($c["mix_ok"] != 1) { print "mix_ok 0: " $c["hist"]; exit }
				k = split(want, w, ";")
				for (j = 1; j <= k; j++)
					if ((";" $c["hist"] ";") !~ (";" w[j] ";")) {
						print "hist " $c["hist"] " lacks " w[j]; exit
					}
			}
			END { if (n != 6) print "rows " n + 0 " != 6" }' "$dir/samples.csv")
		check "composition $comp $size: measured $want" "$problem"
	done <<EOF
$COMPOSITIONS
EOF
}

# What the kernel's own accounting says of the range while a RUN holds it,
# beside the module's histogram: /proc/PID/smaps of pinbench, in kB, over
# the mappings the builders advise (VmFlags hg: MADV_HUGEPAGE, nh:
# MADV_NOHUGEPAGE, ht: hugetlb), which leaves out pinbench's own buffers
# (its sample arrays may be THP-backed).
# composition | size | field=kB | the field that shows the range built
# (its kB >= size) ("Hugetlb": Private_Hugetlb + Shared_Hugetlb). anon-mthp
# has no smaps field (AnonHugePages is PMD-sized only): its check is the
# module's histogram alone.
SMAPS_COMPOSITIONS="anon-4k|4M|AnonHugePages=0|Anonymous
anon-thp|4M|AnonHugePages=4096|AnonHugePages
mixed-thp:50:interleaved|8M|AnonHugePages=4096|Anonymous
mixed-thp:25:clustered|8M|AnonHugePages=2048|Anonymous
hugetlb-2m|4M|Hugetlb=4096|Hugetlb
memfd-hugetlb|4M|Hugetlb=4096|Hugetlb
shmem-4k|4M|ShmemPmdMapped=0|Rss
shmem-thp|4M|ShmemPmdMapped=4096|Rss"

# FIELD's kB over pid's advised mappings once PRESENT's kB there reaches
# KB (the range is built); empty before
smaps_field() {	# PID FIELD PRESENT KB
	awk -v f="$2" -v p="$3" -v kb="$4" '
		function add(name, v) {
			if (name == f) fv += v
			if (name == p) pv += v
		}
		$1 == "VmFlags:" {
			advised = 0
			for (i = 2; i <= NF; i++)
				if ($i == "hg" || $i == "nh" || $i == "ht") advised = 1
			if (advised) { tf += fv; tp += pv }
			fv = pv = 0
			next
		}
		{ name = $1; sub(/:$/, "", name) }
		name == "Private_Hugetlb" || name == "Shared_Hugetlb" { add("Hugetlb", $2) }
		{ add(name, $2) }
		END { if (tp >= kb) print tf + 0 }' "/proc/$1/smaps" 2>/dev/null
}

test_compositions_smaps() {
	while IFS='|' read -r comp size want present; do
		field=${want%=*} kb=${want#*=} size_kb=$((${size%M} * 1024))
		dir=$out/smaps-$(echo "$comp" | tr ':' '_')
		rm -rf "$dir"
		pinbench run --order grouped --composition "$comp" --sizes "$size" \
			--strategies unpin_pages --iterations 1000000 --warmup 0 \
			--out "$dir" > "$dir.log" 2>&1 &
		pid=$!
		got="" tries=0
		while [ "$tries" -lt 600 ]; do	# 60 s
			got=$(smaps_field "$pid" "$field" "$present" "$size_kb")
			[ "$got" != "$kb" ] || break
			kill -0 "$pid" 2>/dev/null || break
			usleep 100000
			tries=$((tries + 1))
		done
		kill -INT "$pid" 2>/dev/null
		wait "$pid"
		rc=$?
		problem=
		[ "$got" = "$kb" ] || problem="smaps $field ${got:-not seen} kB, want $kb kB ($(head -3 "$dir.log"))"
		[ $rc -eq 130 ] || problem="$problem pinbench exit $rc, want 130"
		check "composition $comp $size seen by the kernel too: smaps $field $kb kB while it is pinned" "$problem"
	done <<EOF
$SMAPS_COMPOSITIONS
EOF
}

test_info
test_compositions
test_compositions_smaps
test_badrun
test_strategies_on anon-4k 0
test_strategies_on anon-thp 100
test_pin_methods
test_read_only
test_bad_cli_input
test_4g_range
. "$here/truth.sh"	# reference oracle, read-only refusals, Ctrl-C, prepare_ns
. "$here/counters.sh"	# --events: counts of the release window only
. "$here/calls.sh"	# traced: each strategy's own kernel call, chunks, FOLL_WRITE
# its own TAP lines and oracle: permissions, limits, faults, fuzzing
sh "$here/reliability.sh" > "$out/reliability.tap" 2>&1
relay_tap "reliability battery" "$out/reliability.tap" $?
test_reload
# the plan at the end (counted); exit 1 when any line failed, so that the
# host's "ran the tests" line sees it
tap_plan
[ "$failures" -eq 0 ]
