// SPDX-License-Identifier: GPL-2.0
/*
 * Control values: which MSR holds a CLOSID's value and what goes into
 * it, and the apply() callback that writes it.
 *
 * The arithmetic is kept apart from the filesystem's handles so that
 * tests can check every (MSR, value) pair without a domain.
 */
#include <linux/bits.h>
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/smp.h>

#include "internal.h"

static u64 x86_rdt_full_mask(const struct x86_rdt_res *res)
{
	return GENMASK_ULL(res->caps.bitmask.cbm_len - 1, 0);
}

/*
 * With CDP each CLOSID owns two consecutive mask MSRs, data first: the
 * hardware picks the even one for data accesses, the odd one for code.
 */
static int x86_rdt_cbm_index(const struct x86_rdt_res *res, u32 closid,
			     enum resctrl_conf_type type, u32 *index)
{
	switch (type) {
	case RESCTRL_CONF_BOTH:
		*index = closid;
		return 0;
	case RESCTRL_CONF_DATA:
	case RESCTRL_CONF_CODE:
		if (!res->cfg_msr)
			return -EINVAL;
		*index = closid * 2 + (type == RESCTRL_CONF_CODE);
		return 0;
	default:
		return -EINVAL;
	}
}

/**
 * x86_rdt_ctrl_msr() - where a control value goes and what is written
 * @res: the resource
 * @closid: the CLOSID
 * @type: which half of @closid, for a resource with CDP
 * @val: the value the filesystem checked: a mask, a percentage or a
 *	bandwidth limit
 * @msr: the MSR to write
 * @msr_val: what to write to it
 *
 * Return: 0, or -EINVAL for a value or an index the hardware does not
 * have.
 */
int x86_rdt_ctrl_msr(const struct x86_rdt_res *res, u32 closid,
		     enum resctrl_conf_type type, u32 val, u32 *msr, u64 *msr_val)
{
	u32 index = closid;
	int ret;

	if (closid >= res->caps.num_closid)
		return -EINVAL;
	if (res->kind != X86_RDT_CTRL_CBM && type != RESCTRL_CONF_BOTH)
		return -EINVAL;

	switch (res->kind) {
	case X86_RDT_CTRL_CBM:
		ret = x86_rdt_cbm_index(res, closid, type, &index);
		if (ret)
			return ret;
		if (val & ~x86_rdt_full_mask(res))
			return -EINVAL;
		*msr_val = val;
		break;
	case X86_RDT_CTRL_DELAY:
		/* Linear scale: each percent given up is a percent of delay. */
		if (val > X86_RDT_MBA_MAX_PERCENT)
			return -EINVAL;
		*msr_val = X86_RDT_MBA_MAX_PERCENT - val;
		break;
	case X86_RDT_CTRL_BW:
		if (val > res->caps.range.max)
			return -EINVAL;
		*msr_val = val;
		break;
	default:
		return -EINVAL;
	}
	/* Half the CLOSIDs under CDP: the core keeps to them; check anyway. */
	if (index >= res->caps.num_closid)
		return -EINVAL;
	*msr = res->msr_base + index;
	return 0;
}

/*
 * Put the domain's QOS_CFG in the mode of a value of @type. The core
 * sends code and data values only while CDP is in force and values for
 * both halves only while it is not, so the type tells the mode; the
 * contract has no call that switches it.
 */
static void x86_rdt_cdp_sync(const struct x86_rdt_res *res,
			     struct x86_rdt_dom *dom,
			     enum resctrl_conf_type type)
{
	enum x86_rdt_cdp_state want;
	u32 i;

	if (!res->cfg_msr)
		return;
	want = type == RESCTRL_CONF_BOTH ? X86_RDT_CDP_OFF : X86_RDT_CDP_ON;
	if (dom->cdp == want)
		return;
	x86_rdt_wrmsr(res->cfg_msr,
		      want == X86_RDT_CDP_ON ? X86_RDT_QOS_CFG_CDP : 0);
	/*
	 * Every mask now means something else: give all CLOSIDs the full
	 * mask until the core programs them for the new layout. A domain
	 * that just came online is spared: the core programs all of them.
	 */
	if (dom->cdp != X86_RDT_CDP_UNKNOWN)
		for (i = 0; i < res->caps.num_closid; i++)
			x86_rdt_wrmsr(res->msr_base + i, x86_rdt_full_mask(res));
	dom->cdp = want;
}

/**
 * x86_rdt_ctrl_write() - program one control value of a domain
 * @res: the resource
 * @dom: the domain's state; may be NULL for a resource without CDP
 * @closid: the CLOSID
 * @type: which half of @closid
 * @val: the value
 *
 * Context: on a CPU of the domain, interrupts off.
 *
 * Return: 0, -EINVAL for a value the hardware cannot take, or -ENODEV
 * when a resource with CDP has no state for the domain.
 */
int x86_rdt_ctrl_write(const struct x86_rdt_res *res, struct x86_rdt_dom *dom,
		       u32 closid, enum resctrl_conf_type type, u32 val)
{
	u64 msr_val;
	u32 msr;
	int ret;

	ret = x86_rdt_ctrl_msr(res, closid, type, val, &msr, &msr_val);
	if (ret)
		return ret;
	if (res->cfg_msr) {
		if (!dom)
			return -ENODEV;
		x86_rdt_cdp_sync(res, dom, type);
	}
	x86_rdt_wrmsr(msr, msr_val);
	return 0;
}

/**
 * x86_rdt_apply() - &resctrl_resource_ops.apply of every resource
 * @r: the resource
 * @d: the domain
 * @closid: the CLOSID
 * @type: which half of @closid
 * @val: the value, checked by the filesystem
 *
 * Context: IPI on a CPU of @d (run_on_domain_cpu); must not sleep.
 *
 * Return: 0 or a negative errno from x86_rdt_ctrl_write().
 */
int x86_rdt_apply(struct resctrl_res *r, struct resctrl_dom *d, u32 closid,
		  enum resctrl_conf_type type, u32 val)
{
	return x86_rdt_ctrl_write(resctrl_res_priv(r), resctrl_dom_priv(d),
				  closid, type, val);
}

/**
 * x86_rdt_cfg_join() - give a CPU joining a domain the domain's CDP mode
 * @res: a resource with a per-CPU QOS_CFG
 * @dom: the domain's state, or NULL
 *
 * Upstream writes every joining CPU's QOS_CFG the same way
 * (rdtgroup.c, the per-CPU configuration of AMD L3 CDP). Nothing is
 * written while the mode is unknown: the core's next value sets it on
 * every CPU of the domain.
 *
 * Context: on the joining CPU.
 */
void x86_rdt_cfg_join(const struct x86_rdt_res *res,
		      const struct x86_rdt_dom *dom)
{
	if (!res->per_cpu_cfg || !dom || dom->cdp == X86_RDT_CDP_UNKNOWN)
		return;
	x86_rdt_wrmsr(res->cfg_msr,
		      dom->cdp == X86_RDT_CDP_ON ? X86_RDT_QOS_CFG_CDP : 0);
}

/**
 * x86_rdt_cpu_join() - &resctrl_resource_ops.cpu_join of resources with a
 *	per-CPU QOS_CFG
 * @r: the resource
 * @d: the domain, online
 * @cpu: the CPU that joined it: the calling one
 *
 * Context: CPU hotplug online callback on @cpu, filesystem lock held.
 */
void x86_rdt_cpu_join(struct resctrl_res *r, struct resctrl_dom *d,
		      unsigned int cpu)
{
	WARN_ON_ONCE(cpu != smp_processor_id());
	x86_rdt_cfg_join(resctrl_res_priv(r), resctrl_dom_priv(d));
}

/* One cross-call: a QOS_CFG value, or a value to apply, or a read. */
struct x86_rdt_call {
	struct resctrl_res *r;
	struct resctrl_dom *d;
	u32 closid;
	u32 rmid;
	enum resctrl_conf_type type;
	u32 val;
	u64 count;
	u32 evt;
	bool write;
	int ret;
};

static void x86_rdt_call_cfg(void *arg)
{
	const struct x86_rdt_call *c = arg;
	const struct x86_rdt_res *res = resctrl_res_priv(c->r);

	x86_rdt_wrmsr(res->cfg_msr, c->val);
}

static void x86_rdt_call_apply(void *arg)
{
	struct x86_rdt_call *c = arg;

	c->ret = x86_rdt_apply(c->r, c->d, c->closid, c->type, c->val);
}

static void x86_rdt_call_read(void *arg)
{
	struct x86_rdt_call *c = arg;

	c->ret = x86_rdt_read_event(c->r, c->d, c->closid, c->rmid, c->val,
				    &c->count);
}

/**
 * x86_rdt_apply_cpus() - &resctrl_resource_ops.apply with a per-CPU
 *	QOS_CFG
 * @r: the resource
 * @d: the domain
 * @closid: the CLOSID
 * @type: which half of @closid
 * @val: the value, checked by the filesystem
 *
 * A value of the other CDP layout first switches QOS_CFG on every CPU
 * of the domain, then the value is written from one of them, as
 * x86_rdt_apply() does.
 *
 * Context: process, filesystem lock held; waits for the CPUs.
 *
 * Return: 0, -ENODEV without domain state, or an error of
 * x86_rdt_ctrl_write().
 */
int x86_rdt_apply_cpus(struct resctrl_res *r, struct resctrl_dom *d, u32 closid,
		       enum resctrl_conf_type type, u32 val)
{
	const struct cpumask *cpus = resctrl_dom_cpus(d);
	struct x86_rdt_dom *dom = resctrl_dom_priv(d);
	struct x86_rdt_call c = {
		.r = r, .d = d, .closid = closid, .type = type, .val = val,
	};
	enum x86_rdt_cdp_state want;
	int ret;

	if (!dom)
		return -ENODEV;
	want = type == RESCTRL_CONF_BOTH ? X86_RDT_CDP_OFF : X86_RDT_CDP_ON;
	if (dom->cdp != want) {
		struct x86_rdt_call cfg = {
			.r = r,
			.val = want == X86_RDT_CDP_ON ? X86_RDT_QOS_CFG_CDP : 0,
		};

		on_each_cpu_mask(cpus, x86_rdt_call_cfg, &cfg, true);
	}
	ret = smp_call_function_any(cpus, x86_rdt_call_apply, &c, true);
	return ret ?: c.ret;
}

static void x86_rdt_call_evt_cfg(void *arg)
{
	struct x86_rdt_call *c = arg;

	if (c->write)
		c->ret = x86_rdt_event_config_write(c->r, c->d, c->evt, c->val);
	else
		c->ret = x86_rdt_event_config_read(c->r, c->d, c->evt, &c->val);
}

/**
 * x86_rdt_event_config_read_cpus() - &resctrl_resource_ops.event_config_read
 *	with a per-CPU QOS_CFG: x86_rdt_event_config_read() on a CPU of the
 *	domain, whose EVT_CFG MSRs hold for the whole L3 (AMD64 APM vol. 2,
 *	19.4)
 * @r: the resource
 * @d: the domain
 * @evt: the event id
 * @val: the sources the event counts
 *
 * Context: process, filesystem lock held; waits for the CPU.
 *
 * Return: 0, or a negative errno of x86_rdt_event_config_read().
 */
int x86_rdt_event_config_read_cpus(struct resctrl_res *r, struct resctrl_dom *d,
				   u32 evt, u32 *val)
{
	struct x86_rdt_call c = { .r = r, .d = d, .evt = evt };
	int ret;

	ret = smp_call_function_any(resctrl_dom_cpus(d), x86_rdt_call_evt_cfg,
				    &c, true);
	if (!ret && !c.ret)
		*val = c.val;
	return ret ?: c.ret;
}

/**
 * x86_rdt_event_config_write_cpus() - &resctrl_resource_ops.event_config_write
 *	with a per-CPU QOS_CFG: x86_rdt_event_config_write() on a CPU of the
 *	domain
 * @r: the resource
 * @d: the domain
 * @evt: the event id
 * @val: the sources, already checked against the CPUID mask
 *
 * Context: process, filesystem lock held; waits for the CPU.
 *
 * Return: 0, or a negative errno of x86_rdt_event_config_write().
 */
int x86_rdt_event_config_write_cpus(struct resctrl_res *r, struct resctrl_dom *d,
				    u32 evt, u32 val)
{
	struct x86_rdt_call c = {
		.r = r, .d = d, .evt = evt, .val = val, .write = true,
	};
	int ret;

	ret = smp_call_function_any(resctrl_dom_cpus(d), x86_rdt_call_evt_cfg,
				    &c, true);
	return ret ?: c.ret;
}

/**
 * x86_rdt_read_event_cpus() - &resctrl_resource_ops.read_event with a
 *	per-CPU QOS_CFG: x86_rdt_read_event() on a CPU of the domain
 * @r: the resource
 * @d: the domain
 * @closid: the group's CLOSID
 * @rmid: the group's RMID
 * @evt: the event id
 * @val: the count in bytes
 *
 * Context: process, filesystem lock held; waits for the CPU.
 *
 * Return: 0 or a negative errno of x86_rdt_read_event().
 */
int x86_rdt_read_event_cpus(struct resctrl_res *r, struct resctrl_dom *d,
			    u32 closid, u32 rmid, u32 evt, u64 *val)
{
	struct x86_rdt_call c = {
		.r = r, .d = d, .closid = closid, .rmid = rmid, .val = evt,
	};
	int ret;

	ret = smp_call_function_any(resctrl_dom_cpus(d), x86_rdt_call_read,
				    &c, true);
	if (ret)
		return ret;
	*val = c.count;
	return c.ret;
}
