#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli_runner.h"
#include "test_util.h"

void outcome_free(struct outcome *o)
{
	free(o->out);
	free(o->err);
}

/*
 * Runs binary with argv (NULL-terminated, after the binary), with env
 * ("NAME=VALUE;NAME=VALUE" or NULL) added; signal sig after signal_ms.
 */
struct outcome run_cli_signalled(const char *binary, const char *env,
				 int sig, long signal_ms, ...)
{
	char *argv[64] = { (char *)binary };
	struct outcome o = { .status = -1 };
	char out_path[512], err_path[512];
	int argc = 1, wstatus;
	va_list ap;
	pid_t pid;

	va_start(ap, signal_ms);
	while (argc < 63 && (argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	snprintf(out_path, sizeof(out_path), "%s/cli.out", scratch_dir());
	snprintf(err_path, sizeof(err_path), "%s/cli.err", scratch_dir());

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		char *vars = env ? strdup(env) : NULL, *rest = vars, *var;

		while (vars && (var = strsep(&rest, ";")) != NULL)
			if (*var)
				putenv(var);
		if (!freopen(out_path, "w", stdout) ||
		    !freopen(err_path, "w", stderr))
			_exit(99);
		execv(binary, argv);
		_exit(98);
	}
	if (sig) {
		struct timespec ts = { signal_ms / 1000,
				       (signal_ms % 1000) * 1000000 };

		nanosleep(&ts, NULL);
		kill(pid, sig);
	}
	waitpid(pid, &wstatus, 0);
	o.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) :
				       128 + WTERMSIG(wstatus);
	o.out = slurp(out_path);
	o.err = slurp(err_path);
	return o;
}

int count_lines(const char *text)
{
	int n = 0;

	for (; text && *text; text++)
		n += *text == '\n';
	return n;
}

int count_matches(const char *text, const char *part)
{
	int n = 0;

	for (; text && (text = strstr(text, part)) != NULL; text++)
		n++;
	return n;
}

char *dir_file(const char *dir, const char *name)
{
	static char path[1024];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

char *pinbench_then_read(const char *subcommand, const char *dir,
			 const char *file)
{
	struct outcome o = run_cli(REAL_PINBENCH, NULL, subcommand, dir);

	CHECK_STATUS(o, 0);
	outcome_free(&o);
	return slurp(dir_file(dir, file));
}
