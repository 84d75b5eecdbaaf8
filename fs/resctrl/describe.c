// SPDX-License-Identifier: GPL-2.0
/*
 * info/<NAME>/resource_schemata/<SCHEMA>/: every schemata line describes
 * itself, one property per file, generated from the type and parameters
 * the driver declared (include/linux/resctrl.h). The names and formats
 * of type, min, max, resolution, scale, unit, tolerance and scope are
 * those of upstream's generic schema description (Dave Martin's RFC of
 * October 2025 and Reinette Chatre's proof of concept of May 2026);
 * default and domains go beyond it (Documentation/filesystems/
 * resctrl-abi.rst says why).
 *
 * While CDP splits a resource, info/<NAME>DATA and info/<NAME>CODE each
 * hold the description of their own line. An extra control NAME_SUFFIX
 * sits next to NAME under info/<NAME>/resource_schemata/, whether it
 * shares NAME's domains or has a scope of its own.
 */
#include <linux/bits.h>
#include <linux/err.h>
#include <linux/kernfs.h>
#include <linux/nodemask.h>
#include <linux/seq_file.h>
#include <linux/string.h>

#include "internal.h"

static const char * const rctl_scope_names[] = {
	[RESCTRL_SCOPE_L2] = "L2",
	[RESCTRL_SCOPE_L3] = "L3",
	[RESCTRL_SCOPE_NODE] = "NODE",
	[RESCTRL_SCOPE_PACKAGE] = "PACKAGE",
	[RESCTRL_SCOPE_DEVICE] = "DEVICE",
};

/**
 * rctl_describe_view() - what the schemata line @schema of @r is
 * @r: a control resource
 * @schema: the line's name: NAME, NAMECODE or NAMEDATA, or NAME_SUFFIX
 *	of an extra control
 * @v: filled with the line's type and parameters
 *
 * A PERCENT line that the mba_MBps controller steers takes MBps
 * targets, and is described so.
 *
 * Return: 0, or -ENOENT if @r has no such line.
 */
int rctl_describe_view(struct resctrl_res *r, const char *schema,
		       struct rctl_desc_view *v)
{
	const struct rctl_desc *desc = r->desc;
	char name[RCTL_CONF_NAME_LEN];
	const struct resctrl_ctrl_desc *c;
	unsigned int i;

	*v = (struct rctl_desc_view){ .scope = desc->scope };
	for (i = 0; i < desc->num_ctrls; i++) {
		c = &desc->ctrls[i];
		rctl_extra_name(r, i, name, sizeof(name));
		if (strcmp(name, schema))
			continue;
		v->ctrl = c->ctrl;
		v->bitmask = &c->bitmask;
		v->range = &c->range;
		v->unit = c->unit;
		v->resolution = c->resolution;
		v->def = rctl_extra_default_val(c);
		return 0;
	}
	for (i = 0; i < rctl_res_nconf(r); i++) {
		rctl_conf_name(r, rctl_res_conf(r, i), name, sizeof(name));
		if (!strcmp(name, schema))
			break;
	}
	if (i == rctl_res_nconf(r))
		return -ENOENT;
	v->ctrl = desc->ctrl;
	v->bitmask = &desc->bitmask;
	v->range = &desc->range;
	v->unit = desc->unit;
	v->resolution = desc->resolution;
	v->def = rctl_default_val(desc);
	v->mbps = r->mbps;
	return 0;
}

static const char *rctl_describe_unit(const struct rctl_desc_view *v)
{
	if (v->mbps)
		return "MBps";
	if (v->unit)
		return v->unit;
	switch (v->ctrl) {
	case RESCTRL_CTRL_BITMASK:
	case RESCTRL_CTRL_PERCENT:
		return "all";
	case RESCTRL_CTRL_MBPS:
		return "MBps";
	default:
		return "none";
	}
}

static u32 rctl_describe_resolution(const struct rctl_desc_view *v)
{
	if (v->mbps)
		return 1;
	switch (v->ctrl) {
	case RESCTRL_CTRL_BITMASK:
		return v->bitmask->cbm_len;
	case RESCTRL_CTRL_PERCENT:
		return 100;
	case RESCTRL_CTRL_SCALAR:
		return v->resolution ?: 1;
	default:
		return 1;
	}
}

/* A value of a bitmap in hex with 0x, as upstream proposed; else decimal. */
static int rctl_describe_val(const struct rctl_desc_view *v, u32 val,
			     char *buf, size_t len)
{
	if (v->ctrl == RESCTRL_CTRL_BITMASK)
		return scnprintf(buf, len, "0x%x\n", val);
	return scnprintf(buf, len, "%u\n", val);
}

/**
 * rctl_describe_prop() - the text of one description file
 * @v: the line, from rctl_describe_view()
 * @prop: the file: type, min, max, resolution, scale, unit, tolerance,
 *	scope or default (domains needs the domains: see the file's show)
 * @buf: where the text goes, newline included
 * @len: room in @buf
 *
 * A CUSTOM line has only type, scope and domains: the driver alone knows
 * its values. The rules, per type, are in
 * Documentation/filesystems/resctrl.rst.
 *
 * Return: the length of the text, or -ENOENT for a file the line does
 * not have.
 */
int rctl_describe_prop(const struct rctl_desc_view *v, const char *prop,
		       char *buf, size_t len)
{
	bool custom = v->ctrl == RESCTRL_CTRL_CUSTOM;
	bool bitmap = v->ctrl == RESCTRL_CTRL_BITMASK;
	u32 gran;

	if (!strcmp(prop, "type")) {
		if (custom)
			return scnprintf(buf, len, "custom\n");
		if (bitmap)
			return scnprintf(buf, len, "bitmap%s\n",
					 v->bitmask->sparse ? " sparse" : "");
		return scnprintf(buf, len, "scalar linear\n");
	}
	if (!strcmp(prop, "scope"))
		return scnprintf(buf, len, "%s\n", rctl_scope_names[v->scope]);
	if (custom)
		return -ENOENT;
	if (!strcmp(prop, "min")) {
		if (v->mbps)
			return rctl_describe_val(v, 0, buf, len);
		if (bitmap)
			return rctl_describe_val(v, BIT_ULL(v->bitmask->min_cbm_bits) - 1,
						 buf, len);
		return rctl_describe_val(v, v->range->min, buf, len);
	}
	if (!strcmp(prop, "max")) {
		if (v->mbps)
			return rctl_describe_val(v, U32_MAX, buf, len);
		if (bitmap)
			return rctl_describe_val(v, BIT_ULL(v->bitmask->cbm_len) - 1,
						 buf, len);
		return rctl_describe_val(v, v->range->max, buf, len);
	}
	if (!strcmp(prop, "default"))
		return rctl_describe_val(v, v->mbps ? U32_MAX : v->def, buf, len);
	if (!strcmp(prop, "resolution"))
		return scnprintf(buf, len, "%u\n", rctl_describe_resolution(v));
	if (!strcmp(prop, "scale"))
		return scnprintf(buf, len, "1\n");
	if (!strcmp(prop, "unit"))
		return scnprintf(buf, len, "%s\n", rctl_describe_unit(v));
	if (!strcmp(prop, "tolerance")) {
		/* A percentage is rounded up to the next multiple of gran. */
		gran = v->ctrl == RESCTRL_CTRL_PERCENT && !v->mbps ?
		       v->range->granularity : 0;
		return scnprintf(buf, len, "%u\n", gran > 1 ? gran - 1 : 0);
	}
	return -ENOENT;
}

/* What each domain id of @r names, one "<id> <what>" line per domain. */
static void rctl_describe_domains(struct resctrl_res *r, struct seq_file *sf)
{
	struct resctrl_dom *d;

	for_each_rctl_domain(d, r) {
		switch (r->desc->scope) {
		case RESCTRL_SCOPE_L2:
		case RESCTRL_SCOPE_L3:
			seq_printf(sf, "%d cache_id%d\n", d->id, d->id);
			break;
		case RESCTRL_SCOPE_NODE:
			seq_printf(sf, "%d node%d%s\n", d->id, d->id,
				   cpumask_empty(&d->cpus) ? " memory-only" : "");
			break;
		case RESCTRL_SCOPE_PACKAGE:
			seq_printf(sf, "%d package%d\n", d->id, d->id);
			break;
		default:
			seq_printf(sf, "%d device%d\n", d->id, d->id);
			break;
		}
	}
}

static const char * const rctl_describe_files[] = {
	"type", "min", "max", "resolution", "scale", "unit", "tolerance",
	"scope", "default", "domains",
};

static int rctl_describe_show(struct rctl_file_ctx *c, struct seq_file *sf)
{
	struct kernfs_node *kn = c->of->kn;
	struct rctl_desc_view view;
	char text[64];
	int ret;

	ret = rctl_describe_view(c->r, kn->parent->name, &view);
	if (ret)
		return ret;
	if (!strcmp(kn->name, "domains")) {
		rctl_describe_domains(c->r, sf);
		return 0;
	}
	ret = rctl_describe_prop(&view, kn->name, text, sizeof(text));
	if (ret < 0)
		return ret;
	seq_puts(sf, text);
	return 0;
}

static const struct rctl_file_attr rctl_describe_attr =
	RCTL_FILE_ATTR(NULL, 0444, rctl_file_res, rctl_describe_show, NULL);

/*
 * resource_schemata/@schema/ in @parent, with the files @r's line has;
 * the directory, once made, in @made for its remover.
 */
static int rctl_describe_dir(struct resctrl_res *r, struct kernfs_node *parent,
			     const char *schema, struct kernfs_node **made)
{
	struct rctl_desc_view view;
	struct kernfs_node *dir, *kn;
	char text[64];
	unsigned int i;
	int ret;

	ret = rctl_describe_view(r, schema, &view);
	if (ret)
		return ret;
	/* Directories belong to the default group, as info/: see group.c. */
	dir = kernfs_create_dir(parent, schema, 0555, &rctl_default_group);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	if (made)
		*made = dir;
	for (i = 0; i < ARRAY_SIZE(rctl_describe_files); i++) {
		if (strcmp(rctl_describe_files[i], "domains") &&
		    rctl_describe_prop(&view, rctl_describe_files[i], text,
				       sizeof(text)) < 0)
			continue;
		kn = rctl_file_add(dir, &rctl_describe_attr,
				   rctl_describe_files[i], 0, r);
		if (IS_ERR(kn))
			return PTR_ERR(kn);
	}
	return 0;
}

/**
 * rctl_describe_add() - info/<dir>/resource_schemata/ of a resource
 * @r: a control resource of the mount
 * @dir: its info directory for the line(s) of half @type
 * @type: RESCTRL_CONF_BOTH for info/<NAME>, else the CDP half @dir is for
 *
 * The description of the line of @type, and of every extra control of
 * @r that shares its domains next to the main line (those with a scope
 * of their own add theirs: rctl_describe_add_scoped()). Called with rctl_mutex held while the info
 * directory is built; removed with it.
 *
 * Return: 0 or a negative error code.
 */
int rctl_describe_add(struct resctrl_res *r, struct kernfs_node *dir,
		      enum resctrl_conf_type type)
{
	char name[RCTL_CONF_NAME_LEN];
	struct kernfs_node *rs;
	unsigned int i;
	int ret;

	rs = kernfs_create_dir(dir, "resource_schemata", 0555, &rctl_default_group);
	if (IS_ERR(rs))
		return PTR_ERR(rs);
	rctl_conf_name(r, type, name, sizeof(name));
	ret = rctl_describe_dir(r, rs, name, NULL);
	for (i = 0; !ret && i < r->desc->num_ctrls; i++) {
		rctl_extra_name(r, i, name, sizeof(name));
		ret = rctl_describe_dir(r, rs, name, NULL);
	}
	return ret;
}

/**
 * rctl_describe_add_scoped() - the description of a control with its
 *	own scope
 * @s: the control, kept as a resource (scoped.c), of the mount; its
 *	resource's info directory is in the tree
 *
 * info/<NAME>/resource_schemata/<NAME>_<SUFFIX>/, next to the
 * resource's other lines, recorded in @s->info_kn so that
 * rctl_info_remove_res() takes it away, before the resource's own
 * directory goes. Called with rctl_mutex held.
 *
 * Return: 0 or a negative error code.
 */
int rctl_describe_add_scoped(struct resctrl_res *s)
{
	struct kernfs_node *rs;
	int ret;

	if (!s->ctrl_of->info_kn)
		return -ENOENT;
	rs = kernfs_find_and_get(s->ctrl_of->info_kn, "resource_schemata");
	if (!rs)
		return -ENOENT;
	ret = rctl_describe_dir(s, rs, s->desc->name, &s->info_kn);
	kernfs_put(rs);
	return ret;
}
