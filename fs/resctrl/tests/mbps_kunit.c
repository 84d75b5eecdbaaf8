// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the mba_MBps controller's arithmetic: bandwidth from a
 * count's growth, the step it takes from a measurement, which event of
 * which resource pairs with a control resource, and how a steered
 * resource parses its MBps targets.
 */
#include <kunit/test.h>
#include <linux/sizes.h>

#include "../internal.h"

static const struct resctrl_range_params rctl_test_mb = {
	.min = 10, .max = 100, .granularity = 10, .delay_linear = true,
};

static void rctl_mbps_rates(struct kunit *test)
{
	/* 1 MiB in a second, 3 MiB in 1.5 s, under 1 MiB rounds down. */
	KUNIT_EXPECT_EQ(test, rctl_mbps_rate(SZ_1M, NSEC_PER_SEC), 1);
	KUNIT_EXPECT_EQ(test, rctl_mbps_rate(3 * SZ_1M, 3 * NSEC_PER_SEC / 2), 2);
	KUNIT_EXPECT_EQ(test, rctl_mbps_rate(SZ_1M - 1, NSEC_PER_SEC), 0);
	KUNIT_EXPECT_EQ(test, rctl_mbps_rate(0, NSEC_PER_SEC), 0);
	/* Half a period moving 512 MiB: 1024 MBps. */
	KUNIT_EXPECT_EQ(test, rctl_mbps_rate(512ULL * SZ_1M, NSEC_PER_SEC / 2), 1024);
	/* Amounts past what a u64 times 10^9 holds do not overflow. */
	KUNIT_EXPECT_EQ(test, rctl_mbps_rate(1ULL << 50, NSEC_PER_SEC), 1ULL << 30);
	KUNIT_EXPECT_EQ(test, rctl_mbps_rate(1ULL << 44, 4 * NSEC_PER_SEC), 1ULL << 22);
	KUNIT_EXPECT_EQ(test, rctl_mbps_rate(U64_MAX, 1), U64_MAX);
	KUNIT_EXPECT_EQ(test, rctl_mbps_rate(SZ_1M, 0), U64_MAX);
}

static void rctl_mbps_steps_down(struct kunit *test)
{
	/* Above the target: one granularity step down, to the minimum. */
	KUNIT_EXPECT_EQ(test, rctl_mbps_step(100, 2000, 1000, &rctl_test_mb), 90);
	KUNIT_EXPECT_EQ(test, rctl_mbps_step(20, 1001, 1000, &rctl_test_mb), 10);
	KUNIT_EXPECT_EQ(test, rctl_mbps_step(10, 5000, 1000, &rctl_test_mb), 10);
	/* A target of 0 is above nothing but no traffic. */
	KUNIT_EXPECT_EQ(test, rctl_mbps_step(50, 1, 0, &rctl_test_mb), 40);
	/* Never below the minimum even off the granularity. */
	KUNIT_EXPECT_EQ(test, rctl_mbps_step(15, 100, 1, &rctl_test_mb), 10);
}

static void rctl_mbps_steps_up(struct kunit *test)
{
	/* 500 MBps at 50%: 60% would give 600, within 600 but not 599. */
	KUNIT_EXPECT_EQ(test, rctl_mbps_step(50, 500, 600, &rctl_test_mb), 60);
	KUNIT_EXPECT_EQ(test, rctl_mbps_step(50, 500, 599, &rctl_test_mb), 50);
	/* At the target exactly: no step up either way. */
	KUNIT_EXPECT_EQ(test, rctl_mbps_step(50, 500, 500, &rctl_test_mb), 50);
	/* No traffic: up one step at a time, to the maximum. */
	KUNIT_EXPECT_EQ(test, rctl_mbps_step(10, 0, 0, &rctl_test_mb), 20);
	KUNIT_EXPECT_EQ(test, rctl_mbps_step(90, 0, U32_MAX, &rctl_test_mb), 100);
	KUNIT_EXPECT_EQ(test, rctl_mbps_step(100, 0, U32_MAX, &rctl_test_mb), 100);
	/* The maximum caps a step that would pass it. */
	KUNIT_EXPECT_EQ(test, rctl_mbps_step(95, 0, 10, &rctl_test_mb), 100);
	/* Huge bandwidths and targets do not overflow the comparison. */
	KUNIT_EXPECT_EQ(test, rctl_mbps_step(50, U32_MAX - 1, U32_MAX, &rctl_test_mb), 50);
	KUNIT_EXPECT_EQ(test, rctl_mbps_step(50, U64_MAX, U32_MAX, &rctl_test_mb), 40);
}

static void rctl_mbps_granularity(struct kunit *test)
{
	const struct resctrl_range_params coarse = {
		.min = 10, .max = 100, .granularity = 30, .delay_linear = true,
	};
	const struct resctrl_range_params none = {
		.min = 0, .max = 5, .delay_linear = true,
	};

	KUNIT_EXPECT_EQ(test, rctl_mbps_step(100, 9, 1, &coarse), 70);
	KUNIT_EXPECT_EQ(test, rctl_mbps_step(40, 9, 1, &coarse), 10);
	KUNIT_EXPECT_EQ(test, rctl_mbps_step(70, 0, 1, &coarse), 100);
	/* No granularity: steps of one; at 0% nothing predicts a step up. */
	KUNIT_EXPECT_EQ(test, rctl_mbps_step(3, 9, 1, &none), 2);
	KUNIT_EXPECT_EQ(test, rctl_mbps_step(0, 9, 1, &none), 0);
	KUNIT_EXPECT_EQ(test, rctl_mbps_step(0, 0, 1, &none), 1);
	KUNIT_EXPECT_EQ(test, rctl_mbps_step(0, 1, 1, &none), 0);
}

static int rctl_test_apply(struct resctrl_res *r, struct resctrl_dom *d,
			   u32 closid, enum resctrl_conf_type type, u32 val)
{
	return 0;
}

static int rctl_test_read(struct resctrl_res *r, struct resctrl_dom *d,
			  u32 closid, u32 rmid, u32 evt, u64 *val)
{
	return 0;
}

static const struct resctrl_resource_ops rctl_test_ops = {
	.apply = rctl_test_apply,
	.read_event = rctl_test_read,
};

static const struct rctl_desc rctl_mb = {
	.name = "MB", .ctrl = RESCTRL_CTRL_PERCENT, .scope = RESCTRL_SCOPE_L3,
	.num_closid = 8, .max_closid = 8, .range = rctl_test_mb, .ops = &rctl_test_ops,
};

static const struct resctrl_event_desc rctl_l3_events[] = {
	{ .name = "llc_occupancy", .occupancy = true },
	{ .name = "mbm_total_bytes", .id = 1, .bandwidth = true },
	{ .name = "mbm_local_bytes", .id = 2, .bandwidth = true },
};

static const struct rctl_desc rctl_l3mon = {
	.name = "L3", .scope = RESCTRL_SCOPE_L3, .num_rmid = 8, .max_rmid = 8,
	.events = rctl_l3_events, .num_events = 3, .ops = &rctl_test_ops,
};

static void rctl_mbps_pairs(struct kunit *test)
{
	struct rctl_desc mon = rctl_l3mon, ctl = rctl_mb;

	/* The local count wins over a total listed first. */
	KUNIT_EXPECT_EQ(test, rctl_mbps_pair_event(&ctl, &mon, false), 2);
	/* Without it, the first bandwidth event. */
	mon.num_events = 2;
	KUNIT_EXPECT_EQ(test, rctl_mbps_pair_event(&ctl, &mon, false), 1);
	/* Occupancy is not bandwidth. */
	mon.num_events = 1;
	KUNIT_EXPECT_EQ(test, rctl_mbps_pair_event(&ctl, &mon, false), -1);
	mon.num_events = 3;
	/* Scopes must match: domain ids mean the same thing. */
	mon.scope = RESCTRL_SCOPE_PACKAGE;
	KUNIT_EXPECT_EQ(test, rctl_mbps_pair_event(&ctl, &mon, false), -1);
	/* Device ids pair only within one resource. */
	mon.scope = RESCTRL_SCOPE_DEVICE;
	ctl.scope = RESCTRL_SCOPE_DEVICE;
	KUNIT_EXPECT_EQ(test, rctl_mbps_pair_event(&ctl, &mon, false), -1);
	KUNIT_EXPECT_EQ(test, rctl_mbps_pair_event(&ctl, &mon, true), 2);
	/* Only a linear PERCENT resource is steered. */
	ctl = rctl_mb;
	mon = rctl_l3mon;
	ctl.range.delay_linear = false;
	KUNIT_EXPECT_EQ(test, rctl_mbps_pair_event(&ctl, &mon, false), -1);
	ctl = rctl_mb;
	ctl.ctrl = RESCTRL_CTRL_MBPS;
	KUNIT_EXPECT_EQ(test, rctl_mbps_pair_event(&ctl, &mon, false), -1);
}

/*
 * Sub-NUMA Clustering: monitoring per node inside L3 control domains
 * (mon_in_l3). The controller refuses it, as upstream does under SNC
 * (rdtgroup.c: supports_mba_mbps() wants MB's scope to be MBM's), and
 * only a monitoring-only NODE resource may declare it.
 */
static void rctl_mbps_snc_refused(struct kunit *test)
{
	struct rctl_desc mon = rctl_l3mon, ctl = rctl_mb;

	mon.scope = RESCTRL_SCOPE_NODE;
	mon.mon_in_l3 = true;
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&mon), 0);
	KUNIT_EXPECT_EQ(test, rctl_mbps_pair_event(&ctl, &mon, false), -1);
	/* The same events at L3 scope would be the source. */
	mon.scope = RESCTRL_SCOPE_L3;
	mon.mon_in_l3 = false;
	KUNIT_EXPECT_EQ(test, rctl_mbps_pair_event(&ctl, &mon, false), 2);
	/* mon_in_l3 needs scope NODE, no control, and events. */
	mon.mon_in_l3 = true;
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&mon), -EINVAL);
	mon.scope = RESCTRL_SCOPE_NODE;
	mon.num_events = 0;
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&mon), -EINVAL);
	ctl.scope = RESCTRL_SCOPE_NODE;
	ctl.mon_in_l3 = true;
	ctl.events = rctl_l3_events;
	ctl.num_events = 3;
	ctl.num_rmid = 8;
	ctl.max_rmid = 8;
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&ctl), -EINVAL);
}

static void rctl_mbps_bad_events(struct kunit *test)
{
	struct resctrl_event_desc evt[] = { { .name = "bytes", .bandwidth = true } };
	struct rctl_desc mon = rctl_l3mon;

	mon.events = evt;
	mon.num_events = 1;
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&mon), 0);
	/* A bandwidth source counts whole bytes, and is not a level. */
	evt[0].frac_bits = 8;
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&mon), -EINVAL);
	evt[0].frac_bits = 0;
	evt[0].occupancy = true;
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&mon), -EINVAL);
}

static void rctl_mbps_parse_targets(struct kunit *test)
{
	struct resctrl_res r = { .desc = &rctl_mb };
	char text[16];
	char status[64];
	u32 val;

	mutex_lock(&rctl_mutex);
	/* A percentage while not steered, any u32 MBps while steered. */
	strscpy(text, "2048");
	KUNIT_EXPECT_EQ(test, rctl_parse_val(&r, NULL, text, &val), -EINVAL);
	r.mbps = true;
	KUNIT_EXPECT_EQ(test, rctl_parse_val(&r, NULL, text, &val), 0);
	KUNIT_EXPECT_EQ(test, val, 2048);
	strscpy(text, "0");
	KUNIT_EXPECT_EQ(test, rctl_parse_val(&r, NULL, text, &val), 0);
	KUNIT_EXPECT_EQ(test, val, 0);
	strscpy(text, "4294967295");
	KUNIT_EXPECT_EQ(test, rctl_parse_val(&r, NULL, text, &val), 0);
	KUNIT_EXPECT_EQ(test, val, U32_MAX);
	rctl_status_clear();
	strscpy(text, "4294967296");
	KUNIT_EXPECT_EQ(test, rctl_parse_val(&r, NULL, text, &val), -EINVAL);
	rctl_status_copy(status, sizeof(status));
	KUNIT_EXPECT_STREQ(test, status, "Invalid MB value 4294967296\n");
	mutex_unlock(&rctl_mutex);
}

static struct kunit_case rctl_mbps_cases[] = {
	KUNIT_CASE(rctl_mbps_snc_refused),
	KUNIT_CASE(rctl_mbps_rates),
	KUNIT_CASE(rctl_mbps_steps_down),
	KUNIT_CASE(rctl_mbps_steps_up),
	KUNIT_CASE(rctl_mbps_granularity),
	KUNIT_CASE(rctl_mbps_pairs),
	KUNIT_CASE(rctl_mbps_bad_events),
	KUNIT_CASE(rctl_mbps_parse_targets),
	{}
};

static struct kunit_suite rctl_mbps_suite = {
	.name = "resctrl_mbps",
	.test_cases = rctl_mbps_cases,
};

kunit_test_suite(rctl_mbps_suite);
