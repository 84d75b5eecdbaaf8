// SPDX-License-Identifier: GPL-2.0
/*
 * Mount options: the upstream ones (cdp, cdpl2, mba_MBps, debug), the
 * plugin options drivers declare for their resources, and hide=NAME,
 * which keeps a resource out of the mount. Two resources with the same
 * claim on hardware never both serve a mount: hide= picks between them.
 *
 * cdp and cdpl2 turn on code and data prioritisation (CDP) for the
 * resources of scope L3 and L2 that can do it (cdp.c). A mount asks for
 * them only if such a resource is registered; resources registered later
 * follow the live mount's options.
 */
#include <linux/fs_context.h>
#include <linux/fs_parser.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "internal.h"

/* The options of the live mount. */
static struct rctl_mount_opts rctl_mopts;

static bool rctl_listed(const char *list, const char *name)
{
	size_t len = strlen(name);
	const char *p = list;

	while (p && *p) {
		if (!strncmp(p, name, len) && (p[len] == ',' || !p[len]))
			return true;
		p = strchr(p, ',');
		if (p)
			p++;
	}
	return false;
}

static int rctl_list_add(char **list, const char *name)
{
	char *grown;

	if (rctl_listed(*list, name))
		return 0;
	grown = *list ? kasprintf(GFP_KERNEL, "%s,%s", *list, name) :
			kstrdup(name, GFP_KERNEL);
	if (!grown)
		return -ENOMEM;
	kfree(*list);
	*list = grown;
	return 0;
}

/* Whether a registered resource can be split by the option @key. */
static bool rctl_cdp_offered(const char *key)
{
	struct rctl_mount_opts o = {
		.cdp_l3 = !strcmp(key, "cdp"),
		.cdp_l2 = !strcmp(key, "cdpl2"),
	};
	struct resctrl_res *r;
	bool found = false;

	mutex_lock(&rctl_mutex);
	list_for_each_entry(r, &rctl_resources, list)
		if (rctl_cdp_wanted(r->desc, &o))
			found = true;
	mutex_unlock(&rctl_mutex);
	return found;
}

static bool rctl_driver_option(const char *key)
{
	struct resctrl_res *r;
	bool found = false;

	mutex_lock(&rctl_mutex);
	list_for_each_entry(r, &rctl_resources, list)
		if (r->desc->plugin_option && !strcmp(r->desc->plugin_option, key))
			found = true;
	mutex_unlock(&rctl_mutex);
	return found;
}

/**
 * rctl_parse_param() - fs_context parse_param: one mount option
 * @fc: the mount's context
 * @param: the option
 *
 * Return: 0, -ENOPARAM for an option nobody declares (the VFS then
 * reports it), or -EINVAL with a message.
 */
int rctl_parse_param(struct fs_context *fc, struct fs_parameter *param)
{
	struct rctl_fs_context *ctx = fc->fs_private;
	const char *key = param->key;
	bool flag = param->type == fs_value_is_flag;

	if (flag && (!strcmp(key, "cdp") || !strcmp(key, "cdpl2"))) {
		if (!rctl_cdp_offered(key))
			return invalfc(fc, "%s: no resource offers code and data prioritization",
				       key);
		if (!strcmp(key, "cdpl2"))
			ctx->opts.cdp_l2 = true;
		else
			ctx->opts.cdp_l3 = true;
		return 0;
	}
	if (flag && !strcmp(key, "mba_MBps")) {
		/* Upstream's words; the rule is mbps.c's, for any provider. */
		if (!rctl_mbps_possible())
			return invalfc(fc, "%s", RCTL_MBPS_REFUSED);
		ctx->opts.mba_mbps = true;
		return 0;
	}
	if (flag && !strcmp(key, "debug")) {
		ctx->opts.debug = true;
		return 0;
	}
	if (!strcmp(key, "hide")) {
		if (param->type != fs_value_is_string || !*param->string)
			return invalfc(fc, "hide needs a resource name");
		return rctl_list_add(&ctx->opts.hide, param->string);
	}
	if (flag && rctl_driver_option(key))
		return rctl_list_add(&ctx->opts.plugin, key);
	return -ENOPARAM;
}

/**
 * rctl_mount_opts_free() - free the lists of a set of options
 * @o: the options
 */
void rctl_mount_opts_free(struct rctl_mount_opts *o)
{
	kfree(o->hide);
	kfree(o->plugin);
	memset(o, 0, sizeof(*o));
}

/**
 * rctl_mount_opts_install() - make a mount's options the live ones
 * @o: the options parsed for the mount; emptied
 *
 * Each resource learns whether the mount leaves it out (&resctrl_res.hidden);
 * resources that CDP splits get the default value in both halves of
 * every CLOSID, programmed in each online domain.
 */
void rctl_mount_opts_install(struct rctl_mount_opts *o)
{
	struct resctrl_res *r;

	lockdep_assert_held(&rctl_mutex);
	rctl_mount_opts_free(&rctl_mopts);
	rctl_mopts = *o;
	memset(o, 0, sizeof(*o));
	/* In list order: a rival is left out for one that came before. */
	list_for_each_entry(r, &rctl_resources, list)
		r->hidden = rctl_mount_hides(r);
	list_for_each_entry(r, &rctl_resources, list)
		if (rctl_res_cdp(r))
			rctl_res_reprogram(r);
}

/**
 * rctl_mount_opts_clear() - forget the options at unmount
 *
 * Resources that CDP split are whole again, with the default value for
 * every CLOSID programmed in each online domain.
 */
void rctl_mount_opts_clear(void)
{
	struct rctl_mount_opts was = {
		.cdp_l3 = rctl_mopts.cdp_l3,
		.cdp_l2 = rctl_mopts.cdp_l2,
	};
	struct resctrl_res *r;

	lockdep_assert_held(&rctl_mutex);
	rctl_mount_opts_free(&rctl_mopts);
	list_for_each_entry(r, &rctl_resources, list)
		if (rctl_cdp_wanted(r->desc, &was))
			rctl_res_reprogram(r);
}

/*
 * The resource of the mount that drives the same hardware as @r and came
 * first: resources registered before @r (all of them while @r is being
 * registered) that the mount shows.
 */
static struct resctrl_res *rctl_mount_rival(struct resctrl_res *r)
{
	const char *hw = r->desc->claim;
	struct resctrl_res *o;

	if (!hw)
		return NULL;
	list_for_each_entry(o, &rctl_resources, list) {
		if (o == r)
			break;
		if (!o->hidden && o->desc->claim && !strcmp(o->desc->claim, hw))
			return o;
	}
	return NULL;
}

/**
 * rctl_mount_hides() - whether the live mount leaves a resource out
 * @r: the resource; the resources before it in rctl_resources already
 *	know whether they are hidden
 *
 * Two providers of the same hardware never both serve a mount: the one
 * registered first wins unless the mount hides it by name, and the kernel
 * log says which one was left out.
 *
 * Return: true if the mount lacks the option the resource needs, hides it
 * by name, or shows a resource that drives the same hardware; for a
 * control with its own scope, true if its resource is hidden.
 */
bool rctl_mount_hides(struct resctrl_res *r)
{
	struct resctrl_res *rival;

	lockdep_assert_held(&rctl_mutex);
	/* A control with its own scope shows with its resource (scoped.c). */
	if (r->ctrl_of)
		return r->ctrl_of->hidden;
	if (r->desc->plugin_option && !rctl_listed(rctl_mopts.plugin, r->desc->plugin_option))
		return true;
	if (rctl_listed(rctl_mopts.hide, r->desc->name))
		return true;
	rival = rctl_mount_rival(r);
	if (rival)
		pr_info("resctrl: %s left out: %s drives the same hardware (%s); mount with hide=%s to use %s\n",
			r->desc->name, rival->desc->name, r->desc->claim,
			rival->desc->name, r->desc->name);
	return rival;
}

/**
 * rctl_mount_mbps() - whether the live mount has the mba_MBps option
 *
 * Return: true with mba_MBps: the software controller steers the
 * resources it can (see mbps.c).
 */
bool rctl_mount_mbps(void)
{
	return rctl_mopts.mba_mbps;
}

/**
 * rctl_mount_opts() - the options of the live mount
 *
 * Return: them; all clear while unmounted. rctl_mutex is held.
 */
const struct rctl_mount_opts *rctl_mount_opts(void)
{
	return &rctl_mopts;
}

/**
 * rctl_mount_debug() - whether the live mount has the debug option
 *
 * Return: true with debug: groups then show ctrl_hw_id and mon_hw_id.
 */
bool rctl_mount_debug(void)
{
	return rctl_mopts.debug;
}

static void rctl_show_list(struct seq_file *sf, const char *prefix,
			   const char *list)
{
	const char *p = list, *end;

	while (p && *p) {
		end = strchrnul(p, ',');
		seq_printf(sf, ",%s%.*s", prefix, (int)(end - p), p);
		p = *end ? end + 1 : end;
	}
}

/**
 * rctl_show_options() - kernfs show_options: the options in /proc/mounts
 * @sf: where they go
 * @root: the mount's root
 *
 * Return: 0.
 */
int rctl_show_options(struct seq_file *sf, struct kernfs_root *root)
{
	mutex_lock(&rctl_mutex);
	if (rctl_mopts.cdp_l3)
		seq_puts(sf, ",cdp");
	if (rctl_mopts.cdp_l2)
		seq_puts(sf, ",cdpl2");
	if (rctl_mopts.mba_mbps)
		seq_puts(sf, ",mba_MBps");
	if (rctl_mopts.debug)
		seq_puts(sf, ",debug");
	rctl_show_list(sf, "", rctl_mopts.plugin);
	rctl_show_list(sf, "hide=", rctl_mopts.hide);
	mutex_unlock(&rctl_mutex);
	return 0;
}
