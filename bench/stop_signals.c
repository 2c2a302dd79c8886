#include <string.h>
#include <unistd.h>

#include "stop_signals.h"

volatile sig_atomic_t stop_requested;

static void on_stop_signal(int sig)
{
	static const char msg[] =
		"pinbench: stopping after the current RUN (again to abort now)\n";
	ssize_t ignored;

	stop_requested = sig;
	ignored = write(STDERR_FILENO, msg, sizeof(msg) - 1);
	(void)ignored;
}

int stop_signals_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;
	sa.sa_flags = SA_RESETHAND | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGINT, &sa, NULL) || sigaction(SIGTERM, &sa, NULL))
		return -1;
	return 0;
}
