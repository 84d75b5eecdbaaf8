// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of enumeration: made-up Intel and AMD machines, described
 * by feature flags and CPUID leaves, and the resources they must yield.
 * Enumeration must not touch a single MSR.
 */
#include <kunit/test.h>
#include <linux/slab.h>

#include <asm/processor.h>

#include "rdt_kunit.h"

static const struct x86_rdt_facts enum_facts_intel = {
	.vendor = X86_VENDOR_INTEL,
	.max_rmid = -1,
	.occ_scale = -1,
	.mbm_width_offset = -1,
};

static const struct x86_rdt_facts enum_facts_amd = {
	.vendor = X86_VENDOR_AMD,
	.max_rmid = -1,
	.occ_scale = -1,
	.mbm_width_offset = -1,
};

static void enum_has(struct x86_rdt_fake *f, unsigned int feature)
{
	__set_bit(feature, f->features);
}

/* Enumerate into a test-owned array; no MSR may have been touched. */
static struct x86_rdt_res *enum_run(struct kunit *test,
				    const struct x86_rdt_facts *facts)
{
	struct x86_rdt_res *res;

	res = kunit_kcalloc(test, X86_RDT_NUM_RES, sizeof(*res), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, res);
	x86_rdt_enumerate(facts, res);
	x86_rdt_fake_check(test, NULL, 0);
	return res;
}

static void enum_intel_cat_with_cdp(struct kunit *test)
{
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	const struct x86_rdt_res *l3, *l2;
	struct x86_rdt_res *res;

	enum_has(f, X86_FEATURE_RDT_A);
	enum_has(f, X86_FEATURE_CAT_L3);
	enum_has(f, X86_FEATURE_CDP_L3);
	enum_has(f, X86_FEATURE_CAT_L2);
	enum_has(f, X86_FEATURE_CDP_L2);
	/* L3: 11 bits, 0x600 shared, CDP, contiguous masks, 16 CLOSIDs. */
	x86_rdt_fake_leaf(f, 0x10, 1, 0x0a, 0x600, 0x4, 0x0f);
	/* L2: 8 bits, EBX bits beyond the mask, CDP, sparse, 8 CLOSIDs. */
	x86_rdt_fake_leaf(f, 0x10, 2, 0x07, 0xff00, 0xc, 0x07);
	res = enum_run(test, &enum_facts_intel);

	KUNIT_ASSERT_TRUE(test, res[X86_RDT_L3].present);
	l3 = &res[X86_RDT_L3];
	KUNIT_EXPECT_STREQ(test, l3->desc->name, "L3");
	KUNIT_EXPECT_EQ(test, l3->desc->ctrl, RESCTRL_CTRL_BITMASK);
	KUNIT_EXPECT_EQ(test, l3->desc->scope, RESCTRL_SCOPE_L3);
	KUNIT_EXPECT_EQ(test, l3->caps.num_closid, 16);
	KUNIT_EXPECT_EQ(test, l3->caps.bitmask.cbm_len, 11);
	KUNIT_EXPECT_EQ(test, l3->caps.bitmask.shareable_bits, 0x600);
	KUNIT_EXPECT_EQ(test, l3->caps.bitmask.min_cbm_bits, 1);
	KUNIT_EXPECT_FALSE(test, l3->caps.bitmask.sparse);
	KUNIT_EXPECT_TRUE(test, l3->caps.cdp_capable);
	KUNIT_EXPECT_TRUE(test, l3->desc->run_on_domain_cpu);
	KUNIT_EXPECT_EQ(test, l3->caps.num_events, 0);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].kind, X86_RDT_CTRL_CBM);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].msr_base, 0xc90);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].cfg_msr, 0xc81);

	KUNIT_ASSERT_TRUE(test, res[X86_RDT_L2].present);
	l2 = &res[X86_RDT_L2];
	KUNIT_EXPECT_STREQ(test, l2->desc->name, "L2");
	KUNIT_EXPECT_EQ(test, l2->desc->scope, RESCTRL_SCOPE_L2);
	KUNIT_EXPECT_EQ(test, l2->caps.num_closid, 8);
	KUNIT_EXPECT_EQ(test, l2->caps.bitmask.cbm_len, 8);
	KUNIT_EXPECT_EQ(test, l2->caps.bitmask.shareable_bits, 0);
	KUNIT_EXPECT_TRUE(test, l2->caps.bitmask.sparse);
	KUNIT_EXPECT_TRUE(test, l2->caps.cdp_capable);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L2].msr_base, 0xd10);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L2].cfg_msr, 0xc82);

	KUNIT_EXPECT_FALSE(test, res[X86_RDT_MB].present);
	KUNIT_EXPECT_FALSE(test, res[X86_RDT_SMBA].present);
}

static void enum_cdp_needs_flag_and_leaf(struct kunit *test)
{
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	struct x86_rdt_res *res;

	enum_has(f, X86_FEATURE_RDT_A);
	enum_has(f, X86_FEATURE_CAT_L3);
	enum_has(f, X86_FEATURE_CAT_L2);
	enum_has(f, X86_FEATURE_CDP_L2);
	/* L3 says CDP in the leaf, but the flag is clear (clearcpuid=). */
	x86_rdt_fake_leaf(f, 0x10, 1, 0x13, 0, 0x4, 0x03);
	/* L2 has the flag, but the leaf has no CDP bit. */
	x86_rdt_fake_leaf(f, 0x10, 2, 0x0f, 0, 0x0, 0x03);
	res = enum_run(test, &enum_facts_intel);

	KUNIT_ASSERT_TRUE(test, res[X86_RDT_L3].present);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].caps.bitmask.cbm_len, 20);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].caps.num_closid, 4);
	KUNIT_EXPECT_FALSE(test, res[X86_RDT_L3].caps.cdp_capable);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].cfg_msr, 0);
	KUNIT_ASSERT_TRUE(test, res[X86_RDT_L2].present);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L2].caps.bitmask.cbm_len, 16);
	KUNIT_EXPECT_FALSE(test, res[X86_RDT_L2].caps.cdp_capable);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L2].cfg_msr, 0);
}

static void enum_allocation_needs_rdt_a(struct kunit *test)
{
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	struct x86_rdt_res *res;
	unsigned int i;

	enum_has(f, X86_FEATURE_CAT_L3);
	enum_has(f, X86_FEATURE_CAT_L2);
	enum_has(f, X86_FEATURE_MBA);
	x86_rdt_fake_leaf(f, 0x10, 1, 0x0a, 0, 0, 0x0f);
	x86_rdt_fake_leaf(f, 0x10, 2, 0x07, 0, 0, 0x07);
	x86_rdt_fake_leaf(f, 0x10, 3, 89, 0, 0x4, 0x07);
	res = enum_run(test, &enum_facts_intel);
	for (i = 0; i < X86_RDT_NUM_RES; i++)
		KUNIT_EXPECT_FALSE_MSG(test, res[i].present, "resource %u", i);
}

static void enum_intel_mba(struct kunit *test)
{
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	const struct x86_rdt_res *mb;
	struct x86_rdt_res *res;

	enum_has(f, X86_FEATURE_RDT_A);
	enum_has(f, X86_FEATURE_MBA);
	enum_has(f, X86_FEATURE_PER_THREAD_MBA);
	/* Maximum delay 90: 10% steps from 10% up. */
	x86_rdt_fake_leaf(f, 0x10, 3, 89, 0, 0x4, 0x07);
	res = enum_run(test, &enum_facts_intel);

	KUNIT_ASSERT_TRUE(test, res[X86_RDT_MB].present);
	mb = &res[X86_RDT_MB];
	KUNIT_EXPECT_STREQ(test, mb->desc->name, "MB");
	KUNIT_EXPECT_EQ(test, mb->desc->ctrl, RESCTRL_CTRL_PERCENT);
	KUNIT_EXPECT_EQ(test, mb->desc->scope, RESCTRL_SCOPE_L3);
	KUNIT_EXPECT_EQ(test, mb->caps.num_closid, 8);
	KUNIT_EXPECT_EQ(test, mb->caps.range.min, 10);
	KUNIT_EXPECT_EQ(test, mb->caps.range.max, 100);
	KUNIT_EXPECT_EQ(test, mb->caps.range.granularity, 10);
	KUNIT_EXPECT_TRUE(test, mb->caps.range.delay_linear);
	KUNIT_EXPECT_TRUE(test, mb->desc->run_on_domain_cpu);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_MB].kind, X86_RDT_CTRL_DELAY);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_MB].msr_base, 0xd50);
	KUNIT_EXPECT_TRUE(test, res[X86_RDT_MB].per_thread_mba);
	KUNIT_EXPECT_FALSE(test, res[X86_RDT_L3].present);
}

static void enum_intel_mba_steps(struct kunit *test)
{
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	struct x86_rdt_res *res;

	enum_has(f, X86_FEATURE_RDT_A);
	enum_has(f, X86_FEATURE_MBA);
	/* Maximum delay 80: 20% steps, no per-thread throttling. */
	x86_rdt_fake_leaf(f, 0x10, 3, 79, 0, 0x4, 0x0f);
	res = enum_run(test, &enum_facts_intel);
	KUNIT_ASSERT_TRUE(test, res[X86_RDT_MB].present);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_MB].caps.range.min, 20);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_MB].caps.range.granularity, 20);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_MB].caps.num_closid, 16);
	KUNIT_EXPECT_FALSE(test, res[X86_RDT_MB].per_thread_mba);
}

static void enum_intel_mba_nonlinear(struct kunit *test)
{
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	struct x86_rdt_res *res;

	enum_has(f, X86_FEATURE_RDT_A);
	enum_has(f, X86_FEATURE_MBA);
	x86_rdt_fake_leaf(f, 0x10, 3, 89, 0, 0x0, 0x07);
	res = enum_run(test, &enum_facts_intel);
	KUNIT_EXPECT_FALSE(test, res[X86_RDT_MB].present);
}

static void enum_amd(struct kunit *test)
{
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	const struct x86_rdt_res *l3, *mb, *smba;
	struct x86_rdt_res *res;

	enum_has(f, X86_FEATURE_RDT_A);
	enum_has(f, X86_FEATURE_CAT_L3);
	enum_has(f, X86_FEATURE_CDP_L3);
	enum_has(f, X86_FEATURE_MBA);
	enum_has(f, X86_FEATURE_SMBA);
	x86_rdt_fake_leaf(f, 0x10, 1, 0x0f, 0, 0x4, 0x0f);
	x86_rdt_fake_leaf(f, 0x80000020, 1, 11, 0, 0, 15);
	x86_rdt_fake_leaf(f, 0x80000020, 2, 12, 0, 0, 7);
	res = enum_run(test, &enum_facts_amd);

	KUNIT_ASSERT_TRUE(test, res[X86_RDT_L3].present);
	l3 = &res[X86_RDT_L3];
	KUNIT_EXPECT_EQ(test, l3->caps.bitmask.cbm_len, 16);
	KUNIT_EXPECT_EQ(test, l3->caps.num_closid, 16);
	KUNIT_EXPECT_EQ(test, l3->caps.bitmask.min_cbm_bits, 0);
	KUNIT_EXPECT_TRUE(test, l3->caps.bitmask.sparse);
	/* CDP on AMD, with the QOS_CFG of every CPU to write. */
	KUNIT_EXPECT_TRUE(test, l3->caps.cdp_capable);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].cfg_msr, 0xc81);
	KUNIT_EXPECT_TRUE(test, res[X86_RDT_L3].per_cpu_cfg);
	KUNIT_EXPECT_FALSE(test, l3->desc->run_on_domain_cpu);
	KUNIT_EXPECT_TRUE(test, res[X86_RDT_MB].desc->run_on_domain_cpu);

	KUNIT_ASSERT_TRUE(test, res[X86_RDT_MB].present);
	mb = &res[X86_RDT_MB];
	KUNIT_EXPECT_STREQ(test, mb->desc->name, "MB");
	KUNIT_EXPECT_EQ(test, mb->desc->ctrl, RESCTRL_CTRL_MBPS);
	KUNIT_EXPECT_EQ(test, mb->desc->scope, RESCTRL_SCOPE_L3);
	KUNIT_EXPECT_EQ(test, mb->caps.num_closid, 16);
	KUNIT_EXPECT_EQ(test, mb->caps.range.min, 0);
	KUNIT_EXPECT_EQ(test, mb->caps.range.max, 2048);
	KUNIT_EXPECT_EQ(test, mb->caps.range.granularity, 1);
	KUNIT_EXPECT_FALSE(test, mb->caps.range.delay_linear);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_MB].kind, X86_RDT_CTRL_BW);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_MB].msr_base, 0xc0000200);

	KUNIT_ASSERT_TRUE(test, res[X86_RDT_SMBA].present);
	smba = &res[X86_RDT_SMBA];
	KUNIT_EXPECT_STREQ(test, smba->desc->name, "SMBA");
	KUNIT_EXPECT_EQ(test, smba->caps.num_closid, 8);
	KUNIT_EXPECT_EQ(test, smba->caps.range.max, 4096);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_SMBA].kind, X86_RDT_CTRL_BW);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_SMBA].msr_base, 0xc0000280);
}

static void enum_hygon_has_no_smba(struct kunit *test)
{
	struct x86_rdt_facts hygon = enum_facts_amd;
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	struct x86_rdt_res *res;

	hygon.vendor = X86_VENDOR_HYGON;
	enum_has(f, X86_FEATURE_RDT_A);
	enum_has(f, X86_FEATURE_MBA);
	enum_has(f, X86_FEATURE_SMBA);
	x86_rdt_fake_leaf(f, 0x80000020, 1, 11, 0, 0, 15);
	x86_rdt_fake_leaf(f, 0x80000020, 2, 11, 0, 0, 15);
	res = enum_run(test, &hygon);
	KUNIT_EXPECT_TRUE(test, res[X86_RDT_MB].present);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_MB].msr_base, 0xc0000200);
	KUNIT_EXPECT_FALSE(test, res[X86_RDT_SMBA].present);
}

static void enum_monitoring_only(struct kunit *test)
{
	static const char * const names[] = {
		"llc_occupancy", "mbm_total_bytes", "mbm_local_bytes",
	};
	struct x86_rdt_facts facts = enum_facts_intel;
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	const struct x86_rdt_res *l3;
	struct x86_rdt_res *res;
	unsigned int i;

	facts.max_rmid = 255;
	facts.occ_scale = 65536;
	facts.mbm_width_offset = 20;
	enum_has(f, X86_FEATURE_CQM_LLC);
	enum_has(f, X86_FEATURE_CQM_OCCUP_LLC);
	enum_has(f, X86_FEATURE_CQM_MBM_TOTAL);
	enum_has(f, X86_FEATURE_CQM_MBM_LOCAL);
	res = enum_run(test, &facts);

	KUNIT_ASSERT_TRUE(test, res[X86_RDT_L3].present);
	l3 = &res[X86_RDT_L3];
	KUNIT_EXPECT_STREQ(test, l3->desc->name, "L3");
	KUNIT_EXPECT_EQ(test, l3->desc->ctrl, RESCTRL_CTRL_NONE);
	KUNIT_EXPECT_EQ(test, l3->desc->scope, RESCTRL_SCOPE_L3);
	KUNIT_EXPECT_EQ(test, l3->caps.num_rmid, 256);
	KUNIT_EXPECT_TRUE(test, l3->desc->run_on_domain_cpu);
	KUNIT_ASSERT_EQ(test, l3->caps.num_events, 3);
	KUNIT_EXPECT_TRUE(test, l3->caps.events == res[X86_RDT_L3].events);
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_STREQ(test, l3->caps.events[i].name, names[i]);
		KUNIT_EXPECT_EQ(test, l3->caps.events[i].id, i + 1);
		KUNIT_EXPECT_EQ(test, l3->caps.events[i].frac_bits, 0);
		/* Local MBM alone is the mba_MBps source, as upstream. */
		KUNIT_EXPECT_EQ(test, l3->caps.events[i].bandwidth, i == 2);
	}
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].kind, X86_RDT_CTRL_NONE);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].occ_scale, 65536);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].mbm_width, 44);
}

static void enum_monitoring_joins_cat(struct kunit *test)
{
	struct x86_rdt_facts facts = enum_facts_intel;
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	const struct x86_rdt_res *l3;
	struct x86_rdt_res *res;

	facts.max_rmid = 143;
	facts.occ_scale = 49152;
	facts.mbm_width_offset = 0;
	enum_has(f, X86_FEATURE_RDT_A);
	enum_has(f, X86_FEATURE_CAT_L3);
	enum_has(f, X86_FEATURE_CQM_OCCUP_LLC);
	x86_rdt_fake_leaf(f, 0x10, 1, 0x0a, 0, 0, 0x0f);
	res = enum_run(test, &facts);

	KUNIT_ASSERT_TRUE(test, res[X86_RDT_L3].present);
	l3 = &res[X86_RDT_L3];
	KUNIT_EXPECT_EQ(test, l3->desc->ctrl, RESCTRL_CTRL_BITMASK);
	KUNIT_EXPECT_EQ(test, l3->caps.num_closid, 16);
	KUNIT_EXPECT_EQ(test, l3->caps.num_rmid, 144);
	KUNIT_ASSERT_EQ(test, l3->caps.num_events, 1);
	KUNIT_EXPECT_STREQ(test, l3->caps.events[0].name, "llc_occupancy");
	KUNIT_EXPECT_EQ(test, l3->caps.events[0].id, 1);
	/* No MBM: no counter width, so no MBM state per domain. */
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].mbm_width, 0);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].occ_scale, 49152);
}

static void enum_mbm_width(struct kunit *test)
{
	static const struct {
		int offset;
		u32 width;
	} cases[] = {
		{ 0, 24 }, { -1, 24 }, { 8, 32 }, { 38, 62 }, { 39, 24 },
	};
	struct x86_rdt_facts facts = enum_facts_intel;
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	struct x86_rdt_res *res;
	unsigned int i;

	facts.max_rmid = 31;
	facts.occ_scale = 1;
	enum_has(f, X86_FEATURE_CQM_MBM_LOCAL);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		facts.mbm_width_offset = cases[i].offset;
		res = enum_run(test, &facts);
		KUNIT_ASSERT_TRUE(test, res[X86_RDT_L3].present);
		KUNIT_EXPECT_EQ_MSG(test, res[X86_RDT_L3].mbm_width,
				    cases[i].width, "offset %d", cases[i].offset);
		KUNIT_ASSERT_EQ(test, res[X86_RDT_L3].caps.num_events, 1);
		KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].caps.events[0].id, 3);
	}
}

static void enum_nothing(struct kunit *test)
{
	struct x86_rdt_facts other = enum_facts_intel;
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	struct x86_rdt_res *res;
	unsigned int i;

	/* No flags: nothing, even with leaves that would describe CAT. */
	x86_rdt_fake_leaf(f, 0x10, 1, 0x0a, 0, 0, 0x0f);
	res = enum_run(test, &enum_facts_intel);
	for (i = 0; i < X86_RDT_NUM_RES; i++)
		KUNIT_EXPECT_FALSE_MSG(test, res[i].present, "resource %u", i);

	/* Monitoring flags without RMIDs enumerated: no L3 either. */
	enum_has(f, X86_FEATURE_CQM_OCCUP_LLC);
	res = enum_run(test, &enum_facts_intel);
	KUNIT_EXPECT_FALSE(test, res[X86_RDT_L3].present);

	/* A vendor the backend does not know gets nothing. */
	other.vendor = X86_VENDOR_CENTAUR;
	other.max_rmid = 63;
	other.occ_scale = 64;
	enum_has(f, X86_FEATURE_RDT_A);
	enum_has(f, X86_FEATURE_CAT_L3);
	res = enum_run(test, &other);
	for (i = 0; i < X86_RDT_NUM_RES; i++)
		KUNIT_EXPECT_FALSE_MSG(test, res[i].present, "resource %u", i);
}

/* What PQR_ASSOC can carry: the smallest allocation count, max RMID + 1. */
static void enum_id_limits(struct kunit *test)
{
	struct x86_rdt_facts facts = enum_facts_intel;
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	struct x86_rdt_res *res;
	u32 closids, rmids;

	/* No PQR_ASSOC: no limit; nothing is ever written to it. */
	res = enum_run(test, &facts);
	x86_rdt_id_limits(&facts, res, &closids, &rmids);
	KUNIT_EXPECT_EQ(test, closids, 0);
	KUNIT_EXPECT_EQ(test, rmids, 0);

	/* Monitoring only: CLOSID 0 alone, 64 RMIDs. */
	facts.max_rmid = 63;
	facts.occ_scale = 64;
	enum_has(f, X86_FEATURE_CQM_LLC);
	enum_has(f, X86_FEATURE_CQM_OCCUP_LLC);
	res = enum_run(test, &facts);
	x86_rdt_id_limits(&facts, res, &closids, &rmids);
	KUNIT_EXPECT_EQ(test, closids, 1);
	KUNIT_EXPECT_EQ(test, rmids, 64);

	/* L3 with 16 CLOSIDs and MB with 8: 8, whatever a mount hides. */
	enum_has(f, X86_FEATURE_RDT_A);
	enum_has(f, X86_FEATURE_CAT_L3);
	enum_has(f, X86_FEATURE_MBA);
	x86_rdt_fake_leaf(f, 0x10, 1, 0x0a, 0, 0, 0x0f);
	x86_rdt_fake_leaf(f, 0x10, 3, 0x59, 0, 0x4, 0x07);
	res = enum_run(test, &facts);
	x86_rdt_id_limits(&facts, res, &closids, &rmids);
	KUNIT_EXPECT_EQ(test, closids, 8);
	KUNIT_EXPECT_EQ(test, rmids, 64);

	/* Allocation without monitoring: RMID 0 alone. */
	facts = enum_facts_intel;
	__clear_bit(X86_FEATURE_CQM_LLC, f->features);
	res = enum_run(test, &facts);
	x86_rdt_id_limits(&facts, res, &closids, &rmids);
	KUNIT_EXPECT_EQ(test, closids, 8);
	KUNIT_EXPECT_EQ(test, rmids, 1);
}

static struct kunit_case enum_cases[] = {
	KUNIT_CASE(enum_id_limits),
	KUNIT_CASE(enum_intel_cat_with_cdp),
	KUNIT_CASE(enum_cdp_needs_flag_and_leaf),
	KUNIT_CASE(enum_allocation_needs_rdt_a),
	KUNIT_CASE(enum_intel_mba),
	KUNIT_CASE(enum_intel_mba_steps),
	KUNIT_CASE(enum_intel_mba_nonlinear),
	KUNIT_CASE(enum_amd),
	KUNIT_CASE(enum_hygon_has_no_smba),
	KUNIT_CASE(enum_monitoring_only),
	KUNIT_CASE(enum_monitoring_joins_cat),
	KUNIT_CASE(enum_mbm_width),
	KUNIT_CASE(enum_nothing),
	{}
};

static struct kunit_suite enum_suite = {
	.name = "resctrl_x86_enumerate",
	.test_cases = enum_cases,
};

kunit_test_suite(enum_suite);
