#!/bin/sh
# Numbers that mean what they say (sourced by run.sh, busybox sh): the
# reference oracle over every strategy and composition, its positive
# control, refusals of read-only pins that cannot be released honestly,
# Ctrl-C stopping a long RUN, and the prepare/disturbed columns.

# composition | size [| pin methods, default fast and locked]: what the
# reference oracle runs over; the 1G page only fast (262144 pages a pass)
REF_COMPOSITIONS="anon-4k|2M
anon-thp|4M
anon-mthp-64K|4M
hugetlb-2m|4M
hugetlb-1g|1G|fast
mixed-thp:50:interleaved|8M
shmem-4k|2M
shmem-thp|4M
memfd|2M
memfd-hugetlb|4M
file-tmpfs|2M
file-ext4|2M"

# The strategies with a role in the module's catalogue (tap.sh).
strategies_with() {	# ROLE
	catalog strategies | awk -v r="$1" 'index("," $4 ",", "," r ",") { print $1 }'
}

# The strategies the module refuses without FOLL_WRITE.
write_only_strategies() { strategies_with write_only; }

# Every strategy, both pin-method families (fast, locked), with write pins;
# put_page and every FOLL_PIN one that may run with read-only pins: each
# folio's refcount must be back after the last release (--ref-check).
test_ref_oracle() {
	# a here-document, not a pipe: the loop runs in this shell, where
	# tap() counts its lines and failures for the plan
	while IFS='|' read -r comp size methods; do
		# anon-mthp needs 6.8+: its refusal is run.sh's test
		[ "${comp#anon-mthp}" = "$comp" ] || kernel_has_mthp || continue
		for mode in write read-only; do
			for pm in ${methods:-fast locked}; do
				dir=$out/ref-$(echo "$comp" | tr ':' '_')-$mode-$pm
				rm -rf "$dir"
				ro=
				[ "$mode" = write ] || ro=--read-only
				# shellcheck disable=SC2086 # $ro: one word or none
				msg=$(pinbench run --quiet --ref-check $ro \
					--composition "$comp" --sizes "$size" \
					--pin-method "$pm" --strategies all \
					--iterations 2 --warmup 1 --out "$dir" 2>&1)
				rc=$?
				problem=
				[ $rc -eq 0 ] || problem="pinbench exit $rc: $msg"
				oks=$(grep -c ',ok,' "$dir/samples.csv" 2>/dev/null)
				[ "${oks:-0}" -gt 0 ] || problem="$problem no ok rows"
				check "reference oracle: every folio's refcount back after $comp $size, $mode pins, $pm, every strategy" "$problem"
			done
		done
	done <<EOF
$REF_COMPOSITIONS
EOF
}

# The oracle must see a reference kept back: --hold keeps one page from
# the release until the oracle has looked (then drops it).
test_ref_oracle_sees_a_hold() {
	for s in put_page unpin_pages; do
		msg=$(pinbench-ioctl --size 2M --strategy "$s" --iterations 2 \
			--ref-check --hold 2>&1)
		problem=
		echo "$msg" | grep -q 'result: success' || problem="RUN failed: $msg"
		echo "$msg" | grep -q 'changed=1 ' || problem="$problem oracle did not see the held page: $msg"
		check "reference oracle positive control: one page held back from $s is seen (changed=1), then released" "$problem"
	done
}

# Read-only pins: dirtying strategies and release_pages (which skips the
# huge zero folio that read-only pins of never-written THP memory return,
# and leaked a reference on it per page) are refused, by the module with
# EINVAL and by the CLI before it builds anything.
test_read_only_refusals() {
	for s in $(write_only_strategies); do
		kernel_has "$s" || continue
		msg=$(pinbench-ioctl --size 4M --thp --untouched --read-only \
			--strategy "$s" 2>&1)
		problem=
		echo "$msg" | grep -q 'result: EINVAL' || problem="module: $msg"
		msg=$(pinbench run --quiet --read-only --composition anon-thp \
			--sizes 4M --strategies "$s" --out "$out/ro-$s" 2>&1)
		rc=$?
		[ $rc -eq 2 ] || problem="$problem CLI exit $rc, want 2"
		echo "$msg" | grep -q 'needs write pins' || problem="$problem CLI says: $msg"
		[ ! -e "$out/ro-$s/samples.csv" ] || problem="$problem CLI wrote rows"
		check "read-only pins refused for $s: EINVAL from the module, exit 2 and why from the CLI" "$problem"
	done
	# under "all" they become unsupported rows with the reason
	dir=$out/ro-all
	rm -rf "$dir"
	msg=$(pinbench run --quiet --read-only --composition anon-thp --sizes 4M \
		--strategies all --iterations 1 --warmup 0 --out "$dir" 2>&1)
	rc=$?
	problem=
	[ $rc -eq 0 ] || problem="exit $rc: $msg"
	grep -q ',release_pages,0,,unsupported,.*needs write pins' "$dir/samples.csv" ||
		problem="$problem release_pages not recorded unsupported with the reason"
	grep -q ',put_page,0,0,ok,' "$dir/samples.csv" || problem="$problem put_page not measured"
	check "--read-only --strategies all: refused strategies recorded unsupported with why" "$problem"
	# the case that leaked: put_page drops the huge zero folio's references
	msg=$(pinbench-ioctl --size 4M --thp --untouched --read-only \
		--strategy put_page --iterations 3 --ref-check 2>&1)
	problem=
	echo "$msg" | grep -q 'result: success' || problem="RUN failed: $msg"
	echo "$msg" | grep -q 'changed=0 delta=0' || problem="$problem oracle: $msg"
	check "read-only put_page on never-written THP (the huge zero folio): no reference left" "$problem"
}

# Ctrl-C stops a long RUN between iterations and keeps what it measured.
test_sigint_stops_a_run() {
	dir=$out/sigint-run
	rm -rf "$dir"
	pinbench run --order grouped --composition anon-4k --sizes 16M \
		--strategies unpin_pages --iterations 1000000 --warmup 0 \
		--out "$dir" > "$out/sigint-run.log" 2>&1 &
	pid=$!
	# the pin oracle's positive control: while the RUN pins and releases,
	# its counters must show the 4096 pins held (raw: stat_refresh would
	# wait for a moment between iterations), or they could not show a
	# leak either; that check() fails on pins held is tests/tap_lib_test.sh's
	# test, and the check below requires the oracle balanced again
	held=0 tries=0
	while [ "$tries" -lt 300 ]; do
		held=$(pins_raw)
		[ "$held" -lt 2048 ] || break
		usleep 20000
		tries=$((tries + 1))
	done
	sleep 1
	kill -INT "$pid"
	( sleep 60; kill -KILL "$pid" 2>/dev/null ) &
	watchdog=$!
	wait "$pid"
	rc=$?
	kill "$watchdog" 2>/dev/null
	problem=
	[ $rc -eq 130 ] || problem="exit $rc, want 130 (137: the RUN did not stop in 60 s)"
	rows=$(grep -c ',ok,' "$dir/samples.csv" 2>/dev/null)
	[ "${rows:-0}" -gt 0 ] || problem="$problem no rows kept"
	grep -q 'cut short by SIGINT' "$out/sigint-run.log" || problem="$problem not said"
	check "Ctrl-C stops a 1000000-iteration RUN between iterations, keeps its ${rows:-0} rows, exit 130" "$problem"
	problem=
	[ "$held" -ge 2048 ] ||
		problem="nr_foll_pin_acquired - released stayed under 2048 in $tries reads (last $held) while a RUN pinned 4096 pages a time"
	check "pin oracle positive control: its counters show $held pins held during a RUN of 4096, balanced after" "$problem"
}

# prepare_ns: only the strategies that reshape their input have it, and
# it is positive; disturbed is a count on every measured row.
test_prepare_columns() {
	dir=$out/prepare
	rm -rf "$dir"
	msg=$(pinbench run --quiet --composition anon-thp --sizes 4M \
		--strategies all --iterations 3 --warmup 1 --out "$dir" 2>&1)
	rc=$?
	problem=
	[ $rc -eq 0 ] || problem="exit $rc: $msg"
	prep=$(strategies_with prepares | tr '\n' ' ')
	[ -n "$prep" ] || problem="$problem INFO names no prepare strategy"
	problem="$problem$(awk -F, -v prep=" $prep" '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["status"] != "ok" { next }
		{
			has = index(prep " ", " " $c["strategy"] " ") > 0
			if (has && !($c["prepare_ns"] > 0)) { print " " $c["strategy"] ": prepare_ns empty"; exit }
			if (!has && $c["prepare_ns"] != "") { print " " $c["strategy"] ": prepare_ns set"; exit }
			if ($c["disturbed"] !~ /^[0-9]+$/) { print " disturbed not a count"; exit }
		}' "$dir/samples.csv")"
	grep -q '"kernel_debug": "none"' "$dir/meta.json" ||
		problem="$problem meta.json kernel_debug: $(grep kernel_debug "$dir/meta.json")"
	check "prepare_ns only and always for $prep; disturbed counted; kernel_debug none (Debian)" "$problem"
	# every median at or above its config's noop floor, read here from
	# summary.csv apart from the report's own check; the release alone of
	# a strategy with a prepare window only when its +prepare row is
	floor=$(strategies_with floor)
	problem=$(awk -F, -v floor_name="$floor" '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["status"] != "ok" { next }
		{
			key = $c["composition"] SUBSEP $c["size_bytes"] SUBSEP $c["pin_method"]
			med[key, $c["strategy"]] = $c["median"]
			floor[key, $c["strategy"]] = $c["noop_median"]
			names[key, $c["strategy"]] = 1
			if ($c["strategy"] == floor_name) floors++
		}
		END {
			if (!floors) print " no row of the floor (" floor_name ")"
			for (ks in names) {
				split(ks, p, SUBSEP)
				s = p[4]
				if (s == floor_name || floor[ks] == "") continue
				if (med[ks] + 0 >= floor[ks] + 0) continue
				prep = p[1] SUBSEP p[2] SUBSEP p[3] SUBSEP s "+prepare"
				if ((prep in med) && med[prep] + 0 >= floor[ks] + 0) continue
				print " " s " " p[3] ": median " med[ks] " below the noop floor " floor[ks]
			}
		}' "$dir/summary.csv")
	check "every median at or above its noop floor (a +prepare row for a release alone below it)" "$problem"
}

test_ref_oracle
test_ref_oracle_sees_a_hold
test_read_only_refusals
test_sigint_stops_a_run
test_prepare_columns
