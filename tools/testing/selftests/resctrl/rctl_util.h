/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the resctrl selftests: file access, mounting, and
 * checks of the errno and last_cmd_status of a rejected write.
 */
#ifndef RCTL_UTIL_H
#define RCTL_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "../kselftest.h"

#define RCTL_ROOT "/sys/fs/resctrl"

/* Read a whole file into @buf; returns the length or -errno. */
int rctl_read(const char *path, char *buf, size_t size);
/* Write @text in one write(2); returns 0 or -errno. */
int rctl_write(const char *path, const char *text);
/* Whether @path reads exactly @want. */
bool rctl_reads(const char *path, const char *want);
/* Whether the last command status reads exactly @want. */
bool rctl_status_is(const char *want);
/*
 * Write @text to @path and check that it fails with @err and leaves
 * @status in info/last_cmd_status. Reports what differs.
 */
bool rctl_write_fails(const char *path, const char *text, int err,
		      const char *status);
bool rctl_exists(const char *path);
int rctl_mount(const char *options);
int rctl_umount(void);
/* Whether /proc/filesystems lists resctrl. */
bool rctl_fs_registered(void);

#endif
