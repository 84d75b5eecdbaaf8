// SPDX-License-Identifier: GPL-2.0
/*
 * Control values: which MSR holds a CLOSID's value and what goes into
 * it, and the apply() callback that writes it.
 *
 * The arithmetic is kept apart from the filesystem's handles so that
 * tests can check every (MSR, value) pair without a domain.
 */
#include <linux/bits.h>
#include <linux/errno.h>

#include "internal.h"

static u64 x86_rdt_full_mask(const struct x86_rdt_res *res)
{
	return GENMASK_ULL(res->desc.bitmask.cbm_len - 1, 0);
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

	if (closid >= res->desc.num_closid)
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
		if (val > res->desc.range.max)
			return -EINVAL;
		*msr_val = val;
		break;
	default:
		return -EINVAL;
	}
	/* Half the CLOSIDs under CDP: the core keeps to them; check anyway. */
	if (index >= res->desc.num_closid)
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
		for (i = 0; i < res->desc.num_closid; i++)
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
