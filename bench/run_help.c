#include <stdio.h>
#include <string.h>

#include "compositions.h"
#include "run_help.h"

/* The options from their table, then the compositions from theirs. */
static void usage_options(FILE *f, const struct opt_parser *p)
{
	opt_usage(f, p);
	fputs("\n"
	      "compositions, what the module must find pinned (req_mix: percent of the\n"
	      "pinned pages per folio order oN and per backing), what they need:\n", f);
	composition_help(f);
}

/* How preemption, interrupts and drift are dealt with: said, not hidden. */
static void usage_noise(FILE *f)
{
	fputs("\n"
	      "noise (preemption, interrupts, drift) is handled so:\n"
	      "  - the timed window is the release of all chunks, one ktime_get_ns() /\n"
	      "    get_cycles() pair around it; the module calls cond_resched() and\n"
	      "    checks for signals only between iterations, never inside. Interrupts\n"
	      "    are not masked and a preemptible kernel may still preempt: masking\n"
	      "    would change what is measured (and stall a 4 GiB release)\n"
	      "  - the measuring thread is pinned to one CPU (--cpu): no migration in a\n"
	      "    window, the same caches for every sample\n"
	      "  - the strategies are interleaved in shuffled rounds (--order): drift\n"
	      "    and a noisy stretch spread over all of them, not onto one\n"
	      "  - outliers are kept, nothing is trimmed: summary.csv gives median, p90,\n"
	      "    p99 and max beside the mean, so a hit window shows as a tail\n"
	      "  - a boot is the unit of replication: the same case differs more between\n"
	      "    fresh boots than between iterations of one boot (up to 2x under TCG).\n"
	      "    Repeat a sweep in fresh boots with --boot 1..N (make bench BOOTS=N),\n"
	      "    join them with pinbench merge; summarize reports the spread within\n"
	      "    and between boots, compare and report test per-boot medians\n"
	      "  - the boot's speed is recorded: a fixed userspace loop (no syscalls)\n"
	      "    timed at the start, middle and end of the sweep, meta.json\n"
	      "    \"calibration\" (ns per iteration); report flags a boot > 10% off\n"
	      "    the run's median or drifting > 10%, summary.csv adds calibrated\n"
	      "    figures beside the raw ones\n", f);
}

static void run_usage(FILE *f, const struct opt_parser *p)
{
	fprintf(f,
		"usage: pinbench run [options]\n"
		"\n"
		"Build each memory composition at each size once, then time each release\n"
		"strategy on it: --warmup unrecorded iterations, then --iterations of pin,\n"
		"verify (untimed), release (timed), the strategies taking turns in shuffled\n"
		"rounds (--order interleaved, a RUN ioctl per strategy and iteration) or\n"
		"one after the other (--order grouped, a RUN each). Rows are appended\n"
		"to DIR/samples.csv; DIR/summary.csv and DIR/ministat/ are rewritten from\n"
		"all of it afterwards; DIR/meta.json is written when absent.\n"
		"A composition this machine cannot build is refused before anything is\n"
		"pinned (exit 2), saying what it needs.\n"
		"\n");
	usage_options(f, p);
	usage_noise(f);
	fprintf(f,
		"\n"
		"SIGINT/SIGTERM: the RUN in flight finishes, the rows written so far stay\n"
		"(interleaved: the rows of whole rounds; a round is written when it ends),\n"
		"summary.csv is rewritten, meta.json says \"complete\": false, exit 130.\n"
		"sysfs values a composition changes are put back before anything is pinned.\n"
		"Needs pinbench.ko loaded and CAP_SYS_ADMIN (root).\n");
}

static void sweep_usage(FILE *f, const struct opt_parser *p)
{
	fprintf(f,
		"usage: pinbench sweep [--config FILE] [options]\n"
		"\n"
		"Measure the matrix compositions x sizes x pin methods x strategies, with\n"
		"the loop of pinbench run: each composition is built once per size, then\n"
		"every pin method and strategy is measured on it. A progress line per RUN\n"
		"on stderr: [done/total], median ns/page, ETA. Output as pinbench run.\n"
		"\n");
	usage_options(f, p);
	usage_noise(f);
	fprintf(f,
		"\n"
		"config file: one 'key = value' per line; keys are the long options above\n"
		"without -- (composition, sizes, strategies, pin-method, iterations, ...;\n"
		"read-only = yes|no and the like for switches; file-dir may repeat), plus\n"
		"sizes.<composition> = LIST for one composition's sizes (sizes.mixed-thp\n"
		"covers every mixed-thp:*), and guest.mem, guest.cpus, guest.hugepages,\n"
		"guest.ext4, guest.timeout: what the profile's QEMU guest needs, read by\n"
		"scripts/bench.sh and only checked here. '#' starts a comment (at the start of a line or\n"
		"after a blank). An unknown key, a bad value or a key given twice (but\n"
		"file-dir) is an error naming the line.\n"
		"  # bench.conf\n"
		"  composition = anon-4k, anon-thp, anon-mthp-64K, mixed-thp:25\n"
		"  sizes = 2M, 32M\n"
		"  sizes.anon-4k = 4K, 64K, 2M\n"
		"  pin-method = fast, longterm\n"
		"  iterations = 20\n"
		"\n"
		"SIGINT/SIGTERM, exit status and needs: as pinbench run.\n");
}

static void profile_usage(FILE *f, const struct opt_parser *p)
{
	fprintf(f,
		"usage: pinbench profile --composition C --size S --strategy X --out DIR\n"
		"                        [run's options]\n"
		"\n"
		"pinbench run of one case under `perf record` (a child, sampling this\n"
		"process): its events are enabled through perf's control fd (--control\n"
		"fd:, -D -1) right before each RUN ioctl and disabled right after, so\n"
		"building, faulting in and checking the memory is never sampled (the\n"
		"module's untimed pin and verify inside a RUN are). Event: cycles where\n"
		"`perf stat -e cycles` counts them (a PMU), else cpu-clock (TCG, most VMs:\n"
		"it ranks code paths, not silicon). kernel.kptr_restrict is set to 0 for\n"
		"the run when root, then put back.\n"
		"Writes DIR/perf.data and DIR/profile-C-S-X.txt, the text of `perf report\n"
		"--stdio --no-children --sort symbol -g none --percent-limit 0` made here\n"
		"(symbols resolve against this kernel's /proc/kallsyms), besides what run\n"
		"writes; both or neither. pinbench report and compare read that text on\n"
		"the host. perf: $PINBENCH_PERF, else perf on PATH.\n"
		"\n");
	usage_options(f, p);
}

void run_help(FILE *f, const struct opt_parser *p)
{
	if (!strcmp(p->command, "profile"))
		profile_usage(f, p);
	else if (!strcmp(p->command, "sweep"))
		sweep_usage(f, p);
	else
		run_usage(f, p);
}
