// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of counter reads: the IA32_QM_EVTSEL / IA32_QM_CTR pair
 * each read makes, the status bits, occupancy scaling, MBM counters
 * handed to the filesystem as the hardware reads them, and the width and
 * scale enumeration declares for them. The wrap accounting of MBM is the
 * filesystem's; fs/resctrl/tests/mon_kunit.c tests it.
 */
#include <kunit/test.h>
#include <linux/bits.h>

#include <asm/cpufeatures.h>
#include <asm/processor.h>

#include "rdt_kunit.h"

/* A scale that is not a power of two catches shifts posing as products. */
#define MON_SCALE	96

static const struct x86_rdt_res mon_l3 = {
	.desc = &x86_rdt_desc_l3_mon,
	.caps = {
		.num_rmid = 64,
		.num_events = 3,
	},
	.present = true,
	.occ_scale = MON_SCALE,
	.mbm_width = 24,
};

/* Read and expect success; the value, or a poison value on failure. */
static u64 mon_read(struct kunit *test, const struct x86_rdt_res *res,
		    u32 rmid, u32 evt)
{
	u64 val = 0xdeadbeef;

	KUNIT_EXPECT_EQ(test, x86_rdt_counter_read(res, rmid, evt, &val), 0);
	return val;
}

static void mon_occupancy_scaled(struct kunit *test)
{
	static const struct x86_rdt_fake_access want[] = {
		X86_RDT_WR(0xc8d, 0x0000000500000001ULL),
		X86_RDT_RD(0xc8e),
		X86_RDT_WR(0xc8d, 0x0000003f00000001ULL),
		X86_RDT_RD(0xc8e),
	};
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);

	x86_rdt_fake_count(f, 0x1234);
	x86_rdt_fake_count(f, 0x1000);
	KUNIT_EXPECT_EQ(test, mon_read(test, &mon_l3, 5, 1), 0x1234ULL * MON_SCALE);
	/* A level, not a total: a smaller reading is a smaller count. */
	KUNIT_EXPECT_EQ(test, mon_read(test, &mon_l3, 63, 1), 0x1000ULL * MON_SCALE);
	x86_rdt_fake_check(test, want, ARRAY_SIZE(want));
}

static void mon_status_bits(struct kunit *test)
{
	static const struct x86_rdt_fake_access want[] = {
		X86_RDT_WR(0xc8d, 0x0000000200000001ULL), X86_RDT_RD(0xc8e),
		X86_RDT_WR(0xc8d, 0x0000000200000001ULL), X86_RDT_RD(0xc8e),
		X86_RDT_WR(0xc8d, 0x0000000200000002ULL), X86_RDT_RD(0xc8e),
		X86_RDT_WR(0xc8d, 0x0000000200000003ULL), X86_RDT_RD(0xc8e),
	};
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	u64 val;

	x86_rdt_fake_count(f, BIT_ULL(63) | 0x10);
	x86_rdt_fake_count(f, BIT_ULL(62) | 0x10);
	/* Both bits: the error wins. */
	x86_rdt_fake_count(f, BIT_ULL(63) | BIT_ULL(62));
	x86_rdt_fake_count(f, BIT_ULL(62));
	KUNIT_EXPECT_EQ(test, x86_rdt_counter_read(&mon_l3, 2, 1, &val), -EIO);
	KUNIT_EXPECT_EQ(test, x86_rdt_counter_read(&mon_l3, 2, 1, &val), -ENODATA);
	KUNIT_EXPECT_EQ(test, x86_rdt_counter_read(&mon_l3, 2, 2, &val), -EIO);
	KUNIT_EXPECT_EQ(test, x86_rdt_counter_read(&mon_l3, 2, 3, &val), -ENODATA);
	x86_rdt_fake_check(test, want, ARRAY_SIZE(want));
}

/*
 * MBM reads hand over the counter as it is, unscaled and without state:
 * the same reading twice is the same value, a smaller one is smaller.
 */
static void mon_mbm_reads_raw(struct kunit *test)
{
	static const struct x86_rdt_fake_access want[] = {
		X86_RDT_WR(0xc8d, 0x0000000700000002ULL), X86_RDT_RD(0xc8e),
		X86_RDT_WR(0xc8d, 0x0000000700000002ULL), X86_RDT_RD(0xc8e),
		X86_RDT_WR(0xc8d, 0x0000000700000003ULL), X86_RDT_RD(0xc8e),
		X86_RDT_WR(0xc8d, 0x0000000900000003ULL), X86_RDT_RD(0xc8e),
	};
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);

	x86_rdt_fake_count(f, 1500);
	x86_rdt_fake_count(f, 1500);
	x86_rdt_fake_count(f, 0xffffff);
	/* Wider than 24 bits: passed on; the filesystem masks by width. */
	x86_rdt_fake_count(f, GENMASK_ULL(61, 0));
	KUNIT_EXPECT_EQ(test, mon_read(test, &mon_l3, 7, 2), 1500);
	KUNIT_EXPECT_EQ(test, mon_read(test, &mon_l3, 7, 2), 1500);
	KUNIT_EXPECT_EQ(test, mon_read(test, &mon_l3, 7, 3), 0xffffff);
	KUNIT_EXPECT_EQ(test, mon_read(test, &mon_l3, 9, 3), GENMASK_ULL(61, 0));
	x86_rdt_fake_check(test, want, ARRAY_SIZE(want));
}

static void mon_bad_arguments(struct kunit *test)
{
	struct x86_rdt_res occ_only = mon_l3;
	u64 val;

	x86_rdt_fake_start(test);
	KUNIT_EXPECT_EQ(test, x86_rdt_counter_read(&mon_l3, 64, 1, &val), -EINVAL);
	KUNIT_EXPECT_EQ(test, x86_rdt_counter_read(&mon_l3, 0, 0, &val), -EINVAL);
	KUNIT_EXPECT_EQ(test, x86_rdt_counter_read(&mon_l3, 0, 4, &val), -EINVAL);
	occ_only.mbm_width = 0;
	KUNIT_EXPECT_EQ(test, x86_rdt_counter_read(&occ_only, 0, 3, &val), -EINVAL);
	x86_rdt_fake_check(test, NULL, 0);
}

static void mon_domain_state(struct kunit *test)
{
	struct x86_rdt_dom *dom;

	x86_rdt_fake_start(test);
	dom = x86_rdt_fake_dom(test, &mon_l3);
	KUNIT_EXPECT_EQ(test, dom->cdp, X86_RDT_CDP_UNKNOWN);
	x86_rdt_fake_check(test, NULL, 0);
}

/* Enumerate a machine with CMT and both MBM events, plus @extra. */
static struct x86_rdt_res *mon_enumerate(struct kunit *test,
					 struct x86_rdt_fake *f,
					 const struct x86_rdt_facts *facts,
					 unsigned int extra)
{
	struct x86_rdt_res *res;

	res = kunit_kcalloc(test, X86_RDT_NUM_RES, sizeof(*res), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, res);
	__set_bit(X86_FEATURE_CQM_LLC, f->features);
	__set_bit(X86_FEATURE_CQM_OCCUP_LLC, f->features);
	__set_bit(X86_FEATURE_CQM_MBM_TOTAL, f->features);
	__set_bit(X86_FEATURE_CQM_MBM_LOCAL, f->features);
	if (extra)
		__set_bit(extra, f->features);
	x86_rdt_enumerate(facts, res);
	KUNIT_ASSERT_EQ(test, res[X86_RDT_L3].caps.num_events, 3);
	return res;
}

/*
 * Enumeration declares the MBM events running counts of the enumerated
 * width in units of the upscaling factor, and occupancy an absolute
 * count whose threshold rounds to that factor.
 */
static const struct x86_rdt_facts mon_facts = {
	.vendor = X86_VENDOR_INTEL,
	.max_rmid = 191,
	.occ_scale = 64,
	.mbm_width_offset = 20,
	.cache_kb = 36608,
};

static void mon_mbm_declared_running(struct kunit *test)
{
	struct x86_rdt_facts facts = mon_facts;
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	const struct x86_rdt_res *l3;

	l3 = &mon_enumerate(test, f, &facts, 0)[X86_RDT_L3];
	KUNIT_EXPECT_EQ(test, l3->caps.events[0].width, 0);
	KUNIT_EXPECT_EQ(test, l3->caps.events[0].scale, 64);
	KUNIT_EXPECT_EQ(test, l3->caps.events[1].width, 44);
	KUNIT_EXPECT_EQ(test, l3->caps.events[1].scale, 64);
	KUNIT_EXPECT_EQ(test, l3->caps.events[2].width, 44);
	KUNIT_EXPECT_EQ(test, l3->caps.events[2].scale, 64);
	/* Upstream's default before rounding: 36608 KiB / 192 RMIDs. */
	KUNIT_EXPECT_EQ(test, l3->caps.occupancy_threshold, 36608U * 1024 / 192);
	x86_rdt_fake_check(test, NULL, 0);
}

/* AMD BMEC: the mask comes from CPUID 0x80000020 subleaf 3 ECX. */
static void mon_bmec_enumerated(struct kunit *test)
{
	struct x86_rdt_facts facts = mon_facts;
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	const struct x86_rdt_res *l3;

	facts.vendor = X86_VENDOR_AMD;
	/* Bits above 6 are not event sources and are dropped. */
	x86_rdt_fake_leaf(f, 0x80000020, 3, 0, 0, 0x1ff, 0);
	l3 = &mon_enumerate(test, f, &facts, X86_FEATURE_BMEC)[X86_RDT_L3];
	KUNIT_EXPECT_EQ(test, l3->caps.events[0].config_mask, 0);
	KUNIT_EXPECT_EQ(test, l3->caps.events[1].config_mask, 0x7f);
	KUNIT_EXPECT_EQ(test, l3->caps.events[2].config_mask, 0x7f);

	/* rdt=!bmec turns it off, as upstream's rdt_cpu_has() does. */
	x86_rdt_boot_parse("!bmec", &facts.opts);
	l3 = &mon_enumerate(test, f, &facts, X86_FEATURE_BMEC)[X86_RDT_L3];
	KUNIT_EXPECT_EQ(test, l3->caps.events[1].config_mask, 0);
	KUNIT_EXPECT_EQ(test, l3->caps.events[2].config_mask, 0);

	/* Without the feature flag nothing is configurable, rdt=bmec or not. */
	x86_rdt_boot_parse("bmec", &facts.opts);
	__clear_bit(X86_FEATURE_BMEC, f->features);
	l3 = &mon_enumerate(test, f, &facts, 0)[X86_RDT_L3];
	KUNIT_EXPECT_EQ(test, l3->caps.events[1].config_mask, 0);
	x86_rdt_fake_check(test, NULL, 0);
}

/* MSR_IA32_EVT_CFG_BASE for total, + 1 for local; bits 6:0 only. */
static void mon_bmec_msrs(struct kunit *test)
{
	static const struct x86_rdt_fake_access want[] = {
		X86_RDT_WR(0xc0000400, 0x15),
		X86_RDT_WR(0xc0000401, 0x7f),
		X86_RDT_RD(0xc0000401),
	};
	u32 val = 0xdead;

	x86_rdt_fake_start(test);
	KUNIT_EXPECT_EQ(test, x86_rdt_event_config_write(NULL, NULL, 2, 0x15), 0);
	KUNIT_EXPECT_EQ(test, x86_rdt_event_config_write(NULL, NULL, 3, 0xff), 0);
	KUNIT_EXPECT_EQ(test, x86_rdt_event_config_read(NULL, NULL, 3, &val), 0);
	KUNIT_EXPECT_EQ(test, val, 0);
	/* Occupancy has no configuration MSR. */
	KUNIT_EXPECT_EQ(test, x86_rdt_event_config_write(NULL, NULL, 1, 0x15),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, x86_rdt_event_config_read(NULL, NULL, 1, &val),
			-EINVAL);
	x86_rdt_fake_check(test, want, ARRAY_SIZE(want));
}

/*
 * SNC detection: L3 CPUs over node CPUs, taken only in {2, 3, 4}
 * (upstream 6.12 monitor.c: snc_get_config()).
 */
static void mon_snc_ways(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, x86_rdt_snc_ways(56, 56), 1);
	KUNIT_EXPECT_EQ(test, x86_rdt_snc_ways(56, 28), 2);
	KUNIT_EXPECT_EQ(test, x86_rdt_snc_ways(60, 20), 3);
	KUNIT_EXPECT_EQ(test, x86_rdt_snc_ways(64, 16), 4);
	/* Rounded down, as upstream's integer division. */
	KUNIT_EXPECT_EQ(test, x86_rdt_snc_ways(7, 3), 2);
	/* Improbable ratios and missing topology mean no SNC. */
	KUNIT_EXPECT_EQ(test, x86_rdt_snc_ways(64, 8), 1);
	KUNIT_EXPECT_EQ(test, x86_rdt_snc_ways(16, 32), 1);
	KUNIT_EXPECT_EQ(test, x86_rdt_snc_ways(0, 16), 1);
	KUNIT_EXPECT_EQ(test, x86_rdt_snc_ways(16, 0), 1);
}

/*
 * Physical RMID = RMID + (node % nodes per L3) * per-node RMIDs
 * (upstream 6.12 monitor.c: logical_rmid_to_physical_rmid()), and that
 * is the RMID QM_EVTSEL gets.
 */
static void mon_snc_phys_rmid(struct kunit *test)
{
	static const struct x86_rdt_fake_access want[] = {
		X86_RDT_WR(0xc8d, 0x0000004500000002ULL), X86_RDT_RD(0xc8e),
	};
	struct x86_rdt_res snc = mon_l3, snc3 = mon_l3;
	struct x86_rdt_fake *f;
	u64 val;

	snc.snc_nodes = 2;
	KUNIT_EXPECT_EQ(test, x86_rdt_snc_phys_rmid(&snc, 0, 5), 5);
	KUNIT_EXPECT_EQ(test, x86_rdt_snc_phys_rmid(&snc, 1, 5), 69);
	KUNIT_EXPECT_EQ(test, x86_rdt_snc_phys_rmid(&snc, 2, 5), 5);
	KUNIT_EXPECT_EQ(test, x86_rdt_snc_phys_rmid(&snc, 3, 63), 127);
	snc3.snc_nodes = 3;
	KUNIT_EXPECT_EQ(test, x86_rdt_snc_phys_rmid(&snc3, 5, 1), 129);
	/* Without SNC the RMID is its own. */
	KUNIT_EXPECT_EQ(test, x86_rdt_snc_phys_rmid(&mon_l3, 1, 5), 5);

	/* A node's physical RMIDs lie above num_rmid, up to nodes times. */
	f = x86_rdt_fake_start(test);
	x86_rdt_fake_count(f, 77);
	KUNIT_EXPECT_EQ(test, mon_read(test, &snc, 69, 2), 77);
	KUNIT_EXPECT_EQ(test, x86_rdt_counter_read(&snc, 128, 2, &val), -EINVAL);
	x86_rdt_fake_check(test, want, ARRAY_SIZE(want));
}

/*
 * With SNC 2, monitoring moves to X86_RDT_L3_MON of scope NODE with half
 * the RMIDs and half the scale (upstream 6.12 monitor.c:
 * rdt_get_mon_l3_config()); L3 keeps its control and loses its events.
 */
static void mon_snc_enumerated(struct kunit *test)
{
	struct x86_rdt_facts facts = mon_facts;
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	const struct x86_rdt_res *l3, *mon;
	struct x86_rdt_res *res;
	unsigned int i;

	res = kunit_kcalloc(test, X86_RDT_NUM_RES, sizeof(*res), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, res);
	__set_bit(X86_FEATURE_RDT_A, f->features);
	__set_bit(X86_FEATURE_CAT_L3, f->features);
	x86_rdt_fake_leaf(f, 0x10, 1, 0x0a, 0, 0, 0x0f);
	__set_bit(X86_FEATURE_CQM_LLC, f->features);
	__set_bit(X86_FEATURE_CQM_OCCUP_LLC, f->features);
	__set_bit(X86_FEATURE_CQM_MBM_TOTAL, f->features);
	__set_bit(X86_FEATURE_CQM_MBM_LOCAL, f->features);
	facts.snc_nodes = 2;
	x86_rdt_enumerate(&facts, res);

	KUNIT_ASSERT_TRUE(test, res[X86_RDT_L3].present);
	KUNIT_ASSERT_TRUE(test, res[X86_RDT_L3_MON].present);
	l3 = &res[X86_RDT_L3];
	mon = &res[X86_RDT_L3_MON];
	KUNIT_EXPECT_EQ(test, l3->desc->ctrl, RESCTRL_CTRL_BITMASK);
	KUNIT_EXPECT_EQ(test, l3->desc->scope, RESCTRL_SCOPE_L3);
	KUNIT_EXPECT_EQ(test, l3->caps.num_events, 0);
	KUNIT_EXPECT_EQ(test, l3->caps.num_closid, 16);
	KUNIT_EXPECT_STREQ(test, mon->desc->name, "L3");
	KUNIT_EXPECT_EQ(test, mon->desc->ctrl, RESCTRL_CTRL_NONE);
	KUNIT_EXPECT_EQ(test, mon->desc->scope, RESCTRL_SCOPE_NODE);
	KUNIT_EXPECT_TRUE(test, mon->desc->mon_in_l3);
	KUNIT_EXPECT_EQ(test, mon->caps.num_events, 3);
	KUNIT_EXPECT_PTR_EQ(test, mon->caps.events,
			    (const struct resctrl_event_desc *)res[X86_RDT_L3_MON].events);
	KUNIT_EXPECT_EQ(test, mon->caps.num_rmid, 96);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3_MON].occ_scale, 32);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3_MON].snc_nodes, 2);
	for (i = 0; i < mon->caps.num_events; i++)
		KUNIT_EXPECT_EQ(test, mon->caps.events[i].scale, 32);
	/* Upstream: the whole cache over the per-node RMIDs. */
	KUNIT_EXPECT_EQ(test, mon->caps.occupancy_threshold, 36608U * 1024 / 96);

	/* Without CAT, L3 is monitoring only and just moves. */
	memset(res, 0, sizeof(*res) * X86_RDT_NUM_RES);
	__clear_bit(X86_FEATURE_CAT_L3, f->features);
	facts.snc_nodes = 4;
	x86_rdt_enumerate(&facts, res);
	KUNIT_EXPECT_FALSE(test, res[X86_RDT_L3].present);
	KUNIT_ASSERT_TRUE(test, res[X86_RDT_L3_MON].present);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3_MON].caps.num_rmid, 48);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3_MON].occ_scale, 16);

	/* One node per L3: nothing moves. */
	memset(res, 0, sizeof(*res) * X86_RDT_NUM_RES);
	facts.snc_nodes = 1;
	x86_rdt_enumerate(&facts, res);
	KUNIT_EXPECT_FALSE(test, res[X86_RDT_L3_MON].present);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].caps.num_rmid, 192);
	KUNIT_EXPECT_EQ(test, res[X86_RDT_L3].occ_scale, 64);
	x86_rdt_fake_check(test, NULL, 0);
}

static struct kunit_case mon_cases[] = {
	KUNIT_CASE(mon_snc_ways),
	KUNIT_CASE(mon_snc_phys_rmid),
	KUNIT_CASE(mon_snc_enumerated),
	KUNIT_CASE(mon_bmec_enumerated),
	KUNIT_CASE(mon_bmec_msrs),
	KUNIT_CASE(mon_occupancy_scaled),
	KUNIT_CASE(mon_status_bits),
	KUNIT_CASE(mon_mbm_reads_raw),
	KUNIT_CASE(mon_bad_arguments),
	KUNIT_CASE(mon_domain_state),
	KUNIT_CASE(mon_mbm_declared_running),
	{}
};

static struct kunit_suite mon_suite = {
	.name = "resctrl_x86_mon",
	.test_cases = mon_cases,
};

kunit_test_suite(mon_suite);
