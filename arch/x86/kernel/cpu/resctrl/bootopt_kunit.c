// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the rdt= boot option: how a list is parsed, which of
 * "name" and "!name" wins, and what enumeration leaves out when a
 * feature is forced off.
 */
#include <kunit/test.h>
#include <linux/slab.h>

#include <asm/processor.h>
#include <asm/resctrl.h>

#include "rdt_kunit.h"

static struct x86_rdt_boot_opts bootopt_parse(const char *str)
{
	struct x86_rdt_boot_opts opts = { };

	x86_rdt_boot_parse(str, &opts);
	return opts;
}

static void bootopt_names_and_negation(struct kunit *test)
{
	struct x86_rdt_boot_opts o = bootopt_parse("cmt,!mba,l2cdp,!smba");
	unsigned int i;

	KUNIT_EXPECT_EQ(test, x86_rdt_boot_state(&o, X86_RDT_OPT_CMT), 1);
	KUNIT_EXPECT_EQ(test, x86_rdt_boot_state(&o, X86_RDT_OPT_MBA), -1);
	KUNIT_EXPECT_EQ(test, x86_rdt_boot_state(&o, X86_RDT_OPT_L2_CDP), 1);
	KUNIT_EXPECT_EQ(test, x86_rdt_boot_state(&o, X86_RDT_OPT_SMBA), -1);
	KUNIT_EXPECT_EQ(test, x86_rdt_boot_state(&o, X86_RDT_OPT_L3_CAT), 0);

	/* Every name upstream documents, each in its own bit. */
	o = bootopt_parse("cmt,mbmtotal,mbmlocal,l3cat,l3cdp,l2cat,l2cdp,mba,smba,bmec");
	KUNIT_EXPECT_EQ(test, o.on, GENMASK(X86_RDT_NUM_OPTS - 1, 0));
	KUNIT_EXPECT_EQ(test, o.off, 0);
	o = bootopt_parse("!cmt,!mbmtotal,!mbmlocal,!l3cat,!l3cdp,!l2cat,!l2cdp,!mba,!smba,!bmec");
	KUNIT_EXPECT_EQ(test, o.on, 0);
	for (i = 0; i < X86_RDT_NUM_OPTS; i++)
		KUNIT_EXPECT_EQ_MSG(test, x86_rdt_boot_state(&o, i), -1,
				    "option %u", i);
}

static void bootopt_force_on_wins(struct kunit *test)
{
	struct x86_rdt_boot_opts o = bootopt_parse("!l3cat,l3cat");

	KUNIT_EXPECT_EQ(test, x86_rdt_boot_state(&o, X86_RDT_OPT_L3_CAT), 1);
	o = bootopt_parse("l3cat,!l3cat");
	KUNIT_EXPECT_EQ(test, x86_rdt_boot_state(&o, X86_RDT_OPT_L3_CAT), 1);

	/* Two rdt= options add up; the second cannot undo the first. */
	o = bootopt_parse("mba");
	x86_rdt_boot_parse("!mba,!cmt", &o);
	KUNIT_EXPECT_EQ(test, x86_rdt_boot_state(&o, X86_RDT_OPT_MBA), 1);
	KUNIT_EXPECT_EQ(test, x86_rdt_boot_state(&o, X86_RDT_OPT_CMT), -1);
}

static void bootopt_ignores_unknown(struct kunit *test)
{
	struct x86_rdt_boot_opts o;

	/* Prefixes, extensions, case, empty items and a bare "!". */
	o = bootopt_parse("l3,l3catx,MBA,,!,!!mba,cmt ,foo,!bar");
	KUNIT_EXPECT_EQ(test, o.on, 0);
	KUNIT_EXPECT_EQ(test, o.off, 0);
	o = bootopt_parse("");
	KUNIT_EXPECT_EQ(test, o.on | o.off, 0);
	/* A known name after unknown ones and a trailing comma still counts. */
	o = bootopt_parse("foo,,!l2cat,");
	KUNIT_EXPECT_EQ(test, o.on, 0);
	KUNIT_EXPECT_EQ(test, o.off, BIT(X86_RDT_OPT_L2_CAT));
}

static void bootopt_feature_map(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, x86_rdt_boot_feature_opt(X86_FEATURE_CQM_OCCUP_LLC),
			X86_RDT_OPT_CMT);
	KUNIT_EXPECT_EQ(test, x86_rdt_boot_feature_opt(X86_FEATURE_CQM_MBM_TOTAL),
			X86_RDT_OPT_MBM_TOTAL);
	KUNIT_EXPECT_EQ(test, x86_rdt_boot_feature_opt(X86_FEATURE_CQM_MBM_LOCAL),
			X86_RDT_OPT_MBM_LOCAL);
	KUNIT_EXPECT_EQ(test, x86_rdt_boot_feature_opt(X86_FEATURE_CAT_L3),
			X86_RDT_OPT_L3_CAT);
	KUNIT_EXPECT_EQ(test, x86_rdt_boot_feature_opt(X86_FEATURE_CDP_L3),
			X86_RDT_OPT_L3_CDP);
	KUNIT_EXPECT_EQ(test, x86_rdt_boot_feature_opt(X86_FEATURE_CAT_L2),
			X86_RDT_OPT_L2_CAT);
	KUNIT_EXPECT_EQ(test, x86_rdt_boot_feature_opt(X86_FEATURE_CDP_L2),
			X86_RDT_OPT_L2_CDP);
	KUNIT_EXPECT_EQ(test, x86_rdt_boot_feature_opt(X86_FEATURE_MBA),
			X86_RDT_OPT_MBA);
	KUNIT_EXPECT_EQ(test, x86_rdt_boot_feature_opt(X86_FEATURE_SMBA),
			X86_RDT_OPT_SMBA);
	KUNIT_EXPECT_EQ(test, x86_rdt_boot_feature_opt(X86_FEATURE_BMEC),
			X86_RDT_OPT_BMEC);
	/* RDT_A gates allocation as a whole; no option touches it. */
	KUNIT_EXPECT_EQ(test, x86_rdt_boot_feature_opt(X86_FEATURE_RDT_A), -1);
}

/* The exported query agrees with the command line, whatever it was. */
static void bootopt_exported_query(struct kunit *test)
{
	static const char * const names[X86_RDT_NUM_OPTS] = {
		"cmt", "mbmtotal", "mbmlocal", "l3cat", "l3cdp", "l2cat",
		"l2cdp", "mba", "smba", "bmec",
	};
	const struct x86_rdt_boot_opts *cmd = x86_rdt_boot_cmdline();
	unsigned int i;

	for (i = 0; i < X86_RDT_NUM_OPTS; i++)
		KUNIT_EXPECT_EQ_MSG(test, x86_rdt_boot_option(names[i]),
				    x86_rdt_boot_state(cmd, i), "%s", names[i]);
	KUNIT_EXPECT_EQ(test, x86_rdt_boot_option("!mba"), 0);
	KUNIT_EXPECT_EQ(test, x86_rdt_boot_option("l3"), 0);
	KUNIT_EXPECT_EQ(test, x86_rdt_boot_option(""), 0);
}

static struct x86_rdt_res *bootopt_enumerate(struct kunit *test,
					     const char *cmdline)
{
	static const struct x86_rdt_facts facts = {
		.vendor = X86_VENDOR_INTEL,
		.max_rmid = 63,
		.occ_scale = 64,
		.mbm_width_offset = 0,
		.cache_kb = 1024,
	};

	return x86_rdt_fake_enumerate(test, &facts, cmdline);
}

static void bootopt_enumeration(struct kunit *test)
{
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	struct x86_rdt_res *res;

	x86_rdt_fake_intel_server(f);
	res = bootopt_enumerate(test, "");
	KUNIT_ASSERT_TRUE(test, res[X86_RDT_L3].present);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].desc->ctrl, RESCTRL_CTRL_BITMASK);
	KUNIT_EXPECT_TRUE(test, res[X86_RDT_L3].caps.cdp_capable);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].caps.num_events, 3);
	KUNIT_EXPECT_TRUE(test, res[X86_RDT_L2].present);
	KUNIT_EXPECT_TRUE(test, res[X86_RDT_L2].caps.cdp_capable);
	KUNIT_EXPECT_TRUE(test, res[X86_RDT_MB].present);

	/* rdt=!mba removes MB and nothing else. */
	res = bootopt_enumerate(test, "!mba");
	KUNIT_EXPECT_FALSE(test, res[X86_RDT_MB].present);
	KUNIT_EXPECT_TRUE(test, res[X86_RDT_L3].present);
	KUNIT_EXPECT_TRUE(test, res[X86_RDT_L2].present);

	/* Without L3 CAT, L3 stays for monitoring only. */
	res = bootopt_enumerate(test, "!l3cat,!l2cdp");
	KUNIT_ASSERT_TRUE(test, res[X86_RDT_L3].present);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].desc->ctrl, RESCTRL_CTRL_NONE);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].caps.num_events, 3);
	KUNIT_EXPECT_TRUE(test, res[X86_RDT_L2].present);
	KUNIT_EXPECT_FALSE(test, res[X86_RDT_L2].caps.cdp_capable);

	/* Events go one by one; with none and no CAT, no L3 at all. */
	res = bootopt_enumerate(test, "!mbmlocal");
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].caps.num_events, 2);
	KUNIT_EXPECT_STREQ(test, res[X86_RDT_L3].caps.events[1].name,
			   "mbm_total_bytes");
	res = bootopt_enumerate(test, "!cmt,!mbmtotal,!mbmlocal,!l3cat,!l3cdp");
	KUNIT_EXPECT_FALSE(test, res[X86_RDT_L3].present);
	res = bootopt_enumerate(test, "!l3cdp,!l2cat");
	KUNIT_EXPECT_FALSE(test, res[X86_RDT_L3].caps.cdp_capable);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].cfg_msr, 0);
	KUNIT_EXPECT_FALSE(test, res[X86_RDT_L2].present);

	/* Named both ways: on. */
	res = bootopt_enumerate(test, "!mba,mba");
	KUNIT_EXPECT_TRUE(test, res[X86_RDT_MB].present);
}

static void bootopt_force_on_needs_hardware(struct kunit *test)
{
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	struct x86_rdt_res *res;

	/* Forcing on what the CPU (or clearcpuid=) lacks creates nothing. */
	__set_bit(X86_FEATURE_RDT_A, f->features);
	__set_bit(X86_FEATURE_CAT_L3, f->features);
	x86_rdt_fake_leaf(f, 0x10, 1, 0x0a, 0, 0x4, 0x0f);
	x86_rdt_fake_leaf(f, 0x10, 3, 0x59, 0, 0x4, 0x07);
	res = bootopt_enumerate(test, "mba,l2cat,l3cdp,cmt");
	KUNIT_EXPECT_TRUE(test, res[X86_RDT_L3].present);
	KUNIT_EXPECT_FALSE(test, res[X86_RDT_L3].caps.cdp_capable);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].caps.num_events, 0);
	KUNIT_EXPECT_FALSE(test, res[X86_RDT_L2].present);
	KUNIT_EXPECT_FALSE(test, res[X86_RDT_MB].present);
}

static struct kunit_case bootopt_cases[] = {
	KUNIT_CASE(bootopt_names_and_negation),
	KUNIT_CASE(bootopt_force_on_wins),
	KUNIT_CASE(bootopt_ignores_unknown),
	KUNIT_CASE(bootopt_feature_map),
	KUNIT_CASE(bootopt_exported_query),
	KUNIT_CASE(bootopt_enumeration),
	KUNIT_CASE(bootopt_force_on_needs_hardware),
	{}
};

static struct kunit_suite bootopt_suite = {
	.name = "resctrl_x86_bootopt",
	.test_cases = bootopt_cases,
};

kunit_test_suite(bootopt_suite);
