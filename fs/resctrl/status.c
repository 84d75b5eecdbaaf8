// SPDX-License-Identifier: GPL-2.0
/*
 * info/last_cmd_status: why the last write to a resctrl file failed.
 *
 * Every write clears the buffer when it starts and adds a line for each
 * problem it finds, so a reader sees the reasons of the most recent
 * operation only, or "ok" when it had nothing to say.
 */
#include <linux/lockdep.h>
#include <linux/seq_buf.h>
#include <linux/seq_file.h>
#include <linux/string.h>

#include "internal.h"

static char rctl_status_text[512];
static struct seq_buf rctl_status = {
	.buffer = rctl_status_text,
	.size = sizeof(rctl_status_text),
};

void rctl_status_clear(void)
{
	lockdep_assert_held(&rctl_mutex);
	seq_buf_clear(&rctl_status);
}

void rctl_status_puts(const char *msg)
{
	lockdep_assert_held(&rctl_mutex);
	seq_buf_puts(&rctl_status, msg);
}

void rctl_status_vprintf(const char *fmt, va_list args)
{
	lockdep_assert_held(&rctl_mutex);
	seq_buf_vprintf(&rctl_status, fmt, args);
}

void rctl_status_printf(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	rctl_status_vprintf(fmt, args);
	va_end(args);
}

static int rctl_status_show(struct seq_file *sf, void *v)
{
	struct kernfs_open_file *of = sf->private;

	/* info/ belongs to the default group, which is never removed. */
	rctl_group_lock(of->kn);
	if (seq_buf_used(&rctl_status))
		seq_write(sf, rctl_status_text, seq_buf_used(&rctl_status));
	else
		seq_puts(sf, "ok\n");
	rctl_group_unlock(of->kn);
	return 0;
}

/**
 * rctl_write_refused() - kernfs write of a file that takes no writes
 * @of: the open file
 * @buf: the text written, ignored
 * @nbytes: its length
 * @off: the file position, ignored
 *
 * Root may chmod any file of the mount, and kernfs then lets a writer
 * open a file whose node has a write operation. Every file of the core
 * has one, so that such a write reaches this refusal rather than a
 * missing handler; upstream 6.12's rdtgroup_file_write() refuses it with
 * -EINVAL too (it leaves last_cmd_status alone, this explains it).
 * Context: process; takes rctl_mutex, may sleep.
 *
 * Return: -EINVAL, or -ENOENT if the file's group was removed.
 */
ssize_t rctl_write_refused(struct kernfs_open_file *of, char *buf,
			   size_t nbytes, loff_t off)
{
	struct rctl_group *g;

	g = rctl_group_lock(of->kn);
	rctl_status_clear();
	if (g)
		rctl_status_printf("%s: the file is read-only\n", of->kn->name);
	rctl_group_unlock(of->kn);
	return g ? -EINVAL : -ENOENT;
}

const struct kernfs_ops rctl_status_ops = {
	.atomic_write_len = PAGE_SIZE,
	.seq_show = rctl_status_show,
	.write = rctl_write_refused,
};

/**
 * rctl_status_copy() - the text of last_cmd_status, for tests
 * @buf: where it goes, NUL terminated
 * @len: room in @buf
 */
void rctl_status_copy(char *buf, size_t len)
{
	lockdep_assert_held(&rctl_mutex);
	strscpy(buf, "", len);
	if (seq_buf_used(&rctl_status))
		strscpy(buf, rctl_status_text,
			min(len, seq_buf_used(&rctl_status) + 1));
}
