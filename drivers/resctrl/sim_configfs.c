// SPDX-License-Identifier: GPL-2.0
/*
 * resctrl_sim: the configfs side. Each directory of
 * /sys/kernel/config/resctrl_sim/ describes one resource, named after the
 * directory; its events/, controls/ and domains/ directories hold one
 * directory per event, extra control and device domain. Writing 1 to its
 * live attribute registers it.
 */
#include <linux/configfs.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/stringify.h>
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

/**
 * enum rsim_kind - how an attribute reads and writes its field
 * @RSIM_U32: a u32 in decimal, at most &rsim_field.max unless that is 0
 * @RSIM_HEX: a u32 in hexadecimal
 * @RSIM_BOOL: a bool, as 0 or 1
 * @RSIM_STR: a string of up to %RSIM_NAME_LEN - 1 characters
 * @RSIM_WORD: an enum stored as a u32, shown as a word of
 *	&rsim_field.words
 */
enum rsim_kind {
	RSIM_U32,
	RSIM_HEX,
	RSIM_BOOL,
	RSIM_STR,
	RSIM_WORD,
};

/**
 * struct rsim_field - where and how an attribute keeps its value
 * @kind: the representation
 * @offset: the field's offset in the item's configuration: &rsim_config,
 *	&rsim_event_cfg or &rsim_ctrl_cfg
 * @max: RSIM_U32: the largest value accepted, 0 for any
 * @words: RSIM_WORD: the words, indexed by value
 * @nwords: RSIM_WORD: entries of @words
 * @first: RSIM_WORD: the first word accepted
 * @last: RSIM_WORD: the last word accepted
 */
struct rsim_field {
	enum rsim_kind kind;
	size_t offset;
	u32 max;
	const char * const *words;
	unsigned int nwords;
	unsigned int first;
	unsigned int last;
};

static const struct config_item_type rsim_res_type;
static const struct config_item_type rsim_event_type;
static const struct config_item_type rsim_subsys_type;

static struct configfs_subsystem rsim_subsys = {
	.su_group = {
		.cg_item = {
			.ci_namebuf = "resctrl_sim",
			.ci_type = &rsim_subsys_type,
		},
	},
};

/*
 * The configuration an attribute of @item reads and writes, and the
 * resource it belongs to, in @sim.
 */
static void *rsim_item_cfg(struct config_item *item, struct rsim **sim)
{
	struct rsim_child *child;

	if (item->ci_type == &rsim_res_type) {
		*sim = to_rsim(item);
		return &(*sim)->cfg;
	}
	child = container_of(item, struct rsim_child, item);
	*sim = child->sim;
	if (item->ci_type == &rsim_event_type)
		return &child->sim->cfg.events[child->slot];
	return &child->sim->cfg.ctrls[child->slot];
}

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

/* The show of every attribute but live: the field @f of @item. */
static ssize_t rsim_field_show(struct config_item *item,
			       const struct rsim_field *f, char *page)
{
	struct rsim *sim;
	void *p = rsim_item_cfg(item, &sim) + f->offset;
	unsigned int word;
	ssize_t len;

	mutex_lock(&sim->mutex);
	switch (f->kind) {
	case RSIM_U32:
		len = sysfs_emit(page, "%u\n", *(u32 *)p);
		break;
	case RSIM_HEX:
		len = sysfs_emit(page, "%x\n", *(u32 *)p);
		break;
	case RSIM_BOOL:
		len = sysfs_emit(page, "%d\n", *(bool *)p);
		break;
	case RSIM_STR:
		len = sysfs_emit(page, "%s\n", (char *)p);
		break;
	default:
		word = *(u32 *)p;
		len = sysfs_emit(page, "%s\n", word < f->nwords ? f->words[word] : "?");
		break;
	}
	mutex_unlock(&sim->mutex);
	return len;
}

/* Parse @page as the value of @f into @v, which has room for the field. */
static int rsim_field_parse(const struct rsim_field *f, const char *page,
			    size_t count, void *v)
{
	size_t len;
	int ret;

	switch (f->kind) {
	case RSIM_U32:
		ret = kstrtou32(page, 10, v);
		return ret ?: f->max && *(u32 *)v > f->max ? -EINVAL : 0;
	case RSIM_HEX:
		return kstrtou32(page, 16, v);
	case RSIM_BOOL:
		return kstrtobool(page, v);
	case RSIM_STR:
		len = strnlen(page, count);
		if (len && page[len - 1] == '\n')
			len--;
		if (len >= RSIM_NAME_LEN)
			return -EINVAL;
		memcpy(v, page, len);
		((char *)v)[len] = '\0';
		return 0;
	default:
		ret = __sysfs_match_string(f->words, f->nwords, page);
		if (ret < (int)f->first || ret > (int)f->last)
			return ret < 0 ? ret : -EINVAL;
		*(u32 *)v = ret;
		return 0;
	}
}

/*
 * The store of every attribute but live: parse, then write the field @f
 * of @item unless the resource is live.
 */
static ssize_t rsim_field_store(struct config_item *item,
				const struct rsim_field *f, const char *page,
				size_t count)
{
	union {
		u32 num;
		bool on;
		char str[RSIM_NAME_LEN];
	} v;
	unsigned long flags;
	struct rsim *sim;
	void *p = rsim_item_cfg(item, &sim) + f->offset;
	int ret;

	/* Words are enums, stored as a u32. */
	BUILD_BUG_ON(sizeof(enum resctrl_ctrl_type) != sizeof(v.num) ||
		     sizeof(enum resctrl_scope) != sizeof(v.num));
	ret = rsim_field_parse(f, page, count, &v);
	if (ret)
		return ret;
	ret = rsim_config_lock(sim);
	if (ret)
		return ret;
	raw_spin_lock_irqsave(&sim->lock, flags);
	switch (f->kind) {
	case RSIM_BOOL:
		*(bool *)p = v.on;
		break;
	case RSIM_STR:
		strscpy(p, v.str, RSIM_NAME_LEN);
		break;
	default:
		*(u32 *)p = v.num;
		break;
	}
	raw_spin_unlock_irqrestore(&sim->lock, flags);
	mutex_unlock(&sim->mutex);
	return count;
}

/*
 * RSIM_FIELD() declares the field and the show of attribute @_name of
 * items of kind @_item (res, event, ctrl), which keeps its value in the
 * member of @_struct of the same name as @_kind; the rest are
 * initialisers of struct rsim_field. RSIM_ATTR() adds the store and the
 * attribute, RSIM_ATTR_RO() a read-only attribute.
 */
#define RSIM_FIELD(_item, _struct, _name, _kind, ...)			\
static const struct rsim_field rsim_##_item##_##_name##_field = {	\
	.kind = _kind,							\
	.offset = offsetof(_struct, _name),				\
	__VA_ARGS__							\
};									\
static ssize_t rsim_##_item##_##_name##_show(struct config_item *item,	\
					      char *page)		\
{									\
	return rsim_field_show(item, &rsim_##_item##_##_name##_field,	\
			       page);					\
}

#define RSIM_ATTR(_item, _struct, _name, _kind, ...)			\
RSIM_FIELD(_item, _struct, _name, _kind, __VA_ARGS__)			\
static ssize_t rsim_##_item##_##_name##_store(struct config_item *item,	\
					       const char *page,	\
					       size_t count)		\
{									\
	return rsim_field_store(item, &rsim_##_item##_##_name##_field,	\
				page, count);				\
}									\
static struct configfs_attribute rsim_##_item##_attr_##_name = {	\
	.ca_name = __stringify(_name),					\
	.ca_mode = 0644,						\
	.ca_owner = THIS_MODULE,					\
	.show = rsim_##_item##_##_name##_show,				\
	.store = rsim_##_item##_##_name##_store,			\
}

#define RSIM_ATTR_RO(_item, _struct, _name, _kind, ...)		\
RSIM_FIELD(_item, _struct, _name, _kind, __VA_ARGS__)			\
static struct configfs_attribute rsim_##_item##_attr_##_name = {	\
	.ca_name = __stringify(_name),					\
	.ca_mode = 0444,						\
	.ca_owner = THIS_MODULE,					\
	.show = rsim_##_item##_##_name##_show,				\
}

/* An attribute of a resource. */
#define RSIM_RES_ATTR(_name, _kind, ...)				\
	RSIM_ATTR(res, struct rsim_config, _name, _kind, __VA_ARGS__)

RSIM_RES_ATTR(ctrl, RSIM_WORD, .words = rsim_ctrl_names,
	      .nwords = ARRAY_SIZE(rsim_ctrl_names),
	      .last = RESCTRL_CTRL_CUSTOM);
RSIM_RES_ATTR(scope, RSIM_WORD, .words = rsim_scope_names,
	      .nwords = ARRAY_SIZE(rsim_scope_names),
	      .last = RESCTRL_SCOPE_DEVICE);
RSIM_RES_ATTR(num_closid, RSIM_U32);
RSIM_RES_ATTR(num_rmid, RSIM_U32);
RSIM_RES_ATTR(cbm_len, RSIM_U32);
RSIM_RES_ATTR(min_cbm_bits, RSIM_U32);
RSIM_RES_ATTR(shareable_bits, RSIM_HEX);
RSIM_RES_ATTR(sparse, RSIM_BOOL);
RSIM_RES_ATTR(cache_bytes, RSIM_U32);
RSIM_RES_ATTR(min, RSIM_U32);
RSIM_RES_ATTR(max, RSIM_U32);
RSIM_RES_ATTR(granularity, RSIM_U32);
RSIM_RES_ATTR(delay_linear, RSIM_BOOL);
RSIM_RES_ATTR(default_val, RSIM_U32);
RSIM_RES_ATTR(plugin_option, RSIM_STR);
RSIM_RES_ATTR(claim, RSIM_STR);
RSIM_RES_ATTR(run_on_domain_cpu, RSIM_BOOL);
RSIM_RES_ATTR(info_file, RSIM_STR);
RSIM_RES_ATTR(group_file, RSIM_STR);
RSIM_RES_ATTR(cdp_capable, RSIM_BOOL);
RSIM_RES_ATTR(memory_nodes, RSIM_BOOL);

static ssize_t rsim_res_live_show(struct config_item *item, char *page)
{
	struct rsim *sim = to_rsim(item);
	bool live;

	mutex_lock(&sim->mutex);
	live = sim->live;
	mutex_unlock(&sim->mutex);
	return sysfs_emit(page, "%d\n", live);
}

static ssize_t rsim_res_live_store(struct config_item *item, const char *page,
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
CONFIGFS_ATTR(rsim_res_, live);

static struct configfs_attribute *rsim_res_attrs[] = {
	&rsim_res_attr_ctrl,
	&rsim_res_attr_scope,
	&rsim_res_attr_num_closid,
	&rsim_res_attr_num_rmid,
	&rsim_res_attr_cbm_len,
	&rsim_res_attr_min_cbm_bits,
	&rsim_res_attr_shareable_bits,
	&rsim_res_attr_sparse,
	&rsim_res_attr_cache_bytes,
	&rsim_res_attr_min,
	&rsim_res_attr_max,
	&rsim_res_attr_granularity,
	&rsim_res_attr_delay_linear,
	&rsim_res_attr_default_val,
	&rsim_res_attr_plugin_option,
	&rsim_res_attr_claim,
	&rsim_res_attr_run_on_domain_cpu,
	&rsim_res_attr_info_file,
	&rsim_res_attr_group_file,
	&rsim_res_attr_cdp_capable,
	&rsim_res_attr_memory_nodes,
	&rsim_res_attr_live,
	NULL,
};

RSIM_ATTR_RO(event, struct rsim_event_cfg, id, RSIM_U32);
RSIM_ATTR(event, struct rsim_event_cfg, frac_bits, RSIM_U32, .max = U8_MAX);

static struct configfs_attribute *rsim_event_attrs[] = {
	&rsim_event_attr_id,
	&rsim_event_attr_frac_bits,
	NULL,
};

/* The attributes of an extra control. */
#define RSIM_CTRL_ATTR(_name, _kind, ...)				\
	RSIM_ATTR(ctrl, struct rsim_ctrl_cfg, _name, _kind, __VA_ARGS__)

RSIM_CTRL_ATTR(ctrl, RSIM_WORD, .words = rsim_ctrl_names,
	       .nwords = ARRAY_SIZE(rsim_ctrl_names),
	       .first = RESCTRL_CTRL_BITMASK, .last = RESCTRL_CTRL_SCALAR);
RSIM_CTRL_ATTR(cbm_len, RSIM_U32);
RSIM_CTRL_ATTR(min_cbm_bits, RSIM_U32);
RSIM_CTRL_ATTR(sparse, RSIM_BOOL);
RSIM_CTRL_ATTR(min, RSIM_U32);
RSIM_CTRL_ATTR(max, RSIM_U32);
RSIM_CTRL_ATTR(granularity, RSIM_U32);
RSIM_CTRL_ATTR(own_scope, RSIM_BOOL);
RSIM_CTRL_ATTR(scope, RSIM_WORD, .words = rsim_scope_names,
	       .nwords = ARRAY_SIZE(rsim_scope_names),
	       .first = RESCTRL_SCOPE_L2, .last = RESCTRL_SCOPE_PACKAGE);
RSIM_CTRL_ATTR(memory_nodes, RSIM_BOOL);

static struct configfs_attribute *rsim_ctrl_attrs[] = {
	&rsim_ctrl_attr_ctrl,
	&rsim_ctrl_attr_cbm_len,
	&rsim_ctrl_attr_min_cbm_bits,
	&rsim_ctrl_attr_sparse,
	&rsim_ctrl_attr_min,
	&rsim_ctrl_attr_max,
	&rsim_ctrl_attr_granularity,
	&rsim_ctrl_attr_own_scope,
	&rsim_ctrl_attr_scope,
	&rsim_ctrl_attr_memory_nodes,
	NULL,
};

/**
 * rsim_pin_children() - make the directories below a resource
 *	removable or not
 * @sim: the resource, its mutex held; no child is added or removed
 *	meanwhile
 * @pin: true when going live: rmdir of any of them fails with -EBUSY
 *	until they are unpinned
 *
 * Return: 0, or the error of pinning a directory (nothing is pinned).
 */
int rsim_pin_children(struct rsim *sim, bool pin)
{
	struct rsim_child *child;
	int ret;

	list_for_each_entry(child, &sim->children, node) {
		if (!pin) {
			configfs_undepend_item(&child->item);
			continue;
		}
		ret = configfs_depend_item_unlocked(&rsim_subsys, &child->item);
		if (ret) {
			list_for_each_entry_continue_reverse(child, &sim->children, node)
				configfs_undepend_item(&child->item);
			return ret;
		}
	}
	return 0;
}

static void rsim_child_release(struct config_item *item)
{
	kfree(container_of(item, struct rsim_child, item));
}

static struct configfs_item_operations rsim_child_item_ops = {
	.release = rsim_child_release,
};

static const struct config_item_type rsim_event_type = {
	.ct_item_ops = &rsim_child_item_ops,
	.ct_attrs = rsim_event_attrs,
	.ct_owner = THIS_MODULE,
};

static const struct config_item_type rsim_ctrl_type = {
	.ct_item_ops = &rsim_child_item_ops,
	.ct_attrs = rsim_ctrl_attrs,
	.ct_owner = THIS_MODULE,
};

static const struct config_item_type rsim_domain_type = {
	.ct_item_ops = &rsim_child_item_ops,
	.ct_owner = THIS_MODULE,
};

/* The free slot of an event or a control: its name is "". */
static int rsim_free_slot(const void *slots, size_t stride, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!*((const char *)slots + i * stride))
			return i;
	return -ENOSPC;
}

/*
 * Check @name as a child of @group and take a slot for it, the resource's
 * mutex and lock held. Return: the slot (the domain id for a domain), or
 * a negative errno.
 */
static int rsim_take_slot(struct rsim *sim, struct config_group *group,
			  const char *name)
{
	struct rsim_config *cfg = &sim->cfg;
	int slot;

	if (group == &sim->events_group) {
		if (strlen(name) >= RSIM_NAME_LEN)
			return -ENAMETOOLONG;
		slot = rsim_free_slot(cfg->events, sizeof(cfg->events[0]),
				      RSIM_MAX_EVENTS);
		if (slot < 0)
			return slot;
		strscpy(cfg->events[slot].name, name);
		cfg->events[slot].id = slot;
		cfg->events[slot].frac_bits = 0;
		cfg->num_events = max_t(unsigned int, cfg->num_events, slot + 1);
		return slot;
	}
	if (group == &sim->ctrls_group) {
		if (strlen(name) >= RSIM_SUFFIX_LEN)
			return -ENAMETOOLONG;
		slot = rsim_free_slot(cfg->ctrls, sizeof(cfg->ctrls[0]),
				      RSIM_MAX_CTRLS);
		if (slot < 0)
			return slot;
		cfg->ctrls[slot] = (struct rsim_ctrl_cfg) {
			.ctrl = RESCTRL_CTRL_PERCENT,
			.cbm_len = 20, .min_cbm_bits = 1,
			.min = 0, .max = 100, .granularity = 1,
			.scope = RESCTRL_SCOPE_NODE,
		};
		strscpy(cfg->ctrls[slot].suffix, name);
		cfg->num_ctrls = max_t(unsigned int, cfg->num_ctrls, slot + 1);
		return slot;
	}
	if (kstrtoint(name, 10, &slot) || slot < 0)
		return -EINVAL;
	if (cfg->num_dev_domains == RSIM_MAX_DEV_DOMAINS)
		return -ENOSPC;
	cfg->dev_domains[cfg->num_dev_domains++] = slot;
	return slot;
}

/* Give back what rsim_take_slot() took, the mutex and lock held. */
static void rsim_put_slot(struct rsim *sim, struct rsim_child *child)
{
	struct rsim_config *cfg = &sim->cfg;
	unsigned int i;

	if (child->item.ci_type == &rsim_event_type) {
		cfg->events[child->slot].name[0] = '\0';
		while (cfg->num_events && !cfg->events[cfg->num_events - 1].name[0])
			cfg->num_events--;
	} else if (child->item.ci_type == &rsim_ctrl_type) {
		cfg->ctrls[child->slot].suffix[0] = '\0';
		while (cfg->num_ctrls && !cfg->ctrls[cfg->num_ctrls - 1].suffix[0])
			cfg->num_ctrls--;
	} else {
		for (i = 0; i < cfg->num_dev_domains; i++) {
			if (cfg->dev_domains[i] != child->slot)
				continue;
			memmove(&cfg->dev_domains[i], &cfg->dev_domains[i + 1],
				(--cfg->num_dev_domains - i) * sizeof(cfg->dev_domains[0]));
			break;
		}
	}
}

/* The resource a directory events/, controls/ or domains/ belongs to. */
static struct rsim *rsim_of_dir(struct config_group *group)
{
	return to_rsim(group->cg_item.ci_parent);
}

static struct config_item *rsim_make_child(struct config_group *group,
					   const char *name)
{
	const struct config_item_type *type = &rsim_domain_type;
	struct rsim *sim = rsim_of_dir(group);
	struct rsim_child *child;
	unsigned long flags;
	int slot;

	if (group == &sim->events_group)
		type = &rsim_event_type;
	else if (group == &sim->ctrls_group)
		type = &rsim_ctrl_type;
	child = kzalloc(sizeof(*child), GFP_KERNEL);
	if (!child)
		return ERR_PTR(-ENOMEM);
	slot = rsim_config_lock(sim);
	if (slot) {
		kfree(child);
		return ERR_PTR(slot);
	}
	raw_spin_lock_irqsave(&sim->lock, flags);
	slot = rsim_take_slot(sim, group, name);
	raw_spin_unlock_irqrestore(&sim->lock, flags);
	if (slot >= 0) {
		child->sim = sim;
		child->slot = slot;
		list_add_tail(&child->node, &sim->children);
		config_item_init_type_name(&child->item, name, type);
	}
	mutex_unlock(&sim->mutex);
	if (slot < 0) {
		kfree(child);
		return ERR_PTR(slot);
	}
	return &child->item;
}

static void rsim_drop_child(struct config_group *group,
			    struct config_item *item)
{
	struct rsim_child *child = container_of(item, struct rsim_child, item);
	struct rsim *sim = child->sim;
	unsigned long flags;

	/* Pinned while live: the resource is not live. */
	mutex_lock(&sim->mutex);
	list_del(&child->node);
	raw_spin_lock_irqsave(&sim->lock, flags);
	rsim_put_slot(sim, child);
	raw_spin_unlock_irqrestore(&sim->lock, flags);
	/* Counters name events by id: they mean nothing any more. */
	if (item->ci_type == &rsim_event_type)
		rsim_clear_counters(sim);
	mutex_unlock(&sim->mutex);
	config_item_put(item);
}

static struct configfs_group_operations rsim_dir_group_ops = {
	.make_item = rsim_make_child,
	.drop_item = rsim_drop_child,
};

static const struct config_item_type rsim_dir_type = {
	.ct_group_ops = &rsim_dir_group_ops,
	.ct_owner = THIS_MODULE,
};

static void rsim_res_release(struct config_item *item)
{
	rsim_free(to_rsim(item));
}

static struct configfs_item_operations rsim_res_item_ops = {
	.release = rsim_res_release,
};

static const struct config_item_type rsim_res_type = {
	.ct_item_ops = &rsim_res_item_ops,
	.ct_attrs = rsim_res_attrs,
	.ct_owner = THIS_MODULE,
};

static struct config_group *rsim_make_res(struct config_group *group,
					  const char *name)
{
	struct rsim *sim;

	sim = rsim_alloc();
	if (!sim)
		return ERR_PTR(-ENOMEM);
	config_group_init_type_name(&sim->group, name, &rsim_res_type);
	if (!rsim_name(sim)) {
		/* The name could not be allocated. */
		config_item_put(&sim->group.cg_item);
		return ERR_PTR(-ENOMEM);
	}
	config_group_init_type_name(&sim->events_group, "events", &rsim_dir_type);
	configfs_add_default_group(&sim->events_group, &sim->group);
	config_group_init_type_name(&sim->ctrls_group, "controls", &rsim_dir_type);
	configfs_add_default_group(&sim->ctrls_group, &sim->group);
	config_group_init_type_name(&sim->domains_group, "domains", &rsim_dir_type);
	configfs_add_default_group(&sim->domains_group, &sim->group);
	rsim_added(sim);
	return &sim->group;
}

static void rsim_drop_res(struct config_group *group, struct config_item *item)
{
	rsim_drop(to_rsim(item));
	config_item_put(item);
}

static struct configfs_group_operations rsim_group_ops = {
	.make_group = rsim_make_res,
	.drop_item = rsim_drop_res,
};

static const struct config_item_type rsim_subsys_type = {
	.ct_group_ops = &rsim_group_ops,
	.ct_owner = THIS_MODULE,
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
