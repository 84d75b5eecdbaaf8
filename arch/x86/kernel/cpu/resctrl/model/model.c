// SPDX-License-Identifier: GPL-2.0
/*
 * The RDT hardware model: a test-only stand-in for the CPUID leaves and
 * MSRs of Intel RDT and AMD PQoS, so that the x86 backend runs end to end
 * in a VM (QEMU/TCG has none of them) on copies of real CPUs.
 *
 * x86_rdt_model=NAME on the kernel command line picks a CPU from the
 * tables that cpuid2c.py generates from real CPUID dumps. The backend's
 * accessors (msr.c, the PQR_ASSOC write in pqr.c) then come here instead
 * of executing CPUID, RDMSR and WRMSR. The model:
 *
 * - answers CPUID from the dump, and faults on a subleaf the dump lacks;
 * - forces the RDT feature flags the dump announces, before the boot CPU
 *   is identified, so that every CPU's /proc/cpuinfo shows them;
 * - keeps the MSRs with the scope the hardware gives them: masks,
 *   throttles, bandwidth limits, event configuration and the Intel
 *   QOS_CFG per cache domain; PQR_ASSOC, QM_EVTSEL and AMD's QOS_CFG per
 *   CPU;
 * - refuses what the hardware would refuse with #GP (reserved bits, a
 *   class of service or MSR index beyond the CPUID count, an RMID above
 *   the maximum, an MSR the CPU lacks) and reports it on the console as
 *   "x86-rdt-model: fault: ..." naming the MSR, the value and the CPU;
 *   test harnesses count that prefix as a failure;
 * - keeps occupancy and bandwidth counts per cache domain and RMID that
 *   tests set through debugfs (x86_rdt_model/), including wraps, the
 *   Unavailable and the Error bit of IA32_QM_CTR, shows every MSR there
 *   and lets tests write one behind the backend, as firmware would.
 *
 * Only CONFIG_X86_RESCTRL_HW_MODEL builds it; production configurations
 * never select that option.
 */
#define pr_fmt(fmt) "x86-rdt-model: " fmt

#include <linux/bitfield.h>
#include <linux/bitops.h>
#include <linux/cacheinfo.h>
#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/percpu.h>
#include <linux/printk.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <asm/cpufeature.h>
#include <asm/intel-family.h>
#include <asm/msr-index.h>
#include <asm/processor.h>
#include <asm/resctrl.h>

#include "../hw_model.h"
#include "model.h"

/* The registers of a CPUID leaf, in the order of struct x86_rdt_model_leaf. */
enum { R_EAX, R_EBX, R_ECX, R_EDX };

/*
 * Where the dump says which RDT feature a CPU has: the bits behind the
 * X86_FEATURE_* flags, as arch/x86/kernel/cpu/scattered.c and
 * cpufeatures.h (CPUID 7.0 EBX word) read them. Leaves: SDM Vol. 2A
 * "CPUID" leaves 07H, 0FH, 10H; AMD: APM Vol. 3 Fn8000_0008 EBX[6] (L3
 * bandwidth enforcement) and Fn8000_0020 (PQoS extensions, pub. 56375).
 */
struct x86_rdt_model_flag {
	unsigned int feature;
	u32 leaf;
	u8 subleaf;
	u8 reg;
	u8 bit;
	u8 vendor;	/* X86_VENDOR_*, or X86_VENDOR_UNKNOWN for both */
};

static const struct x86_rdt_model_flag x86_rdt_model_flags[] __initconst = {
	{ X86_FEATURE_CQM, 0x7, 0, R_EBX, 12, X86_VENDOR_UNKNOWN },
	{ X86_FEATURE_RDT_A, 0x7, 0, R_EBX, 15, X86_VENDOR_UNKNOWN },
	{ X86_FEATURE_CQM_LLC, 0xf, 0, R_EDX, 1, X86_VENDOR_UNKNOWN },
	{ X86_FEATURE_CQM_OCCUP_LLC, 0xf, 1, R_EDX, 0, X86_VENDOR_UNKNOWN },
	{ X86_FEATURE_CQM_MBM_TOTAL, 0xf, 1, R_EDX, 1, X86_VENDOR_UNKNOWN },
	{ X86_FEATURE_CQM_MBM_LOCAL, 0xf, 1, R_EDX, 2, X86_VENDOR_UNKNOWN },
	{ X86_FEATURE_CAT_L3, 0x10, 0, R_EBX, 1, X86_VENDOR_UNKNOWN },
	{ X86_FEATURE_CAT_L2, 0x10, 0, R_EBX, 2, X86_VENDOR_UNKNOWN },
	{ X86_FEATURE_CDP_L3, 0x10, 1, R_ECX, 2, X86_VENDOR_UNKNOWN },
	{ X86_FEATURE_CDP_L2, 0x10, 2, R_ECX, 2, X86_VENDOR_UNKNOWN },
	{ X86_FEATURE_MBA, 0x10, 0, R_EBX, 3, X86_VENDOR_INTEL },
	{ X86_FEATURE_PER_THREAD_MBA, 0x10, 3, R_ECX, 0, X86_VENDOR_INTEL },
	{ X86_FEATURE_MBA, 0x80000008, 0, R_EBX, 6, X86_VENDOR_AMD },
	{ X86_FEATURE_SMBA, 0x80000020, 0, R_EBX, 2, X86_VENDOR_AMD },
	{ X86_FEATURE_BMEC, 0x80000020, 0, R_EBX, 3, X86_VENDOR_AMD },
};

/* Limits of the model's own arrays; init refuses a CPU beyond them. */
#define X86_RDT_MODEL_MAX_COS		64
#define X86_RDT_MODEL_MAX_EVT_CFG	8
#define X86_RDT_MODEL_EVENTS		3	/* QM_EVTSEL event IDs 1..3 */

/*
 * IA32_QM_EVTSEL: event ID in bits 7:0, RMID from bit 32 up; bits 31:8
 * are reserved (SDM Vol. 3B 17.18.5.2, "IA32_QM_EVTSEL").
 */
#define X86_RDT_EVTSEL_EVENT		GENMASK_ULL(7, 0)
#define X86_RDT_EVTSEL_RSVD		GENMASK_ULL(31, 8)
/* IA32_QM_CTR: bit 63 Error, bit 62 Unavailable (SDM Vol. 3B 17.18.5.2). */
#define X86_RDT_QM_CTR_ERROR		BIT_ULL(63)
#define X86_RDT_QM_CTR_UNAVAILABLE	BIT_ULL(62)
#define X86_RDT_QM_CTR_DATA		GENMASK_ULL(61, 0)
/* IA32_L3_QOS_CFG / IA32_L2_QOS_CFG: bit 0 enables CDP, the rest reserved. */
#define X86_RDT_QOS_CFG_VALID		BIT_ULL(0)
/*
 * MSR_RMID_SNC_CONFIG: bit 0 set is the power-on "legacy" RMID mode
 * (upstream 6.12 arch/x86/kernel/cpu/resctrl/monitor.c, above
 * arch_mon_domain_online()); other bits modelled as reserved.
 */
#define X86_RDT_SNC_CFG_VALID		BIT_ULL(0)
/*
 * IA32_L2_QoS_Ext_BW_Thrtl_n: the delay in bits 15:0, the rest reserved
 * (SDM Vol. 3B 17.19.7.2).
 */
#define X86_RDT_THRTL_VALID		GENMASK_ULL(15, 0)
/*
 * AMD EVT_CFG defaults of the total and local MBM events (upstream 6.12
 * Documentation/arch/x86/resctrl.rst, "mbm_total_bytes_config").
 */
#define X86_RDT_EVT_CFG_TOTAL_DEFAULT	0x7f
#define X86_RDT_EVT_CFG_LOCAL_DEFAULT	0x15

/* Counter state bits, kept beside each modelled counter. */
#define X86_RDT_CTR_F_UNAVAILABLE	BIT(0)	/* until cleared by a test */
#define X86_RDT_CTR_F_ERROR		BIT(1)	/* until cleared by a test */
#define X86_RDT_CTR_F_UNAVAIL_ONCE	BIT(2)	/* the next read only */

/**
 * struct x86_rdt_model_hw - what the modelled CPU's CPUID enumerates
 * @vendor: X86_VENDOR_INTEL or X86_VENDOR_AMD, from leaf 0
 * @family: display family, from leaf 1
 * @model: display model, from leaf 1
 * @stepping: stepping, from leaf 1
 * @l3_cos: L3 mask MSRs (0xC90 + i), 0 without L3 CAT
 * @l3_len: bits of an L3 mask
 * @l3_min_bits: fewest bits an Intel L3 mask may have
 * @l3_sparse: L3 masks may have holes
 * @l3_cdp: IA32_L3_QOS_CFG exists
 * @l2_cos: L2 mask MSRs (0xD10 + i), 0 without L2 CAT
 * @l2_len: bits of an L2 mask
 * @l2_sparse: L2 masks may have holes
 * @l2_cdp: IA32_L2_QOS_CFG exists
 * @mba_cos: Intel throttle MSRs (0xD50 + i)
 * @mba_max_delay: the largest delay a throttle MSR takes
 * @bw_cos: AMD L3 bandwidth MSRs (0xC0000200 + i)
 * @bw_len: width of their bandwidth field
 * @smba_cos: AMD SMBA bandwidth MSRs (0xC0000280 + i)
 * @smba_len: width of their bandwidth field
 * @evt_cfg_nr: AMD EVT_CFG MSRs (0xC0000400 + i)
 * @evt_cfg_mask: the bits they take
 * @pqr: PQR_ASSOC, QM_EVTSEL and QM_CTR exist
 * @max_cos: highest CLOSID PQR_ASSOC takes
 * @max_rmid: highest RMID PQR_ASSOC takes (CPUID.0xF.0 EBX)
 * @l3_max_rmid: highest L3 RMID (CPUID.0xF.1 ECX)
 * @events: bit n set: QM_EVTSEL event n counts (CPUID.0xF.1 EDX)
 * @mbm_width: MBM counter width in bits
 * @occ_scale: bytes per counter unit (CPUID.0xF.1 EBX)
 * @snc_cfg: MSR_RMID_SNC_CONFIG exists
 */
struct x86_rdt_model_hw {
	u8 vendor;
	u32 family, model, stepping;
	u32 l3_cos, l3_len, l3_min_bits;
	bool l3_sparse, l3_cdp;
	u32 l2_cos, l2_len;
	bool l2_sparse, l2_cdp;
	u32 mba_cos, mba_max_delay;
	u32 bw_cos, bw_len, smba_cos, smba_len;
	u32 evt_cfg_nr, evt_cfg_mask;
	bool pqr;
	u32 max_cos, max_rmid, l3_max_rmid;
	u32 events, mbm_width, occ_scale;
	bool snc_cfg;
};

/**
 * struct x86_rdt_model_ctr - one modelled counter
 * @val: what IA32_QM_CTR returns for it, in counter units
 * @flags: X86_RDT_CTR_F_*
 */
struct x86_rdt_model_ctr {
	u64 val;
	u8 flags;
};

/**
 * struct x86_rdt_model_dom - the MSRs of one cache domain
 * @id: the cache id (the N of resctrl's mon_L3_N), -1 while unused
 * @cfg: Intel QOS_CFG of the level, which is domain scoped
 * @mask: the capacity masks
 * @bw: L3 only: Intel throttle or AMD bandwidth MSRs
 * @smba: L3 only: AMD SMBA bandwidth MSRs
 * @evt_cfg: L3 only: AMD EVT_CFG MSRs
 * @snc_cfg: L3 only: MSR_RMID_SNC_CONFIG
 * @ctr: L3 only: counters, X86_RDT_MODEL_EVENTS per RMID
 */
struct x86_rdt_model_dom {
	int id;
	u64 cfg;
	u64 mask[X86_RDT_MODEL_MAX_COS];
	u64 bw[X86_RDT_MODEL_MAX_COS];
	u64 smba[X86_RDT_MODEL_MAX_COS];
	u64 evt_cfg[X86_RDT_MODEL_MAX_EVT_CFG];
	u64 snc_cfg;
	struct x86_rdt_model_ctr *ctr;
};

/**
 * struct x86_rdt_model_pcpu - the per-CPU MSRs
 * @pqr: IA32_PQR_ASSOC
 * @evtsel: IA32_QM_EVTSEL
 * @l3_cfg: AMD L3_QOS_CFG, which is per CPU (upstream 6.12 core.c sets
 *	arch_has_per_cpu_cfg for AMD)
 * @ctr_reads: how many times this CPU read IA32_QM_CTR, so that tests
 *	see on which CPUs counters are read (not a register)
 */
struct x86_rdt_model_pcpu {
	u64 pqr;
	u64 evtsel;
	u64 l3_cfg;
	u64 ctr_reads;
};

const struct x86_rdt_model_cpu *x86_rdt_model __ro_after_init;
static struct x86_rdt_model_hw x86_rdt_model_hw __ro_after_init;
static DEFINE_PER_CPU(struct x86_rdt_model_pcpu, x86_rdt_model_pcpu);
/* Domain slots, nr_cpu_ids per cache level; allocated at early_initcall. */
static struct x86_rdt_model_dom *x86_rdt_model_l3, *x86_rdt_model_l2;
/* Protects the domain slots: taken in IPIs, so irqsave. */
static DEFINE_RAW_SPINLOCK(x86_rdt_model_lock);
static atomic_t x86_rdt_model_faults = ATOMIC_INIT(0);

/*
 * The one place that reports a refused access. Deferred printing: the
 * PQR_ASSOC write comes from the context switch, under the runqueue lock.
 */
#define x86_rdt_model_fault(fmt, ...)					\
	do {								\
		atomic_inc(&x86_rdt_model_faults);			\
		preempt_disable();					\
		printk_deferred_enter();				\
		pr_err("fault: " fmt, ##__VA_ARGS__);			\
		printk_deferred_exit();					\
		preempt_enable();					\
	} while (0)

static const struct x86_rdt_model_leaf *x86_rdt_model_leaf(u32 leaf, u32 subleaf)
{
	const struct x86_rdt_model_cpu *cpu = x86_rdt_model;
	unsigned int i;

	for (i = 0; i < cpu->nr_leaves; i++)
		if (cpu->leaves[i].leaf == leaf && cpu->leaves[i].subleaf == subleaf)
			return &cpu->leaves[i];
	return NULL;
}

/* A register of the dump for the model's own use: absent reads as 0. */
static u32 x86_rdt_model_reg(u32 leaf, u32 subleaf, int reg)
{
	const struct x86_rdt_model_leaf *l = x86_rdt_model_leaf(leaf, subleaf);

	return l ? l->regs[reg] : 0;
}

/**
 * x86_rdt_model_cpuid() - CPUID as the modelled CPU answers it
 * @leaf: EAX in
 * @subleaf: ECX in
 * @regs: EAX, EBX, ECX, EDX out
 *
 * A subleaf neither the dump nor the overlay holds reads as zeros and is
 * reported as a fault: the real CPU's answer is unknown.
 *
 * Context: any, from early boot on.
 */
void x86_rdt_model_cpuid(u32 leaf, u32 subleaf, u32 regs[4])
{
	const struct x86_rdt_model_leaf *l = x86_rdt_model_leaf(leaf, subleaf);

	if (!l) {
		x86_rdt_model_fault("cpuid 0x%x subleaf %u on CPU %d: not in the dump of %s\n",
				    leaf, subleaf, raw_smp_processor_id(),
				    x86_rdt_model->name);
		memset(regs, 0, 4 * sizeof(u32));
		return;
	}
	memcpy(regs, l->regs, 4 * sizeof(u32));
}

static bool x86_rdt_model_has(unsigned int feature)
{
	return boot_cpu_has(feature);
}

/* Fill x86_rdt_model_hw from the dump and the forced flags. */
static void __init x86_rdt_model_enumerate(void)
{
	struct x86_rdt_model_hw *hw = &x86_rdt_model_hw;
	u32 eax = x86_rdt_model_reg(1, 0, R_EAX);
	bool rdt_a = x86_rdt_model_has(X86_FEATURE_RDT_A);

	hw->vendor = x86_rdt_model_reg(0, 0, R_EBX) == 0x68747541 ?
		     X86_VENDOR_AMD : X86_VENDOR_INTEL;	/* "Auth" */
	/* SDM Vol. 2A, CPUID leaf 01H: display family and model. */
	hw->family = FIELD_GET(GENMASK(11, 8), eax);
	hw->model = FIELD_GET(GENMASK(7, 4), eax);
	hw->stepping = FIELD_GET(GENMASK(3, 0), eax);
	if (hw->family == 0xf)
		hw->family += FIELD_GET(GENMASK(27, 20), eax);
	if (hw->family >= 6)
		hw->model |= FIELD_GET(GENMASK(19, 16), eax) << 4;

	/* CPUID.0x10.n (SDM Vol. 3B 17.19.4): EAX[4:0] length - 1, EDX COS - 1. */
	if (rdt_a && x86_rdt_model_has(X86_FEATURE_CAT_L3)) {
		hw->l3_cos = (x86_rdt_model_reg(0x10, 1, R_EDX) & 0xffff) + 1;
		hw->l3_len = (x86_rdt_model_reg(0x10, 1, R_EAX) & 0x1f) + 1;
		hw->l3_sparse = x86_rdt_model_reg(0x10, 1, R_ECX) & BIT(3);
		hw->l3_cdp = x86_rdt_model_has(X86_FEATURE_CDP_L3);
		hw->l3_min_bits = 1;
	} else if (hw->vendor == X86_VENDOR_INTEL && hw->family == 6 &&
		   hw->model == 0x3f) {
		/*
		 * Haswell-EP: L3 CAT without CPUID on six E5 v3 SKUs, found
		 * by writing 0xC90 and reading it back; 4 classes, 20-bit
		 * contiguous masks of at least 2 bits (upstream 6.12 core.c,
		 * cache_alloc_hsw_probe()). The model is such an SKU.
		 */
		hw->l3_cos = 4;
		hw->l3_len = 20;
		hw->l3_min_bits = 2;
	}
	if (hw->vendor == X86_VENDOR_AMD)
		hw->l3_sparse = true;	/* AMD takes any mask (PQoS spec 56375) */
	if (rdt_a && x86_rdt_model_has(X86_FEATURE_CAT_L2)) {
		hw->l2_cos = (x86_rdt_model_reg(0x10, 2, R_EDX) & 0xffff) + 1;
		hw->l2_len = (x86_rdt_model_reg(0x10, 2, R_EAX) & 0x1f) + 1;
		hw->l2_sparse = x86_rdt_model_reg(0x10, 2, R_ECX) & BIT(3);
		hw->l2_cdp = x86_rdt_model_has(X86_FEATURE_CDP_L2);
	}
	if (rdt_a && x86_rdt_model_has(X86_FEATURE_MBA)) {
		if (hw->vendor == X86_VENDOR_INTEL) {
			/* CPUID.0x10.3: EAX[11:0] max delay - 1 (SDM 17.19.7). */
			hw->mba_cos = (x86_rdt_model_reg(0x10, 3, R_EDX) & 0xffff) + 1;
			hw->mba_max_delay = (x86_rdt_model_reg(0x10, 3, R_EAX) & 0xfff) + 1;
		} else {
			/* CPUID.0x80000020.1: EAX field width, EDX COS - 1. */
			hw->bw_cos = x86_rdt_model_reg(0x80000020, 1, R_EDX) + 1;
			hw->bw_len = x86_rdt_model_reg(0x80000020, 1, R_EAX);
		}
	}
	if (rdt_a && x86_rdt_model_has(X86_FEATURE_SMBA)) {
		hw->smba_cos = x86_rdt_model_reg(0x80000020, 2, R_EDX) + 1;
		hw->smba_len = x86_rdt_model_reg(0x80000020, 2, R_EAX);
	}
	if (x86_rdt_model_has(X86_FEATURE_BMEC)) {
		/*
		 * CPUID.0x80000020.3: EBX[7:0] the number of EVT_CFG MSRs, ECX
		 * the bits they take (PQoS spec 56375; upstream 6.12
		 * monitor.c reads ECX as mbm_cfg_mask).
		 */
		hw->evt_cfg_nr = x86_rdt_model_reg(0x80000020, 3, R_EBX) & 0xff;
		hw->evt_cfg_mask = x86_rdt_model_reg(0x80000020, 3, R_ECX);
	}
	hw->max_cos = max3(hw->l3_cos, hw->l2_cos,
			   max3(hw->mba_cos, hw->bw_cos, hw->smba_cos));
	hw->max_cos = hw->max_cos ? hw->max_cos - 1 : 0;
	if (x86_rdt_model_has(X86_FEATURE_CQM_LLC)) {
		hw->max_rmid = x86_rdt_model_reg(0xf, 0, R_EBX);
		hw->l3_max_rmid = x86_rdt_model_reg(0xf, 1, R_ECX);
		hw->occ_scale = x86_rdt_model_reg(0xf, 1, R_EBX);
		/* QM_EVTSEL event n counts if CPUID.0xF.1 EDX bit n-1 is set. */
		hw->events = (x86_rdt_model_reg(0xf, 1, R_EDX) & 0x7) << 1;
		/* CPUID.0xF.1 EAX[7:0]: width - 24; AMD before Zen 4: 44 bits. */
		hw->mbm_width = 24 + (x86_rdt_model_reg(0xf, 1, R_EAX) & 0xff);
		if (hw->mbm_width == 24 && hw->vendor == X86_VENDOR_AMD)
			hw->mbm_width = 44;
	}
	hw->pqr = hw->max_cos || x86_rdt_model_has(X86_FEATURE_CQM_LLC);
	/* The models that have MSR_RMID_SNC_CONFIG: upstream 6.12 snc_cpu_ids. */
	hw->snc_cfg = hw->vendor == X86_VENDOR_INTEL && hw->family == 6 &&
		      (hw->model == 0x6a || hw->model == 0x8f ||
		       hw->model == 0xcf || hw->model == 0xad ||
		       hw->model == 0xaf);
}

static void __init x86_rdt_model_force_flags(void)
{
	const struct x86_rdt_model_flag *f;
	u8 vendor = x86_rdt_model_reg(0, 0, R_EBX) == 0x68747541 ?
		    X86_VENDOR_AMD : X86_VENDOR_INTEL;

	for (f = x86_rdt_model_flags;
	     f < x86_rdt_model_flags + ARRAY_SIZE(x86_rdt_model_flags); f++) {
		if (f->vendor != X86_VENDOR_UNKNOWN && f->vendor != vendor)
			continue;
		if (x86_rdt_model_reg(f->leaf, f->subleaf, f->reg) & BIT(f->bit))
			setup_force_cpu_cap(f->feature);
	}
}

/*
 * early_param, so before the boot CPU is identified (identify_boot_cpu()
 * applies the forced flags to it, and every secondary CPU gets them in
 * identify_cpu()) but after bsp_init_*() ran resctrl_cpu_detect() on the
 * real CPUID: run it again, now through the model.
 */
static int __init x86_rdt_model_setup(char *arg)
{
	unsigned int i;

	if (!arg)
		return -EINVAL;
	for (i = 0; i < x86_rdt_model_nr_cpus; i++)
		if (!strcmp(arg, x86_rdt_model_cpus[i].name))
			break;
	if (i == x86_rdt_model_nr_cpus) {
		x86_rdt_model_fault("no modelled CPU is called \"%s\"\n", arg);
		return -EINVAL;
	}
	WRITE_ONCE(x86_rdt_model, &x86_rdt_model_cpus[i]);
	x86_rdt_model_force_flags();
	resctrl_cpu_detect(&boot_cpu_data);
	return 0;
}
early_param("x86_rdt_model", x86_rdt_model_setup);

/*
 * The id of @cpu's cache at @level, as get_cpu_cacheinfo_id() gives it but
 * without its cpus_read_lock() assertion: the model answers MSR accesses
 * in IPIs, whose sender holds the lock, and @cpu's cacheinfo cannot go
 * away while @cpu runs the access.
 */
static int x86_rdt_model_cache_id(int cpu, int level)
{
	struct cpu_cacheinfo *ci = get_cpu_cacheinfo(cpu);
	unsigned int i;

	for (i = 0; ci && ci->info_list && i < ci->num_leaves; i++)
		if (ci->info_list[i].level == level &&
		    (ci->info_list[i].attributes & CACHE_ID))
			return ci->info_list[i].id;
	return -1;
}

static struct x86_rdt_model_dom *x86_rdt_model_dom(struct x86_rdt_model_dom *doms,
						   int level, int cpu)
{
	int id = x86_rdt_model_cache_id(cpu, level);
	struct x86_rdt_model_dom *free = NULL;
	unsigned int i;

	lockdep_assert_held(&x86_rdt_model_lock);
	if (id < 0 || !doms)
		return NULL;
	for (i = 0; i < nr_cpu_ids; i++) {
		if (doms[i].id == id)
			return &doms[i];
		if (doms[i].id < 0 && !free)
			free = &doms[i];
	}
	if (free)
		free->id = id;
	return free;
}

static void x86_rdt_model_dom_reset(struct x86_rdt_model_dom *d, u32 len)
{
	const struct x86_rdt_model_hw *hw = &x86_rdt_model_hw;
	unsigned int i;

	d->id = -1;
	/* Masks reset to all ones (SDM Vol. 3B 17.19.4.2). */
	for (i = 0; i < X86_RDT_MODEL_MAX_COS; i++) {
		d->mask[i] = len ? GENMASK_ULL(len - 1, 0) : 0;
		/* Throttle 0: no delay; AMD: the unlimited bit set. */
		d->bw[i] = hw->bw_cos ? BIT_ULL(hw->bw_len) : 0;
		d->smba[i] = hw->smba_cos ? BIT_ULL(hw->smba_len) : 0;
	}
	d->evt_cfg[0] = X86_RDT_EVT_CFG_TOTAL_DEFAULT & hw->evt_cfg_mask;
	d->evt_cfg[1] = X86_RDT_EVT_CFG_LOCAL_DEFAULT & hw->evt_cfg_mask;
	d->snc_cfg = X86_RDT_SNC_CFG_VALID;
}

static int __init x86_rdt_model_init_state(void)
{
	const struct x86_rdt_model_hw *hw = &x86_rdt_model_hw;
	const struct x86_rdt_model_cpu *cpu = x86_rdt_model;
	size_t nr_ctr;
	unsigned int i;

	if (!cpu)
		return 0;
	x86_rdt_model_enumerate();
	pr_info("booted as %s: %s\n", cpu->name, cpu->desc);
	if (boot_cpu_data.x86_vendor != hw->vendor ||
	    boot_cpu_data.x86 != hw->family ||
	    boot_cpu_data.x86_model != hw->model ||
	    boot_cpu_data.x86_stepping != hw->stepping)
		x86_rdt_model_fault("QEMU is CPU %u/%#x/%#x/%u, %s is %u/%#x/%#x/%u\n",
				    boot_cpu_data.x86_vendor, boot_cpu_data.x86,
				    boot_cpu_data.x86_model,
				    boot_cpu_data.x86_stepping, cpu->name,
				    hw->vendor, hw->family, hw->model, hw->stepping);
	if (max3(hw->l3_cos, hw->l2_cos, hw->max_cos + 1) > X86_RDT_MODEL_MAX_COS ||
	    hw->evt_cfg_nr > X86_RDT_MODEL_MAX_EVT_CFG) {
		x86_rdt_model_fault("%s has more classes or EVT_CFG MSRs than the model keeps\n",
				    cpu->name);
		return -E2BIG;
	}

	x86_rdt_model_l3 = kcalloc(nr_cpu_ids, sizeof(*x86_rdt_model_l3), GFP_KERNEL);
	x86_rdt_model_l2 = kcalloc(nr_cpu_ids, sizeof(*x86_rdt_model_l2), GFP_KERNEL);
	if (!x86_rdt_model_l3 || !x86_rdt_model_l2)
		return -ENOMEM;
	nr_ctr = hw->pqr ? (size_t)(hw->l3_max_rmid + 1) * X86_RDT_MODEL_EVENTS : 0;
	for (i = 0; i < nr_cpu_ids; i++) {
		x86_rdt_model_dom_reset(&x86_rdt_model_l3[i], hw->l3_len);
		x86_rdt_model_dom_reset(&x86_rdt_model_l2[i], hw->l2_len);
		if (!nr_ctr)
			continue;
		x86_rdt_model_l3[i].ctr = kcalloc(nr_ctr, sizeof(struct x86_rdt_model_ctr),
						  GFP_KERNEL);
		if (!x86_rdt_model_l3[i].ctr)
			return -ENOMEM;
	}
	return 0;
}
early_initcall(x86_rdt_model_init_state);

/* How a mask MSR write can be wrong: NULL if it is fine. */
static const char *x86_rdt_model_bad_mask(u64 val, u32 len, u32 min_bits,
					  bool sparse)
{
	if (val & ~GENMASK_ULL(len - 1, 0))
		return "reserved bits above the mask length";
	if (x86_rdt_model_hw.vendor == X86_VENDOR_AMD)
		return NULL;
	/* SDM Vol. 3B 17.19.4.2: empty or (unless CPUID allows) holey masks #GP. */
	if (hweight64(val) < min_bits)
		return "fewer bits than the minimum";
	if (!sparse && val != GENMASK_ULL(__fls(val), __ffs(val)))
		return "non-contiguous mask";
	return NULL;
}

/* An indexed MSR: the index if @msr is in [@base, @base + @nr), else -1. */
static int x86_rdt_model_index(u32 msr, u32 base, u32 nr)
{
	return msr >= base && msr < base + nr ? msr - base : -1;
}

/* Clear a domain's MBM counters and flag their next read Unavailable. */
static void x86_rdt_model_evt_cfg_changed(struct x86_rdt_model_dom *d)
{
	u32 rmid;

	for (rmid = 0; rmid <= x86_rdt_model_hw.l3_max_rmid; rmid++) {
		struct x86_rdt_model_ctr *c = &d->ctr[rmid * X86_RDT_MODEL_EVENTS];

		c[1].val = 0;
		c[2].val = 0;
		c[1].flags |= X86_RDT_CTR_F_UNAVAIL_ONCE;
		c[2].flags |= X86_RDT_CTR_F_UNAVAIL_ONCE;
	}
}

/* Store @val in @reg unless it sets a bit outside @valid. */
static const char *x86_rdt_model_store(u64 *reg, u64 val, u64 valid)
{
	if (val & ~valid)
		return "reserved bits";
	*reg = val;
	return NULL;
}

/* The domain-scoped MSRs; called with x86_rdt_model_lock held. */
static const char *x86_rdt_model_wr_dom(u32 msr, u64 val, int cpu)
{
	const struct x86_rdt_model_hw *hw = &x86_rdt_model_hw;
	struct x86_rdt_model_dom *l3, *l2;
	const char *bad;
	int i;

	l3 = x86_rdt_model_dom(x86_rdt_model_l3, 3, cpu);
	l2 = x86_rdt_model_dom(x86_rdt_model_l2, 2, cpu);

	i = x86_rdt_model_index(msr, MSR_IA32_L3_CBM_BASE, hw->l3_cos);
	if (i >= 0) {
		bad = x86_rdt_model_bad_mask(val, hw->l3_len, hw->l3_min_bits,
					     hw->l3_sparse);
		if (!bad && l3)
			l3->mask[i] = val;
		return bad ?: (l3 ? NULL : "no L3 cache id");
	}
	i = x86_rdt_model_index(msr, MSR_IA32_L2_CBM_BASE, hw->l2_cos);
	if (i >= 0) {
		bad = x86_rdt_model_bad_mask(val, hw->l2_len, 1, hw->l2_sparse);
		if (!bad && l2)
			l2->mask[i] = val;
		return bad ?: (l2 ? NULL : "no L2 cache id");
	}
	if (!l3)
		return "not an RDT MSR of this CPU";

	if (msr == MSR_IA32_L3_QOS_CFG && hw->l3_cdp &&
	    hw->vendor == X86_VENDOR_INTEL)
		return x86_rdt_model_store(&l3->cfg, val, X86_RDT_QOS_CFG_VALID);
	if (msr == MSR_IA32_L2_QOS_CFG && hw->l2_cdp && l2)
		return x86_rdt_model_store(&l2->cfg, val, X86_RDT_QOS_CFG_VALID);
	i = x86_rdt_model_index(msr, MSR_IA32_MBA_THRTL_BASE, hw->mba_cos);
	if (i >= 0) {
		if (val & ~X86_RDT_THRTL_VALID)
			return "reserved bits";
		/* SDM Vol. 3B 17.19.7.2: delays above the maximum are unsupported. */
		if (val > hw->mba_max_delay)
			return "delay above the CPUID maximum";
		l3->bw[i] = val;
		return NULL;
	}
	/* AMD: bandwidth below bit len, the unlimited bit at len (PQoS 56375). */
	i = x86_rdt_model_index(msr, MSR_IA32_MBA_BW_BASE, hw->bw_cos);
	if (i >= 0)
		return x86_rdt_model_store(&l3->bw[i], val, GENMASK_ULL(hw->bw_len, 0));
	i = x86_rdt_model_index(msr, MSR_IA32_SMBA_BW_BASE, hw->smba_cos);
	if (i >= 0)
		return x86_rdt_model_store(&l3->smba[i], val,
					   GENMASK_ULL(hw->smba_len, 0));
	i = x86_rdt_model_index(msr, MSR_IA32_EVT_CFG_BASE, hw->evt_cfg_nr);
	if (i >= 0) {
		if (val & ~(u64)hw->evt_cfg_mask)
			return "reserved bits";
		/*
		 * A change clears the domain's MBM counters and makes the next
		 * read of each Unavailable (upstream 6.12 rdtgroup.c,
		 * mbm_config_write_domain()).
		 */
		if (l3->evt_cfg[i] != val && l3->ctr)
			x86_rdt_model_evt_cfg_changed(l3);
		l3->evt_cfg[i] = val;
		return NULL;
	}
	if (msr == MSR_RMID_SNC_CONFIG && hw->snc_cfg)
		return x86_rdt_model_store(&l3->snc_cfg, val, X86_RDT_SNC_CFG_VALID);
	return "not an RDT MSR of this CPU";
}

/* Room for why a write was refused, numbers included. */
#define X86_RDT_MODEL_WHY_LEN	48

/*
 * PQR_ASSOC: RMID in the low bits, CLOSID in 63:32 (SDM Vol. 3B 17.19.6);
 * fills @why and returns false when the IDs are out of range.
 */
static bool x86_rdt_model_pqr_ok(u64 val, char *why)
{
	const struct x86_rdt_model_hw *hw = &x86_rdt_model_hw;

	if (upper_32_bits(val) > hw->max_cos) {
		snprintf(why, X86_RDT_MODEL_WHY_LEN, "CLOSID %u >= %u",
			 upper_32_bits(val), hw->max_cos + 1);
		return false;
	}
	if (lower_32_bits(val) > hw->max_rmid) {
		snprintf(why, X86_RDT_MODEL_WHY_LEN, "RMID %u > %u",
			 lower_32_bits(val), hw->max_rmid);
		return false;
	}
	return true;
}

/*
 * WRMSR on @cpu, the current CPU: false, with the reason in @why, when
 * the hardware would raise #GP, in which case nothing changes.
 */
static bool x86_rdt_model_write(int cpu, u32 msr, u64 val, char *why)
{
	const struct x86_rdt_model_hw *hw = &x86_rdt_model_hw;
	struct x86_rdt_model_pcpu *pc = per_cpu_ptr(&x86_rdt_model_pcpu, cpu);
	const char *bad = NULL;
	unsigned long flags;

	if (msr == MSR_IA32_PQR_ASSOC && hw->pqr) {
		if (!x86_rdt_model_pqr_ok(val, why))
			return false;
		pc->pqr = val;
		return true;
	}
	if (msr == MSR_IA32_QM_EVTSEL && hw->pqr) {
		bad = x86_rdt_model_store(&pc->evtsel, val, ~X86_RDT_EVTSEL_RSVD);
	} else if (msr == MSR_IA32_L3_QOS_CFG && hw->l3_cdp &&
		   hw->vendor == X86_VENDOR_AMD) {
		bad = x86_rdt_model_store(&pc->l3_cfg, val, X86_RDT_QOS_CFG_VALID);
	} else if (msr == MSR_IA32_QM_CTR && hw->pqr) {
		bad = "read-only MSR";
	} else if (!x86_rdt_model_l3) {
		bad = "model not initialised";
	} else {
		raw_spin_lock_irqsave(&x86_rdt_model_lock, flags);
		bad = x86_rdt_model_wr_dom(msr, val, cpu);
		raw_spin_unlock_irqrestore(&x86_rdt_model_lock, flags);
	}
	if (bad)
		strscpy(why, bad, X86_RDT_MODEL_WHY_LEN);
	return !bad;
}

/**
 * x86_rdt_model_wrmsr() - WRMSR on the current CPU of the modelled CPU
 * @msr: the MSR
 * @val: the value
 *
 * Stores @val where the hardware keeps it (per CPU or per cache domain),
 * or leaves everything as it was and reports a fault when the hardware
 * would raise #GP.
 *
 * Context: any, including the context switch; the caller keeps the task
 * on its CPU (the backend writes in IPIs and with interrupts off).
 */
void x86_rdt_model_wrmsr(u32 msr, u64 val)
{
	int cpu = raw_smp_processor_id();
	char why[X86_RDT_MODEL_WHY_LEN];

	if (!x86_rdt_model_write(cpu, msr, val, why))
		x86_rdt_model_fault("wrmsr 0x%x=0x%llx on CPU %d: %s\n", msr, val,
				    cpu, why);
}

/* IA32_QM_CTR for the event and RMID this CPU's QM_EVTSEL names. */
static u64 x86_rdt_model_qm_ctr(int cpu, u64 evtsel)
{
	const struct x86_rdt_model_hw *hw = &x86_rdt_model_hw;
	u32 evt = FIELD_GET(X86_RDT_EVTSEL_EVENT, evtsel);
	u32 rmid = upper_32_bits(evtsel);
	struct x86_rdt_model_ctr *c;
	struct x86_rdt_model_dom *d;
	unsigned long flags;
	u64 ret;

	/* An unsupported event or RMID sets Error (SDM Vol. 3B 17.18.5.2). */
	if (evt > X86_RDT_MODEL_EVENTS || !(hw->events & BIT(evt)) ||
	    rmid > hw->l3_max_rmid)
		return X86_RDT_QM_CTR_ERROR;

	raw_spin_lock_irqsave(&x86_rdt_model_lock, flags);
	d = x86_rdt_model_dom(x86_rdt_model_l3, 3, cpu);
	if (!d || !d->ctr) {
		raw_spin_unlock_irqrestore(&x86_rdt_model_lock, flags);
		return X86_RDT_QM_CTR_ERROR;
	}
	c = &d->ctr[rmid * X86_RDT_MODEL_EVENTS + evt - 1];
	if (c->flags & X86_RDT_CTR_F_ERROR)
		ret = X86_RDT_QM_CTR_ERROR;
	else if (c->flags & (X86_RDT_CTR_F_UNAVAILABLE | X86_RDT_CTR_F_UNAVAIL_ONCE))
		ret = X86_RDT_QM_CTR_UNAVAILABLE;
	else
		ret = c->val & X86_RDT_QM_CTR_DATA;
	c->flags &= ~X86_RDT_CTR_F_UNAVAIL_ONCE;
	raw_spin_unlock_irqrestore(&x86_rdt_model_lock, flags);
	return ret;
}

/* The domain-scoped MSRs; called with x86_rdt_model_lock held. */
static bool x86_rdt_model_rd_dom(u32 msr, int cpu, u64 *val)
{
	const struct x86_rdt_model_hw *hw = &x86_rdt_model_hw;
	struct x86_rdt_model_dom *l3 = x86_rdt_model_dom(x86_rdt_model_l3, 3, cpu);
	struct x86_rdt_model_dom *l2 = x86_rdt_model_dom(x86_rdt_model_l2, 2, cpu);
	int i;

	if (!l3)
		return false;
	i = x86_rdt_model_index(msr, MSR_IA32_L3_CBM_BASE, hw->l3_cos);
	if (i >= 0) {
		*val = l3->mask[i];
		return true;
	}
	i = x86_rdt_model_index(msr, MSR_IA32_L2_CBM_BASE, hw->l2_cos);
	if (i >= 0 && l2) {
		*val = l2->mask[i];
		return true;
	}
	if (msr == MSR_IA32_L3_QOS_CFG && hw->l3_cdp) {
		*val = l3->cfg;
		return true;
	}
	if (msr == MSR_IA32_L2_QOS_CFG && hw->l2_cdp && l2) {
		*val = l2->cfg;
		return true;
	}
	i = x86_rdt_model_index(msr, MSR_IA32_MBA_THRTL_BASE, hw->mba_cos);
	if (i < 0)
		i = x86_rdt_model_index(msr, MSR_IA32_MBA_BW_BASE, hw->bw_cos);
	if (i >= 0) {
		*val = l3->bw[i];
		return true;
	}
	i = x86_rdt_model_index(msr, MSR_IA32_SMBA_BW_BASE, hw->smba_cos);
	if (i >= 0) {
		*val = l3->smba[i];
		return true;
	}
	i = x86_rdt_model_index(msr, MSR_IA32_EVT_CFG_BASE, hw->evt_cfg_nr);
	if (i >= 0) {
		*val = l3->evt_cfg[i];
		return true;
	}
	if (msr == MSR_RMID_SNC_CONFIG && hw->snc_cfg) {
		*val = l3->snc_cfg;
		return true;
	}
	return false;
}

/**
 * x86_rdt_model_rdmsr() - RDMSR on the current CPU of the modelled CPU
 * @msr: the MSR
 *
 * Context: any.
 *
 * Return: the MSR's value; 0 and a fault report for an MSR the modelled
 * CPU does not have.
 */
u64 x86_rdt_model_rdmsr(u32 msr)
{
	const struct x86_rdt_model_hw *hw = &x86_rdt_model_hw;
	int cpu = raw_smp_processor_id();
	struct x86_rdt_model_pcpu *pc = per_cpu_ptr(&x86_rdt_model_pcpu, cpu);
	unsigned long flags;
	bool ok = false;
	u64 val = 0;

	if (hw->pqr && msr == MSR_IA32_PQR_ASSOC)
		return pc->pqr;
	if (hw->pqr && msr == MSR_IA32_QM_EVTSEL)
		return pc->evtsel;
	if (hw->pqr && msr == MSR_IA32_QM_CTR) {
		WRITE_ONCE(pc->ctr_reads, pc->ctr_reads + 1);
		return x86_rdt_model_qm_ctr(cpu, pc->evtsel);
	}
	if (msr == MSR_IA32_L3_QOS_CFG && hw->l3_cdp &&
	    hw->vendor == X86_VENDOR_AMD)
		return pc->l3_cfg;
	if (x86_rdt_model_l3) {
		raw_spin_lock_irqsave(&x86_rdt_model_lock, flags);
		ok = x86_rdt_model_rd_dom(msr, cpu, &val);
		raw_spin_unlock_irqrestore(&x86_rdt_model_lock, flags);
	}
	if (!ok)
		x86_rdt_model_fault("rdmsr 0x%x on CPU %d: not an RDT MSR of this CPU\n",
				    msr, cpu);
	return val;
}

/* debugfs: x86_rdt_model/{cpu,counters,msrs,faults}. */

static int x86_rdt_model_cpu_show(struct seq_file *sf, void *unused)
{
	const struct x86_rdt_model_hw *hw = &x86_rdt_model_hw;

	seq_printf(sf, "name %s\n", x86_rdt_model->name);
	seq_printf(sf, "desc %s\n", x86_rdt_model->desc);
	seq_printf(sf, "l3_cos %u\nl2_cos %u\nmba_cos %u\nbw_cos %u\nsmba_cos %u\n",
		   hw->l3_cos, hw->l2_cos, hw->mba_cos, hw->bw_cos, hw->smba_cos);
	seq_printf(sf, "max_rmid %u\nl3_max_rmid %u\noccupancy_scale %u\nmbm_width %u\n",
		   hw->max_rmid, hw->l3_max_rmid, hw->occ_scale, hw->mbm_width);
	seq_printf(sf, "evt_cfg_nr %u\nsnc_config %u\n", hw->evt_cfg_nr,
		   hw->snc_cfg);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(x86_rdt_model_cpu);

static void x86_rdt_model_show_dom(struct seq_file *sf, const char *lvl,
				   const struct x86_rdt_model_dom *d, u32 nr_cos)
{
	const struct x86_rdt_model_hw *hw = &x86_rdt_model_hw;
	u32 i;

	seq_printf(sf, "%s %d qos_cfg %#llx\n", lvl, d->id, d->cfg);
	for (i = 0; i < nr_cos; i++)
		seq_printf(sf, "%s %d mask %u %#llx\n", lvl, d->id, i, d->mask[i]);
	if (strcmp(lvl, "L3"))
		return;
	for (i = 0; i < max(hw->mba_cos, hw->bw_cos); i++)
		seq_printf(sf, "L3 %d %s %u %#llx\n", d->id,
			   hw->mba_cos ? "thrtl" : "bw", i, d->bw[i]);
	for (i = 0; i < hw->smba_cos; i++)
		seq_printf(sf, "L3 %d smba %u %#llx\n", d->id, i, d->smba[i]);
	for (i = 0; i < hw->evt_cfg_nr; i++)
		seq_printf(sf, "L3 %d evt_cfg %u %#llx\n", d->id, i, d->evt_cfg[i]);
	if (hw->snc_cfg)
		seq_printf(sf, "L3 %d snc_config %#llx\n", d->id, d->snc_cfg);
}

/*
 * One line per MSR value: "L3 ID mask N VAL", "L3 ID qos_cfg VAL", ...
 * for each cache domain the backend has touched, then "cpu N pqr VAL
 * evtsel VAL l3_cfg VAL ctr_reads COUNT" for each online CPU.
 */
static int x86_rdt_model_msrs_show(struct seq_file *sf, void *unused)
{
	const struct x86_rdt_model_hw *hw = &x86_rdt_model_hw;
	unsigned int i;
	int cpu;

	raw_spin_lock_irq(&x86_rdt_model_lock);
	for (i = 0; i < nr_cpu_ids && (hw->pqr || hw->l3_cos); i++) {
		if (x86_rdt_model_l3[i].id >= 0)
			x86_rdt_model_show_dom(sf, "L3", &x86_rdt_model_l3[i],
					       hw->l3_cos);
		if (x86_rdt_model_l2[i].id >= 0 && hw->l2_cos)
			x86_rdt_model_show_dom(sf, "L2", &x86_rdt_model_l2[i],
					       hw->l2_cos);
	}
	raw_spin_unlock_irq(&x86_rdt_model_lock);
	for_each_online_cpu(cpu) {
		const struct x86_rdt_model_pcpu *pc = per_cpu_ptr(&x86_rdt_model_pcpu, cpu);

		seq_printf(sf, "cpu %d pqr %#llx evtsel %#llx l3_cfg %#llx ctr_reads %llu\n",
			   cpu, READ_ONCE(pc->pqr), READ_ONCE(pc->evtsel),
			   READ_ONCE(pc->l3_cfg), READ_ONCE(pc->ctr_reads));
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(x86_rdt_model_msrs);

/* The event IDs of IA32_QM_EVTSEL (SDM Vol. 3B 17.18.5.2), by name. */
static int x86_rdt_model_event(const char *name)
{
	static const char * const names[] = {
		"llc_occupancy", "mbm_total_bytes", "mbm_local_bytes",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(name, names[i]))
			return i + 1;
	return -EINVAL;
}

/*
 * Counter lines: "DOM RMID EVENT VALUE FLAGS" for every counter that is
 * not zero or has a flag set; DOM is the L3 cache id.
 */
static int x86_rdt_model_counters_show(struct seq_file *sf, void *unused)
{
	u32 n = (x86_rdt_model_hw.l3_max_rmid + 1) * X86_RDT_MODEL_EVENTS;
	unsigned int i;
	u32 j;

	if (!x86_rdt_model_hw.pqr)
		return 0;
	raw_spin_lock_irq(&x86_rdt_model_lock);
	for (i = 0; i < nr_cpu_ids; i++) {
		const struct x86_rdt_model_dom *d = &x86_rdt_model_l3[i];

		for (j = 0; d->id >= 0 && j < n; j++)
			if (d->ctr[j].val || d->ctr[j].flags)
				seq_printf(sf, "%d %u %u %llu %#x\n", d->id,
					   j / X86_RDT_MODEL_EVENTS,
					   j % X86_RDT_MODEL_EVENTS + 1,
					   d->ctr[j].val, d->ctr[j].flags);
	}
	raw_spin_unlock_irq(&x86_rdt_model_lock);
	return 0;
}

/* Apply one counter command; called with x86_rdt_model_lock held. */
static int x86_rdt_model_counter_op(struct x86_rdt_model_ctr *c, int evt,
				    const char *op, u64 v, int nargs)
{
	const struct x86_rdt_model_hw *hw = &x86_rdt_model_hw;
	u64 mask = evt == 1 ? X86_RDT_QM_CTR_DATA : GENMASK_ULL(hw->mbm_width - 1, 0);

	if (!strcmp(op, "set") && nargs == 5) {
		if (v & ~mask)
			return -ERANGE;
		c->val = v;
	} else if (!strcmp(op, "add") && nargs == 5) {
		/* MBM counters wrap at their CPUID width. */
		c->val = (c->val + v) & mask;
	} else if (!strcmp(op, "unavailable") && nargs == 4) {
		c->flags |= X86_RDT_CTR_F_UNAVAILABLE;
	} else if (!strcmp(op, "error") && nargs == 4) {
		c->flags |= X86_RDT_CTR_F_ERROR;
	} else if (!strcmp(op, "ok") && nargs == 4) {
		/*
		 * AMD counts a re-tracked RMID from zero again (upstream
		 * 6.12 stable fix "x86/resctrl: Fix miscount of bandwidth
		 * event when reactivating previously unavailable RMID").
		 */
		if ((c->flags & X86_RDT_CTR_F_UNAVAILABLE) &&
		    hw->vendor == X86_VENDOR_AMD)
			c->val = 0;
		c->flags = 0;
	} else {
		return -EINVAL;
	}
	return 0;
}

/*
 * Commands, one per write: "DOM RMID EVENT set VALUE", "... add DELTA"
 * (wraps at the counter width), "... unavailable", "... error", "... ok".
 * EVENT is llc_occupancy, mbm_total_bytes or mbm_local_bytes; values are
 * in counter units (occupancy_scale bytes for occupancy, 64 bytes for
 * MBM on the modelled CPUs).
 */
static ssize_t x86_rdt_model_counters_write(struct file *file,
					    const char __user *ubuf,
					    size_t count, loff_t *ppos)
{
	const struct x86_rdt_model_hw *hw = &x86_rdt_model_hw;
	struct x86_rdt_model_dom *d = NULL;
	char evt_name[24], op[16], *buf;
	unsigned int i;
	int dom, nargs, evt, ret;
	u32 rmid;
	u64 v = 0;

	if (!hw->pqr)
		return -ENODEV;
	if (count > 96)
		return -EINVAL;
	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	nargs = sscanf(buf, "%d %u %23s %15s %llu", &dom, &rmid, evt_name, op, &v);
	kfree(buf);
	if (nargs < 4)
		return -EINVAL;
	evt = x86_rdt_model_event(evt_name);
	if (evt < 0 || !(hw->events & BIT(evt)) || rmid > hw->l3_max_rmid)
		return -EINVAL;

	raw_spin_lock_irq(&x86_rdt_model_lock);
	for (i = 0; i < nr_cpu_ids; i++)
		if (x86_rdt_model_l3[i].id == dom)
			d = &x86_rdt_model_l3[i];
	ret = d ? x86_rdt_model_counter_op(&d->ctr[rmid * X86_RDT_MODEL_EVENTS + evt - 1],
					   evt, op, v, nargs) : -ENOENT;
	raw_spin_unlock_irq(&x86_rdt_model_lock);
	return ret ?: count;
}

DEFINE_SHOW_STORE_ATTRIBUTE(x86_rdt_model_counters);

/**
 * struct x86_rdt_model_poke - an MSR write a test makes behind the backend
 * @msr: the MSR
 * @val: the value
 * @safe: as wrmsrl_safe(): a refused write is no fault
 * @refused: out: the model refused the write
 */
struct x86_rdt_model_poke {
	u32 msr;
	u64 val;
	bool safe;
	bool refused;
};

static void x86_rdt_model_poke_cpu(void *arg)
{
	struct x86_rdt_model_poke *p = arg;
	char why[X86_RDT_MODEL_WHY_LEN];

	if (!p->safe) {
		x86_rdt_model_wrmsr(p->msr, p->val);
		return;
	}
	p->refused = !x86_rdt_model_write(smp_processor_id(), p->msr, p->val, why);
	if (p->refused)
		pr_info("refused wrmsr 0x%x=0x%llx on CPU %d: %s\n", p->msr,
			p->val, smp_processor_id(), why);
}

/*
 * "CPU MSR VALUE" (MSR and VALUE in hex): WRMSR on that CPU as firmware,
 * an earlier kernel or pqos in MSR mode would, behind the backend's back.
 * A write the hardware would refuse is a fault like any other, unless
 * the line ends in "safe": then, as wrmsrl_safe(), the write fails with
 * EIO and only an informational line says why.
 */
static ssize_t x86_rdt_model_wrmsr_write(struct file *file,
					 const char __user *ubuf,
					 size_t count, loff_t *ppos)
{
	struct x86_rdt_model_poke p = { };
	char *buf, safe[8] = "";
	unsigned int cpu;
	int ret, nargs;

	if (count > 64)
		return -EINVAL;
	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	nargs = sscanf(buf, "%u %x %llx %7s", &cpu, &p.msr, &p.val, safe);
	kfree(buf);
	if (nargs < 3 || cpu >= nr_cpu_ids || (nargs == 4 && strcmp(safe, "safe")))
		return -EINVAL;
	p.safe = nargs == 4;
	ret = smp_call_function_single(cpu, x86_rdt_model_poke_cpu, &p, true);
	if (!ret && p.refused)
		ret = -EIO;
	return ret ?: count;
}

static const struct file_operations x86_rdt_model_wrmsr_fops = {
	.write = x86_rdt_model_wrmsr_write,
};

/*
 * Domains get their slots when a CPU of theirs first touches an MSR; the
 * tests need them all before that, so claim the slots of every online
 * CPU's caches once cacheinfo is known.
 */
static void x86_rdt_model_claim(void *unused)
{
	int cpu = smp_processor_id();

	raw_spin_lock(&x86_rdt_model_lock);
	x86_rdt_model_dom(x86_rdt_model_l3, 3, cpu);
	x86_rdt_model_dom(x86_rdt_model_l2, 2, cpu);
	raw_spin_unlock(&x86_rdt_model_lock);
}

static int __init x86_rdt_model_debugfs(void)
{
	struct dentry *dir;

	if (!x86_rdt_model || !x86_rdt_model_l3)
		return 0;
	on_each_cpu(x86_rdt_model_claim, NULL, true);
	dir = debugfs_create_dir("x86_rdt_model", NULL);
	debugfs_create_file("cpu", 0444, dir, NULL, &x86_rdt_model_cpu_fops);
	debugfs_create_atomic_t("faults", 0444, dir, &x86_rdt_model_faults);
	debugfs_create_file("msrs", 0444, dir, NULL, &x86_rdt_model_msrs_fops);
	debugfs_create_file("counters", 0644, dir, NULL,
			    &x86_rdt_model_counters_fops);
	debugfs_create_file("wrmsr", 0200, dir, NULL, &x86_rdt_model_wrmsr_fops);
	return 0;
}

/* After cacheinfo (device_initcall); the backend may have claimed some. */
late_initcall_sync(x86_rdt_model_debugfs);
