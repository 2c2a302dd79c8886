/* pinbench fio-summarize DIR: fio.csv, the figure's data and the report
 * section from the fio jobs of a run directory (make bench-fio). */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "commands.h"
#include "exit_codes.h"
#include "fio_shares.h"
#include "fio_summary.h"
#include "messages.h"


static void fio_summarize_usage(FILE *f)
{
	fprintf(f,
		"usage: pinbench fio-summarize DIR\n"
		"\n"
		"Read DIR/fio/meta.json and DIR/fio/<job>.json (fio --output-format=json+,\n"
		"one job each, named as its file; scripts/guest/fio.sh writes them) and\n"
		"write, all or none:\n"
		"  DIR/fio.csv         a row per job: kernel, accel, emulated, name,\n"
		"                      target (nullb, ext4), engine (psync, libaio,\n"
		"                      io_uring), fixedbufs (0, 1), buffer (malloc,\n"
		"                      shmhuge, mmaphuge), bs_bytes, rw, iops, bw_bytes,\n"
		"                      clat_p50_ns, clat_p99_ns, usr_cpu, sys_cpu (%% of\n"
		"                      a CPU), pin_share, unpin_share (of the job's\n"
		"                      perf samples, DIR/fio/<job>.perf.txt)\n"
		"  DIR/fio-iops.dat    IOPS, a row per case (target/rw/bs), a column per\n"
		"                      variant (engine[+fixedbufs]/buffer): plots/fio.gp\n"
		"  DIR/fio-shares.dat  pin + unpin share (%%), laid out the same\n"
		"  DIR/fio-report.txt  the jobs and their IOPS, EMULATED under TCG\n"
		"What a job ran is read from the options fio echoes, not from its name:\n"
		"a job that failed, ran no IO, is not direct=1, or holds a value\n"
		"pinbench's jobs never use is refused, naming the file and the field.\n"
		"Each job's profile stays beside it: DIR/fio/<job>.perf.txt.\n"
		"\n"
		"options:\n"
		"  -h, --help  this text\n");
}

int cmd_fio_summarize(int argc, char **argv)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char err[1024];
	int opt;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case 'h':
			fio_summarize_usage(stdout);
			return EXIT_OK;
		default:
			return cli_bad_option("fio-summarize", opt, argv);
		}
	}
	if (cli_one_dir("fio-summarize", argc, argv, optind))
		return EXIT_USAGE;
	if (fio_summarize_dir(argv[optind], fio_perf_shares(), err,
			      sizeof(err))) {
		pb_error("fio-summarize: %s", err);
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}
