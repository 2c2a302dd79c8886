/*
 * SIGINT/SIGTERM during a run: finish the RUN in flight (the module only
 * stops for fatal signals), keep what was written, stop. A second signal
 * gets the default action, and the module then aborts between iterations.
 */
#ifndef PINBENCH_STOP_SIGNALS_H
#define PINBENCH_STOP_SIGNALS_H

#include <signal.h>

/* The signal that asked to stop, or 0. */
extern volatile sig_atomic_t stop_requested;

int stop_signals_install(void);

#endif
