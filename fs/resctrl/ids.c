// SPDX-License-Identifier: GPL-2.0
/*
 * CLOSID and RMID pools. ID 0 belongs to the default group and is never
 * handed out. The pools are sized at mount from what the registered
 * resources can serve.
 *
 * CLOSIDs are handed out lowest first. RMIDs are handed out least
 * recently freed first, as upstream does (its free RMIDs form a list that
 * frees append to and allocations take from the head,
 * arch/x86/kernel/cpu/resctrl/monitor.c: free_rmid(), alloc_rmid()): a
 * counter that was busy a moment ago rests as long as possible before
 * another group counts with it. Such a pool keeps its free IDs in a ring
 * in the order they were freed.
 */
#include <linux/bitmap.h>
#include <linux/errno.h>
#include <linux/slab.h>

#include "internal.h"

struct rctl_id_pool rctl_closids;
struct rctl_id_pool rctl_rmids = { .lru = true };

/* Append a free ID to the ring of an LRU pool. */
static void rctl_id_ring_push(struct rctl_id_pool *pool, u32 id)
{
	pool->ring[(pool->head + pool->nfree) % pool->size] = id;
	pool->nfree++;
}

/* Take the least recently freed ID of an LRU pool. */
static u32 rctl_id_ring_pop(struct rctl_id_pool *pool)
{
	u32 id = pool->ring[pool->head];

	pool->head = (pool->head + 1) % pool->size;
	pool->nfree--;
	return id;
}

/*
 * Rebuild the ring of an LRU pool of @size IDs from @old (the previous
 * ring, @head and @nfree of @old_size entries, or NULL): free IDs keep
 * their order, and IDs the pool gains come after them, lowest first.
 */
static void rctl_id_ring_fill(struct rctl_id_pool *pool, const u32 *old,
			      u32 old_size, u32 head, u32 nfree)
{
	u32 i, id;

	pool->head = 0;
	pool->nfree = 0;
	for (i = 0; old && i < nfree; i++) {
		id = old[(head + i) % old_size];
		if (id < pool->size)
			rctl_id_ring_push(pool, id);
	}
	for (id = max(old ? old_size : 0, 1U); id < pool->size; id++)
		if (!test_bit(id, pool->used))
			rctl_id_ring_push(pool, id);
}

/**
 * rctl_id_pool_init() - make a pool of IDs 1 .. @size - 1
 * @pool: the pool, empty or destroyed
 * @size: the number of IDs the hardware has, ID 0 included; 0 or 1 makes
 *	a pool that never hands out an ID
 *
 * Return: 0, or -ENOMEM.
 */
int rctl_id_pool_init(struct rctl_id_pool *pool, u32 size)
{
	pool->used = bitmap_zalloc(max(size, 1U), GFP_KERNEL);
	pool->dirty = bitmap_zalloc(max(size, 1U), GFP_KERNEL);
	if (pool->lru)
		pool->ring = kcalloc(max(size, 1U), sizeof(*pool->ring), GFP_KERNEL);
	if (!pool->used || !pool->dirty || (pool->lru && !pool->ring)) {
		rctl_id_pool_destroy(pool);
		return -ENOMEM;
	}
	pool->size = size;
	/* The default group's ID. */
	__set_bit(0, pool->used);
	if (pool->lru)
		rctl_id_ring_fill(pool, NULL, 0, 0, 0);
	return 0;
}

void rctl_id_pool_destroy(struct rctl_id_pool *pool)
{
	bitmap_free(pool->used);
	bitmap_free(pool->dirty);
	kfree(pool->ring);
	pool->used = NULL;
	pool->dirty = NULL;
	pool->ring = NULL;
	pool->size = 0;
	pool->head = 0;
	pool->nfree = 0;
}

/**
 * rctl_id_alloc() - take a free ID of a pool
 * @pool: the pool
 *
 * The lowest free ID, or for an LRU pool the least recently freed one.
 *
 * Return: the ID, or -ENOSPC when every ID is in use.
 */
int rctl_id_alloc(struct rctl_id_pool *pool)
{
	unsigned long id;

	if (!pool->used)
		return -ENOSPC;
	if (pool->lru) {
		if (!pool->nfree)
			return -ENOSPC;
		id = rctl_id_ring_pop(pool);
		__set_bit(id, pool->used);
		return id;
	}
	id = find_first_zero_bit(pool->used, pool->size);
	if (id >= pool->size)
		return -ENOSPC;
	__set_bit(id, pool->used);
	return id;
}

/**
 * rctl_id_free() - give an ID back to its pool
 * @pool: the pool it came from
 * @id: the ID; 0 and IDs outside the pool are ignored
 */
void rctl_id_free(struct rctl_id_pool *pool, u32 id)
{
	if (!id || id >= pool->size)
		return;
	__clear_bit(id, pool->dirty);
	if (__test_and_clear_bit(id, pool->used) && pool->lru)
		rctl_id_ring_push(pool, id);
}

/**
 * rctl_id_pool_span() - one more than the highest ID in use
 * @pool: the pool
 *
 * Return: 1 when only the default group's ID is in use, 0 for a pool
 * that does not exist.
 */
u32 rctl_id_pool_span(const struct rctl_id_pool *pool)
{
	unsigned long last;

	if (!pool->used || !pool->size)
		return pool->used ? 1 : 0;
	last = find_last_bit(pool->used, pool->size);
	return last < pool->size ? last + 1 : 0;
}

/**
 * rctl_id_pool_resize() - change how many IDs a pool hands out
 * @pool: an initialised pool
 * @size: the new number of IDs, ID 0 included
 *
 * Return: 0, -EBUSY if an ID in use would fall outside, or -ENOMEM.
 */
int rctl_id_pool_resize(struct rctl_id_pool *pool, u32 size)
{
	unsigned int keep = min(size, max(pool->size, 1U));
	unsigned long *used, *dirty;
	u32 *ring = NULL, *old_ring = pool->ring, old_size = pool->size;

	if (size == pool->size)
		return 0;
	if (rctl_id_pool_span(pool) > size)
		return -EBUSY;
	used = bitmap_zalloc(max(size, 1U), GFP_KERNEL);
	dirty = bitmap_zalloc(max(size, 1U), GFP_KERNEL);
	if (pool->lru)
		ring = kcalloc(max(size, 1U), sizeof(*ring), GFP_KERNEL);
	if (!used || !dirty || (pool->lru && !ring)) {
		bitmap_free(used);
		bitmap_free(dirty);
		kfree(ring);
		return -ENOMEM;
	}
	bitmap_copy(used, pool->used, keep);
	bitmap_copy(dirty, pool->dirty, keep);
	bitmap_free(pool->used);
	bitmap_free(pool->dirty);
	pool->used = used;
	pool->dirty = dirty;
	pool->size = size;
	if (pool->lru) {
		pool->ring = ring;
		rctl_id_ring_fill(pool, old_ring, old_size, pool->head,
				  pool->nfree);
		kfree(old_ring);
	}
	return 0;
}

/**
 * rctl_id_pool_free() - how many IDs a pool can still hand out
 * @pool: the pool
 *
 * Return: the number of free IDs.
 */
u32 rctl_id_pool_free(const struct rctl_id_pool *pool)
{
	if (!pool->used || !pool->size)
		return 0;
	return pool->size - bitmap_weight(pool->used, pool->size);
}

/**
 * rctl_id_park() - keep a freed ID out of use until it is clean
 * @pool: the pool it came from
 * @id: the ID; 0 and IDs outside the pool are ignored
 *
 * The ID stays taken, marked dirty, until rctl_id_free() releases it.
 */
void rctl_id_park(struct rctl_id_pool *pool, u32 id)
{
	if (id && id < pool->size)
		__set_bit(id, pool->dirty);
}

/**
 * rctl_id_next_dirty() - the next parked ID
 * @pool: the pool
 * @from: where to start looking
 *
 * Return: the ID, or @pool->size when there is none.
 */
u32 rctl_id_next_dirty(const struct rctl_id_pool *pool, u32 from)
{
	if (!pool->dirty)
		return pool->size;
	return find_next_bit(pool->dirty, pool->size, from);
}
