// SPDX-License-Identifier: GPL-2.0
/*
 * RMID limbo. Cache lines tagged with an RMID stay in the cache after the
 * RMID's group is gone, and would count for whoever gets the RMID next.
 * So a freed RMID waits, parked, while some domain of a resource with an
 * occupancy event counts at least the resource's
 * info/<NAME>_MON/max_threshold_occupancy for it, or cannot read its
 * count, as upstream decides (arch/x86/kernel/cpu/resctrl/monitor.c:
 * __check_limbo(), "rmid_dirty = (val >= resctrl_rmid_realloc_threshold)"
 * and a failed read counts as dirty).
 *
 * A worker looks once a second while any RMID waits and the filesystem
 * is mounted. It reads each domain's counts in batches on a housekeeping
 * CPU of that domain (rctl_dom_run()), never one cross-CPU call per RMID,
 * and lets go of the core lock between batches, so that neither mkdir
 * nor a file read waits behind thousands of parked RMIDs. An allocation
 * that finds only parked RMIDs does not look itself: it fails at once
 * with -EBUSY, as upstream's does.
 */
#include <linux/bitmap.h>
#include <linux/cpu.h>
#include <linux/sched.h>
#include <linux/workqueue.h>

#include "internal.h"

/* Parked RMIDs one batch reads, between two releases of the lock. */
#define RCTL_LIMBO_BATCH	64

static void rctl_limbo_work_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(rctl_limbo_work, rctl_limbo_work_fn);

/* The index of @r's occupancy event, or -1. */
static int rctl_occupancy_evt(struct resctrl_res *r)
{
	unsigned int i;

	for (i = 0; i < r->desc->num_events; i++)
		if (r->desc->events[i].occupancy)
			return i;
	return -1;
}

/**
 * rctl_occ_round() - round an occupancy threshold as the hardware counts
 * @r: a resource with an occupancy event
 * @val: the threshold, in the event's unit
 *
 * Down to a multiple of the occupancy event's &resctrl_event_desc.scale,
 * as upstream rounds the default and every write of
 * max_threshold_occupancy (arch/x86/include/asm/resctrl.h:
 * resctrl_arch_round_mon_val()).
 *
 * Return: the rounded threshold.
 */
u32 rctl_occ_round(const struct resctrl_res *r, u32 val)
{
	int evt = rctl_occupancy_evt((struct resctrl_res *)r);
	u32 scale = evt < 0 ? 0 : r->desc->events[evt].scale;

	return scale > 1 ? val - val % scale : val;
}

/**
 * struct rctl_limbo_batch - one batch of occupancy reads in a domain
 * @d: the domain
 * @evt: the occupancy event's index
 * @threshold: counts at or above it linger
 * @check: the parked RMIDs this pass looks at
 * @lingers: set for each RMID that still counts, or could not be read
 * @size: bits in @check and @lingers
 * @from: in: the first RMID to look at; out: where the next batch starts
 */
struct rctl_limbo_batch {
	struct resctrl_dom *d;
	unsigned int evt;
	u32 threshold;
	const unsigned long *check;
	unsigned long *lingers;
	u32 size;
	u32 from;
};

/**
 * rctl_rmid_lingers_in() - whether a parked RMID still holds a domain
 * @d: the domain, in a batch of rctl_dom_run()
 * @evt: the occupancy event's index
 * @threshold: max_threshold_occupancy
 * @rmid: the RMID
 *
 * Return: true if its count is at or above @threshold or cannot be read.
 */
bool rctl_rmid_lingers_in(struct resctrl_dom *d, unsigned int evt,
			  u32 threshold, u32 rmid)
{
	u64 val;

	return rctl_dom_read_here(d, 0, rmid, evt, &val) || val >= threshold;
}

static int rctl_limbo_batch_fn(void *arg)
{
	struct rctl_limbo_batch *b = arg;
	unsigned int n = 0;
	u32 rmid = b->from;

	for (rmid = find_next_bit(b->check, b->size, rmid);
	     rmid < b->size && n < RCTL_LIMBO_BATCH;
	     rmid = find_next_bit(b->check, b->size, rmid + 1)) {
		/* Another domain already holds it. */
		if (test_bit(rmid, b->lingers))
			continue;
		n++;
		if (rctl_rmid_lingers_in(b->d, b->evt, b->threshold, rmid))
			__set_bit(rmid, b->lingers);
	}
	b->from = rmid;
	return 0;
}

/*
 * Let go of the lock for a moment. Whether the pass can go on: still
 * mounted, the same RMID pool, @r still registered.
 */
static bool rctl_limbo_breathe(struct resctrl_res *r, const unsigned long *pool)
{
	rctl_unlock();
	cond_resched();
	rctl_lock();
	return rctl_mounted && rctl_rmids.used == pool && !r->dead;
}

/*
 * Read every parked RMID of @check in each online domain of @r; mark in
 * @lingers those that stay. False when the pass had to stop: then the
 * caller frees nothing.
 */
static bool rctl_limbo_check_res(struct resctrl_res *r, int evt,
				 const unsigned long *check,
				 unsigned long *lingers, u32 size)
{
	const unsigned long *pool = rctl_rmids.used;
	struct rctl_limbo_batch b = { .evt = evt, .check = check,
				      .lingers = lingers, .size = size };
	struct resctrl_dom *d;
	bool ok = true;

	rctl_res_pin(r);
	for_each_rctl_domain(d, r) {
		b.d = d;
		b.from = 0;
		while (ok && d->online && b.from < size) {
			b.threshold = r->occ_threshold;
			if (rctl_dom_run(d, rctl_limbo_batch_fn, &b))
				bitmap_or(lingers, lingers, check, size);
			if (b.from < size)
				ok = rctl_limbo_breathe(r, pool);
		}
		/* The lock was let go and not retaken in time: @d may be gone. */
		if (!ok)
			break;
	}
	rctl_res_unpin(r);
	return ok;
}

/*
 * One pass: release the parked RMIDs that drained everywhere. Whether
 * some still wait. Context: cpus_read_lock() and rctl_mutex held; both
 * are let go between batches.
 */
static bool rctl_limbo_check(void)
{
	unsigned long *check, *lingers;
	const unsigned long *pool;
	struct resctrl_res *r;
	u32 size, rmid;
	bool ok = true;
	int evt;

	lockdep_assert_held(&rctl_mutex);
	size = rctl_rmids.size;
	pool = rctl_rmids.used;
	if (!pool || rctl_id_next_dirty(&rctl_rmids, 0) >= size)
		return false;
	check = bitmap_zalloc(size, GFP_KERNEL);
	lingers = bitmap_zalloc(size, GFP_KERNEL);
	if (!check || !lingers) {
		bitmap_free(check);
		bitmap_free(lingers);
		return true;
	}
	bitmap_copy(check, rctl_rmids.dirty, size);
	for_each_rctl_resource(r) {
		evt = rctl_occupancy_evt(r);
		if (evt >= 0)
			ok = rctl_limbo_check_res(r, evt, check, lingers, size);
		/* Not ok: @r may be gone, the pass ends here. */
		if (!ok)
			break;
	}
	/*
	 * An RMID parked during the pass was not read everywhere: it is not
	 * in @check, and waits for the next pass.
	 */
	if (ok && rctl_rmids.used == pool)
		for_each_set_bit(rmid, check, size)
			if (!test_bit(rmid, lingers) &&
			    rctl_id_next_dirty(&rctl_rmids, rmid) == rmid)
				rctl_id_free(&rctl_rmids, rmid);
	bitmap_free(check);
	bitmap_free(lingers);
	return rctl_mounted && rctl_rmids.used &&
	       rctl_id_next_dirty(&rctl_rmids, 0) < rctl_rmids.size;
}

static void rctl_limbo_work_fn(struct work_struct *work)
{
	rctl_lock();
	/* On an unbound worker: never on a nohz_full or isolated CPU. */
	if (rctl_mounted && rctl_limbo_check())
		queue_delayed_work(system_unbound_wq, &rctl_limbo_work, HZ);
	rctl_unlock();
}

/* Is there an occupancy count that could linger? */
static bool rctl_limbo_needed(void)
{
	struct resctrl_res *r;

	for_each_rctl_resource(r)
		if (rctl_occupancy_evt(r) >= 0 && rctl_dom_next(r, NULL))
			return true;
	return false;
}

/**
 * rctl_rmid_release() - give back the RMID of a group being removed
 * @rmid: the RMID; 0 is ignored
 *
 * It waits in limbo if an occupancy count could linger for it.
 */
void rctl_rmid_release(u32 rmid)
{
	lockdep_assert_held(&rctl_mutex);
	if (!rmid)
		return;
	if (!rctl_limbo_needed()) {
		rctl_id_free(&rctl_rmids, rmid);
		return;
	}
	rctl_id_park(&rctl_rmids, rmid);
	queue_delayed_work(system_unbound_wq, &rctl_limbo_work, HZ);
}

/**
 * rctl_rmid_alloc() - take a clean RMID for a new group
 *
 * The least recently freed clean RMID. When only parked RMIDs are left
 * this fails at once, without reading them, as upstream's
 * resctrl_find_free_rmid() does ("rmid_limbo_count ? -EBUSY : -ENOSPC").
 *
 * Return: the RMID, -ENOSPC when every RMID is in use, or -EBUSY when
 * the only free ones still wait in limbo.
 */
int rctl_rmid_alloc(void)
{
	int rmid = rctl_id_alloc(&rctl_rmids);

	if (rmid == -ENOSPC && rctl_id_next_dirty(&rctl_rmids, 0) < rctl_rmids.size)
		return -EBUSY;
	return rmid;
}

/**
 * rctl_limbo_stop() - stop looking, at unmount
 *
 * Context: without rctl_mutex, which the worker takes.
 */
void rctl_limbo_stop(void)
{
	cancel_delayed_work_sync(&rctl_limbo_work);
}
