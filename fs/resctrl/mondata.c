// SPDX-License-Identifier: GPL-2.0
/*
 * mon_data: one directory per monitoring resource and domain in every
 * group, mon_data/mon_<NAME>_<id>/, with one file per event. A read asks
 * the driver for the group's counts; a control group's count includes
 * its monitor groups', all read in one call on the domain.
 */
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
 * Only reads that succeeded add up, as upstream's sum of a control group
 * and its monitor groups (arch/x86/kernel/cpu/resctrl/monitor.c:
 * mon_event_count(), "Discard error if any of the monitor event reads
 * succeeded"; kernel bugzilla 213311): a new or untracked monitor group
 * does not hide its control group's count.
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

/* The batch: the group, then each monitor group of a control group. */
static int rctl_group_read_fn(void *arg)
{
	struct rctl_group_read *gr = arg;
	struct rctl_group *g = gr->g, *m;
	u64 val = 0;
	int ret;

	ret = rctl_dom_read_here(gr->d, g->closid, g->rmid, gr->evt, &val);
	rctl_group_count_add(gr->c, ret, val);
	if (rctl_is_mon_group(g))
		return 0;
	list_for_each_entry(m, &g->mon_children, sibling) {
		val = 0;
		ret = rctl_dom_read_here(gr->d, m->closid, m->rmid, gr->evt,
					 &val);
		rctl_group_count_add(gr->c, ret, val);
	}
	return 0;
}

/**
 * rctl_group_count_read() - read a group's count in a domain
 * @d: an online domain of a monitoring resource
 * @evt: index of the event in the resource's events
 * @g: the group; a control group's monitor groups are read too
 * @c: the result, zeroed first
 *
 * The group and all its monitor groups are read in one batch on the
 * domain (rctl_dom_run()), so a read costs one cross-CPU call however
 * many monitor groups there are, as upstream's one call per read.
 *
 * Context: process, cpus_read_lock() and rctl_mutex held; sleeps.
 *
 * Return: 0 with @c filled, or an error if the batch could not run.
 */
int rctl_group_count_read(struct resctrl_dom *d, unsigned int evt,
			  struct rctl_group *g, struct rctl_group_count *c)
{
	struct rctl_group_read gr = { .d = d, .evt = evt, .g = g, .c = c };

	*c = (struct rctl_group_count){};
	return rctl_dom_run(d, rctl_group_read_fn, &gr);
}

static int rctl_mon_event_show(struct seq_file *sf, void *v)
{
	struct kernfs_open_file *of = sf->private;
	struct rctl_mon_file *mf = of->kn->priv;
	struct resctrl_res *r = mf->dom->res;
	struct rctl_group_count c;
	struct rctl_group *g;
	int ret;

	rctl_res_pin(r);
	g = rctl_group_lock(of->kn);
	if (!g || r->dead || mf->dom->dead || !mf->dom->online) {
		ret = -ENODEV;
		goto unlock;
	}
	ret = rctl_group_count_read(mf->dom, mf->evt, g, &c);
	/* "Unavailable" or "Error" only when every read failed. */
	if (!ret && !c.read)
		ret = c.err;
	if (ret == -EIO)
		seq_puts(sf, "Error\n");
	else if (ret == -ENODATA)
		seq_puts(sf, "Unavailable\n");
	else if (!ret)
		rctl_print_count(sf, c.sum, r->desc->events[mf->evt].frac_bits);
	if (ret == -EIO || ret == -ENODATA)
		ret = 0;
unlock:
	rctl_group_unlock(of->kn);
	rctl_res_unpin(r);
	return ret;
}

static const struct kernfs_ops rctl_mon_event_ops = {
	.seq_show = rctl_mon_event_show,
};

/**
 * rctl_mon_data_add_dom() - a group's directory for one domain
 * @g: a group with mon_data
 * @d: an online domain of a monitoring resource
 *
 * Return: 0 or a negative error code.
 */
int rctl_mon_data_add_dom(struct rctl_group *g, struct resctrl_dom *d)
{
	const struct resctrl_resource_desc *desc = d->res->desc;
	char name[RCTL_MON_DIR_NAME_LEN];
	struct kernfs_node *dir, *kn;
	unsigned int i;

	rctl_mon_dir_name(d, name);
	dir = kernfs_create_dir(g->mon_data_kn, name, g->mon_data_kn->mode, g);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	for (i = 0; i < desc->num_events; i++) {
		kn = rctl_add_file(dir, desc->events[i].name, 0444,
				   &rctl_mon_event_ops, &d->mon_files[i]);
		if (IS_ERR(kn)) {
			kernfs_remove(dir);
			return PTR_ERR(kn);
		}
	}
	return 0;
}

/**
 * rctl_mon_data_remove_dom() - remove a group's directory for a domain
 * @g: a group with mon_data
 * @d: the domain
 */
void rctl_mon_data_remove_dom(struct rctl_group *g, struct resctrl_dom *d)
{
	char name[RCTL_MON_DIR_NAME_LEN];

	rctl_mon_dir_name(d, name);
	kernfs_remove_by_name(g->mon_data_kn, name);
}
