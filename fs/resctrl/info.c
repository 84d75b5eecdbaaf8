// SPDX-License-Identifier: GPL-2.0
/*
 * The info/ directory: what the filesystem and its resources can do.
 */
#include <linux/err.h>
#include <linux/kernfs.h>
#include <linux/stat.h>

#include "internal.h"

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
	info = kernfs_create_dir(root, "info", 0555, &rctl_default_group);
	if (IS_ERR(info))
		return PTR_ERR(info);
	kn = __kernfs_create_file(info, "last_cmd_status", S_IFREG | 0444,
				  GLOBAL_ROOT_UID, GLOBAL_ROOT_GID, 0,
				  &rctl_status_ops, NULL, NULL, NULL);
	return PTR_ERR_OR_ZERO(kn);
}
