// SPDX-License-Identifier: GPL-2.0
/*
 * Running counts. A driver that declares an event with
 * &resctrl_event_desc.width hands out the hardware counter as it reads
 * it; the filesystem turns it into the group's count, for every driver
 * alike:
 *
 * - a baseline is read when an RMID is handed out to a new group, so the
 *   group's counts start at mkdir (as upstream's mkdir reads every MBM
 *   counter with "first" set, arch/x86/kernel/cpu/resctrl/rdtgroup.c:
 *   mkdir_mondata_subdir());
 * - each read adds what the counter moved since the last read, modulo
 *   2^width, then applies the driver's correction and scale
 *   (monitor.c: mbm_overflow_count(), get_corrected_mbm_count());
 * - a read that finds no data ("Unavailable") forgets the previous
 *   sample, so that when the counter comes back its count is added from
 *   zero, as upstream's fix "x86/resctrl: Fix miscount of bandwidth event
 *   when reactivating previously unavailable RMID" does: AMD restarts a
 *   counter it tracks again, and keeping the old sample would add almost
 *   2^width;
 * - an overflow worker per domain reads every counter in use once a
 *   second so that no counter wraps twice between two reads. It runs only
 *   while the filesystem is mounted, on a housekeeping CPU of the domain,
 *   and moves when that CPU goes offline (monitor.c: mbm_handle_overflow(),
 *   rdtgroup.c: resctrl_offline_cpu()).
 *
 * The state lives in the domain and is used under rctl_mutex only, from
 * batches of rctl_dom_run(); the driver is not involved.
 */
#include <linux/bitops.h>
#include <linux/cpu.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "internal.h"

/* Period of the overflow worker, as upstream's MBM_OVERFLOW_INTERVAL. */
#define RCTL_OVF_MS	1000

/**
 * struct rctl_ctr - the filesystem's state of one running counter
 * @prev: the hardware's value at the last good read; 0 after a read
 *	that found no data
 * @units: hardware units counted since the RMID was handed out
 */
struct rctl_ctr {
	u64 prev;
	u64 units;
};

/**
 * struct rctl_ovf - the overflow worker of a domain
 * @work: queued on @cpu while the filesystem is mounted
 * @d: the domain; NULL once the domain stopped the worker while it was
 *	waiting for rctl_mutex: the worker then frees this
 * @cpu: the CPU it is queued on
 * @queued: set under rctl_mutex when queued, cleared by the worker
 */
struct rctl_ovf {
	struct delayed_work work;
	struct resctrl_dom *d;
	unsigned int cpu;
	bool queued;
};

static bool rctl_res_has_running(const struct rctl_desc *desc)
{
	unsigned int i;

	for (i = 0; i < desc->num_events; i++)
		if (desc->events[i].width)
			return true;
	return false;
}

/* Whether a running count can wrap: a 64-bit one never does in practice. */
static bool rctl_res_can_wrap(const struct rctl_desc *desc)
{
	unsigned int i;

	for (i = 0; i < desc->num_events; i++)
		if (desc->events[i].width && desc->events[i].width < 64)
			return true;
	return false;
}

static u64 rctl_ctr_mask(const struct resctrl_event_desc *e)
{
	return e->width >= 64 ? U64_MAX : GENMASK_ULL(e->width - 1, 0);
}

/**
 * rctl_ctrs_alloc() - the running counters' state of a new domain
 * @d: the domain, its resource set
 *
 * Return: 0, or -ENOMEM.
 */
int rctl_ctrs_alloc(struct resctrl_dom *d)
{
	const struct rctl_desc *desc = d->res->desc;

	if (!rctl_res_has_running(desc))
		return 0;
	d->ctrs = kvcalloc(array_size(desc->max_rmid, desc->num_events),
			   sizeof(*d->ctrs), GFP_KERNEL);
	return d->ctrs ? 0 : -ENOMEM;
}

/**
 * rctl_ctrs_free() - free what rctl_ctrs_alloc() allocated
 * @d: the domain, offline
 */
void rctl_ctrs_free(struct resctrl_dom *d)
{
	kvfree(d->ctrs);
	d->ctrs = NULL;
}

static struct rctl_ctr *rctl_ctr(struct resctrl_dom *d, unsigned int evt,
				 u32 rmid)
{
	const struct rctl_desc *desc = d->res->desc;

	if (!d->ctrs || rmid >= desc->max_rmid)
		return NULL;
	return &d->ctrs[rmid * desc->num_events + evt];
}

/**
 * rctl_ctrs_account() - turn what the driver read for several RMIDs into
 *	their groups' counts
 * @d: the domain
 * @evt: index of the event in the resource's events
 * @rmids: the RMIDs
 * @n: how many
 * @rets: in: what &resctrl_resource_ops.read_event returned for each;
 *	out: that, or -EINVAL for an RMID the resource lacks
 * @vals: in: what the driver read; out: the count, where @rets is 0
 *
 * An absolute count (width 0) is passed on as read. A running count adds
 * what the counter moved since the last read to the RMID's units and
 * reports them corrected and scaled.
 *
 * Context: rctl_mutex held by the caller of the batch; any CPU, even with
 * interrupts off.
 */
void rctl_ctrs_account(struct resctrl_dom *d, unsigned int evt,
		       const u32 *rmids, unsigned int n, int *rets, u64 *vals)
{
	const struct resctrl_event_desc *e = &d->res->desc->events[evt];
	struct rctl_ctr *c;
	u64 mask, units;
	unsigned int i;
	u32 scale;

	if (!e->width)
		return;
	mask = rctl_ctr_mask(e);
	scale = max(e->scale, 1U);
	for (i = 0; i < n; i++) {
		c = rctl_ctr(d, evt, rmids[i]);
		if (!c) {
			rets[i] = rets[i] ?: -EINVAL;
			continue;
		}
		/* monitor.c: resctrl_arch_rmid_read(), "am->prev_msr = 0". */
		if (rets[i] == -ENODATA)
			c->prev = 0;
		if (rets[i])
			continue;
		c->units += ((vals[i] & mask) - c->prev) & mask;
		c->prev = vals[i] & mask;
		units = e->correct ? e->correct(d->res, rmids[i], c->units) :
				     c->units;
		vals[i] = units * scale;
	}
}

/**
 * rctl_ctr_account() - rctl_ctrs_account() for one RMID
 * @d: the domain
 * @evt: index of the event in the resource's events
 * @rmid: the RMID
 * @ret: what &resctrl_resource_ops.read_event returned
 * @raw: what it read, if @ret is 0
 * @val: the count, set if the result is 0
 *
 * Context: as rctl_ctrs_account().
 *
 * Return: @ret, or -EINVAL for an RMID the resource lacks.
 */
int rctl_ctr_account(struct resctrl_dom *d, unsigned int evt, u32 rmid,
		     int ret, u64 raw, u64 *val)
{
	rctl_ctrs_account(d, evt, &rmid, 1, &ret, &raw);
	if (!ret)
		*val = raw;
	return ret;
}

/**
 * rctl_ctr_baseline() - the counts of an RMID start from what it reads now
 * @d: the domain
 * @evt: index of a running event
 * @rmid: the RMID a new group takes
 * @ret: what the driver's read returned
 * @raw: what it read, if @ret is 0
 *
 * A counter that cannot be read now starts from zero when it can.
 */
void rctl_ctr_baseline(struct resctrl_dom *d, unsigned int evt, u32 rmid,
		       int ret, u64 raw)
{
	struct rctl_ctr *c = rctl_ctr(d, evt, rmid);

	if (!c)
		return;
	c->units = 0;
	c->prev = ret ? 0 : raw & rctl_ctr_mask(&d->res->desc->events[evt]);
}

/**
 * rctl_ctrs_clear() - forget every sample of a domain coming online
 * @d: the domain
 *
 * Its counters may have run or restarted meanwhile: the first read of
 * each counts from zero, as upstream's state of a new domain.
 */
void rctl_ctrs_clear(struct resctrl_dom *d)
{
	const struct rctl_desc *desc = d->res->desc;

	if (d->ctrs)
		memset(d->ctrs, 0, array_size(desc->max_rmid, desc->num_events) *
		       sizeof(*d->ctrs));
}

struct rctl_ctr_batch {
	struct resctrl_dom *d;
	u32 rmid;
	unsigned int size;
};

/* Baselines of every running event of one RMID, on a CPU of the domain. */
static int rctl_ctr_baseline_fn(void *arg)
{
	struct rctl_ctr_batch *b = arg;
	const struct rctl_desc *desc = b->d->res->desc;
	unsigned int evt;
	u64 raw = 0;
	int ret;

	for (evt = 0; evt < desc->num_events; evt++) {
		if (!desc->events[evt].width)
			continue;
		ret = rctl_dom_read_raw(b->d, 0, b->rmid, evt, &raw);
		rctl_ctr_baseline(b->d, evt, b->rmid, ret, raw);
	}
	return 0;
}

/**
 * rctl_ctrs_hand_out() - read the baselines of an RMID a new group takes
 * @rmid: the RMID
 *
 * One batch per online domain of each resource with running counts.
 *
 * Context: cpus_read_lock() and rctl_mutex held; sleeps.
 */
void rctl_ctrs_hand_out(u32 rmid)
{
	struct rctl_ctr_batch b = { .rmid = rmid };
	struct resctrl_res *r;
	struct resctrl_dom *d;

	list_for_each_entry(r, &rctl_resources, list) {
		if (r->dead || !rctl_res_has_running(r->desc) ||
		    rmid >= r->desc->max_rmid)
			continue;
		for_each_rctl_domain(d, r) {
			b.d = d;
			rctl_dom_run(d, rctl_ctr_baseline_fn, &b);
		}
	}
}

/* Fold every running counter of every RMID in use, on a CPU of the domain. */
static int rctl_ovf_fold_fn(void *arg)
{
	struct rctl_ctr_batch *b = arg;
	const struct rctl_desc *desc = b->d->res->desc;
	unsigned int evt;
	u32 rmid;
	u64 val;

	for_each_set_bit(rmid, rctl_rmids.used, b->size)
		for (evt = 0; evt < desc->num_events; evt++)
			if (desc->events[evt].width)
				rctl_dom_read_here(b->d, 0, rmid, evt, &val);
	return 0;
}

/* Queue @ovf on a housekeeping CPU of its domain, or any of its CPUs. */
static void rctl_ovf_queue(struct rctl_ovf *ovf)
{
	struct resctrl_dom *d = ovf->d;
	unsigned int cpu = rctl_dom_housekeeping_cpu(d, nr_cpu_ids);

	if (cpu >= nr_cpu_ids)
		cpu = cpumask_any_and(&d->cpus, cpu_online_mask);
	if (cpu >= nr_cpu_ids)
		return;
	ovf->cpu = cpu;
	ovf->queued = true;
	queue_delayed_work_on(cpu, system_wq, &ovf->work,
			      msecs_to_jiffies(RCTL_OVF_MS));
}

static void rctl_ovf_fn(struct work_struct *work)
{
	struct rctl_ovf *ovf = container_of(to_delayed_work(work),
					    struct rctl_ovf, work);
	struct rctl_ctr_batch b;
	struct resctrl_dom *d;

	rctl_lock();
	ovf->queued = false;
	d = ovf->d;
	if (!d) {
		/* The domain let go of it while it waited. */
		kfree(ovf);
		goto unlock;
	}
	b.d = d;
	b.size = min(rctl_rmids.size, d->res->desc->max_rmid);
	if (rctl_mounted && d->online && rctl_rmids.used) {
		rctl_dom_run(d, rctl_ovf_fold_fn, &b);
		rctl_ovf_queue(ovf);
	}
unlock:
	rctl_unlock();
}

/**
 * rctl_ovf_start() - start the overflow worker of a domain
 * @d: an online domain
 *
 * Only while mounted, and only for a resource with running counts
 * narrower than 64 bits.
 *
 * Context: rctl_mutex held.
 */
void rctl_ovf_start(struct resctrl_dom *d)
{
	struct rctl_ovf *ovf;

	lockdep_assert_held(&rctl_mutex);
	if (!rctl_mounted || !d->online || d->ovf || !d->ctrs || d->res->hidden ||
	    d->res->dead || !rctl_res_can_wrap(d->res->desc))
		return;
	ovf = kzalloc(sizeof(*ovf), GFP_KERNEL);
	if (!ovf) {
		pr_warn("resctrl: %s: domain %d: no overflow worker, counts may miss wraps\n",
			d->res->desc->name, d->id);
		return;
	}
	INIT_DELAYED_WORK(&ovf->work, rctl_ovf_fn);
	ovf->d = d;
	d->ovf = ovf;
	rctl_ovf_queue(ovf);
}

/**
 * rctl_ovf_stop() - stop the overflow worker of a domain
 * @d: the domain
 *
 * Does not wait: a worker already waiting for rctl_mutex finds it has no
 * domain and frees itself.
 *
 * Context: rctl_mutex held.
 */
void rctl_ovf_stop(struct resctrl_dom *d)
{
	struct rctl_ovf *ovf = d->ovf;

	lockdep_assert_held(&rctl_mutex);
	if (!ovf)
		return;
	d->ovf = NULL;
	if (cancel_delayed_work(&ovf->work) || !ovf->queued)
		kfree(ovf);
	else
		ovf->d = NULL;
}

/**
 * rctl_ovf_cpu_offline() - move a domain's worker off a CPU going offline
 * @d: a domain @cpu just left
 * @cpu: the CPU
 *
 * Context: rctl_mutex held.
 */
void rctl_ovf_cpu_offline(struct resctrl_dom *d, unsigned int cpu)
{
	struct rctl_ovf *ovf = d->ovf;

	lockdep_assert_held(&rctl_mutex);
	if (ovf && ovf->queued && ovf->cpu == cpu &&
	    cancel_delayed_work(&ovf->work))
		rctl_ovf_queue(ovf);
}

/**
 * rctl_ovf_queued_on() - where a domain's overflow worker waits
 * @d: the domain
 *
 * Context: rctl_mutex held.
 *
 * Return: the CPU it is queued on, or nr_cpu_ids if it is not queued.
 */
unsigned int rctl_ovf_queued_on(struct resctrl_dom *d)
{
	lockdep_assert_held(&rctl_mutex);
	if (!d->ovf || !d->ovf->queued || !delayed_work_pending(&d->ovf->work))
		return nr_cpu_ids;
	return d->ovf->cpu;
}

/* Every online domain of every resource, started or stopped. */
static void rctl_ovf_all(bool start)
{
	struct resctrl_res *r;
	struct resctrl_dom *d;

	lockdep_assert_held(&rctl_mutex);
	list_for_each_entry(r, &rctl_resources, list)
		list_for_each_entry(d, &r->domains, list) {
			if (start && !r->dead)
				rctl_ovf_start(d);
			else if (!start)
				rctl_ovf_stop(d);
		}
}

/**
 * rctl_ovf_mount() - start the overflow workers, once mounted
 *
 * The default group's counts start at mount, as upstream's mount reads
 * its counters with "first" set (rdtgroup.c: mkdir_mondata_all() of the
 * default group).
 *
 * Context: cpus_read_lock() and rctl_mutex held, rctl_mounted set.
 */
void rctl_ovf_mount(void)
{
	rctl_ctrs_hand_out(0);
	rctl_ovf_all(true);
}

/**
 * rctl_ovf_unmount() - stop every overflow worker, at unmount
 *
 * Nothing of resctrl is queued afterwards but a worker already waiting
 * for rctl_mutex, which frees itself without queueing again.
 *
 * Context: rctl_mutex held.
 */
void rctl_ovf_unmount(void)
{
	rctl_ovf_all(false);
}
