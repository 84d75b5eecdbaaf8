// SPDX-License-Identifier: GPL-2.0
/*
 * The resource registry: drivers register and unregister resources at
 * any time, mounted or not, and the list adds up to what groups may do.
 *
 * A resource's files appear last, when everything behind them is ready,
 * and go first, before anything behind them is torn down. Handlers of
 * those files pin the resource; unregistration waits for the pins, so
 * when it returns no callback of the resource can run again.
 */
#include <linux/cpu.h>
#include <linux/device.h>
#include <linux/export.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "internal.h"

LIST_HEAD(rctl_resources);

/* The IDs the CPUs can carry in a task's tag; 0: no limit stated. */
u32 rctl_cpu_closid_limit;
u32 rctl_cpu_rmid_limit;

/**
 * resctrl_set_cpu_id_limits() - state the IDs the CPUs themselves can carry
 * @num_closid: CLOSIDs the CPU can tag tasks with (0 to @num_closid - 1),
 *	whatever resources are registered; 0 for no limit
 * @num_rmid: the same for RMIDs
 *
 * For the architecture backend: the IDs a group holds are loaded into a
 * CPU register at context switch (IA32_PQR_ASSOC on x86), which takes
 * only the IDs the CPU supports, even when the resources a mount shows
 * (plugin resources, hide=, a CPU with monitoring but no allocation)
 * would allow more. Groups are never given an ID beyond these limits.
 *
 * Context: process, before the backend registers its resources (at
 * boot); may sleep.
 */
void resctrl_set_cpu_id_limits(u32 num_closid, u32 num_rmid)
{
	mutex_lock(&rctl_mutex);
	rctl_cpu_closid_limit = num_closid;
	rctl_cpu_rmid_limit = num_rmid;
	mutex_unlock(&rctl_mutex);
}

/* @n, or the CPUs' @limit if they carry fewer; 0 (none) stays 0. */
static u32 rctl_cpu_limited(u32 n, u32 limit)
{
	return n && limit ? min(n, limit) : n;
}

/**
 * rctl_find_resource() - look a resource up by its schemata name
 * @name: the name
 *
 * Return: the resource, hidden or not, or NULL.
 */
struct resctrl_res *rctl_find_resource(const char *name)
{
	struct resctrl_res *r;

	lockdep_assert_held(&rctl_mutex);
	list_for_each_entry(r, &rctl_resources, list)
		if (!strcmp(r->desc->name, name))
			return r;
	return NULL;
}

/*
 * The resource that keeps @desc's name from being registered, or NULL.
 * Two resources may share a name when one only controls and the other
 * only monitors, at the same scope: their files never meet (info/NAME
 * and the schemata line come from one, info/NAME_MON and mon_data from
 * the other), so together they show as one upstream resource. This is
 * how a model-specific L3 CAT driver joins the x86 backend's L3
 * monitoring on a CPU whose CAT is not enumerated (Haswell-EP). A
 * mon_in_l3 monitoring resource of scope NODE joins an L3 control one
 * the same way (Sub-NUMA Clustering).
 */
static bool rctl_scopes_pair(const struct rctl_desc *a,
			     const struct rctl_desc *b)
{
	if (a->scope == b->scope)
		return true;
	return (a->mon_in_l3 && b->scope == RESCTRL_SCOPE_L3) ||
	       (b->mon_in_l3 && a->scope == RESCTRL_SCOPE_L3);
}

static struct resctrl_res *rctl_name_taken(const struct rctl_desc *desc)
{
	struct resctrl_res *r;

	list_for_each_entry(r, &rctl_resources, list) {
		if (strcmp(r->desc->name, desc->name))
			continue;
		/* A control with its own scope pairs with nothing. */
		if (!r->ctrl_of && !rctl_desc_is_scoped(desc) &&
		    rctl_scopes_pair(r->desc, desc) &&
		    ((r->desc->ctrl == RESCTRL_CTRL_NONE && !desc->num_events) ||
		     (!r->desc->num_events && desc->ctrl == RESCTRL_CTRL_NONE)))
			continue;
		return r;
	}
	return NULL;
}

/**
 * rctl_res_pin() - keep a resource's memory while a handler uses it
 * @r: the resource of the file whose handler runs; the caller still holds
 *	the file's kernfs active reference
 */
void rctl_res_pin(struct resctrl_res *r)
{
	refcount_inc(&r->pins);
}

void rctl_res_unpin(struct resctrl_res *r)
{
	if (refcount_dec_and_test(&r->pins))
		complete(&r->released);
}

bool rctl_alloc_capable(void)
{
	return rctl_num_closids() > 0;
}

bool rctl_mon_capable(void)
{
	return rctl_num_rmids() > 0;
}

/*
 * CTRL_MON groups can use the CLOSIDs that every control resource has:
 * half of them for a resource that CDP splits; never more than the CPUs
 * carry.
 */
u32 rctl_num_closids(void)
{
	struct resctrl_res *r;
	u32 n = 0;

	for_each_rctl_resource(r)
		if (rctl_res_has_ctrl(r) && (!n || rctl_res_num_closid(r) < n))
			n = rctl_res_num_closid(r);
	return rctl_cpu_limited(n, rctl_cpu_closid_limit);
}

/* Groups can use the RMIDs that every monitoring resource has, and CPUs carry. */
u32 rctl_num_rmids(void)
{
	struct resctrl_res *r;
	u32 n = 0;

	for_each_rctl_resource(r)
		if (rctl_res_has_mon(r) && (!n || r->desc->num_rmid < n))
			n = r->desc->num_rmid;
	return rctl_cpu_limited(n, rctl_cpu_rmid_limit);
}

/**
 * rctl_ids_fit() - can a new resource serve the IDs groups hold?
 * @num_closid: its CLOSIDs, 0 if it has no control
 * @num_rmid: its RMIDs, 0 if it has no monitoring
 *
 * Return: 0, or -EBUSY with the reason in last_cmd_status.
 */
int rctl_ids_fit(u32 num_closid, u32 num_rmid)
{
	u32 closids = rctl_id_pool_span(&rctl_closids);
	u32 rmids = rctl_id_pool_span(&rctl_rmids);

	if (num_closid && num_closid < closids) {
		rctl_status_printf("%u CLOSIDs cannot serve the groups using CLOSIDs up to %u\n",
				   num_closid, closids - 1);
		return -EBUSY;
	}
	if (num_rmid && num_rmid < rmids) {
		rctl_status_printf("%u RMIDs cannot serve the groups using RMIDs up to %u\n",
				   num_rmid, rmids - 1);
		return -EBUSY;
	}
	return 0;
}

/**
 * rctl_ids_resize() - fit the mounted ID pools to the resource list
 *
 * With no resource of a kind left the pool keeps its size: the groups
 * keep their IDs for when one comes back.
 *
 * Return: 0, or an error from rctl_id_pool_resize().
 */
int rctl_ids_resize(void)
{
	u32 closids = rctl_num_closids(), rmids = rctl_num_rmids();
	int ret = 0;

	if (closids)
		ret = rctl_id_pool_resize(&rctl_closids, closids);
	if (!ret && rmids)
		ret = rctl_id_pool_resize(&rctl_rmids, rmids);
	return ret;
}

/* Whether @name is the main or an extra schemata line of @desc. */
static bool rctl_desc_has_line(const struct rctl_desc *desc,
			       const char *name)
{
	size_t len = strlen(desc->name);
	unsigned int i;

	/* A monitoring-only resource has no line of its own name. */
	if (!strcmp(desc->name, name))
		return desc->ctrl != RESCTRL_CTRL_NONE;
	if (strncmp(desc->name, name, len) || name[len] != '_')
		return false;
	for (i = 0; i < desc->num_ctrls; i++)
		if (!strcmp(desc->ctrls[i].suffix, name + len + 1))
			return true;
	return false;
}

/*
 * A registered resource that already has one of @desc's schemata lines:
 * its own or an extra control's (MB_NODE next to MB's NODE control).
 */
static struct resctrl_res *rctl_line_taken(const struct rctl_desc *desc)
{
	char name[RCTL_CONF_NAME_LEN];
	struct resctrl_res *r;
	unsigned int i;

	list_for_each_entry(r, &rctl_resources, list) {
		if (desc->ctrl != RESCTRL_CTRL_NONE &&
		    rctl_desc_has_line(r->desc, desc->name))
			return r;
		for (i = 0; i < desc->num_ctrls; i++) {
			snprintf(name, sizeof(name), "%s_%s", desc->name,
				 desc->ctrls[i].suffix);
			if (rctl_desc_has_line(r->desc, name))
				return r;
		}
	}
	return NULL;
}

/* A resource with a schemata line of @r's, or of its scoped controls'. */
static struct resctrl_res *rctl_lines_taken(struct resctrl_res *r)
{
	struct resctrl_res *taken = rctl_line_taken(r->desc);
	unsigned int i;

	for (i = 0; !taken && i < r->num_scoped; i++)
		taken = rctl_name_taken(r->scoped[i]->desc) ?:
			rctl_line_taken(r->scoped[i]->desc);
	return taken;
}

static const char *rctl_owner_name(const struct rctl_desc *desc)
{
	return desc->owner ? module_name(desc->owner) : "the kernel";
}

/* Say why a resource that CDP splits did not fit the CLOSIDs in use. */
static void rctl_cdp_refused(struct resctrl_res *r)
{
	const char *name = r->desc->name;

	rctl_status_printf("%s: code and data prioritization halves its %u CLOSIDs\n",
			   name, r->desc->num_closid);
	pr_info("resctrl: %s refused: CDP leaves it %u CLOSIDs, too few\n",
		name, rctl_res_num_closid(r));
}

static void rctl_res_remove(struct resctrl_res *r)
{
	unsigned int i = r->num_scoped;

	/* Its controls with their own scope go first: they sit in its info/. */
	while (i--)
		rctl_res_remove(r->scoped[i]);
	if (r->in_tree)
		rctl_tree_remove_res(r);
	r->dead = true;
	list_del(&r->list);
	rctl_mbps_res_removed(r);
	rctl_domains_free(r);
	if (rctl_mounted)
		WARN_ON(rctl_ids_resize());
}

static bool rctl_name_ok(const char *name)
{
	return name && *name && strlen(name) < 32 && !strpbrk(name, "/:;= \t\n");
}

/* info/NAME_MON belongs to resource NAME: no resource may be called so. */
static bool rctl_res_name_ok(const char *name)
{
	size_t len = name ? strlen(name) : 0;

	return rctl_name_ok(name) && (len < 4 || strcmp(name + len - 4, "_MON"));
}

static bool rctl_typed_ok(enum resctrl_ctrl_type ctrl,
			  const struct resctrl_bitmask_params *bitmask,
			  const struct resctrl_range_params *range)
{
	switch (ctrl) {
	case RESCTRL_CTRL_BITMASK:
		return bitmask->cbm_len && bitmask->cbm_len <= 32 &&
		       bitmask->min_cbm_bits <= bitmask->cbm_len;
	case RESCTRL_CTRL_PERCENT:
	case RESCTRL_CTRL_MBPS:
	case RESCTRL_CTRL_SCALAR:
		return range->min <= range->max;
	default:
		return false;
	}
}

/* The extra controls and memory nodes of @desc; NULL if they are fine. */
static const char *rctl_check_extras(const struct rctl_desc *desc)
{
	const struct resctrl_ctrl_desc *c;
	unsigned int i, j;

	if (desc->memory_nodes &&
	    (desc->scope != RESCTRL_SCOPE_NODE || desc->run_on_domain_cpu))
		return "memory_nodes needs NODE scope and no run_on_domain_cpu";
	if (!desc->num_ctrls)
		return NULL;
	if (!desc->ctrls || desc->ctrl == RESCTRL_CTRL_NONE ||
	    desc->ctrl == RESCTRL_CTRL_CUSTOM || desc->cdp_capable ||
	    !desc->ops->apply_ctrl)
		return "extra controls need a typed main control, no CDP and apply_ctrl()";
	for (i = 0; i < desc->num_ctrls; i++) {
		c = &desc->ctrls[i];
		if (!rctl_name_ok(c->suffix) ||
		    strlen(desc->name) + strlen(c->suffix) + 2 > RCTL_CONF_NAME_LEN)
			return "bad extra control name";
		if (!rctl_typed_ok(c->ctrl, &c->bitmask, &c->range))
			return "bad extra control type or parameters";
		if (c->own_scope && c->scope >= RESCTRL_SCOPE_DEVICE)
			return "an extra control's own scope must come from topology";
		if (c->memory_nodes &&
		    (!c->own_scope || c->scope != RESCTRL_SCOPE_NODE))
			return "an extra control's memory_nodes needs its own NODE scope";
		for (j = 0; j < i; j++)
			if (!strcmp(desc->ctrls[j].suffix, c->suffix))
				return "two extra controls with one name";
	}
	return NULL;
}

/**
 * rctl_check_desc() - reject descriptions the filesystem cannot serve
 * @desc: a description handed to resctrl_register_resource()
 *
 * Return: 0, or -EINVAL with the reason in the kernel log.
 */
int rctl_check_desc(const struct rctl_desc *desc)
{
	const struct resctrl_resource_ops *ops = desc->ops;
	const char *why = NULL;
	unsigned int i;

	if (!rctl_res_name_ok(desc->name))
		why = "bad name (1-31 characters, none of /:;= or blanks, not ending in _MON)";
	else if (!ops)
		why = "no ops";
	else if (desc->scope > RESCTRL_SCOPE_DEVICE)
		why = "unknown scope";
	else if (desc->ctrl > RESCTRL_CTRL_CUSTOM)
		why = "unknown control type";
	else if (desc->ctrl != RESCTRL_CTRL_NONE && (!desc->num_closid || !ops->apply))
		why = "a control needs CLOSIDs and apply()";
	else if (desc->ctrl == RESCTRL_CTRL_BITMASK &&
		 !rctl_typed_ok(desc->ctrl, &desc->bitmask, &desc->range))
		why = "bad bitmask parameters";
	else if (desc->ctrl != RESCTRL_CTRL_NONE && desc->ctrl != RESCTRL_CTRL_CUSTOM &&
		 !rctl_typed_ok(desc->ctrl, &desc->bitmask, &desc->range))
		why = "bad range parameters";
	else if (desc->ctrl == RESCTRL_CTRL_CUSTOM && (!ops->parse || !ops->format))
		why = "a custom control needs parse() and format()";
	else if (desc->ctrl == RESCTRL_CTRL_NONE && !desc->num_events)
		why = "neither control nor monitoring";
	else if (desc->num_events && (!desc->num_rmid || !ops->read_event || !desc->events))
		why = "monitoring needs RMIDs, events and read_event()";
	else if (desc->mon_in_l3 && (desc->scope != RESCTRL_SCOPE_NODE ||
				     desc->ctrl != RESCTRL_CTRL_NONE || !desc->num_events))
		why = "mon_in_l3 needs a monitoring-only resource of scope NODE";
	for (i = 0; !why && i < desc->num_events; i++)
		if (!rctl_name_ok(desc->events[i].name) || desc->events[i].frac_bits > 24 ||
		    (desc->events[i].bandwidth &&
		     (desc->events[i].frac_bits || desc->events[i].occupancy)))
			why = "bad event";
	if (!why)
		why = rctl_check_extras(desc);
	if (why) {
		pr_err("resctrl: cannot register resource %s: %s\n",
		       desc->name ?: "(null)", why);
		return -EINVAL;
	}
	return 0;
}

/**
 * rctl_desc_fill() - put a resource's description and capabilities together
 * @v: the filesystem's view, filled
 * @desc: the driver's constant description
 * @caps: what this instance offers
 * @owner: the registering module, NULL for built-in code
 *
 * Context: any; does not sleep.
 */
void rctl_desc_fill(struct rctl_desc *v, const struct resctrl_resource_desc *desc,
		    const struct resctrl_resource_caps *caps, struct module *owner)
{
	*v = (struct rctl_desc){
		.name = desc->name,
		.ctrl = desc->ctrl,
		.scope = desc->scope,
		.info = desc->info,
		.mon_info = desc->mon_info,
		.files = desc->files,
		.group_data_size = desc->group_data_size,
		.plugin_option = desc->plugin_option,
		.claim = desc->claim,
		.run_on_domain_cpu = desc->run_on_domain_cpu,
		.ctrls = desc->ctrls,
		.num_ctrls = desc->num_ctrls,
		.unit = desc->unit,
		.resolution = desc->resolution,
		.memory_nodes = desc->memory_nodes,
		.mon_in_l3 = desc->mon_in_l3,
		.ops = desc->ops,
		.num_closid = caps->num_closid,
		.num_rmid = caps->num_rmid,
		.default_val = caps->default_val,
		.occupancy_threshold = caps->occupancy_threshold,
		.occupancy_limit = caps->occupancy_limit,
		.events = caps->events,
		.num_events = caps->num_events,
		.cdp_capable = caps->cdp_capable,
		.max_closid = caps->num_closid,
		.max_rmid = caps->num_rmid,
		.owner = owner,
	};
	if (desc->ctrl == RESCTRL_CTRL_BITMASK)
		v->bitmask = caps->bitmask;
	else
		v->range = caps->range;
}

/**
 * __resctrl_register_resource() - add a resource to the filesystem
 * @desc: what the resource is; must stay valid until it is unregistered
 * @caps: what this instance offers; copied
 * @priv: the driver's data, returned by resctrl_res_priv()
 * @owner: the module registering, THIS_MODULE of the caller
 *
 * Called through resctrl_register_resource(), which supplies @owner; see
 * there and "Lifetime" in include/linux/resctrl.h. Domains of
 * CPU-derived scopes come online for the online CPUs and every CLOSID
 * gets its default value; while mounted the resource's files then
 * appear in every group at once. Context: process; takes
 * cpus_read_lock() and the filesystem lock; may sleep; not from a
 * resctrl operation.
 *
 * Return: the handle, or an ERR_PTR() as resctrl_register_resource()
 * says.
 */
struct resctrl_res *__resctrl_register_resource(const struct resctrl_resource_desc *desc,
						const struct resctrl_resource_caps *caps,
						void *priv, struct module *owner)
{
	struct resctrl_res *r, *other, *taken;
	unsigned int i;
	int ret;

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return ERR_PTR(-ENOMEM);
	refcount_set(&r->pins, 1);
	init_completion(&r->released);
	rctl_desc_fill(&r->view, desc, caps, owner);
	ret = rctl_check_desc(&r->view);
	if (ret)
		goto free;
	r->desc = &r->view;
	r->priv = priv;
	ret = rctl_res_files_init(r) ?: rctl_scoped_init(r);
	if (ret)
		goto free;
	r->occ_threshold = rctl_occ_round(r, r->desc->occupancy_threshold);
	INIT_LIST_HEAD(&r->domains);
	if (r->desc->group_data_size) {
		r->group_data = kvcalloc(r->desc->max_closid,
					 r->desc->group_data_size, GFP_KERNEL);
		ret = r->group_data ? 0 : -ENOMEM;
		if (ret)
			goto free;
	}

	rctl_lock();
	rctl_status_clear();
	other = rctl_name_taken(r->desc);
	taken = other ? NULL : rctl_lines_taken(r);
	if (taken) {
		rctl_status_printf("A schemata line of %s is %s's already\n",
				   r->desc->name, taken->desc->name);
		ret = -EEXIST;
		goto unlock;
	}
	if (other) {
		rctl_status_printf("Resource %s is already registered\n", r->desc->name);
		pr_warn("resctrl: %s from %s refused: %s already provides it\n",
			r->desc->name, rctl_owner_name(r->desc),
			rctl_owner_name(other->desc));
		ret = -EEXIST;
		goto unlock;
	}
	r->hidden = rctl_mounted && rctl_mount_hides(r);
	if (rctl_mounted && !r->hidden) {
		ret = rctl_ids_fit(rctl_res_has_ctrl(r) ? rctl_res_num_closid(r) : 0,
				   rctl_res_has_mon(r) ? r->desc->num_rmid : 0);
		if (ret && rctl_res_cdp(r))
			rctl_cdp_refused(r);
		if (ret)
			goto unlock;
	}
	ret = rctl_domains_init(r);
	if (ret)
		goto unlock;
	ret = rctl_scoped_domains_init(r);
	if (ret) {
		rctl_domains_free(r);
		goto unlock;
	}
	list_add_tail(&r->list, &rctl_resources);
	rctl_scoped_list_add(r);
	if (rctl_mounted && !r->hidden) {
		ret = rctl_ids_resize();
		if (!ret && rctl_res_has_mon(r))
			ret = rctl_groups_assign_rmids();
		if (!ret)
			ret = rctl_tree_add_res(r);
		for (i = 0; !ret && i < r->num_scoped; i++)
			ret = rctl_tree_add_res(r->scoped[i]);
		if (ret)
			rctl_res_remove(r);
		else
			rctl_mbps_res_added(r);
	}
unlock:
	rctl_unlock();
	if (ret)
		goto free;
	pr_debug("resctrl: %s registered by %s\n", r->desc->name,
		 rctl_owner_name(r->desc));
	return r;
free:
	rctl_scoped_free(r);
	/*
	 * Its files may have been in the tree for a moment (a control with
	 * its own scope failed to follow): wait for handlers that pinned it.
	 */
	rctl_res_unpin(r);
	wait_for_completion(&r->released);
	rctl_res_files_free(r);
	kvfree(r->group_data);
	kfree(r);
	return ERR_PTR(ret);
}
EXPORT_SYMBOL_NS_GPL(__resctrl_register_resource, RESCTRL);

static void rctl_devm_unregister(void *r)
{
	resctrl_unregister_resource(r);
}

/**
 * __devm_resctrl_register_resource() - add a resource owned by a device
 * @dev: the device whose driver provides the resource
 * @desc: as __resctrl_register_resource()
 * @caps: as __resctrl_register_resource()
 * @priv: as __resctrl_register_resource()
 * @owner: as __resctrl_register_resource()
 *
 * Called through devm_resctrl_register_resource(). The resource is
 * unregistered by devres when the driver unbinds from @dev. Context:
 * process, usually a probe; may sleep.
 *
 * Return: as __resctrl_register_resource().
 */
struct resctrl_res *__devm_resctrl_register_resource(struct device *dev,
						     const struct resctrl_resource_desc *desc,
						     const struct resctrl_resource_caps *caps,
						     void *priv, struct module *owner)
{
	struct resctrl_res *r;
	int ret;

	r = __resctrl_register_resource(desc, caps, priv, owner);
	if (IS_ERR(r))
		return r;
	ret = devm_add_action_or_reset(dev, rctl_devm_unregister, r);
	return ret ? ERR_PTR(ret) : r;
}
EXPORT_SYMBOL_NS_GPL(__devm_resctrl_register_resource, RESCTRL);

/**
 * resctrl_unregister_resource() - take a resource out of the filesystem
 * @r: the handle from resctrl_register_resource()
 *
 * The resource's files disappear from every group at once, its domains
 * go offline (domain_offline is called for each), and the call returns
 * once every file operation that was using the resource has finished: no
 * callback of the resource runs after it returns. Groups keep their
 * CLOSIDs and RMIDs. Context: process; takes cpus_read_lock() and the
 * filesystem lock; may sleep; not from a callback.
 */
void resctrl_unregister_resource(struct resctrl_res *r)
{
	rctl_lock();
	rctl_res_remove(r);
	rctl_unlock();

	rctl_scoped_free(r);
	rctl_res_unpin(r);
	wait_for_completion(&r->released);
	rctl_res_files_free(r);
	kvfree(r->group_data);
	kfree(r);
}
EXPORT_SYMBOL_NS_GPL(resctrl_unregister_resource, RESCTRL);

/**
 * resctrl_res_set_limits() - lower or restore the IDs a resource serves
 * @r: the resource
 * @num_closid: CLOSIDs it serves from now on, at most the count it
 *	registered with; ignored for a resource without control
 * @num_rmid: RMIDs it serves from now on, at most the count it registered
 *	with; ignored for a resource without monitoring
 *
 * For hardware whose instances differ, such as a device with fewer
 * CLOSIDs than the others binding to a DEVICE-scoped resource: the values
 * of the CLOSIDs that stay, and the groups, are kept. Not for a resource
 * that CDP may split (its layout depends on the count). Context: process;
 * takes cpus_read_lock() and the filesystem lock; may sleep; not from a
 * resctrl operation.
 *
 * Return: 0; -EINVAL for a count above the registered one or zero, or a
 * CDP-capable resource; -EBUSY if groups of the mount use more IDs than
 * the new counts give (explained in info/last_cmd_status).
 */
int resctrl_res_set_limits(struct resctrl_res *r, u32 num_closid, u32 num_rmid)
{
	struct rctl_desc *v = &r->view;
	int ret = 0;

	if (!rctl_res_has_ctrl(r))
		num_closid = v->num_closid;
	if (!rctl_res_has_mon(r))
		num_rmid = v->num_rmid;
	if (v->cdp_capable || num_closid > v->max_closid ||
	    num_rmid > v->max_rmid || (rctl_res_has_ctrl(r) && !num_closid) ||
	    (rctl_res_has_mon(r) && !num_rmid))
		return -EINVAL;

	rctl_lock();
	rctl_status_clear();
	if (rctl_mounted && !r->hidden)
		ret = rctl_ids_fit(rctl_res_has_ctrl(r) ? num_closid : 0,
				   rctl_res_has_mon(r) ? num_rmid : 0);
	if (!ret) {
		v->num_closid = num_closid;
		v->num_rmid = num_rmid;
		rctl_scoped_set_closids(r);
		if (rctl_mounted && !r->hidden)
			WARN_ON(rctl_ids_resize());
	}
	rctl_unlock();
	return ret;
}
EXPORT_SYMBOL_NS_GPL(resctrl_res_set_limits, RESCTRL);

/**
 * resctrl_group_data() - the driver's data for the CTRL_MON group of a CLOSID
 * @r: the resource, with &resctrl_resource_desc.group_data_size set
 * @closid: the group's CLOSID
 *
 * See "Per-group data" in include/linux/resctrl.h. Context: the
 * filesystem lock held, as in every process-context operation.
 *
 * Return: &resctrl_resource_desc.group_data_size bytes, zeroed when a new
 * CTRL_MON group took @closid; NULL for a resource without group data or
 * a CLOSID it does not serve.
 */
void *resctrl_group_data(struct resctrl_res *r, u32 closid)
{
	lockdep_assert_held(&rctl_mutex);
	if (!r->group_data || closid >= r->desc->max_closid)
		return NULL;
	return r->group_data + (size_t)closid * r->desc->group_data_size;
}
EXPORT_SYMBOL_NS_GPL(resctrl_group_data, RESCTRL);

/**
 * resctrl_res_priv() - the driver data of a resource
 * @r: the resource
 *
 * Return: the @priv given to resctrl_register_resource().
 */
void *resctrl_res_priv(const struct resctrl_res *r)
{
	return r->priv;
}
EXPORT_SYMBOL_NS_GPL(resctrl_res_priv, RESCTRL);
