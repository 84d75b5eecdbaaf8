// SPDX-License-Identifier: GPL-2.0
/*
 * Per-domain state: what apply() keeps between calls (the CDP mode
 * written to QOS_CFG). It runs in an IPI and cannot allocate, so the
 * state is allocated when the filesystem brings a domain online and freed
 * when it takes it offline. MBM keeps nothing here: the filesystem
 * accounts the running counts and runs their overflow worker.
 *
 * Nothing is written to the hardware here: the filesystem programs every
 * CLOSID's value right after domain_online(), which covers what a reset
 * would do, and these callbacks do not run on a CPU of the domain.
 */
#include <linux/slab.h>

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

/**
 * x86_rdt_domain_online() - &resctrl_resource_ops.domain_online
 * @r: the resource
 * @d: the domain coming online
 *
 * Only resources whose callbacks keep state get it: those with CDP. The
 * others need nothing.
 *
 * Context: process, filesystem lock held; may sleep.
 *
 * Return: 0, or -ENOMEM to refuse the domain.
 */
int x86_rdt_domain_online(struct resctrl_res *r, struct resctrl_dom *d)
{
	const struct x86_rdt_res *res = resctrl_res_priv(r);
	struct x86_rdt_dom *dom;

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
