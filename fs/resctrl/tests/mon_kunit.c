// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the core's monitoring rules: running counts start at the
 * baseline read at hand-out, fold wrap-around at the driver's width,
 * start from zero after "Unavailable", and take the driver's correction
 * and scale; a CTRL_MON group's count is the sum of the reads that
 * succeeded, read in one batch on a CPU of the domain, in lots of RMIDs
 * with a driver that reads several at once; a parked RMID lingers while
 * its occupancy is at or above the threshold or cannot be read; the
 * threshold is rounded to the occupancy scale.
 *
 * The resource, domain and groups are built by hand and never
 * registered, so the tests do not depend on what else is registered.
 */
#include <kunit/test.h>
#include <linux/cpu.h>
#include <linux/irqflags.h>
#include <linux/sched.h>
#include <linux/sched/isolation.h>
#include <linux/smp.h>

#include "../internal.h"

#define T_RMIDS 8

static struct {
	int ret[T_RMIDS];
	u64 val[T_RMIDS];
	unsigned int reads;
	unsigned int off_domain;
	unsigned int irqs_on;
	unsigned int isolated;
	unsigned int calls;
	unsigned int max_n;
} t_mon;

static bool t_housekeeping(unsigned int cpu)
{
	return housekeeping_cpu(cpu, HK_TYPE_TICK) &&
	       housekeeping_cpu(cpu, HK_TYPE_DOMAIN);
}

static int t_mon_read(struct resctrl_res *r, struct resctrl_dom *d, u32 closid,
		      u32 rmid, u32 evt, u64 *val)
{
	t_mon.reads++;
	if (!cpumask_test_cpu(raw_smp_processor_id(), &d->cpus))
		t_mon.off_domain++;
	if (r->desc->run_on_domain_cpu && !irqs_disabled())
		t_mon.irqs_on++;
	if (!t_housekeeping(raw_smp_processor_id()))
		t_mon.isolated++;
	if (rmid >= T_RMIDS)
		return -EINVAL;
	*val = t_mon.val[rmid];
	return t_mon.ret[rmid];
}

static const struct resctrl_resource_ops t_mon_ops = {
	.read_event = t_mon_read,
};

static void t_mon_read_many(struct resctrl_res *r, struct resctrl_dom *d,
			    u32 closid, const u32 *rmids, unsigned int n,
			    u32 evt, u64 *vals, int *rets)
{
	unsigned int i;

	t_mon.calls++;
	t_mon.max_n = max(t_mon.max_n, n);
	for (i = 0; i < n; i++)
		rets[i] = t_mon_read(r, d, closid, rmids[i], evt, &vals[i]);
}

static const struct resctrl_resource_ops t_mon_batch_ops = {
	.read_event = t_mon_read,
	.read_events = t_mon_read_many,
};

static const struct resctrl_event_desc t_mon_events[] = {
	{ .name = "llc_occupancy", .id = 1, .occupancy = true, .scale = 64 },
	{ .name = "mbm_total_bytes", .id = 2 },
};

static struct rctl_desc t_mon_desc = {
	.name = "T_MON", .ctrl = RESCTRL_CTRL_NONE, .scope = RESCTRL_SCOPE_L3,
	.num_rmid = T_RMIDS, .max_rmid = T_RMIDS, .events = t_mon_events, .num_events = 2,
	.ops = &t_mon_ops,
};

struct t_mon_ctx {
	struct resctrl_res r;
	struct resctrl_dom d;
	struct rctl_group ctrl;
	struct rctl_group mon[3];
};

/* A CTRL_MON group with RMID 1 and MON groups with RMIDs 2, 3, 4. */
static struct t_mon_ctx *t_mon_setup(struct kunit *test, bool on_cpu)
{
	struct t_mon_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, c);
	memset(&t_mon, 0, sizeof(t_mon));
	t_mon_desc.run_on_domain_cpu = on_cpu;
	t_mon_desc.ops = &t_mon_ops;
	c->r.desc = &t_mon_desc;
	INIT_LIST_HEAD(&c->r.domains);
	c->d.res = &c->r;
	c->d.online = true;
	cpumask_copy(&c->d.cpus, cpu_online_mask);
	c->ctrl.rmid = 1;
	INIT_LIST_HEAD(&c->ctrl.mon_children);
	for (i = 0; i < ARRAY_SIZE(c->mon); i++) {
		c->mon[i].parent = &c->ctrl;
		c->mon[i].rmid = 2 + i;
		list_add_tail(&c->mon[i].sibling, &c->ctrl.mon_children);
	}
	for (i = 0; i < T_RMIDS; i++)
		t_mon.val[i] = 100 * i;
	return c;
}

static int t_mon_count(struct t_mon_ctx *c, struct rctl_group *g,
		       struct rctl_group_count *cnt)
{
	int ret;

	rctl_lock();
	ret = rctl_group_count_read(&c->d, 1, g, cnt);
	rctl_unlock();
	return ret;
}

static void rctl_mon_sum_all_read(struct kunit *test)
{
	struct t_mon_ctx *c = t_mon_setup(test, false);
	struct rctl_group_count cnt;

	KUNIT_ASSERT_EQ(test, t_mon_count(c, &c->ctrl, &cnt), 0);
	KUNIT_EXPECT_EQ(test, cnt.sum, 100 + 200 + 300 + 400);
	KUNIT_EXPECT_EQ(test, cnt.read, 4);
	KUNIT_EXPECT_EQ(test, cnt.failed, 0);
	/* A MON group counts alone. */
	KUNIT_ASSERT_EQ(test, t_mon_count(c, &c->mon[1], &cnt), 0);
	KUNIT_EXPECT_EQ(test, cnt.sum, 300);
	KUNIT_EXPECT_EQ(test, cnt.read, 1);
}

static void rctl_mon_sum_skips_failed_reads(struct kunit *test)
{
	struct t_mon_ctx *c = t_mon_setup(test, false);
	struct rctl_group_count cnt;

	/* A new MON group and an untracked one: the rest still adds up. */
	t_mon.ret[2] = -ENODATA;
	t_mon.ret[4] = -EIO;
	KUNIT_ASSERT_EQ(test, t_mon_count(c, &c->ctrl, &cnt), 0);
	KUNIT_EXPECT_EQ(test, cnt.sum, 100 + 300);
	KUNIT_EXPECT_EQ(test, cnt.read, 2);
	KUNIT_EXPECT_EQ(test, cnt.failed, 2);
	/* Even the CTRL_MON group's own read may fail. */
	t_mon.ret[1] = -ENODATA;
	KUNIT_ASSERT_EQ(test, t_mon_count(c, &c->ctrl, &cnt), 0);
	KUNIT_EXPECT_EQ(test, cnt.sum, 300);
	KUNIT_EXPECT_EQ(test, cnt.read, 1);
}

static void rctl_mon_sum_all_failed(struct kunit *test)
{
	struct t_mon_ctx *c = t_mon_setup(test, false);
	struct rctl_group_count cnt;
	int i;

	for (i = 1; i <= 4; i++)
		t_mon.ret[i] = -ENODATA;
	t_mon.ret[4] = -EIO;
	KUNIT_ASSERT_EQ(test, t_mon_count(c, &c->ctrl, &cnt), 0);
	KUNIT_EXPECT_EQ(test, cnt.read, 0);
	KUNIT_EXPECT_EQ(test, cnt.failed, 4);
	/* The file then shows the last failure, as upstream's rr->err. */
	KUNIT_EXPECT_EQ(test, cnt.err, -EIO);
}

/*
 * With read_events, a CTRL_MON group and its MON groups are read in lots
 * of RCTL_READ_RMIDS, one call each, interrupts off on the domain's CPU;
 * a failed read in a lot is skipped as with read_event.
 */
static void rctl_mon_sum_in_lots(struct kunit *test)
{
	struct t_mon_ctx *c = t_mon_setup(test, true);
	struct rctl_group_count cnt;
	struct rctl_group *more;
	int i;

	more = kunit_kcalloc(test, 38, sizeof(*more), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, more);
	for (i = 0; i < 38; i++) {
		more[i].parent = &c->ctrl;
		more[i].rmid = 5;
		list_add_tail(&more[i].sibling, &c->ctrl.mon_children);
	}
	t_mon_desc.ops = &t_mon_batch_ops;
	t_mon.ret[3] = -EIO;
	KUNIT_EXPECT_EQ(test, t_mon_count(c, &c->ctrl, &cnt), 0);
	KUNIT_EXPECT_EQ(test, cnt.sum, 100 + 200 + 400 + 38 * 500);
	KUNIT_EXPECT_EQ(test, cnt.read, 41);
	KUNIT_EXPECT_EQ(test, cnt.failed, 1);
	KUNIT_EXPECT_EQ(test, t_mon.calls, 2);
	KUNIT_EXPECT_EQ(test, t_mon.max_n, RCTL_READ_RMIDS);
	KUNIT_EXPECT_EQ(test, t_mon.reads, 42);
	KUNIT_EXPECT_EQ(test, t_mon.off_domain, 0);
	KUNIT_EXPECT_EQ(test, t_mon.irqs_on, 0);
	/* A MON group alone is a lot of one. */
	t_mon.calls = 0;
	KUNIT_EXPECT_EQ(test, t_mon_count(c, &more[0], &cnt), 0);
	KUNIT_EXPECT_EQ(test, cnt.sum, 500);
	KUNIT_EXPECT_EQ(test, t_mon.calls, 1);
	t_mon_desc.ops = &t_mon_ops;
}

static void rctl_mon_reads_on_domain_cpu(struct kunit *test)
{
	struct t_mon_ctx *c = t_mon_setup(test, true);
	struct rctl_group_count cnt;
	unsigned int cpu;

	/* A domain of one CPU other than this one, if there is one. */
	cpus_read_lock();
	cpu = cpumask_any_but(cpu_online_mask, raw_smp_processor_id());
	if (cpu >= nr_cpu_ids)
		cpu = cpumask_first(cpu_online_mask);
	cpumask_copy(&c->d.cpus, cpumask_of(cpu));
	cpus_read_unlock();

	KUNIT_ASSERT_EQ(test, t_mon_count(c, &c->ctrl, &cnt), 0);
	KUNIT_EXPECT_EQ(test, t_mon.reads, 4);
	KUNIT_EXPECT_EQ(test, t_mon.off_domain, 0);
	/* The driver's contract: with run_on_domain_cpu, interrupts off. */
	KUNIT_EXPECT_EQ(test, t_mon.irqs_on, 0);
	KUNIT_EXPECT_EQ(test, cnt.sum, 100 + 200 + 300 + 400);
}

/*
 * Boot with nohz_full= or isolcpus= to make this bite: while a domain has
 * a housekeeping CPU, reads never run on an isolated one, wherever the
 * reader runs; with every CPU of the domain isolated they run on one of
 * them.
 */
static void rctl_mon_reads_on_housekeeping_cpu(struct kunit *test)
{
	struct t_mon_ctx *c = t_mon_setup(test, true);
	struct rctl_group_count cnt;
	unsigned int cpu, n_iso = 0, n_hk = 0;

	for_each_online_cpu(cpu) {
		if (t_housekeeping(cpu))
			n_hk++;
		else
			n_iso++;
		/* Read from every CPU in turn. */
		if (set_cpus_allowed_ptr(current, cpumask_of(cpu)))
			continue;
		rctl_lock();
		KUNIT_EXPECT_EQ(test, rctl_group_count_read(&c->d, 1, &c->ctrl, &cnt), 0);
		rctl_unlock();
	}
	set_cpus_allowed_ptr(current, cpu_possible_mask);
	kunit_info(test, "%u housekeeping and %u isolated CPUs, %u reads\n",
		   n_hk, n_iso, t_mon.reads);
	KUNIT_EXPECT_GT(test, t_mon.reads, 0);
	KUNIT_EXPECT_EQ(test, t_mon.off_domain, 0);
	if (n_hk)
		KUNIT_EXPECT_EQ(test, t_mon.isolated, 0);
}

static void rctl_mon_lingers_at_threshold(struct kunit *test)
{
	struct t_mon_ctx *c = t_mon_setup(test, false);
	bool lingers[4];

	t_mon.val[1] = 4095;
	t_mon.val[2] = 4096;
	t_mon.val[3] = 8000;
	t_mon.ret[4] = -ENODATA;
	rctl_lock();
	lingers[0] = rctl_rmid_lingers_in(&c->d, 0, 4096, 1);
	lingers[1] = rctl_rmid_lingers_in(&c->d, 0, 4096, 2);
	lingers[2] = rctl_rmid_lingers_in(&c->d, 0, 4096, 3);
	lingers[3] = rctl_rmid_lingers_in(&c->d, 0, 4096, 4);
	rctl_unlock();
	KUNIT_EXPECT_FALSE(test, lingers[0]);
	/* At the threshold is still dirty (upstream: val >= threshold). */
	KUNIT_EXPECT_TRUE(test, lingers[1]);
	KUNIT_EXPECT_TRUE(test, lingers[2]);
	/* A count that cannot be read is still dirty. */
	KUNIT_EXPECT_TRUE(test, lingers[3]);
}

static void rctl_mon_threshold_rounding(struct kunit *test)
{
	struct t_mon_ctx *c = t_mon_setup(test, false);
	static const struct resctrl_event_desc unscaled[] = {
		{ .name = "llc_occupancy", .id = 1, .occupancy = true },
	};
	struct rctl_desc desc = t_mon_desc;
	struct resctrl_res r = { .desc = &desc };

	/* Down to a multiple of the scale, as upstream's round_mon_val(). */
	KUNIT_EXPECT_EQ(test, rctl_occ_round(&c->r, 1000), 960);
	KUNIT_EXPECT_EQ(test, rctl_occ_round(&c->r, 960), 960);
	KUNIT_EXPECT_EQ(test, rctl_occ_round(&c->r, 63), 0);
	/* 36608 KiB / 192 RMIDs at a scale of 64 bytes. */
	KUNIT_EXPECT_EQ(test, rctl_occ_round(&c->r, 36608 * 1024 / 192), 195200);
	desc.events = unscaled;
	desc.num_events = 1;
	KUNIT_EXPECT_EQ(test, rctl_occ_round(&r, 1000), 1000);
}

/* Running counts: the upstream BDF102-like factor for RMIDs above 3. */
static u64 t_run_correct(struct resctrl_res *r, u32 rmid, u64 units)
{
	return rmid > 3 ? (units * 1500000) >> 20 : units;
}

static const struct resctrl_event_desc t_run_events[] = {
	{ .name = "mbm_total_bytes", .id = 2, .width = 24, .scale = 64 },
	{ .name = "mbm_local_bytes", .id = 3, .width = 44,
	  .correct = t_run_correct },
	{ .name = "bytes", .id = 4 },
};

static const struct rctl_desc t_run_desc = {
	.name = "T_RUN", .ctrl = RESCTRL_CTRL_NONE, .scope = RESCTRL_SCOPE_L3,
	.num_rmid = T_RMIDS, .max_rmid = T_RMIDS, .events = t_run_events, .num_events = 3,
	.ops = &t_mon_ops,
};

static void t_run_free(void *d)
{
	rctl_ctrs_free(d);
}

static struct t_mon_ctx *t_run_setup(struct kunit *test)
{
	struct t_mon_ctx *c = t_mon_setup(test, false);

	c->r.desc = &t_run_desc;
	KUNIT_ASSERT_EQ(test, rctl_ctrs_alloc(&c->d), 0);
	KUNIT_ASSERT_NOT_NULL(test, c->d.ctrs);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, t_run_free, &c->d), 0);
	return c;
}

/* What the file shows after the hardware counter of @rmid reads @raw. */
static u64 t_run_read(struct kunit *test, struct t_mon_ctx *c, unsigned int evt,
		      u32 rmid, u64 raw)
{
	u64 val = 0xdead;

	t_mon.val[rmid] = raw;
	t_mon.ret[rmid] = 0;
	rctl_lock();
	KUNIT_EXPECT_EQ(test, rctl_dom_read_here(&c->d, 0, rmid, evt, &val), 0);
	rctl_unlock();
	return val;
}

static void rctl_ctr_baseline_at_hand_out(struct kunit *test)
{
	struct t_mon_ctx *c = t_run_setup(test);

	/* The counter ran before the group: its count starts at mkdir. */
	rctl_ctr_baseline(&c->d, 0, 5, 0, 1000);
	KUNIT_EXPECT_EQ(test, t_run_read(test, c, 0, 5, 1000), 0);
	KUNIT_EXPECT_EQ(test, t_run_read(test, c, 0, 5, 1010), 10 * 64);
	/* A second hand-out forgets the first group's count. */
	rctl_ctr_baseline(&c->d, 0, 5, 0, 1010);
	KUNIT_EXPECT_EQ(test, t_run_read(test, c, 0, 5, 1011), 64);
	/* A baseline that could not be read counts from zero. */
	rctl_ctr_baseline(&c->d, 0, 6, -ENODATA, 0);
	KUNIT_EXPECT_EQ(test, t_run_read(test, c, 0, 6, 7), 7 * 64);
}

static void rctl_ctr_wraps_at_width(struct kunit *test)
{
	struct t_mon_ctx *c = t_run_setup(test);

	rctl_ctr_baseline(&c->d, 0, 2, 0, 0xfffff0);
	/* 24 bits: 0xfffff0 to 0x10 is 0x20 units, not a negative step. */
	KUNIT_EXPECT_EQ(test, t_run_read(test, c, 0, 2, 0x10), 0x20 * 64);
	KUNIT_EXPECT_EQ(test, t_run_read(test, c, 0, 2, 0x800010),
			(0x20ULL + 0x800000) * 64);
	/* Bits above the width are not the counter's. */
	KUNIT_EXPECT_EQ(test, t_run_read(test, c, 0, 2, BIT_ULL(40) | 0x800010),
			(0x20ULL + 0x800000) * 64);
	/* 44 bits: a step across 2^24 is no wrap. */
	rctl_ctr_baseline(&c->d, 1, 2, 0, BIT_ULL(44) - 4);
	KUNIT_EXPECT_EQ(test, t_run_read(test, c, 1, 2, BIT_ULL(24) + 4),
			BIT_ULL(24) + 8);
}

static void rctl_ctr_unavailable_then_back(struct kunit *test)
{
	struct t_mon_ctx *c = t_run_setup(test);
	u64 val;

	rctl_ctr_baseline(&c->d, 0, 3, 0, 5000);
	KUNIT_EXPECT_EQ(test, t_run_read(test, c, 0, 3, 5100), 100 * 64);
	/* The hardware stops tracking the RMID, then restarts its counter. */
	t_mon.ret[3] = -ENODATA;
	rctl_lock();
	KUNIT_EXPECT_EQ(test, rctl_dom_read_here(&c->d, 0, 3, 0, &val), -ENODATA);
	rctl_unlock();
	/* Counted from zero again: no jump of 2^24 - 5100 units. */
	KUNIT_EXPECT_EQ(test, t_run_read(test, c, 0, 3, 40), (100 + 40) * 64);
	/* An error is not a restart: the sample stays. */
	t_mon.ret[3] = -EIO;
	rctl_lock();
	KUNIT_EXPECT_EQ(test, rctl_dom_read_here(&c->d, 0, 3, 0, &val), -EIO);
	rctl_unlock();
	KUNIT_EXPECT_EQ(test, t_run_read(test, c, 0, 3, 50), (100 + 50) * 64);
}

static void rctl_ctr_correction(struct kunit *test)
{
	struct t_mon_ctx *c = t_run_setup(test);

	rctl_ctr_baseline(&c->d, 1, 2, 0, 0);
	rctl_ctr_baseline(&c->d, 1, 5, 0, 0);
	/* Below the driver's threshold RMID: as counted. */
	KUNIT_EXPECT_EQ(test, t_run_read(test, c, 1, 2, 1 << 20), 1 << 20);
	/* Above it: the factor applies to the whole count. */
	KUNIT_EXPECT_EQ(test, t_run_read(test, c, 1, 5, 1 << 20), 1500000);
	KUNIT_EXPECT_EQ(test, t_run_read(test, c, 1, 5, 2 << 20), 3000000);
}

static void rctl_ctr_absolute_untouched(struct kunit *test)
{
	struct t_mon_ctx *c = t_run_setup(test);

	/* An absolute count is the driver's: no baseline, no folding. */
	rctl_ctr_baseline(&c->d, 2, 4, 0, 999);
	KUNIT_EXPECT_EQ(test, t_run_read(test, c, 2, 4, 999), 999);
	KUNIT_EXPECT_EQ(test, t_run_read(test, c, 2, 4, 3), 3);
	/* An RMID the resource lacks is refused. */
	KUNIT_EXPECT_EQ(test, rctl_ctr_account(&c->d, 0, T_RMIDS, 0, 1, &(u64){0}),
			-EINVAL);
}

/*
 * The overflow worker exists only while mounted, waits on a CPU of its
 * domain, moves off a CPU that leaves the domain, and is gone at
 * unmount. The test stands in for a mount by setting rctl_mounted while
 * it holds the lock; KUnit runs before anything can mount.
 */
static void rctl_ovf_only_while_mounted(struct kunit *test)
{
	struct t_mon_ctx *c = t_run_setup(test);
	unsigned int cpu, first, moved = nr_cpu_ids;
	bool was_mounted, started_unmounted;

	rctl_lock();
	was_mounted = rctl_mounted;
	if (was_mounted) {
		rctl_unlock();
		kunit_skip(test, "resctrl is mounted");
	}
	rctl_ovf_start(&c->d);
	started_unmounted = c->d.ovf;
	rctl_mounted = true;
	rctl_ovf_start(&c->d);
	first = rctl_ovf_queued_on(&c->d);
	if (first < nr_cpu_ids && cpumask_weight(&c->d.cpus) > 1) {
		cpumask_clear_cpu(first, &c->d.cpus);
		rctl_ovf_cpu_offline(&c->d, first);
		moved = rctl_ovf_queued_on(&c->d);
		cpumask_set_cpu(first, &c->d.cpus);
	}
	rctl_ovf_stop(&c->d);
	cpu = rctl_ovf_queued_on(&c->d);
	rctl_mounted = false;
	rctl_unlock();

	KUNIT_EXPECT_FALSE(test, started_unmounted);
	KUNIT_EXPECT_LT(test, first, nr_cpu_ids);
	KUNIT_EXPECT_TRUE(test, first < nr_cpu_ids &&
			  cpumask_test_cpu(first, &c->d.cpus));
	if (cpumask_weight(&c->d.cpus) > 1) {
		KUNIT_EXPECT_LT(test, moved, nr_cpu_ids);
		KUNIT_EXPECT_NE(test, moved, first);
	}
	KUNIT_EXPECT_NULL(test, c->d.ovf);
	KUNIT_EXPECT_EQ(test, cpu, nr_cpu_ids);
}

static struct kunit_case rctl_mon_cases[] = {
	KUNIT_CASE(rctl_ovf_only_while_mounted),
	KUNIT_CASE(rctl_ctr_baseline_at_hand_out),
	KUNIT_CASE(rctl_ctr_wraps_at_width),
	KUNIT_CASE(rctl_ctr_unavailable_then_back),
	KUNIT_CASE(rctl_ctr_correction),
	KUNIT_CASE(rctl_ctr_absolute_untouched),
	KUNIT_CASE(rctl_mon_sum_all_read),
	KUNIT_CASE(rctl_mon_sum_skips_failed_reads),
	KUNIT_CASE(rctl_mon_sum_all_failed),
	KUNIT_CASE(rctl_mon_sum_in_lots),
	KUNIT_CASE(rctl_mon_reads_on_domain_cpu),
	KUNIT_CASE(rctl_mon_reads_on_housekeeping_cpu),
	KUNIT_CASE(rctl_mon_lingers_at_threshold),
	KUNIT_CASE(rctl_mon_threshold_rounding),
	{}
};

static struct kunit_suite rctl_mon_suite = {
	.name = "resctrl_mon",
	.test_cases = rctl_mon_cases,
};

kunit_test_suite(rctl_mon_suite);
