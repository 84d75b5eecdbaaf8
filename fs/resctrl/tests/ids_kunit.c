// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the CLOSID and RMID pools.
 */
#include <kunit/test.h>

#include "../internal.h"

static void rctl_ids_lowest_first(struct kunit *test)
{
	struct rctl_id_pool pool = {};

	KUNIT_ASSERT_EQ(test, rctl_id_pool_init(&pool, 4), 0);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), 1);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), 2);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), 3);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), -ENOSPC);
	rctl_id_free(&pool, 2);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), 2);
	rctl_id_pool_destroy(&pool);
}

static void rctl_ids_default_is_reserved(struct kunit *test)
{
	struct rctl_id_pool pool = {};

	KUNIT_ASSERT_EQ(test, rctl_id_pool_init(&pool, 2), 0);
	/* Freeing ID 0 must not hand the default group's ID out. */
	rctl_id_free(&pool, 0);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), 1);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), -ENOSPC);
	/* IDs outside the pool are ignored, not written past its end. */
	rctl_id_free(&pool, 64);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), -ENOSPC);
	rctl_id_pool_destroy(&pool);
}

static void rctl_ids_empty_pools(struct kunit *test)
{
	struct rctl_id_pool pool = {};

	/* A never-initialised or destroyed pool hands nothing out. */
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), -ENOSPC);
	KUNIT_ASSERT_EQ(test, rctl_id_pool_init(&pool, 0), 0);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), -ENOSPC);
	rctl_id_pool_destroy(&pool);
	KUNIT_ASSERT_EQ(test, rctl_id_pool_init(&pool, 1), 0);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), -ENOSPC);
	rctl_id_pool_destroy(&pool);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), -ENOSPC);
}

static void rctl_ids_wide_pool(struct kunit *test)
{
	struct rctl_id_pool pool = {};
	int i;

	/* More than one word of bitmap. */
	KUNIT_ASSERT_EQ(test, rctl_id_pool_init(&pool, 200), 0);
	for (i = 1; i < 200; i++)
		KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), i);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), -ENOSPC);
	rctl_id_free(&pool, 130);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), 130);
	rctl_id_pool_destroy(&pool);
}

static void rctl_ids_lru_reuse(struct kunit *test)
{
	struct rctl_id_pool pool = { .lru = true };

	KUNIT_ASSERT_EQ(test, rctl_id_pool_init(&pool, 6), 0);
	/* Never used IDs go out in order. */
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), 1);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), 2);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), 3);
	/* Freed ones come after them, least recently freed first. */
	rctl_id_free(&pool, 3);
	rctl_id_free(&pool, 1);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), 4);
	rctl_id_free(&pool, 2);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), 5);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), 3);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), 1);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), 2);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), -ENOSPC);
	/* A parked ID is not free; freeing it twice queues it once. */
	rctl_id_park(&pool, 4);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), -ENOSPC);
	rctl_id_free(&pool, 4);
	rctl_id_free(&pool, 4);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), 4);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), -ENOSPC);
	rctl_id_pool_destroy(&pool);
}

static void rctl_ids_lru_resize(struct kunit *test)
{
	struct rctl_id_pool pool = { .lru = true };

	KUNIT_ASSERT_EQ(test, rctl_id_pool_init(&pool, 4), 0);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), 1);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), 2);
	rctl_id_free(&pool, 1);
	/* Growing keeps the freed order, then the new IDs. */
	KUNIT_ASSERT_EQ(test, rctl_id_pool_resize(&pool, 6), 0);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), 3);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), 1);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), 4);
	rctl_id_free(&pool, 4);
	rctl_id_free(&pool, 3);
	/* Shrinking drops the IDs that fall outside. */
	KUNIT_ASSERT_EQ(test, rctl_id_pool_resize(&pool, 4), 0);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), 3);
	KUNIT_EXPECT_EQ(test, rctl_id_alloc(&pool), -ENOSPC);
	rctl_id_pool_destroy(&pool);
}

static struct kunit_case rctl_ids_cases[] = {
	KUNIT_CASE(rctl_ids_lru_reuse),
	KUNIT_CASE(rctl_ids_lru_resize),
	KUNIT_CASE(rctl_ids_lowest_first),
	KUNIT_CASE(rctl_ids_default_is_reserved),
	KUNIT_CASE(rctl_ids_empty_pools),
	KUNIT_CASE(rctl_ids_wide_pool),
	{}
};

static struct kunit_suite rctl_ids_suite = {
	.name = "resctrl_ids",
	.test_cases = rctl_ids_cases,
};

kunit_test_suite(rctl_ids_suite);
