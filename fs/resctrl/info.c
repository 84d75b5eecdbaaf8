// SPDX-License-Identifier: GPL-2.0
/*
 * The info/ directory: what the filesystem and its resources can do.
 *
 * info/<NAME>/ describes a control resource in the files of its control
 * type, info/<NAME>_MON/ a monitoring one; the driver's own info files
 * join the first of the two. The core's files are named as upstream.
 *
 * While CDP splits a resource, info/<NAME>DATA and info/<NAME>CODE take
 * the place of info/<NAME>, each with its files and half the CLOSIDs.
 */
#include <linux/err.h>
#include <linux/kernfs.h>
#include <linux/seq_file.h>
#include <linux/stat.h>
#include <linux/string.h>

#include "internal.h"

/**
 * struct rctl_info_file - a file the core puts in a resource's info dir
 * @attr: the file; its handlers call @show and @write
 * @show: print it for resource @r
 * @write: parse a write, if the file takes writes
 * @ctrl_types: bit mask of the control types that have it; 0 for the
 *	monitoring directory
 * @occupancy: only resources with an occupancy event have it
 */
struct rctl_info_file {
	struct rctl_file_attr attr;
	void (*show)(struct resctrl_res *r, struct seq_file *sf);
	int (*write)(struct resctrl_res *r, char *buf);
	unsigned int ctrl_types;
	bool occupancy;
};

static const struct rctl_info_file *rctl_info_file_of(struct rctl_file_ctx *c)
{
	return container_of_const(c->attr, struct rctl_info_file, attr);
}

static int rctl_info_file_show(struct rctl_file_ctx *c, struct seq_file *sf)
{
	rctl_info_file_of(c)->show(c->r, sf);
	return 0;
}

static int rctl_info_file_write(struct rctl_file_ctx *c, char *buf,
				size_t nbytes)
{
	return rctl_info_file_of(c)->write(c->r, strim(buf));
}

#define RCTL_INFO_FILE(_name, _show, _types)				\
	{								\
		.attr = RCTL_FILE_ATTR(_name, 0444, rctl_file_res,	\
				       rctl_info_file_show, NULL),	\
		.show = _show,						\
		.ctrl_types = _types,					\
	}

/* A writable file of the monitoring directory, for occupancy events. */
#define RCTL_INFO_OCC_FILE(_name, _show, _write)			\
	{								\
		.attr = RCTL_FILE_ATTR(_name, 0644, rctl_file_res,	\
				       rctl_info_file_show,		\
				       rctl_info_file_write),		\
		.show = _show,						\
		.write = _write,					\
		.occupancy = true,					\
	}

#define RCTL_T(type) BIT(RESCTRL_CTRL_##type)
#define RCTL_RANGE_TYPES (RCTL_T(PERCENT) | RCTL_T(MBPS) | RCTL_T(SCALAR))
#define RCTL_ALL_TYPES (RCTL_T(BITMASK) | RCTL_RANGE_TYPES | RCTL_T(CUSTOM))

static void rctl_show_num_closids(struct resctrl_res *r, struct seq_file *sf)
{
	seq_printf(sf, "%u\n", rctl_res_num_closid(r));
}

static void rctl_show_cbm_mask(struct resctrl_res *r, struct seq_file *sf)
{
	seq_printf(sf, "%x\n", rctl_default_val(r->desc));
}

static void rctl_show_min_cbm_bits(struct resctrl_res *r, struct seq_file *sf)
{
	seq_printf(sf, "%u\n", r->desc->bitmask.min_cbm_bits);
}

static void rctl_show_shareable_bits(struct resctrl_res *r, struct seq_file *sf)
{
	seq_printf(sf, "%x\n", r->desc->bitmask.shareable_bits);
}

static void rctl_show_sparse_masks(struct resctrl_res *r, struct seq_file *sf)
{
	seq_printf(sf, "%u\n", r->desc->bitmask.sparse);
}

static void rctl_show_min(struct resctrl_res *r, struct seq_file *sf)
{
	seq_printf(sf, "%u\n", r->desc->range.min);
}

static void rctl_show_max(struct resctrl_res *r, struct seq_file *sf)
{
	seq_printf(sf, "%u\n", r->desc->range.max);
}

static void rctl_show_gran(struct resctrl_res *r, struct seq_file *sf)
{
	seq_printf(sf, "%u\n", r->desc->range.granularity);
}

static void rctl_show_delay_linear(struct resctrl_res *r, struct seq_file *sf)
{
	seq_printf(sf, "%u\n", r->desc->range.delay_linear);
}

static void rctl_show_num_rmids(struct resctrl_res *r, struct seq_file *sf)
{
	seq_printf(sf, "%u\n", r->desc->num_rmid);
}

static void rctl_show_mon_features(struct resctrl_res *r, struct seq_file *sf)
{
	unsigned int i;

	for (i = 0; i < r->desc->num_events; i++) {
		seq_printf(sf, "%s\n", r->desc->events[i].name);
		/* Upstream lists a configurable event's file next to it. */
		if (rctl_evt_configurable(r, i))
			seq_printf(sf, "%s_config\n", r->desc->events[i].name);
	}
}

static void rctl_show_threshold(struct resctrl_res *r, struct seq_file *sf)
{
	seq_printf(sf, "%u\n", r->occ_threshold);
}

static int rctl_write_threshold(struct resctrl_res *r, char *buf)
{
	u32 limit = r->desc->occupancy_limit;
	u32 val;

	if (kstrtou32(buf, 0, &val)) {
		rctl_status_puts("Invalid threshold\n");
		return -EINVAL;
	}
	if (limit && val > limit) {
		rctl_status_printf("Threshold %u above the cache size %u\n", val, limit);
		return -EINVAL;
	}
	r->occ_threshold = rctl_occ_round(r, val);
	return 0;
}

static bool rctl_has_occupancy(struct resctrl_res *r)
{
	unsigned int i;

	for (i = 0; i < r->desc->num_events; i++)
		if (r->desc->events[i].occupancy)
			return true;
	return false;
}

static const struct rctl_info_file rctl_info_files[] = {
	RCTL_INFO_FILE("num_closids", rctl_show_num_closids, RCTL_ALL_TYPES),
	RCTL_INFO_FILE("cbm_mask", rctl_show_cbm_mask, RCTL_T(BITMASK)),
	RCTL_INFO_FILE("min_cbm_bits", rctl_show_min_cbm_bits, RCTL_T(BITMASK)),
	RCTL_INFO_FILE("shareable_bits", rctl_show_shareable_bits, RCTL_T(BITMASK)),
	RCTL_INFO_FILE("sparse_masks", rctl_show_sparse_masks, RCTL_T(BITMASK)),
	RCTL_INFO_FILE("bit_usage", rctl_show_bit_usage, RCTL_T(BITMASK)),
	RCTL_INFO_FILE("min_bandwidth", rctl_show_min, RCTL_T(PERCENT) | RCTL_T(MBPS)),
	RCTL_INFO_FILE("bandwidth_gran", rctl_show_gran, RCTL_T(PERCENT) | RCTL_T(MBPS)),
	RCTL_INFO_FILE("delay_linear", rctl_show_delay_linear, RCTL_T(PERCENT) | RCTL_T(MBPS)),
	RCTL_INFO_FILE("min_value", rctl_show_min, RCTL_T(SCALAR)),
	RCTL_INFO_FILE("max_value", rctl_show_max, RCTL_T(SCALAR)),
	RCTL_INFO_FILE("num_rmids", rctl_show_num_rmids, 0),
	RCTL_INFO_FILE("mon_features", rctl_show_mon_features, 0),
	RCTL_INFO_OCC_FILE("max_threshold_occupancy", rctl_show_threshold, rctl_write_threshold),
};

/* info/@name of resource @r: its control files, or with @mon, _MON's. */
static struct kernfs_node *rctl_info_dir(struct kernfs_node *info,
					 struct resctrl_res *r,
					 const char *name, bool mon)
{
	const struct rctl_info_file *f;
	struct kernfs_node *dir, *kn;

	/* As upstream's rdtgroup_mkdir_info_resdir(): the mode of info/. */
	dir = kernfs_create_dir(info, name, info->mode, &rctl_default_group);
	if (IS_ERR(dir))
		return dir;
	for (f = rctl_info_files; f < rctl_info_files + ARRAY_SIZE(rctl_info_files); f++) {
		if (mon ? f->ctrl_types : !(f->ctrl_types & BIT(r->desc->ctrl)))
			continue;
		if (f->occupancy && !rctl_has_occupancy(r))
			continue;
		kn = rctl_file_add(dir, &f->attr, NULL, 0, r);
		if (IS_ERR(kn))
			goto fail;
	}
	if (mon) {
		kn = ERR_PTR(rctl_evt_config_add_files(r, dir));
		if (IS_ERR(kn))
			goto fail;
	}
	return dir;
fail:
	kernfs_remove(dir);
	return kn;
}

static struct kernfs_node *rctl_info_kn(void)
{
	return kernfs_find_and_get(rctl_default_group.kn, "info");
}

/*
 * info/<NAME>, or with CDP info/<NAME>DATA and info/<NAME>CODE: @r's
 * control directories, with the driver's files.
 */
static int rctl_info_add_ctrl_dirs(struct kernfs_node *info,
				   struct resctrl_res *r)
{
	char name[RCTL_CONF_NAME_LEN];
	enum resctrl_conf_type type;
	struct kernfs_node *kn;
	unsigned int i;
	int ret;

	for (i = 0; i < rctl_res_nconf(r); i++) {
		type = rctl_res_conf(r, i);
		rctl_conf_name(r, type, name, sizeof(name));
		kn = rctl_info_dir(info, r, name, false);
		if (IS_ERR(kn))
			return PTR_ERR(kn);
		if (type == RESCTRL_CONF_CODE)
			r->info_code_kn = kn;
		else
			r->info_kn = kn;
		ret = rctl_add_driver_info_files(r, kn) ?:
		      rctl_describe_add(r, kn, type);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * rctl_info_add_res() - info/<NAME> and info/<NAME>_MON of a resource
 * @r: a resource of the mount
 *
 * For a control with its own scope (@r->ctrl_of), its description in
 * its resource's info/<NAME>/resource_schemata/ instead.
 *
 * Return: 0, or an error after which none of them is left.
 */
int rctl_info_add_res(struct resctrl_res *r)
{
	struct kernfs_node *info = rctl_info_kn(), *kn;
	char name[RCTL_CONF_NAME_LEN];
	int ret = 0;

	if (!info)
		return -ENOENT;
	/* What an earlier mount left is gone with its tree. */
	r->info_code_kn = NULL;
	if (r->ctrl_of) {
		/* No directory of its own: see scoped.c. */
		ret = rctl_describe_add_scoped(r);
		goto out;
	}
	if (rctl_res_has_ctrl(r)) {
		ret = rctl_info_add_ctrl_dirs(info, r);
		if (ret)
			goto out;
	}
	if (rctl_res_has_mon(r)) {
		snprintf(name, sizeof(name), "%s_MON", r->desc->name);
		kn = rctl_info_dir(info, r, name, true);
		if (IS_ERR(kn)) {
			ret = PTR_ERR(kn);
			goto out;
		}
		r->mon_info_kn = kn;
	}
	if (r->mon_info_kn)
		ret = rctl_add_driver_info_files(r, r->mon_info_kn);
out:
	if (ret)
		rctl_info_remove_res(r);
	kernfs_put(info);
	return ret;
}

/**
 * rctl_info_remove_res() - remove a resource's info directories
 * @r: the resource
 */
void rctl_info_remove_res(struct resctrl_res *r)
{
	kernfs_remove(r->info_kn);
	kernfs_remove(r->info_code_kn);
	kernfs_remove(r->mon_info_kn);
	r->info_kn = NULL;
	r->info_code_kn = NULL;
	r->mon_info_kn = NULL;
}

/**
 * rctl_info_dir_conf() - which half of the CLOSIDs an info directory is for
 * @r: the resource
 * @dir: one of its info directories
 *
 * Return: RESCTRL_CONF_CODE for info/<NAME>CODE, RESCTRL_CONF_DATA for
 * info/<NAME>DATA, RESCTRL_CONF_BOTH for any other.
 */
enum resctrl_conf_type rctl_info_dir_conf(struct resctrl_res *r,
					  struct kernfs_node *dir)
{
	if (dir && dir == r->info_code_kn)
		return RESCTRL_CONF_CODE;
	if (dir && dir == r->info_kn && r->info_code_kn)
		return RESCTRL_CONF_DATA;
	return RESCTRL_CONF_BOTH;
}

/**
 * rctl_info_create() - create info/ and its files in a new mount
 * @root: the mount's root directory, not yet activated
 *
 * Return: 0, or a negative error code.
 */
int rctl_info_create(struct kernfs_node *root)
{
	struct kernfs_node *info, *kn;

	/* info/ belongs to the default group: see group.c. */
	/* As upstream's rdtgroup_create_info_dir(): the mode of the root. */
	info = kernfs_create_dir(root, "info", root->mode, &rctl_default_group);
	if (IS_ERR(info))
		return PTR_ERR(info);
	kn = __kernfs_create_file(info, rctl_status_attr.name,
				  S_IFREG | rctl_status_attr.mode,
				  GLOBAL_ROOT_UID, GLOBAL_ROOT_GID, 0,
				  &rctl_status_attr.ops, NULL, NULL, NULL);
	return PTR_ERR_OR_ZERO(kn);
}
