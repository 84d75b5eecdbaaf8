// SPDX-License-Identifier: GPL-2.0
/*
 * Monitoring: read an RMID's counter through IA32_QM_EVTSEL and
 * IA32_QM_CTR and turn it into bytes.
 *
 * Occupancy is a level, read as is. MBM counters are narrow and wrap, so
 * each read adds what the counter moved since the previous read, modulo
 * its width, to a running total kept per domain, RMID and event. This
 * loses counts only if a counter wraps more than once between two reads
 * of it: upstream reads every MBM counter each second for that reason,
 * this backend does not (yet) run such a worker. Counters wider than 24
 * bits take years to wrap at any bandwidth; 24-bit ones can wrap within
 * seconds on a busy system.
 */
#include <linux/bits.h>
#include <linux/errno.h>

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

/**
 * x86_rdt_counter_read() - read one event of one RMID in bytes
 * @res: the resource, with monitoring
 * @dom: the domain's state; holds the MBM totals
 * @rmid: the RMID
 * @evt: X86_RDT_EVT_*
 * @val: the count in bytes
 *
 * Context: on a CPU of the domain, interrupts off: selecting and reading
 * the counter must not be interleaved with another selection on this CPU.
 *
 * Return: 0, -EIO when the hardware flags an error, -ENODATA when it has
 * no count (yet) for the RMID, -EINVAL for an RMID or event it lacks.
 */
int x86_rdt_counter_read(const struct x86_rdt_res *res, struct x86_rdt_dom *dom,
			 u32 rmid, u32 evt, u64 *val)
{
	struct x86_rdt_mbm *m = NULL;
	u64 raw;

	if (rmid >= res->desc.num_rmid)
		return -EINVAL;
	switch (evt) {
	case X86_RDT_EVT_LLC_OCCUPANCY:
		break;
	case X86_RDT_EVT_MBM_TOTAL:
	case X86_RDT_EVT_MBM_LOCAL:
		m = x86_rdt_mbm_state(dom, rmid, evt);
		if (!m || !res->mbm_width)
			return -EINVAL;
		break;
	default:
		return -EINVAL;
	}

	x86_rdt_wrmsr(MSR_IA32_QM_EVTSEL, (u64)rmid << 32 | evt);
	raw = x86_rdt_rdmsr(MSR_IA32_QM_CTR);
	if (raw & X86_RDT_CTR_ERROR)
		return -EIO;
	if (raw & X86_RDT_CTR_UNAVAILABLE)
		return -ENODATA;

	*val = (m ? x86_rdt_mbm_account(res, m, raw) : raw) * res->occ_scale;
	return 0;
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
 * x86_rdt_rmid_reset() - &resctrl_resource_ops.rmid_reset of L3
 * @r: the resource
 * @d: an online domain
 * @rmid: the RMID a new group takes
 *
 * The new group's MBM counts start at its first read, as upstream's do.
 * Context: process, filesystem lock held; no read runs meanwhile.
 */
void x86_rdt_rmid_reset(struct resctrl_res *r, struct resctrl_dom *d, u32 rmid)
{
	const struct x86_rdt_res *res = resctrl_res_priv(r);
	struct x86_rdt_dom *dom = resctrl_dom_priv(d);
	struct x86_rdt_mbm *m;
	u32 evt;

	if (rmid >= res->desc.num_rmid)
		return;
	for (evt = X86_RDT_EVT_MBM_TOTAL; evt <= X86_RDT_EVT_MBM_LOCAL; evt++) {
		m = x86_rdt_mbm_state(dom, rmid, evt);
		if (m)
			*m = (struct x86_rdt_mbm){};
	}
}
