// SPDX-License-Identifier: GPL-2.0
/*
 * mon_data: one directory per monitoring resource and domain in every
 * group, mon_data/mon_<NAME>_<id>/, with one file per event. A read asks
 * the driver for the group's counts; a control group's count includes
 * its monitor groups'.
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

static int rctl_group_count(struct rctl_group *g, struct rctl_mon_file *mf,
			    u64 *sum)
{
	struct rctl_group *m;
	u64 val;
	int ret;

	ret = rctl_dom_read(mf->dom, g->closid, g->rmid, mf->evt, &val);
	if (ret)
		return ret;
	*sum = val;
	if (rctl_is_mon_group(g))
		return 0;
	list_for_each_entry(m, &g->mon_children, sibling) {
		ret = rctl_dom_read(mf->dom, m->closid, m->rmid, mf->evt, &val);
		if (ret)
			return ret;
		*sum += val;
	}
	return 0;
}

static int rctl_mon_event_show(struct seq_file *sf, void *v)
{
	struct kernfs_open_file *of = sf->private;
	struct rctl_mon_file *mf = of->kn->priv;
	struct resctrl_res *r = mf->dom->res;
	struct rctl_group *g;
	u64 count;
	int ret;

	rctl_res_pin(r);
	g = rctl_group_lock(of->kn);
	if (!g || r->dead || mf->dom->dead || !mf->dom->online) {
		ret = -ENODEV;
		goto unlock;
	}
	ret = rctl_group_count(g, mf, &count);
	if (ret == -EIO)
		seq_puts(sf, "Error\n");
	else if (ret == -ENODATA)
		seq_puts(sf, "Unavailable\n");
	else if (!ret)
		rctl_print_count(sf, count, r->desc->events[mf->evt].frac_bits);
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
	dir = kernfs_create_dir(g->mon_data_kn, name, 0555, g);
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
