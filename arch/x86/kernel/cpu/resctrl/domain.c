// SPDX-License-Identifier: GPL-2.0
/*
 * Per-domain state: what apply() keeps between calls (the CDP mode
 * written to QOS_CFG). It runs in an IPI and cannot allocate, so the
 * state is allocated when the filesystem brings a domain online and freed
 * when it takes it offline. MBM keeps nothing here: the filesystem
 * accounts the running counts and runs their overflow worker.
 *
 * Nothing else is written to the hardware here: the filesystem programs
 * every CLOSID's value right after domain_online(), which covers what a
 * reset would do, and these callbacks do not run on a CPU of the domain
 * (the SNC mode, the one exception, is written by a cross-call).
 */
#include <linux/slab.h>
#include <linux/smp.h>

#include <asm/msr-index.h>

#include "internal.h"

/**
 * x86_rdt_dom_alloc() - allocate the state of one domain of a resource
 * @res: the resource
 *
 * The CDP mode starts unknown: the hardware may keep what it held when
 * the domain last went offline.
 *
 * Context: process; may sleep.
 *
 * Return: the state, or NULL when out of memory.
 */
struct x86_rdt_dom *x86_rdt_dom_alloc(const struct x86_rdt_res *res)
{
	struct x86_rdt_dom *dom;

	dom = kzalloc(sizeof(*dom), GFP_KERNEL);
	if (!dom)
		return NULL;
	dom->cdp = X86_RDT_CDP_UNKNOWN;
	return dom;
}

/**
 * x86_rdt_dom_free() - free a domain's state
 * @dom: the state, or NULL
 *
 * Context: process.
 */
void x86_rdt_dom_free(struct x86_rdt_dom *dom)
{
	kfree(dom);
}

/*
 * MSR_RMID_SNC_CONFIG (0xca0) bit 0 set is its power-on "legacy" RMID
 * mode, which resctrl cannot use with SNC: cleared, the L3 cache's RMIDs
 * are shared out between its nodes (RMID sharing mode; upstream 6.12
 * monitor.c: arch_mon_domain_online() and its comment, snc_cpu_ids for
 * the CPUs that have the MSR). One write per node, from inside it.
 */
#define X86_RDT_SNC_CFG_LEGACY		BIT_ULL(0)

static void x86_rdt_snc_share_rmids(void *unused)
{
	u64 val = x86_rdt_rdmsr(MSR_RMID_SNC_CONFIG);

	if (val & X86_RDT_SNC_CFG_LEGACY)
		x86_rdt_wrmsr(MSR_RMID_SNC_CONFIG, val & ~X86_RDT_SNC_CFG_LEGACY);
}

/**
 * x86_rdt_domain_online() - &resctrl_resource_ops.domain_online
 * @r: the resource
 * @d: the domain coming online
 *
 * Only resources whose callbacks keep state get it: those with CDP. The
 * others need nothing. Under SNC, a node's MSR_RMID_SNC_CONFIG is put in
 * RMID sharing mode first.
 *
 * Context: process, filesystem lock held; may sleep.
 *
 * Return: 0, or -ENOMEM to refuse the domain.
 */
int x86_rdt_domain_online(struct resctrl_res *r, struct resctrl_dom *d)
{
	const struct x86_rdt_res *res = resctrl_res_priv(r);
	struct x86_rdt_dom *dom;

	if (res->snc_nodes > 1)
		smp_call_function_any(resctrl_dom_cpus(d),
				      x86_rdt_snc_share_rmids, NULL, 1);
	if (!res->cfg_msr)
		return 0;
	dom = x86_rdt_dom_alloc(res);
	if (!dom)
		return -ENOMEM;
	resctrl_dom_set_priv(d, dom);
	return 0;
}

/**
 * x86_rdt_domain_offline() - &resctrl_resource_ops.domain_offline
 * @r: the resource
 * @d: the domain, no longer used by the filesystem
 *
 * Context: process, filesystem lock held.
 */
void x86_rdt_domain_offline(struct resctrl_res *r, struct resctrl_dom *d)
{
	x86_rdt_dom_free(resctrl_dom_priv(d));
	resctrl_dom_set_priv(d, NULL);
}
