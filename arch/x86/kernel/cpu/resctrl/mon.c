// SPDX-License-Identifier: GPL-2.0
/*
 * Monitoring: read an RMID's counter through IA32_QM_EVTSEL and
 * IA32_QM_CTR (SDM vol. 3B, 18.18.5 "Reading Monitored Data").
 *
 * Occupancy is a level, read as is and turned into bytes. The MBM
 * counters are running counts: the backend hands the filesystem the
 * counter as the hardware reads it, and declares its width and scale
 * (enumerate.c); the filesystem keeps the baselines, folds wrap-around
 * and runs the overflow worker while mounted (fs/resctrl/counters.c).
 * So the backend keeps no MBM state and needs no worker of its own.
 */
#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/minmax.h>

#include <asm/msr-index.h>

#include "internal.h"

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
 * x86_rdt_counter_read() - read one event of one RMID
 * @res: the resource, with monitoring
 * @rmid: the RMID
 * @evt: X86_RDT_EVT_*
 * @val: occupancy in bytes; for MBM the counter's value in hardware
 *	units, bits 61:0 of IA32_QM_CTR, which the filesystem accounts
 *
 * Context: on a CPU of the domain, interrupts off: selecting and reading
 * the counter must not be interleaved with another selection on this
 * CPU.
 *
 * Return: 0, -EIO when the hardware flags an error, -ENODATA when it has
 * no count (yet) for the RMID, -EINVAL for an RMID or event it lacks.
 */
int x86_rdt_counter_read(const struct x86_rdt_res *res, u32 rmid, u32 evt,
			 u64 *val)
{
	u64 raw;
	int ret;

	/* Under SNC the RMID is physical: every node's share of them. */
	if (rmid >= res->caps.num_rmid * max(res->snc_nodes, 1U))
		return -EINVAL;
	switch (evt) {
	case X86_RDT_EVT_LLC_OCCUPANCY:
		ret = x86_rdt_ctr_sample(rmid, evt, &raw);
		if (!ret)
			*val = raw * res->occ_scale;
		return ret;
	case X86_RDT_EVT_MBM_TOTAL:
	case X86_RDT_EVT_MBM_LOCAL:
		if (!res->mbm_width)
			return -EINVAL;
		ret = x86_rdt_ctr_sample(rmid, evt, &raw);
		if (!ret)
			*val = raw & GENMASK_ULL(X86_RDT_MBM_WIDTH_MAX - 1, 0);
		return ret;
	default:
		return -EINVAL;
	}
}

/**
 * x86_rdt_snc_ways() - Sub-NUMA Clustering nodes per L3 cache
 * @cpus_per_l3: the CPUs that share CPU 0's L3 cache
 * @cpus_per_node: the CPUs of CPU 0's NUMA node
 *
 * As upstream 6.12 detects it (arch/x86/kernel/cpu/resctrl/monitor.c:
 * snc_get_config()): the ratio of the two, when it is 2, 3 or 4. Any
 * other ratio is improbable and taken as no SNC.
 *
 * Context: any.
 *
 * Return: the nodes per L3 cache, 2 to 4; 1 without SNC.
 */
unsigned int x86_rdt_snc_ways(unsigned int cpus_per_l3,
			      unsigned int cpus_per_node)
{
	unsigned int ways;

	if (!cpus_per_l3 || !cpus_per_node)
		return 1;
	ways = cpus_per_l3 / cpus_per_node;
	return ways >= 2 && ways <= 4 ? ways : 1;
}

/**
 * x86_rdt_snc_phys_rmid() - the RMID a node's counters use for a group
 * @res: the monitoring resource; @res->snc_nodes 0 or 1 without SNC
 * @node: the NUMA node, the domain id
 * @rmid: the group's RMID, below @res->caps.num_rmid
 *
 * In RMID sharing mode (MSR_RMID_SNC_CONFIG bit 0 clear) the hardware
 * splits the L3 cache's RMIDs between its nodes: a task on node N tagged
 * with RMID r is counted in RMID r + (N % nodes) * num_rmid, where
 * num_rmid is already the per-node count (upstream 6.12 monitor.c:
 * logical_rmid_to_physical_rmid()). QM_EVTSEL takes that physical RMID.
 *
 * Context: any.
 *
 * Return: the physical RMID; @rmid itself without SNC.
 */
u32 x86_rdt_snc_phys_rmid(const struct x86_rdt_res *res, int node, u32 rmid)
{
	if (res->snc_nodes <= 1 || node < 0)
		return rmid;
	return rmid + (node % res->snc_nodes) * res->caps.num_rmid;
}

/**
 * x86_rdt_read_event() - &resctrl_resource_ops.read_event of L3
 * @r: the resource
 * @d: the domain; under SNC (X86_RDT_L3_MON) a NUMA node
 * @closid: the group's CLOSID; counters are per RMID only on x86
 * @rmid: the group's RMID
 * @evt: the event id from the resource's capabilities
 * @val: see x86_rdt_counter_read()
 *
 * Under SNC the node's physical RMID is read (x86_rdt_snc_phys_rmid());
 * any CPU of the L3 cache can read it.
 *
 * Context: on a CPU of @d with interrupts off (run_on_domain_cpu); must
 * not sleep.
 *
 * Return: 0 or a negative errno from x86_rdt_counter_read().
 */
int x86_rdt_read_event(struct resctrl_res *r, struct resctrl_dom *d,
		       u32 closid, u32 rmid, u32 evt, u64 *val)
{
	const struct x86_rdt_res *res = resctrl_res_priv(r);

	if (rmid >= res->caps.num_rmid)
		return -EINVAL;
	rmid = x86_rdt_snc_phys_rmid(res, resctrl_dom_id(d), rmid);
	return x86_rdt_counter_read(res, rmid, evt, val);
}

/**
 * x86_rdt_evt_cfg_msr() - the BMEC configuration MSR of an MBM event
 * @evt: X86_RDT_EVT_MBM_TOTAL or X86_RDT_EVT_MBM_LOCAL
 * @msr: MSR_IA32_EVT_CFG_BASE for total, the next one for local (AMD64
 *	APM vol. 2, 19.4; upstream rdtgroup.c: mon_event_config_index_get())
 *
 * Return: 0, or -EINVAL for another event.
 */
int x86_rdt_evt_cfg_msr(u32 evt, u32 *msr)
{
	switch (evt) {
	case X86_RDT_EVT_MBM_TOTAL:
		*msr = MSR_IA32_EVT_CFG_BASE;
		return 0;
	case X86_RDT_EVT_MBM_LOCAL:
		*msr = MSR_IA32_EVT_CFG_BASE + 1;
		return 0;
	default:
		return -EINVAL;
	}
}

/**
 * x86_rdt_event_config_read() - &resctrl_resource_ops.event_config_read
 * @r: the resource
 * @d: the domain; the MSR is per L3 domain
 * @evt: the event id
 * @val: the sources the event counts, bits 6:0
 *
 * Context: on a CPU of @d, interrupts off; must not sleep.
 *
 * Return: 0, or -EINVAL for an event without the MSR.
 */
int x86_rdt_event_config_read(struct resctrl_res *r, struct resctrl_dom *d,
			      u32 evt, u32 *val)
{
	u32 msr;
	int ret;

	ret = x86_rdt_evt_cfg_msr(evt, &msr);
	if (!ret)
		*val = x86_rdt_rdmsr(msr) & X86_RDT_EVT_CFG_MASK;
	return ret;
}

/**
 * x86_rdt_event_config_write() - &resctrl_resource_ops.event_config_write
 * @r: the resource
 * @d: the domain; a write on one CPU holds for the whole L3 domain
 * @evt: the event id
 * @val: the sources, already checked against the CPUID mask
 *
 * The hardware then clears every MBM counter of the domain and reads
 * "Unavailable" once for each RMID (upstream rdtgroup.c:
 * mbm_config_write_domain()); the filesystem restarts its counts.
 *
 * Context: on a CPU of @d, interrupts off; must not sleep.
 *
 * Return: 0, or -EINVAL for an event without the MSR.
 */
int x86_rdt_event_config_write(struct resctrl_res *r, struct resctrl_dom *d,
			       u32 evt, u32 val)
{
	u32 msr;
	int ret;

	ret = x86_rdt_evt_cfg_msr(evt, &msr);
	if (!ret)
		x86_rdt_wrmsr(msr, val & X86_RDT_EVT_CFG_MASK);
	return ret;
}
