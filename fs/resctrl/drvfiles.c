// SPDX-License-Identifier: GPL-2.0
/*
 * Files whose contents drivers provide: extra info/ files and extra files
 * in every control group. The core creates and removes them with the
 * resource and calls the driver with the filesystem lock held.
 */
#include <linux/kernfs.h>
#include <linux/seq_file.h>
#include <linux/string.h>

#include "internal.h"

static const struct resctrl_info_attr *rctl_info_attr_in(const struct resctrl_info_attr *a,
							 const char *name)
{
	for (; a && a->name; a++)
		if (!strcmp(a->name, name))
			return a;
	return NULL;
}

/* Driver info files of @dir: info/<NAME> or info/<NAME>_MON. */
static const struct resctrl_info_attr *rctl_info_attrs(struct resctrl_res *r,
						       struct kernfs_node *dir)
{
	if (dir == r->mon_info_kn && r->info_kn)
		return r->desc->mon_info;
	return r->desc->info;
}

static const struct resctrl_info_attr *rctl_info_attr_named(struct resctrl_res *r,
							    struct kernfs_node *kn)
{
	return rctl_info_attr_in(rctl_info_attrs(r, kn->parent), kn->name);
}

static const struct resctrl_group_attr *rctl_group_attr_named(struct resctrl_res *r,
							      const char *name)
{
	const struct resctrl_group_attr *a;

	for (a = r->desc->files; a && a->name; a++)
		if (!strcmp(a->name, name))
			return a;
	return NULL;
}

static int rctl_info_attr_show(struct seq_file *sf, void *v)
{
	struct kernfs_open_file *of = sf->private;
	struct resctrl_res *r = of->kn->priv;
	int ret = -ENODEV;

	rctl_res_pin(r);
	rctl_group_lock(of->kn);
	if (!r->dead)
		ret = rctl_info_attr_named(r, of->kn)->show(r, sf);
	rctl_group_unlock(of->kn);
	rctl_res_unpin(r);
	return ret;
}

static ssize_t rctl_info_attr_write(struct kernfs_open_file *of, char *buf,
				    size_t nbytes, loff_t off)
{
	struct resctrl_res *r = of->kn->priv;
	const struct resctrl_info_attr *a;
	int ret = -ENODEV;

	rctl_res_pin(r);
	rctl_group_lock(of->kn);
	rctl_status_clear();
	a = r->dead ? NULL : rctl_info_attr_named(r, of->kn);
	if (a && !a->write) {
		/* Read-only, but root may have chmod'ed it writable. */
		rctl_status_printf("%s: the file is read-only\n", of->kn->name);
		ret = -EINVAL;
	} else if (a) {
		ret = a->write(r, buf);
	}
	rctl_group_unlock(of->kn);
	rctl_res_unpin(r);
	return ret ?: nbytes;
}

static const struct kernfs_ops rctl_info_attr_ops = {
	.atomic_write_len = PAGE_SIZE,
	.seq_show = rctl_info_attr_show,
	.write = rctl_info_attr_write,
};

/**
 * rctl_add_driver_info_files() - the driver's files of an info directory
 * @r: the resource
 * @dir: info/<NAME> or info/<NAME>_MON, with @r->info_kn and
 *	@r->mon_info_kn already set
 *
 * Return: 0 or a negative error code; the caller removes @dir.
 */
int rctl_add_driver_info_files(struct resctrl_res *r, struct kernfs_node *dir)
{
	const struct resctrl_info_attr *a;
	struct kernfs_node *kn;

	for (a = rctl_info_attrs(r, dir); a && a->name; a++) {
		kn = rctl_add_file(dir, a->name, a->write ? 0644 : 0444,
				   &rctl_info_attr_ops, r);
		if (IS_ERR(kn))
			return PTR_ERR(kn);
	}
	return 0;
}

static int rctl_group_attr_show(struct seq_file *sf, void *v)
{
	struct kernfs_open_file *of = sf->private;
	struct resctrl_res *r = of->kn->priv;
	struct rctl_group *g;
	int ret = -ENODEV;

	rctl_res_pin(r);
	g = rctl_group_lock(of->kn);
	if (g && !r->dead)
		ret = rctl_group_attr_named(r, of->kn->name)->show(r, g->closid,
								   g->rmid, sf);
	rctl_group_unlock(of->kn);
	rctl_res_unpin(r);
	return ret;
}

static ssize_t rctl_group_attr_write(struct kernfs_open_file *of, char *buf,
				     size_t nbytes, loff_t off)
{
	struct resctrl_res *r = of->kn->priv;
	const struct resctrl_group_attr *a = NULL;
	struct rctl_group *g;
	int ret = -ENODEV;

	rctl_res_pin(r);
	g = rctl_group_lock(of->kn);
	rctl_status_clear();
	if (g && !r->dead)
		a = rctl_group_attr_named(r, of->kn->name);
	if (a && !a->write) {
		/* Read-only, but root may have chmod'ed it writable. */
		rctl_status_printf("%s: the file is read-only\n", of->kn->name);
		ret = -EINVAL;
	} else if (a) {
		ret = a->write(r, g->closid, g->rmid, buf);
	}
	rctl_group_unlock(of->kn);
	rctl_res_unpin(r);
	return ret ?: nbytes;
}

const struct kernfs_ops rctl_group_attr_ops = {
	.atomic_write_len = PAGE_SIZE,
	.seq_show = rctl_group_attr_show,
	.write = rctl_group_attr_write,
};

/**
 * resctrl_last_cmd_printf() - explain a refused write in last_cmd_status
 * @fmt: printf format of one line, ending in a newline
 *
 * For callbacks that refuse a value or a write (parse, group and info
 * file writes): the user reads the reason in info/last_cmd_status.
 * Context: a callback, with the filesystem lock held.
 */
void resctrl_last_cmd_printf(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	rctl_status_vprintf(fmt, args);
	va_end(args);
}
EXPORT_SYMBOL_NS_GPL(resctrl_last_cmd_printf, RESCTRL);
