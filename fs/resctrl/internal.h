/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private declarations of the resctrl filesystem core. Nothing here is
 * visible to drivers: they see include/linux/resctrl.h only.
 */
#ifndef _FS_RESCTRL_INTERNAL_H
#define _FS_RESCTRL_INTERNAL_H

#include <linux/cpumask.h>
#include <linux/kernfs.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/types.h>

/*
 * rctl_mutex serialises every change of the core's state: groups, IDs,
 * CPU assignment, the mount and the resource list. Lock order:
 * cpus_read_lock(), then rctl_mutex. It is never exported.
 */
extern struct mutex rctl_mutex;

/**
 * struct rctl_group - a control group or a monitor group
 * @kn: the group's directory; the mount root for the default group
 * @parent: for a monitor group, the control group it belongs to; NULL for
 *	a control group
 * @sibling: link in rctl_ctrl_groups, or in @parent's @mon_children
 * @mon_children: a control group's monitor groups
 * @mon_groups_kn: a control group's "mon_groups" directory, if monitoring
 * @closid: the CLOSID of the group, its control group's for a monitor group
 * @rmid: the RMID of the group
 * @cpus: the CPUs assigned to the group; a CPU is in one control group and
 *	in at most one monitor group of that control group
 * @ref: one for the group's existence and one for each file operation
 *	that has pinned it across kernfs active protection
 * @removed: set under rctl_mutex when the group is deleted; a pinned
 *	group that is removed must not be touched except to unpin it
 */
struct rctl_group {
	struct kernfs_node *kn;
	struct rctl_group *parent;
	struct list_head sibling;
	struct list_head mon_children;
	struct kernfs_node *mon_groups_kn;
	u32 closid;
	u32 rmid;
	struct cpumask cpus;
	refcount_t ref;
	bool removed;
};

/* The root of the mount: CLOSID 0, RMID 0, never removed. */
extern struct rctl_group rctl_default_group;
/* Every control group, the default group first. */
extern struct list_head rctl_ctrl_groups;
extern bool rctl_mounted;

static inline bool rctl_is_mon_group(const struct rctl_group *g)
{
	return g->parent;
}

/* status.c: info/last_cmd_status */
void rctl_status_clear(void);
void rctl_status_puts(const char *msg);
__printf(1, 2) void rctl_status_printf(const char *fmt, ...);
extern const struct kernfs_ops rctl_status_ops;

/* ids.c: CLOSID and RMID pools */
struct rctl_id_pool {
	unsigned long *used;
	u32 size;
};

int rctl_id_pool_init(struct rctl_id_pool *pool, u32 size);
void rctl_id_pool_destroy(struct rctl_id_pool *pool);
int rctl_id_alloc(struct rctl_id_pool *pool);
void rctl_id_free(struct rctl_id_pool *pool, u32 id);

extern struct rctl_id_pool rctl_closids;
extern struct rctl_id_pool rctl_rmids;

/**
 * struct rctl_resource - a resource provided by a driver
 * @list: link in rctl_resources
 * @name: its name in schemata, info/ and mon_data/
 * @num_closid: CLOSIDs it can control, 0 if it has no control
 * @num_rmid: RMIDs it can monitor, 0 if it has no monitoring
 */
struct rctl_resource {
	struct list_head list;
	const char *name;
	u32 num_closid;
	u32 num_rmid;
};

extern struct list_head rctl_resources;

/* resource.c: the registered resources and what they add up to */
struct rctl_resource *rctl_find_resource(const char *name);
bool rctl_alloc_capable(void);
bool rctl_mon_capable(void);
u32 rctl_num_closids(void);
u32 rctl_num_rmids(void);

/* group.c: lifetime and locking of groups */
struct rctl_group *rctl_group_lock(struct kernfs_node *kn);
void rctl_group_unlock(struct kernfs_node *kn);
int rctl_group_fill_dir(struct rctl_group *g);
void rctl_remove_all_groups(void);
int rctl_mkdir(struct kernfs_node *parent, const char *name, umode_t mode);
int rctl_rmdir(struct kernfs_node *kn);

/* tasks.c: task membership */
extern const struct kernfs_ops rctl_tasks_ops;
int rctl_parse_pids(char *buf, pid_t *pids, unsigned int max);
void rctl_move_group_tasks(struct rctl_group *from, struct rctl_group *to);

/* cpus.c: CPU membership */
extern const struct kernfs_ops rctl_cpus_ops;
extern const struct kernfs_ops rctl_cpus_list_ops;
void rctl_cpus_give_back(struct rctl_group *g);
int rctl_cpus_init(void);
void rctl_cpus_apply(const struct cpumask *cpus);

/* schemata.c */
extern const struct kernfs_ops rctl_schemata_ops;

/* info.c */
int rctl_info_create(struct kernfs_node *root);

#endif /* _FS_RESCTRL_INTERNAL_H */
