#include <math.h>
#include <stdlib.h>

#include "scale_result.h"
#include "stats.h"

void scale_thread_stats(const struct scale_thread_result *th,
			struct scale_thread_stats *out)
{
	double *v = calloc(th->n + 1, sizeof(*v));
	size_t i;

	out->start_ns = UINT64_MAX;
	out->end_ns = 0;
	out->cpu_ok = th->n > 0;
	for (i = 0; i < th->n; i++) {
		const struct pinbench_sample *s = &th->samples[i];

		if (v)
			v[i] = th->pages ? (double)s->release_ns /
					   (double)th->pages : NAN;
		if (s->release_start_ns < out->start_ns)
			out->start_ns = s->release_start_ns;
		if (s->release_end_ns > out->end_ns)
			out->end_ns = s->release_end_ns;
		if ((int)s->release_cpu != th->place.cpu ||
		    (int)s->pin_cpu != th->place.pin_cpu)
			out->cpu_ok = false;
	}
	if (!th->n)
		out->start_ns = 0;
	out->ns_per_page = v && th->n ? stats_median(v, th->n) : NAN;
	/*
	 * The median's rate, not pages over summed time: one window that
	 * the host descheduled (TCG, oversubscription) would set the mean.
	 */
	out->pages_per_s = out->ns_per_page > 0 ? 1e9 / out->ns_per_page :
			   NAN;
	out->placement_ok = out->cpu_ok && th->mem_before == 1 &&
			    th->mem_after == 1 && !th->err;
	free(v);
}

static bool windows_meet(const struct pinbench_sample *a,
			 const struct pinbench_sample *b)
{
	return a->release_start_ns <= b->release_end_ns &&
	       b->release_start_ns <= a->release_end_ns;
}

/*
 * Does thread u have a window meeting w? A thread's windows follow one
 * another (its RUNs are sequential), so sorted by start they are sorted
 * by end too: the first window ending at or after w's start is the only
 * candidate.
 */
static bool thread_meets(const struct scale_thread_result *u,
			 const struct pinbench_sample *w)
{
	size_t lo = 0, hi = u->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (u->samples[mid].release_end_ns < w->release_start_ns)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < u->n && windows_meet(&u->samples[lo], w);
}

/* Windows of a thread that overlap some window of another thread. */
static size_t count_overlapping(const struct scale_case *c)
{
	size_t count = 0, i;
	unsigned int t, u;

	for (t = 0; t < c->threads; t++)
		for (i = 0; i < c->th[t].n; i++) {
			bool met = false;

			for (u = 0; u < c->threads && !met; u++)
				met = u != t && thread_meets(&c->th[u],
							     &c->th[t].samples[i]);
			count += met;
		}
	return count;
}

void scale_case_stats(const struct scale_case *c,
		      struct scale_case_stats *out)
{
	double *med = calloc(c->threads + 1, sizeof(*med));
	uint64_t latest_start = 0, earliest_end = UINT64_MAX;
	double sum = 0, sq = 0;
	unsigned int t;

	out->pages_per_s = 0;
	out->placement_ok = c->threads > 0;
	for (t = 0; t < c->threads; t++) {
		struct scale_thread_stats ts;

		scale_thread_stats(&c->th[t], &ts);
		out->pages_per_s += ts.pages_per_s;
		out->placement_ok = out->placement_ok && ts.placement_ok;
		if (med)
			med[t] = ts.ns_per_page;
		sum += ts.ns_per_page;
		sq += ts.ns_per_page * ts.ns_per_page;
		if (ts.start_ns > latest_start)
			latest_start = ts.start_ns;
		if (ts.end_ns < earliest_end)
			earliest_end = ts.end_ns;
	}
	/* intervals on a line meet pairwise iff the latest start is before
	 * the earliest end (Helly) */
	out->overlap_ok = c->threads > 0 && latest_start <= earliest_end;
	out->windows_overlapping = count_overlapping(c);
	if (c->threads > 1) {
		double mean = sum / c->threads;
		double var = (sq - c->threads * mean * mean) / (c->threads - 1);

		out->thread_cv = mean > 0 ? sqrt(var > 0 ? var : 0) / mean :
			NAN;
	} else {
		out->thread_cv = NAN;
	}
	out->ns_per_page = med && c->threads ? stats_median(med, c->threads) :
			   NAN;
	free(med);
}

double scale_speedup(double pages_per_s, double base_pages_per_s)
{
	if (!(base_pages_per_s > 0) || isnan(pages_per_s))
		return NAN;
	return pages_per_s / base_pages_per_s;
}

double scale_efficiency(double speedup, unsigned int threads)
{
	return threads ? speedup / threads : NAN;
}

void scale_case_free(struct scale_case *c)
{
	unsigned int t;

	for (t = 0; c->th && t < c->threads; t++)
		free(c->th[t].samples);
	free(c->th);
	c->th = NULL;
}
