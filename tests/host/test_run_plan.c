/* run_plan.c, module_info.c, device_errors.c against a module-like INFO. */
#include <errno.h>
#include <string.h>

#include "device_errors.h"
#include "fake_info.h"
#include "module_info.h"
#include "run_plan.h"
#include "tap.h"

static const char *method_of(const struct module_info *info,
			     const struct planned_strategy *plan, size_t n,
			     const char *strategy)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(info_strategy_name(info, plan[i].strategy),
			    strategy))
			return info_pin_method_name(info, plan[i].pin_method);
	return "(not planned)";
}

static void test_all_with_fast(void)
{
	struct planned_strategy plan[CATALOG_MAX];
	struct module_info info;
	char err[512];
	size_t n = 0, i;

	fake_info_fill(&info, false);
	CHECK(!plan_strategies(&info, "all", "fast", plan, &n, err,
			       sizeof(err)));
	CHECK_INT(n, info_nr_strategies(&info));
	for (i = 0; i < n; i++)
		CHECK_INT(plan[i].supported,
			  strcmp(info_strategy_name(&info, plan[i].strategy),
				 "unpin_folios") != 0);
	CHECK_STR(method_of(&info, plan, n, "put_page"), "gup_fast");
	CHECK_STR(method_of(&info, plan, n, "dirty_put_page"), "gup_fast");
	CHECK_STR(method_of(&info, plan, n, "unpin_pages"), "pin_fast");
	CHECK_STR(method_of(&info, plan, n, "noop"), "pin_fast");
	/* unsupported ones still get a method: it is recorded in the row */
	CHECK_STR(method_of(&info, plan, n, "unpin_folios"), "pin_fast");
}

static void test_locked_and_longterm(void)
{
	struct planned_strategy plan[CATALOG_MAX];
	struct module_info info;
	char err[512];
	size_t n = 0;

	fake_info_fill(&info, true);
	CHECK(!plan_strategies(&info, "put_page,unpin_pages", "locked", plan,
			       &n, err, sizeof(err)));
	CHECK_INT(n, 2);
	CHECK_STR(method_of(&info, plan, n, "put_page"), "gup");
	CHECK_STR(method_of(&info, plan, n, "unpin_pages"), "pin");
	CHECK(!plan_strategies(&info, "put_page,unpin_pages", "longterm",
			       plan, &n, err, sizeof(err)));
	CHECK_STR(method_of(&info, plan, n, "put_page"), "gup");
	CHECK_STR(method_of(&info, plan, n, "unpin_pages"), "pin_longterm");
}

static void test_exact_pin_method(void)
{
	struct planned_strategy plan[CATALOG_MAX];
	struct module_info info;
	char err[512];
	size_t n = 0;

	fake_info_fill(&info, true);
	CHECK(!plan_strategies(&info, "unpin_pages,noop", "pin", plan, &n,
			       err, sizeof(err)));
	CHECK_STR(method_of(&info, plan, n, "noop"), "pin");
	CHECK(plan_strategies(&info, "unpin_pages", "gup_fast", plan, &n, err,
			      sizeof(err)));
	CHECK_CONTAINS(err, "gup_fast takes FOLL_GET");
	CHECK_CONTAINS(err, "pin_fast, pin, pin_longterm");
	/* an exact name under all: the other family is an error */
	CHECK(plan_strategies(&info, "all", "pin_longterm", plan, &n, err,
			      sizeof(err)));
	CHECK_CONTAINS(err, "put_page releases FOLL_GET");
	CHECK(plan_strategies(&info, "all", "nosuch", plan, &n, err,
			      sizeof(err)));
	CHECK_CONTAINS(err, "unknown pin method 'nosuch'");
	CHECK_CONTAINS(err, "fast, locked, longterm");
}

static void test_named_strategies(void)
{
	struct planned_strategy plan[CATALOG_MAX];
	struct module_info info;
	char err[512];
	size_t n = 0;

	fake_info_fill(&info, false);
	CHECK(plan_strategies(&info, "unpin_folios", "fast", plan, &n, err,
			      sizeof(err)));
	CHECK_CONTAINS(err, "unpin_folios is not supported by this kernel (6.1.0-fake)");
	CHECK_CONTAINS(err, "supported: put_page,");
	CHECK(!strstr(strstr(err, "supported:"), "unpin_folios"));
	CHECK(plan_strategies(&info, "put_page,nosuch", "fast", plan, &n, err,
			      sizeof(err)));
	CHECK_CONTAINS(err, "unknown strategy 'nosuch'; known: put_page,");
	CHECK(plan_strategies(&info, "put_page,", "fast", plan, &n, err,
			      sizeof(err)));
	CHECK_CONTAINS(err, "unknown strategy ''");
	/* named twice: measured once, in the order given */
	CHECK(!plan_strategies(&info, "noop,put_page,noop", "fast", plan, &n,
			       err, sizeof(err)));
	CHECK_INT(n, 2);
	CHECK_STR(info_strategy_name(&info, plan[0].strategy), "noop");
	CHECK_STR(info_strategy_name(&info, plan[1].strategy), "put_page");
}

/* A module that answers wrongly, one way per test case. */
enum confusion { TOO_MANY, BAD_NAME, LONG_NAME, ENTRY_FAILS, BAD_ABI };

static int confused_query(void *ctx, unsigned long request, void *arg)
{
	enum confusion how = *(enum confusion *)ctx;
	struct pinbench_info *info = arg;
	struct pinbench_entry *e = arg;
	int err = fake_info_query(NULL, request, arg);

	if (err)
		return err;
	if (request == PINBENCH_IOCTL_INFO) {
		if (how == TOO_MANY)
			info->nr_strategies = 1000;
		if (how == BAD_ABI)
			info->struct_size++;
		memset(info->kernel_release, 'y', PINBENCH_RELEASE_LEN);
		return 0;
	}
	if (e->kind != PINBENCH_ENTRY_STRATEGY || e->index != 2)
		return 0;
	if (how == BAD_NAME)
		strcpy(e->name, "x,\"$(rm)");
	if (how == LONG_NAME)
		memset(e->name, 'x', PINBENCH_NAME_LEN);
	return how == ENTRY_FAILS ? ENOENT : 0;
}

static void test_catalog_read_checks(void)
{
	static const struct {
		enum confusion how;
		const char *failed, *says;
		int err;
	} cases[] = {
		{ TOO_MANY, "INFO", "1000 strategies; this pinbench reads at most 64", 0 },
		{ BAD_ABI, "INFO", "ABI version mismatch", 0 },
		{ BAD_NAME, "ENTRY", "entry 2 of kind 1 has a name or call that is not [a-z0-9_]", 0 },
		{ ENTRY_FAILS, "ENTRY", "strategy 2", ENOENT },
	};
	struct module_info info;
	enum confusion how = LONG_NAME;
	const char *failed;
	char msg[256];
	size_t i;
	int err;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		how = cases[i].how;
		CHECK(module_info_read(&info, confused_query, &how, &failed,
				       &err, msg, sizeof(msg)));
		CHECK_STR(failed, cases[i].failed);
		CHECK_CONTAINS(msg, cases[i].says);
		CHECK_INT(err, cases[i].err);
	}
	/* unterminated strings are cut, not read past */
	how = LONG_NAME;
	CHECK(!module_info_read(&info, confused_query, &how, &failed, &err,
				msg, sizeof(msg)));
	CHECK_INT(strlen(info_strategy_name(&info, 2)), PINBENCH_NAME_LEN - 1);
	CHECK_INT(strlen(info.abi.kernel_release), PINBENCH_RELEASE_LEN - 1);
	/* out of range: an empty entry, never a read past the table */
	CHECK_STR(info_strategy_name(&info, 1000), "");
	CHECK(!info_strategy_supported(&info, 1000));
	CHECK_INT(info_find_strategy(&info, "nosuch"), -1);
}

/* Roles come from the module's rows: baseline, floor, modes. */
static void test_catalog_roles(void)
{
	struct module_info info;
	char words[256];
	uint64_t back;
	unsigned int i;
	int noop;

	fake_info_fill(&info, true);
	CHECK_STR(info_strategy_with(&info, PINBENCH_ROLE_BASELINE), "put_page");
	CHECK_STR(info_strategy_with(&info, PINBENCH_ROLE_FLOOR), "noop");
	noop = info_find_strategy(&info, "noop");
	CHECK(noop >= 0 && info_strategy_foll_pin(&info, (unsigned int)noop));
	CHECK_STR(info_strategy_call(&info, (unsigned int)noop), "");
	CHECK_STR(info_strategy_call(&info, (unsigned int)info_find_strategy(&info, "unpin_pages")),
		  "unpin_user_pages");
	CHECK_STR(info_pin_method_name(&info, (unsigned int)info_method_for_mode(&info, false, PINBENCH_ROLE_MODE_LONGTERM)),
		  "gup");
	CHECK_STR(info_pin_method_name(&info, (unsigned int)info_method_for_mode(&info, true, PINBENCH_ROLE_MODE_LONGTERM)),
		  "pin_longterm");
	CHECK_STR(info_pin_method_mode(&info, (unsigned int)info_find_pin_method(&info, "gup"))->name,
		  "locked");
	/* every role set written as words reads back the same */
	for (i = 0; i < info_nr_strategies(&info); i++) {
		info_role_names(info.strategies[i].roles, words, sizeof(words));
		CHECK(!info_roles_parse(words, &back));
		CHECK(back == info.strategies[i].roles);
	}
	CHECK(info_roles_parse("floor,nosuch", &back));
	CHECK(info_roles_parse("floor,", &back));
}

static void test_errno_in_words(void)
{
	char text[512];

	errno_words(EINVAL, text, sizeof(text));
	CHECK_STR(text, "Invalid argument (EINVAL)");
	device_error_text(DEVICE_OPEN, ENOENT, text, sizeof(text));
	CHECK_STR(text, "No such file or directory (ENOENT): module not loaded: insmod pinbench.ko");
	device_error_text(DEVICE_OPEN, EACCES, text, sizeof(text));
	CHECK_CONTAINS(text, "(EACCES): needs CAP_SYS_ADMIN");
	device_error_text(DEVICE_INFO, EPROTO, text, sizeof(text));
	CHECK_CONTAINS(text, "ABI version mismatch: this pinbench speaks ABI 5");
	device_error_text(DEVICE_RUN, EINVAL, text, sizeof(text));
	CHECK_CONTAINS(text, "Invalid argument (EINVAL): the module refused");
	device_error_text(DEVICE_RUN, E2BIG, text, sizeof(text));
	CHECK_CONTAINS(text, "max_pinned_pages");
	device_error_text(DEVICE_RUN, EBUSY, text, sizeof(text));
	CHECK_STR(text, "Device or resource busy (EBUSY)");
}

static size_t pairs_with(const struct module_info *info,
			 const struct planned_strategy *plan, size_t n,
			 const char *method)
{
	size_t i, count = 0;

	for (i = 0; i < n; i++)
		count += !strcmp(info_pin_method_name(info, plan[i].pin_method),
				 method);
	return count;
}

static size_t in_family(const struct module_info *info, bool foll_pin)
{
	size_t count = 0;
	unsigned int i;

	for (i = 0; i < info_nr_strategies(info); i++)
		count += info_strategy_foll_pin(info, i) == foll_pin;
	return count;
}

static void test_pin_method_lists(void)
{
	struct planned_strategy plan[PLAN_MAX];
	struct module_info info;
	size_t n = 0, choices = 0;
	char err[512];

	fake_info_fill(&info, true);
	/* one choice: exactly plan_strategies */
	CHECK(!plan_matrix(&info, "all", "fast", plan, &n, &choices, err,
			   sizeof(err)));
	CHECK_INT(n, info_nr_strategies(&info));
	CHECK_INT(choices, 1);
	CHECK(plan_matrix(&info, "all", "gup_fast", plan, &n, &choices, err,
			  sizeof(err)));
	CHECK_CONTAINS(err, "releases FOLL_PIN");
	/* two aliases: every strategy twice, choice by choice */
	CHECK(!plan_matrix(&info, "put_page,unpin_pages", "fast, locked", plan,
			   &n, &choices, err, sizeof(err)));
	CHECK_INT(choices, 2);
	CHECK_INT(n, 4);
	if (n == 4) {
		CHECK_STR(info_pin_method_name(&info, plan[0].pin_method), "gup_fast");
		CHECK_STR(info_pin_method_name(&info, plan[1].pin_method), "pin_fast");
		CHECK_STR(info_pin_method_name(&info, plan[2].pin_method), "gup");
		CHECK_STR(info_pin_method_name(&info, plan[3].pin_method), "pin");
	}
	/* exact names in a list: each takes its own FOLL family */
	CHECK(!plan_matrix(&info, "all", "gup,pin_longterm", plan, &n,
			   &choices, err, sizeof(err)));
	CHECK_INT(n, info_nr_strategies(&info));
	CHECK_INT(pairs_with(&info, plan, n, "gup"), in_family(&info, false));
	CHECK_INT(pairs_with(&info, plan, n, "pin_longterm"),
		  in_family(&info, true));
	/* a pair named twice is measured once */
	CHECK(!plan_matrix(&info, "unpin_pages", "fast,pin_fast,fast", plan,
			   &n, &choices, err, sizeof(err)));
	CHECK_INT(n, 1);
	CHECK_INT(choices, 2);
	/* a strategy no method fits; a method no strategy fits */
	CHECK(plan_matrix(&info, "put_page,unpin_pages", "pin,pin_longterm",
			  plan, &n, &choices, err, sizeof(err)));
	CHECK_CONTAINS(err, "put_page releases FOLL_GET");
	CHECK(plan_matrix(&info, "unpin_pages", "pin,gup", plan, &n, &choices,
			  err, sizeof(err)));
	CHECK_CONTAINS(err, "pin method gup takes FOLL_GET references, and none of the strategies releases those");
	CHECK(plan_matrix(&info, "all", "fast,nosuch", plan, &n, &choices,
			  err, sizeof(err)));
	CHECK_CONTAINS(err, "unknown pin method 'nosuch'");
}

TAP_SUITE(run_plan,
	{ "--strategies all --pin-method fast: gup_fast/pin_fast by family, unsupported kept",
	  test_all_with_fast },
	{ "--pin-method locked and longterm (gup for FOLL_GET)",
	  test_locked_and_longterm },
	{ "an exact pin method only for its own FOLL family",
	  test_exact_pin_method },
	{ "named strategies: unsupported and unknown refused, duplicates once",
	  test_named_strategies },
	{ "INFO and ENTRY checked and bounded whatever the module sends",
	  test_catalog_read_checks },
	{ "roles from the module's catalogue: baseline, floor, pin modes, calls",
	  test_catalog_roles },
	{ "errno in words, with what it means from /dev/pinbench",
	  test_errno_in_words },
	{ "sweep --pin-method LIST: pairs by FOLL family, each once, gaps refused",
	  test_pin_method_lists },
);
