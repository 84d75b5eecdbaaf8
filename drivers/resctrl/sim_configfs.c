// SPDX-License-Identifier: GPL-2.0
/*
 * resctrl_sim: the configfs side. Each directory of
 * /sys/kernel/config/resctrl_sim/ describes one resource, named after the
 * directory; writing 1 to its live attribute registers it.
 */
#include <linux/configfs.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "sim.h"

static const char * const rsim_ctrl_names[] = {
	[RESCTRL_CTRL_NONE] = "none",
	[RESCTRL_CTRL_BITMASK] = "bitmask",
	[RESCTRL_CTRL_PERCENT] = "percent",
	[RESCTRL_CTRL_MBPS] = "mbps",
	[RESCTRL_CTRL_SCALAR] = "scalar",
	[RESCTRL_CTRL_CUSTOM] = "custom",
};

static const char * const rsim_scope_names[] = {
	[RESCTRL_SCOPE_L2] = "l2",
	[RESCTRL_SCOPE_L3] = "l3",
	[RESCTRL_SCOPE_NODE] = "node",
	[RESCTRL_SCOPE_PACKAGE] = "package",
	[RESCTRL_SCOPE_DEVICE] = "device",
};

/*
 * Take sim->mutex to change the description: fails with -EBUSY, the
 * mutex not held, if the resource is live.
 */
static int rsim_config_lock(struct rsim *sim)
{
	mutex_lock(&sim->mutex);
	if (sim->live) {
		mutex_unlock(&sim->mutex);
		return -EBUSY;
	}
	return 0;
}

static ssize_t rsim_show_u32(struct rsim *sim, const u32 *field,
			     unsigned int base, char *page)
{
	u32 v;

	mutex_lock(&sim->mutex);
	v = *field;
	mutex_unlock(&sim->mutex);
	return sysfs_emit(page, base == 16 ? "%x\n" : "%u\n", v);
}

static ssize_t rsim_store_u32(struct rsim *sim, u32 *field, unsigned int base,
			      const char *page, size_t count)
{
	u32 v;
	int ret;

	ret = kstrtou32(page, base, &v);
	if (ret)
		return ret;
	ret = rsim_config_lock(sim);
	if (ret)
		return ret;
	*field = v;
	mutex_unlock(&sim->mutex);
	return count;
}

static ssize_t rsim_show_bool(struct rsim *sim, const bool *field, char *page)
{
	bool v;

	mutex_lock(&sim->mutex);
	v = *field;
	mutex_unlock(&sim->mutex);
	return sysfs_emit(page, "%d\n", v);
}

static ssize_t rsim_store_bool(struct rsim *sim, bool *field, const char *page,
			       size_t count)
{
	bool v;
	int ret;

	ret = kstrtobool(page, &v);
	if (ret)
		return ret;
	ret = rsim_config_lock(sim);
	if (ret)
		return ret;
	*field = v;
	mutex_unlock(&sim->mutex);
	return count;
}

static ssize_t rsim_show_str(struct rsim *sim, const char *field, char *page)
{
	ssize_t len;

	mutex_lock(&sim->mutex);
	len = sysfs_emit(page, "%s\n", field);
	mutex_unlock(&sim->mutex);
	return len;
}

/* Store a string of up to RSIM_NAME_LEN - 1 characters; "" for none. */
static ssize_t rsim_store_str(struct rsim *sim, char *field, const char *page,
			      size_t count)
{
	size_t len = strnlen(page, count);
	int ret;

	if (len && page[len - 1] == '\n')
		len--;
	if (len >= RSIM_NAME_LEN)
		return -EINVAL;
	ret = rsim_config_lock(sim);
	if (ret)
		return ret;
	memcpy(field, page, len);
	field[len] = '\0';
	mutex_unlock(&sim->mutex);
	return count;
}

/*
 * Each macro defines the show and store functions of the attribute that
 * reads and writes the configuration field @_field (in decimal for
 * numbers); CONFIGFS_ATTR() then declares the attribute.
 */
#define RSIM_NUM_ATTR(_field)						\
static u32 *rsim_##_field##_ptr(struct config_item *item)		\
{									\
	return &to_rsim(item)->cfg._field;				\
}									\
static ssize_t rsim_##_field##_show(struct config_item *item, char *page) \
{									\
	return rsim_show_u32(to_rsim(item), rsim_##_field##_ptr(item),	\
			     10, page);					\
}									\
static ssize_t rsim_##_field##_store(struct config_item *item,		\
				     const char *page, size_t count)	\
{									\
	return rsim_store_u32(to_rsim(item), rsim_##_field##_ptr(item),	\
			      10, page, count);				\
}

#define RSIM_BOOL_ATTR(_field)						\
static bool *rsim_##_field##_ptr(struct config_item *item)		\
{									\
	return &to_rsim(item)->cfg._field;				\
}									\
static ssize_t rsim_##_field##_show(struct config_item *item, char *page) \
{									\
	return rsim_show_bool(to_rsim(item), rsim_##_field##_ptr(item),	\
			      page);					\
}									\
static ssize_t rsim_##_field##_store(struct config_item *item,		\
				     const char *page, size_t count)	\
{									\
	return rsim_store_bool(to_rsim(item), rsim_##_field##_ptr(item), \
			       page, count);				\
}

#define RSIM_STR_ATTR(_field)						\
static char *rsim_##_field##_ptr(struct config_item *item)		\
{									\
	return to_rsim(item)->cfg._field;				\
}									\
static ssize_t rsim_##_field##_show(struct config_item *item, char *page) \
{									\
	return rsim_show_str(to_rsim(item), rsim_##_field##_ptr(item),	\
			     page);					\
}									\
static ssize_t rsim_##_field##_store(struct config_item *item,		\
				     const char *page, size_t count)	\
{									\
	return rsim_store_str(to_rsim(item), rsim_##_field##_ptr(item),	\
			      page, count);				\
}

RSIM_NUM_ATTR(num_closid)
CONFIGFS_ATTR(rsim_, num_closid);
RSIM_NUM_ATTR(num_rmid)
CONFIGFS_ATTR(rsim_, num_rmid);
RSIM_NUM_ATTR(cbm_len)
CONFIGFS_ATTR(rsim_, cbm_len);
RSIM_NUM_ATTR(min_cbm_bits)
CONFIGFS_ATTR(rsim_, min_cbm_bits);
RSIM_NUM_ATTR(cache_bytes)
CONFIGFS_ATTR(rsim_, cache_bytes);
RSIM_NUM_ATTR(min)
CONFIGFS_ATTR(rsim_, min);
RSIM_NUM_ATTR(max)
CONFIGFS_ATTR(rsim_, max);
RSIM_NUM_ATTR(granularity)
CONFIGFS_ATTR(rsim_, granularity);
RSIM_NUM_ATTR(default_val)
CONFIGFS_ATTR(rsim_, default_val);
RSIM_BOOL_ATTR(sparse)
CONFIGFS_ATTR(rsim_, sparse);
RSIM_BOOL_ATTR(delay_linear)
CONFIGFS_ATTR(rsim_, delay_linear);
RSIM_BOOL_ATTR(run_on_domain_cpu)
CONFIGFS_ATTR(rsim_, run_on_domain_cpu);
RSIM_BOOL_ATTR(cdp_capable)
CONFIGFS_ATTR(rsim_, cdp_capable);
RSIM_BOOL_ATTR(memory_nodes)
CONFIGFS_ATTR(rsim_, memory_nodes);
RSIM_STR_ATTR(mount_option)
CONFIGFS_ATTR(rsim_, mount_option);
RSIM_STR_ATTR(hardware)
CONFIGFS_ATTR(rsim_, hardware);
RSIM_STR_ATTR(info_file)
CONFIGFS_ATTR(rsim_, info_file);
RSIM_STR_ATTR(group_file)
CONFIGFS_ATTR(rsim_, group_file);

static ssize_t rsim_shareable_bits_show(struct config_item *item, char *page)
{
	struct rsim *sim = to_rsim(item);

	return rsim_show_u32(sim, &sim->cfg.shareable_bits, 16, page);
}

static ssize_t rsim_shareable_bits_store(struct config_item *item,
					 const char *page, size_t count)
{
	struct rsim *sim = to_rsim(item);

	return rsim_store_u32(sim, &sim->cfg.shareable_bits, 16, page, count);
}
CONFIGFS_ATTR(rsim_, shareable_bits);

/*
 * Match @page against @names and take the configuration lock.
 * Return: the index, the lock held; or a negative errno, not held.
 */
static int rsim_word_lock(struct rsim *sim, const char * const *names,
			  size_t n, const char *page)
{
	int word = __sysfs_match_string(names, n, page);
	int ret;

	if (word < 0)
		return word;
	ret = rsim_config_lock(sim);
	return ret ?: word;
}

static ssize_t rsim_ctrl_show(struct config_item *item, char *page)
{
	struct rsim *sim = to_rsim(item);
	enum resctrl_ctrl_type ctrl;

	mutex_lock(&sim->mutex);
	ctrl = sim->cfg.ctrl;
	mutex_unlock(&sim->mutex);
	return sysfs_emit(page, "%s\n", rsim_ctrl_names[ctrl]);
}

static ssize_t rsim_ctrl_store(struct config_item *item, const char *page,
			       size_t count)
{
	struct rsim *sim = to_rsim(item);
	int ctrl = rsim_word_lock(sim, rsim_ctrl_names, ARRAY_SIZE(rsim_ctrl_names), page);

	if (ctrl < 0)
		return ctrl;
	sim->cfg.ctrl = ctrl;
	mutex_unlock(&sim->mutex);
	return count;
}
CONFIGFS_ATTR(rsim_, ctrl);

static ssize_t rsim_scope_show(struct config_item *item, char *page)
{
	struct rsim *sim = to_rsim(item);
	enum resctrl_scope scope;

	mutex_lock(&sim->mutex);
	scope = sim->cfg.scope;
	mutex_unlock(&sim->mutex);
	return sysfs_emit(page, "%s\n", rsim_scope_names[scope]);
}

static ssize_t rsim_scope_store(struct config_item *item, const char *page,
				size_t count)
{
	struct rsim *sim = to_rsim(item);
	int scope = rsim_word_lock(sim, rsim_scope_names, ARRAY_SIZE(rsim_scope_names), page);

	if (scope < 0)
		return scope;
	sim->cfg.scope = scope;
	mutex_unlock(&sim->mutex);
	return count;
}
CONFIGFS_ATTR(rsim_, scope);

/*
 * Call @fn for each blank-trimmed item of the comma-separated list in
 * @page (an empty page has none), with the item's index; more than @max
 * items is -EINVAL. Return the number of items or the first error.
 */
static int rsim_parse_list(const char *page, int max,
			   int (*fn)(char *item, int i, void *arg), void *arg)
{
	char *buf, *s, *tok;
	int n = 0, ret = 0;

	buf = kstrdup(page, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	s = strim(buf);
	if (!*s)
		s = NULL;	/* empty: no entry */
	while (!ret && (tok = strsep(&s, ",")))
		ret = n == max ? -EINVAL : fn(strim(tok), n++, arg);
	kfree(buf);
	return ret ?: n;
}

static ssize_t rsim_events_show(struct config_item *item, char *page)
{
	struct rsim *sim = to_rsim(item);
	const struct rsim_event_cfg *ev;
	unsigned int i;
	ssize_t len = 0;

	mutex_lock(&sim->mutex);
	for (i = 0; i < sim->cfg.num_events; i++) {
		ev = &sim->cfg.events[i];
		len += sysfs_emit_at(page, len, "%s%s", i ? "," : "", ev->name);
		if (ev->frac_bits)
			len += sysfs_emit_at(page, len, ":%u", ev->frac_bits);
	}
	mutex_unlock(&sim->mutex);
	len += sysfs_emit_at(page, len, "\n");
	return len;
}

/* One "name[:frac_bits]" of the events list, into entry @i of @evs. */
static int rsim_parse_event_item(char *tok, int i, void *evs)
{
	struct rsim_event_cfg *ev = (struct rsim_event_cfg *)evs + i;
	char *colon = strchr(tok, ':');
	u8 frac = 0;
	int ret;

	if (colon) {
		*colon = '\0';
		ret = kstrtou8(skip_spaces(colon + 1), 10, &frac);
		if (ret)
			return ret;
		tok = strim(tok);
	}
	if (!*tok || strlen(tok) >= RSIM_NAME_LEN)
		return -EINVAL;
	strscpy(ev->name, tok);
	ev->frac_bits = frac;
	return 0;
}

/*
 * Parse "name[:frac_bits],..." into @ev, which has room for
 * RSIM_MAX_EVENTS. Return the number of events or -errno.
 */
static int rsim_parse_events(const char *page, struct rsim_event_cfg *ev)
{
	return rsim_parse_list(page, RSIM_MAX_EVENTS, rsim_parse_event_item, ev);
}

static bool rsim_same_events(const struct rsim_config *cfg,
			     const struct rsim_event_cfg *ev, int n)
{
	int i;

	if (cfg->num_events != n)
		return false;
	for (i = 0; i < n; i++)
		if (strcmp(cfg->events[i].name, ev[i].name) ||
		    cfg->events[i].frac_bits != ev[i].frac_bits)
			return false;
	return true;
}

static ssize_t rsim_events_store(struct config_item *item, const char *page,
				 size_t count)
{
	struct rsim *sim = to_rsim(item);
	struct rsim_event_cfg *ev;
	unsigned long flags;
	bool same;
	int n, ret;

	ev = kcalloc(RSIM_MAX_EVENTS, sizeof(*ev), GFP_KERNEL);
	if (!ev)
		return -ENOMEM;
	n = rsim_parse_events(page, ev);
	if (n < 0) {
		ret = n;
		goto out;
	}

	ret = rsim_config_lock(sim);
	if (ret)
		goto out;
	same = rsim_same_events(&sim->cfg, ev, n);
	raw_spin_lock_irqsave(&sim->lock, flags);
	memcpy(sim->cfg.events, ev, n * sizeof(*ev));
	sim->cfg.num_events = n;
	raw_spin_unlock_irqrestore(&sim->lock, flags);
	/* Counters name events by id: they mean nothing any more. */
	if (!same)
		rsim_clear_counters(sim);
	mutex_unlock(&sim->mutex);
out:
	kfree(ev);
	return ret ?: count;
}
CONFIGFS_ATTR(rsim_, events);

static ssize_t rsim_controls_show(struct config_item *item, char *page)
{
	struct rsim *sim = to_rsim(item);
	const struct rsim_ctrl_cfg *c;
	ssize_t len = 0;

	mutex_lock(&sim->mutex);
	for (c = sim->cfg.ctrls; c < sim->cfg.ctrls + sim->cfg.num_ctrls; c++)
		len += sysfs_emit_at(page, len, "%s:%s:%u:%u:%u%c", c->suffix,
				     rsim_ctrl_names[c->ctrl], c->a, c->b, c->c,
				     c + 1 < sim->cfg.ctrls + sim->cfg.num_ctrls ? ',' : '\n');
	mutex_unlock(&sim->mutex);
	return len ?: sysfs_emit(page, "\n");
}

/* "SUFFIX:type:a:b[:c]": see struct rsim_ctrl_cfg. */
static int rsim_parse_ctrl(char *tok, struct rsim_ctrl_cfg *c)
{
	char *suffix = strsep(&tok, ":"), *type = strsep(&tok, ":");
	u32 *nums[] = { &c->a, &c->b, &c->c };
	unsigned int i;
	int ctrl;

	if (!suffix || !*suffix || strlen(suffix) >= RSIM_SUFFIX_LEN || !type)
		return -EINVAL;
	ctrl = sysfs_match_string(rsim_ctrl_names, type);
	if (ctrl <= RESCTRL_CTRL_NONE || ctrl >= RESCTRL_CTRL_CUSTOM)
		return -EINVAL;
	strscpy(c->suffix, suffix);
	c->ctrl = ctrl;
	c->c = 0;
	for (i = 0; i < ARRAY_SIZE(nums); i++) {
		if (!tok)
			return i < 2 ? -EINVAL : 0;
		if (kstrtou32(strsep(&tok, ":"), 0, nums[i]))
			return -EINVAL;
	}
	return tok ? -EINVAL : 0;
}

static int rsim_parse_ctrl_item(char *item, int i, void *ctrls)
{
	return rsim_parse_ctrl(item, (struct rsim_ctrl_cfg *)ctrls + i);
}

static ssize_t rsim_controls_store(struct config_item *item, const char *page,
				   size_t count)
{
	struct rsim_ctrl_cfg ctrls[RSIM_MAX_CTRLS] = {};
	struct rsim *sim = to_rsim(item);
	int n, ret;

	n = rsim_parse_list(page, RSIM_MAX_CTRLS, rsim_parse_ctrl_item, ctrls);
	if (n < 0)
		return n;
	ret = rsim_config_lock(sim);
	if (ret)
		return ret;
	memcpy(sim->cfg.ctrls, ctrls, sizeof(ctrls));
	sim->cfg.num_ctrls = n;
	mutex_unlock(&sim->mutex);
	return count;
}
CONFIGFS_ATTR(rsim_, controls);

static ssize_t rsim_device_domains_show(struct config_item *item, char *page)
{
	struct rsim *sim = to_rsim(item);
	unsigned int i;
	ssize_t len = 0;

	mutex_lock(&sim->mutex);
	for (i = 0; i < sim->cfg.num_dev_domains; i++)
		len += sysfs_emit_at(page, len, "%s%d", i ? "," : "",
				     sim->cfg.dev_domains[i]);
	mutex_unlock(&sim->mutex);
	len += sysfs_emit_at(page, len, "\n");
	return len;
}

static int rsim_parse_id_item(char *item, int i, void *ids)
{
	int *id = (int *)ids + i;

	return kstrtoint(item, 10, id) ?: *id < 0 ? -EINVAL : 0;
}

/*
 * Parse "id,id,..." into @ids, which has room for RSIM_MAX_DEV_DOMAINS.
 * Return the number of ids or -errno.
 */
static int rsim_parse_ids(const char *page, int *ids)
{
	return rsim_parse_list(page, RSIM_MAX_DEV_DOMAINS, rsim_parse_id_item, ids);
}

static ssize_t rsim_device_domains_store(struct config_item *item,
					 const char *page, size_t count)
{
	struct rsim *sim = to_rsim(item);
	int ids[RSIM_MAX_DEV_DOMAINS];
	int n, ret;

	n = rsim_parse_ids(page, ids);
	if (n < 0)
		return n;
	ret = rsim_config_lock(sim);
	if (ret)
		return ret;
	memcpy(sim->cfg.dev_domains, ids, n * sizeof(ids[0]));
	sim->cfg.num_dev_domains = n;
	mutex_unlock(&sim->mutex);
	return count;
}
CONFIGFS_ATTR(rsim_, device_domains);

static ssize_t rsim_live_show(struct config_item *item, char *page)
{
	struct rsim *sim = to_rsim(item);
	bool live;

	mutex_lock(&sim->mutex);
	live = sim->live;
	mutex_unlock(&sim->mutex);
	return sysfs_emit(page, "%d\n", live);
}

static ssize_t rsim_live_store(struct config_item *item, const char *page,
			       size_t count)
{
	bool live;
	int ret;

	ret = kstrtobool(page, &live);
	if (ret)
		return ret;
	ret = rsim_set_live(to_rsim(item), live);
	return ret ?: count;
}
CONFIGFS_ATTR(rsim_, live);

static struct configfs_attribute *rsim_attrs[] = {
	&rsim_attr_ctrl,
	&rsim_attr_scope,
	&rsim_attr_num_closid,
	&rsim_attr_num_rmid,
	&rsim_attr_cbm_len,
	&rsim_attr_min_cbm_bits,
	&rsim_attr_shareable_bits,
	&rsim_attr_sparse,
	&rsim_attr_cache_bytes,
	&rsim_attr_min,
	&rsim_attr_max,
	&rsim_attr_granularity,
	&rsim_attr_delay_linear,
	&rsim_attr_default_val,
	&rsim_attr_events,
	&rsim_attr_device_domains,
	&rsim_attr_mount_option,
	&rsim_attr_hardware,
	&rsim_attr_run_on_domain_cpu,
	&rsim_attr_info_file,
	&rsim_attr_group_file,
	&rsim_attr_cdp_capable,
	&rsim_attr_controls,
	&rsim_attr_memory_nodes,
	&rsim_attr_live,
	NULL,
};

static void rsim_item_release(struct config_item *item)
{
	rsim_free(to_rsim(item));
}

static struct configfs_item_operations rsim_item_ops = {
	.release = rsim_item_release,
};

static const struct config_item_type rsim_item_type = {
	.ct_item_ops = &rsim_item_ops,
	.ct_attrs = rsim_attrs,
	.ct_owner = THIS_MODULE,
};

static struct config_item *rsim_make_item(struct config_group *group,
					  const char *name)
{
	struct rsim *sim;

	sim = rsim_alloc();
	if (!sim)
		return ERR_PTR(-ENOMEM);
	config_item_init_type_name(&sim->item, name, &rsim_item_type);
	if (!config_item_name(&sim->item)) {
		/* The name could not be allocated. */
		config_item_put(&sim->item);
		return ERR_PTR(-ENOMEM);
	}
	rsim_added(sim);
	return &sim->item;
}

static void rsim_drop_item(struct config_group *group, struct config_item *item)
{
	rsim_drop(to_rsim(item));
	config_item_put(item);
}

static struct configfs_group_operations rsim_group_ops = {
	.make_item = rsim_make_item,
	.drop_item = rsim_drop_item,
};

static const struct config_item_type rsim_subsys_type = {
	.ct_group_ops = &rsim_group_ops,
	.ct_owner = THIS_MODULE,
};

static struct configfs_subsystem rsim_subsys = {
	.su_group = {
		.cg_item = {
			.ci_namebuf = "resctrl_sim",
			.ci_type = &rsim_subsys_type,
		},
	},
};

/**
 * rsim_configfs_init() - register the configfs subsystem resctrl_sim
 *
 * Return: 0 or a negative errno.
 */
int rsim_configfs_init(void)
{
	config_group_init(&rsim_subsys.su_group);
	mutex_init(&rsim_subsys.su_mutex);
	return configfs_register_subsystem(&rsim_subsys);
}

/**
 * rsim_configfs_exit() - unregister the configfs subsystem resctrl_sim
 */
void rsim_configfs_exit(void)
{
	configfs_unregister_subsystem(&rsim_subsys);
	mutex_destroy(&rsim_subsys.su_mutex);
}
