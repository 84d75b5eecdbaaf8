// SPDX-License-Identifier: GPL-2.0
/*
 * Files whose contents drivers provide: extra info/ files and extra files
 * in every CTRL_MON group. The core creates and removes them with the
 * resource and calls the driver with the filesystem lock held.
 *
 * Each such file's priv is a &struct rctl_res_file of its resource, made
 * at registration, that names the driver's attribute: a handler goes
 * straight to it.
 */
#include <linux/kernfs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "internal.h"

static unsigned int rctl_info_attr_count(const struct resctrl_info_attr *a)
{
	unsigned int n = 0;

	for (; a && a->name; a++)
		n++;
	return n;
}

/**
 * rctl_res_files_init() - the file slots of a new resource
 * @r: the resource, its description set
 *
 * One &struct rctl_res_file per driver info file, driver group file and
 * event; freed by rctl_res_files_free().
 *
 * Return: 0 or -ENOMEM.
 */
int rctl_res_files_init(struct resctrl_res *r)
{
	const struct rctl_desc *desc = r->desc;
	unsigned int ni = rctl_info_attr_count(desc->info);
	unsigned int nm = rctl_info_attr_count(desc->mon_info);
	const struct resctrl_group_attr *ga;
	unsigned int i, n, ng = 0;

	for (ga = desc->files; ga && ga->name; ga++)
		ng++;
	n = ni + nm + ng + desc->num_events;
	r->files = kcalloc(max(n, 1U), sizeof(*r->files), GFP_KERNEL);
	if (!r->files)
		return -ENOMEM;
	r->mon_info_files = r->files + ni;
	r->group_files = r->mon_info_files + nm;
	r->evt_files = r->group_files + ng;
	for (i = 0; i < n; i++)
		r->files[i].res = r;
	for (i = 0; i < ni; i++)
		r->files[i].info = &desc->info[i];
	for (i = 0; i < nm; i++)
		r->mon_info_files[i].info = &desc->mon_info[i];
	for (i = 0; i < ng; i++)
		r->group_files[i].group = &desc->files[i];
	for (i = 0; i < desc->num_events; i++)
		r->evt_files[i].evt = i;
	return 0;
}

/**
 * rctl_res_files_free() - free the file slots of a resource
 * @r: the resource, whose files are all gone
 */
void rctl_res_files_free(struct resctrl_res *r)
{
	kfree(r->files);
	r->files = NULL;
}

/**
 * rctl_res_file_res() - the resource of a file whose priv is a file slot
 * @priv: the file's &struct rctl_res_file
 *
 * Return: its resource.
 */
struct resctrl_res *rctl_res_file_res(void *priv)
{
	return ((struct rctl_res_file *)priv)->res;
}

static int rctl_info_attr_show(struct rctl_file_ctx *c, struct seq_file *sf)
{
	const struct rctl_res_file *f = c->priv;

	return f->info->show(c->r, sf);
}

static int rctl_info_attr_write(struct rctl_file_ctx *c, char *buf,
				size_t nbytes)
{
	const struct rctl_res_file *f = c->priv;

	return f->info->write(c->r, buf);
}

static int rctl_group_attr_show(struct rctl_file_ctx *c, struct seq_file *sf)
{
	const struct rctl_res_file *f = c->priv;

	return f->group->show(c->r, c->g->closid, c->g->rmid, sf);
}

static int rctl_group_attr_write(struct rctl_file_ctx *c, char *buf,
				 size_t nbytes)
{
	const struct rctl_res_file *f = c->priv;

	return f->group->write(c->r, c->g->closid, c->g->rmid, buf);
}

enum rctl_drv_kind {
	RCTL_DRV_INFO,
	RCTL_DRV_GROUP,
};

/* Per kind, the attribute of a read-only and of a writable file. */
static const struct rctl_file_attr rctl_drv_attrs[][2] = {
	[RCTL_DRV_INFO] = {
		RCTL_FILE_ATTR(NULL, 0444, rctl_res_file_res,
			       rctl_info_attr_show, NULL),
		RCTL_FILE_ATTR(NULL, 0644, rctl_res_file_res,
			       rctl_info_attr_show, rctl_info_attr_write),
	},
	[RCTL_DRV_GROUP] = {
		RCTL_FILE_ATTR(NULL, 0444, rctl_res_file_res,
			       rctl_group_attr_show, NULL),
		RCTL_FILE_ATTR(NULL, 0644, rctl_res_file_res,
			       rctl_group_attr_show, rctl_group_attr_write),
	},
};

/* The files of the slots from @f to @end in @dir. */
static int rctl_add_drv_files(struct kernfs_node *dir, struct rctl_res_file *f,
			      struct rctl_res_file *end, enum rctl_drv_kind kind)
{
	struct kernfs_node *kn;
	bool rw;

	for (; f < end; f++) {
		rw = kind == RCTL_DRV_INFO ? !!f->info->write : !!f->group->write;
		kn = rctl_file_add(dir, &rctl_drv_attrs[kind][rw],
				   kind == RCTL_DRV_INFO ? f->info->name :
				   f->group->name, 0, f);
		if (IS_ERR(kn))
			return PTR_ERR(kn);
	}
	return 0;
}

/**
 * rctl_add_driver_info_files() - the driver's files of an info directory
 * @r: the resource
 * @dir: info/<NAME> or info/<NAME>_MON, with @r->info_kn and
 *	@r->mon_info_kn already set
 *
 * info/<NAME>_MON has the driver's monitoring files when info/<NAME>
 * exists too, and its plain info files otherwise.
 *
 * Return: 0 or a negative error code; the caller removes @dir.
 */
int rctl_add_driver_info_files(struct resctrl_res *r, struct kernfs_node *dir)
{
	if (dir == r->mon_info_kn && r->info_kn)
		return rctl_add_drv_files(dir, r->mon_info_files, r->group_files,
					  RCTL_DRV_INFO);
	return rctl_add_drv_files(dir, r->files, r->mon_info_files,
				  RCTL_DRV_INFO);
}

/**
 * rctl_add_driver_group_files() - the driver's files of a CTRL_MON group
 * @r: the resource
 * @dir: the group's directory
 *
 * Return: 0 or a negative error code; the caller removes the group.
 */
int rctl_add_driver_group_files(struct resctrl_res *r, struct kernfs_node *dir)
{
	return rctl_add_drv_files(dir, r->group_files, r->evt_files,
				  RCTL_DRV_GROUP);
}
