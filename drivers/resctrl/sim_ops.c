// SPDX-License-Identifier: GPL-2.0
/*
 * resctrl_sim: the callbacks the resctrl core calls. They record what
 * they are told in struct rsim under its raw spinlock only, and check
 * that the core keeps the driver contract.
 */
#include <linux/bug.h>
#include <linux/cpumask.h>
#include <linux/ctype.h>
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/nodemask.h>
#include <linux/overflow.h>
#include <linux/preempt.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>

#include "sim.h"

/* Levels of the custom control type; the value is the index. */
static const char * const rsim_levels[] = {
	[1] = "low",
	[2] = "mid",
	[3] = "high",
};

/**
 * rsim_violation() - report a callback that broke the driver contract
 * @sim: the resource
 * @what: what was wrong
 * @id: the domain concerned, -1 if none
 *
 * Counts it (debugfs violations) and warns once.
 */
void rsim_violation(struct rsim *sim, const char *what, int id)
{
	atomic_inc(&sim->violations);
	WARN_ONCE(1, "resctrl_sim: %s: %s (domain %d)\n", rsim_name(sim),
		  what, id);
}

/**
 * rsim_find_dom() - look a domain record up
 * @sim: the resource, &rsim.lock held
 * @id: the domain id
 *
 * Return: the record, or NULL.
 */
struct rsim_dom *rsim_find_dom(struct rsim *sim, int id)
{
	struct rsim_dom *dom;

	lockdep_assert_held(&sim->lock);
	list_for_each_entry(dom, &sim->doms, node)
		if (dom->id == id)
			return dom;
	return NULL;
}

/* Values a domain record holds: code and data ones with cdp_capable. */
static size_t rsim_nvals(struct rsim *sim)
{
	return (size_t)sim->nclosid * (sim->caps.cdp_capable ? 3 : 1);
}

static struct rsim_dom *rsim_alloc_dom(int id, size_t nvals)
{
	struct rsim_dom *dom;
	size_t i;

	dom = kvzalloc(struct_size(dom, vals, nvals),
		       GFP_KERNEL | __GFP_NOWARN);
	if (!dom)
		return NULL;
	if (!zalloc_cpumask_var(&dom->cpus, GFP_KERNEL)) {
		kvfree(dom);
		return NULL;
	}
	dom->id = id;
	for (i = 0; i < nvals; i++)
		dom->vals[i] = RSIM_UNSET;
	return dom;
}

/* Record @val for the @type half of @closid, switching mode if needed. */
static void rsim_record(struct rsim *sim, struct rsim_dom *dom, u32 closid,
			enum resctrl_conf_type type, u32 val)
{
	bool cdp = type != RESCTRL_CONF_BOTH;
	size_t i;

	lockdep_assert_held(&sim->lock);
	if (dom->cdp != cdp) {
		for (i = 0; i < rsim_nvals(sim); i++)
			dom->vals[i] = RSIM_UNSET;
		dom->cdp = cdp;
	}
	*rsim_val(dom, sim->nclosid, type, closid) = val;
}

/**
 * rsim_free_dom() - free a domain record
 * @dom: the record, unlinked, or NULL
 */
void rsim_free_dom(struct rsim_dom *dom)
{
	if (!dom)
		return;
	free_cpumask_var(dom->cpus);
	kvfree(dom);
}

/* Link @new into sim->doms, which is sorted by id. */
static void rsim_insert_dom(struct rsim *sim, struct rsim_dom *new)
{
	struct rsim_dom *dom;

	lockdep_assert_held(&sim->lock);
	list_for_each_entry(dom, &sim->doms, node)
		if (dom->id > new->id)
			break;
	list_add_tail(&new->node, &dom->node);
}

/*
 * The record of online domain @d, or NULL if @d is not online as far as
 * the simulator knows. With @refresh, its CPU list is updated: the core
 * adds and removes CPUs of a domain without telling its driver, but the
 * list is stable while a callback runs.
 */
static struct rsim_dom *rsim_online_dom(struct rsim *sim,
					struct resctrl_dom *d, bool refresh)
{
	struct rsim_dom *dom = resctrl_dom_priv(d);

	lockdep_assert_held(&sim->lock);
	if (!dom || dom->id != resctrl_dom_id(d) || !dom->online)
		return NULL;
	if (refresh)
		cpumask_copy(dom->cpus, resctrl_dom_cpus(d));
	return dom;
}

/* Wait as debugfs delay_ms says, without sleeping on a domain CPU. */
static void rsim_delay(struct rsim *sim)
{
	unsigned int ms = READ_ONCE(sim->delay_ms);

	if (!ms)
		return;
	if (sim->desc.run_on_domain_cpu)
		mdelay(ms);
	else
		msleep(ms);
}

/* With run_on_domain_cpu, the core must call us on a CPU of @d. */
static void rsim_check_cpu(struct rsim *sim, struct resctrl_dom *d)
{
	if (!sim->desc.run_on_domain_cpu)
		return;
	if (preemptible())
		rsim_violation(sim, "called preemptible with run_on_domain_cpu",
			       resctrl_dom_id(d));
	else if (!cpumask_test_cpu(smp_processor_id(), resctrl_dom_cpus(d)))
		rsim_violation(sim, "called on a CPU outside the domain",
			       resctrl_dom_id(d));
}

/* Whether debugfs fail_apply wants this apply to fail; under sim->lock. */
static bool rsim_fail_now(struct rsim *sim)
{
	lockdep_assert_held(&sim->lock);
	if (!sim->fail_apply)
		return false;
	if (sim->fail_apply > 0)
		sim->fail_apply--;
	return true;
}

static int rsim_apply(struct resctrl_res *r, struct resctrl_dom *d,
		      u32 closid, enum resctrl_conf_type type, u32 val)
{
	struct rsim *sim = resctrl_res_priv(r);
	const char *bad = NULL;
	struct rsim_dom *dom;
	unsigned long flags;
	int ret = 0;

	rsim_delay(sim);
	rsim_check_cpu(sim, d);

	raw_spin_lock_irqsave(&sim->lock, flags);
	dom = rsim_online_dom(sim, d, true);
	if (!sim->accepting) {
		bad = "apply while not registered";
		ret = -ENODEV;
	} else if (!dom) {
		bad = "apply to a domain that is not online";
		ret = -ENODEV;
	} else if (closid >= sim->nclosid) {
		bad = "apply to a CLOSID out of range";
		ret = -EINVAL;
	} else if (type != RESCTRL_CONF_BOTH && !sim->caps.cdp_capable) {
		bad = "code or data value for a resource without CDP";
		ret = -EINVAL;
	} else if (type != RESCTRL_CONF_BOTH && closid >= sim->nclosid / 2) {
		bad = "code or data value for a CLOSID of the upper half";
		ret = -EINVAL;
	} else if (rsim_fail_now(sim)) {
		ret = -EIO;
	} else {
		rsim_record(sim, dom, closid, type, val);
		sim->apply_count++;
	}
	raw_spin_unlock_irqrestore(&sim->lock, flags);

	if (bad)
		rsim_violation(sim, bad, resctrl_dom_id(d));
	return ret;
}

/*
 * The event whose id (its slot under events/) is @id, or NULL: removing
 * an event directory leaves a gap in the ids, not in &rsim.events.
 */
static const struct resctrl_event_desc *rsim_event_by_id(struct rsim *sim,
							 u32 id)
{
	unsigned int i;

	for (i = 0; i < sim->caps.num_events; i++)
		if (sim->events[i].id == id)
			return &sim->events[i];
	return NULL;
}

/*
 * Whether @d is online for extra control @ctrl_id: one of the resource's
 * domains, or for a control with its own scope one the filesystem keeps
 * for it, which the simulator never sees come online: it has an online
 * CPU, or it is a node with memory and the control wants such nodes.
 */
static bool rsim_ctrl_dom_ok(struct rsim *sim, u32 ctrl_id,
			     struct resctrl_dom *d)
{
	const struct resctrl_ctrl_desc *c;

	if (ctrl_id >= sim->desc.num_ctrls || !sim->ctrls[ctrl_id].own_scope)
		return rsim_online_dom(sim, d, true);
	c = &sim->ctrls[ctrl_id];
	if (cpumask_intersects(resctrl_dom_cpus(d), cpu_online_mask))
		return true;
	return c->memory_nodes && node_state(resctrl_dom_id(d), N_MEMORY);
}

/**
 * rsim_apply_ctrl() - program a value of an extra control
 * @r: the resource
 * @d: an online domain of the resource, or of the control's own scope
 * @closid: the CLOSID
 * @ctrl_id: the control's index in the configured controls
 * @val: the value
 *
 * Checked as rsim_apply(), the domain by rsim_ctrl_dom_ok() and the CPU
 * unless the control has memory-only nodes (which the core programs in
 * process context), and failed the same way through fail_apply; the
 * value is counted in apply_count, and debugfs last_ctrl shows the last
 * one.
 *
 * Return: 0, -EIO when told to fail, or -ENODEV/-EINVAL on a contract
 * violation.
 */
int rsim_apply_ctrl(struct resctrl_res *r, struct resctrl_dom *d, u32 closid,
		    u32 ctrl_id, u32 val)
{
	struct rsim *sim = resctrl_res_priv(r);
	const char *bad = NULL;
	unsigned long flags;
	int ret = 0;

	rsim_delay(sim);
	if (ctrl_id >= sim->desc.num_ctrls || !sim->ctrls[ctrl_id].memory_nodes)
		rsim_check_cpu(sim, d);
	raw_spin_lock_irqsave(&sim->lock, flags);
	if (!sim->accepting || !rsim_ctrl_dom_ok(sim, ctrl_id, d)) {
		bad = "extra control applied outside an online domain";
		ret = -ENODEV;
	} else if (closid >= sim->nclosid || ctrl_id >= sim->desc.num_ctrls) {
		bad = "extra control CLOSID or id out of range";
		ret = -EINVAL;
	} else if (rsim_fail_now(sim)) {
		ret = -EIO;
	} else {
		sim->apply_count++;
		sim->last_ctrl = (struct rsim_last_ctrl){
			.set = true, .ctrl_id = ctrl_id, .dom = resctrl_dom_id(d),
			.closid = closid, .val = val,
		};
	}
	raw_spin_unlock_irqrestore(&sim->lock, flags);
	if (bad)
		rsim_violation(sim, bad, resctrl_dom_id(d));
	return ret;
}

/*
 * Why event @evt of @d may not be read now (and *@ret the error), or
 * NULL. Under sim->lock.
 */
static const char *rsim_read_refusal(struct rsim *sim, struct resctrl_dom *d,
				     u32 evt, int *ret)
{
	*ret = -ENODEV;
	if (!sim->accepting)
		return "read_event while not registered";
	if (!rsim_online_dom(sim, d, true))
		return "read_event in a domain that is not online";
	*ret = -EINVAL;
	if (!rsim_event_by_id(sim, evt))
		return "read_event of an unknown event";
	*ret = 0;
	return NULL;
}

/*
 * Read the counter of @rmid for @evt in domain @dom, whose read is
 * allowed (rsim_read_refusal()); a counter never set reads 0. Under
 * sim->lock. An RMID out of range sets *@bad.
 */
static int rsim_read_counter(struct rsim *sim, int dom, u32 rmid, u32 evt,
			     u64 *val, const char **bad)
{
	struct rsim_counter *c;

	*val = 0;
	if (rmid >= sim->caps.num_rmid) {
		*bad = "read_event of an RMID out of range";
		return -EINVAL;
	}
	c = rsim_find_counter(sim, dom, rmid, evt);
	if (!c)
		return 0;
	if (c->kind == RSIM_COUNTER_ERROR)
		return -EIO;
	if (c->kind == RSIM_COUNTER_UNAVAILABLE)
		return -ENODATA;
	*val = c->val;
	return 0;
}

/*
 * Read @n counters of @evt in @d, checking the call once; a call of
 * read_events is counted in batch_reads.
 */
static void rsim_read_rmids(struct rsim *sim, struct resctrl_dom *d,
			    const u32 *rmids, unsigned int n, u32 evt,
			    u64 *vals, int *rets, bool batch)
{
	const char *bad, *rmid_bad = NULL;
	int id = resctrl_dom_id(d);
	unsigned long flags;
	unsigned int i;
	int ret;

	rsim_delay(sim);
	rsim_check_cpu(sim, d);

	raw_spin_lock_irqsave(&sim->lock, flags);
	if (batch)
		sim->batch_reads++;
	bad = rsim_read_refusal(sim, d, evt, &ret);
	for (i = 0; i < n; i++) {
		vals[i] = 0;
		rets[i] = bad ? ret : rsim_read_counter(sim, id, rmids[i], evt,
							&vals[i], &rmid_bad);
	}
	raw_spin_unlock_irqrestore(&sim->lock, flags);

	if (bad || rmid_bad)
		rsim_violation(sim, bad ?: rmid_bad, id);
}

static int rsim_read_event(struct resctrl_res *r, struct resctrl_dom *d,
			   u32 closid, u32 rmid, u32 evt, u64 *val)
{
	int ret;

	rsim_read_rmids(resctrl_res_priv(r), d, &rmid, 1, evt, val, &ret,
			false);
	return ret;
}

/* As @n calls of rsim_read_event(), with one check and one lock. */
static void rsim_read_events(struct resctrl_res *r, struct resctrl_dom *d,
			     u32 closid, const u32 *rmids, unsigned int n,
			     u32 evt, u64 *vals, int *rets)
{
	rsim_read_rmids(resctrl_res_priv(r), d, rmids, n, evt, vals, rets,
			true);
}

static int rsim_domain_online(struct resctrl_res *r, struct resctrl_dom *d)
{
	struct rsim *sim = resctrl_res_priv(r);
	struct rsim_dom *dom, *new = NULL;
	int id = resctrl_dom_id(d);
	const char *bad = NULL;
	unsigned long flags;
	bool found;

	/* Not -EBUSY: the CPU online path would retry it. */
	if (id == READ_ONCE(sim->refuse_domain))
		return -EIO;

	/* Allocate outside the spinlock; only this callback adds records. */
	raw_spin_lock_irqsave(&sim->lock, flags);
	found = rsim_find_dom(sim, id);
	raw_spin_unlock_irqrestore(&sim->lock, flags);
	if (!found) {
		new = rsim_alloc_dom(id, rsim_nvals(sim));
		if (!new)
			return -ENOMEM;
	}

	raw_spin_lock_irqsave(&sim->lock, flags);
	dom = rsim_find_dom(sim, id);
	if (!dom) {
		rsim_insert_dom(sim, new);
		dom = new;
		new = NULL;
	}
	if (!sim->accepting)
		bad = "domain_online while not registered";
	else if (dom->online)
		bad = "domain_online of a domain already online";
	dom->online = true;
	cpumask_copy(dom->cpus, resctrl_dom_cpus(d));
	raw_spin_unlock_irqrestore(&sim->lock, flags);

	rsim_free_dom(new);
	if (bad)
		rsim_violation(sim, bad, id);
	resctrl_dom_set_priv(d, dom);
	return 0;
}

static void rsim_domain_offline(struct resctrl_res *r, struct resctrl_dom *d)
{
	struct rsim *sim = resctrl_res_priv(r);
	const char *bad = NULL;
	struct rsim_dom *dom;
	unsigned long flags;

	raw_spin_lock_irqsave(&sim->lock, flags);
	/* Keep the last CPU list seen: the domain has none any more. */
	dom = rsim_online_dom(sim, d, false);
	if (!sim->accepting)
		bad = "domain_offline while not registered";
	else if (!dom)
		bad = "domain_offline of a domain that is not online";
	if (dom)
		dom->online = false;
	raw_spin_unlock_irqrestore(&sim->lock, flags);

	if (bad)
		rsim_violation(sim, bad, resctrl_dom_id(d));
	resctrl_dom_set_priv(d, NULL);
}

static int rsim_parse(struct resctrl_res *r, struct resctrl_dom *d,
		      const char *text, u32 *val)
{
	const char *s = skip_spaces(text);
	size_t len = strlen(s);
	u32 i;

	while (len && isspace(s[len - 1]))
		len--;
	for (i = 1; i < ARRAY_SIZE(rsim_levels); i++) {
		if (len == strlen(rsim_levels[i]) &&
		    !strncmp(s, rsim_levels[i], len)) {
			*val = i;
			return 0;
		}
	}
	resctrl_last_cmd_printf("Unknown level '%s'\n", text);
	return -EINVAL;
}

static int rsim_format(struct resctrl_res *r, struct resctrl_dom *d,
		       u32 val, char *buf, size_t len)
{
	if (val && val < ARRAY_SIZE(rsim_levels))
		return scnprintf(buf, len, "%s", rsim_levels[val]);
	return scnprintf(buf, len, "%u", val);
}

/**
 * rsim_info_show() - show the extra info/<NAME>/ file
 * @r: the resource
 * @sf: where to print
 *
 * Return: 0.
 */
int rsim_info_show(struct resctrl_res *r, struct seq_file *sf)
{
	struct rsim *sim = resctrl_res_priv(r);

	seq_printf(sf, "simulated %s\n", sim->desc.name);
	return 0;
}

/**
 * rsim_group_show() - show the extra file of a CTRL_MON group
 * @r: the resource
 * @closid: the group's CLOSID
 * @rmid: the group's RMID
 * @sf: where to print
 *
 * The text lives in the group's data, which the filesystem zeroes for a
 * new group: an empty text reads "none". Context: process, the
 * filesystem lock held.
 *
 * Return: 0, or -EINVAL if the filesystem has no data for @closid.
 */
int rsim_group_show(struct resctrl_res *r, u32 closid, u32 rmid,
		    struct seq_file *sf)
{
	const char *text = resctrl_group_data(r, closid);

	if (!text) {
		rsim_violation(resctrl_res_priv(r), "group file of a CLOSID out of range", -1);
		return -EINVAL;
	}
	seq_printf(sf, "%s\n", text[0] ? text : "none");
	return 0;
}

/**
 * rsim_group_write() - store the text written to the extra file of a
 *	CTRL_MON group
 * @r: the resource
 * @closid: the group's CLOSID
 * @rmid: the group's RMID
 * @buf: what was written, NUL terminated; one trailing newline is dropped
 *
 * Context: process, the filesystem lock held.
 *
 * Return: 0, or -EINVAL if the text is too long or @closid out of range.
 */
int rsim_group_write(struct resctrl_res *r, u32 closid, u32 rmid, char *buf)
{
	char *text = resctrl_group_data(r, closid);
	size_t len = strlen(buf);

	if (len && buf[len - 1] == '\n')
		buf[--len] = '\0';
	if (len >= RSIM_TEXT_LEN) {
		resctrl_last_cmd_printf("Text longer than %d characters\n",
					RSIM_TEXT_LEN - 1);
		return -EINVAL;
	}
	if (!text) {
		rsim_violation(resctrl_res_priv(r), "group file of a CLOSID out of range", -1);
		return -EINVAL;
	}
	strscpy(text, buf, RSIM_TEXT_LEN);
	return 0;
}

/**
 * rsim_rmid_reset() - a new group took @rmid: its counts start from zero
 * @r: the resource
 * @d: an online domain
 * @rmid: the RMID
 *
 * The simulator's counts are absolute (no &resctrl_event_desc.width), so
 * it keeps the contract itself: the counters set for @rmid in @d are
 * forgotten and read 0 until set again, as a new group's counts read on
 * real hardware start at mkdir. Occupancy is a level that outlives the
 * group that filled the cache, so it stays.
 */
static void rsim_rmid_reset(struct resctrl_res *r, struct resctrl_dom *d,
			    u32 rmid)
{
	struct rsim *sim = resctrl_res_priv(r);
	struct rsim_counter *c, *next, *gone[RSIM_MAX_EVENTS];
	const struct resctrl_event_desc *e;
	int id = resctrl_dom_id(d);
	unsigned int n = 0;
	unsigned long flags;

	raw_spin_lock_irqsave(&sim->lock, flags);
	/* At most one counter per event has this domain and RMID. */
	for (c = rsim_first_counter(sim, id, rmid, 0);
	     c && c->dom == id && c->rmid == rmid; c = next) {
		next = rb_entry_safe(rb_next(&c->node), struct rsim_counter, node);
		e = rsim_event_by_id(sim, c->evt);
		if (e && !e->occupancy && !WARN_ON_ONCE(n == ARRAY_SIZE(gone))) {
			rb_erase(&c->node, &sim->counters);
			gone[n++] = c;
		}
	}
	raw_spin_unlock_irqrestore(&sim->lock, flags);

	while (n)
		kfree(gone[--n]);
}

/* The operations of every type; see rsim_build_ops() for CUSTOM's. */
static const struct resctrl_resource_ops rsim_ops = {
	.apply = rsim_apply,
	.read_event = rsim_read_event,
	.read_events = rsim_read_events,
	.domain_online = rsim_domain_online,
	.domain_offline = rsim_domain_offline,
};

/**
 * rsim_build_ops() - the operations of a simulated resource
 * @ops: where they go
 * @ctrl: the resource's control type; CUSTOM adds the levels' syntax
 */
void rsim_build_ops(struct resctrl_resource_ops *ops, enum resctrl_ctrl_type ctrl)
{
	*ops = rsim_ops;
	/* Absolute counts: a new group's start from zero here. */
	ops->rmid_reset = rsim_rmid_reset;
	if (ctrl == RESCTRL_CTRL_CUSTOM) {
		ops->parse = rsim_parse;
		ops->format = rsim_format;
	}
}
