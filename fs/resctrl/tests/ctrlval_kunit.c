// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the control value syntax: valid and invalid values of
 * every control type, the message each refusal leaves, and how values
 * print in schemata.
 */
#include <kunit/test.h>
#include <linux/string.h>

#include "../internal.h"

struct rctl_val_case {
	const char *text;
	int ret;
	u32 val;
	const char *status;
};

static int rctl_test_custom_parse(struct resctrl_res *r, struct resctrl_dom *d,
				  const char *text, u32 *val)
{
	if (!strcmp(text, "on")) {
		*val = 1;
		return 0;
	}
	resctrl_last_cmd_printf("Unknown word '%s'\n", text);
	return -EINVAL;
}

static int rctl_test_custom_format(struct resctrl_res *r, struct resctrl_dom *d,
				   u32 val, char *buf, size_t len)
{
	return scnprintf(buf, len, val ? "on" : "off");
}

static int rctl_test_apply(struct resctrl_res *r, struct resctrl_dom *d,
			   u32 closid, enum resctrl_conf_type type, u32 val)
{
	return 0;
}

static const struct resctrl_resource_ops rctl_test_ops = {
	.apply = rctl_test_apply,
	.parse = rctl_test_custom_parse,
	.format = rctl_test_custom_format,
};

static const struct rctl_desc rctl_l3_desc = {
	.name = "L3", .ctrl = RESCTRL_CTRL_BITMASK, .num_closid = 16, .max_closid = 16,
	.bitmask = { .cbm_len = 20, .min_cbm_bits = 2 }, .ops = &rctl_test_ops,
};

static const struct rctl_desc rctl_sparse_desc = {
	.name = "L2", .ctrl = RESCTRL_CTRL_BITMASK, .num_closid = 16, .max_closid = 16,
	.bitmask = { .cbm_len = 8, .min_cbm_bits = 1, .sparse = true },
	.ops = &rctl_test_ops,
};

static const struct rctl_desc rctl_mb_desc = {
	.name = "MB", .ctrl = RESCTRL_CTRL_PERCENT, .num_closid = 8, .max_closid = 8,
	.range = { .min = 10, .max = 100, .granularity = 10 },
	.ops = &rctl_test_ops,
};

static const struct rctl_desc rctl_mbps_desc = {
	.name = "MB", .ctrl = RESCTRL_CTRL_MBPS, .num_closid = 8, .max_closid = 8,
	.range = { .min = 0, .max = 100000 }, .ops = &rctl_test_ops,
};

static const struct rctl_desc rctl_scalar_desc = {
	.name = "PRIO", .ctrl = RESCTRL_CTRL_SCALAR, .num_closid = 8, .max_closid = 8,
	.range = { .min = 1, .max = 7 }, .ops = &rctl_test_ops,
};

static const struct rctl_desc rctl_custom_desc = {
	.name = "SW", .ctrl = RESCTRL_CTRL_CUSTOM, .num_closid = 8, .max_closid = 8,
	.ops = &rctl_test_ops,
};

/* Parse @c->text as a value of @desc; check result and last_cmd_status. */
static void rctl_check_val(struct kunit *test,
			   const struct rctl_desc *desc,
			   const struct rctl_val_case *c)
{
	struct resctrl_res r = { .desc = desc };
	char text[32], status[128];
	u32 val = 0;
	int ret;

	strscpy(text, c->text);
	mutex_lock(&rctl_mutex);
	rctl_status_clear();
	ret = rctl_parse_val(&r, NULL, text, &val);
	rctl_status_copy(status, sizeof(status));
	rctl_status_clear();
	mutex_unlock(&rctl_mutex);

	KUNIT_EXPECT_EQ_MSG(test, ret, c->ret, "%s: \"%s\"", desc->name, c->text);
	if (!c->ret)
		KUNIT_EXPECT_EQ_MSG(test, val, c->val, "%s: \"%s\"", desc->name, c->text);
	KUNIT_EXPECT_STREQ_MSG(test, status, c->status ?: "", "%s: \"%s\"",
			       desc->name, c->text);
}

static void rctl_check_table(struct kunit *test,
			     const struct rctl_desc *desc,
			     const struct rctl_val_case *cases, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		rctl_check_val(test, desc, &cases[i]);
}

static const struct rctl_val_case rctl_bitmask_cases[] = {
	{ "fffff", 0, 0xfffff },
	{ "3", 0, 0x3 },
	{ "0x30", 0, 0x30 },
	{ "f0", 0, 0xf0 },
	{ "f7", -EINVAL, 0, "The mask f7 has non-consecutive 1-bits\n" },
	{ "1", -EINVAL, 0, "Need at least 2 bits in the mask\n" },
	{ "0", -EINVAL, 0, "Mask out of range\n" },
	{ "100000", -EINVAL, 0, "Mask out of range\n" },
	{ "xyz", -EINVAL, 0, "Non-hex character in the mask xyz\n" },
};

static const struct rctl_val_case rctl_sparse_cases[] = {
	{ "a5", 0, 0xa5 },
	{ "1", 0, 0x1 },
	{ "1ff", -EINVAL, 0, "Mask out of range\n" },
};

static const struct rctl_val_case rctl_percent_cases[] = {
	{ "100", 0, 100 },
	{ "10", 0, 10 },
	{ "55", 0, 60 },
	{ "91", 0, 100 },
	{ "9", -EINVAL, 0, "MB value 9 out of range [10,100]\n" },
	{ "101", -EINVAL, 0, "MB value 101 out of range [10,100]\n" },
	{ "200", -EINVAL, 0, "MB value 200 out of range [10,100]\n" },
	{ "5o", -EINVAL, 0, "Invalid MB value 5o\n" },
	{ "-1", -EINVAL, 0, "Invalid MB value -1\n" },
};

static const struct rctl_val_case rctl_mbps_cases[] = {
	{ "200", 0, 200 },
	{ "0", 0, 0 },
	{ "100001", -EINVAL, 0, "MB value 100001 out of range [0,100000]\n" },
};

static const struct rctl_val_case rctl_scalar_cases[] = {
	{ "1", 0, 1 },
	{ "7", 0, 7 },
	{ "0", -EINVAL, 0, "PRIO value 0 out of range [1,7]\n" },
	{ "8", -EINVAL, 0, "PRIO value 8 out of range [1,7]\n" },
	{ "high", -EINVAL, 0, "Invalid PRIO value high\n" },
};

static const struct rctl_val_case rctl_custom_cases[] = {
	{ "on", 0, 1 },
	{ "maybe", -EINVAL, 0, "Unknown word 'maybe'\n" },
};

static void rctl_bitmask_values(struct kunit *test)
{
	rctl_check_table(test, &rctl_l3_desc, rctl_bitmask_cases,
			 ARRAY_SIZE(rctl_bitmask_cases));
	rctl_check_table(test, &rctl_sparse_desc, rctl_sparse_cases,
			 ARRAY_SIZE(rctl_sparse_cases));
}

static void rctl_percent_values(struct kunit *test)
{
	rctl_check_table(test, &rctl_mb_desc, rctl_percent_cases,
			 ARRAY_SIZE(rctl_percent_cases));
}

static void rctl_mbps_values(struct kunit *test)
{
	rctl_check_table(test, &rctl_mbps_desc, rctl_mbps_cases,
			 ARRAY_SIZE(rctl_mbps_cases));
}

static void rctl_scalar_values(struct kunit *test)
{
	rctl_check_table(test, &rctl_scalar_desc, rctl_scalar_cases,
			 ARRAY_SIZE(rctl_scalar_cases));
}

static void rctl_custom_values(struct kunit *test)
{
	rctl_check_table(test, &rctl_custom_desc, rctl_custom_cases,
			 ARRAY_SIZE(rctl_custom_cases));
}

static void rctl_expect_format(struct kunit *test,
			       const struct rctl_desc *desc,
			       u32 val, const char *want)
{
	struct resctrl_res r = { .desc = desc };
	char buf[16];

	rctl_format_val(&r, NULL, val, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, want);
}

static void rctl_formats(struct kunit *test)
{
	/* Masks pad to the mask's width, bandwidths to three columns. */
	rctl_expect_format(test, &rctl_l3_desc, 0xff, "000ff");
	rctl_expect_format(test, &rctl_l3_desc, 0xfffff, "fffff");
	rctl_expect_format(test, &rctl_sparse_desc, 0x5, "05");
	rctl_expect_format(test, &rctl_mb_desc, 50, " 50");
	rctl_expect_format(test, &rctl_mb_desc, 100, "100");
	rctl_expect_format(test, &rctl_mbps_desc, 2048, "2048");
	rctl_expect_format(test, &rctl_scalar_desc, 3, "3");
	rctl_expect_format(test, &rctl_custom_desc, 0, "off");
}

static void rctl_defaults(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, rctl_default_val(&rctl_l3_desc), 0xfffff);
	KUNIT_EXPECT_EQ(test, rctl_default_val(&rctl_mb_desc), 100);
	KUNIT_EXPECT_EQ(test, rctl_default_val(&rctl_scalar_desc), 7);
}

static struct kunit_case rctl_ctrlval_cases[] = {
	KUNIT_CASE(rctl_bitmask_values),
	KUNIT_CASE(rctl_percent_values),
	KUNIT_CASE(rctl_mbps_values),
	KUNIT_CASE(rctl_scalar_values),
	KUNIT_CASE(rctl_custom_values),
	KUNIT_CASE(rctl_formats),
	KUNIT_CASE(rctl_defaults),
	{}
};

static struct kunit_suite rctl_ctrlval_suite = {
	.name = "resctrl_ctrlval",
	.test_cases = rctl_ctrlval_cases,
};

kunit_test_suite(rctl_ctrlval_suite);
