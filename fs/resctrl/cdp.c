// SPDX-License-Identifier: GPL-2.0
/*
 * Code and data prioritisation (CDP): the layout of a split resource.
 *
 * With the cdp (cdpl2) mount option every resource rctl_cdp_capable() of
 * scope L3 (L2) in the mount is split: its schemata lines and info
 * directories are NAMEDATA and NAMECODE instead of NAME, each with half
 * its CLOSIDs, and apply() gets RESCTRL_CONF_DATA and RESCTRL_CONF_CODE
 * values. See Documentation/filesystems/resctrl.rst.
 */
#include <linux/string.h>

#include "internal.h"

/**
 * rctl_cdp_capable() - whether CDP can split a resource
 * @desc: the resource's description
 *
 * Return: true for a BITMASK resource of scope L3 or L2 that declares
 * &resctrl_resource_desc.cdp_capable and has CLOSIDs to halve.
 */
bool rctl_cdp_capable(const struct rctl_desc *desc)
{
	return desc->cdp_capable && desc->ctrl == RESCTRL_CTRL_BITMASK &&
	       (desc->scope == RESCTRL_SCOPE_L3 || desc->scope == RESCTRL_SCOPE_L2) &&
	       desc->num_closid >= 2;
}

/**
 * rctl_cdp_wanted() - whether a set of options splits a resource
 * @desc: the resource's description
 * @o: the options: cdp splits L3 resources, cdpl2 L2 ones
 *
 * Return: true if @o asks for CDP at the scope of a resource that can be
 * split.
 */
bool rctl_cdp_wanted(const struct rctl_desc *desc,
		     const struct rctl_mount_opts *o)
{
	if (!rctl_cdp_capable(desc))
		return false;
	return desc->scope == RESCTRL_SCOPE_L3 ? o->cdp_l3 : o->cdp_l2;
}

/**
 * rctl_res_cdp() - whether the live mount splits a resource
 * @r: the resource
 *
 * A resource the mount hides is never split: @r->hidden is set from
 * rctl_mount_hides() when a mount is made and when @r registers, before
 * anything asks. rctl_mutex is held.
 *
 * Return: true while @r shows as NAMEDATA and NAMECODE.
 */
bool rctl_res_cdp(struct resctrl_res *r)
{
	return rctl_cdp_wanted(r->desc, rctl_mount_opts()) && !r->hidden;
}

/**
 * rctl_res_num_closid() - the CLOSIDs a control resource serves now
 * @r: the resource
 *
 * Return: its CLOSIDs, half of them (rounded down) while CDP splits it.
 */
u32 rctl_res_num_closid(struct resctrl_res *r)
{
	return rctl_res_cdp(r) ? r->desc->num_closid / 2 : r->desc->num_closid;
}

/**
 * rctl_res_nconf() - how many schemata lines a control resource has
 * @r: the resource
 *
 * Return: 2 while CDP splits it, else 1.
 */
unsigned int rctl_res_nconf(struct resctrl_res *r)
{
	return rctl_res_cdp(r) ? 2 : 1;
}

/**
 * rctl_res_conf() - which half a schemata line of a resource is for
 * @r: the resource
 * @i: the line, below rctl_res_nconf()
 *
 * Return: RESCTRL_CONF_BOTH for an unsplit resource; for a split one,
 * RESCTRL_CONF_DATA then RESCTRL_CONF_CODE, the order upstream shows.
 */
enum resctrl_conf_type rctl_res_conf(struct resctrl_res *r, unsigned int i)
{
	if (!rctl_res_cdp(r))
		return RESCTRL_CONF_BOTH;
	return i ? RESCTRL_CONF_CODE : RESCTRL_CONF_DATA;
}

/**
 * rctl_conf_name() - the name of a schemata line and info directory
 * @r: the resource
 * @type: the half the line is for
 * @buf: where the name goes, RCTL_CONF_NAME_LEN bytes will do
 * @len: room in @buf
 *
 * NAME for RESCTRL_CONF_BOTH, NAMECODE or NAMEDATA for the halves.
 */
void rctl_conf_name(struct resctrl_res *r, enum resctrl_conf_type type,
		    char *buf, size_t len)
{
	const char *suffix = "";

	if (type == RESCTRL_CONF_CODE)
		suffix = "CODE";
	else if (type == RESCTRL_CONF_DATA)
		suffix = "DATA";
	snprintf(buf, len, "%s%s", r->desc->name, suffix);
}
