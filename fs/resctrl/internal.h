/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private declarations of the resctrl filesystem core. Nothing here is
 * visible to drivers: they see include/linux/resctrl.h only.
 */
#ifndef _FS_RESCTRL_INTERNAL_H
#define _FS_RESCTRL_INTERNAL_H

#include <linux/completion.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/kernfs.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/resctrl.h>
#include <linux/types.h>

/*
 * rctl_mutex serialises every change of the core's state: groups, IDs,
 * CPU assignment, the mount and the resource list. It is never exported.
 *
 * Lock order, outermost first:
 *  1. the mount mutexes of fs.c (rctl_mount_mutex, then
 *     rctl_teardown_mutex), held by mount and unmount only;
 *  2. cpus_read_lock();
 *  3. rctl_mutex.
 * rctl_lock() and rctl_unlock() take and drop 2 and 3 together; code
 * that runs with the CPU hotplug lock already held (hotplug and memory
 * notifiers) takes rctl_mutex alone.
 */
extern struct mutex rctl_mutex;

/* Take cpus_read_lock(), then rctl_mutex. */
static inline void rctl_lock(void)
{
	cpus_read_lock();
	mutex_lock(&rctl_mutex);
}

/* Drop what rctl_lock() took, in the reverse order. */
static inline void rctl_unlock(void)
{
	mutex_unlock(&rctl_mutex);
	cpus_read_unlock();
}

/**
 * enum rctl_mode - how a CTRL_MON group shares the bits of its masks
 * @RCTL_MODE_SHAREABLE: other groups may use its bits too (the default)
 * @RCTL_MODE_EXCLUSIVE: its bits are its own: no other group's mask nor
 *	the hardware's shareable bits overlap them, in any bitmask resource
 *
 * Pseudo-locking, upstream's third and fourth modes, is not implemented.
 */
enum rctl_mode {
	RCTL_MODE_SHAREABLE,
	RCTL_MODE_EXCLUSIVE,
};

/**
 * struct rctl_group - a CTRL_MON group or a MON group
 * @kn: the group's directory; the mount root for the default group
 * @parent: for a MON group, the CTRL_MON group it belongs to; NULL for
 *	a CTRL_MON group
 * @sibling: link in rctl_ctrl_groups, or in @parent's @mon_children
 * @mon_children: a CTRL_MON group's MON groups
 * @mon_groups_kn: a CTRL_MON group's "mon_groups" directory, if monitoring
 * @mon_data_kn: the group's "mon_data" directory, if monitoring
 * @closid: the CLOSID of the group, its CTRL_MON group's for a MON group
 * @rmid: the RMID of the group
 * @cpus: the CPUs assigned to the group; a CPU is in one CTRL_MON group and
 *	in at most one MON group of that CTRL_MON group
 * @ref: one for the group's existence and one for each file operation
 *	that has pinned it across kernfs active protection
 * @removed: set under rctl_mutex when the group is deleted; a pinned
 *	group that is removed must not be touched except to unpin it
 * @mode: a CTRL_MON group's sharing mode (mode.c); changed under rctl_mutex
 * @tasks: the threads that carry the group's IDs; always empty for the
 *	default group (tasks.c, "task lists")
 */
struct rctl_group {
	struct kernfs_node *kn;
	struct rctl_group *parent;
	struct list_head sibling;
	struct list_head mon_children;
	struct kernfs_node *mon_groups_kn;
	struct kernfs_node *mon_data_kn;
	u32 closid;
	u32 rmid;
	struct cpumask cpus;
	refcount_t ref;
	bool removed;
	enum rctl_mode mode;
	struct hlist_head tasks;
};

/* The root of the mount: CLOSID 0, RMID 0, never removed. */
extern struct rctl_group rctl_default_group;
/* Every CTRL_MON group, the default group first. */
extern struct list_head rctl_ctrl_groups;
extern bool rctl_mounted;

static inline bool rctl_is_mon_group(const struct rctl_group *g)
{
	return g->parent;
}

/* file.c: the one set of kernfs operations of every file */
struct rctl_file_attr;

/**
 * struct rctl_file_ctx - what a file handler acts on
 * @of: the open file
 * @attr: the file's attribute
 * @g: the group the file belongs to, alive; the default group for the
 *	files of info/
 * @r: the resource the file belongs to, pinned and registered; NULL for
 *	the files of a group that belong to no resource
 * @priv: the file's kernfs_node priv
 */
struct rctl_file_ctx {
	struct kernfs_open_file *of;
	const struct rctl_file_attr *attr;
	struct rctl_group *g;
	struct resctrl_res *r;
	void *priv;
};

/**
 * struct rctl_file_attr - a kind of file and its handlers
 * @ops: the kernfs operations, the wrapper's for every attribute
 *	(RCTL_FILE_ATTR(), RCTL_FILE_ATTR_NO_WRITE()): the file finds its
 *	attribute from them
 * @name: the file name, or NULL when the creator names each file
 * @mode: permissions
 * @res: the resource of a file given its priv, or NULL for files that
 *	belong to no resource
 * @show: prints the file; NULL for a file that shows nothing
 * @write: takes a write of @nbytes at @buf (NUL terminated); NULL for a
 *	read-only file, whose writes are refused and explained
 *
 * rctl_file_show() and rctl_file_write() pin the file's resource and
 * group across kernfs active protection, take rctl_lock(), check that
 * both are still alive (a write also clears last_cmd_status) and call
 * @show or @write with the context. They return 0 or a negative error
 * code; a write that returns 0 consumed all of @nbytes.
 */
struct rctl_file_attr {
	struct kernfs_ops ops;
	const char *name;
	umode_t mode;
	struct resctrl_res *(*res)(void *priv);
	int (*show)(struct rctl_file_ctx *c, struct seq_file *sf);
	int (*write)(struct rctl_file_ctx *c, char *buf, size_t nbytes);
};

int rctl_file_show(struct seq_file *sf, void *v);
ssize_t rctl_file_write(struct kernfs_open_file *of, char *buf, size_t nbytes,
			loff_t off);
struct resctrl_res *rctl_file_res(void *priv);
struct kernfs_node *rctl_file_add(struct kernfs_node *parent,
				  const struct rctl_file_attr *attr,
				  const char *name, umode_t mode, void *priv);

/* The kernfs operations of every file that takes writes, or refuses them. */
#define RCTL_FILE_KF_OPS					\
	{							\
		.atomic_write_len = PAGE_SIZE,			\
		.seq_show = rctl_file_show,			\
		.write = rctl_file_write,			\
	}

/*
 * Those of a file with no kernfs write operation at all, so that opening
 * it for writing fails with -EACCES even after a chmod, as upstream's
 * mon_data files (kf_mondata_ops).
 */
#define RCTL_FILE_KF_OPS_NO_WRITE { .seq_show = rctl_file_show }

#define __RCTL_FILE_ATTR(_ops, _name, _mode, _res, _show, _write)	\
	{								\
		.ops = _ops,						\
		.name = _name,						\
		.mode = _mode,						\
		.res = _res,						\
		.show = _show,						\
		.write = _write,					\
	}

#define RCTL_FILE_ATTR(_name, _mode, _res, _show, _write)		\
	__RCTL_FILE_ATTR(RCTL_FILE_KF_OPS, _name, _mode, _res, _show, _write)

#define RCTL_FILE_ATTR_NO_WRITE(_name, _mode, _res, _show)		\
	__RCTL_FILE_ATTR(RCTL_FILE_KF_OPS_NO_WRITE, _name, _mode, _res,	\
			 _show, NULL)

/* status.c: info/last_cmd_status */
void rctl_status_clear(void);
void rctl_status_puts(const char *msg);
__printf(1, 2) void rctl_status_printf(const char *fmt, ...);
__printf(1, 0) void rctl_status_vprintf(const char *fmt, va_list args);
void rctl_status_copy(char *buf, size_t len);
extern const struct rctl_file_attr rctl_status_attr;

/* ids.c: CLOSID and RMID pools */
struct rctl_id_pool {
	unsigned long *used;
	unsigned long *dirty;
	u32 size;
	/* LRU pools: the free IDs, least recently freed at @head */
	bool lru;
	u32 *ring;
	u32 head;
	u32 nfree;
};

int rctl_id_pool_init(struct rctl_id_pool *pool, u32 size);
void rctl_id_pool_destroy(struct rctl_id_pool *pool);
int rctl_id_pool_resize(struct rctl_id_pool *pool, u32 size);
u32 rctl_id_pool_span(const struct rctl_id_pool *pool);
u32 rctl_id_pool_free(const struct rctl_id_pool *pool);
int rctl_id_alloc(struct rctl_id_pool *pool);
void rctl_id_free(struct rctl_id_pool *pool, u32 id);
void rctl_id_park(struct rctl_id_pool *pool, u32 id);
u32 rctl_id_next_dirty(const struct rctl_id_pool *pool, u32 from);

/* limbo.c: RMIDs wait until their cache occupancy has drained */
int rctl_rmid_alloc(void);
void rctl_rmid_release(u32 rmid);
void rctl_limbo_stop(void);
u32 rctl_occ_round(const struct resctrl_res *r, u32 val);
bool rctl_rmid_lingers_in(struct resctrl_dom *d, unsigned int evt,
			  u32 threshold, u32 rmid);

extern struct rctl_id_pool rctl_closids;
extern struct rctl_id_pool rctl_rmids;

/**
 * struct rctl_mon_file - what one mon_data event file reads
 * @dom: the domain
 * @evt: index in the resource's events
 *
 * Event files of every group point at these; they live as long as the
 * domain, which lives as long as the resource.
 */
struct rctl_mon_file {
	struct resctrl_dom *dom;
	unsigned int evt;
};

/**
 * struct rctl_bit_counts - how many CTRL_MON groups use each bit of a mask
 * @valid: the counts are up to date; cleared wherever values change
 *	wholesale (mount, unmount, CDP switch), zero in a new domain
 * @excl: per bit, the exclusive groups whose mask (both halves with
 *	CDP) has it
 * @shared: per bit, the shareable groups whose mask has it
 *
 * Kept by mode.c, so that its checks cost the same with 2 or 4,000
 * groups.
 */
struct rctl_bit_counts {
	bool valid;
	u32 excl[32];
	u32 shared[32];
};

/**
 * struct resctrl_dom - one domain of a resource
 * @list: link in the resource's @domains, sorted by @id
 * @res: the resource
 * @id: the domain id shown in schemata and mon_data
 * @cpus: the online CPUs of the domain; for a DEVICE domain, the CPUs the
 *	driver gave
 * @online: in use: shown in schemata and mon_data, values applied. A
 *	CPU-scoped domain whose CPUs are all offline stays in the list,
 *	offline, so that its values survive until a CPU returns.
 * @dead: a DEVICE domain the driver removed; freed with the resource
 * @vals: the value in force for each CLOSID, without CDP
 * @code_vals: with CDP, the code value of each CLOSID of the halved
 *	count; allocated for resources that can be split (rctl_cdp_capable())
 * @data_vals: with CDP, the data value of each CLOSID of the halved count
 * @mon_files: one per event of the resource
 * @mbps: per CLOSID, the mba_MBps controller's state (see mbps.c); only
 *	for a resource the controller can steer
 * @ctrs: per RMID and event, the state of running counts (counters.c);
 *	only for a resource with a running count
 * @ovf: the overflow worker while mounted (counters.c)
 * @bit_counts: for a bitmask resource, the bits CTRL_MON groups use
 * @l3_id: for a resource with &resctrl_resource_desc.mon_in_l3, the id
 *	of the L3 cache the node belongs to (set when a CPU joins)
 * @priv: the driver's
 * @ctrl_vals: per extra control of the resource (&resctrl_resource_desc.ctrls),
 *	the value in force for each CLOSID
 */
struct resctrl_dom {
	struct list_head list;
	struct resctrl_res *res;
	int id;
	struct cpumask cpus;
	bool online;
	bool dead;
	u32 *vals;
	u32 *code_vals;
	u32 *data_vals;
	struct rctl_mon_file *mon_files;
	struct rctl_mbps_slot *mbps;
	struct rctl_ctr *ctrs;
	struct rctl_ovf *ovf;
	struct rctl_bit_counts bit_counts;
	int l3_id;
	void *priv;
	u32 **ctrl_vals;
};

/* Room for the longest schemata line name, suffix and NUL included. */
#define RCTL_CONF_NAME_LEN	40

/**
 * struct rctl_desc - the filesystem's view of a resource: the driver's
 *	constant description and what this instance offers, put together at
 *	registration
 *
 * The fields keep the names and meanings of struct resctrl_resource_desc
 * and struct resctrl_resource_caps (include/linux/resctrl.h), so that
 * the core reads one structure. @num_closid and @num_rmid are the counts
 * in force, lowered by resctrl_res_set_limits(); @max_closid and
 * @max_rmid those given at registration, which size every per-CLOSID and
 * per-RMID array. @owner is the module that registered the resource.
 * @default_min is set for a control with its own scope whose default is
 * its minimum (&resctrl_ctrl_desc.default_min).
 */
struct rctl_desc {
	const char *name;
	enum resctrl_ctrl_type ctrl;
	enum resctrl_scope scope;
	const struct resctrl_info_attr *info;
	const struct resctrl_info_attr *mon_info;
	const struct resctrl_group_attr *files;
	size_t group_data_size;
	const char *plugin_option;
	const char *claim;
	bool run_on_domain_cpu;
	const struct resctrl_ctrl_desc *ctrls;
	unsigned int num_ctrls;
	const char *unit;
	u32 resolution;
	bool memory_nodes;
	bool mon_in_l3;
	bool default_min;
	const struct resctrl_resource_ops *ops;
	u32 num_closid;
	u32 num_rmid;
	union {
		struct resctrl_bitmask_params bitmask;
		struct resctrl_range_params range;
	};
	u32 default_val;
	u32 occupancy_threshold;
	u32 occupancy_limit;
	const struct resctrl_event_desc *events;
	unsigned int num_events;
	bool cdp_capable;
	u32 max_closid;
	u32 max_rmid;
	struct module *owner;
};

void rctl_desc_fill(struct rctl_desc *v, const struct resctrl_resource_desc *desc,
		    const struct resctrl_resource_caps *caps, struct module *owner);
/* KUnit suites register flat views (tests/resource_kunit.c). */
struct resctrl_res *rctl_test_register(const struct rctl_desc *v, void *priv);

/**
 * struct rctl_res_file - the priv of a resource's file that needs more
 *	than the resource: what it acts on
 * @res: the resource
 * @info: a driver info file's attribute
 * @group: a driver group file's attribute
 * @evt: an event's _config file: the index of the event
 */
struct rctl_res_file {
	struct resctrl_res *res;
	const struct resctrl_info_attr *info;
	const struct resctrl_group_attr *group;
	unsigned int evt;
};

/**
 * struct resctrl_res - a registered resource
 * @desc: what the core reads of it: points to @view
 * @view: the description and capabilities, copied at registration
 * @priv: the driver's
 * @group_data: &rctl_desc.group_data_size bytes per CLOSID for the driver
 * @list: link in rctl_resources
 * @domains: its domains, sorted by id
 * @pins: one for the registration and one for each file handler that
 *	uses the resource across kernfs active protection
 * @released: completed when the last pin goes
 * @dead: set under rctl_mutex by unregistration; handlers that find it
 *	set do nothing
 * @hidden: not part of the current mount (mount option missing, hide=)
 * @in_tree: its files are in the mounted tree
 * @mbps: steered by the mba_MBps controller in the current mount: its
 *	schemata line holds MBps targets, @vals the percentages in force
 * @occ_threshold: max_threshold_occupancy, for an occupancy event
 * @info_kn: info/<NAME> in the current mount, if any; info/<NAME>DATA
 *	while the resource is split by CDP; for a control with its own
 *	scope (@ctrl_of), its directory in its resource's resource_schemata/
 * @info_code_kn: info/<NAME>CODE while the resource is split by CDP
 * @mon_info_kn: info/<NAME>_MON in the current mount, if any
 * @files: the slots of the driver's info files (&resctrl_resource_desc.info),
 *	followed by @mon_info_files, @group_files and @evt_files
 *	(drvfiles.c); one allocation, made at registration
 * @mon_info_files: the slots of &resctrl_resource_desc.mon_info
 * @group_files: the slots of &resctrl_resource_desc.files
 * @evt_files: one slot per event
 * @ctrl_of: for a control with its own scope (&resctrl_ctrl_desc.own_scope),
 *	kept as a resource of its own (scoped.c): the resource that declared
 *	it; NULL for every resource a driver registered
 * @ctrl_id: with @ctrl_of, the control's &resctrl_ctrl_desc.id
 * @line_name: with @ctrl_of, its schemata line, NAME_SUFFIX
 * @scoped: the controls with their own scope that the resource declared,
 *	@num_scoped of them, each on rctl_resources right after it
 * @num_scoped: entries of @scoped
 * @same_ctrls: the resource's extra controls without an own scope, which
 *	&rctl_desc.ctrls points to when some have one
 */
struct resctrl_res {
	const struct rctl_desc *desc;
	struct rctl_desc view;
	void *priv;
	void *group_data;
	struct list_head list;
	struct list_head domains;
	refcount_t pins;
	struct completion released;
	bool dead;
	bool hidden;
	bool in_tree;
	bool mbps;
	u32 occ_threshold;
	struct kernfs_node *info_kn;
	struct kernfs_node *info_code_kn;
	struct kernfs_node *mon_info_kn;
	struct rctl_res_file *files;
	struct rctl_res_file *mon_info_files;
	struct rctl_res_file *group_files;
	struct rctl_res_file *evt_files;
	struct resctrl_res *ctrl_of;
	u32 ctrl_id;
	char line_name[RCTL_CONF_NAME_LEN];
	struct resctrl_res **scoped;
	unsigned int num_scoped;
	struct resctrl_ctrl_desc *same_ctrls;
};

extern struct list_head rctl_resources;
extern u32 rctl_cpu_closid_limit, rctl_cpu_rmid_limit;

static inline bool rctl_res_has_ctrl(const struct resctrl_res *r)
{
	return r->desc->ctrl != RESCTRL_CTRL_NONE;
}

static inline bool rctl_res_has_mon(const struct resctrl_res *r)
{
	return r->desc->num_events > 0;
}

/*
 * The next resource of the mount after @r (the first for NULL): the
 * resources that take part in the current mount, or in the next one.
 */
static inline struct resctrl_res *rctl_res_next(struct resctrl_res *r)
{
	r = list_prepare_entry(r, &rctl_resources, list);
	list_for_each_entry_continue(r, &rctl_resources, list)
		if (!r->hidden)
			return r;
	return NULL;
}

/* The next online domain of @r after @d (the first for NULL). */
static inline struct resctrl_dom *rctl_dom_next(struct resctrl_res *r,
						struct resctrl_dom *d)
{
	d = list_prepare_entry(d, &r->domains, list);
	list_for_each_entry_continue(d, &r->domains, list)
		if (d->online)
			return d;
	return NULL;
}

/*
 * One step of for_each_rctl_resource(): the first resource the first
 * time (@started clear), the next after *@r then. Whether there is one.
 */
static inline bool rctl_res_step(struct resctrl_res **r, bool *started)
{
	*r = rctl_res_next(*started ? *r : NULL);
	*started = true;
	return *r;
}

/* The same for for_each_rctl_domain(). */
static inline bool rctl_dom_step(struct resctrl_res *r, struct resctrl_dom **d,
				 bool *started)
{
	*d = rctl_dom_next(r, *started ? *d : NULL);
	*started = true;
	return *d;
}

/**
 * for_each_rctl_resource() - iterate over the resources of the mount
 * @r: &struct resctrl_res cursor; NULL after the loop ends without break
 *
 * The resources that take part in the current mount, or in the next one
 * (not hidden). Context: rctl_mutex held across the loop.
 */
#define for_each_rctl_resource(r) \
	for (bool __rctl_res_started = false; \
	     rctl_res_step(&(r), &__rctl_res_started);)

/**
 * for_each_rctl_domain() - iterate over the online domains of a resource
 * @d: &struct resctrl_dom cursor; NULL after the loop ends without break
 * @r: the resource
 *
 * Context: rctl_mutex held across the loop.
 */
#define for_each_rctl_domain(d, r) \
	for (bool __rctl_dom_started = false; \
	     rctl_dom_step(r, &(d), &__rctl_dom_started);)

/* resource.c: the registered resources and what they add up to */
struct resctrl_res *rctl_find_resource(const char *name);
void rctl_res_pin(struct resctrl_res *r);
void rctl_res_unpin(struct resctrl_res *r);
int rctl_ids_fit(u32 num_closid, u32 num_rmid);
int rctl_ids_resize(void);
bool rctl_alloc_capable(void);
bool rctl_mon_capable(void);
int rctl_check_desc(const struct rctl_desc *desc);
u32 rctl_num_closids(void);
u32 rctl_num_rmids(void);

/* group.c: lifetime and locking of groups */
struct rctl_group *rctl_group_lock(struct kernfs_node *kn);
void rctl_group_unlock(struct kernfs_node *kn);
int rctl_group_fill_dir(struct rctl_group *g);
void rctl_remove_all_groups(void);
int rctl_groups_assign_rmids(void);
extern const struct rctl_file_attr rctl_mon_hw_id_attr;
int rctl_mkdir(struct kernfs_node *parent, const char *name, umode_t mode);
int rctl_rmdir(struct kernfs_node *kn);
int rctl_rename(struct kernfs_node *kn, struct kernfs_node *new_parent,
		const char *new_name);

/* tasks.c: task membership */
extern const struct rctl_file_attr rctl_tasks_attr;
int rctl_parse_pids(char *buf, pid_t *pids, unsigned int max);
void rctl_move_group_tasks(struct rctl_group *from, struct rctl_group *to);
void rctl_move_all_tasks_home(void);
void rctl_task_lists_start(void);
void rctl_task_lists_stop(void);

/* cpus.c: CPU membership */
extern const struct rctl_file_attr rctl_cpus_attr;
extern const struct rctl_file_attr rctl_cpus_list_attr;
void rctl_cpus_give_back(struct rctl_group *g);
int rctl_cpus_init(void);
void rctl_cpus_apply(const struct cpumask *cpus);

/* ctrlval.c: syntax of control values, per type */
int rctl_parse_val(struct resctrl_res *r, struct resctrl_dom *d,
		   char *text, u32 *val);
int rctl_format_val(struct resctrl_res *r, struct resctrl_dom *d, u32 val,
		    char *buf, size_t len);
u32 rctl_default_val(const struct rctl_desc *desc);
int rctl_extra_parse_val(struct resctrl_res *r, const struct resctrl_ctrl_desc *c,
			 const char *text, u32 *val);
int rctl_extra_format_val(const struct resctrl_ctrl_desc *c, u32 val,
			  char *buf, size_t len);
u32 rctl_extra_default_val(const struct resctrl_ctrl_desc *c);
void rctl_extra_name(struct resctrl_res *r, unsigned int i, char *buf,
		     size_t len);

/* domain.c: domains and CPU hotplug */
int rctl_domains_init(struct resctrl_res *r);
void rctl_domains_free(struct resctrl_res *r);
struct resctrl_dom *rctl_find_dom(struct resctrl_res *r, int id);
int rctl_dom_apply(struct resctrl_dom *d, u32 closid, u32 val);
int rctl_dom_apply_type(struct resctrl_dom *d, u32 closid,
			enum resctrl_conf_type type, u32 val);
u32 *rctl_dom_val(struct resctrl_dom *d, u32 closid,
		  enum resctrl_conf_type type);
void rctl_res_reprogram(struct resctrl_res *r);
int rctl_dom_read(struct resctrl_dom *d, u32 closid, u32 rmid,
		  unsigned int evt, u64 *val);
int rctl_dom_run(struct resctrl_dom *d, int (*fn)(void *arg), void *arg);
int rctl_dom_read_here(struct resctrl_dom *d, u32 closid, u32 rmid,
		       unsigned int evt, u64 *val);
int rctl_dom_read_raw(struct resctrl_dom *d, u32 closid, u32 rmid,
		      unsigned int evt, u64 *raw);
/* RMIDs one call of rctl_dom_read_rmids() reads, at most. */
#define RCTL_READ_RMIDS		32
void rctl_dom_read_rmids(struct resctrl_dom *d, u32 closid, const u32 *rmids,
			 unsigned int n, unsigned int evt, u64 *raw, int *ret);
unsigned int rctl_dom_housekeeping_cpu(struct resctrl_dom *d, unsigned int here);

/* counters.c: running counts and the overflow worker */
int rctl_ctrs_alloc(struct resctrl_dom *d);
void rctl_ctrs_free(struct resctrl_dom *d);
void rctl_ctrs_clear(struct resctrl_dom *d);
void rctl_ctrs_account(struct resctrl_dom *d, unsigned int evt,
		       const u32 *rmids, unsigned int n, int *rets, u64 *vals);
int rctl_ctr_account(struct resctrl_dom *d, unsigned int evt, u32 rmid,
		     int ret, u64 raw, u64 *val);
void rctl_ctr_baseline(struct resctrl_dom *d, unsigned int evt, u32 rmid,
		       int ret, u64 raw);
void rctl_ctrs_hand_out(u32 rmid);
void rctl_ovf_start(struct resctrl_dom *d);
void rctl_ovf_stop(struct resctrl_dom *d);
void rctl_ovf_cpu_offline(struct resctrl_dom *d, unsigned int cpu);
unsigned int rctl_ovf_queued_on(struct resctrl_dom *d);
void rctl_ovf_mount(void);
void rctl_ovf_unmount(void);
void rctl_reset_closid(u32 closid);
void rctl_reset_all(void);
void rctl_reset_res(struct resctrl_res *r, u32 n);
void rctl_reset_rmid(u32 rmid);
int rctl_domains_cpu_online(unsigned int cpu);
void rctl_domains_cpu_offline(unsigned int cpu);
int rctl_res_cpu_online(struct resctrl_res *r, unsigned int cpu);
void rctl_res_cpu_offline(struct resctrl_res *r, unsigned int cpu);
int rctl_dom_apply_extra(struct resctrl_dom *d, unsigned int i, u32 closid,
			 u32 val);
void rctl_domains_mem_change(int nid, bool online);
bool rctl_dom_memory_only(const struct resctrl_dom *d);

/* schemata.c: the schemata file and the values it shows and sets */
extern const struct rctl_file_attr rctl_schemata_attr;
/* Prints the value of the group with @closid in domain @d, of half @type. */
typedef void (*rctl_val_show_fn)(struct seq_file *sf, struct resctrl_dom *d,
				 u32 closid, enum resctrl_conf_type type);
void rctl_ctrl_lines_show(struct seq_file *sf, struct rctl_group *g,
			  rctl_val_show_fn show);
u32 rctl_user_val(struct resctrl_dom *d, u32 closid, enum resctrl_conf_type type);
int rctl_user_set(struct resctrl_dom *d, u32 closid, enum resctrl_conf_type type,
		  u32 val);
int rctl_schemata_apply_text(struct rctl_group *g, char *buf);

/* mode.c: group modes, bit_usage and the exclusive-overlap rules */
extern const struct rctl_file_attr rctl_mode_attr;
int rctl_mode_check_val(const struct rctl_group *g, struct resctrl_dom *d,
			u32 val);
int rctl_mode_init_closid(u32 closid);
void rctl_show_bit_usage(struct resctrl_res *r, struct seq_file *sf);
void rctl_mode_count(const struct rctl_group *g, int sign);
void rctl_mode_counts_invalidate(void);

/* size.c: the size file */
extern const struct rctl_file_attr rctl_size_attr;

/* mondata.c: monitoring files */
/**
 * struct rctl_group_count - a group's count in one domain, its MON
 *	groups' included for a CTRL_MON group, read in one batch
 * @sum: the sum of the counts that were read
 * @read: how many reads succeeded
 * @failed: how many failed
 * @err: the error of the last read that failed
 */
struct rctl_group_count {
	u64 sum;
	unsigned int read;
	unsigned int failed;
	int err;
};

void rctl_group_count_add(struct rctl_group_count *c, int ret, u64 val);
int rctl_group_count_read(struct resctrl_dom *d, unsigned int evt,
			  struct rctl_group *g, struct rctl_group_count *c);
int rctl_mon_data_add_dom(struct rctl_group *g, struct resctrl_dom *d);
void rctl_mon_data_remove_dom(struct rctl_group *g, struct resctrl_dom *d);

/* evtcfg.c: info/<NAME>_MON/<event>_config */
int rctl_evt_config_add_files(struct resctrl_res *r, struct kernfs_node *dir);
bool rctl_evt_configurable(struct resctrl_res *r, unsigned int evt);
int rctl_evt_config_parse(struct resctrl_res *r, unsigned int evt, char *buf,
			  u32 *vals, unsigned int n);

/* drvfiles.c: files whose contents drivers provide */
int rctl_res_files_init(struct resctrl_res *r);
void rctl_res_files_free(struct resctrl_res *r);
struct resctrl_res *rctl_res_file_res(void *priv);
int rctl_add_driver_info_files(struct resctrl_res *r, struct kernfs_node *dir);
int rctl_add_driver_group_files(struct resctrl_res *r, struct kernfs_node *dir);

/* options.c: mount options */
struct rctl_mount_opts {
	bool cdp_l3;
	bool cdp_l2;
	bool mba_mbps;
	bool debug;
	char *plugin;
	char *hide;
};

/* fs_context private data: kernfs's part must come first. */
struct rctl_fs_context {
	struct kernfs_fs_context kfc;
	struct rctl_mount_opts opts;
};

struct fs_context;
struct fs_parameter;
int rctl_parse_param(struct fs_context *fc, struct fs_parameter *param);
void rctl_mount_opts_free(struct rctl_mount_opts *o);
void rctl_mount_opts_install(struct rctl_mount_opts *o);
void rctl_mount_opts_clear(void);
bool rctl_mount_hides(struct resctrl_res *r);
bool rctl_mount_debug(void);
const struct rctl_mount_opts *rctl_mount_opts(void);
bool rctl_mount_mbps(void);
int rctl_show_options(struct seq_file *sf, struct kernfs_root *root);

/* mbps.c: the mba_MBps software controller */
#define RCTL_MBPS_REFUSED "mba_MBps requires local MBM and linear scale MBA at L3 scope"
struct rctl_mbps_slot;
int rctl_mbps_dom_init(struct resctrl_dom *d,
		       const struct rctl_desc *desc);
void rctl_mbps_dom_free(struct resctrl_dom *d);
void rctl_mbps_reset(struct resctrl_dom *d, u32 closid);
u32 rctl_mbps_target(struct resctrl_dom *d, u32 closid);
void rctl_mbps_set_target(struct resctrl_dom *d, u32 closid, u32 val);
bool rctl_mbps_possible(void);
int rctl_mbps_mount(void);
void rctl_mbps_stop(void);
void rctl_mbps_res_added(struct resctrl_res *r);
void rctl_mbps_res_removed(struct resctrl_res *r);
int rctl_mbps_pair_event(const struct rctl_desc *ctl,
			 const struct rctl_desc *mon, bool same);
u64 rctl_mbps_rate(u64 bytes, u64 ns);
u32 rctl_mbps_step(u32 pct, u64 mbps, u32 target,
		   const struct resctrl_range_params *p);

/*
 * cdp.c: code and data prioritisation (CDP). With the cdp (cdpl2)
 * mount option every resource rctl_cdp_capable() of scope L3 (L2) in the
 * mount is split: its schemata lines and info directories are NAMEDATA
 * and NAMECODE instead of NAME, each with half its CLOSIDs, and apply()
 * gets RESCTRL_CONF_DATA and RESCTRL_CONF_CODE values.
 */
#define RCTL_CDP_SUFFIX_LEN	4
bool rctl_cdp_capable(const struct rctl_desc *desc);
bool rctl_cdp_wanted(const struct rctl_desc *desc,
		     const struct rctl_mount_opts *o);
bool rctl_res_cdp(struct resctrl_res *r);
u32 rctl_res_num_closid(struct resctrl_res *r);
unsigned int rctl_res_nconf(struct resctrl_res *r);
enum resctrl_conf_type rctl_res_conf(struct resctrl_res *r, unsigned int i);
void rctl_conf_name(struct resctrl_res *r, enum resctrl_conf_type type,
		    char *buf, size_t len);

/* describe.c: info/<NAME>/resource_schemata/ */
/**
 * struct rctl_desc_view - one schemata line as its description sees it
 * @ctrl: its control type
 * @scope: what its domain ids are
 * @bitmask: BITMASK parameters
 * @range: PERCENT, MBPS and SCALAR parameters
 * @unit: the driver's unit, NULL for the type's
 * @resolution: the driver's SCALAR resolution, 0 for 1
 * @def: the value of a new group
 * @mbps: steered by the mba_MBps controller: MBps targets
 */
struct rctl_desc_view {
	enum resctrl_ctrl_type ctrl;
	enum resctrl_scope scope;
	const struct resctrl_bitmask_params *bitmask;
	const struct resctrl_range_params *range;
	const char *unit;
	u32 resolution;
	u32 def;
	bool mbps;
};

int rctl_describe_view(struct resctrl_res *r, const char *schema,
		       struct rctl_desc_view *v);
int rctl_describe_prop(const struct rctl_desc_view *v, const char *prop,
		       char *buf, size_t len);
int rctl_describe_add(struct resctrl_res *r, struct kernfs_node *dir,
		      enum resctrl_conf_type type);
int rctl_describe_add_scoped(struct resctrl_res *s);

/* scoped.c: extra controls with a scope of their own */
bool rctl_desc_is_scoped(const struct rctl_desc *desc);
int rctl_scoped_init(struct resctrl_res *r);
int rctl_scoped_domains_init(struct resctrl_res *r);
void rctl_scoped_list_add(struct resctrl_res *r);
void rctl_scoped_set_closids(struct resctrl_res *r);
void rctl_scoped_free(struct resctrl_res *r);

/* info.c */
int rctl_info_create(struct kernfs_node *root);
int rctl_info_add_res(struct resctrl_res *r);
void rctl_info_remove_res(struct resctrl_res *r);
enum resctrl_conf_type rctl_info_dir_conf(struct resctrl_res *r,
					  struct kernfs_node *dir);

/* tree.c: a resource's files across the mounted tree */
int rctl_tree_add_res(struct resctrl_res *r);
void rctl_tree_remove_res(struct resctrl_res *r);
int rctl_tree_add_dom(struct resctrl_dom *d);
void rctl_tree_remove_dom(struct resctrl_dom *d);
int rctl_group_add_res_files(struct rctl_group *g, struct resctrl_res *r);

#endif /* _FS_RESCTRL_INTERNAL_H */
