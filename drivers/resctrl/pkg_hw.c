// SPDX-License-Identifier: GPL-2.0
/*
 * resctrl_pkg: every access to the package QoS registers (layout in
 * pkg.h). Two accessors reach the registers, and start with a KUnit
 * static stub so that pkg_kunit.c sees the exact register traffic of
 * each operation and decides what the hardware answers; what is behind
 * them is either the MSRs (rpkg_msr_regs) or the simulated register file
 * of pkg_sim.c.
 *
 * pkg_kunit.c includes this file, so that its module tests this code
 * without needing the driver to load on the machine.
 */
#include <kunit/static_stub.h>
#include <linux/bitfield.h>
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/smp.h>
#include <linux/topology.h>

#include <asm/msr.h>

#include "pkg.h"

/* The MSRs of a package are reached from its CPUs only. */
static bool rpkg_on_pkg(int pkg)
{
	return !WARN_ON_ONCE(topology_physical_package_id(smp_processor_id()) != pkg);
}

static int rpkg_msr_read(int pkg, u32 msr, u64 *val)
{
	if (!rpkg_on_pkg(pkg))
		return -EIO;
	return rdmsrl_safe(msr, val) ? -EIO : 0;
}

static int rpkg_msr_write(int pkg, u32 msr, u64 val)
{
	if (!rpkg_on_pkg(pkg))
		return -EIO;
	return wrmsrl_safe(msr, val) ? -EIO : 0;
}

/* The registers of real hardware: MSRs of the current CPU's package. */
const struct rpkg_regs rpkg_msr_regs = {
	.read_reg = rpkg_msr_read,
	.write_reg = rpkg_msr_write,
};

/**
 * rpkg_hw_rdmsr() - read a register of a package
 * @hw: the hardware
 * @pkg: the package (physical package id)
 * @msr: the register
 * @val: where the value goes
 *
 * Context: on a CPU of @pkg, preemption disabled.
 *
 * Return: 0, or -EIO if the register cannot be read.
 */
int rpkg_hw_rdmsr(const struct rpkg_hw *hw, int pkg, u32 msr, u64 *val)
{
	KUNIT_STATIC_STUB_REDIRECT(rpkg_hw_rdmsr, hw, pkg, msr, val);
	return hw->regs->read_reg(pkg, msr, val);
}

/**
 * rpkg_hw_wrmsr() - write a register of a package
 * @hw: the hardware
 * @pkg: the package (physical package id)
 * @msr: the register
 * @val: the value
 *
 * Context: on a CPU of @pkg, preemption disabled.
 *
 * Return: 0, or -EIO if the register cannot be written.
 */
int rpkg_hw_wrmsr(const struct rpkg_hw *hw, int pkg, u32 msr, u64 val)
{
	KUNIT_STATIC_STUB_REDIRECT(rpkg_hw_wrmsr, hw, pkg, msr, val);
	return hw->regs->write_reg(pkg, msr, val);
}

/**
 * rpkg_hw_probe() - learn what the hardware offers from RPKG_MSR_CAP
 * @hw: the hardware; @hw->regs set, the rest is filled in
 * @pkg: the package whose capabilities are read; every package is
 *	assumed to have the same
 *
 * Context: on a CPU of @pkg, preemption disabled.
 *
 * Return: 0, or -ENODEV if the register cannot be read or describes an
 * interface this driver does not know.
 */
int rpkg_hw_probe(struct rpkg_hw *hw, int pkg)
{
	u64 cap;

	if (rpkg_hw_rdmsr(hw, pkg, RPKG_MSR_CAP, &cap))
		return -ENODEV;
	if (FIELD_GET(RPKG_CAP_VERSION, cap) != RPKG_VERSION ||
	    !FIELD_GET(RPKG_CAP_AGGR, cap))
		return -ENODEV;
	hw->naggr = FIELD_GET(RPKG_CAP_AGGR, cap);
	hw->nclosid = min_t(u32, FIELD_GET(RPKG_CAP_MAX_CLOSID, cap) + 1,
			    RPKG_MAX_CLOSIDS);
	hw->nrmid = min_t(u32, FIELD_GET(RPKG_CAP_MAX_RMID, cap) + 1,
			  RPKG_MAX_RMIDS);
	return 0;
}

/**
 * rpkg_hw_prio_encode() - the RPKG_MSR_PRIO() value of a level
 * @level: the level, at most RPKG_LEVEL_MAX
 *
 * Return: the register value.
 */
u64 rpkg_hw_prio_encode(u32 level)
{
	u64 val = FIELD_PREP(RPKG_PRIO_LEVEL, level);

	if (level < RPKG_LEVEL_MAX)
		val |= RPKG_PRIO_RESTRAIN;
	return val;
}

/**
 * rpkg_hw_set_prio() - program the priority level of a CLOSID in a
 *	package
 * @hw: the hardware
 * @pkg: the package
 * @closid: the CLOSID
 * @level: the level
 *
 * Context: on a CPU of @pkg, preemption disabled.
 *
 * Return: 0, -EINVAL for a CLOSID or level out of range (nothing is
 * written), or -EIO if the write failed.
 */
int rpkg_hw_set_prio(const struct rpkg_hw *hw, int pkg, u32 closid, u32 level)
{
	if (closid >= hw->nclosid || level > RPKG_LEVEL_MAX)
		return -EINVAL;
	return rpkg_hw_wrmsr(hw, pkg, RPKG_MSR_PRIO(closid),
			     rpkg_hw_prio_encode(level));
}

/**
 * rpkg_hw_read_count() - read an event's count for an RMID in a package
 * @hw: the hardware
 * @pkg: the package
 * @rmid: the RMID
 * @evt: the event (enum rpkg_event)
 * @count: where the count goes: the sum over the package's aggregators,
 *	fixed point with RPKG_FRAC_BITS fractional bits
 *
 * Selects each aggregator's counter in turn and reads it. Callers must
 * not run two of these at once on a package: the selection is shared.
 *
 * Context: on a CPU of @pkg, preemption disabled.
 *
 * Return: 0, -ENODATA if an aggregator has no valid count, -EINVAL for
 * an RMID or event out of range (no register is touched) or -EIO if a
 * register access failed.
 */
int rpkg_hw_read_count(const struct rpkg_hw *hw, int pkg, u32 rmid, u32 evt,
		       u64 *count)
{
	u64 sel, ctr, sum = 0;
	u32 aggr;
	int ret;

	if (rmid >= hw->nrmid || evt >= RPKG_NUM_EVENTS)
		return -EINVAL;
	for (aggr = 0; aggr < hw->naggr; aggr++) {
		sel = FIELD_PREP(RPKG_EVTSEL_EVENT, evt) |
		      FIELD_PREP(RPKG_EVTSEL_RMID, rmid) |
		      FIELD_PREP(RPKG_EVTSEL_AGGR, aggr);
		ret = rpkg_hw_wrmsr(hw, pkg, RPKG_MSR_EVTSEL, sel) ?:
		      rpkg_hw_rdmsr(hw, pkg, RPKG_MSR_CTR, &ctr);
		if (ret)
			return ret;
		if (!(ctr & RPKG_CTR_VALID))
			return -ENODATA;
		sum += ctr & RPKG_CTR_COUNT;
	}
	*count = sum;
	return 0;
}
