// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the tasks file parser.
 */
#include <kunit/test.h>
#include <linux/string.h>

#include "../internal.h"

struct rctl_pids_case {
	const char *text;
	int ret;
	unsigned int max;
	pid_t pids[4];
};

static const struct rctl_pids_case rctl_pids_cases[] = {
	{ "1\n",		1, 4, { 1 } },
	{ "1,2,3\n",		3, 4, { 1, 2, 3 } },
	{ " 7 , 8\n",		2, 4, { 7, 8 } },
	{ "0\n",		1, 4, { 0 } },
	{ "0x10\n",		1, 4, { 16 } },
	{ "\n",			0, 4, { } },
	{ "",			0, 4, { } },
	{ "5,\n",		1, 4, { 5 } },
	{ "abc\n",		-EINVAL, 4, { } },
	{ "1 2\n",		-EINVAL, 4, { } },
	{ "1,,2\n",		-EINVAL, 4, { } },
	{ "-3\n",		-EINVAL, 4, { } },
	{ "99999999999\n",	-EINVAL, 4, { } },
	{ "1,2,3\n",		-EINVAL, 2, { } },
};

static void rctl_pids_desc(const struct rctl_pids_case *c, char *desc)
{
	strscpy(desc, c->text, KUNIT_PARAM_DESC_SIZE);
	strreplace(desc, '\n', '$');
}

KUNIT_ARRAY_PARAM(rctl_pids, rctl_pids_cases, rctl_pids_desc);

static void rctl_parse_pids_table(struct kunit *test)
{
	const struct rctl_pids_case *c = test->param_value;
	pid_t pids[4] = {};
	char *buf;
	int i, ret;

	buf = kunit_kstrdup(test, c->text, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);

	mutex_lock(&rctl_mutex);
	rctl_status_clear();
	ret = rctl_parse_pids(buf, pids, c->max);
	rctl_status_clear();
	mutex_unlock(&rctl_mutex);

	KUNIT_EXPECT_EQ(test, ret, c->ret);
	for (i = 0; i < c->ret; i++)
		KUNIT_EXPECT_EQ(test, pids[i], c->pids[i]);
}

static struct kunit_case rctl_tasks_cases[] = {
	KUNIT_CASE_PARAM(rctl_parse_pids_table, rctl_pids_gen_params),
	{}
};

static struct kunit_suite rctl_tasks_suite = {
	.name = "resctrl_tasks",
	.test_cases = rctl_tasks_cases,
};

kunit_test_suite(rctl_tasks_suite);
