#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calibration.h"
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

/* v to 4 decimals, or null for a point not taken (or not finite) */
static json_t *number_json(double v)
{
	return isfinite(v) ? json_real(round(v * 1e4) / 1e4) : json_null();
}

json_t *calibration_json(const struct calibration *c)
{
	return json_pack("{s:I, s:o, s:o, s:o, s:o}",
			 "boot_id", (json_int_t)c->boot,
			 "start_ns", number_json(c->start_ns),
			 "middle_ns", number_json(c->middle_ns),
			 "end_ns", number_json(c->end_ns),
			 "drift", number_json(calibration_drift(c)));
}

/* A number (integer or real) of object; NaN for null, absent or other. */
static double number_in(const json_t *object, const char *key)
{
	const json_t *v = json_object_get(object, key);

	return json_is_number(v) ? json_number_value(v) : NAN;
}

/* One boot's {...} appended to rc; anything but an object skipped. */
static int add_object(struct run_calibration *rc, const json_t *object)
{
	const json_t *boot = json_object_get(object, "boot_id");
	struct calibration *bigger, *c;

	if (!json_is_object(object))
		return 0;
	bigger = realloc(rc->boots, (rc->n + 1) * sizeof(*bigger));
	if (!bigger)
		return -1;
	rc->boots = bigger;
	c = &rc->boots[rc->n++];
	/* a boot number pinbench could have written, else 0 */
	c->boot = json_is_integer(boot) && json_integer_value(boot) >= 0 &&
			  json_integer_value(boot) <= UINT_MAX ?
			  (unsigned int)json_integer_value(boot) : 0;
	c->start_ns = number_in(object, "start_ns");
	c->middle_ns = number_in(object, "middle_ns");
	c->end_ns = number_in(object, "end_ns");
	return 0;
}

int run_calibration_read(const json_t *meta, struct run_calibration *rc)
{
	const json_t *p = json_object_get(meta, "calibration"), *boot;
	double *medians;
	size_t i, n = 0;

	memset(rc, 0, sizeof(*rc));
	rc->median_ns = NAN;
	if (json_is_object(p) && add_object(rc, p))
		return -1;
	json_array_foreach(p, i, boot)
		if (add_object(rc, boot))
			return -1;
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
	char path[4096];
	json_t *meta = NULL;
	int ret;

	if (!path_join(path, sizeof(path), dir, "meta.json"))
		meta = json_object_load(path);
	ret = run_calibration_read(meta, rc);
	json_decref(meta);
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
