/* SPDX-License-Identifier: GPL-2.0 */
/*
 * resctrl_hsx_l3cat: L3 cache allocation of Haswell-EP, which the CPU
 * does not enumerate through CPUID. Hardware facts, all from upstream
 * 6.12's cache_alloc_hsw_probe() (arch/x86/kernel/cpu/resctrl/core.c)
 * and the Intel SDM (Vol. 3B, "Intel Resource Director Technology (Intel
 * RDT) Allocation Features"; Vol. 4, Table 2-2 "IA-32 Architectural
 * MSRs"):
 *   - the capacity bitmask of CLOSID n is IA32_L3_QOS_MASK_n, MSR
 *     0xC90 + n (SDM Vol. 4, Table 2-2; MSR_IA32_L3_CBM_BASE in
 *     asm/msr-index.h);
 *   - the model has no enumeration, so the first mask is written all
 *     ones with a write that may fault and read back: the part has CAT
 *     if the bits stick (upstream: only some E5 v3 SKUs have it);
 *   - then 4 CLOSIDs, 20-bit masks, at least 2 bits set, no holes, and
 *     bits 19:18 (0xc0000) shared with other agents.
 */
#ifndef _RESCTRL_HSX_L3CAT_H
#define _RESCTRL_HSX_L3CAT_H

#include <linux/bits.h>
#include <linux/types.h>

#define HSX_L3CAT_NUM_CLOSID	4
#define HSX_L3CAT_CBM_LEN	20
#define HSX_L3CAT_MIN_BITS	2
#define HSX_L3CAT_SHAREABLE	0xc0000
#define HSX_L3CAT_FULL_MASK	GENMASK(HSX_L3CAT_CBM_LEN - 1, 0)

int hsx_l3cat_wrmsr(u32 msr, u64 val);
int hsx_l3cat_rdmsr(u32 msr, u64 *val);
int hsx_l3cat_probe(void);
int hsx_l3cat_write_mask(u32 closid, u32 mask);

#endif /* _RESCTRL_HSX_L3CAT_H */
