// SPDX-License-Identifier: GPL-2.0
/*
 * resctrl_sim: the debugfs side. /sys/kernel/debug/resctrl_sim/NAME/
 * shows what the core programmed and sets what the fake hardware does:
 * counter values, failing applies, refused domains, slowness.
 *
 * Files never take rsim.mutex, except device_domain, which calls the
 * registration API; so the directory is removed without that mutex held.
 */
#include <linux/cpumask.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/limits.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "sim.h"

static struct dentry *rsim_debugfs_root;

/* Longest line accepted by the files that parse writes. */
#define RSIM_LINE_LEN	128

/* One line of programmed: @half is "" or "code " or "data ". */
static void rsim_programmed_line(struct seq_file *sf, struct rsim_dom *dom,
				 u32 closid, const char *half, u64 val)
{
	if (val == RSIM_UNSET)
		seq_printf(sf, "%d %u %sunset\n", dom->id, closid, half);
	else
		seq_printf(sf, "%d %u %s0x%x\n", dom->id, closid, half, (u32)val);
}

static int rsim_programmed_show(struct seq_file *sf, void *unused)
{
	struct rsim *sim = sf->private;
	u32 closid, n = sim->nclosid;
	struct rsim_dom *dom;
	unsigned long flags;

	raw_spin_lock_irqsave(&sim->lock, flags);
	list_for_each_entry(dom, &sim->doms, node) {
		for (closid = 0; !dom->cdp && closid < n; closid++)
			rsim_programmed_line(sf, dom, closid, "",
					     *rsim_val(dom, n, RESCTRL_CONF_BOTH, closid));
		for (closid = 0; dom->cdp && closid < n / 2; closid++) {
			rsim_programmed_line(sf, dom, closid, "code ",
					     *rsim_val(dom, n, RESCTRL_CONF_CODE, closid));
			rsim_programmed_line(sf, dom, closid, "data ",
					     *rsim_val(dom, n, RESCTRL_CONF_DATA, closid));
		}
	}
	raw_spin_unlock_irqrestore(&sim->lock, flags);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(rsim_programmed);

static int rsim_apply_count_show(struct seq_file *sf, void *unused)
{
	struct rsim *sim = sf->private;
	unsigned long flags;
	u64 n;

	raw_spin_lock_irqsave(&sim->lock, flags);
	n = sim->apply_count;
	raw_spin_unlock_irqrestore(&sim->lock, flags);
	seq_printf(sf, "%llu\n", n);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(rsim_apply_count);

static int rsim_last_ctrl_show(struct seq_file *sf, void *unused)
{
	struct rsim *sim = sf->private;
	struct rsim_last_ctrl last;
	unsigned long flags;

	raw_spin_lock_irqsave(&sim->lock, flags);
	last = sim->last_ctrl;
	raw_spin_unlock_irqrestore(&sim->lock, flags);
	if (last.set)
		seq_printf(sf, "%u %d %u %u\n", last.ctrl_id, last.dom,
			   last.closid, last.val);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(rsim_last_ctrl);

static int rsim_domains_show(struct seq_file *sf, void *unused)
{
	struct rsim *sim = sf->private;
	struct rsim_dom *dom;
	unsigned long flags;

	raw_spin_lock_irqsave(&sim->lock, flags);
	list_for_each_entry(dom, &sim->doms, node)
		seq_printf(sf, "%d %*pbl %s\n", dom->id,
			   cpumask_pr_args(dom->cpus),
			   dom->online ? "online" : "offline");
	raw_spin_unlock_irqrestore(&sim->lock, flags);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(rsim_domains);

static int rsim_violations_show(struct seq_file *sf, void *unused)
{
	struct rsim *sim = sf->private;

	seq_printf(sf, "%d\n", atomic_read(&sim->violations));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(rsim_violations);

static int rsim_fail_apply_get(void *data, u64 *val)
{
	struct rsim *sim = data;
	unsigned long flags;

	raw_spin_lock_irqsave(&sim->lock, flags);
	*val = (s64)sim->fail_apply;
	raw_spin_unlock_irqrestore(&sim->lock, flags);
	return 0;
}

static int rsim_fail_apply_set(void *data, u64 val)
{
	struct rsim *sim = data;
	s64 n = (s64)val;
	unsigned long flags;

	if (n < -1 || n > INT_MAX)
		return -EINVAL;
	raw_spin_lock_irqsave(&sim->lock, flags);
	sim->fail_apply = n;
	raw_spin_unlock_irqrestore(&sim->lock, flags);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE_SIGNED(rsim_fail_apply_fops, rsim_fail_apply_get,
				rsim_fail_apply_set, "%lld\n");

static int rsim_refuse_domain_get(void *data, u64 *val)
{
	struct rsim *sim = data;

	*val = (s64)READ_ONCE(sim->refuse_domain);
	return 0;
}

static int rsim_refuse_domain_set(void *data, u64 val)
{
	struct rsim *sim = data;
	s64 id = (s64)val;

	if (id < -1 || id > INT_MAX)
		return -EINVAL;
	WRITE_ONCE(sim->refuse_domain, id);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE_SIGNED(rsim_refuse_domain_fops,
				rsim_refuse_domain_get,
				rsim_refuse_domain_set, "%lld\n");

static int rsim_delay_ms_get(void *data, u64 *val)
{
	struct rsim *sim = data;

	*val = READ_ONCE(sim->delay_ms);
	return 0;
}

static int rsim_delay_ms_set(void *data, u64 val)
{
	struct rsim *sim = data;

	if (val > RSIM_MAX_DELAY_MS)
		return -EINVAL;
	WRITE_ONCE(sim->delay_ms, val);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(rsim_delay_ms_fops, rsim_delay_ms_get,
			 rsim_delay_ms_set, "%llu\n");

/**
 * rsim_find_counter() - look a counter up
 * @sim: the resource, &rsim.lock held
 * @dom: domain id
 * @rmid: RMID
 * @evt: event id
 *
 * Return: the counter, or NULL if it was never set.
 */
struct rsim_counter *rsim_find_counter(struct rsim *sim, int dom, u32 rmid,
				       u32 evt)
{
	struct rsim_counter *c = rsim_first_counter(sim, dom, rmid, evt);

	return c && c->dom == dom && c->rmid == rmid && c->evt == evt ? c : NULL;
}

/* <0, 0 or >0 as @c sorts before, with or after (@dom, @rmid, @evt). */
static int rsim_counter_cmp(const struct rsim_counter *c, int dom, u32 rmid,
			    u32 evt)
{
	if (c->dom != dom)
		return c->dom < dom ? -1 : 1;
	if (c->rmid != rmid)
		return c->rmid < rmid ? -1 : 1;
	if (c->evt != evt)
		return c->evt < evt ? -1 : 1;
	return 0;
}

/**
 * rsim_first_counter() - the first counter at or after a key
 * @sim: the resource, &rsim.lock held
 * @dom: domain id
 * @rmid: RMID
 * @evt: event id
 *
 * Return: the counter with the smallest (dom, rmid, evt) not below
 * (@dom, @rmid, @evt), or NULL.
 */
struct rsim_counter *rsim_first_counter(struct rsim *sim, int dom, u32 rmid,
					u32 evt)
{
	struct rb_node *n = sim->counters.rb_node;
	struct rsim_counter *c, *found = NULL;

	lockdep_assert_held(&sim->lock);
	while (n) {
		c = rb_entry(n, struct rsim_counter, node);
		if (rsim_counter_cmp(c, dom, rmid, evt) < 0) {
			n = n->rb_right;
		} else {
			found = c;
			n = n->rb_left;
		}
	}
	return found;
}

/* Put @new, whose key no counter has, in order; &rsim.lock held. */
static void rsim_insert_counter(struct rsim *sim, struct rsim_counter *new)
{
	struct rb_node **link = &sim->counters.rb_node, *parent = NULL;
	struct rsim_counter *c;

	while (*link) {
		parent = *link;
		c = rb_entry(parent, struct rsim_counter, node);
		if (rsim_counter_cmp(c, new->dom, new->rmid, new->evt) < 0)
			link = &parent->rb_right;
		else
			link = &parent->rb_left;
	}
	rb_link_node(&new->node, parent, link);
	rb_insert_color(&new->node, &sim->counters);
}

/**
 * rsim_clear_counters() - forget every counter set through debugfs
 * @sim: the resource
 */
void rsim_clear_counters(struct rsim *sim)
{
	struct rsim_counter *c, *tmp;
	unsigned long flags;
	struct rb_root all;

	raw_spin_lock_irqsave(&sim->lock, flags);
	all = sim->counters;
	sim->counters = RB_ROOT;
	raw_spin_unlock_irqrestore(&sim->lock, flags);

	rbtree_postorder_for_each_entry_safe(c, tmp, &all, node)
		kfree(c);
}

static int rsim_counters_show(struct seq_file *sf, void *unused)
{
	struct rsim *sim = sf->private;
	struct rsim_counter *c;
	unsigned long flags;
	struct rb_node *n;
	const char *name;

	raw_spin_lock_irqsave(&sim->lock, flags);
	for (n = rb_first(&sim->counters); n; n = rb_next(n)) {
		c = rb_entry(n, struct rsim_counter, node);
		/* Counters are cleared when the events change. */
		name = c->evt < sim->cfg.num_events ?
			sim->cfg.events[c->evt].name : "?";
		seq_printf(sf, "%d %u %s ", c->dom, c->rmid, name);
		if (c->kind == RSIM_COUNTER_ERROR)
			seq_puts(sf, "error\n");
		else if (c->kind == RSIM_COUNTER_UNAVAILABLE)
			seq_puts(sf, "unavailable\n");
		else
			seq_printf(sf, "%llu\n", c->val);
	}
	raw_spin_unlock_irqrestore(&sim->lock, flags);
	return 0;
}

/* Copy a write of one line into @buf of RSIM_LINE_LEN bytes; strip it. */
static char *rsim_get_line(char *buf, const char __user *ubuf, size_t count,
			   loff_t *ppos)
{
	if (*ppos || !count || count >= RSIM_LINE_LEN)
		return ERR_PTR(-EINVAL);
	if (copy_from_user(buf, ubuf, count))
		return ERR_PTR(-EFAULT);
	buf[count] = '\0';
	return strim(buf);
}

/* The next blank-separated word of *@s, or NULL. */
static char *rsim_next_word(char **s)
{
	char *word;

	do {
		word = strsep(s, " \t");
	} while (word && !*word);
	return word;
}

/* Parse "DOMID RMID EVENT VALUE|error|unavailable" into @new. */
static int rsim_parse_counter(char *line, struct rsim_counter *new,
			      char **event)
{
	char *word[5];
	int n, ret;

	for (n = 0; n < ARRAY_SIZE(word); n++) {
		word[n] = rsim_next_word(&line);
		if (!word[n])
			break;
	}
	if (n != 4)
		return -EINVAL;

	ret = kstrtoint(word[0], 10, &new->dom);
	if (!ret)
		ret = kstrtou32(word[1], 10, &new->rmid);
	if (ret)
		return ret;
	*event = word[2];
	if (!strcmp(word[3], "error"))
		new->kind = RSIM_COUNTER_ERROR;
	else if (!strcmp(word[3], "unavailable"))
		new->kind = RSIM_COUNTER_UNAVAILABLE;
	else
		return kstrtou64(word[3], 10, &new->val);
	return 0;
}

static ssize_t rsim_counters_write(struct file *file, const char __user *ubuf,
				   size_t count, loff_t *ppos)
{
	struct rsim *sim = file_inode(file)->i_private;
	struct rsim_counter *new, *c;
	char buf[RSIM_LINE_LEN];
	unsigned long flags;
	char *line, *event;
	unsigned int i;
	int ret;

	line = rsim_get_line(buf, ubuf, count, ppos);
	if (IS_ERR(line))
		return PTR_ERR(line);
	if (!strcmp(line, "clear")) {
		rsim_clear_counters(sim);
		return count;
	}

	new = kzalloc(sizeof(*new), GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	ret = rsim_parse_counter(line, new, &event);
	if (ret)
		goto out;

	ret = -EINVAL;
	raw_spin_lock_irqsave(&sim->lock, flags);
	for (i = 0; i < sim->cfg.num_events; i++) {
		if (!strcmp(sim->cfg.events[i].name, event)) {
			ret = 0;
			break;
		}
	}
	if (!ret) {
		new->evt = i;
		c = rsim_find_counter(sim, new->dom, new->rmid, new->evt);
		if (c) {
			c->kind = new->kind;
			c->val = new->val;
		} else {
			rsim_insert_counter(sim, new);
			new = NULL;
		}
	}
	raw_spin_unlock_irqrestore(&sim->lock, flags);
out:
	kfree(new);
	return ret ?: count;
}
DEFINE_SHOW_STORE_ATTRIBUTE(rsim_counters);

/* "add ID" or "remove ID": a device domain, while live. */
static ssize_t rsim_device_domain_write(struct file *file,
					const char __user *ubuf, size_t count,
					loff_t *ppos)
{
	struct rsim *sim = file->private_data;
	char buf[RSIM_LINE_LEN];
	char *line, *verb;
	bool add;
	int ret, id;

	line = rsim_get_line(buf, ubuf, count, ppos);
	if (IS_ERR(line))
		return PTR_ERR(line);
	verb = rsim_next_word(&line);
	if (!verb || !line)
		return -EINVAL;
	if (!strcmp(verb, "add"))
		add = true;
	else if (!strcmp(verb, "remove"))
		add = false;
	else
		return -EINVAL;
	ret = kstrtoint(skip_spaces(line), 10, &id);
	if (ret)
		return ret;
	if (id < 0)
		return -EINVAL;

	/* sim->mutex keeps sim->res registered. */
	mutex_lock(&sim->mutex);
	if (!sim->live)
		ret = -ENODEV;
	else if (add)
		ret = resctrl_add_device_domain(sim->res, id, cpu_possible_mask);
	else
		resctrl_remove_device_domain(sim->res, id);
	mutex_unlock(&sim->mutex);
	return ret ?: count;
}

static const struct file_operations rsim_device_domain_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = rsim_device_domain_write,
};

/**
 * rsim_debugfs_add() - create the debugfs directory of a resource
 * @sim: the resource, named
 */
void rsim_debugfs_add(struct rsim *sim)
{
	struct dentry *dir;

	dir = debugfs_create_dir(rsim_name(sim), rsim_debugfs_root);
	sim->dir = dir;
	debugfs_create_file("programmed", 0444, dir, sim, &rsim_programmed_fops);
	debugfs_create_file("last_ctrl", 0444, dir, sim, &rsim_last_ctrl_fops);
	debugfs_create_file("apply_count", 0444, dir, sim,
			    &rsim_apply_count_fops);
	debugfs_create_u64("batch_reads", 0444, dir, &sim->batch_reads);
	debugfs_create_file_unsafe("fail_apply", 0644, dir, sim,
				   &rsim_fail_apply_fops);
	debugfs_create_file_unsafe("refuse_domain", 0644, dir, sim,
				   &rsim_refuse_domain_fops);
	debugfs_create_file("counters", 0644, dir, sim, &rsim_counters_fops);
	debugfs_create_file("domains", 0444, dir, sim, &rsim_domains_fops);
	debugfs_create_file_unsafe("delay_ms", 0644, dir, sim,
				   &rsim_delay_ms_fops);
	debugfs_create_file("device_domain", 0200, dir, sim,
			    &rsim_device_domain_fops);
	debugfs_create_file("violations", 0444, dir, sim,
			    &rsim_violations_fops);
}

/**
 * rsim_debugfs_remove() - remove the debugfs directory of a resource
 * @sim: the resource
 *
 * Waits for the file operations in progress. Context: process, without
 * &rsim.mutex held.
 */
void rsim_debugfs_remove(struct rsim *sim)
{
	debugfs_remove_recursive(sim->dir);
	sim->dir = NULL;
}

/**
 * rsim_debugfs_init() - create /sys/kernel/debug/resctrl_sim
 */
void rsim_debugfs_init(void)
{
	rsim_debugfs_root = debugfs_create_dir("resctrl_sim", NULL);
}

/**
 * rsim_debugfs_exit() - remove /sys/kernel/debug/resctrl_sim
 */
void rsim_debugfs_exit(void)
{
	debugfs_remove_recursive(rsim_debugfs_root);
}
