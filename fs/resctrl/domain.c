// SPDX-License-Identifier: GPL-2.0
/*
 * Domains: the instances of a resource (one per cache, node, package or
 * device) and the values each CLOSID has in them.
 *
 * The filesystem keeps the domains of every CPU-derived scope from the
 * CPU topology, through the one hotplug state of cpus.c: a domain comes
 * online with its first CPU and goes offline with its last. An offline
 * domain keeps its values, and they are applied again when it returns.
 * Drivers declare DEVICE domains themselves.
 *
 * A resource that code and data prioritisation (CDP) can split keeps a
 * code and a data value per CLOSID besides the one used without CDP;
 * which of them are in force follows the live mount (rctl_res_cdp()).
 */
#include <linux/cacheinfo.h>
#include <linux/cpu.h>
#include <linux/export.h>
#include <linux/sched/isolation.h>
#include <linux/nodemask.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/topology.h>

#include "internal.h"

static int rctl_cpu_dom_id(enum resctrl_scope scope, unsigned int cpu)
{
	switch (scope) {
	case RESCTRL_SCOPE_L2:
		return get_cpu_cacheinfo_id(cpu, 2);
	case RESCTRL_SCOPE_L3:
		return get_cpu_cacheinfo_id(cpu, 3);
	case RESCTRL_SCOPE_NODE:
		return cpu_to_node(cpu);
	case RESCTRL_SCOPE_PACKAGE:
		return topology_physical_package_id(cpu);
	default:
		return -EINVAL;
	}
}

/**
 * rctl_find_dom() - a live domain of a resource
 * @r: the resource
 * @id: the domain id
 *
 * Return: the domain, online or not, or NULL.
 */
struct resctrl_dom *rctl_find_dom(struct resctrl_res *r, int id)
{
	struct resctrl_dom *d;

	list_for_each_entry(d, &r->domains, list)
		if (d->id == id && !d->dead)
			return d;
	return NULL;
}

/* A DEVICE domain withdrawn by resctrl_remove_device_domain(), or NULL. */
static struct resctrl_dom *rctl_find_removed_dom(struct resctrl_res *r, int id)
{
	struct resctrl_dom *d;

	list_for_each_entry(d, &r->domains, list)
		if (d->id == id && d->dead)
			return d;
	return NULL;
}

static void rctl_dom_free_vals(struct resctrl_dom *d)
{
	unsigned int i;

	for (i = 0; d->ctrl_vals && i < d->res->desc->num_ctrls; i++)
		kfree(d->ctrl_vals[i]);
	kfree(d->ctrl_vals);
	kfree(d->data_vals);
	kfree(d->code_vals);
	kfree(d->vals);
}

/* The values of the extra controls of a new domain, every one the default. */
static int rctl_dom_alloc_extra_vals(struct resctrl_dom *d)
{
	const struct rctl_desc *desc = d->res->desc;
	u32 n = desc->max_closid, closid;
	unsigned int i;

	if (!desc->num_ctrls)
		return 0;
	d->ctrl_vals = kcalloc(desc->num_ctrls, sizeof(*d->ctrl_vals), GFP_KERNEL);
	if (!d->ctrl_vals)
		return -ENOMEM;
	for (i = 0; i < desc->num_ctrls; i++) {
		d->ctrl_vals[i] = kcalloc(n, sizeof(**d->ctrl_vals), GFP_KERNEL);
		if (!d->ctrl_vals[i])
			return -ENOMEM;
		for (closid = 0; closid < n; closid++)
			d->ctrl_vals[i][closid] = rctl_extra_default_val(&desc->ctrls[i]);
	}
	return 0;
}

/* The value arrays of a new domain, every value the default. */
static int rctl_dom_alloc_vals(struct resctrl_dom *d)
{
	const struct rctl_desc *desc = d->res->desc;
	u32 n = desc->max_closid, half = n / 2, i;

	d->vals = kcalloc(max(n, 1U), sizeof(*d->vals), GFP_KERNEL);
	if (!d->vals)
		return -ENOMEM;
	for (i = 0; i < n; i++)
		d->vals[i] = rctl_default_val(desc);
	if (rctl_dom_alloc_extra_vals(d))
		return -ENOMEM;
	if (!rctl_cdp_capable(desc))
		return 0;
	d->code_vals = kcalloc(half, sizeof(*d->code_vals), GFP_KERNEL);
	d->data_vals = kcalloc(half, sizeof(*d->data_vals), GFP_KERNEL);
	if (!d->code_vals || !d->data_vals)
		return -ENOMEM;
	for (i = 0; i < half; i++) {
		d->code_vals[i] = rctl_default_val(desc);
		d->data_vals[i] = rctl_default_val(desc);
	}
	return 0;
}

static struct resctrl_dom *rctl_dom_alloc(struct resctrl_res *r, int id)
{
	const struct rctl_desc *desc = r->desc;
	struct resctrl_dom *d, *pos;
	unsigned int i;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return NULL;
	d->res = r;
	d->id = id;
	d->mon_files = kcalloc(max(desc->num_events, 1U), sizeof(*d->mon_files),
			       GFP_KERNEL);
	if (!d->mon_files || rctl_dom_alloc_vals(d) || rctl_mbps_dom_init(d, desc) ||
	    rctl_ctrs_alloc(d)) {
		rctl_mbps_dom_free(d);
		kfree(d->mon_files);
		rctl_dom_free_vals(d);
		kfree(d);
		return NULL;
	}
	for (i = 0; i < desc->num_events; i++) {
		d->mon_files[i].dom = d;
		d->mon_files[i].evt = i;
	}
	/* Keep the list sorted by id: schemata prints it in this order. */
	list_for_each_entry(pos, &r->domains, list)
		if (pos->id > id)
			break;
	list_add_tail(&d->list, &pos->list);
	return d;
}

static void rctl_dom_free(struct resctrl_dom *d)
{
	list_del(&d->list);
	rctl_ctrs_free(d);
	rctl_mbps_dom_free(d);
	kfree(d->mon_files);
	rctl_dom_free_vals(d);
	kfree(d);
}

struct rctl_dom_call {
	struct resctrl_dom *d;
	const struct resctrl_ctrl_desc *extra;
	u32 closid;
	u32 rmid;
	enum resctrl_conf_type type;
	u32 val;
	unsigned int evt;
	u64 count;
	int ret;
};

static void rctl_dom_call_apply(void *arg)
{
	struct rctl_dom_call *c = arg;
	struct resctrl_res *r = c->d->res;

	if (c->extra)
		c->ret = r->desc->ops->apply_ctrl(r, c->d, c->closid, c->extra->id,
						  c->val);
	else
		c->ret = r->desc->ops->apply(r, c->d, c->closid, c->type, c->val);
}

/* Run @fn for @c in process context, or on a CPU of the domain. */
static int rctl_dom_call(struct rctl_dom_call *c, smp_call_func_t fn)
{
	int ret;

	lockdep_assert_held(&rctl_mutex);
	if (!c->d->res->desc->run_on_domain_cpu) {
		fn(c);
		return c->ret;
	}
	ret = smp_call_function_any(&c->d->cpus, fn, c, true);
	return ret ?: c->ret;
}

/**
 * rctl_dom_housekeeping_cpu() - a CPU of a domain for its counters
 * @d: the domain
 * @here: the CPU to prefer, or nr_cpu_ids
 *
 * @here if it may, else the first online CPU of @d that is neither
 * nohz_full nor isolated, as upstream picks one
 * (arch/x86/kernel/cpu/resctrl/internal.h: cpumask_any_housekeeping()).
 *
 * Return: the CPU, or nr_cpu_ids when every CPU of @d is isolated.
 */
unsigned int rctl_dom_housekeeping_cpu(struct resctrl_dom *d, unsigned int here)
{
	unsigned int cpu;

	if (here < nr_cpu_ids && cpumask_test_cpu(here, &d->cpus) && cpu_online(here) &&
	    housekeeping_cpu(here, HK_TYPE_TICK) &&
	    housekeeping_cpu(here, HK_TYPE_DOMAIN))
		return here;
	for_each_cpu_and(cpu, &d->cpus, cpu_online_mask)
		if (housekeeping_cpu(cpu, HK_TYPE_TICK) &&
		    housekeeping_cpu(cpu, HK_TYPE_DOMAIN))
			return cpu;
	return nr_cpu_ids;
}

struct rctl_dom_ipi {
	int (*fn)(void *arg);
	void *arg;
	int ret;
};

static void rctl_dom_ipi_fn(void *info)
{
	struct rctl_dom_ipi *ipi = info;

	ipi->ret = ipi->fn(ipi->arg);
}

/**
 * rctl_dom_run() - run a batch of counter reads where the domain has them
 * @d: an online domain of a monitoring resource
 * @fn: the batch; reads with rctl_dom_read_here()
 * @arg: passed to @fn
 *
 * A resource without &resctrl_resource_desc.run_on_domain_cpu reads
 * anywhere: @fn runs here. Otherwise @fn runs on a housekeeping CPU of
 * @d (neither nohz_full nor isolcpus), in process context pinned to it,
 * as upstream serves counter reads (ctrlmondata.c: mon_event_read()
 * uses smp_call_on_cpu()); only when every CPU of @d is isolated does it
 * run in an IPI on one of them. So one batch costs one cross-CPU call
 * whatever it reads.
 *
 * Context: process, cpus_read_lock() and rctl_mutex held; sleeps.
 *
 * Return: what @fn returns, or -ENXIO/-ENODEV when @d has no CPU.
 */
int rctl_dom_run(struct resctrl_dom *d, int (*fn)(void *arg), void *arg)
{
	struct rctl_dom_ipi ipi = { .fn = fn, .arg = arg };
	unsigned int cpu;
	int ret;

	lockdep_assert_held(&rctl_mutex);
	if (!d->res->desc->run_on_domain_cpu)
		return fn(arg);
	migrate_disable();
	cpu = rctl_dom_housekeeping_cpu(d, smp_processor_id());
	if (cpu == smp_processor_id()) {
		ret = fn(arg);
		migrate_enable();
		return ret;
	}
	migrate_enable();
	if (cpu < nr_cpu_ids)
		return smp_call_on_cpu(cpu, fn, arg, false);
	ret = smp_call_function_any(&d->cpus, rctl_dom_ipi_fn, &ipi, true);
	return ret ?: ipi.ret;
}

/**
 * rctl_dom_read_here() - read one counter from within a batch
 * @d: the domain rctl_dom_run() runs the batch for
 * @closid: CLOSID of the group
 * @rmid: RMID of the group
 * @evt: index of the event in the resource's events
 * @val: the count
 *
 * With &resctrl_resource_desc.run_on_domain_cpu the driver is called
 * with interrupts off, as its contract says. A running count is
 * accounted by the filesystem (counters.c).
 *
 * Context: inside a batch of rctl_dom_run().
 *
 * Return: 0, -EIO or -ENODATA from the driver, or another error.
 */
int rctl_dom_read_here(struct resctrl_dom *d, u32 closid, u32 rmid,
		       unsigned int evt, u64 *val)
{
	u64 raw = 0;
	int ret;

	ret = rctl_dom_read_raw(d, closid, rmid, evt, &raw);
	return rctl_ctr_account(d, evt, rmid, ret, raw, val);
}

/**
 * rctl_dom_read_raw() - what the driver reads, before the filesystem
 *	accounts a running count (rctl_ctr_account())
 * @d: the domain rctl_dom_run() runs the batch for
 * @closid: CLOSID of the group
 * @rmid: RMID of the group
 * @evt: index of the event in the resource's events
 * @raw: what the driver read
 *
 * Context: inside a batch of rctl_dom_run().
 *
 * Return: what &resctrl_resource_ops.read_event returned.
 */
int rctl_dom_read_raw(struct resctrl_dom *d, u32 closid, u32 rmid,
		      unsigned int evt, u64 *raw)
{
	struct resctrl_res *r = d->res;
	u32 id = r->desc->events[evt].id;
	unsigned long flags;
	int ret;

	/* Interrupts are off already in rctl_dom_run()'s IPI. */
	if (!r->desc->run_on_domain_cpu || irqs_disabled())
		return r->desc->ops->read_event(r, d, closid, rmid, id, raw);
	local_irq_save(flags);
	ret = r->desc->ops->read_event(r, d, closid, rmid, id, raw);
	local_irq_restore(flags);
	return ret;
}

/**
 * rctl_dom_read_rmids() - what the driver reads for several RMIDs of one
 *	CLOSID
 * @d: the domain rctl_dom_run() runs the batch for
 * @closid: CLOSID of the groups
 * @rmids: their RMIDs
 * @n: how many, at most RCTL_READ_RMIDS
 * @evt: index of the event in the resource's events
 * @raw: what the driver read for each RMID
 * @ret: what &resctrl_resource_ops.read_event returned, or would have,
 *	for each RMID
 *
 * One call of &resctrl_resource_ops.read_events when the driver has it,
 * with interrupts off once for the lot under run_on_domain_cpu.
 *
 * Context: inside a batch of rctl_dom_run().
 */
void rctl_dom_read_rmids(struct resctrl_dom *d, u32 closid, const u32 *rmids,
			 unsigned int n, unsigned int evt, u64 *raw, int *ret)
{
	struct resctrl_res *r = d->res;
	const struct resctrl_resource_ops *ops = r->desc->ops;
	u32 id = r->desc->events[evt].id;
	bool irq_off = r->desc->run_on_domain_cpu && !irqs_disabled();
	unsigned long flags = 0;
	unsigned int i;

	if (WARN_ON_ONCE(n > RCTL_READ_RMIDS))
		n = RCTL_READ_RMIDS;
	if (irq_off)
		local_irq_save(flags);
	if (ops->read_events) {
		ops->read_events(r, d, closid, rmids, n, id, raw, ret);
	} else {
		for (i = 0; i < n; i++)
			ret[i] = ops->read_event(r, d, closid, rmids[i], id,
						 &raw[i]);
	}
	if (irq_off)
		local_irq_restore(flags);
}

static int rctl_dom_read_one(void *arg)
{
	struct rctl_dom_call *c = arg;

	return rctl_dom_read_here(c->d, c->closid, c->rmid, c->evt, &c->count);
}

/**
 * rctl_dom_val() - where a domain keeps a value
 * @d: the domain
 * @closid: the CLOSID, below rctl_res_num_closid() for the halves
 * @type: RESCTRL_CONF_BOTH for the value without CDP, or a half's
 *
 * Return: the value's slot.
 */
u32 *rctl_dom_val(struct resctrl_dom *d, u32 closid, enum resctrl_conf_type type)
{
	switch (type) {
	case RESCTRL_CONF_CODE:
		return &d->code_vals[closid];
	case RESCTRL_CONF_DATA:
		return &d->data_vals[closid];
	default:
		return &d->vals[closid];
	}
}

/**
 * rctl_dom_apply_type() - program one value of a half and remember it
 * @d: an online domain
 * @closid: the CLOSID
 * @type: RESCTRL_CONF_BOTH, or with CDP the code or the data half
 * @val: the value, already checked
 *
 * Return: 0, or the driver's error; the value in force is then unchanged.
 */
int rctl_dom_apply_type(struct resctrl_dom *d, u32 closid,
			enum resctrl_conf_type type, u32 val)
{
	struct rctl_dom_call c = { .d = d, .closid = closid, .type = type,
				   .val = val };
	int ret;

	ret = rctl_dom_call(&c, rctl_dom_call_apply);
	if (!ret)
		*rctl_dom_val(d, closid, type) = val;
	return ret;
}

/**
 * rctl_dom_apply() - program one value and remember it
 * @d: an online domain
 * @closid: the CLOSID
 * @val: the value, already checked
 *
 * The value for code and data alike, of a resource CDP does not split.
 *
 * Return: 0, or the driver's error; the value in force is then unchanged.
 */
int rctl_dom_apply(struct resctrl_dom *d, u32 closid, u32 val)
{
	return rctl_dom_apply_type(d, closid, RESCTRL_CONF_BOTH, val);
}

/**
 * rctl_dom_apply_extra() - program one value of an extra control
 * @d: an online domain
 * @i: the control's index in &resctrl_resource_desc.ctrls
 * @closid: the CLOSID
 * @val: the value, already checked
 *
 * Return: 0, or the driver's error; the value in force is then unchanged.
 */
int rctl_dom_apply_extra(struct resctrl_dom *d, unsigned int i, u32 closid,
			 u32 val)
{
	struct rctl_dom_call c = { .d = d, .closid = closid, .val = val,
				   .extra = &d->res->desc->ctrls[i] };
	int ret;

	ret = rctl_dom_call(&c, rctl_dom_call_apply);
	if (!ret)
		d->ctrl_vals[i][closid] = val;
	return ret;
}

/**
 * rctl_dom_read() - read one event counter from the driver, in a batch of
 *	its own (rctl_dom_run())
 * @d: an online domain
 * @closid: CLOSID of the group
 * @rmid: RMID of the group
 * @evt: index of the event in the resource's events
 * @val: the count
 *
 * Return: 0, -EIO or -ENODATA from the driver, or another error.
 */
int rctl_dom_read(struct resctrl_dom *d, u32 closid, u32 rmid,
		  unsigned int evt, u64 *val)
{
	struct rctl_dom_call c = { .d = d, .closid = closid, .rmid = rmid,
				   .evt = evt };
	int ret;

	ret = rctl_dom_run(d, rctl_dom_read_one, &c);
	*val = c.count;
	return ret;
}

/*
 * Program every CLOSID's value, both halves with CDP, e.g. when the
 * domain (re)appears.
 */
static void rctl_dom_apply_all(struct resctrl_dom *d)
{
	struct resctrl_res *r = d->res;
	enum resctrl_conf_type type;
	u32 closid, n;
	unsigned int i;

	if (!rctl_res_has_ctrl(r))
		return;
	n = rctl_res_num_closid(r);
	for (i = 0; i < rctl_res_nconf(r); i++) {
		type = rctl_res_conf(r, i);
		for (closid = 0; closid < n; closid++)
			if (rctl_dom_apply_type(d, closid, type,
						*rctl_dom_val(d, closid, type)))
				pr_warn_ratelimited("resctrl: %s: domain %d: CLOSID %u not restored\n",
						    r->desc->name, d->id, closid);
	}
	for (i = 0; i < r->desc->num_ctrls; i++)
		for (closid = 0; closid < n; closid++)
			if (rctl_dom_apply_extra(d, i, closid, d->ctrl_vals[i][closid]))
				pr_warn_ratelimited("resctrl: %s_%s: domain %d: CLOSID %u not restored\n",
						    r->desc->name, r->desc->ctrls[i].suffix,
						    d->id, closid);
}

/**
 * rctl_res_reprogram() - every value of a resource back to the default
 * @r: a control resource whose CDP split just changed
 *
 * In the layout now in force (split by CDP or not), every CLOSID gets
 * the default value, programmed in every online domain: the driver
 * learns the new layout from the type of the values it is given.
 */
void rctl_res_reprogram(struct resctrl_res *r)
{
	u32 val = rctl_default_val(r->desc), closid, n;
	struct resctrl_dom *d;
	unsigned int i;

	lockdep_assert_held(&rctl_mutex);
	n = rctl_res_num_closid(r);
	list_for_each_entry(d, &r->domains, list) {
		if (d->dead)
			continue;
		for (i = 0; i < rctl_res_nconf(r); i++)
			for (closid = 0; closid < n; closid++)
				*rctl_dom_val(d, closid, rctl_res_conf(r, i)) = val;
		if (d->online)
			rctl_dom_apply_all(d);
	}
}

/* The driver first, then the values, then the files users see. */
static int rctl_dom_bring_online(struct resctrl_dom *d)
{
	const struct resctrl_resource_ops *ops = d->res->desc->ops;
	int ret;

	if (ops->domain_online) {
		ret = ops->domain_online(d->res, d);
		if (ret)
			return ret;
	}
	d->online = true;
	rctl_ctrs_clear(d);
	rctl_ovf_start(d);
	rctl_dom_apply_all(d);
	if (d->res->in_tree)
		rctl_tree_add_dom(d);
	return 0;
}

/* The files users see first, then the driver. */
static void rctl_dom_take_offline(struct resctrl_dom *d)
{
	const struct resctrl_resource_ops *ops = d->res->desc->ops;

	if (d->res->in_tree)
		rctl_tree_remove_dom(d);
	rctl_ovf_stop(d);
	d->online = false;
	if (ops->domain_offline)
		ops->domain_offline(d->res, d);
}

/* Add @cpu to its domain of @r, which may be new; NULL if it has none. */
static struct resctrl_dom *rctl_res_cpu_join(struct resctrl_res *r,
					     unsigned int cpu, int *err)
{
	struct resctrl_dom *d;
	int id;

	*err = 0;
	if (r->desc->scope == RESCTRL_SCOPE_DEVICE)
		return NULL;
	id = rctl_cpu_dom_id(r->desc->scope, cpu);
	if (id < 0)
		return NULL;
	d = rctl_find_dom(r, id) ?: rctl_dom_alloc(r, id);
	if (!d) {
		*err = -ENOMEM;
		return NULL;
	}
	cpumask_set_cpu(cpu, &d->cpus);
	/* A node lies in one L3 cache: any of its CPUs tells which. */
	if (r->desc->mon_in_l3)
		d->l3_id = get_cpu_cacheinfo_id(cpu, 3);
	return d;
}

static int rctl_dom_online_or_refuse(struct resctrl_dom *d)
{
	int ret = rctl_dom_bring_online(d);

	if (ret)
		pr_info("resctrl: %s refused domain %d: %d\n",
			d->res->desc->name, d->id, ret);
	return ret;
}

/**
 * rctl_res_cpu_online() - add a CPU to its domain of one resource
 * @r: the resource
 * @cpu: the CPU, coming online
 *
 * The domain comes online if it was not.
 *
 * Return: 0, or the error of a driver that refused the domain; the CPU
 * then left it again.
 */
int rctl_res_cpu_online(struct resctrl_res *r, unsigned int cpu)
{
	struct resctrl_dom *d;
	int ret;

	d = rctl_res_cpu_join(r, cpu, &ret);
	if (d && d->online && r->desc->ops->cpu_join)
		r->desc->ops->cpu_join(r, d, cpu);
	if (!d || d->online)
		return ret;
	ret = rctl_dom_online_or_refuse(d);
	if (ret)
		cpumask_clear_cpu(cpu, &d->cpus);
	return ret;
}

/**
 * rctl_res_cpu_offline() - take a CPU out of its domains of one resource
 * @r: the resource
 * @cpu: the CPU, going offline
 *
 * A domain left without CPUs goes offline, keeping its values.
 */
void rctl_res_cpu_offline(struct resctrl_res *r, unsigned int cpu)
{
	struct resctrl_dom *d;

	if (r->desc->scope == RESCTRL_SCOPE_DEVICE)
		return;
	list_for_each_entry(d, &r->domains, list) {
		if (!cpumask_test_and_clear_cpu(cpu, &d->cpus) || !d->online)
			continue;
		if (cpumask_empty(&d->cpus) && !rctl_dom_memory_only(d)) {
			rctl_dom_take_offline(d);
		} else {
			rctl_ovf_cpu_offline(d, cpu);
			if (r->desc->ops->cpu_leave)
				r->desc->ops->cpu_leave(r, d, cpu);
		}
	}
}

/**
 * rctl_domains_cpu_online() - a CPU came online: join it to its domains
 * @cpu: the CPU
 *
 * Return: 0, or the error of a driver that refused a domain; the CPU then
 * left every domain it had joined and must not come online.
 */
int rctl_domains_cpu_online(unsigned int cpu)
{
	struct resctrl_res *r;
	int ret;

	lockdep_assert_held(&rctl_mutex);
	list_for_each_entry(r, &rctl_resources, list) {
		ret = rctl_res_cpu_online(r, cpu);
		if (ret) {
			rctl_domains_cpu_offline(cpu);
			return ret;
		}
	}
	return 0;
}

/**
 * rctl_domains_cpu_offline() - a CPU goes offline: leave its domains
 * @cpu: the CPU
 */
void rctl_domains_cpu_offline(unsigned int cpu)
{
	struct resctrl_res *r;

	lockdep_assert_held(&rctl_mutex);
	list_for_each_entry(r, &rctl_resources, list)
		rctl_res_cpu_offline(r, cpu);
}

/**
 * rctl_dom_memory_only() - is a domain online for its memory alone?
 * @d: a domain
 *
 * Return: true for a domain of a resource with
 * &resctrl_resource_desc.memory_nodes whose node has memory: it stays
 * online without a CPU.
 */
bool rctl_dom_memory_only(const struct resctrl_dom *d)
{
	return d->res->desc->memory_nodes && node_state(d->id, N_MEMORY);
}

/* Every node with memory gets a domain of @r, if @r wants them. */
static int rctl_res_mem_join(struct resctrl_res *r)
{
	int nid;

	if (!r->desc->memory_nodes)
		return 0;
	for_each_node_state(nid, N_MEMORY)
		if (!rctl_find_dom(r, nid) && !rctl_dom_alloc(r, nid))
			return -ENOMEM;
	return 0;
}

/**
 * rctl_domains_mem_change() - a node's memory came or went
 * @nid: the node
 * @online: its first memory came online, else its last went offline
 *
 * Each resource with &resctrl_resource_desc.memory_nodes brings the
 * node's domain online (new, or with the values it kept) as a CPU
 * bringing it would; a driver that refuses it cannot stop the memory,
 * so the domain then stays offline. When the memory goes, a domain of
 * the node with no online CPU goes offline and keeps its values for
 * when memory or a CPU returns. Called with cpus_read_lock() and
 * rctl_mutex held, from the memory hotplug notifier (memnode.c).
 */
void rctl_domains_mem_change(int nid, bool online)
{
	struct resctrl_res *r;
	struct resctrl_dom *d;

	lockdep_assert_held(&rctl_mutex);
	list_for_each_entry(r, &rctl_resources, list) {
		if (!r->desc->memory_nodes)
			continue;
		d = rctl_find_dom(r, nid);
		if (online && !d)
			d = rctl_dom_alloc(r, nid);
		if (!d) {
			if (online)
				pr_warn("resctrl: %s: no memory for node %d's domain\n",
					r->desc->name, nid);
		} else if (online && !d->online) {
			rctl_dom_online_or_refuse(d);
		} else if (!online && d->online && cpumask_empty(&d->cpus)) {
			rctl_dom_take_offline(d);
		}
	}
}

/**
 * rctl_domains_init() - the domains of a resource being registered
 * @r: the resource, not yet on rctl_resources
 *
 * Every domain with an online CPU comes online with default values, its
 * CPU mask complete when the driver's domain_online sees it.
 *
 * Return: 0, or an error after which @r has no domain.
 */
int rctl_domains_init(struct resctrl_res *r)
{
	struct resctrl_dom *d;
	unsigned int cpu;
	int ret = 0;

	lockdep_assert_cpus_held();
	for_each_online_cpu(cpu) {
		rctl_res_cpu_join(r, cpu, &ret);
		if (ret)
			goto fail;
	}
	ret = rctl_res_mem_join(r);
	if (ret)
		goto fail;
	list_for_each_entry(d, &r->domains, list) {
		ret = rctl_dom_online_or_refuse(d);
		if (ret) {
			rctl_status_printf("%s: the driver refused domain %d (%d)\n",
					   r->desc->name, d->id, ret);
			goto fail;
		}
	}
	return 0;
fail:
	rctl_domains_free(r);
	return ret;
}

/**
 * rctl_domains_free() - take a resource's domains offline and free them
 * @r: a resource whose files are gone
 */
void rctl_domains_free(struct resctrl_res *r)
{
	struct resctrl_dom *d, *tmp;

	list_for_each_entry_safe(d, tmp, &r->domains, list) {
		if (d->online)
			rctl_dom_take_offline(d);
		rctl_dom_free(d);
	}
}

/*
 * The extra controls of @closid in @d back to their defaults; programmed
 * where the kept value differs or, with @always, everywhere.
 */
static void rctl_dom_reset_extra(struct resctrl_dom *d, u32 closid, bool always)
{
	const struct rctl_desc *desc = d->res->desc;
	unsigned int i;
	u32 val;

	for (i = 0; i < desc->num_ctrls; i++) {
		val = rctl_extra_default_val(&desc->ctrls[i]);
		if (d->online && (always || d->ctrl_vals[i][closid] != val))
			rctl_dom_apply_extra(d, i, closid, val);
		d->ctrl_vals[i][closid] = val;
	}
}

/*
 * Give @closid the default value in every domain of @r; program the
 * hardware where the kept value differs or, with @always, everywhere.
 */
static void rctl_reset_res_closid(struct resctrl_res *r, u32 closid,
				  bool always)
{
	enum resctrl_conf_type type;
	struct resctrl_dom *d;
	unsigned int i;
	u32 val, *slot;

	if (r->group_data && closid < r->desc->max_closid)
		memset(resctrl_group_data(r, closid), 0, r->desc->group_data_size);
	if (!rctl_res_has_ctrl(r) || closid >= rctl_res_num_closid(r))
		return;
	val = rctl_default_val(r->desc);
	/* Withdrawn device domains too: their values return with them. */
	list_for_each_entry(d, &r->domains, list) {
		for (i = 0; i < rctl_res_nconf(r); i++) {
			type = rctl_res_conf(r, i);
			slot = rctl_dom_val(d, closid, type);
			if (d->online && (always || *slot != val))
				rctl_dom_apply_type(d, closid, type, val);
			*slot = val;
		}
		rctl_mbps_reset(d, closid);
		rctl_dom_reset_extra(d, closid, always);
	}
}

/**
 * rctl_reset_closid() - give a CLOSID the default value everywhere
 * @closid: a CLOSID that a new CTRL_MON group takes
 *
 * Both halves get it for resources that CDP splits, and the drivers'
 * per-group data of the CLOSID is zeroed.
 */
void rctl_reset_closid(u32 closid)
{
	struct resctrl_res *r;

	list_for_each_entry(r, &rctl_resources, list)
		rctl_reset_res_closid(r, closid, false);
}

/**
 * resctrl_add_device_domain() - declare a domain of a DEVICE resource
 * @r: the resource, registered with RESCTRL_SCOPE_DEVICE
 * @id: the domain id, unique in the resource
 * @cpus: the CPUs that may reach the device's registers
 *
 * The domain comes online at once: &resctrl_resource_ops.domain_online
 * is called and every CLOSID gets its default value, or, for a domain
 * with this id that resctrl_remove_device_domain() withdrew, the values
 * it had then (a device unbound and bound again). Context: process;
 * takes the filesystem lock; must not be called from a callback.
 *
 * Return: 0, -EINVAL for a resource that is not DEVICE-scoped, -EEXIST,
 * -ENOMEM, or the error of domain_online.
 */
int resctrl_add_device_domain(struct resctrl_res *r, int id,
			      const struct cpumask *cpus)
{
	struct resctrl_dom *d, *revived;
	int ret;

	if (r->desc->scope != RESCTRL_SCOPE_DEVICE || id < 0)
		return -EINVAL;
	rctl_lock();
	if (rctl_find_dom(r, id)) {
		ret = -EEXIST;
		goto unlock;
	}
	/* A device that comes back gets the values it had. */
	revived = rctl_find_removed_dom(r, id);
	d = revived ?: rctl_dom_alloc(r, id);
	if (!d) {
		ret = -ENOMEM;
		goto unlock;
	}
	d->dead = false;
	cpumask_copy(&d->cpus, cpus);
	ret = rctl_dom_bring_online(d);
	if (ret && revived)
		d->dead = true;
	else if (ret)
		rctl_dom_free(d);
unlock:
	rctl_unlock();
	return ret;
}
EXPORT_SYMBOL_NS_GPL(resctrl_add_device_domain, RESCTRL);

/**
 * resctrl_remove_device_domain() - withdraw a domain of a DEVICE resource
 * @r: the resource
 * @id: the domain id
 *
 * The domain's files go first, then &resctrl_resource_ops.domain_offline
 * is called; no callback for the domain runs after this returns.
 * Context: process; takes the filesystem lock; not from a callback.
 */
void resctrl_remove_device_domain(struct resctrl_res *r, int id)
{
	struct resctrl_dom *d;

	rctl_lock();
	d = rctl_find_dom(r, id);
	if (d && r->desc->scope == RESCTRL_SCOPE_DEVICE) {
		if (d->online)
			rctl_dom_take_offline(d);
		/* Open event files may still point at it: freed with @r. */
		d->dead = true;
	}
	rctl_unlock();
}
EXPORT_SYMBOL_NS_GPL(resctrl_remove_device_domain, RESCTRL);

/**
 * resctrl_dom_id() - the id of a domain
 * @d: the domain
 *
 * Return: the id shown in schemata and mon_data.
 */
int resctrl_dom_id(const struct resctrl_dom *d)
{
	return d->id;
}
EXPORT_SYMBOL_NS_GPL(resctrl_dom_id, RESCTRL);

/**
 * resctrl_dom_cpus() - the CPUs of a domain
 * @d: the domain
 *
 * Return: its online CPUs, or for a DEVICE domain the mask the driver
 * gave. Stable while a callback for the domain runs.
 */
const struct cpumask *resctrl_dom_cpus(const struct resctrl_dom *d)
{
	return &d->cpus;
}
EXPORT_SYMBOL_NS_GPL(resctrl_dom_cpus, RESCTRL);

/**
 * resctrl_dom_set_priv() - attach driver data to a domain
 * @d: the domain, typically in &resctrl_resource_ops.domain_online
 * @priv: the data
 */
void resctrl_dom_set_priv(struct resctrl_dom *d, void *priv)
{
	d->priv = priv;
}
EXPORT_SYMBOL_NS_GPL(resctrl_dom_set_priv, RESCTRL);

/**
 * resctrl_dom_priv() - the driver data of a domain
 * @d: the domain
 *
 * Return: what resctrl_dom_set_priv() attached, or NULL.
 */
void *resctrl_dom_priv(const struct resctrl_dom *d)
{
	return d->priv;
}
EXPORT_SYMBOL_NS_GPL(resctrl_dom_priv, RESCTRL);

/**
 * rctl_reset_rmid() - counts of an RMID that a new group takes start at 0
 * @rmid: the RMID
 */
void rctl_reset_rmid(u32 rmid)
{
	struct resctrl_res *r;
	struct resctrl_dom *d;

	list_for_each_entry(r, &rctl_resources, list) {
		if (!rctl_res_has_mon(r) || !r->desc->ops->rmid_reset)
			continue;
		for_each_rctl_domain(d, r)
			r->desc->ops->rmid_reset(r, d, rmid);
	}
	rctl_ctrs_hand_out(rmid);
}

/**
 * rctl_reset_res() - CLOSIDs of a resource back to the default value
 * @r: the resource
 * @n: CLOSIDs 0 to @n - 1 are reset; its group files forget them too
 *
 * Every value is written, whether or not the kept copy differs, as
 * upstream's unmount does: whatever changed the hardware behind the
 * filesystem's back (pqos in MSR mode, a kexec'd kernel) is undone too.
 */
void rctl_reset_res(struct resctrl_res *r, u32 n)
{
	u32 closid;

	for (closid = 0; closid < n; closid++)
		rctl_reset_res_closid(r, closid, true);
}

/**
 * rctl_reset_all() - every CLOSID of every resource back to the default
 *	value, written to the hardware, at unmount
 */
void rctl_reset_all(void)
{
	struct resctrl_res *r;
	u32 n = 0;

	list_for_each_entry(r, &rctl_resources, list)
		if (rctl_res_has_ctrl(r))
			n = max(n, r->desc->num_closid);
	list_for_each_entry(r, &rctl_resources, list)
		rctl_reset_res(r, n);
}
