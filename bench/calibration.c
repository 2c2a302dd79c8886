#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calibration.h"
#include "csv.h"
#include "json.h"
#include "paths.h"
#include "stats.h"

/* The points taken, into v[0..3); how many. */
static size_t points(const struct calibration *c, double v[3])
{
	const double all[3] = { c->start_ns, c->middle_ns, c->end_ns };
	size_t i, n = 0;

	for (i = 0; i < 3; i++)
		if (!isnan(all[i]))
			v[n++] = all[i];
	return n;
}

double calibration_median(const struct calibration *c)
{
	double v[3];

	return stats_median(v, points(c, v));
}

double calibration_drift(const struct calibration *c)
{
	double v[3];
	size_t n = points(c, v);

	if (n < 2)
		return NAN;
	stats_median(v, n);	/* sorts */
	return (v[n - 1] - v[0]) / v[0];
}

/* "%.4f", or null for a point not taken */
static void number_text(double v, char *buf, size_t len)
{
	if (isnan(v))
		snprintf(buf, len, "null");
	else
		snprintf(buf, len, "%.4f", v);
}

void calibration_format(const struct calibration *c, char *buf, size_t len)
{
	char start[32], middle[32], end[32], drift[32];

	number_text(c->start_ns, start, sizeof(start));
	number_text(c->middle_ns, middle, sizeof(middle));
	number_text(c->end_ns, end, sizeof(end));
	number_text(calibration_drift(c), drift, sizeof(drift));
	snprintf(buf, len,
		 "{\"boot_id\": %u, \"start_ns\": %s, \"middle_ns\": %s, \"end_ns\": %s, \"drift\": %s}",
		 c->boot, start, middle, end, drift);
}

static double number_in(const char *object, const char *key)
{
	const char *v = json_find_value(object, key);

	return v && strncmp(v, "null", 4) ? strtod(v, NULL) : NAN;
}

/* One {...} from start to end (exclusive), appended to rc. */
static int add_object(struct run_calibration *rc, const char *start,
		      const char *end)
{
	char *object = strndup(start, (size_t)(end - start));
	struct calibration *bigger, *c;
	double boot;

	if (!object)
		return -1;
	bigger = realloc(rc->boots, (rc->n + 1) * sizeof(*bigger));
	if (!bigger) {
		free(object);
		return -1;
	}
	rc->boots = bigger;
	c = &rc->boots[rc->n++];
	boot = number_in(object, "boot_id");
	c->boot = isnan(boot) ? 0 : (unsigned int)boot;
	c->start_ns = number_in(object, "start_ns");
	c->middle_ns = number_in(object, "middle_ns");
	c->end_ns = number_in(object, "end_ns");
	free(object);
	return 0;
}

int run_calibration_read(const char *meta_json, struct run_calibration *rc)
{
	const char *p = meta_json ? json_find_value(meta_json, "calibration") :
				    NULL;
	double *medians;
	size_t i, n = 0;

	memset(rc, 0, sizeof(*rc));
	rc->median_ns = NAN;
	if (p && *p == '{') {
		if (add_object(rc, p, json_value_end(p)))
			return -1;
	} else if (p && *p == '[') {
		const char *end = json_value_end(p);

		for (p++; p < end; p++) {
			if (*p != '{')
				continue;
			if (add_object(rc, p, json_value_end(p)))
				return -1;
			p = json_value_end(p) - 1;
		}
	}
	if (!rc->n)
		return 0;
	medians = malloc(rc->n * sizeof(*medians));
	if (!medians)
		return -1;
	for (i = 0; i < rc->n; i++)
		if (!isnan(calibration_median(&rc->boots[i])))
			medians[n++] = calibration_median(&rc->boots[i]);
	rc->median_ns = stats_median(medians, n);
	free(medians);
	return 0;
}

int run_calibration_load(const char *dir, struct run_calibration *rc)
{
	char path[4096], *json = NULL;
	int ret;

	if (!path_join(path, sizeof(path), dir, "meta.json"))
		json = read_whole_file(path, NULL);
	ret = run_calibration_read(json, rc);
	free(json);
	return ret;
}

void run_calibration_free(struct run_calibration *rc)
{
	free(rc->boots);
	memset(rc, 0, sizeof(*rc));
}

double run_calibration_of_boot(const struct run_calibration *rc,
			       unsigned int boot)
{
	size_t i;

	for (i = 0; rc && i < rc->n; i++)
		if (rc->boots[i].boot == boot)
			return calibration_median(&rc->boots[i]);
	return NAN;
}

double run_calibration_offset(const struct run_calibration *rc, size_t i)
{
	return fabs(calibration_median(&rc->boots[i]) - rc->median_ns) /
	       rc->median_ns;
}
