// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of what the registered resources add up to.
 */
#include <kunit/test.h>

#include "../internal.h"

static void rctl_resource_add(struct kunit *test, struct rctl_resource *r)
{
	mutex_lock(&rctl_mutex);
	list_add_tail(&r->list, &rctl_resources);
	mutex_unlock(&rctl_mutex);
}

static void rctl_resource_del(struct rctl_resource *r)
{
	mutex_lock(&rctl_mutex);
	list_del(&r->list);
	mutex_unlock(&rctl_mutex);
}

static void rctl_counts_take_the_minimum(struct kunit *test)
{
	struct rctl_resource l3 = { .name = "T_L3", .num_closid = 16, .num_rmid = 0 };
	struct rctl_resource mb = { .name = "T_MB", .num_closid = 8, .num_rmid = 0 };
	struct rctl_resource mon = { .name = "T_MON", .num_closid = 0, .num_rmid = 64 };
	struct rctl_resource pkg = { .name = "T_PKG", .num_closid = 0, .num_rmid = 32 };

	/* The suite runs at boot, before any driver has registered. */
	KUNIT_ASSERT_TRUE(test, list_empty(&rctl_resources));
	KUNIT_EXPECT_FALSE(test, rctl_alloc_capable());
	KUNIT_EXPECT_FALSE(test, rctl_mon_capable());

	rctl_resource_add(test, &l3);
	KUNIT_EXPECT_EQ(test, rctl_num_closids(), 16);
	KUNIT_EXPECT_FALSE(test, rctl_mon_capable());
	rctl_resource_add(test, &mb);
	rctl_resource_add(test, &mon);
	rctl_resource_add(test, &pkg);
	KUNIT_EXPECT_EQ(test, rctl_num_closids(), 8);
	KUNIT_EXPECT_EQ(test, rctl_num_rmids(), 32);
	KUNIT_EXPECT_TRUE(test, rctl_alloc_capable());
	KUNIT_EXPECT_TRUE(test, rctl_mon_capable());

	mutex_lock(&rctl_mutex);
	KUNIT_EXPECT_PTR_EQ(test, rctl_find_resource("T_MB"), &mb);
	KUNIT_EXPECT_NULL(test, rctl_find_resource("T_mb"));
	mutex_unlock(&rctl_mutex);

	rctl_resource_del(&mb);
	rctl_resource_del(&pkg);
	KUNIT_EXPECT_EQ(test, rctl_num_closids(), 16);
	KUNIT_EXPECT_EQ(test, rctl_num_rmids(), 64);
	rctl_resource_del(&l3);
	rctl_resource_del(&mon);
	KUNIT_EXPECT_EQ(test, rctl_num_closids(), 0);
}

static struct kunit_case rctl_resource_cases[] = {
	KUNIT_CASE(rctl_counts_take_the_minimum),
	{}
};

static struct kunit_suite rctl_resource_suite = {
	.name = "resctrl_resources",
	.test_cases = rctl_resource_cases,
};

kunit_test_suite(rctl_resource_suite);
