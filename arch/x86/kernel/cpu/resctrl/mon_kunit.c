// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of counter reads: the IA32_QM_EVTSEL / IA32_QM_CTR pair
 * each read makes, the status bits, occupancy scaling and the MBM totals
 * that survive the counters wrapping.
 */
#include <kunit/test.h>
#include <linux/bits.h>
#include <linux/cpumask.h>
#include <linux/workqueue.h>

#include "rdt_kunit.h"

/* A scale that is not a power of two catches shifts posing as products. */
#define MON_SCALE	96

static const struct x86_rdt_res mon_l3 = {
	.desc = {
		.name = "L3",
		.ctrl = RESCTRL_CTRL_NONE,
		.num_rmid = 64,
		.num_events = 3,
	},
	.present = true,
	.occ_scale = MON_SCALE,
	.mbm_width = 24,
};

/* Read and expect success; the value, or a poison value on failure. */
static u64 mon_read(struct kunit *test, const struct x86_rdt_res *res,
		    struct x86_rdt_dom *dom, u32 rmid, u32 evt)
{
	u64 val = 0xdeadbeef;

	KUNIT_EXPECT_EQ(test, x86_rdt_counter_read(res, dom, rmid, evt, &val), 0);
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
	struct x86_rdt_dom *dom = x86_rdt_fake_dom(test, &mon_l3);

	x86_rdt_fake_count(f, 0x1234);
	x86_rdt_fake_count(f, 0x1000);
	KUNIT_EXPECT_EQ(test, mon_read(test, &mon_l3, dom, 5, 1),
			0x1234ULL * MON_SCALE);
	/* A level, not a total: a smaller reading is a smaller count. */
	KUNIT_EXPECT_EQ(test, mon_read(test, &mon_l3, dom, 63, 1),
			0x1000ULL * MON_SCALE);
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
	struct x86_rdt_dom *dom = x86_rdt_fake_dom(test, &mon_l3);
	u64 val;

	x86_rdt_fake_count(f, BIT_ULL(63) | 0x10);
	x86_rdt_fake_count(f, BIT_ULL(62) | 0x10);
	/* Both bits: the error wins. */
	x86_rdt_fake_count(f, BIT_ULL(63) | BIT_ULL(62));
	x86_rdt_fake_count(f, BIT_ULL(62));
	KUNIT_EXPECT_EQ(test, x86_rdt_counter_read(&mon_l3, dom, 2, 1, &val), -EIO);
	KUNIT_EXPECT_EQ(test, x86_rdt_counter_read(&mon_l3, dom, 2, 1, &val),
			-ENODATA);
	KUNIT_EXPECT_EQ(test, x86_rdt_counter_read(&mon_l3, dom, 2, 2, &val), -EIO);
	KUNIT_EXPECT_EQ(test, x86_rdt_counter_read(&mon_l3, dom, 2, 3, &val),
			-ENODATA);
	x86_rdt_fake_check(test, want, ARRAY_SIZE(want));
}

static void mon_mbm_counts_from_first_read(struct kunit *test)
{
	static const struct x86_rdt_fake_access want[] = {
		X86_RDT_WR(0xc8d, 0x0000000700000002ULL), X86_RDT_RD(0xc8e),
		X86_RDT_WR(0xc8d, 0x0000000700000002ULL), X86_RDT_RD(0xc8e),
		X86_RDT_WR(0xc8d, 0x0000000700000002ULL), X86_RDT_RD(0xc8e),
	};
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	struct x86_rdt_dom *dom = x86_rdt_fake_dom(test, &mon_l3);

	x86_rdt_fake_count(f, 1000);
	x86_rdt_fake_count(f, 1500);
	x86_rdt_fake_count(f, 1500);
	KUNIT_EXPECT_EQ(test, mon_read(test, &mon_l3, dom, 7, 2), 0);
	KUNIT_EXPECT_EQ(test, mon_read(test, &mon_l3, dom, 7, 2), 500ULL * MON_SCALE);
	KUNIT_EXPECT_EQ(test, mon_read(test, &mon_l3, dom, 7, 2), 500ULL * MON_SCALE);
	x86_rdt_fake_check(test, want, ARRAY_SIZE(want));
}

static void mon_mbm_wraps_at_24_bits(struct kunit *test)
{
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	struct x86_rdt_dom *dom = x86_rdt_fake_dom(test, &mon_l3);

	x86_rdt_fake_count(f, 0xfffff0);
	x86_rdt_fake_count(f, 0x000010);
	x86_rdt_fake_count(f, 0x000030);
	x86_rdt_fake_count(f, 0xffffff);
	KUNIT_EXPECT_EQ(test, mon_read(test, &mon_l3, dom, 1, 3), 0);
	/* 0xfffff0 -> 0x10 across the wrap: 0x20 units. */
	KUNIT_EXPECT_EQ(test, mon_read(test, &mon_l3, dom, 1, 3),
			0x20ULL * MON_SCALE);
	KUNIT_EXPECT_EQ(test, mon_read(test, &mon_l3, dom, 1, 3),
			0x40ULL * MON_SCALE);
	/* Almost a whole lap without wrapping. */
	KUNIT_EXPECT_EQ(test, mon_read(test, &mon_l3, dom, 1, 3),
			(0x40ULL + 0xffffcf) * MON_SCALE);
}

static void mon_mbm_wraps_at_wide_counters(struct kunit *test)
{
	struct x86_rdt_res res = mon_l3;
	struct x86_rdt_fake *f;
	struct x86_rdt_dom *dom;

	/* 24 + offset 20: AMD's width. A 24-bit mask would get this wrong. */
	res.mbm_width = 44;
	f = x86_rdt_fake_start(test);
	dom = x86_rdt_fake_dom(test, &res);
	x86_rdt_fake_count(f, BIT_ULL(44) - 2);
	x86_rdt_fake_count(f, 3);
	x86_rdt_fake_count(f, BIT_ULL(30));
	KUNIT_EXPECT_EQ(test, mon_read(test, &res, dom, 0, 2), 0);
	KUNIT_EXPECT_EQ(test, mon_read(test, &res, dom, 0, 2), 5ULL * MON_SCALE);
	KUNIT_EXPECT_EQ(test, mon_read(test, &res, dom, 0, 2),
			(5ULL + BIT_ULL(30) - 3) * MON_SCALE);
}

static void mon_mbm_state_per_rmid_and_event(struct kunit *test)
{
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	struct x86_rdt_dom *dom = x86_rdt_fake_dom(test, &mon_l3);
	struct x86_rdt_dom *other = x86_rdt_fake_dom(test, &mon_l3);

	x86_rdt_fake_count(f, 100);
	x86_rdt_fake_count(f, 5000);
	x86_rdt_fake_count(f, 7);
	x86_rdt_fake_count(f, 300);
	x86_rdt_fake_count(f, 5100);
	x86_rdt_fake_count(f, 17);
	x86_rdt_fake_count(f, 400);
	KUNIT_EXPECT_EQ(test, mon_read(test, &mon_l3, dom, 1, 2), 0);
	KUNIT_EXPECT_EQ(test, mon_read(test, &mon_l3, dom, 1, 3), 0);
	KUNIT_EXPECT_EQ(test, mon_read(test, &mon_l3, dom, 63, 2), 0);
	KUNIT_EXPECT_EQ(test, mon_read(test, &mon_l3, dom, 1, 2), 200ULL * MON_SCALE);
	KUNIT_EXPECT_EQ(test, mon_read(test, &mon_l3, dom, 1, 3), 100ULL * MON_SCALE);
	KUNIT_EXPECT_EQ(test, mon_read(test, &mon_l3, dom, 63, 2), 10ULL * MON_SCALE);
	/* Another domain has counters of its own. */
	KUNIT_EXPECT_EQ(test, mon_read(test, &mon_l3, other, 1, 2), 0);
}

static void mon_mbm_failed_reads_keep_state(struct kunit *test)
{
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	struct x86_rdt_dom *dom = x86_rdt_fake_dom(test, &mon_l3);
	u64 val;

	x86_rdt_fake_count(f, 100);
	x86_rdt_fake_count(f, BIT_ULL(63));
	x86_rdt_fake_count(f, BIT_ULL(62) | 5);
	x86_rdt_fake_count(f, 150);
	KUNIT_EXPECT_EQ(test, mon_read(test, &mon_l3, dom, 4, 2), 0);
	KUNIT_EXPECT_EQ(test, x86_rdt_counter_read(&mon_l3, dom, 4, 2, &val), -EIO);
	KUNIT_EXPECT_EQ(test, x86_rdt_counter_read(&mon_l3, dom, 4, 2, &val),
			-ENODATA);
	KUNIT_EXPECT_EQ(test, mon_read(test, &mon_l3, dom, 4, 2), 50ULL * MON_SCALE);
}

static void mon_bad_arguments(struct kunit *test)
{
	struct x86_rdt_res occ_only = mon_l3;
	struct x86_rdt_dom *dom;
	u64 val;

	x86_rdt_fake_start(test);
	dom = x86_rdt_fake_dom(test, &mon_l3);
	KUNIT_EXPECT_EQ(test, x86_rdt_counter_read(&mon_l3, dom, 64, 1, &val),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, x86_rdt_counter_read(&mon_l3, dom, 0, 0, &val),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, x86_rdt_counter_read(&mon_l3, dom, 0, 4, &val),
			-EINVAL);
	/* MBM needs the domain's state; occupancy does not. */
	KUNIT_EXPECT_EQ(test, x86_rdt_counter_read(&mon_l3, NULL, 0, 2, &val),
			-EINVAL);
	occ_only.mbm_width = 0;
	KUNIT_EXPECT_EQ(test, x86_rdt_counter_read(&occ_only, dom, 0, 3, &val),
			-EINVAL);
	x86_rdt_fake_check(test, NULL, 0);
}

static void mon_domain_state(struct kunit *test)
{
	struct x86_rdt_res occ_only = mon_l3;
	struct x86_rdt_dom *dom;
	unsigned int i;

	x86_rdt_fake_start(test);
	dom = x86_rdt_fake_dom(test, &mon_l3);
	KUNIT_EXPECT_EQ(test, dom->cdp, X86_RDT_CDP_UNKNOWN);
	KUNIT_ASSERT_NOT_NULL(test, dom->mbm);
	for (i = 0; i < 64 * X86_RDT_MBM_EVENTS; i++)
		KUNIT_EXPECT_FALSE(test, dom->mbm[i].seen);
	/* Only the default group's RMID is in use yet. */
	KUNIT_ASSERT_NOT_NULL(test, dom->mbm_used);
	KUNIT_EXPECT_EQ(test, bitmap_weight(dom->mbm_used, 64), 1);
	KUNIT_EXPECT_TRUE(test, test_bit(0, dom->mbm_used));

	occ_only.mbm_width = 0;
	dom = x86_rdt_fake_dom(test, &occ_only);
	KUNIT_EXPECT_NULL(test, dom->mbm);
	x86_rdt_fake_check(test, NULL, 0);
}

/* Like the L3 enumeration makes it: occupancy, then both MBM events. */
static const struct x86_rdt_res mbm_l3 = {
	.desc = {
		.name = "L3",
		.ctrl = RESCTRL_CTRL_NONE,
		.num_rmid = 64,
		.num_events = 3,
	},
	.events = {
		{ .name = "llc_occupancy", .id = 1, .occupancy = true },
		{ .name = "mbm_total_bytes", .id = 2 },
		{ .name = "mbm_local_bytes", .id = 3 },
	},
	.present = true,
	.occ_scale = MON_SCALE,
	.mbm_width = 24,
};

/* A lap and a half of a 24-bit counter, in two steps of three quarters. */
#define LAP		BIT_ULL(24)
#define START		0x100ULL
#define STEP		(LAP * 3 / 4)

/*
 * The user reads RMID 5 at START and again after it moved a lap and a
 * half: the wrap arithmetic alone sees half a lap.
 */
static void mon_mbm_double_wrap_without_fold(struct kunit *test)
{
	struct x86_rdt_res res = mbm_l3;
	struct x86_rdt_fake *f;
	struct x86_rdt_dom *dom;
	u64 total;

	res.desc.num_events = 2;
	res.events[0] = mbm_l3.events[1];
	res.events[1] = mbm_l3.events[2];
	f = x86_rdt_fake_start(test);
	dom = x86_rdt_fake_dom(test, &res);
	x86_rdt_fake_count(f, START);
	x86_rdt_fake_count(f, (START + 2 * STEP) % LAP);
	KUNIT_EXPECT_EQ(test, mon_read(test, &res, dom, 5, 2), 0);
	total = mon_read(test, &res, dom, 5, 2);
	KUNIT_EXPECT_EQ(test, total, (2 * STEP - LAP) * MON_SCALE);
	KUNIT_EXPECT_NE(test, total, 2 * STEP * MON_SCALE);
}

/* The same with the worker's step in between: every unit is counted. */
static void mon_mbm_double_wrap_with_fold(struct kunit *test)
{
	static const struct x86_rdt_fake_access want_read[] = {
		X86_RDT_WR(0xc8d, 0x0000000500000002ULL), X86_RDT_RD(0xc8e),
	};
	/* RMID 0 always, RMID 5 since it was read; MBM total only. */
	static const struct x86_rdt_fake_access want_fold[] = {
		X86_RDT_WR(0xc8d, 0x0000000000000002ULL), X86_RDT_RD(0xc8e),
		X86_RDT_WR(0xc8d, 0x0000000500000002ULL), X86_RDT_RD(0xc8e),
	};
	struct x86_rdt_res res = mbm_l3;
	struct x86_rdt_fake *f;
	struct x86_rdt_dom *dom;

	res.desc.num_events = 2;
	res.events[0] = mbm_l3.events[0];
	res.events[1] = mbm_l3.events[1];
	f = x86_rdt_fake_start(test);
	dom = x86_rdt_fake_dom(test, &res);
	x86_rdt_fake_count(f, START);
	x86_rdt_fake_count(f, 0x42);
	x86_rdt_fake_count(f, (START + STEP) % LAP);
	x86_rdt_fake_count(f, (START + 2 * STEP) % LAP);
	KUNIT_EXPECT_EQ(test, mon_read(test, &res, dom, 5, 2), 0);
	x86_rdt_fake_check(test, want_read, ARRAY_SIZE(want_read));
	x86_rdt_mbm_fold(&res, dom);
	x86_rdt_fake_check(test, want_fold, ARRAY_SIZE(want_fold));
	KUNIT_EXPECT_EQ(test, mon_read(test, &res, dom, 5, 2), 2 * STEP * MON_SCALE);
	x86_rdt_fake_check(test, want_read, ARRAY_SIZE(want_read));
}

/* Both MBM events of the RMIDs in use, in order; never occupancy. */
static void mon_mbm_fold_traffic(struct kunit *test)
{
	static const struct x86_rdt_fake_access want[] = {
		X86_RDT_WR(0xc8d, 0x0000000000000002ULL), X86_RDT_RD(0xc8e),
		X86_RDT_WR(0xc8d, 0x0000000000000003ULL), X86_RDT_RD(0xc8e),
		X86_RDT_WR(0xc8d, 0x0000000700000002ULL), X86_RDT_RD(0xc8e),
		X86_RDT_WR(0xc8d, 0x0000000700000003ULL), X86_RDT_RD(0xc8e),
		X86_RDT_WR(0xc8d, 0x0000003f00000002ULL), X86_RDT_RD(0xc8e),
		X86_RDT_WR(0xc8d, 0x0000003f00000003ULL), X86_RDT_RD(0xc8e),
	};
	static const struct x86_rdt_fake_access local_only[] = {
		X86_RDT_WR(0xc8d, 0x0000000000000003ULL), X86_RDT_RD(0xc8e),
		X86_RDT_WR(0xc8d, 0x0000000900000003ULL), X86_RDT_RD(0xc8e),
	};
	struct x86_rdt_res res = mbm_l3;
	struct x86_rdt_dom *dom;

	x86_rdt_fake_start(test);
	dom = x86_rdt_fake_dom(test, &mbm_l3);
	x86_rdt_mbm_reset(&mbm_l3, dom, 63);
	x86_rdt_mbm_reset(&mbm_l3, dom, 7);
	/* Out of range: ignored. */
	x86_rdt_mbm_reset(&mbm_l3, dom, 64);
	x86_rdt_fake_check(test, NULL, 0);
	x86_rdt_mbm_fold(&mbm_l3, dom);
	x86_rdt_fake_check(test, want, ARRAY_SIZE(want));

	res.desc.num_events = 1;
	res.events[0] = mbm_l3.events[2];
	dom = x86_rdt_fake_dom(test, &res);
	x86_rdt_mbm_reset(&res, dom, 9);
	x86_rdt_mbm_fold(&res, dom);
	x86_rdt_fake_check(test, local_only, ARRAY_SIZE(local_only));
}

/* Without MBM there is nothing to fold. */
static void mon_mbm_fold_needs_mbm(struct kunit *test)
{
	struct x86_rdt_res res = mbm_l3;
	struct x86_rdt_dom *dom;

	x86_rdt_fake_start(test);
	res.desc.num_events = 1;
	dom = x86_rdt_fake_dom(test, &res);
	x86_rdt_mbm_fold(&res, dom);
	res.mbm_width = 0;
	dom = x86_rdt_fake_dom(test, &res);
	x86_rdt_mbm_fold(&res, dom);
	x86_rdt_mbm_fold(&mbm_l3, NULL);
	x86_rdt_fake_check(test, NULL, 0);
}

/* A sample with a status bit leaves the total and the last sample alone. */
static void mon_mbm_fold_skips_bad_samples(struct kunit *test)
{
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	struct x86_rdt_dom *dom = x86_rdt_fake_dom(test, &mbm_l3);

	x86_rdt_fake_count(f, 1000);		/* read: RMID 0 total */
	x86_rdt_fake_count(f, BIT_ULL(63) | 5);	/* fold: total, error */
	x86_rdt_fake_count(f, BIT_ULL(62));	/* fold: local, unavailable */
	x86_rdt_fake_count(f, 1300);		/* read */
	KUNIT_EXPECT_EQ(test, mon_read(test, &mbm_l3, dom, 0, 2), 0);
	x86_rdt_mbm_fold(&mbm_l3, dom);
	KUNIT_EXPECT_FALSE(test, dom->mbm[1].seen);
	KUNIT_EXPECT_EQ(test, mon_read(test, &mbm_l3, dom, 0, 2), 300ULL * MON_SCALE);
}

/* A reset RMID counts from the next sample, the worker's or a read's. */
static void mon_mbm_reset_then_fold(struct kunit *test)
{
	struct x86_rdt_fake *f = x86_rdt_fake_start(test);
	struct x86_rdt_dom *dom = x86_rdt_fake_dom(test, &mbm_l3);

	x86_rdt_fake_count(f, 100);	/* read RMID 3 */
	x86_rdt_fake_count(f, 900);	/* read RMID 3 */
	x86_rdt_fake_count(f, 0);	/* fold: RMID 0 total */
	x86_rdt_fake_count(f, 0);	/* fold: RMID 0 local */
	x86_rdt_fake_count(f, 2000);	/* fold: RMID 3 total */
	x86_rdt_fake_count(f, 50);	/* fold: RMID 3 local */
	x86_rdt_fake_count(f, 2500);	/* read RMID 3 */
	KUNIT_EXPECT_EQ(test, mon_read(test, &mbm_l3, dom, 3, 2), 0);
	KUNIT_EXPECT_EQ(test, mon_read(test, &mbm_l3, dom, 3, 2), 800ULL * MON_SCALE);
	x86_rdt_mbm_reset(&mbm_l3, dom, 3);
	x86_rdt_mbm_fold(&mbm_l3, dom);
	KUNIT_EXPECT_EQ(test, mon_read(test, &mbm_l3, dom, 3, 2), 500ULL * MON_SCALE);
}

/*
 * The worker is queued only for a domain with MBM and an online CPU, and
 * freeing the state cancels it. It is cancelled long before its first
 * run: it would touch the real MSRs, outside the test's stubs.
 */
static void mon_mbm_worker_start_and_stop(struct kunit *test)
{
	struct x86_rdt_res occ_only = mbm_l3;
	struct x86_rdt_dom *dom;

	x86_rdt_fake_start(test);
	occ_only.desc.num_events = 1;
	dom = x86_rdt_dom_alloc(&occ_only);
	KUNIT_ASSERT_NOT_NULL(test, dom);
	x86_rdt_mbm_worker_start(dom, &occ_only, cpu_online_mask);
	KUNIT_EXPECT_FALSE(test, delayed_work_pending(&dom->mbm_work));
	x86_rdt_dom_free(dom);

	dom = x86_rdt_dom_alloc(&mbm_l3);
	KUNIT_ASSERT_NOT_NULL(test, dom);
	x86_rdt_mbm_worker_start(dom, &mbm_l3, cpu_none_mask);
	KUNIT_EXPECT_FALSE(test, delayed_work_pending(&dom->mbm_work));
	x86_rdt_mbm_worker_start(dom, &mbm_l3, cpu_online_mask);
	KUNIT_EXPECT_TRUE(test, delayed_work_pending(&dom->mbm_work));
	KUNIT_EXPECT_PTR_EQ(test, dom->cpus, cpu_online_mask);
	cancel_delayed_work_sync(&dom->mbm_work);
	KUNIT_EXPECT_FALSE(test, delayed_work_pending(&dom->mbm_work));
	x86_rdt_dom_free(dom);
	x86_rdt_fake_check(test, NULL, 0);
}

static struct kunit_case mon_cases[] = {
	KUNIT_CASE(mon_occupancy_scaled),
	KUNIT_CASE(mon_status_bits),
	KUNIT_CASE(mon_mbm_counts_from_first_read),
	KUNIT_CASE(mon_mbm_wraps_at_24_bits),
	KUNIT_CASE(mon_mbm_wraps_at_wide_counters),
	KUNIT_CASE(mon_mbm_state_per_rmid_and_event),
	KUNIT_CASE(mon_mbm_failed_reads_keep_state),
	KUNIT_CASE(mon_bad_arguments),
	KUNIT_CASE(mon_domain_state),
	KUNIT_CASE(mon_mbm_double_wrap_without_fold),
	KUNIT_CASE(mon_mbm_double_wrap_with_fold),
	KUNIT_CASE(mon_mbm_fold_traffic),
	KUNIT_CASE(mon_mbm_fold_needs_mbm),
	KUNIT_CASE(mon_mbm_fold_skips_bad_samples),
	KUNIT_CASE(mon_mbm_reset_then_fold),
	KUNIT_CASE(mon_mbm_worker_start_and_stop),
	{}
};

static struct kunit_suite mon_suite = {
	.name = "resctrl_x86_mon",
	.test_cases = mon_cases,
};

kunit_test_suite(mon_suite);
