// SPDX-License-Identifier: GPL-2.0
/*
 * resctrl_pkg simulate=1: an in-memory register file in place of the
 * package MSRs of pkg.h, one per physical package, so that the driver
 * runs in a VM. As with real MSRs, a CPU reaches the registers of its
 * own package: a call for another package is served from the CPU's own
 * and counted as a violation of the core's run_on_domain_cpu promise.
 *
 * Each package has 2 aggregators, 16 CLOSIDs and 32 RMIDs. Tests drive
 * it through /sys/kernel/debug/resctrl_pkg/:
 *   counter      write "PKG AGGR RMID EVENT VALUE" to set what
 *                RPKG_MSR_CTR reads for that selection: VALUE is the raw
 *                register in hex, bit 63 the valid bit, bits 62:0 the
 *                fixed-point count (18 fractional bits); EVENT is 0
 *                (core_energy) or 1 (activity). Reads back every
 *                counter that is not 0, one per line in that format.
 *   prio         "PKG CLOSID 0xVALUE": every RPKG_MSR_PRIO() register;
 *                writing such a line (VALUE in hex) sets the register as
 *                a package reset would, without counting a write
 *   prio_writes  "PKG N": writes to RPKG_MSR_PRIO() registers so far
 *   violations   register accesses made from a CPU of another package
 */
#include <linux/atomic.h>
#include <linux/bitfield.h>
#include <linux/cpumask.h>
#include <linux/debugfs.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/topology.h>
#include <linux/uaccess.h>

#include "pkg.h"

#define RPKG_SIM_AGGR		2
#define RPKG_SIM_CLOSIDS	16
#define RPKG_SIM_RMIDS		32

/**
 * struct rpkg_sim_pkg - the registers of one package
 * @evtsel: RPKG_MSR_EVTSEL
 * @ctr: what RPKG_MSR_CTR reads, per aggregator, RMID and event
 * @prio: RPKG_MSR_PRIO() per CLOSID
 * @prio_writes: writes to @prio
 */
struct rpkg_sim_pkg {
	u64 evtsel;
	u64 ctr[RPKG_SIM_AGGR][RPKG_SIM_RMIDS][RPKG_NUM_EVENTS];
	u64 prio[RPKG_SIM_CLOSIDS];
	u64 prio_writes;
};

/* Every package's registers, indexed by physical package id. */
static struct rpkg_sim_pkg *rpkg_sim_pkgs;
static int rpkg_sim_npkgs;
/* Guards rpkg_sim_pkgs: registers are reached in IPIs, irqs off. */
static DEFINE_RAW_SPINLOCK(rpkg_sim_lock);
static atomic_t rpkg_sim_violations;
static struct dentry *rpkg_sim_dir;

static const u64 rpkg_sim_cap =
	FIELD_PREP_CONST(RPKG_CAP_VERSION, RPKG_VERSION) |
	FIELD_PREP_CONST(RPKG_CAP_MAX_RMID, RPKG_SIM_RMIDS - 1) |
	FIELD_PREP_CONST(RPKG_CAP_MAX_CLOSID, RPKG_SIM_CLOSIDS - 1) |
	FIELD_PREP_CONST(RPKG_CAP_AGGR, RPKG_SIM_AGGR);

/* The registers the current CPU reaches; rpkg_sim_lock held. */
static struct rpkg_sim_pkg *rpkg_sim_here(int pkg)
{
	int here = topology_physical_package_id(smp_processor_id());

	if (here != pkg)
		atomic_inc(&rpkg_sim_violations);
	if (here < 0 || here >= rpkg_sim_npkgs)
		return NULL;
	return &rpkg_sim_pkgs[here];
}

/* The counter @sel selects; 0 (not valid) for a selection out of range. */
static u64 rpkg_sim_ctr(const struct rpkg_sim_pkg *p, u64 sel)
{
	u32 aggr = FIELD_GET(RPKG_EVTSEL_AGGR, sel);
	u32 rmid = FIELD_GET(RPKG_EVTSEL_RMID, sel);
	u32 evt = FIELD_GET(RPKG_EVTSEL_EVENT, sel);

	if (aggr >= RPKG_SIM_AGGR || rmid >= RPKG_SIM_RMIDS ||
	    evt >= RPKG_NUM_EVENTS)
		return 0;
	return p->ctr[aggr][rmid][evt];
}

static int rpkg_sim_rdmsr(int pkg, u32 msr, u64 *val)
{
	struct rpkg_sim_pkg *p;
	unsigned long flags;
	int ret = 0;

	raw_spin_lock_irqsave(&rpkg_sim_lock, flags);
	p = rpkg_sim_here(pkg);
	if (!p)
		ret = -EIO;
	else if (msr == RPKG_MSR_CAP)
		*val = rpkg_sim_cap;
	else if (msr == RPKG_MSR_CTR)
		*val = rpkg_sim_ctr(p, p->evtsel);
	else if (msr >= RPKG_MSR_PRIO(0) && msr < RPKG_MSR_PRIO(RPKG_SIM_CLOSIDS))
		*val = p->prio[msr - RPKG_MSR_PRIO(0)];
	else
		ret = -EIO;	/* no such register: #GP */
	raw_spin_unlock_irqrestore(&rpkg_sim_lock, flags);
	return ret;
}

static int rpkg_sim_wrmsr(int pkg, u32 msr, u64 val)
{
	const u64 sel_bits = RPKG_EVTSEL_EVENT | RPKG_EVTSEL_RMID | RPKG_EVTSEL_AGGR;
	const u64 prio_bits = RPKG_PRIO_LEVEL | RPKG_PRIO_RESTRAIN;
	struct rpkg_sim_pkg *p;
	unsigned long flags;
	int ret = 0;

	raw_spin_lock_irqsave(&rpkg_sim_lock, flags);
	p = rpkg_sim_here(pkg);
	if (!p) {
		ret = -EIO;
	} else if (msr == RPKG_MSR_EVTSEL && !(val & ~sel_bits)) {
		p->evtsel = val;
	} else if (msr >= RPKG_MSR_PRIO(0) && msr < RPKG_MSR_PRIO(RPKG_SIM_CLOSIDS) &&
		   !(val & ~prio_bits)) {
		p->prio[msr - RPKG_MSR_PRIO(0)] = val;
		p->prio_writes++;
	} else {
		ret = -EIO;	/* read-only, reserved bits or no register */
	}
	raw_spin_unlock_irqrestore(&rpkg_sim_lock, flags);
	return ret;
}

/* The registers of simulate=1. */
const struct rpkg_regs rpkg_sim_regs = {
	.read_reg = rpkg_sim_rdmsr,
	.write_reg = rpkg_sim_wrmsr,
};

static int rpkg_sim_counter_show(struct seq_file *sf, void *v)
{
	u32 aggr, rmid, evt;
	unsigned long flags;
	u64 val;
	int pkg;

	for (pkg = 0; pkg < rpkg_sim_npkgs; pkg++) {
		for (aggr = 0; aggr < RPKG_SIM_AGGR; aggr++) {
			for (rmid = 0; rmid < RPKG_SIM_RMIDS; rmid++) {
				for (evt = 0; evt < RPKG_NUM_EVENTS; evt++) {
					raw_spin_lock_irqsave(&rpkg_sim_lock, flags);
					val = rpkg_sim_pkgs[pkg].ctr[aggr][rmid][evt];
					raw_spin_unlock_irqrestore(&rpkg_sim_lock, flags);
					if (val)
						seq_printf(sf, "%d %u %u %u 0x%llx\n",
							   pkg, aggr, rmid, evt, val);
				}
			}
		}
	}
	return 0;
}

/* Copy a written line of @len bytes into @buf of @size, NUL-terminated. */
static int rpkg_sim_user_line(char *buf, size_t size, const char __user *ubuf,
			      size_t len)
{
	if (len >= size)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	return 0;
}

static ssize_t rpkg_sim_counter_write(struct file *file, const char __user *ubuf,
				      size_t len, loff_t *ppos)
{
	u32 aggr, rmid, evt;
	unsigned long flags;
	char buf[96], extra;
	int pkg, ret;
	u64 val;

	ret = rpkg_sim_user_line(buf, sizeof(buf), ubuf, len);
	if (ret)
		return ret;
	if (sscanf(buf, "%d %u %u %u %llx %c", &pkg, &aggr, &rmid, &evt, &val,
		   &extra) != 5)
		return -EINVAL;
	if (pkg < 0 || pkg >= rpkg_sim_npkgs || aggr >= RPKG_SIM_AGGR ||
	    rmid >= RPKG_SIM_RMIDS || evt >= RPKG_NUM_EVENTS)
		return -EINVAL;
	raw_spin_lock_irqsave(&rpkg_sim_lock, flags);
	rpkg_sim_pkgs[pkg].ctr[aggr][rmid][evt] = val;
	raw_spin_unlock_irqrestore(&rpkg_sim_lock, flags);
	return len;
}

DEFINE_SHOW_STORE_ATTRIBUTE(rpkg_sim_counter);

static int rpkg_sim_prio_show(struct seq_file *sf, void *v)
{
	unsigned long flags;
	u32 closid;
	u64 val;
	int pkg;

	for (pkg = 0; pkg < rpkg_sim_npkgs; pkg++) {
		for (closid = 0; closid < RPKG_SIM_CLOSIDS; closid++) {
			raw_spin_lock_irqsave(&rpkg_sim_lock, flags);
			val = rpkg_sim_pkgs[pkg].prio[closid];
			raw_spin_unlock_irqrestore(&rpkg_sim_lock, flags);
			seq_printf(sf, "%d %u 0x%llx\n", pkg, closid, val);
		}
	}
	return 0;
}

/* Set a register behind the driver's back, as a package reset would. */
static ssize_t rpkg_sim_prio_write(struct file *file, const char __user *ubuf,
				   size_t len, loff_t *ppos)
{
	unsigned long flags;
	char buf[64], extra;
	u32 closid;
	int pkg, ret;
	u64 val;

	ret = rpkg_sim_user_line(buf, sizeof(buf), ubuf, len);
	if (ret)
		return ret;
	if (sscanf(buf, "%d %u %llx %c", &pkg, &closid, &val, &extra) != 3)
		return -EINVAL;
	if (pkg < 0 || pkg >= rpkg_sim_npkgs || closid >= RPKG_SIM_CLOSIDS)
		return -EINVAL;
	raw_spin_lock_irqsave(&rpkg_sim_lock, flags);
	rpkg_sim_pkgs[pkg].prio[closid] = val;
	raw_spin_unlock_irqrestore(&rpkg_sim_lock, flags);
	return len;
}

DEFINE_SHOW_STORE_ATTRIBUTE(rpkg_sim_prio);

static int rpkg_sim_prio_writes_show(struct seq_file *sf, void *v)
{
	unsigned long flags;
	u64 n;
	int pkg;

	for (pkg = 0; pkg < rpkg_sim_npkgs; pkg++) {
		raw_spin_lock_irqsave(&rpkg_sim_lock, flags);
		n = rpkg_sim_pkgs[pkg].prio_writes;
		raw_spin_unlock_irqrestore(&rpkg_sim_lock, flags);
		seq_printf(sf, "%d %llu\n", pkg, n);
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(rpkg_sim_prio_writes);

static int rpkg_sim_violations_show(struct seq_file *sf, void *v)
{
	seq_printf(sf, "%d\n", atomic_read(&rpkg_sim_violations));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(rpkg_sim_violations);

/**
 * rpkg_sim_init() - create the simulated register files and their
 *	debugfs directory
 *
 * One register file per physical package id of a possible CPU, all
 * registers 0.
 *
 * Return: 0, -ENODEV if no CPU has a package id, or -ENOMEM.
 */
int rpkg_sim_init(void)
{
	int cpu, id, n = 0;

	for_each_possible_cpu(cpu) {
		id = topology_physical_package_id(cpu);
		if (id >= n)
			n = id + 1;
	}
	if (!n)
		return -ENODEV;
	rpkg_sim_pkgs = kcalloc(n, sizeof(*rpkg_sim_pkgs), GFP_KERNEL);
	if (!rpkg_sim_pkgs)
		return -ENOMEM;
	rpkg_sim_npkgs = n;
	atomic_set(&rpkg_sim_violations, 0);

	rpkg_sim_dir = debugfs_create_dir("resctrl_pkg", NULL);
	debugfs_create_file("counter", 0644, rpkg_sim_dir, NULL,
			    &rpkg_sim_counter_fops);
	debugfs_create_file("prio", 0644, rpkg_sim_dir, NULL, &rpkg_sim_prio_fops);
	debugfs_create_file("prio_writes", 0444, rpkg_sim_dir, NULL,
			    &rpkg_sim_prio_writes_fops);
	debugfs_create_file("violations", 0444, rpkg_sim_dir, NULL,
			    &rpkg_sim_violations_fops);
	return 0;
}

/**
 * rpkg_sim_exit() - remove the debugfs directory and free the register
 *	files
 *
 * Context: the resource is unregistered: no register access can come.
 */
void rpkg_sim_exit(void)
{
	/* Waits for debugfs readers and writers to leave. */
	debugfs_remove_recursive(rpkg_sim_dir);
	rpkg_sim_dir = NULL;
	kfree(rpkg_sim_pkgs);
	rpkg_sim_pkgs = NULL;
	rpkg_sim_npkgs = 0;
}
