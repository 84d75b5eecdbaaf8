// SPDX-License-Identifier: GPL-2.0
/*
 * mon_data: one directory per monitoring resource and domain in every
 * group, mon_data/mon_<NAME>_<id>/, with one file per event. A read asks
 * the driver for the group's counts; a CTRL_MON group's count includes
 * its MON groups', all read in one call on the domain. A resource
 * with mon_in_l3 (Sub-NUMA Clustering) shows mon_<NAME>_<L3 id>/, the
 * sum of the cache's nodes, with mon_sub_<NAME>_<node>/ inside.
 */
#include <linux/irqflags.h>
#include <linux/kernfs.h>
#include <linux/math64.h>
#include <linux/seq_file.h>

#include "internal.h"

#define RCTL_MON_DIR_NAME_LEN 48

static void rctl_mon_dir_name(struct resctrl_dom *d, char *name)
{
	snprintf(name, RCTL_MON_DIR_NAME_LEN, "mon_%s_%02d", d->res->desc->name,
		 d->id);
}

/* Fixed point counts print as decimals with as many digits as they carry. */
static void rctl_print_count(struct seq_file *sf, u64 val, unsigned int frac_bits)
{
	unsigned int digits = DIV_ROUND_UP(frac_bits * 3, 10);
	u64 frac, scale = 1, whole;
	unsigned int i;

	if (!frac_bits) {
		seq_printf(sf, "%llu\n", val);
		return;
	}
	for (i = 0; i < digits; i++)
		scale *= 10;
	whole = val >> frac_bits;
	frac = val & (BIT_ULL(frac_bits) - 1);
	/* Round to nearest; a carry moves into the whole part. */
	frac = (frac * scale + BIT_ULL(frac_bits - 1)) >> frac_bits;
	if (frac >= scale) {
		whole++;
		frac -= scale;
	}
	seq_printf(sf, "%llu.%0*llu\n", whole, digits, frac);
}

/**
 * rctl_group_count_add() - account one read of a group's count
 * @c: the count so far
 * @ret: what the read returned
 * @val: the value it read, if @ret is 0
 *
 * Only reads that succeeded add up, as upstream's sum of a CTRL_MON group
 * and its MON groups (arch/x86/kernel/cpu/resctrl/monitor.c:
 * mon_event_count(), "Discard error if any of the monitor event reads
 * succeeded"; kernel bugzilla 213311): a new or untracked MON group
 * does not hide its CTRL_MON group's count.
 */
void rctl_group_count_add(struct rctl_group_count *c, int ret, u64 val)
{
	if (ret) {
		c->failed++;
		c->err = ret;
		return;
	}
	c->read++;
	c->sum += val;
}

struct rctl_group_read {
	struct resctrl_dom *d;
	unsigned int evt;
	struct rctl_group *g;
	struct rctl_group_count *c;
};

/* Read @n RMIDs of @closid with the driver and add what they count. */
static void rctl_group_read_rmids(struct rctl_group_read *gr, u32 closid,
				  const u32 *rmids, unsigned int n)
{
	u64 val[RCTL_READ_RMIDS];
	int ret[RCTL_READ_RMIDS];
	unsigned int i;

	rctl_dom_read_rmids(gr->d, closid, rmids, n, gr->evt, val, ret);
	rctl_ctrs_account(gr->d, gr->evt, rmids, n, ret, val);
	for (i = 0; i < n; i++)
		rctl_group_count_add(gr->c, ret[i], val[i]);
}

/*
 * The batch: the group, then each MON group of a CTRL_MON group, whose
 * RMIDs the driver reads RCTL_READ_RMIDS at a time (rctl_dom_read_rmids()):
 * with interrupts off for each lot rather than for each read, and in one
 * call when the driver can read several.
 */
static int rctl_group_read_fn(void *arg)
{
	struct rctl_group_read *gr = arg;
	struct rctl_group *g = gr->g, *m;
	u32 rmids[RCTL_READ_RMIDS];
	unsigned int n = 0;

	rmids[n++] = g->rmid;
	if (!rctl_is_mon_group(g)) {
		list_for_each_entry(m, &g->mon_children, sibling) {
			if (n == RCTL_READ_RMIDS) {
				rctl_group_read_rmids(gr, g->closid, rmids, n);
				n = 0;
			}
			rmids[n++] = m->rmid;
		}
	}
	rctl_group_read_rmids(gr, g->closid, rmids, n);
	return 0;
}

/*
 * Add to @c the counts of @g in @d, its MON groups' included for a
 * CTRL_MON group, read in one batch on the domain.
 */
static int rctl_group_count_add_dom(struct resctrl_dom *d, unsigned int evt,
				    struct rctl_group *g,
				    struct rctl_group_count *c)
{
	struct rctl_group_read gr = { .d = d, .evt = evt, .g = g, .c = c };

	return rctl_dom_run(d, rctl_group_read_fn, &gr);
}

/**
 * rctl_group_count_read() - read a group's count in a domain
 * @d: an online domain of a monitoring resource
 * @evt: index of the event in the resource's events
 * @g: the group; a CTRL_MON group's MON groups are read too
 * @c: the result, zeroed first
 *
 * The group and all its MON groups are read in one batch on the domain
 * (rctl_dom_run()), so a read costs one cross-CPU call however many MON
 * groups there are, as upstream's one call per read.
 *
 * Context: process, cpus_read_lock() and rctl_mutex held; sleeps.
 *
 * Return: 0 with @c filled, or an error if the batch could not run.
 */
int rctl_group_count_read(struct resctrl_dom *d, unsigned int evt,
			  struct rctl_group *g, struct rctl_group_count *c)
{
	*c = (struct rctl_group_count){};
	return rctl_group_count_add_dom(d, evt, g, c);
}

/*
 * With &resctrl_resource_desc.mon_in_l3 (Sub-NUMA Clustering), the sum of
 * a group's counts over the online nodes of one L3 cache: the reads that
 * succeeded add up, as in one node (upstream 6.12 monitor.c:
 * __mon_event_count() sums the domains of the same cache id and keeps an
 * error only when no read succeeded).
 */
static int rctl_group_count_read_l3(struct resctrl_res *r, int l3_id,
				    unsigned int evt, struct rctl_group *g,
				    struct rctl_group_count *c)
{
	struct resctrl_dom *d;
	int ret = -ENODEV;

	*c = (struct rctl_group_count){};
	list_for_each_entry(d, &r->domains, list) {
		if (!d->online || d->dead || d->l3_id != l3_id)
			continue;
		ret = rctl_group_count_add_dom(d, evt, g, c);
		if (ret)
			return ret;
	}
	return ret;
}

/* A mon_data file: the count of its group and event in its domain. */
static int rctl_mon_show(struct rctl_file_ctx *c, struct seq_file *sf,
			 bool l3_sum)
{
	struct rctl_mon_file *mf = c->priv;
	struct resctrl_res *r = c->r;
	struct rctl_group_count cnt;
	int ret;

	if (!l3_sum && (mf->dom->dead || !mf->dom->online))
		return -ENODEV;
	if (l3_sum)
		ret = rctl_group_count_read_l3(r, mf->dom->l3_id, mf->evt, c->g,
					       &cnt);
	else
		ret = rctl_group_count_read(mf->dom, mf->evt, c->g, &cnt);
	/* "Unavailable" or "Error" only when every read failed. */
	if (!ret && !cnt.read)
		ret = cnt.err;
	if (ret == -EIO)
		seq_puts(sf, "Error\n");
	else if (ret == -ENODATA)
		seq_puts(sf, "Unavailable\n");
	else if (!ret)
		rctl_print_count(sf, cnt.sum, r->desc->events[mf->evt].frac_bits);
	if (ret == -EIO || ret == -ENODATA)
		ret = 0;
	return ret;
}

static int rctl_mon_event_show(struct rctl_file_ctx *c, struct seq_file *sf)
{
	return rctl_mon_show(c, sf, false);
}

static int rctl_mon_sum_show(struct rctl_file_ctx *c, struct seq_file *sf)
{
	return rctl_mon_show(c, sf, true);
}

static struct resctrl_res *rctl_mon_file_res(void *priv)
{
	return ((struct rctl_mon_file *)priv)->dom->res;
}

static const struct rctl_file_attr rctl_mon_event_attr =
	RCTL_FILE_ATTR_NO_WRITE(NULL, 0444, rctl_mon_file_res,
				rctl_mon_event_show);
static const struct rctl_file_attr rctl_mon_sum_attr =
	RCTL_FILE_ATTR_NO_WRITE(NULL, 0444, rctl_mon_file_res,
				rctl_mon_sum_show);

/* A directory of @g with one file per event of @d's resource. */
static struct kernfs_node *rctl_mon_dir_add(struct kernfs_node *parent,
					    const char *name,
					    struct rctl_group *g,
					    struct resctrl_dom *d,
					    const struct rctl_file_attr *attr)
{
	const struct rctl_desc *desc = d->res->desc;
	struct kernfs_node *dir, *kn;
	unsigned int i;

	/* mkdir_mondata_subdir(): the mode of the directory it is in. */
	dir = kernfs_create_dir(parent, name, parent->mode, g);
	if (IS_ERR(dir))
		return dir;
	for (i = 0; i < desc->num_events; i++) {
		kn = rctl_file_add(dir, attr, desc->events[i].name, 0,
				   &d->mon_files[i]);
		if (IS_ERR(kn)) {
			kernfs_remove(dir);
			return kn;
		}
	}
	return dir;
}

static void rctl_mon_sub_dir_name(struct resctrl_dom *d, char *name)
{
	snprintf(name, RCTL_MON_DIR_NAME_LEN, "mon_sub_%s_%02d",
		 d->res->desc->name, d->id);
}

static void rctl_mon_l3_dir_name(struct resctrl_dom *d, char *name)
{
	snprintf(name, RCTL_MON_DIR_NAME_LEN, "mon_%s_%02d", d->res->desc->name,
		 d->l3_id);
}

/*
 * mon_in_l3: mon_<NAME>_<L3 id>/, made by the first node of the cache to
 * come (its event files sum the nodes of the cache, whichever made them:
 * a domain lives as long as its resource), then mon_sub_<NAME>_<node>/.
 */
static int rctl_mon_data_add_node(struct rctl_group *g, struct resctrl_dom *d)
{
	char name[RCTL_MON_DIR_NAME_LEN];
	struct kernfs_node *parent, *sub;
	bool made = false;

	rctl_mon_l3_dir_name(d, name);
	parent = kernfs_find_and_get(g->mon_data_kn, name);
	if (parent) {
		/* rctl_mutex keeps it: no need for the reference. */
		kernfs_put(parent);
	} else {
		parent = rctl_mon_dir_add(g->mon_data_kn, name, g, d,
					  &rctl_mon_sum_attr);
		if (IS_ERR(parent))
			return PTR_ERR(parent);
		made = true;
	}
	rctl_mon_sub_dir_name(d, name);
	sub = rctl_mon_dir_add(parent, name, g, d, &rctl_mon_event_attr);
	if (IS_ERR(sub)) {
		if (made)
			kernfs_remove(parent);
		return PTR_ERR(sub);
	}
	return 0;
}

/* Whether another node of @d's L3 cache still has its directory in @parent. */
static bool rctl_mon_l3_has_other(struct kernfs_node *parent,
				  struct resctrl_dom *d)
{
	char name[RCTL_MON_DIR_NAME_LEN];
	struct resctrl_dom *o;
	struct kernfs_node *kn;

	list_for_each_entry(o, &d->res->domains, list) {
		if (o == d || o->l3_id != d->l3_id)
			continue;
		rctl_mon_sub_dir_name(o, name);
		kn = kernfs_find_and_get(parent, name);
		if (kn) {
			kernfs_put(kn);
			return true;
		}
	}
	return false;
}

static void rctl_mon_data_remove_node(struct rctl_group *g,
				      struct resctrl_dom *d)
{
	char name[RCTL_MON_DIR_NAME_LEN];
	struct kernfs_node *parent;

	rctl_mon_l3_dir_name(d, name);
	parent = kernfs_find_and_get(g->mon_data_kn, name);
	if (!parent)
		return;
	rctl_mon_sub_dir_name(d, name);
	kernfs_remove_by_name(parent, name);
	if (!rctl_mon_l3_has_other(parent, d))
		kernfs_remove(parent);
	kernfs_put(parent);
}

/**
 * rctl_mon_data_add_dom() - a group's directory for one domain
 * @g: a group with mon_data
 * @d: an online domain of a monitoring resource
 *
 * For a resource with &resctrl_resource_desc.mon_in_l3, the node's
 * mon_sub_ directory inside its L3 cache's directory, which is made if
 * this is the first node of the cache.
 *
 * Return: 0 or a negative error code.
 */
int rctl_mon_data_add_dom(struct rctl_group *g, struct resctrl_dom *d)
{
	char name[RCTL_MON_DIR_NAME_LEN];
	struct kernfs_node *dir;

	if (d->res->desc->mon_in_l3)
		return rctl_mon_data_add_node(g, d);
	rctl_mon_dir_name(d, name);
	dir = rctl_mon_dir_add(g->mon_data_kn, name, g, d, &rctl_mon_event_attr);
	return PTR_ERR_OR_ZERO(dir);
}

/**
 * rctl_mon_data_remove_dom() - remove a group's directory for a domain
 * @g: a group with mon_data
 * @d: the domain
 *
 * For a resource with &resctrl_resource_desc.mon_in_l3, the L3 cache's
 * directory goes with its last node's.
 */
void rctl_mon_data_remove_dom(struct rctl_group *g, struct resctrl_dom *d)
{
	char name[RCTL_MON_DIR_NAME_LEN];

	if (d->res->desc->mon_in_l3) {
		rctl_mon_data_remove_node(g, d);
		return;
	}
	rctl_mon_dir_name(d, name);
	kernfs_remove_by_name(g->mon_data_kn, name);
}
