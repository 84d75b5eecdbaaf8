// SPDX-License-Identifier: GPL-2.0
/*
 * The syntax of control values. The filesystem, not the driver, parses,
 * checks and prints the value of every control type, so that every
 * resource of a type reads and writes the same way; the messages for the
 * architectural resources are the upstream ones.
 */
#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/kernel.h>
#include <linux/math.h>
#include <linux/string.h>

#include "internal.h"

static int rctl_parse_bitmask(const struct resctrl_bitmask_params *p,
			      const char *text, u32 *val)
{
	unsigned long mask, max = BIT_ULL(p->cbm_len) - 1;
	unsigned int first, run_end;

	if (kstrtoul(text, 16, &mask)) {
		rctl_status_printf("Non-hex character in the mask %s\n", text);
		return -EINVAL;
	}
	if ((p->min_cbm_bits && !mask) || mask > max) {
		rctl_status_puts("Mask out of range\n");
		return -EINVAL;
	}
	first = find_first_bit(&mask, p->cbm_len);
	run_end = find_next_zero_bit(&mask, p->cbm_len, first);
	if (!p->sparse && find_next_bit(&mask, p->cbm_len, run_end) < p->cbm_len) {
		rctl_status_printf("The mask %lx has non-consecutive 1-bits\n", mask);
		return -EINVAL;
	}
	if (hweight_long(mask) < p->min_cbm_bits) {
		rctl_status_printf("Need at least %d bits in the mask\n",
				   p->min_cbm_bits);
		return -EINVAL;
	}
	*val = mask;
	return 0;
}

static int rctl_parse_decimal(const char *name, const char *text, u32 *val)
{
	if (kstrtou32(text, 10, val)) {
		rctl_status_printf("Invalid %s value %s\n", name, text);
		return -EINVAL;
	}
	return 0;
}

static int rctl_check_range(const char *name, const struct resctrl_range_params *p,
			    u32 val)
{
	if (val < p->min || val > p->max) {
		rctl_status_printf("%s value %u out of range [%d,%d]\n", name,
				   val, p->min, p->max);
		return -EINVAL;
	}
	return 0;
}

/* A value of a control of type @ctrl with these parameters. */
static int rctl_parse_typed(const char *name, enum resctrl_ctrl_type ctrl,
			    const struct resctrl_bitmask_params *bitmask,
			    const struct resctrl_range_params *range,
			    const char *text, u32 *val)
{
	int ret;

	switch (ctrl) {
	case RESCTRL_CTRL_BITMASK:
		return rctl_parse_bitmask(bitmask, text, val);
	case RESCTRL_CTRL_PERCENT:
		ret = rctl_parse_decimal(name, text, val) ?:
		      rctl_check_range(name, range, *val);
		/* Never past the maximum, which need not be a multiple. */
		if (!ret && range->granularity)
			*val = min(roundup(*val, range->granularity), range->max);
		return ret;
	case RESCTRL_CTRL_MBPS:
	case RESCTRL_CTRL_SCALAR:
		return rctl_parse_decimal(name, text, val) ?:
		       rctl_check_range(name, range, *val);
	default:
		return -EINVAL;
	}
}

/**
 * rctl_parse_val() - parse the value of one domain in a schemata line
 * @r: the resource
 * @d: the domain
 * @text: the value, blanks trimmed
 * @val: where the value goes
 *
 * Problems are explained in last_cmd_status; rctl_mutex is held. A
 * resource steered by the mba_MBps controller takes MBps targets.
 *
 * Return: 0 or -EINVAL.
 */
int rctl_parse_val(struct resctrl_res *r, struct resctrl_dom *d, char *text,
		   u32 *val)
{
	const struct rctl_desc *desc = r->desc;

	/* Under the mba_MBps controller: a target, any u32 MBps. */
	if (desc->ctrl == RESCTRL_CTRL_PERCENT && r->mbps)
		return rctl_parse_decimal(desc->name, text, val);
	if (desc->ctrl == RESCTRL_CTRL_CUSTOM)
		return desc->ops->parse(r, d, text, val) ? -EINVAL : 0;
	return rctl_parse_typed(desc->name, desc->ctrl, &desc->bitmask,
				&desc->range, text, val);
}

static int rctl_format_typed(enum resctrl_ctrl_type ctrl,
			     const struct resctrl_bitmask_params *bitmask,
			     const struct resctrl_range_params *range,
			     u32 val, char *buf, size_t len)
{
	switch (ctrl) {
	case RESCTRL_CTRL_BITMASK:
		return scnprintf(buf, len, "%0*x",
				 DIV_ROUND_UP(bitmask->cbm_len, 4), val);
	case RESCTRL_CTRL_PERCENT:
	case RESCTRL_CTRL_MBPS:
		return scnprintf(buf, len, "%*u", range->width ?: 3, val);
	default:
		return scnprintf(buf, len, "%u", val);
	}
}

/**
 * rctl_format_val() - print a control value as schemata shows it
 * @r: the resource
 * @d: the domain
 * @val: the value
 * @buf: where the text goes
 * @len: room in @buf
 *
 * Masks are zero-padded to the mask's width and bandwidths padded to
 * three columns, as upstream prints them.
 *
 * Return: the length of the text.
 */
int rctl_format_val(struct resctrl_res *r, struct resctrl_dom *d, u32 val,
		    char *buf, size_t len)
{
	const struct rctl_desc *desc = r->desc;

	if (desc->ctrl == RESCTRL_CTRL_CUSTOM)
		return desc->ops->format(r, d, val, buf, len);
	return rctl_format_typed(desc->ctrl, &desc->bitmask, &desc->range, val,
				 buf, len);
}

/**
 * rctl_extra_name() - the schemata line name of an extra control
 * @r: the resource
 * @i: the control's index in &resctrl_resource_desc.ctrls
 * @buf: where the name goes, RCTL_CONF_NAME_LEN bytes will do
 * @len: room in @buf
 *
 * NAME_SUFFIX, as upstream names a resource's further controls.
 */
void rctl_extra_name(struct resctrl_res *r, unsigned int i, char *buf,
		     size_t len)
{
	snprintf(buf, len, "%s_%s", r->desc->name, r->desc->ctrls[i].suffix);
}

/**
 * rctl_extra_parse_val() - parse one domain's value of an extra control
 * @r: the resource
 * @c: one of its &resctrl_resource_desc.ctrls
 * @text: the value, blanks trimmed
 * @val: where the value goes
 *
 * As rctl_parse_val(), with the type and limits of @c; the messages
 * name the control's schemata line.
 *
 * Return: 0 or -EINVAL.
 */
int rctl_extra_parse_val(struct resctrl_res *r, const struct resctrl_ctrl_desc *c,
			 const char *text, u32 *val)
{
	char name[RCTL_CONF_NAME_LEN];

	rctl_extra_name(r, c - r->desc->ctrls, name, sizeof(name));
	return rctl_parse_typed(name, c->ctrl, &c->bitmask, &c->range, text, val);
}

/**
 * rctl_extra_format_val() - print a value of an extra control
 * @c: the control
 * @val: the value
 * @buf: where the text goes
 * @len: room in @buf
 *
 * Return: the length of the text.
 */
int rctl_extra_format_val(const struct resctrl_ctrl_desc *c, u32 val,
			  char *buf, size_t len)
{
	return rctl_format_typed(c->ctrl, &c->bitmask, &c->range, val, buf, len);
}

/**
 * rctl_extra_default_val() - the value of a new group for an extra control
 * @c: the control
 *
 * Return: every bit of a mask; the maximum of a range, or its minimum
 * when the control says so.
 */
u32 rctl_extra_default_val(const struct resctrl_ctrl_desc *c)
{
	if (c->ctrl == RESCTRL_CTRL_BITMASK)
		return BIT_ULL(c->bitmask.cbm_len) - 1;
	return c->default_min ? c->range.min : c->range.max;
}

/**
 * rctl_default_val() - the value of a new group, and after a reset
 * @desc: the resource's description
 *
 * Return: every bit of a mask, the maximum of a range (its minimum for
 * a control with its own scope that asks so), or the driver's default
 * for CUSTOM.
 */
u32 rctl_default_val(const struct rctl_desc *desc)
{
	switch (desc->ctrl) {
	case RESCTRL_CTRL_BITMASK:
		return BIT_ULL(desc->bitmask.cbm_len) - 1;
	case RESCTRL_CTRL_PERCENT:
	case RESCTRL_CTRL_MBPS:
	case RESCTRL_CTRL_SCALAR:
		return desc->default_min ? desc->range.min : desc->range.max;
	default:
		return desc->default_val;
	}
}
