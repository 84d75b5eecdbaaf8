/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The x86 RDT backend: what its files share.
 *
 * The backend is a resctrl driver like any other: it describes the
 * architectural resources (L3, L2, MB, SMBA) with the public contract of
 * <linux/resctrl.h> and programs the hardware from the callbacks. Every
 * MSR and CPUID access goes through the accessors of msr.c, which KUnit
 * redirects, and the hardware arithmetic works on the structures below
 * rather than on the filesystem's opaque handles, so that tests can drive
 * it without a mounted filesystem or RDT hardware.
 */
#ifndef _X86_KERNEL_CPU_RESCTRL_INTERNAL_H
#define _X86_KERNEL_CPU_RESCTRL_INTERNAL_H

#include <linux/bits.h>
#include <linux/resctrl.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

/*
 * AMD BMEC: the event sources an EVT_CFG MSR may select, bits 6:0 (AMD64
 * APM vol. 2, 19.4; upstream internal.h: MAX_EVT_CONFIG_BITS).
 */
#define X86_RDT_EVT_CFG_MASK		GENMASK(6, 0)

/* IA32_QM_CTR status: the count is not valid when either is set. */
#define X86_RDT_CTR_ERROR		BIT_ULL(63)
#define X86_RDT_CTR_UNAVAILABLE		BIT_ULL(62)

/* Event numbers of IA32_QM_EVTSEL; also the ids the filesystem passes. */
#define X86_RDT_EVT_LLC_OCCUPANCY	1
#define X86_RDT_EVT_MBM_TOTAL		2
#define X86_RDT_EVT_MBM_LOCAL		3
#define X86_RDT_MAX_EVENTS		3

/*
 * MBM counters are 24 bits plus the offset CPUID.0xF.1:EAX reports. Bits
 * 63:62 of IA32_QM_CTR are status, so no counter is wider than 62 bits.
 */
#define X86_RDT_MBM_WIDTH_BASE		24
#define X86_RDT_MBM_WIDTH_MAX		62

/* The errata correction factor of MBM counts is fixed point, 2^20 = 1. */
#define X86_RDT_MBM_CF_SHIFT		20

/* IA32_L3_QOS_CFG / IA32_L2_QOS_CFG: bit 0 turns CDP on. */
#define X86_RDT_QOS_CFG_CDP		BIT_ULL(0)

/* Intel MBA programs a throttling delay: 100% bandwidth is no delay. */
#define X86_RDT_MBA_MAX_PERCENT		100

/* The resources the backend can register, in registration order. */
enum x86_rdt_id {
	X86_RDT_L3,
	X86_RDT_L2,
	X86_RDT_MB,
	X86_RDT_SMBA,
	X86_RDT_L3_MON,
	X86_RDT_NUM_RES,
};

/**
 * enum x86_rdt_ctrl_kind - how a control value becomes an MSR write
 * @X86_RDT_CTRL_NONE: no control: monitoring only
 * @X86_RDT_CTRL_CBM: a capacity bitmask written as is, one MSR per
 *	CLOSID, or one per code and data half of a CLOSID with CDP
 * @X86_RDT_CTRL_DELAY: Intel MBA: a percentage written as the throttling
 *	delay 100 - percent
 * @X86_RDT_CTRL_BW: AMD MBA and SMBA: a bandwidth limit written as is
 */
enum x86_rdt_ctrl_kind {
	X86_RDT_CTRL_NONE,
	X86_RDT_CTRL_CBM,
	X86_RDT_CTRL_DELAY,
	X86_RDT_CTRL_BW,
};

/* The features the rdt= boot option names, in upstream's order. */
enum x86_rdt_opt {
	X86_RDT_OPT_CMT,
	X86_RDT_OPT_MBM_TOTAL,
	X86_RDT_OPT_MBM_LOCAL,
	X86_RDT_OPT_L3_CAT,
	X86_RDT_OPT_L3_CDP,
	X86_RDT_OPT_L2_CAT,
	X86_RDT_OPT_L2_CDP,
	X86_RDT_OPT_MBA,
	X86_RDT_OPT_SMBA,
	X86_RDT_OPT_BMEC,
	X86_RDT_NUM_OPTS,
};

/**
 * struct x86_rdt_boot_opts - features forced on or off, one bit per
 *	enum x86_rdt_opt
 * @on: forced on; wins over @off
 * @off: forced off
 */
struct x86_rdt_boot_opts {
	unsigned long on;
	unsigned long off;
};

/**
 * struct x86_rdt_facts - what enumeration needs besides CPUID and flags
 * @vendor: X86_VENDOR_*
 * @max_rmid: highest L3 RMID (boot_cpu_data.x86_cache_max_rmid)
 * @occ_scale: bytes per counter unit (x86_cache_occ_scale)
 * @mbm_width_offset: MBM counter width above 24 bits
 *	(x86_cache_mbm_width_offset)
 * @cache_kb: the L3 size in KiB (x86_cache_size), for RMID limbo
 * @opts: the features the rdt= boot option forced on or off
 * @vfm: vendor, family and model (x86_vfm), for model quirks
 * @stepping: the stepping (x86_stepping), for model quirks
 * @snc_nodes: NUMA nodes per L3 cache with Sub-NUMA Clustering, 0 or 1
 *	without (x86_rdt_snc_nodes())
 *
 * The boot code filled these in cpuinfo_x86 (see detect.c); passing them
 * in lets tests enumerate a machine that is not the one they run on.
 */
struct x86_rdt_facts {
	u8 vendor;
	int max_rmid;
	int occ_scale;
	int mbm_width_offset;
	unsigned int cache_kb;
	struct x86_rdt_boot_opts opts;
	u32 vfm;
	u8 stepping;
	unsigned int snc_nodes;
};

/**
 * struct x86_rdt_res - one architectural resource
 * @desc: what the resource is, chosen at enumeration (name, type,
 *	scope, operations) and registered with @caps
 * @caps: what the CPU offers of it: CLOSID and RMID counts from CPUID,
 *	mask or range parameters, the events
 * @events: the monitoring events @caps points at
 * @handle: the filesystem's handle once registered
 * @present: the hardware has it: enumeration filled the rest
 * @kind: how a control value is written
 * @msr_base: the MSR of CLOSID 0 (or of index 0 with CDP)
 * @cfg_msr: the QOS_CFG MSR that switches CDP, 0 if CDP is not offered
 * @per_cpu_cfg: each CPU has its own @cfg_msr (AMD), not one per domain
 *	(Intel): every CPU of a domain is written, including those that
 *	join it later, and the callbacks make their own cross-calls
 * @occ_scale: bytes per counter unit, for every event
 * @mbm_width: width of the MBM counters in bits; 0 without MBM
 * @per_thread_mba: Intel MBA throttles each thread on its own instead of
 *	the core at the largest delay of its threads
 * @mbm_cf_rmid: with @mbm_cf, MBM counts of the RMIDs above this one
 *	need the errata correction (see quirks.c)
 * @mbm_cf: the correction factor, fixed point with X86_RDT_MBM_CF_SHIFT
 *	fractional bits; 0 when no RMID needs a correction
 * @snc_nodes: with Sub-NUMA Clustering, the NUMA nodes per L3 cache
 *	(X86_RDT_L3_MON only; 0 otherwise): the domains are nodes, each
 *	with its share of the RMIDs (x86_rdt_snc_phys_rmid())
 */
struct x86_rdt_res {
	const struct resctrl_resource_desc *desc;
	struct resctrl_resource_caps caps;
	struct resctrl_event_desc events[X86_RDT_MAX_EVENTS];
	struct resctrl_res *handle;
	bool present;
	enum x86_rdt_ctrl_kind kind;
	u32 msr_base;
	u32 cfg_msr;
	bool per_cpu_cfg;
	u32 occ_scale;
	u32 mbm_width;
	bool per_thread_mba;
	u32 mbm_cf_rmid;
	u32 mbm_cf;
	unsigned int snc_nodes;
};

/**
 * enum x86_rdt_cdp_state - what a domain's QOS_CFG holds
 * @X86_RDT_CDP_UNKNOWN: not written since the domain came online; the
 *	hardware may still hold what an earlier life of the domain set
 * @X86_RDT_CDP_OFF: CDP off: one mask per CLOSID
 * @X86_RDT_CDP_ON: CDP on: a data and a code mask per CLOSID
 */
enum x86_rdt_cdp_state {
	X86_RDT_CDP_UNKNOWN,
	X86_RDT_CDP_OFF,
	X86_RDT_CDP_ON,
};

/**
 * struct x86_rdt_dom - the backend's state of one domain
 * @cdp: the CDP mode written to the domain's QOS_CFG
 *
 * Allocated when the domain comes online, because the callbacks that use
 * it run in an IPI and cannot allocate. The filesystem never runs two
 * callbacks of a resource at once. MBM needs no state here: the
 * filesystem accounts running counts.
 */
struct x86_rdt_dom {
	enum x86_rdt_cdp_state cdp;
};

/**
 * struct x86_rdt_cpuid_regs - the registers a CPUID leaf returns
 * @eax: EAX
 * @ebx: EBX
 * @ecx: ECX
 * @edx: EDX
 */
struct x86_rdt_cpuid_regs {
	u32 eax;
	u32 ebx;
	u32 ecx;
	u32 edx;
};

/* msr.c: the only code that touches the hardware. */
void x86_rdt_wrmsr(u32 msr, u64 val);
unsigned int x86_rdt_snc_ways(unsigned int cpus_per_l3,
			      unsigned int cpus_per_node);
u32 x86_rdt_snc_phys_rmid(const struct x86_rdt_res *res, int node, u32 rmid);
u64 x86_rdt_rdmsr(u32 msr);
void x86_rdt_cpuid(u32 leaf, u32 subleaf, struct x86_rdt_cpuid_regs *regs);
bool x86_rdt_cpu_has(unsigned int feature);

/* bootopt.c */
void x86_rdt_boot_parse(const char *str, struct x86_rdt_boot_opts *opts);
int x86_rdt_boot_state(const struct x86_rdt_boot_opts *opts, unsigned int opt);
int x86_rdt_boot_feature_opt(unsigned int feature);
const struct x86_rdt_boot_opts *x86_rdt_boot_cmdline(void);

/* quirks.c */
unsigned long x86_rdt_quirk_off(const struct x86_rdt_facts *facts);
void x86_rdt_mbm_cf_init(const struct x86_rdt_facts *facts,
			 struct x86_rdt_res *res);
u64 x86_rdt_mbm_correct(const struct x86_rdt_res *res, u32 rmid, u64 chunks);
u64 x86_rdt_mbm_correct_event(struct resctrl_res *r, u32 rmid, u64 units);

/* enumerate.c */
void x86_rdt_enumerate(const struct x86_rdt_facts *facts,
		       struct x86_rdt_res res[X86_RDT_NUM_RES]);

void x86_rdt_id_limits(const struct x86_rdt_facts *facts,
		       const struct x86_rdt_res res[X86_RDT_NUM_RES],
		       u32 *closids, u32 *rmids);

/* ctrl.c */
int x86_rdt_ctrl_msr(const struct x86_rdt_res *res, u32 closid,
		     enum resctrl_conf_type type, u32 val, u32 *msr, u64 *msr_val);
int x86_rdt_ctrl_write(const struct x86_rdt_res *res, struct x86_rdt_dom *dom,
		       u32 closid, enum resctrl_conf_type type, u32 val);
int x86_rdt_apply(struct resctrl_res *r, struct resctrl_dom *d, u32 closid,
		  enum resctrl_conf_type type, u32 val);
void x86_rdt_cfg_join(const struct x86_rdt_res *res,
		      const struct x86_rdt_dom *dom);
int x86_rdt_apply_cpus(struct resctrl_res *r, struct resctrl_dom *d, u32 closid,
		       enum resctrl_conf_type type, u32 val);
int x86_rdt_event_config_read_cpus(struct resctrl_res *r, struct resctrl_dom *d,
				   u32 evt, u32 *val);
int x86_rdt_event_config_write_cpus(struct resctrl_res *r, struct resctrl_dom *d,
				    u32 evt, u32 val);
int x86_rdt_read_event_cpus(struct resctrl_res *r, struct resctrl_dom *d,
			    u32 closid, u32 rmid, u32 evt, u64 *val);
void x86_rdt_cpu_join(struct resctrl_res *r, struct resctrl_dom *d,
		      unsigned int cpu);

/* mon.c */
int x86_rdt_counter_read(const struct x86_rdt_res *res, u32 rmid, u32 evt,
			 u64 *val);
int x86_rdt_read_event(struct resctrl_res *r, struct resctrl_dom *d,
		       u32 closid, u32 rmid, u32 evt, u64 *val);
int x86_rdt_evt_cfg_msr(u32 evt, u32 *msr);
int x86_rdt_event_config_read(struct resctrl_res *r, struct resctrl_dom *d,
			      u32 evt, u32 *val);
int x86_rdt_event_config_write(struct resctrl_res *r, struct resctrl_dom *d,
			       u32 evt, u32 val);

/* domain.c */
struct x86_rdt_dom *x86_rdt_dom_alloc(const struct x86_rdt_res *res);
void x86_rdt_dom_free(struct x86_rdt_dom *dom);
/* The descriptions enumeration chooses from (desc.c). */
extern const struct resctrl_resource_desc x86_rdt_desc_l3, x86_rdt_desc_l3_per_cpu,
	x86_rdt_desc_l2, x86_rdt_desc_l2_per_cpu, x86_rdt_desc_mb_intel,
	x86_rdt_desc_mb_amd, x86_rdt_desc_smba, x86_rdt_desc_l3_mon,
	x86_rdt_desc_l3_snc;

int x86_rdt_domain_online(struct resctrl_res *r, struct resctrl_dom *d);
void x86_rdt_domain_offline(struct resctrl_res *r, struct resctrl_dom *d);

#endif /* _X86_KERNEL_CPU_RESCTRL_INTERNAL_H */
