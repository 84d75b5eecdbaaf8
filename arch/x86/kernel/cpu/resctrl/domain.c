// SPDX-License-Identifier: GPL-2.0
/*
 * Per-domain state: what apply() and read_event() keep between calls (the
 * CDP mode written to QOS_CFG, the MBM totals). They run in an IPI and
 * cannot allocate, so the state is allocated when the filesystem brings a
 * domain online and freed when it takes it offline. A domain with MBM
 * also runs the overflow worker of mon.c meanwhile.
 *
 * Nothing is written to the hardware here: the filesystem programs every
 * CLOSID's value right after domain_online(), which covers what a reset
 * would do, and these callbacks do not run on a CPU of the domain.
 */
#include <linux/bitmap.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "internal.h"

/**
 * x86_rdt_dom_alloc() - allocate the state of one domain of a resource
 * @res: the resource
 *
 * The CDP mode starts unknown: the hardware may keep what it held when
 * the domain last went offline. MBM totals start empty.
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
	raw_spin_lock_init(&dom->mbm_lock);
	INIT_DELAYED_WORK(&dom->mbm_work, x86_rdt_mbm_work);
	if (res->mbm_width) {
		/* Up to thousands of RMIDs: may be larger than a page or two. */
		dom->mbm = kvcalloc(array_size(res->desc.num_rmid,
					       X86_RDT_MBM_EVENTS),
				    sizeof(*dom->mbm), GFP_KERNEL);
		dom->mbm_used = bitmap_zalloc(res->desc.num_rmid, GFP_KERNEL);
		if (!dom->mbm || !dom->mbm_used) {
			x86_rdt_dom_free(dom);
			return NULL;
		}
		/* The default group's RMID is always in use. */
		__set_bit(0, dom->mbm_used);
	}
	return dom;
}

/**
 * x86_rdt_dom_free() - stop the overflow worker and free a domain's state
 * @dom: the state, or NULL
 *
 * Context: process; waits for a running worker to finish.
 */
void x86_rdt_dom_free(struct x86_rdt_dom *dom)
{
	if (!dom)
		return;
	cancel_delayed_work_sync(&dom->mbm_work);
	bitmap_free(dom->mbm_used);
	kvfree(dom->mbm);
	kfree(dom);
}

/**
 * x86_rdt_domain_online() - &resctrl_resource_ops.domain_online
 * @r: the resource
 * @d: the domain coming online
 *
 * Only resources whose callbacks keep state get it: those with CDP or
 * MBM. The others need nothing. With MBM, the overflow worker starts.
 *
 * Context: process, filesystem lock held; may sleep.
 *
 * Return: 0, or -ENOMEM to refuse the domain.
 */
int x86_rdt_domain_online(struct resctrl_res *r, struct resctrl_dom *d)
{
	const struct x86_rdt_res *res = resctrl_res_priv(r);
	struct x86_rdt_dom *dom;

	if (!res->cfg_msr && !res->mbm_width)
		return 0;
	dom = x86_rdt_dom_alloc(res);
	if (!dom)
		return -ENOMEM;
	resctrl_dom_set_priv(d, dom);
	x86_rdt_mbm_worker_start(dom, res, resctrl_dom_cpus(d));
	return 0;
}

/**
 * x86_rdt_domain_offline() - &resctrl_resource_ops.domain_offline
 * @r: the resource
 * @d: the domain, no longer used by the filesystem
 *
 * The overflow worker is stopped before the state goes.
 * Context: process, filesystem lock held.
 */
void x86_rdt_domain_offline(struct resctrl_res *r, struct resctrl_dom *d)
{
	x86_rdt_dom_free(resctrl_dom_priv(d));
	resctrl_dom_set_priv(d, NULL);
}
