#!/bin/sh
# Each strategy calls the kernel function it is named after, and no other
# strategy's (sourced by run.sh, busybox sh): the function tracer counts
# the calls pinbench.ko makes (a caller in the module) during one RUN on
# fresh anonymous memory, and the dirtying calls made anywhere in that
# process (anonymous pages are only dirtied there by a release).
#
# This table is the test's own, apart from the module's: a strategy whose
# release function called another family member's call would pass every
# timing and leak check, and fails here. The module's catalogue (its
# kernel call, dirties) must agree with it and with the trace.
# strategy | its call (from the module) | calls it may also make (a call
# made in a tail position shows the module as its caller) | dirties |
# the call the catalogue must name (put_page is inline: not traceable)
CALLS="put_page|||no|put_page
release_pages|release_pages||no|release_pages
dirty_lock_put_page|set_page_dirty_lock||yes|set_page_dirty_lock
dirty_put_page|set_page_dirty||yes|set_page_dirty
unpin_page|unpin_user_page||no|unpin_user_page
unpin_pages|unpin_user_pages||no|unpin_user_pages
unpin_dirty|unpin_user_pages_dirty_lock||yes|unpin_user_pages_dirty_lock
unpin_dirty_clean|unpin_user_pages_dirty_lock|unpin_user_pages|no|unpin_user_pages_dirty_lock
unpin_range_dirty|unpin_user_page_range_dirty_lock||yes|unpin_user_page_range_dirty_lock
unpin_folios|unpin_folios||no|unpin_folios
noop||unpin_user_pages|no|"
# noop's unpin_user_pages is its untimed finish(), after the window.

# the dirtying calls, at any depth (set_page_dirty_lock calls down to
# folio_mark_dirty; 7.x has folio_mark_dirty_lock)
DIRTYING="set_page_dirty set_page_dirty_lock folio_mark_dirty folio_mark_dirty_lock"

tracing=/sys/kernel/tracing

# 0: ready; 2: this kernel has no function tracer (a skip); 1: a failure
calls_setup() {
	[ -e "$tracing/trace" ] ||
		mount -t tracefs nodev "$tracing" 2>/dev/null ||
		mount -t debugfs nodev /sys/kernel/debug 2>/dev/null
	[ -e "$tracing/trace" ] || tracing=/sys/kernel/debug/tracing
	[ -e "$tracing/available_filter_functions" ] || return 2
	echo nop > "$tracing/current_tracer" || return 1
	: > "$tracing/set_ftrace_filter"
	traced=
	for f in $(calls_rows | cut -d'|' -f2,3 | tr '|' ' ') $DIRTYING; do
		case " $traced " in *" $f "*) continue ;; esac
		# a function the kernel does not have (folio_mark_dirty_lock
		# before 7.x) is left out; one a strategy needs is checked below
		grep -qx "$f" "$tracing/available_filter_functions" || continue
		echo "$f" >> "$tracing/set_ftrace_filter" || return 1
		traced="$traced $f"
	done
	# the module's own functions: a call from one of them is its call
	awk '$4 == "[pinbench]" { print $3 }' /proc/kallsyms > "$out/pinbench.syms"
	[ -s "$out/pinbench.syms" ] || return 1
}

# A problem when the ring buffer dropped events (the counts would be low).
trace_lost() {	# TRACE-FILE
	awk '/entries-in-buffer\/entries-written:/ {
			split($3, n, "/")
			if (n[1] != n[2]) print "trace lost events: " $3
		}' "$1"
}

# Trace FUNCTIONS (the filter) while COMMAND... runs; the trace into FILE.
trace_run() {	# FILE FUNCTIONS COMMAND...
	trace_file=$1
	echo "$2" | tr ' ' '\n' > "$tracing/set_ftrace_filter"
	shift 2
	echo 0 > "$tracing/tracing_on"
	: > "$tracing/trace"
	echo function > "$tracing/current_tracer"
	echo 1 > "$tracing/tracing_on"
	"$@"
	echo 0 > "$tracing/tracing_on"
	cp "$tracing/trace" "$trace_file"
	echo nop > "$tracing/current_tracer"
	: > "$tracing/set_ftrace_filter"
	echo 1 > "$tracing/tracing_on"
}

# The calls pinbench-ioctl made in a trace: "function direct chained"
# lines, where direct: called from the module; chained: from the module or
# from one of the traced calls (folio_mark_dirty <-unpin_user_pages_dirty_lock),
# not from elsewhere in the process (its stdout written to tmpfs dirties).
trace_counts() {	# TRACE-FILE
	awk -v traced="$traced" 'NR == FNR { mod[$1] = 1; next }
		FNR == 1 { n = split(traced, t, " "); for (i = 1; i <= n; i++) chain[t[i]] = 1 }
		/^#/ { next }
		{
			comm = $1
			if (comm !~ /^pinbench-ioctl-/) next
			for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+:$/) break
			fn = $(i + 1)
			parent = $(i + 2)
			sub(/^<-/, "", parent)
			sub(/\+.*/, "", parent)
			if (parent in mod) { direct[fn]++; chained[fn]++ }
			else if (parent in chain) chained[fn]++
		}
		END {
			for (f in chained) printf "%s %d %d\n", f, direct[f] + 0, chained[f]
		}' "$out/pinbench.syms" "$1"
}

# The counts of one RUN of strategy S (trace_counts).
calls_of() {	# STRATEGY
	trace_run "$out/calls-$1.trace" "$traced" \
		pinbench-ioctl --size 64K --strategy "$1" --iterations 2 \
		--warmup 0 > "$out/calls-$1.log" 2>&1
	trace_counts "$out/calls-$1.trace"
}

# CALLS, and a row from the catalogue for a strategy it lacks (one added
# to the module since): then the trace checks the module's own word.
calls_rows() {
	echo "$CALLS"
	known=" $(echo "$CALLS" | cut -d'|' -f1 | tr '\n' ' ') "
	echo "$STRATEGY_CATALOG" | awk -v known="$known" '
	$1 != "" && !index(known, " " $1 " ") {
		call = $5 == "-" ? "" : $5
		print $1 "|" call "||" (index("," $4 ",", ",dirties,") ? "yes" : "no") "|" call
	}'
}

test_calls() {
	rows=$(calls_rows)
	# a here-document, not a pipe: tap() counts in this shell
	while IFS='|' read -r s own may dirties catalogued; do
		kernel_has "$s" || continue
		problem=
		for f in $own; do
			case " $traced " in *" $f "*) ;;
			*) problem="$problem $f not traceable here;" ;; esac
		done
		counts=$(calls_of "$s")
		problem="$problem$(trace_lost "$out/calls-$s.trace")"
		grep -q 'result: success' "$out/calls-$s.log" ||
			problem="$problem RUN: $(tail -1 "$out/calls-$s.log");"
		direct_of() { echo "$counts" | awk -v f="$1" '$1 == f { print $2 }'; }
		for f in $own; do
			n=$(direct_of "$f")
			[ "${n:-0}" -gt 0 ] || problem="$problem $f never called by the module;"
		done
		# every call of another strategy's function is a swap
		for f in $(echo "$rows" | cut -d'|' -f2 | sort -u); do
			case " $own $may " in *" $f "*) continue ;; esac
			n=$(direct_of "$f")
			[ "${n:-0}" -eq 0 ] || problem="$problem $f called ${n}x;"
		done
		dirtied=$(echo "$counts" | awk -v d=" $DIRTYING " \
			'index(d, " " $1 " ") { n += $3 } END { print n + 0 }')
		if [ "$dirties" = yes ]; then
			[ "$dirtied" -gt 0 ] || problem="$problem no dirtying call ($DIRTYING);"
		else
			[ "$dirtied" -eq 0 ] || problem="$problem $dirtied dirtying calls;"
		fi
		# the module's catalogue says the same of the strategy (its
		# kernel call, whether it dirties) as this table and the trace
		entry=$(echo "$STRATEGY_CATALOG" | awk -v s="$s" '$1 == s')
		cat_call=$(echo "$entry" | cut -d' ' -f5)
		[ "$cat_call" != - ] || cat_call=
		[ "$cat_call" = "$catalogued" ] ||
			problem="$problem catalogue call ${cat_call:-none}, want ${catalogued:-none};"
		case ",$(echo "$entry" | cut -d' ' -f4)," in
		*,dirties,*) cat_dirties=yes ;; *) cat_dirties=no ;; esac
		[ "$cat_dirties" = "$dirties" ] ||
			problem="$problem catalogue dirties: $cat_dirties;"
		calls=$(echo "$counts" | awk '$2 > 0 { printf " %s x%d", $1, $2 }')
		check "$s calls ${own:-none of the release calls} (module's calls:${calls:- none}), dirties: $dirties ($dirtied)" "$problem"
	done <<EOF
$rows
EOF
}

# The FOLL_WRITE bit the module handed pin_user_pages_fast(), read by a
# kprobe on its third argument (x86-64: %dx): 0 for --read-only, 1 without.
# The CLI's write column says what it asked; this is what the kernel got.
pin_write_bits() {	# PINBENCH-RUN-ARGS...: the FOLL_WRITE bits, "0 0 ..."
	echo 'p:pinbench_pin pin_user_pages_fast gup_flags=%dx:x32' \
		>> "$tracing/kprobe_events" || return 1
	: > "$tracing/trace"
	echo 1 > "$tracing/events/kprobes/pinbench_pin/enable"
	echo 1 > "$tracing/tracing_on"
	pinbench run --quiet --composition anon-4k --sizes 64K \
		--strategies unpin_pages --pin-method pin_fast --iterations 1 \
		--warmup 0 "$@" > "$out/write-bit.log" 2>&1
	echo 0 > "$tracing/tracing_on"
	echo 0 > "$tracing/events/kprobes/pinbench_pin/enable"
	# read before the event goes: its lines cannot be printed after
	cp "$tracing/trace" "$out/write-bit.trace"
	echo '-:pinbench_pin' >> "$tracing/kprobe_events"
	echo 1 > "$tracing/tracing_on"
	# bit 0 of the hex value: its last digit odd
	awk '/pinbench_pin:/ {
			sub(/.*gup_flags=/, ""); d = tolower(substr($1, length($1), 1))
			print (index("13579bdf", d) ? 1 : 0)
		}' "$out/write-bit.trace" | sort -u | tr '\n' ' '
}

test_write_flag() {
	[ -e "$tracing/kprobe_events" ] || {
		tap 0 "FOLL_WRITE as the module passed it # SKIP no kprobe events here"
		return
	}
	for mode in write read-only; do
		want=1 args="--out $out/write-bit-$mode"
		[ "$mode" = write ] || { want=0; args="$args --read-only"; }
		rm -rf "$out/write-bit-$mode"
		# shellcheck disable=SC2086 # word splitting intended
		bits=$(pin_write_bits $args)
		problem=
		[ "$bits" = "$want " ] || problem="FOLL_WRITE bits seen: '$bits', want '$want' ($(tail -2 "$out/write-bit.log"))"
		check "$mode pins: pin_user_pages_fast got FOLL_WRITE=$want from the module" "$problem"
	done
}

# Chunking: an 8 MiB THP range (2048 pages) is released in chunks: eight
# unpin_user_pages() calls from the module with chunks of 256 pages, and
# 2048 / INFO's chunk_pages with the default (512: a page of pointers).
test_chunks() {
	default=$(pinbench info | awk '$1 == "chunk_pages" { print $2 }')
	for chunk in 256 0; do
		want=8 what="$chunk pages"
		[ "$chunk" != 0 ] ||
			{ want=$((2048 / ${default:-2048})); what="the default $default pages"; }
		trace_run "$out/chunks-$chunk.trace" unpin_user_pages \
			pinbench-ioctl --size 8M --thp --strategy unpin_pages \
			--chunk "$chunk" --iterations 1 --warmup 0 \
			> "$out/chunks.log" 2>&1
		n=$(trace_counts "$out/chunks-$chunk.trace" |
			awk '$1 == "unpin_user_pages" { n = $2 } END { print n + 0 }')
		problem=$(trace_lost "$out/chunks-$chunk.trace")
		grep -q 'result: success' "$out/chunks.log" || problem="$problem RUN: $(tail -1 "$out/chunks.log")"
		[ "$n" = "$want" ] || problem="$problem $n unpin_user_pages calls, want $want"
		check "8M in chunks of $what: $want unpin_user_pages calls from the module" "$problem"
	done
}

calls_setup
case $? in
0)
	test_calls
	test_chunks
	test_write_flag
	;;
2) tap 0 "strategies call their own kernel function, chunks, FOLL_WRITE # SKIP no function tracer here (tracefs available_filter_functions)" ;;
*) check "the function tracer set up, the module's symbols in /proc/kallsyms" "setup failed: tracing in $tracing, $(wc -l < "$out/pinbench.syms" 2>/dev/null) pinbench symbols" ;;
esac
