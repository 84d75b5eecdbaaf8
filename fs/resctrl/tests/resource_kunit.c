// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the resource registry: what the registered resources add
 * up to, and which descriptions registration refuses.
 */
#include <kunit/resource.h>
#include <kunit/test.h>

#include "../internal.h"

static const struct resctrl_resource_ops rctl_test_ops;

static struct resctrl_res *rctl_test_res(struct kunit *test, const char *name,
					 u32 num_closid, u32 num_rmid)
{
	struct rctl_desc *desc;
	struct resctrl_res *r;

	desc = kunit_kzalloc(test, sizeof(*desc), GFP_KERNEL);
	r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, desc);
	KUNIT_ASSERT_NOT_NULL(test, r);
	desc->name = name;
	desc->ctrl = num_closid ? RESCTRL_CTRL_BITMASK : RESCTRL_CTRL_NONE;
	desc->num_closid = num_closid;
	desc->max_closid = num_closid;
	desc->num_rmid = num_rmid;
	desc->max_rmid = num_rmid;
	desc->num_events = num_rmid ? 1 : 0;
	desc->ops = &rctl_test_ops;
	r->desc = desc;
	INIT_LIST_HEAD(&r->domains);
	return r;
}

/**
 * rctl_test_register() - register a resource described by a flat view
 * @v: description and capabilities in one structure, as suites write them
 * @priv: the driver data
 *
 * Splits @v into the two structures drivers pass, then registers through
 * the drivers' entry point. Context: process; may sleep.
 *
 * Return: as resctrl_register_resource().
 */
struct resctrl_res *rctl_test_register(const struct rctl_desc *v, void *priv)
{
	const struct resctrl_resource_desc desc = {
		.name = v->name, .ctrl = v->ctrl, .scope = v->scope,
		.info = v->info, .mon_info = v->mon_info, .files = v->files,
		.group_data_size = v->group_data_size,
		.plugin_option = v->plugin_option, .claim = v->claim,
		.run_on_domain_cpu = v->run_on_domain_cpu, .ctrls = v->ctrls,
		.num_ctrls = v->num_ctrls, .unit = v->unit,
		.resolution = v->resolution, .memory_nodes = v->memory_nodes,
		.mon_in_l3 = v->mon_in_l3, .ops = v->ops,
	};
	struct resctrl_resource_caps caps = {
		.num_closid = v->num_closid, .num_rmid = v->num_rmid,
		.default_val = v->default_val,
		.occupancy_threshold = v->occupancy_threshold,
		.occupancy_limit = v->occupancy_limit, .events = v->events,
		.num_events = v->num_events, .cdp_capable = v->cdp_capable,
	};

	if (v->ctrl == RESCTRL_CTRL_BITMASK)
		caps.bitmask = v->bitmask;
	else
		caps.range = v->range;
	return resctrl_register_resource(&desc, &caps, priv);
}

static void rctl_test_add(struct resctrl_res *r)
{
	mutex_lock(&rctl_mutex);
	list_add_tail(&r->list, &rctl_resources);
	mutex_unlock(&rctl_mutex);
}

static void rctl_test_del(struct resctrl_res *r)
{
	mutex_lock(&rctl_mutex);
	list_del(&r->list);
	mutex_unlock(&rctl_mutex);
}

/* The smaller of two counts, where 0 means "none". */
static u32 rctl_test_min(u32 a, u32 b)
{
	return a && b ? min(a, b) : a | b;
}

static u32 rctl_saved_limits[2];

static void rctl_test_restore_limits(void *unused)
{
	resctrl_set_cpu_id_limits(rctl_saved_limits[0], rctl_saved_limits[1]);
}

/*
 * Lift the CPUs' ID limits for the rest of the test (they come back when
 * it ends) and count the IDs of what is registered already.
 */
static void rctl_test_no_limits(struct kunit *test, u32 *closids, u32 *rmids)
{
	rctl_saved_limits[0] = rctl_cpu_closid_limit;
	rctl_saved_limits[1] = rctl_cpu_rmid_limit;
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, rctl_test_restore_limits,
							NULL), 0);
	resctrl_set_cpu_id_limits(0, 0);
	*closids = rctl_num_closids();
	*rmids = rctl_num_rmids();
}

/*
 * Counts are checked relative to what is registered already: on an RDT
 * machine the x86 backend's resources are there before KUnit runs.
 */
static void rctl_counts_take_the_minimum(struct kunit *test)
{
	struct resctrl_res *l3 = rctl_test_res(test, "T_L3", 16, 0);
	struct resctrl_res *mb = rctl_test_res(test, "T_MB", 8, 0);
	struct resctrl_res *mon = rctl_test_res(test, "T_MON", 0, 64);
	struct resctrl_res *pkg = rctl_test_res(test, "T_PKG", 0, 32);
	u32 closids, rmids;

	/* The CPUs' limits have their own case. */
	rctl_test_no_limits(test, &closids, &rmids);
	KUNIT_EXPECT_EQ(test, rctl_alloc_capable(), closids > 0);
	KUNIT_EXPECT_EQ(test, rctl_mon_capable(), rmids > 0);

	rctl_test_add(l3);
	KUNIT_EXPECT_EQ(test, rctl_num_closids(), rctl_test_min(closids, 16));
	KUNIT_EXPECT_EQ(test, rctl_num_rmids(), rmids);
	rctl_test_add(mb);
	rctl_test_add(mon);
	rctl_test_add(pkg);
	KUNIT_EXPECT_EQ(test, rctl_num_closids(), rctl_test_min(closids, 8));
	KUNIT_EXPECT_EQ(test, rctl_num_rmids(), rctl_test_min(rmids, 32));
	KUNIT_EXPECT_TRUE(test, rctl_alloc_capable());
	KUNIT_EXPECT_TRUE(test, rctl_mon_capable());

	/* A resource hidden from the mount does not count. */
	mb->hidden = true;
	KUNIT_EXPECT_EQ(test, rctl_num_closids(), rctl_test_min(closids, 16));
	mb->hidden = false;

	mutex_lock(&rctl_mutex);
	KUNIT_EXPECT_PTR_EQ(test, rctl_find_resource("T_MB"), mb);
	KUNIT_EXPECT_NULL(test, rctl_find_resource("T_mb"));
	mutex_unlock(&rctl_mutex);

	rctl_test_del(mb);
	rctl_test_del(pkg);
	KUNIT_EXPECT_EQ(test, rctl_num_closids(), rctl_test_min(closids, 16));
	KUNIT_EXPECT_EQ(test, rctl_num_rmids(), rctl_test_min(rmids, 64));
	rctl_test_del(l3);
	rctl_test_del(mon);
	KUNIT_EXPECT_EQ(test, rctl_num_closids(), closids);
	KUNIT_EXPECT_EQ(test, rctl_num_rmids(), rmids);
}

/*
 * The IDs the CPUs can carry bound what groups get, whatever resources
 * (a plugin one with more CLOSIDs, hide=) a mount shows.
 */
static void rctl_cpu_limits_bound_the_ids(struct kunit *test)
{
	struct resctrl_res *plug = rctl_test_res(test, "T_PLUG", 64, 0);
	struct resctrl_res *mon = rctl_test_res(test, "T_MON", 0, 512);
	u32 closids, rmids;

	rctl_test_no_limits(test, &closids, &rmids);
	rctl_test_add(plug);
	rctl_test_add(mon);
	closids = rctl_test_min(closids, 64);
	rmids = rctl_test_min(rmids, 512);
	KUNIT_EXPECT_EQ(test, rctl_num_closids(), closids);
	KUNIT_EXPECT_EQ(test, rctl_num_rmids(), rmids);

	resctrl_set_cpu_id_limits(8, 224);
	KUNIT_EXPECT_EQ(test, rctl_num_closids(), min(closids, 8));
	KUNIT_EXPECT_EQ(test, rctl_num_rmids(), min(rmids, 224));
	/* A monitoring-only CPU: the default group alone gets a CLOSID. */
	resctrl_set_cpu_id_limits(1, 224);
	KUNIT_EXPECT_EQ(test, rctl_num_closids(), 1);
	KUNIT_EXPECT_TRUE(test, rctl_alloc_capable());
	/* Only one of the two may be limited. */
	resctrl_set_cpu_id_limits(0, 2);
	KUNIT_EXPECT_EQ(test, rctl_num_closids(), closids);
	KUNIT_EXPECT_EQ(test, rctl_num_rmids(), 2);

	rctl_test_del(plug);
	rctl_test_del(mon);
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

static int rctl_test_parse(struct resctrl_res *r, struct resctrl_dom *d,
			   const char *text, u32 *val)
{
	return 0;
}

static const struct resctrl_resource_ops rctl_full_ops = {
	.apply = rctl_test_apply,
	.read_event = rctl_test_read,
};

static const struct resctrl_event_desc rctl_test_events[] = {
	{ .name = "llc_occupancy", .id = 1 },
};

static void rctl_desc_checks(struct kunit *test)
{
	const struct resctrl_resource_ops custom_ops = {
		.apply = rctl_test_apply, .parse = rctl_test_parse,
	};
	const struct rctl_desc good = {
		.name = "L3", .ctrl = RESCTRL_CTRL_BITMASK, .scope = RESCTRL_SCOPE_L3,
		.num_closid = 16, .max_closid = 16, .bitmask = { .cbm_len = 20, .min_cbm_bits = 1 },
		.ops = &rctl_full_ops,
	};
	struct rctl_desc d;

	KUNIT_EXPECT_EQ(test, rctl_check_desc(&good), 0);

	d = good;
	d.name = "L3 ";
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&d), -EINVAL);
	d = good;
	d.name = "A:B";
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&d), -EINVAL);
	/* It would take the name of L3's info/L3_MON. */
	d = good;
	d.name = "L3_MON";
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&d), -EINVAL);
	d.name = "MON";
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&d), 0);
	d = good;
	d.num_closid = 0;
	d.max_closid = 0;
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&d), -EINVAL);
	d = good;
	d.bitmask.cbm_len = 33;
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&d), -EINVAL);
	d = good;
	d.bitmask.min_cbm_bits = 21;
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&d), -EINVAL);
	d = good;
	d.ctrl = RESCTRL_CTRL_PERCENT;
	d.range.min = 50;
	d.range.max = 10;
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&d), -EINVAL);
	/* A custom control without format(). */
	d = good;
	d.ctrl = RESCTRL_CTRL_CUSTOM;
	d.ops = &custom_ops;
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&d), -EINVAL);
	/* Monitoring needs RMIDs. */
	d = good;
	d.ctrl = RESCTRL_CTRL_NONE;
	d.events = rctl_test_events;
	d.num_events = 1;
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&d), -EINVAL);
	d.num_rmid = 32;
	d.max_rmid = 32;
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&d), 0);
	/* Neither control nor monitoring. */
	d.num_events = 0;
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&d), -EINVAL);
}

static void rctl_duplicate_name(struct kunit *test)
{
	const struct rctl_desc desc = {
		.name = "T_DUP", .ctrl = RESCTRL_CTRL_SCALAR,
		.scope = RESCTRL_SCOPE_PACKAGE, .num_closid = 4, .max_closid = 4,
		.range = { .min = 0, .max = 7 }, .ops = &rctl_full_ops,
	};
	struct resctrl_res *r, *again;

	r = rctl_test_register(&desc, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(r));
	again = rctl_test_register(&desc, NULL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(again), -EEXIST);
	resctrl_unregister_resource(r);
	/* Gone for good: the name is free again. */
	r = rctl_test_register(&desc, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(r));
	resctrl_unregister_resource(r);
	mutex_lock(&rctl_mutex);
	rctl_status_clear();
	mutex_unlock(&rctl_mutex);
}

/* A control-only and a monitoring-only half may share a name and scope. */
static void rctl_name_halves(struct kunit *test)
{
	const struct rctl_desc mon = {
		.name = "T_HALF", .scope = RESCTRL_SCOPE_PACKAGE, .num_rmid = 4, .max_rmid = 4,
		.events = rctl_test_events, .num_events = 1, .ops = &rctl_full_ops,
	};
	struct rctl_desc ctrl = {
		.name = "T_HALF", .ctrl = RESCTRL_CTRL_SCALAR,
		.scope = RESCTRL_SCOPE_PACKAGE, .num_closid = 4, .max_closid = 4,
		.range = { .min = 0, .max = 7 }, .ops = &rctl_full_ops,
	};
	struct resctrl_res *m, *c, *again;

	m = rctl_test_register(&mon, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(m));
	/* Another scope, or a second monitoring half, is refused. */
	ctrl.scope = RESCTRL_SCOPE_NODE;
	KUNIT_EXPECT_EQ(test, PTR_ERR(rctl_test_register(&ctrl, NULL)), -EEXIST);
	KUNIT_EXPECT_EQ(test, PTR_ERR(rctl_test_register(&mon, NULL)), -EEXIST);
	ctrl.scope = RESCTRL_SCOPE_PACKAGE;
	c = rctl_test_register(&ctrl, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c));
	/* A second control half is refused, against the first one. */
	again = rctl_test_register(&ctrl, NULL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(again), -EEXIST);
	resctrl_unregister_resource(c);
	resctrl_unregister_resource(m);
	mutex_lock(&rctl_mutex);
	rctl_status_clear();
	mutex_unlock(&rctl_mutex);
}

static struct kunit_case rctl_resource_cases[] = {
	KUNIT_CASE(rctl_counts_take_the_minimum),
	KUNIT_CASE(rctl_cpu_limits_bound_the_ids),
	KUNIT_CASE(rctl_desc_checks),
	KUNIT_CASE(rctl_duplicate_name),
	KUNIT_CASE(rctl_name_halves),
	{}
};

static struct kunit_suite rctl_resource_suite = {
	.name = "resctrl_resources",
	.test_cases = rctl_resource_cases,
};

kunit_test_suite(rctl_resource_suite);
