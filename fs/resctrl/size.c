// SPDX-License-Identifier: GPL-2.0
/*
 * The "size" file of CTRL_MON groups: the group's schemata with the bytes
 * each mask stands for in place of the mask, as upstream; values of the
 * other control types show as they are. The bytes of a mask come from
 * the size of the cache the domain is, or from what the driver states
 * (&resctrl_bitmask_params.cache_bytes).
 */
#include <linux/bitops.h>
#include <linux/cacheinfo.h>
#include <linux/math64.h>
#include <linux/seq_file.h>

#include "internal.h"

/*
 * The bytes the whole mask of @d's resource stands for: what the driver
 * says, or the size of the CPU cache the domain is.
 */
static u64 rctl_dom_cache_bytes(const struct resctrl_dom *d)
{
	const struct rctl_desc *desc = d->res->desc;
	struct cacheinfo *ci;
	int level;

	if (desc->bitmask.cache_bytes)
		return desc->bitmask.cache_bytes;
	if (desc->scope == RESCTRL_SCOPE_L2)
		level = 2;
	else if (desc->scope == RESCTRL_SCOPE_L3)
		level = 3;
	else
		return 0;
	if (cpumask_empty(&d->cpus))
		return 0;
	ci = get_cpu_cacheinfo_level(cpumask_first(&d->cpus), level);
	return ci ? ci->size : 0;
}

/* One domain's value in "size": bytes for a mask, the value otherwise. */
static void rctl_size_val_show(struct seq_file *sf, struct resctrl_dom *d,
			       u32 closid, enum resctrl_conf_type type)
{
	const struct rctl_desc *desc = d->res->desc;
	u32 val = *rctl_dom_val(d, closid, type);
	char text[64];

	switch (desc->ctrl) {
	case RESCTRL_CTRL_BITMASK:
		/* Whole bytes per bit, then times the bits, as upstream. */
		seq_printf(sf, "%llu",
			   div_u64(rctl_dom_cache_bytes(d), desc->bitmask.cbm_len) *
			   hweight32(val));
		break;
	case RESCTRL_CTRL_CUSTOM:
		rctl_format_val(d->res, d, val, text, sizeof(text));
		seq_puts(sf, text);
		break;
	default:
		seq_printf(sf, "%u", val);
		break;
	}
}

/* "size": the group's schemata with bytes in place of masks. */
static int rctl_size_show(struct rctl_file_ctx *c, struct seq_file *sf)
{
	rctl_ctrl_lines_show(sf, c->g, rctl_size_val_show);
	return 0;
}

const struct rctl_file_attr rctl_size_attr =
	RCTL_FILE_ATTR("size", 0444, NULL, rctl_size_show, NULL);
