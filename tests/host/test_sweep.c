/*
 * pinbench sweep end to end (build/pinbench-fake): pin method lists, the
 * config file, unavailable compositions, what each composition expects
 * against what the (fake) module reports, sysfs values put back.
 */
#include <linux/magic.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "calibration.h"
#include "cli_runner.h"
#include "mm_sysfs.h"
#include "tap.h"
#include "test_util.h"

static bool dir_on(const char *dir, unsigned long magic)
{
	struct statfs st;

	return !statfs(dir, &st) && (unsigned long)st.f_type == magic;
}

static const char *tmpfs_dir(void)
{
	return dir_on("/dev/shm", TMPFS_MAGIC) ? "/dev/shm" :
	       dir_on("/tmp", TMPFS_MAGIC) ? "/tmp" : NULL;
}

static const char *ext4_dir(void)
{
	const char *env = getenv("PINBENCH_EXT4_DIR");

	if (env && dir_on(env, EXT4_SUPER_MAGIC))
		return env;
	return dir_on(scratch_dir(), EXT4_SUPER_MAGIC) ? scratch_dir() : NULL;
}

/* A 6.18-like sysfs: THP madvise, per-size mTHP, shmem never, no hugetlb. */
static const char *sysfs_tree(const char *name)
{
	const char *root = fake_sysfs(name);

	tree_write(root, MM_THP_DIR "/enabled", "always [madvise] never\n");
	tree_write(root, MM_THP_DIR "/hugepages-64kB/enabled",
		   "always inherit madvise [never]\n");
	tree_write(root, MM_THP_DIR "/hugepages-128kB/enabled",
		   "[always] inherit madvise never\n");
	tree_write(root, MM_THP_DIR "/hugepages-2048kB/enabled",
		   "always [inherit] madvise never\n");
	tree_write(root, MM_THP_DIR "/shmem_enabled",
		   "always within_size advise [never] deny force\n");
	tree_write(root, MM_HUGETLB_DIR "/hugepages-2048kB/free_hugepages",
		   "0\n");
	tree_write(root, MM_HUGETLB_DIR "/hugepages-2048kB/nr_hugepages",
		   "0\n");
	return root;
}

static char *env_with(const char *root, const char *more)
{
	static char env[2048];

	snprintf(env, sizeof(env), SYSFS_ROOT_ENV "=%s%s%s", root,
		 more ? ";" : "", more ? more : "");
	return env;
}

static void test_pin_method_list(void)
{
	const char *dir = scratch_path("sweep-pins");
	char *samples, *summary;
	struct outcome o;

	o = run_cli(FAKE_PINBENCH, NULL, "sweep", "--composition", "anon-4k",
		    "--sizes", "4K", "--strategies", "put_page,unpin_pages",
		    "--pin-method", "fast,locked", "--iterations", "2",
		    "--warmup", "0", "--out", dir);
	CHECK_STATUS(o, 0);
	/* progress: done/total, the pin method named, ETA until the end */
	CHECK_CONTAINS(o.err, "[1/4] anon-4k 4K gup_fast put_page: median 1.5 ns/page, ETA ");
	CHECK_CONTAINS(o.err, "[2/4] anon-4k 4K pin_fast unpin_pages: median 6.5 ns/page, ETA ");
	CHECK_CONTAINS(o.err, "[4/4] anon-4k 4K pin unpin_pages: median 6.5 ns/page\n");
	CHECK_CONTAINS(o.err, "pinbench: 4 cases (config x strategy) in ");
	outcome_free(&o);
	samples = slurp(dir_file(dir, "samples.csv"));
	CHECK_INT(count_lines(samples), 1 + 4 * 2);
	CHECK_INT(count_matches(samples, ",gup_fast,put_page,1,"), 2);
	CHECK_INT(count_matches(samples, ",pin_fast,unpin_pages,1,"), 2);
	CHECK_INT(count_matches(samples, ",gup,put_page,1,"), 2);
	CHECK_INT(count_matches(samples, ",pin,unpin_pages,1,"), 2);
	free(samples);
	summary = slurp(dir_file(dir, "summary.csv"));
	CHECK_INT(count_lines(summary), 1 + 4);
	free(summary);

	/* the same options through run and sweep: the same rows */
	o = run_cli(FAKE_PINBENCH, NULL, "run", "--sizes", "4K,8K",
		    "--strategies", "noop,put_page", "--iterations", "2",
		    "--run-id", "same", "--accel", "x", "--quiet", "--out",
		    scratch_path("same-run"));
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	o = run_cli(FAKE_PINBENCH, NULL, "sweep", "--sizes", "4K,8K",
		    "--strategies", "noop,put_page", "--iterations", "2",
		    "--run-id", "same", "--accel", "x", "--quiet", "--out",
		    scratch_path("same-sweep"));
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	samples = slurp(scratch_path("same-run/samples.csv"));
	summary = slurp(scratch_path("same-sweep/samples.csv"));
	CHECK(samples && summary && !strcmp(samples, summary));
	free(samples);
	free(summary);
}

/*
 * pin_mode: each row says the mode it was measured under; the FOLL_GET
 * pair locked and longterm share (gup) is measured once, under locked;
 * an exact method name gets its method's first mode.
 */
static void test_pin_mode_column(void)
{
	const char *dir = scratch_path("sweep-modes");
	char *samples, *summary;
	struct outcome o;

	o = run_cli(FAKE_PINBENCH, NULL, "sweep", "--composition", "anon-4k",
		    "--sizes", "4K", "--strategies", "put_page,unpin_pages",
		    "--pin-method", "fast,locked,longterm", "--iterations",
		    "1", "--warmup", "0", "--quiet", "--out", dir);
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	samples = slurp(dir_file(dir, "samples.csv"));
	CHECK_INT(count_lines(samples), 1 + 5);
	CHECK_INT(count_matches(samples, ",gup_fast,put_page,1,0,ok,"), 1);
	CHECK_INT(count_matches(samples, ",gup,put_page,1,0,ok,"), 1);
	CHECK_INT(count_matches(samples, ",0,,0,fast,,,,,,,,,,,,,,,,,,\n"), 2);
	CHECK_INT(count_matches(samples, ",0,,0,locked,,,,,,,,,,,,,,,,,,\n"), 2);
	CHECK_INT(count_matches(samples, ",0,,0,longterm,,,,,,,,,,,,,,,,,,\n"), 1);
	free(samples);
	summary = slurp(dir_file(dir, "summary.csv"));
	CHECK_INT(count_matches(summary, ",locked,,,,,,,,,,,,,,,,\n"), 2);
	CHECK_INT(count_matches(summary, ",longterm,,,,,,,,,,,,,,,,\n"), 1);
	free(summary);

	o = run_cli(FAKE_PINBENCH, NULL, "run", "--sizes", "4K",
		    "--strategies", "put_page", "--pin-method", "gup",
		    "--iterations", "1", "--warmup", "0", "--quiet", "--out",
		    scratch_path("exact-method"));
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	samples = slurp(scratch_path("exact-method/samples.csv"));
	CHECK_CONTAINS(samples, ",gup,put_page,1,0,ok,");
	CHECK_CONTAINS(samples, ",0,,0,locked,,,,,,,,,,,,,,,,,,\n");
	free(samples);
}

static void test_config_sweep(void)
{
	const char *root = sysfs_tree("sysfs-sweep-config");
	const char *conf = scratch_path("bench.conf");
	const char *dir = scratch_path("sweep-config");
	char text[1024], *samples;
	struct outcome o;

	if (!host_has_thp()) {
		tap_skip("no THP in this kernel (anon-thp)");
		return;
	}

	snprintf(text, sizeof(text),
		 "# two compositions, sizes of their own\n"
		 "composition = anon-4k, anon-thp\n"
		 "sizes = 4M\n"
		 "sizes.anon-4k = 4K, 8K\n"
		 "strategies = noop\n"
		 "iterations = 3   # overridden below\n"
		 "warmup = 0\n"
		 "quiet = yes\n"
		 "out = %s\n", dir);
	write_text_file(conf, text);
	o = run_cli(FAKE_PINBENCH, env_with(root, "PINBENCH_FAKE_HIST=o0=100,anon=100"),
		    "sweep", "--config", conf, "--iterations", "2");
	CHECK_STATUS(o, 0);
	CHECK(!strstr(o.err, "[1/"));	/* quiet from the file */
	/* anon-thp got base pages from the fake: flagged */
	CHECK_CONTAINS(o.err, "RUN anon-thp 4194304 bytes noop: 0.00% of pages in PMD-or-larger folios, 100.00% requested");
	outcome_free(&o);
	samples = slurp(dir_file(dir, "samples.csv"));
	CHECK_INT(count_lines(samples), 1 + 3 * 2);
	CHECK_INT(count_matches(samples, ",anon-4k,4096,1,pin_fast,noop,"), 2);
	CHECK_INT(count_matches(samples, ",anon-4k,8192,2,pin_fast,noop,"), 2);
	CHECK_INT(count_matches(samples, ",anon-thp,4194304,1024,pin_fast,noop,"), 2);
	free(samples);

	write_text_file(conf, "iterations = 2\n\nwarmpu = 1\n");
	o = run_cli(FAKE_PINBENCH, NULL, "sweep", "--config", conf);
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "bench.conf:3: unknown key 'warmpu'");
	outcome_free(&o);
}

static void test_unavailable(void)
{
	const char *root = sysfs_tree("sysfs-unavailable");
	const char *old = fake_sysfs("sysfs-old-kernel");
	const char *dir = scratch_path("sweep-unavailable");
	char *samples, *summary;
	struct outcome o;

	/* refused before anything is built or written: exit 2 */
	o = run_cli(FAKE_PINBENCH, env_with(root, NULL), "sweep",
		    "--composition", "anon-4k,hugetlb-2m", "--sizes", "4M",
		    "--strategies", "put_page,noop", "--iterations", "2",
		    "--quiet", "--out", dir);
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "pinbench: sweep: hugetlb-2m unsupported here: needs 2 free 2M hugetlb pages for 4M, 0 free");
	CHECK_CONTAINS(o.err, "hugepagesz=2M hugepages=2");
	CHECK_CONTAINS(o.err, "(--skip-unavailable records it instead)");
	outcome_free(&o);
	CHECK(access(dir, F_OK));
	o = run_cli(FAKE_PINBENCH, env_with(root, NULL), "run",
		    "--composition", "hugetlb-2m", "--sizes", "4M", "--out",
		    dir);
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "pinbench: run: hugetlb-2m unsupported here: needs 2 free");
	outcome_free(&o);
	tree_write(old, MM_THP_DIR "/enabled", "always [madvise] never\n");
	o = run_cli(FAKE_PINBENCH, env_with(old, NULL), "run",
		    "--composition", "anon-mthp-64K", "--sizes", "64K");
	CHECK_STATUS(o, 2);
	CHECK_CONTAINS(o.err, "pinbench: run: anon-mthp-64K unsupported here: needs the per-size mTHP control (Linux 6.8+)");
	outcome_free(&o);

	/* --skip-unavailable: recorded with the reason, the rest measured */
	o = run_cli(FAKE_PINBENCH, env_with(root, NULL), "sweep",
		    "--composition", "anon-4k,hugetlb-2m", "--sizes", "4M",
		    "--strategies", "put_page,noop", "--iterations", "2",
		    "--warmup", "0", "--skip-unavailable", "--out", dir);
	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.err, "pinbench: hugetlb-2m at 4M unavailable here: needs 2 free 2M hugetlb pages");
	CHECK_CONTAINS(o.err, "[2/2] anon-4k 4M noop");	/* total: buildable */
	outcome_free(&o);
	samples = slurp(dir_file(dir, "samples.csv"));
	CHECK_INT(count_lines(samples), 1 + 2 * 2 + 2);
	CHECK_CONTAINS(samples, ",hugetlb-2m,4194304,1024,gup_fast,put_page,1,,unavailable,,,,,,,100.00,,,,o9=100;hugetlb=100;anon=100,needs 2 free 2M hugetlb pages for 4M; 0 free (free_hugepages 0; resv_hugepages 0 in ");
	CHECK_CONTAINS(samples, ",hugetlb-2m,4194304,1024,pin_fast,noop,1,,unavailable,");
	free(samples);
	summary = slurp(dir_file(dir, "summary.csv"));
	CHECK_CONTAINS(summary, ",hugetlb-2m,4194304,1024,gup_fast,put_page,1,unavailable,0,");
	free(summary);
}

/* One small sweep of comp with the fake reporting hist; its outcome. */
static struct outcome sweep_with_hist(const char *root, const char *comp,
				      const char *size, const char *hist,
				      const char *dir, const char *file_dir)
{
	char more[256];

	snprintf(more, sizeof(more), "PINBENCH_FAKE_HIST=%s", hist);
	return run_cli(FAKE_PINBENCH, env_with(root, more), "sweep",
		       "--composition", comp, "--sizes", size, "--strategies",
		       "unpin_pages", "--iterations", "1", "--warmup", "0",
		       "--quiet", "--file-dir", file_dir ? file_dir : "/none",
		       "--out", dir);
}

static void test_expectations(void)
{
	static const struct {
		const char *comp, *size, *hist;
		int file;	/* 0: none, 1: tmpfs, 2: ext4 */
		const char *row_end, *warning;
	} cases[] = {
		{ "anon-mthp-64K", "4M", "o4=100,anon=100", 0,
		  ",0.00,0.00,1,o4=1024;anon=1024;folios=64,o4=100;anon=100,set while faulting: hugepages-64kB/enabled=madvise hugepages-128kB/enabled=never hugepages-2048kB/enabled=never,0,,0,fast,,,,,,,,,,,,,,,,,,\n",
		  NULL },
		{ "anon-mthp-64K", "4M", "o0=100,anon=100", 0, ",0.00,0.00,0,",
		  "RUN anon-mthp-64K 4194304 bytes unpin_pages: 0.00% of pages in order-4 folios, 100% requested (tolerance 5 points): rows flagged mix_ok=0 (measured o0=1024;anon=1024;folios=1024; requested o4=100;anon=100)" },
		{ "mixed-thp:25", "8M", "o0=75,o9=25,anon=100", 0,
		  ",25.00,25.00,1,o0=1536;o9=512;anon=2048;folios=1537,o0=75;o9=25;anon=100,,0,,0,fast,,,,,,,,,,,,,,,,,,\n",
		  NULL },
		{ "mixed-thp:25:clustered", "8M", "o0=100,anon=100", 0,
		  ",25.00,0.00,0,",
		  "0.00% of pages in PMD-or-larger folios, 25.00% requested" },
		{ "shmem-4k", "64K", "o0=100,shmem=100", 0,
		  ",0.00,0.00,1,o0=16;shmem=16;folios=16,o0=100;shmem=100,,0,,0,fast,,,,,,,,,,,,,,,,,,\n",
		  NULL },
		{ "shmem-4k", "64K", "o0=100,anon=100", 0, ",0.00,0.00,0,",
		  "0.00% of pages shmem (swap-backed page cache), 100% requested" },
		{ "shmem-thp", "2M", "o9=100,shmem=100", 0,
		  ",100.00,100.00,1,o9=512;shmem=512;folios=1,o9=100;shmem=100,set while faulting: shmem_enabled=advise,0,,0,fast,,,,,,,,,,,,,,,,,,\n",
		  NULL },
		{ "memfd", "64K", "o0=100,shmem=100", 0, ",0.00,0.00,1,", NULL },
		{ "file-tmpfs", "64K", "o2=100,shmem=100", 1,
		  ",,0.00,1,o2=16;shmem=16;folios=4,shmem=100,dir=", NULL },
		{ "file-tmpfs", "64K", "o0=100,file=100", 1, ",,0.00,0,",
		  "0.00% of pages shmem (swap-backed page cache), 100% requested" },
		{ "file-ext4", "64K", "o4=100,file=100", 2,
		  ",,0.00,1,o4=16;file=16;folios=1,file=100,dir=", NULL },
		{ "file-ext4", "64K", "o0=100,shmem=100", 2, ",,0.00,0,",
		  "0.00% of pages file page cache, 100% requested" },
	};
	const char *root = sysfs_tree("sysfs-expect");
	const char *tmpfs = tmpfs_dir(), *ext4 = ext4_dir();
	char dirname[64], *samples;
	struct outcome o;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *file_dir = cases[i].file == 1 ? tmpfs :
				       cases[i].file == 2 ? ext4 : NULL;

		if (cases[i].file && !file_dir) {
			tap_skip("%s: no directory of its filesystem",
				 cases[i].comp);
			continue;
		}
		if (!host_has_thp() && (strstr(cases[i].comp, "thp") ||
					strstr(cases[i].comp, "mthp"))) {
			tap_skip("%s: no THP in this kernel",
				 cases[i].comp);
			continue;
		}
		snprintf(dirname, sizeof(dirname), "sweep-expect-%zu", i);
		o = sweep_with_hist(root, cases[i].comp, cases[i].size,
				    cases[i].hist, scratch_path(dirname),
				    file_dir);
		CHECK_STATUS(o, 0);
		if (cases[i].warning)
			CHECK_CONTAINS(o.err, cases[i].warning);
		else
			CHECK(!strstr(o.err, "warning"));
		outcome_free(&o);
		samples = slurp(dir_file(scratch_path(dirname), "samples.csv"));
		CHECK_CONTAINS(samples, cases[i].row_end);
		free(samples);
	}
	/* what a build changed is back */
	{
		char *text = tree_read(root, MM_THP_DIR "/hugepages-64kB/enabled");

		CHECK_STR(text, "never\n");
		free(text);
		text = tree_read(root, MM_THP_DIR "/hugepages-2048kB/enabled");
		CHECK_STR(text, "inherit\n");
		free(text);
		text = tree_read(root, MM_THP_DIR "/shmem_enabled");
		CHECK_STR(text, "never\n");
		free(text);
	}
}

static void test_longterm_write_on_ext4(void)
{
	const char *ext4 = ext4_dir(), *tmpfs = tmpfs_dir();
	const char *dir = scratch_path("sweep-ext4-longterm");
	char *samples;
	struct outcome o;

	if (!ext4) {
		tap_skip("no ext4 directory (PINBENCH_EXT4_DIR)");
		return;
	}
	o = run_cli(FAKE_PINBENCH, "PINBENCH_FAKE_LONGTERM_WRITE_ERRNO=14",
		    "sweep", "--composition", "file-ext4", "--file-dir", ext4,
		    "--sizes", "64K", "--strategies", "unpin_pages",
		    "--pin-method", "fast,longterm", "--iterations", "2",
		    "--warmup", "0", "--quiet", "--out", dir);
	CHECK_STATUS(o, 0);
	CHECK_CONTAINS(o.err, "RUN file-ext4 65536 bytes pin_longterm unpin_pages: the kernel refuses FOLL_LONGTERM write pins of ext4 page cache (EFAULT; Linux 6.5+): recorded as unsupported (use --read-only for long-term pins)");
	outcome_free(&o);
	samples = slurp(dir_file(dir, "samples.csv"));
	CHECK_INT(count_matches(samples, ",pin_fast,unpin_pages,1,"), 2);
	CHECK_CONTAINS(samples, ",file-ext4,65536,16,pin_longterm,unpin_pages,1,,unsupported,,,,,,,,,,,file=100,the kernel refuses FOLL_LONGTERM write pins of ext4 page cache (EFAULT; Linux 6.5+),0,,,longterm,,,,,,,,,,,,,,,,,,\n");
	free(samples);

	/* read-only long-term pins of the same file are measured */
	o = run_cli(FAKE_PINBENCH, "PINBENCH_FAKE_LONGTERM_WRITE_ERRNO=14",
		    "sweep", "--composition", "file-ext4", "--file-dir", ext4,
		    "--sizes", "64K", "--strategies", "unpin_pages",
		    "--pin-method", "longterm", "--read-only", "--iterations",
		    "2", "--warmup", "0", "--quiet", "--out",
		    scratch_path("sweep-ext4-ro"));
	CHECK_STATUS(o, 0);
	outcome_free(&o);
	samples = slurp(scratch_path("sweep-ext4-ro/samples.csv"));
	CHECK_INT(count_matches(samples, ",pin_longterm,unpin_pages,0,"), 2);
	CHECK_INT(count_matches(samples, ",ok,"), 2);
	free(samples);

	/* elsewhere an EFAULT is a failure, not a known refusal */
	if (tmpfs) {
		o = run_cli(FAKE_PINBENCH,
			    "PINBENCH_FAKE_LONGTERM_WRITE_ERRNO=14", "run",
			    "--composition", "file-tmpfs", "--file-dir", tmpfs,
			    "--sizes", "64K", "--strategies", "unpin_pages",
			    "--pin-method", "longterm", "--quiet", "--out",
			    scratch_path("sweep-tmpfs-longterm"));
		CHECK_STATUS(o, 1);
		CHECK_CONTAINS(o.err, "RUN file-tmpfs 65536 bytes unpin_pages: Bad address (EFAULT)");
		outcome_free(&o);
	}
}

static void test_sysfs_back_after_sigint(void)
{
	const char *root = sysfs_tree("sysfs-sigint");
	char *text;
	struct outcome o;

	if (!host_has_thp()) {
		tap_skip("no THP in this kernel");
		return;
	}
	/* 3 sizes x 10 RUNs of 150 ms, SIGINT after 400 ms */
	o = run_cli_signalled(FAKE_PINBENCH,
			      env_with(root, "PINBENCH_FAKE_DELAY_MS=150"),
			      SIGINT, 400, "sweep", "--composition",
			      "anon-mthp-64K,shmem-thp", "--sizes", "2M,4M",
			      "--iterations", "1", "--warmup", "0", "--quiet",
			      "--out", scratch_path("sweep-sigint"), NULL);
	CHECK_STATUS(o, 130);
	outcome_free(&o);
	text = tree_read(root, MM_THP_DIR "/hugepages-64kB/enabled");
	CHECK_STR(text, "never\n");
	free(text);
	text = tree_read(root, MM_THP_DIR "/hugepages-128kB/enabled");
	CHECK_STR(text, "always\n");
	free(text);
	text = tree_read(root, MM_THP_DIR "/hugepages-2048kB/enabled");
	CHECK_STR(text, "inherit\n");
	free(text);
	text = tree_read(root, MM_THP_DIR "/shmem_enabled");
	CHECK(text && (!strcmp(text, "never\n") ||
		       strstr(text, "[never]")));	/* built or not yet */
	free(text);
}

static void test_sweep_help(void)
{
	static const char *const words[] = {
		"usage: pinbench sweep", "--config FILE", "--skip-unavailable",
		"--pin-method LIST", "sizes.<composition>", "--layout",
		"--file-dir", "--tolerance", "anon-4k", "anon-thp",
		"anon-mthp-<size>", "hugetlb-2m", "hugetlb-1g",
		"mixed-thp:<pct>[:<layout>]", "shmem-4k", "shmem-thp", "memfd",
		"memfd-hugetlb", "file-tmpfs", "file-ext4", "6.8+",
		"hugepagesz=1G", "PINBENCH_EXT4_DIR=DIR", "req_mix",
		"o18=100;hugetlb=100;anon=100", "o<order>=100;anon=100",
	};
	struct outcome o;
	size_t i;

	o = run_cli(REAL_PINBENCH, NULL, "sweep", "--help");
	CHECK_STATUS(o, 0);
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		CHECK_CONTAINS(o.out, words[i]);
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "--help");
	CHECK_CONTAINS(o.out, "sweep ");
	outcome_free(&o);
	o = run_cli(REAL_PINBENCH, NULL, "run", "--help");
	CHECK_CONTAINS(o.out, "anon-mthp-<size>");
	CHECK_CONTAINS(o.out, "Needs");
	CHECK(!strstr(o.out, "--config"));
	outcome_free(&o);
}

/*
 * The boot's speed at the start, middle and end of the sweep, each a
 * number (not null), read back by the same reader report uses.
 */
static void test_calibration_in_meta(void)
{
	const char *dir = scratch_path("sweep-calibration");
	struct run_calibration rc;
	struct outcome out;
	char *meta;
	json_t *o;

	out = run_cli(FAKE_PINBENCH, NULL, "sweep", "--composition", "anon-4k",
		      "--sizes", "4K,8K", "--strategies", "put_page,noop",
		      "--iterations", "4", "--boot", "7", "--quiet", "--out",
		      dir);
	CHECK_STATUS(out, 0);
	outcome_free(&out);
	meta = slurp(dir_file(dir, "meta.json"));
	CHECK_CONTAINS(meta, "\"calibration\": {\"boot_id\": 7, \"start_ns\": ");
	CHECK(meta && !strstr(meta, "null}") && !strstr(meta, ": null,"));
	o = json_of(meta);
	CHECK(o && !run_calibration_read(o, &rc) && rc.n == 1 &&
	      rc.boots[0].start_ns > 0 && rc.boots[0].middle_ns > 0 &&
	      rc.boots[0].end_ns > 0 && rc.median_ns > 0);
	if (o)
		run_calibration_free(&rc);
	json_decref(o);
	free(meta);
}

TAP_SUITE(sweep,
	{ "--pin-method fast,locked: each strategy with each, progress done/total and ETA; run == sweep",
	  test_pin_method_list },
	{ "pin_mode column: the mode each row was measured under; a pair two modes share, once",
	  test_pin_mode_column },
	{ "--config FILE: sizes.<composition>, the command line overrides; a bad key names its line",
	  test_config_sweep },
	{ "what the machine lacks: exit 2 before anything, or --skip-unavailable rows with the reason",
	  test_unavailable },
	{ "each expectation against the module's histogram: req_mix, mix_ok, warning, note",
	  test_expectations },
	{ "file-ext4: FOLL_LONGTERM write pins refused (6.5+) recorded as unsupported; read-only measured",
	  test_longterm_write_on_ext4 },
	{ "SIGINT mid-sweep: every sysfs value a build changed is back", test_sysfs_back_after_sigint },
	{ "sweep --help: options, config format, every composition and what it needs",
	  test_sweep_help },
	{ "meta.json: calibration at the start, middle and end of the sweep",
	  test_calibration_in_meta },
);
