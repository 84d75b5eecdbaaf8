// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers shared by the resctrl selftests.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rctl_util.h"

int rctl_read(const char *path, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n = 0;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	while (len + 1 < size && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	if (n < 0) {
		n = -errno;
		close(fd);
		return n;
	}
	close(fd);
	buf[len] = '\0';
	return len;
}

int rctl_write(const char *path, const char *text)
{
	ssize_t n = 0;
	int fd, err = 0;

	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	if (n < 0)
		err = -errno;
	else if ((size_t)n != strlen(text))
		err = -EIO;
	close(fd);
	return err;
}

bool rctl_reads(const char *path, const char *want)
{
	char buf[4096];
	int n = rctl_read(path, buf, sizeof(buf));

	if (n < 0) {
		ksft_print_msg("read %s: %s\n", path, strerror(-n));
		return false;
	}
	if (strcmp(buf, want)) {
		ksft_print_msg("%s reads \"%s\", expected \"%s\"\n", path, buf, want);
		return false;
	}
	return true;
}

bool rctl_status_is(const char *want)
{
	return rctl_reads(RCTL_ROOT "/info/last_cmd_status", want);
}

bool rctl_write_fails(const char *path, const char *text, int err,
		      const char *status)
{
	int ret = rctl_write(path, text);

	if (ret != -err) {
		ksft_print_msg("write \"%s\" to %s: got %s, expected %s\n", text,
			       path, ret ? strerror(-ret) : "success",
			       strerror(err));
		return false;
	}
	return rctl_status_is(status);
}

bool rctl_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

int rctl_mount(const char *options)
{
	if (mount("resctrl", RCTL_ROOT, "resctrl", 0, options))
		return -errno;
	return 0;
}

int rctl_umount(void)
{
	if (umount(RCTL_ROOT))
		return -errno;
	return 0;
}

bool rctl_fs_registered(void)
{
	char buf[8192];

	if (rctl_read("/proc/filesystems", buf, sizeof(buf)) < 0)
		return false;
	return strstr(buf, "\tresctrl\n");
}
