// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the resource registry: what the registered resources add
 * up to, and which descriptions registration refuses.
 */
#include <kunit/test.h>

#include "../internal.h"

static const struct resctrl_resource_ops rctl_test_ops;

static struct resctrl_res *rctl_test_res(struct kunit *test, const char *name,
					 u32 num_closid, u32 num_rmid)
{
	struct resctrl_resource_desc *desc;
	struct resctrl_res *r;

	desc = kunit_kzalloc(test, sizeof(*desc), GFP_KERNEL);
	r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, desc);
	KUNIT_ASSERT_NOT_NULL(test, r);
	desc->name = name;
	desc->ctrl = num_closid ? RESCTRL_CTRL_BITMASK : RESCTRL_CTRL_NONE;
	desc->num_closid = num_closid;
	desc->num_rmid = num_rmid;
	desc->num_events = num_rmid ? 1 : 0;
	desc->ops = &rctl_test_ops;
	r->desc = desc;
	INIT_LIST_HEAD(&r->domains);
	return r;
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

static void rctl_counts_take_the_minimum(struct kunit *test)
{
	struct resctrl_res *l3 = rctl_test_res(test, "T_L3", 16, 0);
	struct resctrl_res *mb = rctl_test_res(test, "T_MB", 8, 0);
	struct resctrl_res *mon = rctl_test_res(test, "T_MON", 0, 64);
	struct resctrl_res *pkg = rctl_test_res(test, "T_PKG", 0, 32);

	/* The suite runs at boot, before any driver has registered. */
	KUNIT_ASSERT_TRUE(test, list_empty(&rctl_resources));
	KUNIT_EXPECT_FALSE(test, rctl_alloc_capable());
	KUNIT_EXPECT_FALSE(test, rctl_mon_capable());

	rctl_test_add(l3);
	KUNIT_EXPECT_EQ(test, rctl_num_closids(), 16);
	KUNIT_EXPECT_FALSE(test, rctl_mon_capable());
	rctl_test_add(mb);
	rctl_test_add(mon);
	rctl_test_add(pkg);
	KUNIT_EXPECT_EQ(test, rctl_num_closids(), 8);
	KUNIT_EXPECT_EQ(test, rctl_num_rmids(), 32);
	KUNIT_EXPECT_TRUE(test, rctl_alloc_capable());
	KUNIT_EXPECT_TRUE(test, rctl_mon_capable());

	/* A resource hidden from the mount does not count. */
	mb->hidden = true;
	KUNIT_EXPECT_EQ(test, rctl_num_closids(), 16);
	mb->hidden = false;

	mutex_lock(&rctl_mutex);
	KUNIT_EXPECT_PTR_EQ(test, rctl_find_resource("T_MB"), mb);
	KUNIT_EXPECT_NULL(test, rctl_find_resource("T_mb"));
	mutex_unlock(&rctl_mutex);

	rctl_test_del(mb);
	rctl_test_del(pkg);
	KUNIT_EXPECT_EQ(test, rctl_num_closids(), 16);
	KUNIT_EXPECT_EQ(test, rctl_num_rmids(), 64);
	rctl_test_del(l3);
	rctl_test_del(mon);
	KUNIT_EXPECT_EQ(test, rctl_num_closids(), 0);
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
	const struct resctrl_resource_desc good = {
		.name = "L3", .ctrl = RESCTRL_CTRL_BITMASK, .scope = RESCTRL_SCOPE_L3,
		.num_closid = 16, .bitmask = { .cbm_len = 20, .min_cbm_bits = 1 },
		.ops = &rctl_full_ops,
	};
	struct resctrl_resource_desc d;

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
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&d), 0);
	/* Neither control nor monitoring. */
	d.num_events = 0;
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&d), -EINVAL);
}

static void rctl_duplicate_name(struct kunit *test)
{
	const struct resctrl_resource_desc desc = {
		.name = "T_DUP", .ctrl = RESCTRL_CTRL_SCALAR,
		.scope = RESCTRL_SCOPE_PACKAGE, .num_closid = 4,
		.range = { .min = 0, .max = 7 }, .ops = &rctl_full_ops,
	};
	struct resctrl_res *r, *again;

	r = resctrl_register_resource(&desc, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(r));
	again = resctrl_register_resource(&desc, NULL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(again), -EEXIST);
	resctrl_unregister_resource(r);
	/* Gone for good: the name is free again. */
	r = resctrl_register_resource(&desc, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(r));
	resctrl_unregister_resource(r);
	mutex_lock(&rctl_mutex);
	rctl_status_clear();
	mutex_unlock(&rctl_mutex);
}

/* A control-only and a monitoring-only half may share a name and scope. */
static void rctl_name_halves(struct kunit *test)
{
	const struct resctrl_resource_desc mon = {
		.name = "T_HALF", .scope = RESCTRL_SCOPE_PACKAGE, .num_rmid = 4,
		.events = rctl_test_events, .num_events = 1, .ops = &rctl_full_ops,
	};
	struct resctrl_resource_desc ctrl = {
		.name = "T_HALF", .ctrl = RESCTRL_CTRL_SCALAR,
		.scope = RESCTRL_SCOPE_PACKAGE, .num_closid = 4,
		.range = { .min = 0, .max = 7 }, .ops = &rctl_full_ops,
	};
	struct resctrl_res *m, *c, *again;

	m = resctrl_register_resource(&mon, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(m));
	/* Another scope, or a second monitoring half, is refused. */
	ctrl.scope = RESCTRL_SCOPE_NODE;
	KUNIT_EXPECT_EQ(test, PTR_ERR(resctrl_register_resource(&ctrl, NULL)), -EEXIST);
	KUNIT_EXPECT_EQ(test, PTR_ERR(resctrl_register_resource(&mon, NULL)), -EEXIST);
	ctrl.scope = RESCTRL_SCOPE_PACKAGE;
	c = resctrl_register_resource(&ctrl, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c));
	/* A second control half is refused, against the first one. */
	again = resctrl_register_resource(&ctrl, NULL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(again), -EEXIST);
	resctrl_unregister_resource(c);
	resctrl_unregister_resource(m);
	mutex_lock(&rctl_mutex);
	rctl_status_clear();
	mutex_unlock(&rctl_mutex);
}

static struct kunit_case rctl_resource_cases[] = {
	KUNIT_CASE(rctl_counts_take_the_minimum),
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
