// SPDX-License-Identifier: GPL-2.0
/*
 * The file operations of every resctrl file, in one place.
 *
 * Each file's kernfs operations are embedded in its &struct
 * rctl_file_attr, so a handler finds the attribute from the node it was
 * called for, without a lookup. The prologue every handler needs lives
 * here once: pin the file's resource and group across kernfs active
 * protection (removal waits for active references under rctl_mutex),
 * take rctl_lock(), check that both are still alive, then dispatch.
 */
#include <linux/cred.h>
#include <linux/kernfs.h>
#include <linux/seq_file.h>
#include <linux/stat.h>

#include "internal.h"

/**
 * rctl_file_res() - the resource of a file whose priv is the resource
 * @priv: the file's kernfs_node priv
 *
 * Return: @priv.
 */
struct resctrl_res *rctl_file_res(void *priv)
{
	return priv;
}

/*
 * Pin and lock what the file of @of acts on and fill @c. Must be paired
 * with rctl_file_leave() whatever it returns. A write starts with a clear
 * last_cmd_status.
 */
static int rctl_file_enter(struct kernfs_open_file *of,
			   struct rctl_file_ctx *c, bool write)
{
	c->of = of;
	c->attr = container_of_const(of->kn->attr.ops, struct rctl_file_attr, ops);
	c->priv = of->kn->priv;
	c->r = c->attr->res ? c->attr->res(c->priv) : NULL;
	if (c->r)
		rctl_res_pin(c->r);
	c->g = rctl_group_lock(of->kn);
	if (write)
		rctl_status_clear();
	/* A resource's files report a removed group as a gone resource. */
	if (!c->g)
		return c->r ? -ENODEV : -ENOENT;
	if (c->r && c->r->dead)
		return -ENODEV;
	return 0;
}

static void rctl_file_leave(struct rctl_file_ctx *c)
{
	rctl_group_unlock(c->of->kn);
	if (c->r)
		rctl_res_unpin(c->r);
}

/**
 * rctl_file_show() - kernfs seq_show of every file
 * @sf: the seq_file of the open file
 * @v: unused
 *
 * Context: process; takes rctl_lock(), may sleep.
 *
 * Return: 0, or a negative error code.
 */
int rctl_file_show(struct seq_file *sf, void *v)
{
	struct rctl_file_ctx c;
	int ret;

	ret = rctl_file_enter(sf->private, &c, false);
	if (!ret && c.attr->show)
		ret = c.attr->show(&c, sf);
	rctl_file_leave(&c);
	return ret;
}

/**
 * rctl_file_write() - kernfs write of every file
 * @of: the open file
 * @buf: the text written, NUL terminated
 * @nbytes: its length
 * @off: the file position, ignored
 *
 * Root may chmod any file of the mount, and kernfs then lets a writer
 * open a file whose node has a write operation. Every file has this one,
 * so that such a write to a read-only file reaches a refusal that
 * explains itself in last_cmd_status rather than a missing handler;
 * upstream 6.12's rdtgroup_file_write() refuses it with -EINVAL too.
 * Context: process; takes rctl_lock(), may sleep.
 *
 * Return: @nbytes, or a negative error code.
 */
ssize_t rctl_file_write(struct kernfs_open_file *of, char *buf, size_t nbytes,
			loff_t off)
{
	struct rctl_file_ctx c;
	int ret;

	ret = rctl_file_enter(of, &c, true);
	if (!ret && !c.attr->write) {
		rctl_status_printf("%s: the file is read-only\n", of->kn->name);
		ret = -EINVAL;
	} else if (!ret) {
		ret = c.attr->write(&c, buf, nbytes);
	}
	rctl_file_leave(&c);
	return ret ?: nbytes;
}

/**
 * rctl_file_add() - create a file owned by the writer's fsuid/fsgid
 * @parent: its directory
 * @attr: its attribute
 * @name: its name, NULL for @attr's
 * @mode: its permissions, 0 for @attr's
 * @priv: its private data, handed to the handlers in &rctl_file_ctx.priv
 *
 * Return: the node or an ERR_PTR.
 */
struct kernfs_node *rctl_file_add(struct kernfs_node *parent,
				  const struct rctl_file_attr *attr,
				  const char *name, umode_t mode, void *priv)
{
	return __kernfs_create_file(parent, name ?: attr->name,
				    S_IFREG | (mode ?: attr->mode),
				    current_fsuid(), current_fsgid(), 0,
				    &attr->ops, priv, NULL, NULL);
}
