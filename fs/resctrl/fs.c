// SPDX-License-Identifier: GPL-2.0
/*
 * The resctrl filesystem type: mount, unmount and the kernfs tree.
 *
 * There is one resctrl hierarchy. Each mount builds it afresh from the
 * registered resources, and unmounting returns every task and CPU to the
 * default group, as upstream resctrl does.
 */
#include <linux/cpu.h>
#include <linux/fs.h>
#include <linux/fs_context.h>
#include <linux/init.h>
#include <linux/kernfs.h>
#include <linux/magic.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "internal.h"

bool rctl_mounted;
static struct kernfs_root *rctl_kf_root;
/* Serialises mount against mount; see rctl_get_tree(). */
static DEFINE_MUTEX(rctl_mount_mutex);
/*
 * Held across a whole teardown, from the moment the tree stops being the
 * live one until its pools are freed and the limbo worker is cancelled,
 * and by a mount while it builds: rctl_mutex alone is dropped in the
 * middle of the teardown, and a mount that slipped in there would build
 * on pools the teardown then frees. Taken before cpus_read_lock().
 */
static DEFINE_MUTEX(rctl_teardown_mutex);

static struct kernfs_syscall_ops rctl_kf_syscall_ops = {
	.mkdir = rctl_mkdir,
	.rmdir = rctl_rmdir,
	.rename = rctl_rename,
	.show_options = rctl_show_options,
};

static void rctl_tree_free(struct kernfs_root *root)
{
	rctl_id_pool_destroy(&rctl_rmids);
	rctl_id_pool_destroy(&rctl_closids);
	kernfs_destroy_root(root);
}

/* The resources' files join the tree; on failure none is left. */
static int rctl_tree_add_resources(void)
{
	struct resctrl_res *r;
	int ret;

	for_each_rctl_resource(r) {
		ret = rctl_tree_add_res(r);
		if (ret)
			goto fail;
	}
	return 0;
fail:
	list_for_each_entry_continue_reverse(r, &rctl_resources, list)
		if (r->in_tree)
			rctl_tree_remove_res(r);
	return ret;
}

/* Forget the tree's nodes: they go with the kernfs root. */
static void rctl_tree_forget(void)
{
	struct resctrl_res *r;

	list_for_each_entry(r, &rctl_resources, list) {
		r->in_tree = false;
		r->hidden = false;
		r->mbps = false;
		r->info_kn = NULL;
		r->mon_info_kn = NULL;
	}
	rctl_default_group.kn = NULL;
	rctl_default_group.mon_groups_kn = NULL;
	rctl_default_group.mon_data_kn = NULL;
}

/*
 * Build the hierarchy of a new mount with the options in @opts. Called
 * with rctl_mutex held.
 */
static int rctl_tree_create(struct rctl_mount_opts *opts)
{
	struct kernfs_root *root;
	int ret;

	rctl_mount_opts_install(opts);
	/* CDP may have split resources: every value means something new. */
	rctl_mode_counts_invalidate();

	root = kernfs_create_root(&rctl_kf_syscall_ops,
				  KERNFS_ROOT_CREATE_DEACTIVATED |
				  KERNFS_ROOT_EXTRA_OPEN_PERM_CHECK,
				  &rctl_default_group);
	if (IS_ERR(root))
		return PTR_ERR(root);

	ret = rctl_id_pool_init(&rctl_closids, rctl_num_closids());
	if (!ret)
		ret = rctl_id_pool_init(&rctl_rmids, rctl_num_rmids());
	if (!ret)
		ret = rctl_mbps_mount();
	if (ret)
		goto fail;

	rctl_default_group.kn = kernfs_root_to_node(root);
	ret = rctl_info_create(rctl_default_group.kn) ?:
	      rctl_group_fill_dir(&rctl_default_group) ?:
	      rctl_tree_add_resources();
	if (ret)
		goto fail;

	rctl_task_lists_start();
	kernfs_activate(rctl_default_group.kn);
	rctl_status_clear();
	rctl_kf_root = root;
	rctl_mounted = true;
	rctl_ovf_mount();
	resctrl_arch_set_switching(true);
	return 0;

fail:
	rctl_tree_forget();
	rctl_mount_opts_clear();
	rctl_mode_counts_invalidate();
	rctl_tree_free(root);
	return ret;
}

/*
 * Tear down the hierarchy @root if it is still the live one: from a
 * failed mount or from kill_sb, whichever comes first.
 */
static void rctl_tree_destroy(struct kernfs_root *root)
{
	mutex_lock(&rctl_teardown_mutex);
	rctl_lock();
	if (!root || rctl_kf_root != root) {
		rctl_unlock();
		mutex_unlock(&rctl_teardown_mutex);
		return;
	}
	rctl_remove_all_groups();
	rctl_task_lists_stop();
	rctl_reset_all();
	resctrl_arch_set_switching(false);
	rctl_ovf_unmount();
	rctl_mounted = false;
	rctl_kf_root = NULL;
	rctl_tree_forget();
	rctl_mount_opts_clear();
	rctl_mode_counts_invalidate();
	rctl_status_clear();
	rctl_unlock();

	rctl_limbo_stop();
	rctl_mbps_stop();
	rctl_tree_free(root);
	mutex_unlock(&rctl_teardown_mutex);
}

static int rctl_get_tree(struct fs_context *fc)
{
	struct rctl_fs_context *ctx = fc->fs_private;
	struct kernfs_root *root = NULL;
	int ret;

	/*
	 * kernfs_get_tree() may call rctl_kill_sb() when it fails, which
	 * takes rctl_mutex: so it runs under the mount mutex only.
	 */
	mutex_lock(&rctl_mount_mutex);
	/* An unmount's teardown completes before anything is built. */
	mutex_lock(&rctl_teardown_mutex);
	rctl_lock();
	ret = rctl_mounted ? -EBUSY : rctl_tree_create(&ctx->opts);
	if (!ret)
		root = rctl_kf_root;
	rctl_unlock();
	mutex_unlock(&rctl_teardown_mutex);

	if (!ret) {
		ctx->kfc.root = root;
		ret = kernfs_get_tree(fc);
		if (ret < 0)
			rctl_tree_destroy(root);
	}
	mutex_unlock(&rctl_mount_mutex);
	return ret;
}

static void rctl_fs_context_free(struct fs_context *fc)
{
	struct rctl_fs_context *ctx = fc->fs_private;

	kernfs_free_fs_context(fc);
	rctl_mount_opts_free(&ctx->opts);
	kfree(ctx);
}

static const struct fs_context_operations rctl_fs_context_ops = {
	.free = rctl_fs_context_free,
	.parse_param = rctl_parse_param,
	.get_tree = rctl_get_tree,
};

static int rctl_init_fs_context(struct fs_context *fc)
{
	struct rctl_fs_context *ctx;

	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ctx->kfc.magic = RDTGROUP_SUPER_MAGIC;
	fc->fs_private = ctx;
	fc->ops = &rctl_fs_context_ops;
	put_user_ns(fc->user_ns);
	fc->user_ns = get_user_ns(&init_user_ns);
	fc->global = true;
	return 0;
}

static void rctl_kill_sb(struct super_block *sb)
{
	struct kernfs_root *root = kernfs_root_from_sb(sb);

	kernfs_kill_sb(sb);
	rctl_tree_destroy(root);
}

static struct file_system_type rctl_fs_type = {
	.name = "resctrl",
	.init_fs_context = rctl_init_fs_context,
	.kill_sb = rctl_kill_sb,
};

static int __init rctl_fs_init(void)
{
	int ret;

	list_add(&rctl_default_group.sibling, &rctl_ctrl_groups);
	ret = rctl_cpus_init();
	if (ret)
		return ret;
	ret = sysfs_create_mount_point(fs_kobj, "resctrl");
	if (ret)
		return ret;
	ret = register_filesystem(&rctl_fs_type);
	if (ret)
		sysfs_remove_mount_point(fs_kobj, "resctrl");
	return ret;
}
fs_initcall(rctl_fs_init);
