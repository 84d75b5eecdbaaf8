// SPDX-License-Identifier: GPL-2.0
/*
 * Monitoring: read an RMID's counter through IA32_QM_EVTSEL and
 * IA32_QM_CTR and turn it into bytes.
 *
 * Occupancy is a level, read as is. MBM counters are narrow and wrap, so
 * each sample adds what the counter moved since the previous sample,
 * modulo its width, to a running total kept per domain, RMID and event.
 * That loses counts if a counter wraps more than once between two
 * samples: 24-bit counters can wrap within seconds on a busy system. So
 * an overflow worker per domain samples every MBM counter in use once a
 * second, while the domain is online, and folds it into the same totals
 * that user reads see. The backend does not know whether the filesystem
 * is mounted; the worker costs one MSR pair per event of each RMID used
 * so far.
 */
#include <linux/bitmap.h>
#include <linux/bits.h>
#include <linux/cpumask.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/preempt.h>
#include <linux/smp.h>
#include <linux/workqueue.h>

#include <asm/msr-index.h>

#include "internal.h"

static struct x86_rdt_mbm *x86_rdt_mbm_state(struct x86_rdt_dom *dom,
					     u32 rmid, u32 evt)
{
	if (!dom || !dom->mbm)
		return NULL;
	return &dom->mbm[rmid * X86_RDT_MBM_EVENTS + evt - X86_RDT_EVT_MBM_TOTAL];
}

/* Add what the counter moved, modulo its width, since the last read. */
static u64 x86_rdt_mbm_account(const struct x86_rdt_res *res,
			       struct x86_rdt_mbm *m, u64 raw)
{
	/*
	 * Without an earlier reading there is nothing to subtract: the
	 * count starts at this read, as a new group's does.
	 */
	if (m->seen)
		m->chunks += (raw - m->prev) & GENMASK_ULL(res->mbm_width - 1, 0);
	m->prev = raw;
	m->seen = true;
	return m->chunks;
}

/*
 * Select and read one counter of this CPU's domain: 0 and the raw count,
 * or -EIO / -ENODATA for the status bits. The caller keeps interrupts
 * off between the two accesses.
 */
static int x86_rdt_ctr_sample(u32 rmid, u32 evt, u64 *raw)
{
	x86_rdt_wrmsr(MSR_IA32_QM_EVTSEL, (u64)rmid << 32 | evt);
	*raw = x86_rdt_rdmsr(MSR_IA32_QM_CTR);
	if (*raw & X86_RDT_CTR_ERROR)
		return -EIO;
	if (*raw & X86_RDT_CTR_UNAVAILABLE)
		return -ENODATA;
	return 0;
}

/**
 * x86_rdt_counter_read() - read one event of one RMID in bytes
 * @res: the resource, with monitoring
 * @dom: the domain's state; holds the MBM totals
 * @rmid: the RMID
 * @evt: X86_RDT_EVT_*
 * @val: the count in bytes
 *
 * An MBM read marks @rmid used, so that the overflow worker folds its
 * counters from then on.
 *
 * Context: on a CPU of the domain, interrupts off: selecting and reading
 * the counter must not be interleaved with another selection on this
 * CPU. Takes &x86_rdt_dom.mbm_lock for MBM events.
 *
 * Return: 0, -EIO when the hardware flags an error, -ENODATA when it has
 * no count (yet) for the RMID, -EINVAL for an RMID or event it lacks.
 */
int x86_rdt_counter_read(const struct x86_rdt_res *res, struct x86_rdt_dom *dom,
			 u32 rmid, u32 evt, u64 *val)
{
	struct x86_rdt_mbm *m;
	unsigned long flags;
	u64 raw;
	int ret;

	if (rmid >= res->desc.num_rmid)
		return -EINVAL;
	switch (evt) {
	case X86_RDT_EVT_LLC_OCCUPANCY:
		ret = x86_rdt_ctr_sample(rmid, evt, &raw);
		if (!ret)
			*val = raw * res->occ_scale;
		return ret;
	case X86_RDT_EVT_MBM_TOTAL:
	case X86_RDT_EVT_MBM_LOCAL:
		m = x86_rdt_mbm_state(dom, rmid, evt);
		if (!m || !res->mbm_width)
			return -EINVAL;
		break;
	default:
		return -EINVAL;
	}

	raw_spin_lock_irqsave(&dom->mbm_lock, flags);
	__set_bit(rmid, dom->mbm_used);
	ret = x86_rdt_ctr_sample(rmid, evt, &raw);
	if (!ret)
		*val = x86_rdt_mbm_account(res, m, raw) * res->occ_scale;
	raw_spin_unlock_irqrestore(&dom->mbm_lock, flags);
	return ret;
}

/* The MBM events of @res, as a mask of BIT(X86_RDT_EVT_*). */
static unsigned long x86_rdt_mbm_events(const struct x86_rdt_res *res)
{
	unsigned long mask = 0;
	unsigned int i;

	for (i = 0; i < min(res->desc.num_events, X86_RDT_MAX_EVENTS); i++)
		if (res->events[i].id == X86_RDT_EVT_MBM_TOTAL ||
		    res->events[i].id == X86_RDT_EVT_MBM_LOCAL)
			mask |= BIT(res->events[i].id);
	return mask;
}

/**
 * x86_rdt_mbm_fold() - the overflow worker's step: fold every MBM
 *	counter in use into its total
 * @res: the resource
 * @dom: the domain's state
 *
 * Samples each MBM event @res has for each RMID in &x86_rdt_dom.mbm_used
 * and accounts it as a user read would, so that the next read sees at
 * most the wraps since this step. A sample with a status bit set leaves
 * its total alone. Nothing else is touched.
 *
 * Context: on a CPU of the domain that cannot change meanwhile
 * (migration disabled, or an IPI); takes &x86_rdt_dom.mbm_lock with
 * interrupts off for one RMID at a time.
 */
void x86_rdt_mbm_fold(const struct x86_rdt_res *res, struct x86_rdt_dom *dom)
{
	unsigned long events = x86_rdt_mbm_events(res);
	unsigned long flags;
	unsigned int rmid;
	u32 evt;
	u64 raw;

	if (!dom || !dom->mbm || !res->mbm_width || !events)
		return;
	for (rmid = 0; rmid < res->desc.num_rmid; rmid++) {
		raw_spin_lock_irqsave(&dom->mbm_lock, flags);
		if (test_bit(rmid, dom->mbm_used)) {
			for_each_set_bit(evt, &events, X86_RDT_MAX_EVENTS + 1)
				if (!x86_rdt_ctr_sample(rmid, evt, &raw))
					x86_rdt_mbm_account(res,
							    x86_rdt_mbm_state(dom, rmid, evt),
							    raw);
		}
		raw_spin_unlock_irqrestore(&dom->mbm_lock, flags);
	}
}

static void x86_rdt_mbm_fold_ipi(void *arg)
{
	struct x86_rdt_dom *dom = arg;

	x86_rdt_mbm_fold(dom->res, dom);
}

/*
 * A CPU of the domain for the next run, this one if it still is one.
 * The domain's mask changes under CPU hotplug without telling the driver;
 * a stale answer only makes the next run go through an IPI.
 */
static unsigned int x86_rdt_mbm_next_cpu(struct x86_rdt_dom *dom)
{
	unsigned int cpu = raw_smp_processor_id();

	if (cpumask_test_cpu(cpu, dom->cpus))
		return cpu;
	return cpumask_any_and(dom->cpus, cpu_online_mask);
}

/**
 * x86_rdt_mbm_work() - the overflow worker of a domain
 * @work: &x86_rdt_dom.mbm_work
 *
 * Queued on a CPU of the domain, it folds the counters there. When that
 * CPU went offline meanwhile, the work runs elsewhere and the fold goes
 * to a CPU of the domain in an IPI. It queues itself again on a CPU of
 * the domain, unless the domain has none left (it is going offline).
 *
 * Context: process; takes no lock of the filesystem, so that
 * domain_offline can cancel it synchronously.
 */
void x86_rdt_mbm_work(struct work_struct *work)
{
	struct x86_rdt_dom *dom = container_of(to_delayed_work(work),
					       struct x86_rdt_dom, mbm_work);
	unsigned int cpu;

	migrate_disable();
	if (cpumask_test_cpu(smp_processor_id(), dom->cpus))
		x86_rdt_mbm_fold(dom->res, dom);
	else
		smp_call_function_any(dom->cpus, x86_rdt_mbm_fold_ipi, dom, 1);
	migrate_enable();

	cpu = x86_rdt_mbm_next_cpu(dom);
	if (cpu < nr_cpu_ids)
		schedule_delayed_work_on(cpu, &dom->mbm_work,
					 msecs_to_jiffies(X86_RDT_MBM_FOLD_MS));
}

/**
 * x86_rdt_mbm_worker_start() - start the overflow worker of a domain
 * @dom: the domain's state, with MBM
 * @res: the resource
 * @cpus: the CPUs of the domain, coming online; the mask must stay valid
 *	while the domain is (resctrl_dom_cpus() of the domain)
 *
 * Nothing starts without MBM or without an online CPU in @cpus.
 * x86_rdt_dom_free() stops it.
 *
 * Context: process, filesystem lock held (domain_online).
 */
void x86_rdt_mbm_worker_start(struct x86_rdt_dom *dom,
			      const struct x86_rdt_res *res,
			      const struct cpumask *cpus)
{
	unsigned int cpu;

	if (!dom->mbm || !res->mbm_width || !x86_rdt_mbm_events(res))
		return;
	dom->res = res;
	dom->cpus = cpus;
	cpu = cpumask_any_and(cpus, cpu_online_mask);
	if (cpu < nr_cpu_ids)
		schedule_delayed_work_on(cpu, &dom->mbm_work,
					 msecs_to_jiffies(X86_RDT_MBM_FOLD_MS));
}

/**
 * x86_rdt_read_event() - &resctrl_resource_ops.read_event of L3
 * @r: the resource
 * @d: the domain
 * @closid: the group's CLOSID; counters are per RMID only on x86
 * @rmid: the group's RMID
 * @evt: the event id from the resource's description
 * @val: the count in bytes
 *
 * Context: IPI on a CPU of @d (run_on_domain_cpu); must not sleep.
 *
 * Return: 0 or a negative errno from x86_rdt_counter_read().
 */
int x86_rdt_read_event(struct resctrl_res *r, struct resctrl_dom *d,
		       u32 closid, u32 rmid, u32 evt, u64 *val)
{
	return x86_rdt_counter_read(resctrl_res_priv(r), resctrl_dom_priv(d),
				    rmid, evt, val);
}

/**
 * x86_rdt_mbm_reset() - MBM counts of an RMID start again
 * @res: the resource
 * @dom: the domain's state, or NULL
 * @rmid: the RMID a new group takes
 *
 * Its totals are forgotten and count from the next sample, and the
 * overflow worker folds its counters from now on.
 *
 * Context: any; takes &x86_rdt_dom.mbm_lock.
 */
void x86_rdt_mbm_reset(const struct x86_rdt_res *res, struct x86_rdt_dom *dom,
		       u32 rmid)
{
	unsigned long flags;
	u32 evt;

	if (rmid >= res->desc.num_rmid || !dom || !dom->mbm)
		return;
	raw_spin_lock_irqsave(&dom->mbm_lock, flags);
	for (evt = X86_RDT_EVT_MBM_TOTAL; evt <= X86_RDT_EVT_MBM_LOCAL; evt++)
		*x86_rdt_mbm_state(dom, rmid, evt) = (struct x86_rdt_mbm){};
	__set_bit(rmid, dom->mbm_used);
	raw_spin_unlock_irqrestore(&dom->mbm_lock, flags);
}

/**
 * x86_rdt_rmid_reset() - &resctrl_resource_ops.rmid_reset of L3
 * @r: the resource
 * @d: an online domain
 * @rmid: the RMID a new group takes
 *
 * The new group's MBM counts start at the next sample, by a read or by
 * the overflow worker.
 * Context: process, filesystem lock held.
 */
void x86_rdt_rmid_reset(struct resctrl_res *r, struct resctrl_dom *d, u32 rmid)
{
	x86_rdt_mbm_reset(resctrl_res_priv(r), resctrl_dom_priv(d), rmid);
}
