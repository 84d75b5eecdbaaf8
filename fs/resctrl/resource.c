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
static bool rctl_scopes_pair(const struct resctrl_resource_desc *a,
			     const struct resctrl_resource_desc *b)
{
	if (a->scope == b->scope)
		return true;
	return (a->mon_in_l3 && b->scope == RESCTRL_SCOPE_L3) ||
	       (b->mon_in_l3 && a->scope == RESCTRL_SCOPE_L3);
}

static struct resctrl_res *rctl_name_taken(const struct resctrl_resource_desc *desc)
{
	struct resctrl_res *r;

	list_for_each_entry(r, &rctl_resources, list) {
		if (strcmp(r->desc->name, desc->name))
			continue;
		if (rctl_scopes_pair(r->desc, desc) &&
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
static bool rctl_desc_has_line(const struct resctrl_resource_desc *desc,
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
static struct resctrl_res *rctl_line_taken(const struct resctrl_resource_desc *desc)
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

static const char *rctl_owner_name(const struct resctrl_resource_desc *desc)
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
static const char *rctl_check_extras(const struct resctrl_resource_desc *desc)
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
int rctl_check_desc(const struct resctrl_resource_desc *desc)
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
 * resctrl_register_resource() - add a resource to the filesystem
 * @desc: what the resource is; must stay valid until it is unregistered
 * @priv: the driver's data, returned by resctrl_res_priv()
 *
 * Domains of CPU-derived scopes come online for the online CPUs (the
 * driver's domain_online is called for each) and every CLOSID gets its
 * default value. If the filesystem is mounted, the resource's files then
 * appear in every group at once. Context: process; takes
 * cpus_read_lock() and the filesystem lock; not from a callback.
 *
 * Return: the handle, or ERR_PTR(-EINVAL) for a bad description,
 * -EEXIST for a name in use, -EBUSY when the resource cannot serve the
 * CLOSIDs or RMIDs in use (explained in info/last_cmd_status; a resource
 * that the mount's CDP splits has half its CLOSIDs), -ENOMEM,
 * or the error of a domain_online that refused a domain.
 */
struct resctrl_res *resctrl_register_resource(const struct resctrl_resource_desc *desc,
					      void *priv)
{
	struct resctrl_res *r, *other;
	int ret;

	ret = rctl_check_desc(desc);
	if (ret)
		return ERR_PTR(ret);
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return ERR_PTR(-ENOMEM);
	r->desc = desc;
	r->priv = priv;
	if (rctl_res_files_init(r)) {
		kfree(r);
		return ERR_PTR(-ENOMEM);
	}
	r->occ_threshold = rctl_occ_round(r, desc->occupancy_threshold);
	INIT_LIST_HEAD(&r->domains);
	refcount_set(&r->pins, 1);
	init_completion(&r->released);

	rctl_lock();
	rctl_status_clear();
	other = rctl_name_taken(desc);
	if (!other && rctl_line_taken(desc)) {
		rctl_status_printf("A schemata line of %s is %s's already\n",
				   desc->name, rctl_line_taken(desc)->desc->name);
		ret = -EEXIST;
		goto unlock;
	}
	if (other) {
		rctl_status_printf("Resource %s is already registered\n", desc->name);
		pr_warn("resctrl: %s from %s refused: %s already provides it\n",
			desc->name, rctl_owner_name(desc),
			rctl_owner_name(other->desc));
		ret = -EEXIST;
		goto unlock;
	}
	r->hidden = rctl_mounted && rctl_mount_hides(r);
	if (rctl_mounted && !r->hidden) {
		ret = rctl_ids_fit(rctl_res_has_ctrl(r) ? rctl_res_num_closid(r) : 0,
				   rctl_res_has_mon(r) ? desc->num_rmid : 0);
		if (ret && rctl_res_cdp(r))
			rctl_cdp_refused(r);
		if (ret)
			goto unlock;
	}
	ret = rctl_domains_init(r);
	if (ret)
		goto unlock;
	list_add_tail(&r->list, &rctl_resources);
	if (rctl_mounted && !r->hidden) {
		ret = rctl_ids_resize();
		if (!ret && rctl_res_has_mon(r))
			ret = rctl_groups_assign_rmids();
		if (!ret)
			ret = rctl_tree_add_res(r);
		if (ret)
			rctl_res_remove(r);
		else
			rctl_mbps_res_added(r);
	}
unlock:
	rctl_unlock();
	if (ret) {
		rctl_res_files_free(r);
		kfree(r);
		return ERR_PTR(ret);
	}
	pr_debug("resctrl: %s registered by %s\n", desc->name, rctl_owner_name(desc));
	return r;
}
EXPORT_SYMBOL_NS_GPL(resctrl_register_resource, RESCTRL);

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

	rctl_res_unpin(r);
	wait_for_completion(&r->released);
	rctl_res_files_free(r);
	kfree(r);
}
EXPORT_SYMBOL_NS_GPL(resctrl_unregister_resource, RESCTRL);

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
