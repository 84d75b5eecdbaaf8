// SPDX-License-Identifier: GPL-2.0
/*
 * Boot-time enumeration of the monitoring parameters every CPU carries in
 * struct cpuinfo_x86, called from the vendor init code.
 */
#include <asm/cpufeature.h>
#include <asm/processor.h>
#include <asm/resctrl.h>

#include "internal.h"

/*
 * MBM counters are 24 bits wide plus the offset CPUID reports; parts that
 * predate the offset field have wider counters all the same.
 */
#define X86_MBM_WIDTH_OFFSET_AMD	20
#define X86_MBM_WIDTH_OFFSET_HYGON	8

/*
 * CPUID leaf 0xF: sub-leaf 0 gives the highest RMID of any resource in
 * EBX; sub-leaf 1 (L3) gives the L3 RMID count, the occupancy scale and
 * the counter width offset.
 */
void resctrl_cpu_detect(struct cpuinfo_x86 *c)
{
	struct x86_rdt_cpuid_regs regs;

	c->x86_cache_max_rmid = -1;
	c->x86_cache_occ_scale = -1;
	c->x86_cache_mbm_width_offset = -1;
	if (!cpu_has(c, X86_FEATURE_CQM_LLC))
		return;

	/* Through the accessor, so that the RDT hardware model can answer. */
	x86_rdt_cpuid(0xf, 0, &regs);
	c->x86_cache_max_rmid = regs.ebx;
	if (!cpu_has(c, X86_FEATURE_CQM_OCCUP_LLC) &&
	    !cpu_has(c, X86_FEATURE_CQM_MBM_TOTAL) &&
	    !cpu_has(c, X86_FEATURE_CQM_MBM_LOCAL))
		return;

	x86_rdt_cpuid(0xf, 1, &regs);
	c->x86_cache_max_rmid = regs.ecx;
	c->x86_cache_occ_scale = regs.ebx;
	c->x86_cache_mbm_width_offset = regs.eax & 0xff;
	if (c->x86_cache_mbm_width_offset)
		return;
	if (c->x86_vendor == X86_VENDOR_AMD)
		c->x86_cache_mbm_width_offset = X86_MBM_WIDTH_OFFSET_AMD;
	else if (c->x86_vendor == X86_VENDOR_HYGON)
		c->x86_cache_mbm_width_offset = X86_MBM_WIDTH_OFFSET_HYGON;
}
