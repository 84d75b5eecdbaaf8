// SPDX-License-Identifier: GPL-2.0
/*
 * RMID limbo. Cache lines tagged with an RMID stay in the cache after the
 * RMID's group is gone, and would count for whoever gets the RMID next.
 * So a freed RMID waits, parked, until no domain of a resource with an
 * occupancy event counts more than the resource's
 * info/<NAME>_MON/max_threshold_occupancy for it. A worker looks once a
 * second while any RMID waits, and an allocation that finds only parked
 * RMIDs looks at once.
 */
#include <linux/cpu.h>
#include <linux/workqueue.h>

#include "internal.h"

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

/* Whether some domain still counts more than its threshold for @rmid. */
static bool rctl_rmid_lingers(u32 rmid)
{
	struct resctrl_res *r;
	struct resctrl_dom *d;
	int evt, ret;
	u64 val;

	for (r = rctl_res_next(NULL); r; r = rctl_res_next(r)) {
		evt = rctl_occupancy_evt(r);
		if (evt < 0)
			continue;
		for (d = rctl_dom_next(r, NULL); d; d = rctl_dom_next(r, d)) {
			ret = rctl_dom_read(d, 0, rmid, evt, &val);
			/* No count at all: nothing lingers there. */
			if (ret == -ENODATA)
				continue;
			if (ret || val > r->occ_threshold)
				return true;
		}
	}
	return false;
}

/* Release the parked RMIDs that drained; whether some still wait. */
static bool rctl_limbo_check(void)
{
	bool waiting = false;
	u32 rmid;

	lockdep_assert_held(&rctl_mutex);
	for (rmid = rctl_id_next_dirty(&rctl_rmids, 0); rmid < rctl_rmids.size;
	     rmid = rctl_id_next_dirty(&rctl_rmids, rmid + 1)) {
		if (rctl_rmid_lingers(rmid))
			waiting = true;
		else
			rctl_id_free(&rctl_rmids, rmid);
	}
	return waiting;
}

static void rctl_limbo_work_fn(struct work_struct *work)
{
	cpus_read_lock();
	mutex_lock(&rctl_mutex);
	if (rctl_mounted && rctl_limbo_check())
		schedule_delayed_work(&rctl_limbo_work, HZ);
	mutex_unlock(&rctl_mutex);
	cpus_read_unlock();
}

/* Is there an occupancy count that could linger? */
static bool rctl_limbo_needed(void)
{
	struct resctrl_res *r;

	for (r = rctl_res_next(NULL); r; r = rctl_res_next(r))
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
	schedule_delayed_work(&rctl_limbo_work, HZ);
}

/**
 * rctl_rmid_alloc() - take a clean RMID for a new group
 *
 * Return: the RMID, -ENOSPC when every RMID is in use, or -EBUSY when
 * the only free ones still wait in limbo.
 */
int rctl_rmid_alloc(void)
{
	int rmid = rctl_id_alloc(&rctl_rmids);

	if (rmid != -ENOSPC || rctl_id_next_dirty(&rctl_rmids, 0) >= rctl_rmids.size)
		return rmid;
	/* Only parked RMIDs are left: some may have drained since. */
	rctl_limbo_check();
	rmid = rctl_id_alloc(&rctl_rmids);
	return rmid == -ENOSPC ? -EBUSY : rmid;
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
