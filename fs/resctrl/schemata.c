// SPDX-License-Identifier: GPL-2.0
/*
 * The schemata file: one line per control resource, "NAME:<dom>=<val>;...".
 * A write may carry any subset of the lines; lines not written keep their
 * values.
 */
#include <linux/seq_file.h>
#include <linux/string.h>

#include "internal.h"

static int rctl_schemata_show(struct seq_file *sf, void *v)
{
	struct kernfs_open_file *of = sf->private;
	struct rctl_group *g;

	g = rctl_group_lock(of->kn);
	/* One line per control resource; none is registered yet. */
	rctl_group_unlock(of->kn);
	return g ? 0 : -ENOENT;
}

/* Check one "NAME:values" line. */
static int rctl_schemata_check_line(char *line)
{
	struct rctl_resource *r;
	char *name;

	name = strim(strsep(&line, ":"));
	if (!line) {
		rctl_status_puts("Missing ':'\n");
		return -EINVAL;
	}
	if (!*line) {
		rctl_status_printf("Missing '%s' value\n", name);
		return -EINVAL;
	}
	r = rctl_find_resource(name);
	if (!r || !r->num_closid) {
		rctl_status_printf("Unknown or unsupported resource name '%s'\n",
				   name);
		return -EINVAL;
	}
	return 0;
}

static ssize_t rctl_schemata_write(struct kernfs_open_file *of, char *buf,
				   size_t nbytes, loff_t off)
{
	struct rctl_group *g;
	char *line;
	int ret = 0;

	g = rctl_group_lock(of->kn);
	rctl_status_clear();
	if (!g) {
		ret = -ENOENT;
		goto unlock;
	}
	if (!nbytes || buf[nbytes - 1] != '\n') {
		rctl_status_puts("Schemata lines must end with a newline\n");
		ret = -EINVAL;
		goto unlock;
	}
	buf[nbytes - 1] = '\0';
	while (!ret && (line = strsep(&buf, "\n")))
		ret = rctl_schemata_check_line(line);
unlock:
	rctl_group_unlock(of->kn);
	return ret ?: nbytes;
}

const struct kernfs_ops rctl_schemata_ops = {
	.seq_show = rctl_schemata_show,
	.write = rctl_schemata_write,
};
