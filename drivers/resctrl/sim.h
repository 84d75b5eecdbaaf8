/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private declarations of the resctrl simulator, shared by its files:
 * sim_main.c (module, live transitions), sim_ops.c (the resctrl
 * callbacks), sim_configfs.c (the description) and sim_debugfs.c (what
 * tests observe and inject).
 */
#ifndef _RESCTRL_SIM_H
#define _RESCTRL_SIM_H

#include <linux/atomic.h>
#include <linux/configfs.h>
#include <linux/cpumask.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rbtree.h>
#include <linux/resctrl.h>
#include <linux/spinlock.h>

/* The cache size the simulator claims, bounding max_threshold_occupancy. */
#define RSIM_CACHE_BYTES (64U << 20)
#include <linux/types.h>

struct dentry;
struct device;

/* Longest string attribute (names, mount option), including the NUL. */
#define RSIM_NAME_LEN		64
/* Most events and device domains one resource can describe. */
#define RSIM_MAX_EVENTS		32
#define RSIM_MAX_DEV_DOMAINS	64
/* Most extra controls one resource can describe. */
#define RSIM_MAX_CTRLS		8
/* Longest extra control suffix, including the NUL. */
#define RSIM_SUFFIX_LEN		16
/* Text of the extra per-group file, including the NUL. */
#define RSIM_TEXT_LEN		64
/* Longest delay_ms accepted. */
#define RSIM_MAX_DELAY_MS	10000
/* What &rsim_dom.vals holds for a CLOSID never applied. */
#define RSIM_UNSET		U64_MAX

/**
 * struct rsim_event_cfg - one configured monitoring event: a directory
 *	events/<name>
 * @name: event name, "" for a free slot
 * @id: its event id: its slot in &rsim_config.events
 * @frac_bits: fractional bits of its fixed-point value, 0 for a count
 */
struct rsim_event_cfg {
	char name[RSIM_NAME_LEN];
	u32 id;
	u32 frac_bits;
};

/**
 * struct rsim_ctrl_cfg - one configured extra control: a directory
 *	controls/<suffix>
 * @suffix: its name after the resource's (MIN, MAX, OPT, NODE, ...), ""
 *	for a free slot
 * @ctrl: its type: bitmask, percent, mbps or scalar
 * @cbm_len: bitmask: mask length
 * @min_cbm_bits: bitmask: fewest bits set
 * @sparse: bitmask: non-contiguous masks allowed
 * @min: others: smallest value
 * @max: others: largest value
 * @granularity: percent: step
 * @own_scope: the control has domains of its own, of @scope
 * @scope: with @own_scope: the scope of its domains
 * @memory_nodes: with @own_scope and NODE @scope: memory-only nodes too
 */
struct rsim_ctrl_cfg {
	char suffix[RSIM_SUFFIX_LEN];
	enum resctrl_ctrl_type ctrl;
	u32 cbm_len;
	u32 min_cbm_bits;
	bool sparse;
	u32 min;
	u32 max;
	u32 granularity;
	bool own_scope;
	enum resctrl_scope scope;
	bool memory_nodes;
};

/**
 * struct rsim_config - the resource description written through configfs
 * @ctrl: control type
 * @scope: domain scope
 * @num_closid: CLOSIDs served
 * @num_rmid: RMIDs served
 * @cbm_len: BITMASK: mask length
 * @min_cbm_bits: BITMASK: fewest bits set
 * @shareable_bits: BITMASK: bits shared with other agents
 * @sparse: BITMASK: non-contiguous masks allowed
 * @cache_bytes: BITMASK: bytes the whole mask stands for, 0 for the CPU
 *	cache's size (L2 and L3 scopes) or unknown
 * @min: PERCENT, MBPS, SCALAR: smallest value
 * @max: PERCENT, MBPS, SCALAR: largest value
 * @granularity: PERCENT: step
 * @delay_linear: PERCENT: value of info/<NAME>/delay_linear
 * @default_val: CUSTOM: default level
 * @events: monitoring events, in slots; the index is the event id
 * @num_events: slots in use or free below the last one in use
 * @dev_domains: DEVICE: ids of the domains added when going live
 * @num_dev_domains: entries used in @dev_domains
 * @plugin_option: plugin option the resource needs, "" for none
 * @claim: the hardware the resource claims to drive, "" for none
 * @run_on_domain_cpu: ask the core to call apply and read_event on a CPU
 *	of the domain
 * @info_file: name of an extra info/<NAME>/ file, "" for none
 * @group_file: name of an extra per-group file, "" for none
 * @cdp_capable: BITMASK: declare that code and data prioritisation can
 *	split the resource
 * @ctrls: extra controls next to the main one, in slots; the index is
 *	the control id
 * @num_ctrls: slots in use or free below the last one in use
 * @memory_nodes: NODE scope: every node with memory is a domain, CPUs or
 *	not
 *
 * Written under &rsim.mutex while the item is not live, and under
 * &rsim.lock too, so that debugfs can read @events and @num_events with
 * only that lock.
 */
struct rsim_config {
	enum resctrl_ctrl_type ctrl;
	enum resctrl_scope scope;
	u32 num_closid;
	u32 num_rmid;
	u32 cbm_len;
	u32 min_cbm_bits;
	u32 shareable_bits;
	bool sparse;
	u32 cache_bytes;
	u32 min;
	u32 max;
	u32 granularity;
	bool delay_linear;
	u32 default_val;
	struct rsim_event_cfg events[RSIM_MAX_EVENTS];
	unsigned int num_events;
	int dev_domains[RSIM_MAX_DEV_DOMAINS];
	unsigned int num_dev_domains;
	char plugin_option[RSIM_NAME_LEN];
	char claim[RSIM_NAME_LEN];
	bool run_on_domain_cpu;
	char info_file[RSIM_NAME_LEN];
	char group_file[RSIM_NAME_LEN];
	bool cdp_capable;
	struct rsim_ctrl_cfg ctrls[RSIM_MAX_CTRLS];
	unsigned int num_ctrls;
	bool memory_nodes;
};

/**
 * struct rsim_dom - what the simulator knows of one domain
 * @node: link in &rsim.doms, sorted by @id
 * @id: the domain id
 * @online: between domain_online and domain_offline
 * @cpus: the domain's CPUs as last seen by a callback
 * @cdp: the last value applied was a code or a data value: the domain
 *	is in CDP mode, as hardware whose mask registers hold a code and a
 *	data mask per CLOSID
 * @vals: per CLOSID, the value last applied or %RSIM_UNSET; for a
 *	resource that declares cdp_capable, followed by the code values
 *	and the data values of the CLOSIDs (see rsim_val())
 *
 * Created by the first domain_online of the id and kept until the
 * resource is unregistered, so that programmed values stay visible while
 * the domain is offline. Switching CDP mode forgets every value, so that
 * tests see the core program them all again. Fields are under &rsim.lock.
 */
struct rsim_dom {
	struct list_head node;
	int id;
	bool online;
	bool cdp;
	cpumask_var_t cpus;
	u64 vals[];
};

/*
 * The slot of the @type value of @closid in @dom, for a resource with
 * @nclosid CLOSIDs; code and data slots exist only with cdp_capable.
 */
static inline u64 *rsim_val(struct rsim_dom *dom, u32 nclosid,
			    enum resctrl_conf_type type, u32 closid)
{
	switch (type) {
	case RESCTRL_CONF_CODE:
		return &dom->vals[nclosid + closid];
	case RESCTRL_CONF_DATA:
		return &dom->vals[2 * nclosid + closid];
	default:
		return &dom->vals[closid];
	}
}

/**
 * enum rsim_counter_kind - what reading a simulated counter gives
 * @RSIM_COUNTER_VALUE: the value
 * @RSIM_COUNTER_ERROR: -EIO
 * @RSIM_COUNTER_UNAVAILABLE: -ENODATA
 */
enum rsim_counter_kind {
	RSIM_COUNTER_VALUE,
	RSIM_COUNTER_ERROR,
	RSIM_COUNTER_UNAVAILABLE,
};

/**
 * struct rsim_last_ctrl - the last value an extra control was given
 * @set: a value was applied since going live
 * @ctrl_id: the control's id
 * @dom: the id of the domain apply_ctrl() was given
 * @closid: the CLOSID
 * @val: the value
 */
struct rsim_last_ctrl {
	bool set;
	u32 ctrl_id;
	int dom;
	u32 closid;
	u32 val;
};

/**
 * struct rsim_counter - a counter value set through debugfs
 * @node: node in &rsim.counters, ordered by (@dom, @rmid, @evt), so
 *	that a read finds its counter in logarithmic time however many are
 *	set (the benchmark sets tens of thousands)
 * @dom: domain id
 * @rmid: RMID
 * @evt: event id
 * @kind: value, error or unavailable
 * @val: the value, for %RSIM_COUNTER_VALUE
 */
struct rsim_counter {
	struct rb_node node;
	int dom;
	u32 rmid;
	u32 evt;
	enum rsim_counter_kind kind;
	u64 val;
};

/**
 * struct rsim_child - a directory below a resource's events/, controls/
 *	or domains/
 * @item: the configfs item; its name is the event name, the control
 *	suffix or the domain id
 * @node: link in &rsim.children (under &rsim.mutex)
 * @sim: the resource
 * @slot: event or control: the index in &rsim_config.events or
 *	&rsim_config.ctrls; domain: the domain id
 */
struct rsim_child {
	struct config_item item;
	struct list_head node;
	struct rsim *sim;
	unsigned int slot;
};

/**
 * struct rsim - one simulated resource: a configfs group
 * @group: the configfs group; its name is the resource name
 * @events_group: its events/ directory
 * @ctrls_group: its controls/ directory
 * @domains_group: its domains/ directory
 * @children: the directories below those three
 * @link: link in the list of every item, for module exit
 * @mutex: serialises configuration and live transitions. Callbacks of the
 *	resource never take it, so it may be held across the registration
 *	API; debugfs files that call that API take it, so debugfs files are
 *	never removed with it held.
 * @lock: protects what callbacks and debugfs share. A raw spinlock taken
 *	with interrupts off, for apply and read_event may run on a domain
 *	CPU with preemption disabled. Taken briefly, never across a call
 *	into the core.
 * @cfg: the description
 * @live: registered (under @mutex)
 * @dead: removed from configfs; never goes live again (under @mutex)
 * @dev: the device on the resctrl_sim bus, while @live
 * @probe_err: what the last probe of @dev returned
 * @res: the registered resource, while @live
 * @desc: the description handed to the core, built from @cfg
 * @caps: the capabilities handed to the core, built from @cfg
 * @ops: the operations @desc points at
 * @events: the events of @desc
 * @info: the extra info file of @desc and its terminator
 * @files: the extra group file of @desc and its terminator
 * @ctrls: the extra controls of @desc
 * @accepting: callbacks may come (under @lock): from just before
 *	registration until unregistration returned
 * @nclosid: CLOSIDs of the live resource (entries of &rsim_dom.vals)
 * @doms: every domain seen since going live (under @lock)
 * @apply_count: successful applies since going live (under @lock)
 * @batch_reads: read_events calls since going live (under @lock)
 * @fail_apply: applies still to fail, -1 for all (under @lock)
 * @refuse_domain: domain id domain_online refuses, -1 for none
 * @delay_ms: milliseconds apply and read_event wait first
 * @counters: the counters set through debugfs (under @lock)
 * @violations: contract violations seen
 * @dir: the debugfs directory of the item
 *
 * The fault-injection knobs and the counters last as long as the item, so
 * that they can be set before it goes live. What the callbacks record is
 * reset when it goes live and freed when it is unregistered.
 */
struct rsim {
	struct config_group group;
	struct config_group events_group;
	struct config_group ctrls_group;
	struct config_group domains_group;
	struct list_head children;
	struct list_head link;
	struct mutex mutex;		/* configuration, going live */
	raw_spinlock_t lock;		/* what callbacks record */
	struct rsim_config cfg;
	bool live;
	bool dead;
	struct device *dev;
	int probe_err;
	struct resctrl_res *res;
	struct resctrl_resource_desc desc;
	struct resctrl_resource_caps caps;
	struct resctrl_resource_ops ops;
	struct resctrl_event_desc events[RSIM_MAX_EVENTS];
	struct resctrl_info_attr info[2];
	struct resctrl_group_attr files[2];
	struct resctrl_ctrl_desc ctrls[RSIM_MAX_CTRLS];
	bool accepting;
	u32 nclosid;
	struct list_head doms;
	u64 apply_count;
	u64 batch_reads;
	struct rsim_last_ctrl last_ctrl;
	int fail_apply;
	int refuse_domain;
	unsigned int delay_ms;
	struct rb_root counters;
	atomic_t violations;
	struct dentry *dir;
};

static inline struct rsim *to_rsim(struct config_item *item)
{
	return container_of(to_config_group(item), struct rsim, group);
}

static inline const char *rsim_name(struct rsim *sim)
{
	return config_item_name(&sim->group.cg_item);
}

/* sim_main.c */
struct rsim *rsim_alloc(void);
void rsim_added(struct rsim *sim);
void rsim_drop(struct rsim *sim);
void rsim_free(struct rsim *sim);
int rsim_set_live(struct rsim *sim, bool live);
int rsim_bus_init(void);
void rsim_bus_exit(void);

/* sim_ops.c */
void rsim_build_ops(struct resctrl_resource_ops *ops, enum resctrl_ctrl_type ctrl);
int rsim_apply_ctrl(struct resctrl_res *r, struct resctrl_dom *d, u32 closid,
		    u32 ctrl_id, u32 val);
int rsim_info_show(struct resctrl_res *r, struct seq_file *sf);
int rsim_group_show(struct resctrl_res *r, u32 closid, u32 rmid,
		    struct seq_file *sf);
int rsim_group_write(struct resctrl_res *r, u32 closid, u32 rmid, char *buf);
struct rsim_dom *rsim_find_dom(struct rsim *sim, int id);
void rsim_free_dom(struct rsim_dom *dom);
void rsim_violation(struct rsim *sim, const char *what, int id);

/* sim_configfs.c */
int rsim_pin_children(struct rsim *sim, bool pin);
int rsim_configfs_init(void);
void rsim_configfs_exit(void);

/* sim_debugfs.c */
void rsim_debugfs_init(void);
void rsim_debugfs_exit(void);
void rsim_debugfs_add(struct rsim *sim);
void rsim_debugfs_remove(struct rsim *sim);
void rsim_clear_counters(struct rsim *sim);
struct rsim_counter *rsim_first_counter(struct rsim *sim, int dom, u32 rmid,
					u32 evt);
struct rsim_counter *rsim_find_counter(struct rsim *sim, int dom, u32 rmid,
				       u32 evt);

#endif /* _RESCTRL_SIM_H */
