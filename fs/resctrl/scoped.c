// SPDX-License-Identifier: GPL-2.0
/*
 * Extra controls with a scope of their own (&resctrl_ctrl_desc.own_scope),
 * such as a node-scope MB_NODE next to an L3-scope MB.
 *
 * The filesystem keeps each as a resource of its own that no driver sees:
 * it has the control's type, limits and scope, the CLOSIDs of the
 * resource that declared it, and sits on rctl_resources right after that
 * resource. Domains, CPU and memory hotplug, kept values, the schemata
 * line and all-or-nothing writes then work as for any resource. Its
 * apply() hands each value to the declaring driver's apply_ctrl().
 *
 * It is registered, shown or hidden, limited and unregistered together
 * with the declaring resource, never alone. It has no info/ directory:
 * its description goes in the declaring resource's resource_schemata/,
 * and its values take no part in group modes, "size" or the mba_MBps
 * controller, as for the extra controls that share their resource's
 * domains.
 */
#include <linux/slab.h>
#include <linux/string.h>

#include "internal.h"

static int rctl_scoped_apply(struct resctrl_res *s, struct resctrl_dom *d,
			     u32 closid, enum resctrl_conf_type type, u32 val)
{
	struct resctrl_res *r = s->ctrl_of;

	return r->desc->ops->apply_ctrl(r, d, closid, s->ctrl_id, val);
}

static const struct resctrl_resource_ops rctl_scoped_ops = {
	.apply = rctl_scoped_apply,
};

/**
 * rctl_desc_is_scoped() - is @desc that of a control with its own scope?
 * @desc: a resource's description
 *
 * Return: true for the view of a resource rctl_scoped_init() made.
 */
bool rctl_desc_is_scoped(const struct rctl_desc *desc)
{
	return desc->ops == &rctl_scoped_ops;
}

/* Control @c of resource @r, as a resource with @r's CLOSIDs. */
static struct resctrl_res *rctl_scoped_alloc(struct resctrl_res *r,
					     const struct resctrl_ctrl_desc *c)
{
	const struct rctl_desc *rd = r->desc;
	struct resctrl_res *s;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return NULL;
	snprintf(s->line_name, sizeof(s->line_name), "%s_%s", rd->name,
		 c->suffix);
	s->view = (struct rctl_desc){
		.name = s->line_name,
		.ctrl = c->ctrl,
		.scope = c->scope,
		.plugin_option = rd->plugin_option,
		/* A memory-only node has no CPU to run on. */
		.run_on_domain_cpu = rd->run_on_domain_cpu && !c->memory_nodes,
		.unit = c->unit,
		.resolution = c->resolution,
		.memory_nodes = c->memory_nodes,
		.default_min = c->default_min,
		.ops = &rctl_scoped_ops,
		.num_closid = rd->num_closid,
		.max_closid = rd->max_closid,
		.owner = rd->owner,
	};
	if (c->ctrl == RESCTRL_CTRL_BITMASK)
		s->view.bitmask = c->bitmask;
	else
		s->view.range = c->range;
	s->desc = &s->view;
	s->priv = r->priv;
	s->ctrl_of = r;
	s->ctrl_id = c->id;
	INIT_LIST_HEAD(&s->domains);
	refcount_set(&s->pins, 1);
	init_completion(&s->released);
	return s;
}

/**
 * rctl_scoped_init() - split off the extra controls with their own scope
 * @r: a resource being registered, its description checked, not yet on
 *	rctl_resources
 *
 * Each extra control with &resctrl_ctrl_desc.own_scope becomes a
 * resource in @r->scoped; @r's view keeps the others. Context: process;
 * may sleep.
 *
 * Return: 0, or -ENOMEM after which nothing is left allocated.
 */
int rctl_scoped_init(struct resctrl_res *r)
{
	const struct resctrl_ctrl_desc *ctrls = r->desc->ctrls;
	unsigned int i, n = 0, same = 0, num = r->desc->num_ctrls;
	struct resctrl_res *s;

	for (i = 0; i < num; i++)
		n += ctrls[i].own_scope;
	if (!n)
		return 0;
	r->scoped = kcalloc(n, sizeof(*r->scoped), GFP_KERNEL);
	r->same_ctrls = kcalloc(max(num - n, 1U), sizeof(*r->same_ctrls),
				GFP_KERNEL);
	if (!r->scoped || !r->same_ctrls)
		goto nomem;
	for (i = 0; i < num; i++) {
		if (!ctrls[i].own_scope) {
			r->same_ctrls[same++] = ctrls[i];
			continue;
		}
		s = rctl_scoped_alloc(r, &ctrls[i]);
		if (!s)
			goto nomem;
		r->scoped[r->num_scoped++] = s;
	}
	r->view.ctrls = same ? r->same_ctrls : NULL;
	r->view.num_ctrls = same;
	return 0;
nomem:
	rctl_scoped_free(r);
	return -ENOMEM;
}

/**
 * rctl_scoped_domains_init() - the domains of @r's controls with own scope
 * @r: a resource being registered, its own domains online
 *
 * Return: 0, or an error after which none of them has a domain.
 */
int rctl_scoped_domains_init(struct resctrl_res *r)
{
	unsigned int i;
	int ret = 0;

	for (i = 0; !ret && i < r->num_scoped; i++)
		ret = rctl_domains_init(r->scoped[i]);
	if (ret)
		while (i--)
			rctl_domains_free(r->scoped[i]);
	return ret;
}

/**
 * rctl_scoped_list_add() - put @r's controls with own scope after it
 * @r: a resource just added to rctl_resources
 *
 * They are hidden when @r is. Called with rctl_mutex held.
 */
void rctl_scoped_list_add(struct resctrl_res *r)
{
	struct list_head *at = &r->list;
	unsigned int i;

	lockdep_assert_held(&rctl_mutex);
	for (i = 0; i < r->num_scoped; i++) {
		r->scoped[i]->hidden = r->hidden;
		list_add(&r->scoped[i]->list, at);
		at = &r->scoped[i]->list;
	}
}

/**
 * rctl_scoped_set_closids() - follow @r's CLOSID count
 * @r: a resource whose count resctrl_res_set_limits() changed
 */
void rctl_scoped_set_closids(struct resctrl_res *r)
{
	unsigned int i;

	for (i = 0; i < r->num_scoped; i++)
		r->scoped[i]->view.num_closid = r->desc->num_closid;
}

/**
 * rctl_scoped_free() - free @r's controls with own scope
 * @r: a resource whose controls are off rctl_resources, or never were on
 *
 * Waits until no file handler uses one. Context: process; may sleep; not
 * with rctl_mutex held.
 */
void rctl_scoped_free(struct resctrl_res *r)
{
	struct resctrl_res *s;

	while (r->num_scoped) {
		s = r->scoped[--r->num_scoped];
		rctl_res_unpin(s);
		wait_for_completion(&s->released);
		kfree(s);
	}
	kfree(r->scoped);
	kfree(r->same_ctrls);
	r->scoped = NULL;
	r->same_ctrls = NULL;
}
