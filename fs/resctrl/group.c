// SPDX-License-Identifier: GPL-2.0
/*
 * CTRL_MON groups and MON groups: creation, removal, and how file
 * handlers find and lock the group they act on.
 *
 * Every directory of the filesystem carries in kn->priv the group it
 * belongs to (info/ belongs to the default group); files find it in
 * their parent directory and keep their own priv for what they show.
 *
 * Removal needs rctl_mutex and waits for kernfs active references to
 * drain, so a handler never holds an active reference while it waits for
 * rctl_mutex: it pins the group, drops its active protection, and checks
 * after locking that the group still lives.
 */
#include <linux/cpu.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "internal.h"

/* The core lock: see internal.h. */
DEFINE_MUTEX(rctl_mutex);

struct rctl_group rctl_default_group = {
	.sibling = LIST_HEAD_INIT(rctl_default_group.sibling),
	.mon_children = LIST_HEAD_INIT(rctl_default_group.mon_children),
	.ref = REFCOUNT_INIT(1),
};

LIST_HEAD(rctl_ctrl_groups);

/**
 * struct rctl_group_file - a file that every group of a kind has
 * @attr: the file
 * @ctrl_only: only CTRL_MON groups have it
 */
struct rctl_group_file {
	const struct rctl_file_attr *attr;
	bool ctrl_only;
};

static const struct rctl_group_file rctl_group_files[] = {
	{ &rctl_cpus_attr,	false },
	{ &rctl_cpus_list_attr,	false },
	{ &rctl_mode_attr,	true },
	{ &rctl_schemata_attr,	true },
	{ &rctl_size_attr,	true },
	{ &rctl_tasks_attr,	false },
};

static struct rctl_group *rctl_kn_group(struct kernfs_node *kn)
{
	/* A group's files live directly in the group's directory. */
	if (kernfs_type(kn) == KERNFS_FILE)
		kn = kn->parent;
	return kn->priv;
}

static void rctl_group_unpin(struct rctl_group *g)
{
	if (refcount_dec_and_test(&g->ref)) {
		kernfs_put(g->kn);
		kfree(g);
	}
}

/* ctrl_hw_id and mon_hw_id, with the debug mount option: the group's IDs. */
static int rctl_ctrl_hw_id_show(struct rctl_file_ctx *c, struct seq_file *sf)
{
	seq_printf(sf, "%u\n", c->g->closid);
	return 0;
}

static int rctl_mon_hw_id_show(struct rctl_file_ctx *c, struct seq_file *sf)
{
	seq_printf(sf, "%u\n", c->g->rmid);
	return 0;
}

static const struct rctl_file_attr rctl_ctrl_hw_id_attr =
	RCTL_FILE_ATTR("ctrl_hw_id", 0444, NULL, rctl_ctrl_hw_id_show, NULL);
const struct rctl_file_attr rctl_mon_hw_id_attr =
	RCTL_FILE_ATTR("mon_hw_id", 0444, NULL, rctl_mon_hw_id_show, NULL);

/**
 * rctl_group_lock() - find, pin and lock the group of a kernfs node
 * @kn: a directory of the filesystem or a file in one
 *
 * Pins the group, drops @kn's kernfs active protection and takes
 * rctl_lock(). Must be paired with rctl_group_unlock() whatever it
 * returns. File handlers reach it through rctl_file_show() and
 * rctl_file_write() only; mkdir, rmdir and rename use it directly.
 *
 * Return: the group, or NULL if it was removed meanwhile.
 */
struct rctl_group *rctl_group_lock(struct kernfs_node *kn)
{
	struct rctl_group *g = rctl_kn_group(kn);

	refcount_inc(&g->ref);
	kernfs_break_active_protection(kn);
	rctl_lock();
	return g->removed ? NULL : g;
}

void rctl_group_unlock(struct kernfs_node *kn)
{
	struct rctl_group *g = rctl_kn_group(kn);

	rctl_unlock();
	kernfs_unbreak_active_protection(kn);
	rctl_group_unpin(g);
}

/**
 * rctl_group_fill_dir() - create the files and directories of a group
 * @g: a group whose @kn exists and is not yet activated
 *
 * The group's own files, then those of every resource of the mount.
 *
 * Return: 0, or a negative error code; the caller removes @g->kn.
 */
int rctl_group_fill_dir(struct rctl_group *g)
{
	const struct rctl_group_file *f;
	struct resctrl_res *r;
	struct kernfs_node *kn;
	int ret;

	for (f = rctl_group_files; f < rctl_group_files + ARRAY_SIZE(rctl_group_files); f++) {
		if (f->ctrl_only && rctl_is_mon_group(g))
			continue;
		kn = rctl_file_add(g->kn, f->attr, NULL, 0, NULL);
		if (IS_ERR(kn))
			return PTR_ERR(kn);
	}
	if (!rctl_is_mon_group(g) && rctl_mount_debug()) {
		kn = rctl_file_add(g->kn, &rctl_ctrl_hw_id_attr, NULL, 0, NULL);
		if (IS_ERR(kn))
			return PTR_ERR(kn);
	}

	/* The files of each resource in the tree, mon_data among them. */
	list_for_each_entry(r, &rctl_resources, list) {
		if (!r->in_tree)
			continue;
		ret = rctl_group_add_res_files(g, r);
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * The CTRL_MON group whose "mon_groups" directory @kn is, or NULL. The
 * directory carries its group in kn->priv (tree.c), so this costs the
 * same however many groups exist.
 */
static struct rctl_group *rctl_mon_groups_owner(struct kernfs_node *kn)
{
	struct rctl_group *g = rctl_kn_group(kn);

	if (kernfs_type(kn) == KERNFS_DIR && !rctl_is_mon_group(g) &&
	    g->mon_groups_kn == kn)
		return g;
	return NULL;
}

static struct rctl_group *rctl_group_alloc(struct rctl_group *parent)
{
	struct rctl_group *g = kzalloc(sizeof(*g), GFP_KERNEL);

	if (!g)
		return NULL;
	INIT_LIST_HEAD(&g->sibling);
	INIT_LIST_HEAD(&g->mon_children);
	refcount_set(&g->ref, 1);
	g->parent = parent;
	return g;
}

static int rctl_group_create(struct kernfs_node *parent_kn, const char *name,
			     umode_t mode, struct rctl_group *parent)
{
	struct rctl_group *g;
	int closid = 0, rmid = 0, ret;

	g = rctl_group_alloc(parent);
	if (!g) {
		rctl_status_puts("Kernel out of memory\n");
		return -ENOMEM;
	}

	if (!parent) {
		closid = rctl_id_alloc(&rctl_closids);
		if (closid < 0) {
			rctl_status_puts("Out of CLOSIDs\n");
			ret = closid;
			goto free_group;
		}
	}
	if (rctl_mon_capable()) {
		rmid = rctl_rmid_alloc();
		if (rmid < 0) {
			rctl_status_puts("Out of RMIDs\n");
			ret = rmid;
			goto free_closid;
		}
	}
	g->closid = parent ? parent->closid : closid;
	g->rmid = rmid;
	if (!parent) {
		rctl_reset_closid(closid);
		ret = rctl_mode_init_closid(closid);
		if (ret)
			goto free_rmid;
	}
	if (rmid)
		rctl_reset_rmid(rmid);

	g->kn = kernfs_create_dir_ns(parent_kn, name, mode, current_fsuid(),
				     current_fsgid(), g, NULL);
	if (IS_ERR(g->kn)) {
		ret = PTR_ERR(g->kn);
		g->kn = NULL;
		rctl_status_puts(ret == -EEXIST ? "A file or group of that name exists\n" :
				 "kernfs create error\n");
		goto free_rmid;
	}
	/* Dropped when the group is freed, after its directory is gone. */
	kernfs_get(g->kn);

	ret = rctl_group_fill_dir(g);
	if (ret) {
		rctl_status_puts("kernfs fill error\n");
		kernfs_remove(g->kn);
		g->removed = true;
		goto free_rmid;
	}

	if (parent) {
		list_add_tail(&g->sibling, &parent->mon_children);
	} else {
		list_add_tail(&g->sibling, &rctl_ctrl_groups);
		rctl_mode_count(g, 1);
	}
	kernfs_activate(g->kn);
	return 0;

free_rmid:
	rctl_id_free(&rctl_rmids, rmid);
free_closid:
	if (!parent)
		rctl_id_free(&rctl_closids, closid);
free_group:
	if (g->kn)
		rctl_group_unpin(g);
	else
		kfree(g);
	return ret;
}

/**
 * rctl_mkdir() - kernfs mkdir: create a control or a MON group
 * @parent_kn: the root (CTRL_MON group) or a "mon_groups" directory
 * @name: name of the new group
 * @mode: permissions of the new directory
 *
 * Return: 0, or a negative error code explained in last_cmd_status.
 */
int rctl_mkdir(struct kernfs_node *parent_kn, const char *name, umode_t mode)
{
	struct rctl_group *parent, *owner;
	int ret;

	/* A newline in a name would make tasks and proc output ambiguous. */
	if (strchr(name, '\n'))
		return -EINVAL;

	parent = rctl_group_lock(parent_kn);
	rctl_status_clear();
	if (!parent) {
		/* The directory of a group that is being removed. */
		ret = -ENOENT;
		goto unlock;
	}

	if (parent == &rctl_default_group && parent_kn == parent->kn) {
		if (rctl_alloc_capable()) {
			ret = rctl_group_create(parent_kn, name, mode, NULL);
			goto unlock;
		}
		rctl_status_puts("No allocation resource for a control group\n");
		ret = -EPERM;
		goto unlock;
	}

	owner = rctl_mon_groups_owner(parent_kn);
	/* Upstream refuses it (rdtgroup.c, is_mon_groups()); so does rename. */
	if (owner && !strcmp(name, "mon_groups")) {
		rctl_status_puts("A monitor group cannot be named mon_groups\n");
		ret = -EPERM;
		goto unlock;
	}
	if (owner && rctl_mon_capable()) {
		ret = rctl_group_create(parent_kn, name, mode, owner);
		goto unlock;
	}
	if (owner) {
		rctl_status_puts("No monitoring resource for a monitor group\n");
		ret = -EPERM;
		goto unlock;
	}
	rctl_status_puts("Groups can only be created at the root or in mon_groups\n");
	ret = -EPERM;
unlock:
	rctl_group_unlock(parent_kn);
	return ret;
}

/*
 * Remove @g. Its tasks go to its parent, unless @tasks_moved: at unmount
 * every task was already given the default group's IDs.
 */
static void rctl_group_destroy(struct rctl_group *g, bool tasks_moved)
{
	/* Unlinked first, so that CPU lookups no longer find the group. */
	rctl_mode_count(g, -1);
	list_del_init(&g->sibling);
	if (!tasks_moved)
		rctl_move_group_tasks(g, g->parent ?: &rctl_default_group);
	WARN_ON_ONCE(!hlist_empty(&g->tasks));
	rctl_cpus_give_back(g);
	rctl_rmid_release(g->rmid);
	if (!rctl_is_mon_group(g))
		rctl_id_free(&rctl_closids, g->closid);
	g->removed = true;
	kernfs_remove(g->kn);
	rctl_group_unpin(g);
}

static void rctl_remove_ctrl_group(struct rctl_group *g, bool tasks_moved)
{
	struct rctl_group *m, *tmp;

	list_for_each_entry_safe(m, tmp, &g->mon_children, sibling)
		rctl_group_destroy(m, tasks_moved);
	rctl_group_destroy(g, tasks_moved);
}

/**
 * rctl_rmdir() - kernfs rmdir: remove a group, its tasks and CPUs go to
 *	the parent group
 * @kn: the group's directory
 *
 * Return: 0, or -EPERM for directories that are not groups.
 */
int rctl_rmdir(struct kernfs_node *kn)
{
	struct rctl_group *g;
	int ret = 0;

	g = rctl_group_lock(kn);
	rctl_status_clear();
	if (!g) {
		ret = -ENOENT;
	} else if (g->kn != kn || g == &rctl_default_group) {
		rctl_status_puts("Only control and monitor groups can be removed\n");
		ret = -EPERM;
	} else if (rctl_is_mon_group(g)) {
		rctl_group_destroy(g, false);
	} else {
		rctl_remove_ctrl_group(g, false);
	}
	rctl_group_unlock(kn);
	return ret;
}

/* A MON group joins another CTRL_MON group, keeping its RMID. */
static void rctl_mon_group_reparent(struct rctl_group *m,
				    struct rctl_group *to)
{
	if (m->parent == to)
		return;
	list_move_tail(&m->sibling, &to->mon_children);
	m->parent = to;
	m->closid = to->closid;
	rctl_move_group_tasks(m, m);
}

/*
 * Why @m cannot become @new_name in the directory @new_parent, or NULL
 * if it can. Only MON groups move, into a mon_groups directory, and
 * not away from the CTRL_MON group that owns their CPUs.
 */
static const char *rctl_rename_refusal(struct rctl_group *m,
				       struct kernfs_node *kn,
				       struct rctl_group *dst,
				       struct kernfs_node *new_parent,
				       const char *new_name)
{
	if (!rctl_is_mon_group(m) || m->kn != kn)
		return "Source must be a MON group\n";
	if (dst->mon_groups_kn != new_parent || !strcmp(new_name, "mon_groups"))
		return "Destination must be a mon_groups subdirectory\n";
	if (m->parent != dst && !cpumask_empty(&m->cpus))
		return "Cannot move a MON group that monitors CPUs\n";
	return NULL;
}

/**
 * rctl_rename() - kernfs rename: rename a MON group, or move it to
 *	another CTRL_MON group's mon_groups
 * @kn: the node being renamed
 * @new_parent: the directory it goes to
 * @new_name: its new name
 *
 * A moved MON group keeps its RMID, so its counts go on; it and its
 * tasks take the CLOSID of the new CTRL_MON group. kernfs holds active
 * references on both nodes: like rctl_group_lock(), both are pinned and
 * their active protection dropped before rctl_mutex is taken, so that
 * removing either group meanwhile cannot deadlock.
 *
 * Return: 0, or a negative error code explained in last_cmd_status;
 * nothing changes on failure.
 */
int rctl_rename(struct kernfs_node *kn, struct kernfs_node *new_parent,
		const char *new_name)
{
	struct rctl_group *m = rctl_kn_group(kn);
	struct rctl_group *dst = rctl_kn_group(new_parent);
	const char *why;
	int ret;

	refcount_inc(&m->ref);
	refcount_inc(&dst->ref);
	kernfs_break_active_protection(kn);
	kernfs_break_active_protection(new_parent);
	rctl_lock();
	rctl_status_clear();

	/* A file's group is its directory's: refuse before looking at it. */
	if (kernfs_type(kn) != KERNFS_DIR || kernfs_type(new_parent) != KERNFS_DIR) {
		rctl_status_puts("Source and destination must be directories");
		ret = -EPERM;
		goto unlock;
	}
	if (m->removed || dst->removed) {
		ret = -ENOENT;
		goto unlock;
	}
	why = rctl_rename_refusal(m, kn, dst, new_parent, new_name);
	if (why) {
		rctl_status_puts(why);
		ret = -EPERM;
		goto unlock;
	}
	/* As for mkdir: a newline would make tasks and proc output ambiguous. */
	if (strchr(new_name, '\n')) {
		rctl_status_puts("Group names may not contain a newline\n");
		ret = -EINVAL;
		goto unlock;
	}

	/* The last step that can fail: after it, nothing can. */
	ret = kernfs_rename(kn, new_parent, new_name);
	if (ret) {
		rctl_status_puts(ret == -EEXIST ? "A file or group of that name exists\n" :
				 "kernfs rename error\n");
		goto unlock;
	}
	rctl_mon_group_reparent(m, dst);
unlock:
	rctl_unlock();
	kernfs_unbreak_active_protection(new_parent);
	kernfs_unbreak_active_protection(kn);
	rctl_group_unpin(dst);
	rctl_group_unpin(m);
	return ret;
}

/**
 * rctl_groups_assign_rmids() - RMIDs for CTRL_MON groups that have none
 *
 * CTRL_MON groups made while no monitoring resource existed share RMID 0
 * with the default group. When the first monitoring resource arrives
 * each gets its own, and so do its tasks and CPUs.
 *
 * Return: 0, or -EBUSY explained in last_cmd_status.
 */
int rctl_groups_assign_rmids(void)
{
	struct rctl_group *g;
	u32 needed = 0;
	int rmid;

	lockdep_assert_held(&rctl_mutex);
	list_for_each_entry(g, &rctl_ctrl_groups, sibling)
		if (g != &rctl_default_group && !g->rmid)
			needed++;
	/* Check first, so that a refusal changes nothing. */
	if (needed > rctl_id_pool_free(&rctl_rmids)) {
		rctl_status_printf("%u RMIDs cannot serve the %u control groups that exist\n",
				   rctl_rmids.size, needed);
		return -EBUSY;
	}
	list_for_each_entry(g, &rctl_ctrl_groups, sibling) {
		if (g == &rctl_default_group || g->rmid)
			continue;
		rmid = rctl_id_alloc(&rctl_rmids);
		if (WARN_ON_ONCE(rmid < 0))
			return -EBUSY;
		g->rmid = rmid;
		rctl_reset_rmid(rmid);
		/* Without an RMID it cannot have had MON groups. */
		rctl_move_group_tasks(g, g);
		rctl_cpus_apply(&g->cpus);
	}
	return 0;
}

/**
 * rctl_remove_all_groups() - remove every group but the default one
 *
 * At unmount: every task and CPU returns to the default group. Only the
 * groups' own tasks are visited (tasks.c, "task lists").
 */
void rctl_remove_all_groups(void)
{
	struct rctl_group *g, *tmp;

	lockdep_assert_held(&rctl_mutex);
	rctl_move_all_tasks_home();
	list_for_each_entry_safe(g, tmp, &rctl_default_group.mon_children, sibling)
		rctl_group_destroy(g, true);
	list_for_each_entry_safe(g, tmp, &rctl_ctrl_groups, sibling)
		if (g != &rctl_default_group)
			rctl_remove_ctrl_group(g, true);
	rctl_mode_count(&rctl_default_group, -1);
	rctl_default_group.mode = RCTL_MODE_SHAREABLE;
	rctl_mode_count(&rctl_default_group, 1);
}
