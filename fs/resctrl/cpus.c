// SPDX-License-Identifier: GPL-2.0
/*
 * CPU membership: the cpus and cpus_list files, and CPU hotplug.
 *
 * Every online CPU is in exactly one CTRL_MON group (the default group
 * unless a cpus write took it) and in at most one MON group of that
 * CTRL_MON group. A task of the default group runs with the IDs of the
 * groups its CPU is in.
 */
#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/cpumask.h>
#include <linux/seq_file.h>

#include "internal.h"

static struct rctl_group *rctl_cpu_ctrl_group(unsigned int cpu)
{
	struct rctl_group *g;

	list_for_each_entry(g, &rctl_ctrl_groups, sibling)
		if (cpumask_test_cpu(cpu, &g->cpus))
			return g;
	return &rctl_default_group;
}

/**
 * rctl_cpus_apply() - tell CPUs the IDs of the groups they are in now
 * @cpus: the CPUs whose membership changed
 */
void rctl_cpus_apply(const struct cpumask *cpus)
{
	struct rctl_group *g, *m;
	unsigned int cpu;
	u32 rmid;

	lockdep_assert_held(&rctl_mutex);
	for_each_cpu(cpu, cpus) {
		g = rctl_cpu_ctrl_group(cpu);
		rmid = g->rmid;
		list_for_each_entry(m, &g->mon_children, sibling)
			if (cpumask_test_cpu(cpu, &m->cpus))
				rmid = m->rmid;
		resctrl_arch_set_cpu_ids(cpu, g->closid, rmid);
	}
	resctrl_arch_reload_cpus(cpus);
}

static void rctl_mon_children_drop(struct rctl_group *g,
				   const struct cpumask *cpus)
{
	struct rctl_group *m;

	list_for_each_entry(m, &g->mon_children, sibling)
		cpumask_andnot(&m->cpus, &m->cpus, cpus);
}

/*
 * The *_cpus_set() helpers return the CPUs whose membership changed in
 * @changed; @added is scratch space.
 */
static int rctl_ctrl_cpus_set(struct rctl_group *g, const struct cpumask *want,
			      struct cpumask *changed, struct cpumask *added)
{
	struct rctl_group *other, *m;

	cpumask_andnot(changed, &g->cpus, want);
	if (g == &rctl_default_group && !cpumask_empty(changed)) {
		rctl_status_puts("Can't drop CPUs from default group\n");
		return -EINVAL;
	}
	/* Dropped CPUs go back to the default group. */
	cpumask_or(&rctl_default_group.cpus, &rctl_default_group.cpus, changed);
	rctl_mon_children_drop(g, changed);

	/* Added CPUs leave the CTRL_MON group they were in. */
	cpumask_andnot(added, want, &g->cpus);
	list_for_each_entry(other, &rctl_ctrl_groups, sibling) {
		if (other == g)
			continue;
		cpumask_andnot(&other->cpus, &other->cpus, added);
		rctl_mon_children_drop(other, added);
	}
	cpumask_copy(&g->cpus, want);
	cpumask_or(changed, changed, added);
	/*
	 * As upstream (rdtgroup.c, cpus_ctrl_write()): a new CPU mask of a
	 * CTRL_MON group empties the masks of all its MON groups, whose
	 * CPUs fall back to the CTRL_MON group's RMID.
	 */
	list_for_each_entry(m, &g->mon_children, sibling) {
		cpumask_or(changed, changed, &m->cpus);
		cpumask_clear(&m->cpus);
	}
	return 0;
}

static int rctl_mon_cpus_set(struct rctl_group *m, const struct cpumask *want,
			     struct cpumask *changed, struct cpumask *added)
{
	struct rctl_group *sibling;

	if (!cpumask_subset(want, &m->parent->cpus)) {
		rctl_status_puts("Can only add CPUs to mongroup that belong to parent\n");
		return -EINVAL;
	}
	/* Dropped CPUs fall back to the CTRL_MON group's RMID. */
	cpumask_andnot(changed, &m->cpus, want);
	cpumask_andnot(added, want, &m->cpus);
	list_for_each_entry(sibling, &m->parent->mon_children, sibling)
		if (sibling != m)
			cpumask_andnot(&sibling->cpus, &sibling->cpus, added);
	cpumask_copy(&m->cpus, want);
	cpumask_or(changed, changed, added);
	return 0;
}

static int rctl_cpus_show_common(struct rctl_file_ctx *c, struct seq_file *sf,
				 bool as_list)
{
	seq_printf(sf, as_list ? "%*pbl\n" : "%*pb\n",
		   cpumask_pr_args(&c->g->cpus));
	return 0;
}

static int rctl_cpus_write_common(struct rctl_file_ctx *c, char *buf,
				  bool as_list)
{
	cpumask_var_t want, changed, added;
	struct rctl_group *g = c->g;
	int ret = -ENOMEM;

	if (!zalloc_cpumask_var(&want, GFP_KERNEL))
		return ret;
	if (!zalloc_cpumask_var(&changed, GFP_KERNEL))
		goto free_want;
	if (!zalloc_cpumask_var(&added, GFP_KERNEL))
		goto free_changed;

	ret = as_list ? cpulist_parse(buf, want) : cpumask_parse(buf, want);
	if (ret) {
		rctl_status_puts("Bad CPU list/mask\n");
		goto out;
	}
	if (!cpumask_subset(want, cpu_online_mask)) {
		rctl_status_puts("Can only assign online CPUs\n");
		ret = -EINVAL;
		goto out;
	}
	if (rctl_is_mon_group(g))
		ret = rctl_mon_cpus_set(g, want, changed, added);
	else
		ret = rctl_ctrl_cpus_set(g, want, changed, added);
	if (!ret)
		rctl_cpus_apply(changed);
out:
	free_cpumask_var(added);
free_changed:
	free_cpumask_var(changed);
free_want:
	free_cpumask_var(want);
	return ret;
}

static int rctl_cpus_show(struct rctl_file_ctx *c, struct seq_file *sf)
{
	return rctl_cpus_show_common(c, sf, false);
}

static int rctl_cpus_write(struct rctl_file_ctx *c, char *buf, size_t nbytes)
{
	return rctl_cpus_write_common(c, buf, false);
}

static int rctl_cpus_list_show(struct rctl_file_ctx *c, struct seq_file *sf)
{
	return rctl_cpus_show_common(c, sf, true);
}

static int rctl_cpus_list_write(struct rctl_file_ctx *c, char *buf,
				size_t nbytes)
{
	return rctl_cpus_write_common(c, buf, true);
}

const struct rctl_file_attr rctl_cpus_attr =
	RCTL_FILE_ATTR("cpus", 0644, NULL, rctl_cpus_show, rctl_cpus_write);
const struct rctl_file_attr rctl_cpus_list_attr =
	RCTL_FILE_ATTR("cpus_list", 0644, NULL, rctl_cpus_list_show,
		       rctl_cpus_list_write);

/**
 * rctl_cpus_give_back() - return a group's CPUs to its parent
 * @g: a CTRL_MON group (CPUs go to the default group) or a MON group
 *	(CPUs fall back to its CTRL_MON group's RMID), already unlinked from
 *	its list so that lookups no longer find it
 */
void rctl_cpus_give_back(struct rctl_group *g)
{
	if (!rctl_is_mon_group(g))
		cpumask_or(&rctl_default_group.cpus, &rctl_default_group.cpus,
			   &g->cpus);
	rctl_cpus_apply(&g->cpus);
	cpumask_clear(&g->cpus);
}

/* Domains first: a driver that refuses one keeps the CPU offline. */
static int rctl_cpu_online(unsigned int cpu)
{
	int ret;

	mutex_lock(&rctl_mutex);
	ret = rctl_domains_cpu_online(cpu);
	/* The CPU online path would retry -EBUSY: a refusal is final. */
	if (ret == -EBUSY)
		ret = -EIO;
	if (!ret) {
		cpumask_set_cpu(cpu, &rctl_default_group.cpus);
		resctrl_arch_set_cpu_ids(cpu, 0, 0);
		resctrl_arch_cpu_online(cpu);
	}
	mutex_unlock(&rctl_mutex);
	return ret;
}

static int rctl_cpu_offline(unsigned int cpu)
{
	struct rctl_group *g, *m;

	mutex_lock(&rctl_mutex);
	list_for_each_entry(g, &rctl_ctrl_groups, sibling) {
		cpumask_clear_cpu(cpu, &g->cpus);
		list_for_each_entry(m, &g->mon_children, sibling)
			cpumask_clear_cpu(cpu, &m->cpus);
	}
	rctl_domains_cpu_offline(cpu);
	resctrl_arch_set_cpu_ids(cpu, 0, 0);
	resctrl_arch_cpu_offline(cpu);
	mutex_unlock(&rctl_mutex);
	return 0;
}

/**
 * rctl_cpus_init() - start following CPU hotplug
 *
 * Return: 0, or a negative error code.
 */
int rctl_cpus_init(void)
{
	int ret;

	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "resctrl:online",
				rctl_cpu_online, rctl_cpu_offline);
	return ret < 0 ? ret : 0;
}
