// SPDX-License-Identifier: GPL-2.0
/*
 * info/last_cmd_status: why the last write to a resctrl file failed.
 *
 * Every write clears the buffer when it starts and adds a line for each
 * problem it finds, so a reader sees the reasons of the most recent
 * operation only, or "ok" when it had nothing to say.
 */
#include <linux/export.h>
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

/* info/ belongs to the default group, which is never removed. */
static int rctl_status_show(struct rctl_file_ctx *c, struct seq_file *sf)
{
	if (seq_buf_used(&rctl_status))
		seq_write(sf, rctl_status_text, seq_buf_used(&rctl_status));
	else
		seq_puts(sf, "ok\n");
	return 0;
}

const struct rctl_file_attr rctl_status_attr =
	RCTL_FILE_ATTR("last_cmd_status", 0444, NULL, rctl_status_show, NULL);

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
