// SPDX-License-Identifier: GPL-2.0
/*
 * resctrl_hsx_l3cat: every MSR access of the driver. The two accessors
 * start with a KUnit static stub, so hsx_l3cat_kunit.c decides what the
 * hardware answers (bits that stick, bits that do not, a fault) and sees
 * every write. hsx_l3cat_kunit.c includes this file, so the suite runs
 * on any machine, also one the driver refuses.
 */
#include <kunit/static_stub.h>
#include <linux/errno.h>

#include <asm/msr.h>
#include <asm/msr-index.h>

#include "hsx_l3cat.h"
#include "hw_model_msr.h"

/**
 * hsx_l3cat_wrmsr() - write an MSR of the current CPU, surviving a fault
 * @msr: the MSR
 * @val: the value
 *
 * Context: any; the caller stays on the CPU whose MSR it means.
 *
 * Return: 0, or -EIO if the write faulted (#GP).
 */
int hsx_l3cat_wrmsr(u32 msr, u64 val)
{
	KUNIT_STATIC_STUB_REDIRECT(hsx_l3cat_wrmsr, msr, val);
	/* Test kernels booted as a modelled CPU: the model answers. */
	if (resctrl_hw_model_active()) {
		resctrl_hw_model_wrmsr(msr, val);
		return 0;
	}
	return wrmsrl_safe(msr, val) ? -EIO : 0;
}

/**
 * hsx_l3cat_rdmsr() - read an MSR of the current CPU, surviving a fault
 * @msr: the MSR
 * @val: the value read
 *
 * Context: any; the caller stays on the CPU whose MSR it means.
 *
 * Return: 0, or -EIO if the read faulted (#GP).
 */
int hsx_l3cat_rdmsr(u32 msr, u64 *val)
{
	KUNIT_STATIC_STUB_REDIRECT(hsx_l3cat_rdmsr, msr, val);
	if (resctrl_hw_model_active()) {
		*val = resctrl_hw_model_rdmsr(msr);
		return 0;
	}
	return rdmsrl_safe(msr, val) ? -EIO : 0;
}

/**
 * hsx_l3cat_probe() - whether this CPU's L3 takes capacity bitmasks
 * @void: no arguments
 *
 * Writes all 20 bits to IA32_L3_QOS_MASK_0 (MSR 0xC90, SDM Vol. 4,
 * Table 2-2) and reads it back, as upstream 6.12's
 * cache_alloc_hsw_probe() does: a family/model match is not enough, only
 * some Haswell-EP SKUs have CAT. All ones is CLOSID 0's default, so a
 * successful probe leaves the cache unrestricted.
 *
 * Context: preemption disabled (the MSRs are the current CPU's).
 *
 * Return: 0 if the bits stick, -ENODEV if they do not, -EIO if the
 * MSR faulted.
 */
int hsx_l3cat_probe(void)
{
	u64 val;
	int ret;

	ret = hsx_l3cat_wrmsr(MSR_IA32_L3_CBM_BASE, HSX_L3CAT_FULL_MASK);
	if (!ret)
		ret = hsx_l3cat_rdmsr(MSR_IA32_L3_CBM_BASE, &val);
	if (ret)
		return ret;
	return val == HSX_L3CAT_FULL_MASK ? 0 : -ENODEV;
}

/**
 * hsx_l3cat_write_mask() - program the capacity bitmask of a CLOSID
 * @closid: the CLOSID, below HSX_L3CAT_NUM_CLOSID
 * @mask: the bitmask, already checked by the filesystem
 *
 * IA32_L3_QOS_MASK_n is MSR 0xC90 + n (SDM Vol. 4, Table 2-2).
 *
 * Context: on a CPU of the L3 domain, interrupts disabled.
 *
 * Return: 0, -EINVAL for a CLOSID the part does not have, or -EIO if
 * the write faulted.
 */
int hsx_l3cat_write_mask(u32 closid, u32 mask)
{
	if (closid >= HSX_L3CAT_NUM_CLOSID)
		return -EINVAL;
	return hsx_l3cat_wrmsr(MSR_IA32_L3_CBM_BASE + closid, mask);
}
