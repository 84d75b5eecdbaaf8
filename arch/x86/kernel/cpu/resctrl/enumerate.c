// SPDX-License-Identifier: GPL-2.0
/*
 * Enumeration: turn feature flags and CPUID into the descriptions of the
 * architectural resources. Nothing here registers anything or writes an
 * MSR, so tests can enumerate made-up machines through the accessors.
 *
 * Model-specific resources (the Haswell server L3 that has to be probed
 * by writing an MSR, the parts that enumerate CAT through a brand table)
 * are left to model-specific drivers.
 */
#include <linux/bitfield.h>
#include <linux/minmax.h>
#include <linux/printk.h>
#include <linux/string.h>

#include <asm/cpufeatures.h>
#include <asm/msr-index.h>
#include <asm/processor.h>

#include "internal.h"

/* CPUID.0x10: allocation enumeration; the sub-leaf is the resource ID. */
#define X86_RDT_CPUID_ALLOC		0x10
#define X86_RDT_ALLOC_L3		1
#define X86_RDT_ALLOC_L2		2
#define X86_RDT_ALLOC_MBA		3
/* Lengths and counts in the sub-leaves are stored minus one. */
#define X86_RDT_EAX_CBM_LEN		GENMASK(4, 0)
#define X86_RDT_EAX_MAX_DELAY		GENMASK(11, 0)
#define X86_RDT_ECX_CDP			BIT(2)
#define X86_RDT_ECX_NONCONT		BIT(3)
#define X86_RDT_ECX_MBA_LINEAR		BIT(2)
#define X86_RDT_EDX_COS_MAX		GENMASK(15, 0)

/* CPUID.0x80000020: AMD bandwidth enforcement; sub-leaf 1 MBA, 2 SMBA. */
#define X86_RDT_CPUID_AMD_BW		0x80000020
#define X86_RDT_AMD_BW_MBA		1
#define X86_RDT_AMD_BW_SMBA		2

/* What differs between the two cache levels. */
struct x86_rdt_cat_level {
	const struct resctrl_resource_desc *desc;
	const struct resctrl_resource_desc *desc_per_cpu;
	u32 subleaf;
	unsigned int cat_feature;
	unsigned int cdp_feature;
	u32 msr_base;
	u32 cfg_msr;
};

static const struct x86_rdt_cat_level x86_rdt_cat_l3 = {
	.desc = &x86_rdt_desc_l3, .desc_per_cpu = &x86_rdt_desc_l3_per_cpu,
	.subleaf = X86_RDT_ALLOC_L3,
	.cat_feature = X86_FEATURE_CAT_L3, .cdp_feature = X86_FEATURE_CDP_L3,
	.msr_base = MSR_IA32_L3_CBM_BASE, .cfg_msr = MSR_IA32_L3_QOS_CFG,
};

static const struct x86_rdt_cat_level x86_rdt_cat_l2 = {
	.desc = &x86_rdt_desc_l2, .desc_per_cpu = &x86_rdt_desc_l2_per_cpu,
	.subleaf = X86_RDT_ALLOC_L2,
	.cat_feature = X86_FEATURE_CAT_L2, .cdp_feature = X86_FEATURE_CDP_L2,
	.msr_base = MSR_IA32_L2_CBM_BASE, .cfg_msr = MSR_IA32_L2_QOS_CFG,
};

/*
 * A feature is used when the CPU has it, unless the rdt= boot option
 * forces it off, or a model quirk turns it off and rdt= does not force
 * it on.
 */
static bool x86_rdt_has(const struct x86_rdt_facts *facts,
			unsigned int feature)
{
	int opt = x86_rdt_boot_feature_opt(feature);
	int state;

	if (!x86_rdt_cpu_has(feature))
		return false;
	if (opt < 0)
		return true;
	state = x86_rdt_boot_state(&facts->opts, opt);
	if (state)
		return state > 0;
	return !(x86_rdt_quirk_off(facts) & BIT(opt));
}

static bool x86_rdt_alloc_has(const struct x86_rdt_facts *facts,
			      unsigned int feature)
{
	/* RDT_A gates every allocation feature, as the SDM describes. */
	return x86_rdt_cpu_has(X86_FEATURE_RDT_A) && x86_rdt_has(facts, feature);
}

static void x86_rdt_probe_cat(const struct x86_rdt_facts *facts,
			      const struct x86_rdt_cat_level *lvl,
			      struct x86_rdt_res *res)
{
	struct resctrl_bitmask_params *bm = &res->caps.bitmask;
	bool intel = facts->vendor == X86_VENDOR_INTEL;
	struct x86_rdt_cpuid_regs regs;

	if (!x86_rdt_alloc_has(facts, lvl->cat_feature))
		return;
	x86_rdt_cpuid(X86_RDT_CPUID_ALLOC, lvl->subleaf, &regs);

	res->desc = lvl->desc;
	res->caps.num_closid = FIELD_GET(X86_RDT_EDX_COS_MAX, regs.edx) + 1;
	bm->cbm_len = FIELD_GET(X86_RDT_EAX_CBM_LEN, regs.eax) + 1;
	bm->shareable_bits = regs.ebx & GENMASK(bm->cbm_len - 1, 0);
	/*
	 * Intel wants at least one bit and says per level whether the bits
	 * may have holes; AMD takes any mask, holes and all, even none.
	 */
	bm->min_cbm_bits = intel ? 1 : 0;
	bm->sparse = intel ? !!(regs.ecx & X86_RDT_ECX_NONCONT) : true;
	/*
	 * CDP: the same flag, leaf bit and QOS_CFG MSR on both vendors, but
	 * AMD's QOS_CFG is per CPU rather than per domain (upstream core.c
	 * sets arch_has_per_cpu_cfg for AMD and Hygon).
	 */
	if (x86_rdt_has(facts, lvl->cdp_feature) &&
	    (regs.ecx & X86_RDT_ECX_CDP)) {
		res->caps.cdp_capable = true;
		res->cfg_msr = lvl->cfg_msr;
		res->per_cpu_cfg = !intel;
		if (res->per_cpu_cfg)
			res->desc = lvl->desc_per_cpu;
	}
	res->kind = X86_RDT_CTRL_CBM;
	res->msr_base = lvl->msr_base;
	res->present = true;
}

static void x86_rdt_probe_mba_intel(struct x86_rdt_res *res)
{
	struct resctrl_range_params *range = &res->caps.range;
	struct x86_rdt_cpuid_regs regs;
	u32 max_delay;

	x86_rdt_cpuid(X86_RDT_CPUID_ALLOC, X86_RDT_ALLOC_MBA, &regs);
	max_delay = FIELD_GET(X86_RDT_EAX_MAX_DELAY, regs.eax) + 1;
	/* No part has a non-linear scale: there is no table to map it. */
	if (!(regs.ecx & X86_RDT_ECX_MBA_LINEAR)) {
		pr_info("resctrl: MB: non-linear throttling is not supported\n");
		return;
	}
	if (max_delay >= X86_RDT_MBA_MAX_PERCENT) {
		pr_warn("resctrl: MB: impossible maximum delay %u\n", max_delay);
		return;
	}
	res->desc = &x86_rdt_desc_mb_intel;
	res->caps.num_closid = FIELD_GET(X86_RDT_EDX_COS_MAX, regs.edx) + 1;
	/*
	 * The delay moves in steps of whatever is left of 100 after the
	 * largest delay, which is then also the least bandwidth.
	 */
	range->min = X86_RDT_MBA_MAX_PERCENT - max_delay;
	range->max = X86_RDT_MBA_MAX_PERCENT;
	range->granularity = range->min;
	range->delay_linear = true;
	res->per_thread_mba = x86_rdt_cpu_has(X86_FEATURE_PER_THREAD_MBA);
	res->kind = X86_RDT_CTRL_DELAY;
	res->msr_base = MSR_IA32_MBA_THRTL_BASE;
	res->present = true;
}

static void x86_rdt_probe_bw_amd(struct x86_rdt_res *res,
				 const struct resctrl_resource_desc *desc,
				 u32 subleaf, u32 msr_base)
{
	struct resctrl_range_params *range = &res->caps.range;
	struct x86_rdt_cpuid_regs regs;

	x86_rdt_cpuid(X86_RDT_CPUID_AMD_BW, subleaf, &regs);
	/* EAX is the width of the limit field, EDX the highest CLOSID. */
	if (regs.eax >= 32 || regs.edx == U32_MAX) {
		pr_warn("resctrl: %s: impossible enumeration %#x/%#x\n",
			desc->name, regs.eax, regs.edx);
		return;
	}
	res->desc = desc;
	res->caps.num_closid = regs.edx + 1;
	/* No delay scale: the limit is written as given, in any step. */
	range->min = 0;
	range->max = BIT(regs.eax);
	range->granularity = 1;
	range->delay_linear = false;
	/* Upstream prints AMD limits four columns wide. */
	range->width = 4;
	res->kind = X86_RDT_CTRL_BW;
	res->msr_base = msr_base;
	res->present = true;
}

static bool x86_rdt_add_event(const struct x86_rdt_facts *facts,
			      struct x86_rdt_res *res, unsigned int feature,
			      const char *name, u32 id)
{
	struct resctrl_event_desc *evt = &res->events[res->caps.num_events];

	if (!x86_rdt_has(facts, feature))
		return false;
	evt->name = name;
	evt->id = id;
	res->caps.num_events++;
	return true;
}

/* Monitoring joins the L3 resource, which is created if CAT is absent. */
/*
 * AMD BMEC: CPUID 0x80000020 EBX bit 3 (X86_FEATURE_BMEC); subleaf 3 ECX
 * holds the event sources MSR_IA32_EVT_CFG_BASE + n may select (AMD64
 * APM vol. 2, 19.4 "Bandwidth Monitoring Event Configuration"; upstream
 * core.c: rdt_get_mon_l3_config(), masked with MAX_EVT_CONFIG_BITS).
 * rdt=!bmec turns it off, as upstream's rdt_cpu_has() does.
 */
#define X86_RDT_CPUID_AMD_QOS		0x80000020
#define X86_RDT_BMEC_SUBLEAF		3

static u32 x86_rdt_bmec_mask(const struct x86_rdt_facts *facts)
{
	struct x86_rdt_cpuid_regs regs;

	if (!x86_rdt_has(facts, X86_FEATURE_BMEC))
		return 0;
	x86_rdt_cpuid(X86_RDT_CPUID_AMD_QOS, X86_RDT_BMEC_SUBLEAF, &regs);
	return regs.ecx & X86_RDT_EVT_CFG_MASK;
}

/*
 * MBM counters are running counts of mbm_width bits in units of the
 * upscaling factor (SDM vol. 3B, 18.18.5; upstream monitor.c:
 * mbm_overflow_count() and "chunks * hw_res->mon_scale"): the filesystem
 * folds them (fs/resctrl/counters.c).
 */
static void x86_rdt_mbm_running(const struct x86_rdt_facts *facts,
				struct x86_rdt_res *res)
{
	u32 cfg = x86_rdt_bmec_mask(facts);
	unsigned int i;

	for (i = 0; i < res->caps.num_events; i++) {
		if (res->events[i].id != X86_RDT_EVT_MBM_TOTAL &&
		    res->events[i].id != X86_RDT_EVT_MBM_LOCAL)
			continue;
		res->events[i].width = res->mbm_width;
		res->events[i].scale = res->occ_scale;
		res->events[i].config_mask = cfg;
	}
}

static void x86_rdt_probe_mon(const struct x86_rdt_facts *facts,
			      struct x86_rdt_res *res)
{
	unsigned int snc = max(facts->snc_nodes, 1U);
	int offset = facts->mbm_width_offset;
	bool mbm;

	if (facts->max_rmid < 0 || facts->occ_scale <= 0)
		return;
	if (x86_rdt_add_event(facts, res, X86_FEATURE_CQM_OCCUP_LLC,
			      "llc_occupancy", X86_RDT_EVT_LLC_OCCUPANCY)) {
		res->events[res->caps.num_events - 1].occupancy = true;
		/*
		 * Occupancy moves in steps of the upscaling factor, CPUID
		 * leaf 0xF subleaf 1 EBX (SDM vol. 3B, 18.18.3); the core
		 * rounds the threshold to it as upstream does
		 * (arch/x86/include/asm/resctrl.h: resctrl_arch_round_mon_val()).
		 */
		res->events[res->caps.num_events - 1].scale = facts->occ_scale / snc;
	}
	mbm = x86_rdt_add_event(facts, res, X86_FEATURE_CQM_MBM_TOTAL,
				"mbm_total_bytes", X86_RDT_EVT_MBM_TOTAL);
	/* Local MBM measures what MBA throttles: the mba_MBps source. */
	if (x86_rdt_add_event(facts, res, X86_FEATURE_CQM_MBM_LOCAL,
			      "mbm_local_bytes", X86_RDT_EVT_MBM_LOCAL)) {
		res->events[res->caps.num_events - 1].bandwidth = true;
		mbm = true;
	}
	if (!res->caps.num_events)
		return;

	res->caps.events = res->events;
	/*
	 * Under SNC each node has its share of the RMIDs and counts in its
	 * share of the scale (upstream 6.12 monitor.c:
	 * rdt_get_mon_l3_config() divides both by the nodes per L3 cache).
	 */
	res->caps.num_rmid = (facts->max_rmid + 1) / snc;
	res->occ_scale = facts->occ_scale / snc;
	/* A freed RMID is reused once it holds its share of the cache. */
	res->caps.occupancy_limit = min_t(u64, (u64)facts->cache_kb * 1024, U32_MAX);
	res->caps.occupancy_threshold = res->caps.occupancy_limit / res->caps.num_rmid;
	if (mbm) {
		/* An offset that would reach the status bits is bogus. */
		res->mbm_width = X86_RDT_MBM_WIDTH_BASE;
		if (offset > 0 &&
		    offset <= X86_RDT_MBM_WIDTH_MAX - X86_RDT_MBM_WIDTH_BASE)
			res->mbm_width += offset;
		else if (offset > 0)
			pr_warn("resctrl: MBM counter width offset %d is impossible: using %u bits\n",
				offset, X86_RDT_MBM_WIDTH_BASE);
		x86_rdt_mbm_running(facts, res);
	}
	x86_rdt_mbm_cf_init(facts, res);
	if (res->mbm_cf) {
		unsigned int i;

		/* The core folds the counts; the erratum scales its totals. */
		for (i = 0; i < res->caps.num_events; i++)
			if (res->events[i].width)
				res->events[i].correct = x86_rdt_mbm_correct_event;
	}
	if (!res->present) {
		res->desc = &x86_rdt_desc_l3_mon;
		res->kind = X86_RDT_CTRL_NONE;
		res->present = true;
	}
}

/*
 * Sub-NUMA Clustering: monitoring moves to a resource of its own whose
 * domains are the NUMA nodes (upstream 6.12 sets the L3 mon_scope to
 * RESCTRL_L3_NODE in snc_get_config()), while L3 control stays per L3
 * cache. The core sums the nodes of a cache in mon_L3_XX (mon_in_l3).
 */
static void x86_rdt_split_snc(const struct x86_rdt_facts *facts,
			      struct x86_rdt_res res[X86_RDT_NUM_RES])
{
	struct x86_rdt_res *l3 = &res[X86_RDT_L3], *mon = &res[X86_RDT_L3_MON];

	if (facts->snc_nodes <= 1 || !l3->present || !l3->caps.num_events)
		return;
	*mon = *l3;
	mon->caps.events = mon->events;
	mon->desc = &x86_rdt_desc_l3_snc;
	mon->caps.num_closid = 0;
	mon->caps.cdp_capable = false;
	memset(&mon->caps.bitmask, 0, sizeof(mon->caps.bitmask));
	mon->kind = X86_RDT_CTRL_NONE;
	mon->msr_base = 0;
	mon->cfg_msr = 0;
	mon->per_cpu_cfg = false;
	mon->snc_nodes = facts->snc_nodes;

	if (l3->kind == X86_RDT_CTRL_NONE) {
		l3->present = false;
		return;
	}
	l3->caps.events = NULL;
	l3->caps.num_events = 0;
	l3->caps.num_rmid = 0;
	l3->caps.occupancy_threshold = 0;
	l3->caps.occupancy_limit = 0;
	l3->mbm_width = 0;
	l3->mbm_cf = 0;
}

/**
 * x86_rdt_id_limits() - the IDs IA32_PQR_ASSOC can carry on this machine
 * @facts: vendor and monitoring parameters of the boot CPU
 * @res: the enumerated resources
 * @closids: set to the CLOSIDs, 0 for no limit
 * @rmids: set to the RMIDs, 0 for no limit
 *
 * The COS field holds only CLOSIDs every allocation feature has, and the
 * RMID field only RMIDs up to CPUID.0xF's highest (Intel SDM vol. 3B,
 * chapter 18, "Intel RDT Monitoring" and "Intel RDT Allocation",
 * IA32_PQR_ASSOC; upstream core.c likewise keeps to the smallest
 * num_closid of its allocation resources and to max_rmid + 1). A CPU with PQR_ASSOC but no
 * allocation or no monitoring carries ID 0 only. Without PQR_ASSOC
 * nothing is written to it, and there is no limit.
 */
void x86_rdt_id_limits(const struct x86_rdt_facts *facts,
		       const struct x86_rdt_res res[X86_RDT_NUM_RES],
		       u32 *closids, u32 *rmids)
{
	bool cqm = x86_rdt_cpu_has(X86_FEATURE_CQM_LLC);
	unsigned int i;
	u32 n = 0;

	*closids = 0;
	*rmids = 0;
	if (!x86_rdt_cpu_has(X86_FEATURE_RDT_A) && !cqm)
		return;
	for (i = 0; i < X86_RDT_NUM_RES; i++)
		if (res[i].present && res[i].kind != X86_RDT_CTRL_NONE &&
		    (!n || res[i].caps.num_closid < n))
			n = res[i].caps.num_closid;
	*closids = n ?: 1;
	*rmids = cqm && facts->max_rmid >= 0 ? facts->max_rmid + 1 : 1;
}

/**
 * x86_rdt_enumerate() - describe the resources this machine has
 * @facts: vendor and monitoring parameters of the boot CPU
 * @res: X86_RDT_NUM_RES descriptions, indexed by enum x86_rdt_id;
 *	cleared, then filled for the resources that are present
 *
 * Each present resource gets one of desc.c's constant descriptions and
 * its capabilities from CPUID.
 */
void x86_rdt_enumerate(const struct x86_rdt_facts *facts,
		       struct x86_rdt_res res[X86_RDT_NUM_RES])
{
	bool intel = facts->vendor == X86_VENDOR_INTEL;
	bool amd = facts->vendor == X86_VENDOR_AMD ||
		   facts->vendor == X86_VENDOR_HYGON;

	memset(res, 0, sizeof(*res) * X86_RDT_NUM_RES);
	if (!intel && !amd)
		return;

	x86_rdt_probe_cat(facts, &x86_rdt_cat_l3, &res[X86_RDT_L3]);
	x86_rdt_probe_cat(facts, &x86_rdt_cat_l2, &res[X86_RDT_L2]);
	if (x86_rdt_alloc_has(facts, X86_FEATURE_MBA)) {
		if (intel)
			x86_rdt_probe_mba_intel(&res[X86_RDT_MB]);
		else
			x86_rdt_probe_bw_amd(&res[X86_RDT_MB], &x86_rdt_desc_mb_amd,
					     X86_RDT_AMD_BW_MBA,
					     MSR_IA32_MBA_BW_BASE);
	}
	/* SMBA is defined for AMD parts only, not for Hygon's. */
	if (facts->vendor == X86_VENDOR_AMD &&
	    x86_rdt_alloc_has(facts, X86_FEATURE_SMBA))
		x86_rdt_probe_bw_amd(&res[X86_RDT_SMBA], &x86_rdt_desc_smba,
				     X86_RDT_AMD_BW_SMBA, MSR_IA32_SMBA_BW_BASE);
	x86_rdt_probe_mon(facts, &res[X86_RDT_L3]);
	x86_rdt_split_snc(facts, res);
}
