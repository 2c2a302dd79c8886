#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cpu_pin.h"
#include "device.h"
#include "scale_threads.h"
#include "stop_signals.h"

/* a --duration run stops growing a thread's samples here */
#define SCALE_MAX_SAMPLES 200000

/* A remote-release pair: one descriptor, the kept pins handed over. */
struct scale_pair {
	struct pinbench_device dev;
	sem_t go_pin, pinned;
	struct pinbench_sample pin_sample;
	int pin_err;
	volatile int done;
};

struct scale_worker {
	const struct scale_job *job;
	unsigned int index;
	bool pinner;			/* remote-release's pinning half */
	struct pinbench_device dev;	/* private, shared: its own */
	struct scale_pair *pair;
	pthread_barrier_t *barrier;
	int cpu_err;
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void fill_run(const struct scale_worker *w, uint32_t flags,
		     uint32_t iterations, uint32_t warmup,
		     struct pinbench_sample *samples, struct pinbench_run *run)
{
	const struct scale_job *job = w->job;
	const struct region *r = job->regions[w->index];

	memset(run, 0, sizeof(*run));
	run->addr = (uintptr_t)r->addr;
	run->len = r->len;
	run->pin_method = job->pin_method;
	run->strategy = job->strategy;
	run->flags = job->flags | flags;
	run->iterations = iterations;
	run->warmup = warmup;
	run->samples = (uintptr_t)samples;
	run->samples_cap = iterations;
}

static int grow(struct scale_thread_result *th, size_t *cap, size_t more)
{
	struct pinbench_sample *s;

	if (th->n + more <= *cap)
		return 0;
	*cap = (th->n + more) * 2;
	s = realloc(th->samples, *cap * sizeof(*s));
	if (!s)
		return ENOMEM;
	th->samples = s;
	return 0;
}

/* Enough samples (iterations), or time (--duration), or a stop asked. */
static bool finished(const struct scale_options *opts,
		     const struct scale_thread_result *th, double deadline)
{
	if (stop_requested)
		return true;
	if (opts->duration > 0)
		return now_s() >= deadline || th->n >= SCALE_MAX_SAMPLES;
	return th->n >= opts->iterations;
}

static bool start(struct scale_worker *w, int cpu)
{
	char err[256];

	w->cpu_err = cpu_pin(cpu, err, sizeof(err)) ? EINVAL : 0;
	pthread_barrier_wait(w->barrier);
	return !w->cpu_err;
}

/* private, shared, cross-node: RUNs of pin + release, back to back */
static void run_own(struct scale_worker *w)
{
	const struct scale_options *opts = w->job->opts;
	struct scale_thread_result *th = &w->job->c->th[w->index];
	double deadline = now_s() + opts->duration;
	uint32_t warmup = opts->warmup;
	size_t cap = 0;

	do {
		uint32_t n = opts->iterations;
		struct pinbench_run run;

		if (!opts->duration && n > opts->iterations - th->n)
			n = opts->iterations - (uint32_t)th->n;
		if (n > w->job->max_iterations)
			n = w->job->max_iterations;
		th->err = grow(th, &cap, n);
		if (th->err)
			return;
		fill_run(w, 0, n, warmup, th->samples + th->n, &run);
		th->err = device_run(&w->dev, &run);
		if (th->err)
			return;
		th->pages = run.pages;
		th->n += run.samples_written;
		warmup = 0;
		if (run.out_flags & PINBENCH_OUT_INTERRUPTED)
			return;
	} while (!finished(opts, th, deadline));
}

/* remote-release's pinning half: a KEEP RUN each time it is asked */
static void run_pinner(struct scale_worker *w)
{
	struct scale_pair *p = w->pair;
	struct pinbench_run run;

	for (;;) {
		while (sem_wait(&p->go_pin) && errno == EINTR)
			;
		if (p->done)
			return;
		fill_run(w, PINBENCH_F_KEEP_PINS, 1, 0, &p->pin_sample, &run);
		p->pin_err = device_run(&p->dev, &run);
		sem_post(&p->pinned);
		if (p->pin_err)
			return;
	}
}

/* remote-release's releasing half: its window is the one reported */
static void run_releaser(struct scale_worker *w)
{
	const struct scale_options *opts = w->job->opts;
	struct scale_thread_result *th = &w->job->c->th[w->index];
	double deadline = now_s() + opts->duration;
	struct scale_pair *p = w->pair;
	struct pinbench_sample s;
	unsigned int warm = 0;
	size_t cap = 0;

	do {
		struct pinbench_run run;

		sem_post(&p->go_pin);
		while (sem_wait(&p->pinned) && errno == EINTR)
			;
		th->err = p->pin_err ? p->pin_err : grow(th, &cap, 1);
		if (th->err)
			break;
		fill_run(w, PINBENCH_F_RELEASE_KEPT, 1, 0, &s, &run);
		th->err = device_run(&p->dev, &run);
		if (th->err)
			break;
		th->pages = run.pages ? run.pages : th->pages;
		if (warm < opts->warmup) {
			warm++;
			continue;
		}
		/* the pin half's CPU and time, from the KEEP RUN */
		s.pin_cpu = p->pin_sample.pin_cpu;
		s.pin_ns = p->pin_sample.pin_ns;
		th->samples[th->n++] = s;
	} while (!finished(opts, th, deadline));
	p->done = 1;
	sem_post(&p->go_pin);
}

static void *worker_main(void *arg)
{
	struct scale_worker *w = arg;
	const struct scale_place *pl = &w->job->c->th[w->index].place;

	if (!start(w, w->pinner ? pl->pin_cpu : pl->cpu)) {
		if (w->pair) {	/* the other half must not wait forever */
			w->pair->pin_err = EINVAL;
			w->pair->done = 1;
			sem_post(w->pinner ? &w->pair->pinned :
				 &w->pair->go_pin);
		}
		w->job->c->th[w->index].err = EINVAL;
		return NULL;
	}
	if (w->job->c->mode != SCALE_REMOTE_RELEASE)
		run_own(w);
	else if (w->pinner)
		run_pinner(w);
	else
		run_releaser(w);
	return NULL;
}

/* Descriptors first: a module that is missing fails before any thread. */
static int open_devices(const struct scale_job *job, struct scale_worker *w,
			struct scale_pair *pairs, unsigned int nw)
{
	unsigned int i, t = job->c->threads;

	/* all closed and initialised first: close_devices() undoes any state */
	for (i = 0; i < nw; i++)
		w[i].dev.fd = -1;
	for (i = 0; pairs && i < t; i++) {
		pairs[i].dev.fd = -1;
		sem_init(&pairs[i].go_pin, 0, 0);
		sem_init(&pairs[i].pinned, 0, 0);
	}
	for (i = 0; !pairs && i < nw; i++)
		if (device_open(&w[i].dev))
			return -1;
	for (i = 0; pairs && i < t; i++)
		if (device_open(&pairs[i].dev))
			return -1;
	return 0;
}

static void close_devices(struct scale_worker *w, struct scale_pair *pairs,
			  unsigned int nw, unsigned int t)
{
	unsigned int i;

	for (i = 0; i < nw; i++)
		device_close(&w[i].dev);
	for (i = 0; pairs && i < t; i++) {
		device_close(&pairs[i].dev);	/* releases what it keeps */
		sem_destroy(&pairs[i].go_pin);
		sem_destroy(&pairs[i].pinned);
	}
}

int scale_run_case(const struct scale_job *job, char *err, size_t errlen)
{
	bool remote = job->c->mode == SCALE_REMOTE_RELEASE;
	unsigned int t = job->c->threads, nw = remote ? 2 * t : t, i, started;
	struct scale_worker *w = calloc(nw, sizeof(*w));
	struct scale_pair *pairs = remote ? calloc(t, sizeof(*pairs)) : NULL;
	pthread_t *tids = calloc(nw, sizeof(*tids));
	pthread_barrier_t barrier;
	int ret = -1;

	if (!w || !tids || (remote && !pairs)) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	for (i = 0; i < nw; i++) {
		w[i].job = job;
		w[i].index = remote ? i / 2 : i;
		w[i].pinner = remote && i % 2 == 0;
		w[i].pair = remote ? &pairs[i / 2] : NULL;
		w[i].barrier = &barrier;
	}
	if (open_devices(job, w, pairs, nw)) {
		snprintf(err, errlen, "opening %s for each thread failed",
			 PINBENCH_DEVICE);
		close_devices(w, pairs, nw, t);
		goto out;
	}
	pthread_barrier_init(&barrier, NULL, nw);
	for (started = 0; started < nw; started++) {
		errno = pthread_create(&tids[started], NULL, worker_main,
				       &w[started]);
		if (errno)
			break;
	}
	if (started < nw) {
		/* the barrier would never open: nothing can run; give up */
		snprintf(err, errlen, "pthread_create: %s", strerror(errno));
		abort();
	}
	for (i = 0; i < nw; i++)
		pthread_join(tids[i], NULL);
	pthread_barrier_destroy(&barrier);
	close_devices(w, pairs, nw, t);
	ret = 0;
out:
	free(tids);
	free(pairs);
	free(w);
	return ret;
}
