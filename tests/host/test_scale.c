/*
 * pinbench scale on the host: its refusals (said before anything is
 * pinned: the fake device logs every RUN), its files on the fake device,
 * and the arithmetic of its summary.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_runner.h"
#include "numa_place.h"
#include "scale_result.h"
#include "tap.h"
#include "test_util.h"

/* scale ARGS must exit 2 saying part, with no RUN issued */
static void refused(const char *part, const char *a, const char *b,
		    const char *c, const char *d)
{
	const char *log = scratch_path("scale-refused.log");
	char env[512];
	struct outcome o;

	unlink(log);
	snprintf(env, sizeof(env), "PINBENCH_FAKE_LOG=%s", log);
	o = run_cli(FAKE_PINBENCH, env, "scale", a, b, c, d, "--out",
		    scratch_path("scale-refused"));
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, part);
	CHECK(access(log, F_OK) != 0);	/* nothing pinned */
	outcome_free(&o);
}

static void test_refusals(void)
{
	refused("--mem-node 63: no such NUMA node", "--mem-node", "63", "-q",
		"-q");
	refused("--cpu-node 63: no such NUMA node", "--cpu-node", "63", "-q",
		"-q");
	refused("more threads than the", "--threads", "1,256", "-q", "-q");
	refused("CPU 4000 is not one this process may run on", "--cpus",
		"0,4000", "-q", "-q");
	refused("--mode sideways: unknown mode", "--mode", "sideways", "-q",
		"-q");
	refused("--threads 0", "--threads", "0", "-q", "-q");
	CHECK(access(scratch_path("scale-refused"), F_OK) != 0);
}

/* The field called name in the header of line's file; "" if none. */
static char *field(const char *header, const char *line, const char *name)
{
	static char out[1024];
	char h[1024], l[1024], *hs = NULL, *ht, *lt;

	snprintf(h, sizeof(h), "%s", header);
	snprintf(l, sizeof(l), "%s", line);
	out[0] = '\0';
	ht = strtok_r(h, ",\n", &hs);
	lt = l;
	while (ht) {
		char *comma = strchr(lt, ',');

		if (comma)
			*comma = '\0';
		if (!strcmp(ht, name)) {
			snprintf(out, sizeof(out), "%s", lt);
			break;
		}
		if (!comma)
			break;
		lt = comma + 1;
		ht = strtok_r(NULL, ",\n", &hs);
	}
	return out;
}

static void test_files_on_fake(void)
{
	const char *dir = scratch_path("scale-run");
	char *csv, *summary, *samples, *report, *line;
	struct numa_topo topo;
	struct outcome o;

	numa_topo_read(&topo);
	o = run_cli(FAKE_PINBENCH, "PINBENCH_FAKE_DELAY_MS=30", "scale",
		    "--threads", "1,2", "-c", "anon-4k", "-s", "64K", "-n",
		    "3", "--warmup", "1", "--oversubscribe", "--out", dir);
	CHECK_STATUS(o, 0);
	/* the fake module has no unpin_folios (a 6.1 one) */
	CHECK_CONTAINS(o.err, "strategy unpin_folios: not supported by this kernel: skipped");
	outcome_free(&o);
	csv = slurp(dir_file(dir, "scale.csv"));
	summary = slurp(dir_file(dir, "scale-summary.csv"));
	samples = slurp(dir_file(dir, "scale-samples.csv"));
	report = slurp(dir_file(dir, "scale-report.txt"));
	CHECK(csv && summary && samples && report);
	if (!csv || !summary || !samples || !report)
		goto out;
	CHECK(!strncmp(csv, "run_id,kernel,mode,composition,size,pin_method,strategy,threads,thread,cpu,cpu_node,pin_cpu,pin_cpu_node,mem_node,mem_node_seen,samples,pages,ns_per_page,pages_per_s,start_ns,end_ns,placement_ok,note\n",
		       strlen("run_id,kernel")));
	CHECK(!strncmp(summary, "run_id,kernel,accel,mode,composition,size,pin_method,strategy,threads,pages_per_s,ns_per_page,speedup,efficiency,thread_cv,placement_ok,overlap_ok,windows_overlapping,status,note\n",
		       50));
	/* 2 strategies x (1 + 2 threads) per measured mode: private, shared */
	CHECK_INT(count_matches(csv, ",private,anon-4k,64K,"), 6);
	CHECK_INT(count_matches(csv, ",shared,anon-4k,64K,"), 6);
	CHECK_INT(count_matches(samples, ",private,anon-4k,64K,unpin_pages,2,"),
		  6);
	line = line_with(summary, ",private,anon-4k,64K,pin_fast,unpin_pages,2,");
	CHECK_STR(field(summary, line, "placement_ok"), "1");
	CHECK_STR(field(summary, line, "overlap_ok"), "1");
	CHECK_STR(field(summary, line, "status"), "measured");
	CHECK(strlen(field(summary, line, "speedup")) > 0);
	free(line);
	line = line_with(csv, ",shared,anon-4k,64K,gup_fast,put_page,2,1,");
	CHECK_STR(field(csv, line, "placement_ok"), "1");
	CHECK_STR(field(csv, line, "samples"), "3");
	CHECK_STR(field(csv, line, "pages"), "16");
	free(line);
	if (topo.nr_nodes < 2) {
		line = line_with(summary, ",cross-node,anon-4k,64K,pin_fast,unpin_pages,1,");
		CHECK_STR(field(summary, line, "status"), "unavailable");
		CHECK_CONTAINS(line, "needs two NUMA nodes");
		free(line);
	}
	CHECK_CONTAINS(report, "\nprivate\n");
	CHECK_CONTAINS(report, "speedup");
	/* a directory of scale alone: only its figures, from the summary */
	free(csv);
	csv = pinbench_then_read("figures", dir, "plots/data/manifest");
	CHECK_CONTAINS(csv, "scale_throughput scale_throughput-private\n");
	CHECK_CONTAINS(csv, "scale_efficiency scale_efficiency-shared\n");
	CHECK_CONTAINS(csv, "scale_local_remote scale_local_remote\n");
	free(samples);
	samples = slurp(dir_file(dir, "plots/data/scale_throughput-private.dat"));
	CHECK_CONTAINS(samples, "threads anon-4k/unpin_pages anon-4k/put_page\n1 ");
out:
	free(csv);
	free(summary);
	free(samples);
	free(report);
}

static void test_abandon_kept(void)
{
	struct outcome o = run_cli(FAKE_PINBENCH, NULL, "scale",
				   "--abandon-kept", "-c", "anon-4k", "-s",
				   "16K", "--mode", "remote-release");

	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.out, "kept 4 pages; exiting without releasing them");
	outcome_free(&o);
}

static struct pinbench_sample window(uint64_t ns, uint64_t start,
				     uint64_t end, int cpu)
{
	struct pinbench_sample s = { .release_ns = ns };

	s.release_start_ns = start;
	s.release_end_ns = end;
	s.pin_cpu = s.release_cpu = (uint32_t)cpu;
	return s;
}

static void test_arithmetic(void)
{
	struct pinbench_sample a[2] = { window(1000, 10, 20, 0),
					window(3000, 30, 40, 0) };
	struct pinbench_sample b[2] = { window(2000, 15, 25, 1),
					window(2000, 50, 60, 1) };
	struct scale_thread_result th[2] = {
		{ .place = { .cpu = 0, .pin_cpu = 0 }, .samples = a, .n = 2,
		  .pages = 100, .mem_before = 1, .mem_after = 1 },
		{ .place = { .cpu = 1, .pin_cpu = 1 }, .samples = b, .n = 2,
		  .pages = 100, .mem_before = 1, .mem_after = 1 },
	};
	struct scale_case c = { .threads = 2, .th = th };
	struct scale_thread_stats ts;
	struct scale_case_stats cs;

	scale_thread_stats(&th[0], &ts);
	CHECK_NEAR(ts.ns_per_page, 20.0, 1e-9);	/* median of 10, 30 */
	CHECK_NEAR(ts.pages_per_s, 1e9 / 20.0, 1e-3);
	CHECK_INT((int)ts.start_ns, 10);
	CHECK_INT((int)ts.end_ns, 40);
	CHECK(ts.placement_ok);
	scale_case_stats(&c, &cs);
	CHECK_NEAR(cs.pages_per_s, 1e9 / 20.0 * 2, 1e-3);
	CHECK_NEAR(cs.ns_per_page, 20.0, 1e-9);
	CHECK_NEAR(cs.thread_cv, 0.0, 1e-12);
	CHECK(cs.overlap_ok);			/* [10,40] meets [15,60] */
	CHECK_INT((int)cs.windows_overlapping, 2);	/* a[0] and b[0] */
	CHECK(cs.placement_ok);
	CHECK_NEAR(scale_speedup(300, 100), 3.0, 1e-12);
	CHECK_NEAR(scale_efficiency(3.0, 4), 0.75, 1e-12);
	CHECK(isnan(scale_speedup(300, 0)));
	/* a window on the wrong CPU, a page off its node: not placed */
	b[1].release_cpu = 0;
	scale_case_stats(&c, &cs);
	CHECK(!cs.placement_ok);
	b[1].release_cpu = 1;
	th[1].mem_after = 0;
	scale_case_stats(&c, &cs);
	CHECK(!cs.placement_ok);
	/* spans that never meet: not concurrent */
	b[0] = window(2000, 50, 55, 1);
	th[1].mem_after = 1;
	scale_case_stats(&c, &cs);
	CHECK(!cs.overlap_ok);
}

TAP_SUITE(scale,
	{ "scale refuses a missing node, too many threads, a CPU not allowed, before any RUN",
	  test_refusals },
	{ "scale on the fake device: scale.csv, scale-summary.csv, samples, report, figures; no second node: unavailable rows",
	  test_files_on_fake },
	{ "scale --abandon-kept keeps one RUN's pins and exits",
	  test_abandon_kept },
	{ "scale's arithmetic: ns/page, pages/s, speedup, efficiency, cv, overlap, placement",
	  test_arithmetic },
);
