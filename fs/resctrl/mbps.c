// SPDX-License-Identifier: GPL-2.0
/*
 * The mba_MBps software controller.
 *
 * With the mount option mba_MBps, a PERCENT resource that has a
 * bandwidth source takes memory bandwidth targets in MBps (MiB/s) in
 * schemata instead of percentages, and a worker steers the percentage
 * programmed in each domain, for each CTRL_MON group, towards the target:
 * once a second it measures the group's bandwidth and moves the
 * percentage one granularity step down while the group is above its
 * target, or one step up while the step up is not expected to take it
 * above.
 *
 * The pairing knows nothing of any architecture. A bandwidth source of a
 * linear PERCENT resource (&resctrl_range_params.delay_linear) is an
 * event flagged &resctrl_event_desc.bandwidth of a resource of the mount
 * whose domains have the same scope, so that the domains pair by id; for
 * DEVICE scope only the resource's own events qualify, for device ids
 * mean nothing across drivers. Among several sources an event named
 * "mbm_local_bytes" wins, as upstream measures local MBM; otherwise the
 * first in registration order.
 *
 * A group's bandwidth is its whole traffic: the counts of the CTRL_MON
 * group's RMID and of every MON group in it, as upstream adds them
 * up and as its mon_data files show. A period's bandwidth is the growth
 * of that sum over the time since the previous reading. The sum starts
 * afresh (no step that period) when the MON groups that make it up
 * change, when it goes backwards (an RMID reused), when resources come or
 * go, and after a read error (-EIO, -ENODATA: no step that period, the
 * previous reading stays the baseline).
 *
 * Whether a resource is steered is decided when it joins the mount (at
 * mount or when registered while mounted) and lasts as long as the
 * mount: its schemata line never changes syntax under a user's feet. If
 * its source goes away meanwhile the controller leaves the percentages
 * as they are until a source returns.
 *
 * Everything here runs under rctl_mutex (after cpus_read_lock()), the
 * worker included, and keeps no pointer to a resource or domain from one
 * run to the next: a resource that is unregistered, or a domain that
 * goes offline, is simply not seen by the next run, so unregistration
 * needs no more than the lock to be safe.
 */
#include <linux/cpu.h>
#include <linux/hash.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include "internal.h"

/* A target no bandwidth reaches: the default, as upstream's MBA_MAX_MBPS. */
#define RCTL_MBPS_UNLIMITED	U32_MAX
/* The bandwidth event preferred where several qualify. */
#define RCTL_MBPS_PREFERRED	"mbm_local_bytes"
/* The period of the controller. */
#define RCTL_MBPS_PERIOD	HZ

/**
 * struct rctl_mbps_slot - the controller's state for one CLOSID in one
 *	domain of a PERCENT resource
 * @target: the bandwidth the user asked for, in MBps
 * @bytes: the group's count at the last reading
 * @when: ktime_get_ns() of the last reading
 * @sig: which RMIDs made up @bytes
 * @epoch: rctl_mbps_epoch at the last reading; 0 for none
 * @fresh: no reading yet since a new group took the CLOSID at @when: its
 *	counts started from zero then, whichever RMIDs join it before the
 *	first reading
 *
 * The percentage in force is the domain's &resctrl_dom.vals entry.
 */
struct rctl_mbps_slot {
	u32 target;
	u64 bytes;
	u64 when;
	u64 sig;
	unsigned long epoch;
	bool fresh;
};

/* Changes whenever readings stop being comparable (resources, mounts). */
static unsigned long rctl_mbps_epoch = 1;

static void rctl_mbps_work_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(rctl_mbps_work, rctl_mbps_work_fn);

static bool rctl_mbps_steerable(const struct rctl_desc *desc)
{
	return desc->ctrl == RESCTRL_CTRL_PERCENT && desc->range.delay_linear;
}

/**
 * rctl_mbps_pair_event() - the event that measures a control resource
 * @ctl: a control resource
 * @mon: a resource with monitoring, possibly @ctl itself
 * @same: @mon is @ctl
 *
 * Return: the index in @mon's events of the bandwidth source for @ctl
 * (one named "mbm_local_bytes" if several qualify), or -1.
 */
int rctl_mbps_pair_event(const struct rctl_desc *ctl,
			 const struct rctl_desc *mon, bool same)
{
	int i, found = -1;

	if (!rctl_mbps_steerable(ctl) || ctl->scope != mon->scope)
		return -1;
	if (ctl->scope == RESCTRL_SCOPE_DEVICE && !same)
		return -1;
	for (i = 0; i < mon->num_events; i++) {
		if (!mon->events[i].bandwidth)
			continue;
		if (!strcmp(mon->events[i].name, RCTL_MBPS_PREFERRED))
			return i;
		if (found < 0)
			found = i;
	}
	return found;
}

/* The source of @r among the resources of the mount; NULL if none. */
static struct resctrl_res *rctl_mbps_source(struct resctrl_res *r, int *evt)
{
	struct resctrl_res *m, *src = NULL;
	int i;

	/* Extra controls are never steered. */
	if (r->ctrl_of)
		return NULL;
	for_each_rctl_resource(m) {
		i = rctl_mbps_pair_event(r->desc, m->desc, m == r);
		if (i < 0)
			continue;
		if (!strcmp(m->desc->events[i].name, RCTL_MBPS_PREFERRED)) {
			*evt = i;
			return m;
		}
		if (!src) {
			src = m;
			*evt = i;
		}
	}
	return src;
}

/**
 * rctl_mbps_rate() - bandwidth from a count's growth
 * @bytes: bytes moved
 * @ns: in this many nanoseconds; not 0
 *
 * Return: the bandwidth in MBps (MiB/s), rounded down; U64_MAX for
 * amounts no hardware moves.
 */
u64 rctl_mbps_rate(u64 bytes, u64 ns)
{
	if (!ns)
		return U64_MAX;
	if (bytes <= div64_u64(U64_MAX, NSEC_PER_SEC))
		return div64_u64(bytes * NSEC_PER_SEC, ns) / SZ_1M;
	bytes /= SZ_1M;
	if (bytes > div64_u64(U64_MAX, NSEC_PER_SEC))
		return U64_MAX;
	return div64_u64(bytes * NSEC_PER_SEC, ns);
}

/**
 * rctl_mbps_step() - the percentage for the next period
 * @pct: the percentage in force
 * @mbps: the bandwidth measured with it
 * @target: the bandwidth asked for
 * @p: the resource's range: min, max and the step (granularity)
 *
 * Above the target, one step down, not below the minimum. At or below
 * it, one step up, not above the maximum, when bandwidth growing in
 * proportion to the percentage would still be within the target. As the
 * controller runs once a second, a group moves one step a second.
 *
 * Return: the new percentage, @pct for no change.
 */
u32 rctl_mbps_step(u32 pct, u64 mbps, u32 target,
		   const struct resctrl_range_params *p)
{
	u32 step = max(p->granularity, 1U);
	u64 up;

	if (mbps > target) {
		if (pct <= p->min)
			return pct;
		return pct - min(pct - p->min, step);
	}
	if (pct >= p->max)
		return pct;
	up = min_t(u64, (u64)pct + step, p->max);
	/* mbps * up / pct <= target, without dividing; both sides fit u64. */
	if (mbps * up <= (u64)target * pct)
		return up;
	return pct;
}

/**
 * rctl_mbps_dom_init() - controller state for a new domain
 * @d: the domain
 * @desc: its resource's description
 *
 * Only domains of resources the controller could steer get state.
 *
 * Return: 0 or -ENOMEM.
 */
int rctl_mbps_dom_init(struct resctrl_dom *d,
		       const struct rctl_desc *desc)
{
	u32 closid;

	if (!rctl_mbps_steerable(desc) || !desc->num_closid)
		return 0;
	d->mbps = kcalloc(desc->max_closid, sizeof(*d->mbps), GFP_KERNEL);
	if (!d->mbps)
		return -ENOMEM;
	for (closid = 0; closid < desc->max_closid; closid++)
		d->mbps[closid].target = RCTL_MBPS_UNLIMITED;
	return 0;
}

/**
 * rctl_mbps_dom_free() - free a domain's controller state
 * @d: the domain, being freed
 */
void rctl_mbps_dom_free(struct resctrl_dom *d)
{
	kfree(d->mbps);
	d->mbps = NULL;
}

/**
 * rctl_mbps_reset() - a CLOSID's target back to the default
 * @d: a domain
 * @closid: a CLOSID that a new group takes, or that unmount resets
 *
 * A new group's counts start at zero now, so the first period measures
 * from now: traffic right after mkdir counts, as in upstream's first
 * period (monitor.c: mbm_bw_count() from the state mkdir zeroed). After
 * an unmount the next mount's epoch makes the slot stale instead.
 */
void rctl_mbps_reset(struct resctrl_dom *d, u32 closid)
{
	if (d->mbps && closid < d->res->desc->max_closid)
		d->mbps[closid] = (struct rctl_mbps_slot){
			.target = RCTL_MBPS_UNLIMITED,
			.when = ktime_get_ns(),
			.epoch = rctl_mbps_epoch,
			.fresh = true,
		};
}

/**
 * rctl_mbps_target() - the MBps target of a CLOSID in a steered domain
 * @d: an online domain of a resource the controller steers
 * @closid: the CLOSID
 *
 * Return: the target schemata shows.
 */
u32 rctl_mbps_target(struct resctrl_dom *d, u32 closid)
{
	lockdep_assert_held(&rctl_mutex);
	return d->mbps[closid].target;
}

/**
 * rctl_mbps_set_target() - give a CLOSID a new MBps target
 * @d: an online domain of a resource the controller steers
 * @closid: the CLOSID
 * @val: the target, checked; reached over the next periods
 */
void rctl_mbps_set_target(struct resctrl_dom *d, u32 closid, u32 val)
{
	lockdep_assert_held(&rctl_mutex);
	d->mbps[closid].target = val;
}

/*
 * The count of CTRL_MON group @g, its MON groups' included, for
 * event @evt in domain @sd, and a signature of the RMIDs it adds.
 */
static int rctl_mbps_group_bytes(struct resctrl_dom *sd, unsigned int evt,
				 struct rctl_group *g, u64 *bytes, u64 *sig)
{
	struct rctl_group_count c;
	struct rctl_group *m;
	u64 h;
	int ret;

	ret = rctl_group_count_read(sd, evt, g, &c);
	if (ret)
		return ret;
	/* A rate needs every member's count: skip a period that lacks one. */
	if (c.failed)
		return c.err;
	*bytes = c.sum;
	h = (u64)g->rmid * GOLDEN_RATIO_64;
	list_for_each_entry(m, &g->mon_children, sibling)
		h = (h + m->rmid + 1) * GOLDEN_RATIO_64;
	*sig = h;
	return 0;
}

/* One period for CTRL_MON group @g in domain @d of @r, measured in @sd. */
static void rctl_mbps_steer(struct resctrl_dom *d, struct resctrl_dom *sd,
			    unsigned int evt, struct rctl_group *g, u64 now)
{
	struct rctl_mbps_slot *s = &d->mbps[g->closid];
	u32 pct = d->vals[g->closid], next;
	u64 bytes, sig, mbps;
	int ret;

	/* A failed read: no step; the last reading stays the baseline. */
	if (rctl_mbps_group_bytes(sd, evt, g, &bytes, &sig))
		return;
	if (s->epoch == rctl_mbps_epoch && (s->fresh || s->sig == sig) &&
	    bytes >= s->bytes && now > s->when) {
		mbps = rctl_mbps_rate(bytes - s->bytes, now - s->when);
		next = rctl_mbps_step(pct, mbps, s->target, &d->res->desc->range);
		if (next != pct) {
			ret = rctl_dom_apply(d, g->closid, next);
			if (ret)
				pr_warn_ratelimited("resctrl: %s: domain %d: CLOSID %u: mba_MBps could not apply %u (%d)\n",
						    d->res->desc->name, d->id,
						    g->closid, next, ret);
		}
	}
	s->bytes = bytes;
	s->when = now;
	s->sig = sig;
	s->epoch = rctl_mbps_epoch;
	s->fresh = false;
}

static void rctl_mbps_run(void)
{
	struct resctrl_dom *d, *sd;
	struct resctrl_res *r, *src;
	struct rctl_group *g;
	u64 now = ktime_get_ns();
	int evt;

	for_each_rctl_resource(r) {
		if (!r->mbps)
			continue;
		src = rctl_mbps_source(r, &evt);
		if (!src)
			continue;
		for_each_rctl_domain(d, r) {
			sd = rctl_find_dom(src, d->id);
			if (!sd || !sd->online)
				continue;
			list_for_each_entry(g, &rctl_ctrl_groups, sibling)
				if (g->closid < r->desc->num_closid)
					rctl_mbps_steer(d, sd, evt, g, now);
		}
	}
}

static void rctl_mbps_work_fn(struct work_struct *work)
{
	rctl_lock();
	/* Ends with the mount; the next mount schedules it again. */
	if (rctl_mounted && rctl_mount_mbps()) {
		rctl_mbps_run();
		queue_delayed_work(system_unbound_wq, &rctl_mbps_work, RCTL_MBPS_PERIOD);
	}
	rctl_unlock();
}

/**
 * rctl_mbps_possible() - could a mount with mba_MBps be served?
 *
 * Checked when the option is parsed, over every resource registered:
 * the mount checks again once it knows which resources it has.
 *
 * Return: true if some PERCENT resource has a bandwidth source.
 */
bool rctl_mbps_possible(void)
{
	struct resctrl_res *r;
	bool found = false;
	int evt;

	mutex_lock(&rctl_mutex);
	for_each_rctl_resource(r) {
		found = rctl_mbps_source(r, &evt);
		if (found)
			break;
	}
	mutex_unlock(&rctl_mutex);
	return found;
}

/**
 * rctl_mbps_mount() - start the controller for a new mount
 *
 * Called with the mount's options installed and its resources known.
 * Every resource of the mount that has a bandwidth source is steered;
 * targets start at the default, unlimited (schemata shows 4294967295).
 * The worker is stopped by unmount: it finds the mount gone and ends.
 *
 * Return: 0, or -EINVAL if the mount has mba_MBps and no resource can be
 * steered.
 */
int rctl_mbps_mount(void)
{
	struct resctrl_res *r;
	bool any = false;
	int evt;

	lockdep_assert_held(&rctl_mutex);
	if (!rctl_mount_mbps())
		return 0;
	rctl_mbps_epoch++;
	for_each_rctl_resource(r) {
		r->mbps = rctl_mbps_source(r, &evt);
		any |= r->mbps;
	}
	if (!any) {
		pr_warn("resctrl: %s\n", RCTL_MBPS_REFUSED);
		return -EINVAL;
	}
	queue_delayed_work(system_unbound_wq, &rctl_mbps_work, RCTL_MBPS_PERIOD);
	return 0;
}

/**
 * rctl_mbps_stop() - stop the controller, at unmount
 *
 * A period already due would otherwise run once after the unmount, find
 * nothing mounted and end: cancel it, so that nothing of resctrl runs
 * while unmounted.
 *
 * Context: process, without rctl_mutex (the worker takes it); sleeps.
 */
void rctl_mbps_stop(void)
{
	cancel_delayed_work_sync(&rctl_mbps_work);
}

/**
 * rctl_mbps_res_added() - a resource joined the live mount
 * @r: the resource, its files in the tree
 *
 * With mba_MBps it is steered if it has a source now. Readings taken
 * before are not compared with later ones: the source may have changed.
 */
void rctl_mbps_res_added(struct resctrl_res *r)
{
	int evt;

	lockdep_assert_held(&rctl_mutex);
	rctl_mbps_epoch++;
	if (rctl_mounted && rctl_mount_mbps() && !r->hidden)
		r->mbps = rctl_mbps_source(r, &evt);
}

/**
 * rctl_mbps_res_removed() - a resource left the mount
 * @r: the resource, off the list
 *
 * Nothing of it is kept here; readings taken before are not compared
 * with later ones.
 */
void rctl_mbps_res_removed(struct resctrl_res *r)
{
	lockdep_assert_held(&rctl_mutex);
	rctl_mbps_epoch++;
	r->mbps = false;
}
