// SPDX-License-Identifier: GPL-2.0
/*
 * A resource's files across the mounted tree: info/<NAME>, the driver's
 * files in every CTRL_MON group and mon_data/mon_<NAME>_<id> in every
 * group. They are created deactivated and activated together, so a
 * resource appears everywhere at once.
 */
#include <linux/cred.h>
#include <linux/kernfs.h>
#include <linux/stat.h>

#include "internal.h"

/* Call @fn for every group, CTRL_MON groups before their MON groups. */
static int rctl_walk_groups(int (*fn)(struct rctl_group *, void *), void *arg)
{
	struct rctl_group *g, *m;
	int ret;

	list_for_each_entry(g, &rctl_ctrl_groups, sibling) {
		ret = fn(g, arg);
		if (ret)
			return ret;
		list_for_each_entry(m, &g->mon_children, sibling) {
			ret = fn(m, arg);
			if (ret)
				return ret;
		}
	}
	return 0;
}

static int rctl_group_ensure_mon_dirs(struct rctl_group *g)
{
	struct kernfs_node *kn;

	/*
	 * As upstream's mongroup_create_dir(): the group directory's mode,
	 * owned by the writer, so the subdirectories of a group that was
	 * chmod'ed or chown'ed follow it.
	 */
	if (!rctl_is_mon_group(g) && !g->mon_groups_kn) {
		kn = kernfs_create_dir_ns(g->kn, "mon_groups", g->kn->mode,
					  current_fsuid(), current_fsgid(), g, NULL);
		if (IS_ERR(kn))
			return PTR_ERR(kn);
		g->mon_groups_kn = kn;
	}
	if (!g->mon_data_kn) {
		kn = kernfs_create_dir_ns(g->kn, "mon_data", g->kn->mode,
					  current_fsuid(), current_fsgid(), g, NULL);
		if (IS_ERR(kn))
			return PTR_ERR(kn);
		g->mon_data_kn = kn;
		/* With the debug option, the RMID comes with monitoring. */
		if (rctl_mount_debug()) {
			kn = rctl_file_add(g->kn, &rctl_mon_hw_id_attr, NULL, 0, NULL);
			if (IS_ERR(kn))
				return PTR_ERR(kn);
		}
	}
	return 0;
}

/**
 * rctl_group_add_res_files() - the files a resource gives a group
 * @g: the group, its directory still deactivated or about to be activated
 * @r: a resource of the mount
 *
 * Return: 0 or a negative error code.
 */
int rctl_group_add_res_files(struct rctl_group *g, struct resctrl_res *r)
{
	struct resctrl_dom *d;
	int ret;

	if (!rctl_is_mon_group(g)) {
		ret = rctl_add_driver_group_files(r, g->kn);
		if (ret)
			return ret;
	}
	if (!rctl_res_has_mon(r))
		return 0;
	ret = rctl_group_ensure_mon_dirs(g);
	if (ret)
		return ret;
	for_each_rctl_domain(d, r) {
		ret = rctl_mon_data_add_dom(g, d);
		if (ret)
			return ret;
	}
	return 0;
}

static int rctl_group_add_res(struct rctl_group *g, void *arg)
{
	return rctl_group_add_res_files(g, arg);
}

static int rctl_group_remove_res(struct rctl_group *g, void *arg)
{
	const struct resctrl_group_attr *a;
	struct resctrl_res *r = arg;
	struct resctrl_dom *d;

	if (!rctl_is_mon_group(g) && r->desc->files)
		for (a = r->desc->files; a->name; a++)
			kernfs_remove_by_name(g->kn, a->name);
	if (rctl_res_has_mon(r)) {
		for_each_rctl_domain(d, r)
			rctl_mon_data_remove_dom(g, d);
	}
	return 0;
}

/**
 * rctl_tree_add_res() - show a resource in the mounted tree
 * @r: a resource of the mount, its domains online
 *
 * Return: 0, or an error after which none of its files is left.
 */
int rctl_tree_add_res(struct resctrl_res *r)
{
	int ret;

	lockdep_assert_held(&rctl_mutex);
	r->in_tree = true;
	ret = rctl_info_add_res(r) ?:
	      rctl_walk_groups(rctl_group_add_res, r);
	if (ret) {
		rctl_tree_remove_res(r);
		return ret;
	}
	kernfs_activate(rctl_default_group.kn);
	return 0;
}

/**
 * rctl_tree_remove_res() - take a resource's files out of the tree
 * @r: the resource
 *
 * Waits for the handlers of those files that still hold kernfs active
 * references; handlers that dropped theirs find the resource dead.
 */
void rctl_tree_remove_res(struct resctrl_res *r)
{
	lockdep_assert_held(&rctl_mutex);
	rctl_walk_groups(rctl_group_remove_res, r);
	rctl_info_remove_res(r);
	r->in_tree = false;
}

static int rctl_group_add_dom(struct rctl_group *g, void *arg)
{
	return g->mon_data_kn ? rctl_mon_data_add_dom(g, arg) : 0;
}

static int rctl_group_remove_dom(struct rctl_group *g, void *arg)
{
	if (g->mon_data_kn)
		rctl_mon_data_remove_dom(g, arg);
	return 0;
}

/**
 * rctl_tree_add_dom() - show a domain that came online
 * @d: the domain of a resource in the tree
 *
 * Return: 0 or a negative error code; the domain's files are then
 * missing in some groups, which the kernel log reports.
 */
int rctl_tree_add_dom(struct resctrl_dom *d)
{
	int ret;

	if (!rctl_res_has_mon(d->res))
		return 0;
	ret = rctl_walk_groups(rctl_group_add_dom, d);
	if (ret)
		pr_warn("resctrl: %s: no mon_data for domain %d: %d\n",
			d->res->desc->name, d->id, ret);
	kernfs_activate(rctl_default_group.kn);
	return ret;
}

/**
 * rctl_tree_remove_dom() - take a domain's files out of the tree
 * @d: the domain, going offline
 */
void rctl_tree_remove_dom(struct resctrl_dom *d)
{
	if (rctl_res_has_mon(d->res))
		rctl_walk_groups(rctl_group_remove_dom, d);
}
