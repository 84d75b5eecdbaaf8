// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the model quirks: what Skylake-SP and its successors of
 * model 0x55 show by default and after rdt=, and the MBM correction of
 * errata BDF102 and SKX99.
 */
#include <kunit/test.h>
#include <linux/slab.h>

#include <asm/cpu_device_id.h>
#include <asm/intel-family.h>
#include <asm/processor.h>

#include "rdt_kunit.h"

static struct x86_rdt_res *quirk_enumerate(struct kunit *test, u32 vfm,
					   u8 stepping, int max_rmid,
					   const char *cmdline)
{
	const struct x86_rdt_facts facts = {
		.vendor = X86_VENDOR_INTEL,
		.max_rmid = max_rmid,
		.occ_scale = 64,
		.mbm_width_offset = 0,
		.cache_kb = 1024,
		.vfm = vfm,
		.stepping = stepping,
	};

	return x86_rdt_fake_enumerate(test, &facts, cmdline);
}

/* Stepping 4 (Skylake-SP): MB only, unless rdt= asks for more. */
static void quirk_skx_early_stepping(struct kunit *test)
{
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	struct x86_rdt_res *res;

	x86_rdt_fake_intel_server(f);
	res = quirk_enumerate(test, INTEL_SKYLAKE_X, 4, 63, "");
	KUNIT_EXPECT_FALSE(test, res[X86_RDT_L3].present);
	KUNIT_EXPECT_TRUE(test, res[X86_RDT_MB].present);

	res = quirk_enumerate(test, INTEL_SKYLAKE_X, 4, 63, "l3cat");
	KUNIT_ASSERT_TRUE(test, res[X86_RDT_L3].present);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].desc->ctrl, RESCTRL_CTRL_BITMASK);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].caps.num_events, 0);

	res = quirk_enumerate(test, INTEL_SKYLAKE_X, 4, 63, "cmt,mbmlocal");
	KUNIT_ASSERT_TRUE(test, res[X86_RDT_L3].present);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].desc->ctrl, RESCTRL_CTRL_NONE);
	KUNIT_ASSERT_EQ(test, res[X86_RDT_L3].caps.num_events, 2);
	KUNIT_EXPECT_STREQ(test, res[X86_RDT_L3].caps.events[0].name,
			   "llc_occupancy");
	KUNIT_EXPECT_STREQ(test, res[X86_RDT_L3].caps.events[1].name,
			   "mbm_local_bytes");

	/* Forcing off what the quirk turned off anyway changes nothing. */
	res = quirk_enumerate(test, INTEL_SKYLAKE_X, 4, 63, "!l3cat,!mba");
	KUNIT_EXPECT_FALSE(test, res[X86_RDT_L3].present);
	KUNIT_EXPECT_FALSE(test, res[X86_RDT_MB].present);
}

/* Later steppings (Cascade Lake, Cooper Lake): monitoring, no L3 CAT. */
static void quirk_skx_later_stepping(struct kunit *test)
{
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	struct x86_rdt_res *res;

	x86_rdt_fake_intel_server(f);
	res = quirk_enumerate(test, INTEL_SKYLAKE_X, 5, 63, "");
	KUNIT_ASSERT_TRUE(test, res[X86_RDT_L3].present);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].desc->ctrl, RESCTRL_CTRL_NONE);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].caps.num_events, 3);
	KUNIT_EXPECT_TRUE(test, res[X86_RDT_MB].present);

	res = quirk_enumerate(test, INTEL_SKYLAKE_X, 7, 63, "!l3cat,l3cat");
	KUNIT_ASSERT_TRUE(test, res[X86_RDT_L3].present);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].desc->ctrl, RESCTRL_CTRL_BITMASK);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].caps.num_events, 3);
}

/* Other models, and model 0x55 of another vendor, are left alone. */
static void quirk_other_models(struct kunit *test)
{
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	struct x86_rdt_res *res;

	x86_rdt_fake_intel_server(f);
	res = quirk_enumerate(test, INTEL_ICELAKE_X, 4, 63, "");
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].desc->ctrl, RESCTRL_CTRL_BITMASK);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].caps.num_events, 3);
	res = quirk_enumerate(test, INTEL_BROADWELL_X, 1, 63, "");
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].desc->ctrl, RESCTRL_CTRL_BITMASK);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].caps.num_events, 3);
	res = quirk_enumerate(test, VFM_MAKE(X86_VENDOR_AMD, 6, 0x55), 4, 63, "");
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].caps.num_events, 3);
}

/* 22-core Broadwell-EP: RMIDs 160 to 175 read about 31% low. */
static void quirk_mbm_cf_bdx(struct kunit *test)
{
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	struct x86_rdt_res *res;

	x86_rdt_fake_intel_server(f);
	res = quirk_enumerate(test, INTEL_BROADWELL_X, 1, 175, "");
	/* 1.454334 * 2^20, rounded */
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].mbm_cf, 1524980);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].mbm_cf_rmid, 159);
	KUNIT_EXPECT_EQ(test, x86_rdt_mbm_correct(&res[X86_RDT_L3], 159, 1000000),
			1000000);
	KUNIT_EXPECT_EQ(test, x86_rdt_mbm_correct(&res[X86_RDT_L3], 160, 1000000),
			1454334);
	KUNIT_EXPECT_EQ(test, x86_rdt_mbm_correct(&res[X86_RDT_L3], 175, 0), 0);
	/* No overflow where upstream's 64-bit product would wrap. */
	KUNIT_EXPECT_EQ(test, x86_rdt_mbm_correct(&res[X86_RDT_L3], 175,
						  1ULL << 60),
			1524980ULL << 40);
}

/* 28-core Skylake-SP: RMIDs 192 to 223, also with L3 CAT turned off. */
static void quirk_mbm_cf_skx(struct kunit *test)
{
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	struct x86_rdt_res *res;

	x86_rdt_fake_intel_server(f);
	res = quirk_enumerate(test, INTEL_SKYLAKE_X, 6, 223, "");
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].mbm_cf_rmid, 191);
	KUNIT_EXPECT_EQ(test, x86_rdt_mbm_correct(&res[X86_RDT_L3], 192, 1000000),
			1143117);
	/* 3 cores: a factor below one. */
	res = quirk_enumerate(test, INTEL_SKYLAKE_X, 6, 23, "");
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].mbm_cf_rmid, 15);
	KUNIT_EXPECT_EQ(test, x86_rdt_mbm_correct(&res[X86_RDT_L3], 16, 1000000),
			969650);
}

static void quirk_mbm_cf_none(struct kunit *test)
{
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	struct x86_rdt_res *res;

	x86_rdt_fake_intel_server(f);
	/* Core counts whose row needs no correction, and beyond the table. */
	res = quirk_enumerate(test, INTEL_SKYLAKE_X, 6, 127, "");
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].mbm_cf, 0);
	res = quirk_enumerate(test, INTEL_BROADWELL_X, 1, 255, "");
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].mbm_cf, 0);
	/* Other models never, even with the same RMID count. */
	res = quirk_enumerate(test, INTEL_ICELAKE_X, 6, 175, "");
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].mbm_cf, 0);
	KUNIT_EXPECT_EQ(test, x86_rdt_mbm_correct(&res[X86_RDT_L3], 170, 1000),
			1000);
	KUNIT_EXPECT_EQ(test, x86_rdt_mbm_correct(&res[X86_RDT_MB], 170, 1000),
			1000);
	/* Without MBM (CMT only) there is nothing to correct. */
	res = quirk_enumerate(test, INTEL_BROADWELL_X, 1, 175,
			      "!mbmtotal,!mbmlocal");
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].mbm_cf, 0);
}

static struct kunit_case quirk_cases[] = {
	KUNIT_CASE(quirk_skx_early_stepping),
	KUNIT_CASE(quirk_skx_later_stepping),
	KUNIT_CASE(quirk_other_models),
	KUNIT_CASE(quirk_mbm_cf_bdx),
	KUNIT_CASE(quirk_mbm_cf_skx),
	KUNIT_CASE(quirk_mbm_cf_none),
	{}
};

static struct kunit_suite quirk_suite = {
	.name = "resctrl_x86_quirks",
	.test_cases = quirk_cases,
};

kunit_test_suite(quirk_suite);
