// SPDX-License-Identifier: GPL-2.0
/*
 * Model quirks of Intel server parts, as upstream 6.12 applies them
 * (arch/x86/kernel/cpu/resctrl/core.c, check_quirks(), and monitor.c,
 * intel_rdt_mbm_apply_quirk()):
 *
 * - Model 0x55 (Skylake-SP, Cascade Lake, Cooper Lake) offers no L3 CAT
 *   unless the user asks for it with rdt=l3cat. Steppings up to 4 also
 *   drop CMT and both MBM events unless asked for with rdt=cmt,
 *   rdt=mbmtotal, rdt=mbmlocal.
 * - Broadwell-EP (model 0x4F) and model 0x55 count memory bandwidth
 *   wrongly for the high RMIDs: errata BDF102 (Intel Xeon E5-2600 v4
 *   Specification Update) and SKX99 (Intel Xeon Scalable Specification
 *   Update), with the correction table of upstream's
 *   Documentation/arch/x86/resctrl.rst, "Intel RDT Errata".
 */
#include <linux/bits.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/printk.h>

#include <asm/cpu_device_id.h>
#include <asm/intel-family.h>

#include "internal.h"

/**
 * x86_rdt_quirk_off() - the features a model turns off by default
 * @facts: the boot CPU
 *
 * rdt=NAME turns such a feature back on.
 *
 * Return: a mask of enum x86_rdt_opt bits.
 */
unsigned long x86_rdt_quirk_off(const struct x86_rdt_facts *facts)
{
	if (facts->vfm != INTEL_SKYLAKE_X)
		return 0;
	if (facts->stepping <= 4)
		return BIT(X86_RDT_OPT_L3_CAT) | BIT(X86_RDT_OPT_CMT) |
		       BIT(X86_RDT_OPT_MBM_TOTAL) | BIT(X86_RDT_OPT_MBM_LOCAL);
	return BIT(X86_RDT_OPT_L3_CAT);
}

/*
 * The errata table, one row per core count from 1 to 28 (a part has
 * eight RMIDs per core): counts of RMIDs above @rmid are multiplied by
 * @millionths / 10^6. A row with a @rmid of 0 needs no correction. The
 * published table skips 5 cores; that row is upstream monitor.c's.
 */
static const struct {
	u8 rmid;
	u32 millionths;
} x86_rdt_mbm_cf_rows[] = {
	{ 0, 1000000 }, { 0, 1000000 }, { 15, 969650 }, { 0, 1000000 },
	{ 31, 1066667 }, { 31, 969650 }, { 47, 1142857 }, { 0, 1000000 },
	{ 63, 1185115 }, { 63, 1066553 }, { 79, 1454545 }, { 0, 1000000 },
	{ 95, 1230769 }, { 95, 1142857 }, { 95, 1066667 }, { 0, 1000000 },
	{ 127, 1254863 }, { 127, 1185255 }, { 0, 1000000 }, { 127, 1066667 },
	{ 0, 1000000 }, { 159, 1454334 }, { 0, 1000000 }, { 127, 969744 },
	{ 191, 1280246 }, { 191, 1230921 }, { 0, 1000000 }, { 191, 1143118 },
};

/**
 * x86_rdt_mbm_cf_init() - find a part's MBM correction, if it needs one
 * @facts: the boot CPU
 * @res: the L3 resource, with its MBM width set
 *
 * Sets @res->mbm_cf_rmid and @res->mbm_cf. Without a correction,
 * @res->mbm_cf stays 0.
 */
void x86_rdt_mbm_cf_init(const struct x86_rdt_facts *facts,
			 struct x86_rdt_res *res)
{
	unsigned int cores = (facts->max_rmid + 1) / 8;
	u64 cf;

	res->mbm_cf_rmid = 0;
	res->mbm_cf = 0;
	if (!res->mbm_width || (facts->vfm != INTEL_BROADWELL_X &&
				facts->vfm != INTEL_SKYLAKE_X))
		return;
	if (!cores || cores > ARRAY_SIZE(x86_rdt_mbm_cf_rows)) {
		pr_info("resctrl: no MBM correction factor for %d RMIDs\n",
			facts->max_rmid + 1);
		return;
	}
	if (!x86_rdt_mbm_cf_rows[cores - 1].rmid)
		return;
	/* The factor in fixed point, rounded to the nearest. */
	cf = (u64)x86_rdt_mbm_cf_rows[cores - 1].millionths <<
	     X86_RDT_MBM_CF_SHIFT;
	res->mbm_cf = DIV_ROUND_CLOSEST_ULL(cf, 1000000);
	res->mbm_cf_rmid = x86_rdt_mbm_cf_rows[cores - 1].rmid;
}

/**
 * x86_rdt_mbm_correct() - apply the errata correction to an MBM count
 * @res: the resource
 * @rmid: the RMID the count is of
 * @chunks: the count, in counter units, wraps already accounted
 *
 * Upstream corrects the running total, not each delta, so does this.
 * The product is taken in 96 bits: unlike upstream, a total beyond
 * 2^64 / factor does not overflow.
 *
 * Context: any.
 *
 * Return: @chunks, corrected if @rmid is one of those the erratum hits.
 */
u64 x86_rdt_mbm_correct(const struct x86_rdt_res *res, u32 rmid, u64 chunks)
{
	if (!res->mbm_cf || rmid <= res->mbm_cf_rmid)
		return chunks;
	return mul_u64_u32_shr(chunks, res->mbm_cf, X86_RDT_MBM_CF_SHIFT);
}

/**
 * x86_rdt_mbm_correct_event() - &resctrl_event_desc.correct of the MBM
 *	events of a part with the BDF102/SKX99 erratum
 * @r: the L3 resource
 * @rmid: the RMID the count is of
 * @units: the running count, in counter units
 *
 * Context: where &resctrl_resource_ops.read_event is called; any.
 *
 * Return: x86_rdt_mbm_correct() of @units.
 */
u64 x86_rdt_mbm_correct_event(struct resctrl_res *r, u32 rmid, u64 units)
{
	return x86_rdt_mbm_correct(resctrl_res_priv(r), rmid, units);
}
