// SPDX-License-Identifier: GPL-2.0
/*
 * resctrl_sim: simulated resctrl resources.
 *
 * A real driver of the resctrl registration API that fakes the hardware,
 * so that the filesystem, its selftests and tools such as pqos can run
 * on a machine, or in a VM, without resource control hardware.
 *
 * Describe a resource in configfs, then make it live:
 *
 *   mkdir /sys/kernel/config/resctrl_sim/NAME   (NAME: the resource name)
 *   ctrl           none|bitmask|percent|mbps|scalar|custom (none)
 *   scope          l2|l3|node|package|device (l3)
 *   num_closid     16          num_rmid      0
 *   cbm_len        20          min_cbm_bits  1
 *   shareable_bits hex (0)     sparse        0|1 (0)
 *   cache_bytes    bytes the whole mask stands for (0: the CPU cache's)
 *   min 10, max 100, granularity 10, delay_linear 0|1 (1)
 *   default_val    custom only: 1=low 2=mid 3=high (2)
 *   events/NAME    mkdir: a monitoring event NAME, with the lowest free
 *                  event id (read-only attribute id); frac_bits gives
 *                  it fractional bits (0); llc_occupancy is an occupancy
 *                  event: freed RMIDs wait until it reads 0
 *                  (max_threshold_occupancy, at most 64 MiB, can be
 *                  raised); mbm_local_bytes and mbm_total_bytes (without
 *                  fractional bits) are bandwidth sources for mba_MBps,
 *                  local preferred
 *   domains/ID     mkdir: a device domain ID (>= 0), added with the CPUs
 *                  of cpu_possible_mask right after registration
 *   controls/SUFFIX mkdir: an extra control NAME_SUFFIX; ctrl
 *                  bitmask|percent|mbps|scalar (percent), cbm_len (20),
 *                  min_cbm_bits (1), sparse (0) for a bitmask, min (0),
 *                  max (100), granularity (1, percent only) for others
 *   plugin_option  mount option the resource needs (empty: none)
 *   claim          the hardware it claims to drive (empty: none); two
 *                  resources claiming the same never share a mount
 *   run_on_domain_cpu 0|1 (0)
 *   info_file      extra info/NAME/ file reading "simulated NAME"
 *   group_file     extra file in every CTRL_MON group holding up to 63
 *                  characters per CLOSID (reads "none" until written)
 *   cdp_capable    0|1 (0): bitmask only; code and data prioritisation
 *                  (mount options cdp for scope l3, cdpl2 for l2) splits
 *                  the resource into NAMEDATA and NAMECODE
 *   live           1 registers the resource, 0 unregisters it; going
 *                  live fails with the error of registration or of adding
 *                  a device domain, and then leaves nothing registered
 * Any write but to live, and any mkdir or rmdir below the resource, fails
 * with -EBUSY while live is 1; rmdir of a live resource without events,
 * domains or controls unregisters it.
 *
 * Going live creates the device NAME on the resctrl_sim bus; the
 * resctrl_sim driver's probe registers the resource, and devres
 * unregisters it when live=0 removes the device. Custom values are the levels low, mid and
 * high; the core shows them as words.
 *
 * Observe it and inject faults in /sys/kernel/debug/resctrl_sim/NAME/,
 * which exists as long as the configfs directory. Knobs and counters
 * survive going live and back; the rest is reset when going live.
 *   programmed     "DOMID CLOSID 0xVALUE" or "DOMID CLOSID unset" for
 *                  every domain seen (id order) and every CLOSID. A
 *                  cdp_capable domain last given code and data values is
 *                  in CDP mode: it shows "DOMID CLOSID code 0xVALUE" and
 *                  "DOMID CLOSID data 0xVALUE" (or unset) instead, for
 *                  each CLOSID of the lower half, the only ones it
 *                  accepts code and data values for. Switching mode
 *                  forgets every value (they read unset).
 *   apply_count    successful applies since going live
 *   batch_reads    read_events calls (several RMIDs at once) since going
 *                  live
 *   last_ctrl      "CTRL_ID DOMID CLOSID VALUE" of the last value an extra
 *                  control was given since going live, or nothing
 *   fail_apply     N: the next N applies fail with -EIO; -1: all; 0: none
 *   refuse_domain  domain id whose domain_online fails -EIO; -1: none
 *   counters       write "DOMID RMID EVENT VALUE|error|unavailable" to set
 *                  what read_event returns (unset: 0), or "clear"; reads
 *                  back the same lines. Removing an event clears them.
 *   domains        "ID CPULIST online|offline" for every domain seen; the
 *                  CPU list is the one the last callback for it saw
 *   delay_ms       apply, read_event and read_events wait this long first
 *                  (0, at most 10000; busy-waiting with run_on_domain_cpu)
 *   device_domain  write "add ID" or "remove ID" while live
 *   violations     callbacks that broke the driver contract (the first
 *                  also warns)
 */
#include <linux/device.h>
#include <linux/err.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "sim.h"

/* Every item, for module exit. */
static LIST_HEAD(rsim_list);
static DEFINE_MUTEX(rsim_list_lock);

/**
 * rsim_alloc() - allocate a simulated resource with the default
 *	description
 *
 * Return: the resource, not yet named, or NULL.
 */
struct rsim *rsim_alloc(void)
{
	struct rsim *sim;

	sim = kzalloc(sizeof(*sim), GFP_KERNEL);
	if (!sim)
		return NULL;
	mutex_init(&sim->mutex);
	raw_spin_lock_init(&sim->lock);
	INIT_LIST_HEAD(&sim->link);
	INIT_LIST_HEAD(&sim->children);
	INIT_LIST_HEAD(&sim->doms);
	sim->counters = RB_ROOT;
	atomic_set(&sim->violations, 0);
	sim->refuse_domain = -1;

	sim->cfg.ctrl = RESCTRL_CTRL_NONE;
	sim->cfg.scope = RESCTRL_SCOPE_L3;
	sim->cfg.num_closid = 16;
	sim->cfg.cbm_len = 20;
	sim->cfg.min_cbm_bits = 1;
	sim->cfg.min = 10;
	sim->cfg.max = 100;
	sim->cfg.granularity = 10;
	sim->cfg.delay_linear = true;
	sim->cfg.default_val = 2;
	return sim;
}

/**
 * rsim_added() - a simulated resource got its name: publish it
 * @sim: the resource
 */
void rsim_added(struct rsim *sim)
{
	rsim_debugfs_add(sim);
	mutex_lock(&rsim_list_lock);
	list_add_tail(&sim->link, &rsim_list);
	mutex_unlock(&rsim_list_lock);
}

/**
 * rsim_free() - free a simulated resource that nothing references
 * @sim: the resource, not live
 */
void rsim_free(struct rsim *sim)
{
	rsim_clear_counters(sim);
	mutex_destroy(&sim->mutex);
	kfree(sim);
}

/* The extra controls of the description; a MIN control defaults to its minimum. */
static void rsim_build_ctrls(struct rsim *sim)
{
	const struct rsim_config *cfg = &sim->cfg;
	const struct rsim_ctrl_cfg *cc;
	struct resctrl_ctrl_desc *c;
	unsigned int i, n = 0;

	memset(sim->ctrls, 0, sizeof(sim->ctrls));
	for (i = 0; i < cfg->num_ctrls; i++) {
		cc = &cfg->ctrls[i];
		if (!cc->suffix[0])
			continue;
		c = &sim->ctrls[n];
		c->suffix = cc->suffix;
		c->id = n++;
		c->ctrl = cc->ctrl;
		if (cc->ctrl == RESCTRL_CTRL_BITMASK) {
			c->bitmask.cbm_len = cc->cbm_len;
			c->bitmask.min_cbm_bits = cc->min_cbm_bits;
			c->bitmask.sparse = cc->sparse;
		} else {
			c->range.min = cc->min;
			c->range.max = cc->max;
			if (cc->ctrl == RESCTRL_CTRL_PERCENT)
				c->range.granularity = cc->granularity;
		}
		c->default_min = !strcmp(cc->suffix, "MIN");
		c->own_scope = cc->own_scope;
		c->scope = cc->scope;
		c->memory_nodes = cc->memory_nodes;
	}
	if (n) {
		sim->desc.ctrls = sim->ctrls;
		sim->desc.num_ctrls = n;
	}
}

static void rsim_build_desc(struct rsim *sim)
{
	struct resctrl_resource_desc *desc = &sim->desc;
	struct resctrl_resource_caps *caps = &sim->caps;
	const struct rsim_config *cfg = &sim->cfg;
	unsigned int i, n = 0;

	memset(desc, 0, sizeof(*desc));
	memset(caps, 0, sizeof(*caps));
	memset(sim->events, 0, sizeof(sim->events));
	memset(sim->info, 0, sizeof(sim->info));
	memset(sim->files, 0, sizeof(sim->files));

	desc->name = rsim_name(sim);
	desc->ctrl = cfg->ctrl;
	desc->scope = cfg->scope;
	caps->num_closid = cfg->num_closid;
	caps->num_rmid = cfg->num_rmid;
	switch (cfg->ctrl) {
	case RESCTRL_CTRL_BITMASK:
		caps->bitmask.cbm_len = cfg->cbm_len;
		caps->bitmask.min_cbm_bits = cfg->min_cbm_bits;
		caps->bitmask.shareable_bits = cfg->shareable_bits;
		caps->bitmask.sparse = cfg->sparse;
		caps->bitmask.cache_bytes = cfg->cache_bytes;
		break;
	case RESCTRL_CTRL_PERCENT:
	case RESCTRL_CTRL_MBPS:
	case RESCTRL_CTRL_SCALAR:
		caps->range.min = cfg->min;
		caps->range.max = cfg->max;
		caps->range.granularity = cfg->granularity;
		caps->range.delay_linear = cfg->delay_linear;
		break;
	case RESCTRL_CTRL_CUSTOM:
		caps->default_val = cfg->default_val;
		break;
	default:
		break;
	}

	for (i = 0; i < cfg->num_events; i++) {
		const struct rsim_event_cfg *ec = &cfg->events[i];
		struct resctrl_event_desc *e = &sim->events[n];

		if (!ec->name[0])
			continue;
		n++;
		e->name = ec->name;
		e->id = i;
		e->frac_bits = ec->frac_bits;
		/* Named as upstream's: its RMIDs go through limbo. */
		e->occupancy = !strcmp(ec->name, "llc_occupancy");
		/* Byte counts named as upstream's MBM: bandwidth sources. */
		e->bandwidth = !ec->frac_bits &&
			(!strcmp(ec->name, "mbm_local_bytes") ||
			 !strcmp(ec->name, "mbm_total_bytes"));
	}
	if (n) {
		caps->events = sim->events;
		caps->num_events = n;
		/* As if for a 64 MiB cache; RMIDs are reused once empty. */
		caps->occupancy_limit = RSIM_CACHE_BYTES;
		/*
		 * Upstream's default share of the cache per RMID: a count
		 * at or above it keeps an RMID in limbo, so 0 would keep
		 * every RMID there.
		 */
		if (caps->num_rmid)
			caps->occupancy_threshold = RSIM_CACHE_BYTES / caps->num_rmid;
	}

	if (cfg->info_file[0]) {
		sim->info[0].name = cfg->info_file;
		sim->info[0].show = rsim_info_show;
		desc->info = sim->info;
	}
	if (cfg->group_file[0]) {
		sim->files[0].name = cfg->group_file;
		sim->files[0].show = rsim_group_show;
		sim->files[0].write = rsim_group_write;
		desc->files = sim->files;
		desc->group_data_size = RSIM_TEXT_LEN;
	}
	if (cfg->plugin_option[0])
		desc->plugin_option = cfg->plugin_option;
	if (cfg->claim[0])
		desc->claim = cfg->claim;
	desc->run_on_domain_cpu = cfg->run_on_domain_cpu;
	caps->cdp_capable = cfg->cdp_capable;
	rsim_build_ctrls(sim);
	desc->memory_nodes = cfg->memory_nodes;
	rsim_build_ops(&sim->ops, cfg->ctrl);
	if (cfg->num_ctrls)
		sim->ops.apply_ctrl = rsim_apply_ctrl;
	desc->ops = &sim->ops;
}

/* No callback can come any more: forget what they recorded. */
static void rsim_forget(struct rsim *sim)
{
	struct rsim_dom *dom, *tmp;
	unsigned long flags;
	LIST_HEAD(doms);

	raw_spin_lock_irqsave(&sim->lock, flags);
	sim->accepting = false;
	list_splice_init(&sim->doms, &doms);
	raw_spin_unlock_irqrestore(&sim->lock, flags);

	list_for_each_entry_safe(dom, tmp, &doms, node) {
		list_del(&dom->node);
		rsim_free_dom(dom);
	}
}

/*
 * Register the resource of the device's item, then add its device
 * domains; devres unregisters it when the device goes, or when a domain
 * cannot be added.
 */
static int rsim_probe(struct device *dev)
{
	struct rsim *sim = dev_get_platdata(dev);
	const struct rsim_config *cfg = &sim->cfg;
	struct resctrl_res *res;
	unsigned int i;
	int ret;

	/*
	 * Callbacks start coming from inside the call, and may come until
	 * devres has unregistered the resource.
	 */
	res = devm_resctrl_register_resource(dev, &sim->desc, &sim->caps, sim);
	ret = PTR_ERR_OR_ZERO(res);
	for (i = 0; !ret && i < cfg->num_dev_domains; i++)
		ret = resctrl_add_device_domain(res, cfg->dev_domains[i],
						cpu_possible_mask);
	sim->probe_err = ret;
	if (!ret)
		sim->res = res;
	return ret;
}

/* Every device matches the only driver of the bus. */
static const struct bus_type rsim_bus = {
	.name = "resctrl_sim",
};

static struct device_driver rsim_driver = {
	.name = "resctrl_sim",
	.bus = &rsim_bus,
	.probe = rsim_probe,
	.suppress_bind_attrs = true,
};

/* The parent of every device: /sys/devices/resctrl_sim/NAME. */
static struct device *rsim_root;

static void rsim_dev_release(struct device *dev)
{
	kfree(dev);
}

/*
 * Create the device of @sim on the bus: the driver's probe registers the
 * resource. Return: 0, or what registering the device or probing it
 * failed with.
 */
static int rsim_add_device(struct rsim *sim)
{
	struct device *dev;
	int ret;

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return -ENOMEM;
	device_initialize(dev);
	dev->bus = &rsim_bus;
	dev->parent = rsim_root;
	dev->release = rsim_dev_release;
	dev->platform_data = sim;
	sim->probe_err = -ENODEV;
	ret = dev_set_name(dev, "%s", rsim_name(sim)) ?: device_add(dev);
	if (ret) {
		put_device(dev);
		return ret;
	}
	/* The bus probes synchronously: the device is bound or never was. */
	if (!device_is_bound(dev)) {
		ret = sim->probe_err ?: -ENODEV;
		device_unregister(dev);
		return ret;
	}
	sim->dev = dev;
	return 0;
}

static int rsim_start(struct rsim *sim)
{
	const struct rsim_config *cfg = &sim->cfg;
	unsigned long flags;
	int ret;

	rsim_build_desc(sim);

	raw_spin_lock_irqsave(&sim->lock, flags);
	sim->nclosid = cfg->num_closid;
	sim->apply_count = 0;
	sim->batch_reads = 0;
	sim->last_ctrl = (struct rsim_last_ctrl){};
	sim->accepting = true;
	raw_spin_unlock_irqrestore(&sim->lock, flags);

	ret = rsim_add_device(sim);
	if (!ret) {
		ret = rsim_pin_children(sim, true);
		if (ret)
			device_unregister(sim->dev);
	}
	if (ret) {
		sim->dev = NULL;
		sim->res = NULL;
		rsim_forget(sim);
		return ret;
	}
	sim->live = true;
	return 0;
}

static void rsim_stop(struct rsim *sim)
{
	rsim_pin_children(sim, false);
	/* Removing the device unregisters the resource (devres). */
	device_unregister(sim->dev);
	sim->dev = NULL;
	sim->res = NULL;
	sim->live = false;
	rsim_forget(sim);
}

/**
 * rsim_bus_init() - register the resctrl_sim bus and its driver
 *
 * Return: 0 or a negative errno.
 */
int rsim_bus_init(void)
{
	int ret;

	rsim_root = root_device_register("resctrl_sim");
	if (IS_ERR(rsim_root))
		return PTR_ERR(rsim_root);
	ret = bus_register(&rsim_bus);
	if (ret)
		goto out_root;
	ret = driver_register(&rsim_driver);
	if (!ret)
		return 0;
	bus_unregister(&rsim_bus);
out_root:
	root_device_unregister(rsim_root);
	return ret;
}

/**
 * rsim_bus_exit() - unregister the driver and the bus
 */
void rsim_bus_exit(void)
{
	driver_unregister(&rsim_driver);
	bus_unregister(&rsim_bus);
	root_device_unregister(rsim_root);
}

/**
 * rsim_set_live() - register or unregister a simulated resource
 * @sim: the resource
 * @live: register it if true, unregister it if false
 *
 * Nothing happens if the resource already is in the state asked for.
 * Context: process; takes &rsim.mutex and calls the registration API
 * with it held (no callback takes it).
 *
 * Return: 0, the error of the registration API, -ENOMEM, or -ENOENT if
 * the item was removed.
 */
int rsim_set_live(struct rsim *sim, bool live)
{
	int ret = 0;

	mutex_lock(&sim->mutex);
	if (live == sim->live)
		ret = 0;
	else if (!live)
		rsim_stop(sim);
	else if (sim->dead)
		ret = -ENOENT;
	else
		ret = rsim_start(sim);
	mutex_unlock(&sim->mutex);
	return ret;
}

/**
 * rsim_drop() - a simulated resource is removed from configfs
 * @sim: the resource
 *
 * Unregisters it if it is live. It may still be referenced, but it will
 * never go live again.
 */
void rsim_drop(struct rsim *sim)
{
	mutex_lock(&rsim_list_lock);
	list_del_init(&sim->link);
	mutex_unlock(&rsim_list_lock);

	mutex_lock(&sim->mutex);
	sim->dead = true;
	if (sim->live)
		rsim_stop(sim);
	mutex_unlock(&sim->mutex);

	/* Without sim->mutex: debugfs writes may be waiting for it. */
	rsim_debugfs_remove(sim);
}

static int __init rsim_init(void)
{
	int ret;

	ret = rsim_bus_init();
	if (ret)
		return ret;
	rsim_debugfs_init();
	ret = rsim_configfs_init();
	if (ret) {
		rsim_debugfs_exit();
		rsim_bus_exit();
	}
	return ret;
}

static void __exit rsim_exit(void)
{
	struct rsim *sim;

	rsim_configfs_exit();

	/*
	 * configfs pins the module while items exist, so none should be
	 * left; unregister any that is, all the same.
	 */
	mutex_lock(&rsim_list_lock);
	list_for_each_entry(sim, &rsim_list, link)
		rsim_set_live(sim, false);
	mutex_unlock(&rsim_list_lock);

	rsim_debugfs_exit();
	rsim_bus_exit();
}

module_init(rsim_init);
module_exit(rsim_exit);

MODULE_IMPORT_NS(RESCTRL);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Simulated resctrl resources, configured through configfs");
