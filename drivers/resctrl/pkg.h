/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private declarations of resctrl_pkg, the model-specific package QoS
 * driver: pkg_main.c (module, CPU match table, resctrl callbacks),
 * pkg_hw.c (every register access, behind accessors that KUnit
 * redirects), pkg_sim.c (the in-memory register file behind simulate=1)
 * and pkg_kunit.c (the KUnit suite of pkg_hw.c).
 *
 * The registers are package-scoped MSRs: a CPU reaches those of its own
 * package. Their layout:
 *
 *   RPKG_MSR_CAP     read only. [3:0] aggregators per package (>= 1),
 *                    [15:8] highest CLOSID, [31:16] highest RMID,
 *                    [63:56] interface version (1)
 *   RPKG_MSR_EVTSEL  write only. [7:0] event, [41:32] RMID, [51:48]
 *                    aggregator: selects what RPKG_MSR_CTR reads
 *   RPKG_MSR_CTR     read only. [63] valid, [62:0] the count of the
 *                    selected event, RMID and aggregator; a fixed-point
 *                    number with RPKG_FRAC_BITS fractional bits
 *   RPKG_MSR_PRIO(n) the priority of CLOSID n in the package: [3:0]
 *                    level, 0 (most restrained) to 15 (unrestrained),
 *                    [8] restrain: set when the level is below 15
 *
 * A package's count for an RMID is the sum over its aggregators.
 */
#ifndef _RESCTRL_PKG_H
#define _RESCTRL_PKG_H

#include <linux/bits.h>
#include <linux/types.h>

#define RPKG_MSR_CAP		0xd70
#define RPKG_MSR_EVTSEL		0xd71
#define RPKG_MSR_CTR		0xd72
#define RPKG_MSR_PRIO_BASE	0xd80
#define RPKG_MSR_PRIO(closid)	(RPKG_MSR_PRIO_BASE + (closid))

#define RPKG_CAP_AGGR		GENMASK_ULL(3, 0)
#define RPKG_CAP_MAX_CLOSID	GENMASK_ULL(15, 8)
#define RPKG_CAP_MAX_RMID	GENMASK_ULL(31, 16)
#define RPKG_CAP_VERSION	GENMASK_ULL(63, 56)
#define RPKG_VERSION		1

#define RPKG_EVTSEL_EVENT	GENMASK_ULL(7, 0)
#define RPKG_EVTSEL_RMID	GENMASK_ULL(41, 32)
#define RPKG_EVTSEL_AGGR	GENMASK_ULL(51, 48)

#define RPKG_CTR_VALID		BIT_ULL(63)
#define RPKG_CTR_COUNT		GENMASK_ULL(62, 0)

#define RPKG_PRIO_LEVEL		GENMASK_ULL(3, 0)
#define RPKG_PRIO_RESTRAIN	BIT_ULL(8)

/* Fractional bits of every event's count. */
#define RPKG_FRAC_BITS		18
/* The CLOSIDs the driver serves at most: RPKG_MSR_PRIO() block size. */
#define RPKG_MAX_CLOSIDS	64
/* The RMIDs it serves at most: what RPKG_EVTSEL_RMID holds. */
#define RPKG_MAX_RMIDS		1024
/* Priority levels. */
#define RPKG_LEVEL_MIN		0
#define RPKG_LEVEL_MAX		15

/**
 * enum rpkg_event - the events a package counts; the value is the event
 *	number of RPKG_MSR_EVTSEL and the resctrl event id
 * @RPKG_EVT_CORE_ENERGY: energy the RMID's work used, in joules
 * @RPKG_EVT_ACTIVITY: the RMID's share of the package's activity
 * @RPKG_NUM_EVENTS: the number of events
 */
enum rpkg_event {
	RPKG_EVT_CORE_ENERGY,
	RPKG_EVT_ACTIVITY,
	RPKG_NUM_EVENTS,
};

/**
 * struct rpkg_regs - how the registers are reached
 * @read_reg: read register @msr of package @pkg into @val. Return 0, or
 *	-EIO when the register cannot be read.
 * @write_reg: write @val to register @msr of package @pkg. Return 0 or -EIO.
 *
 * Both are called on a CPU of package @pkg with interrupts disabled
 * (from the core's IPI), or with preemption disabled at probe time.
 */
struct rpkg_regs {
	int (*read_reg)(int pkg, u32 msr, u64 *val);
	int (*write_reg)(int pkg, u32 msr, u64 val);
};

/**
 * struct rpkg_hw - the hardware the driver drives
 * @regs: how its registers are reached: MSRs, or the simulated register
 *	file
 * @naggr: aggregators per package
 * @nclosid: CLOSIDs served
 * @nrmid: RMIDs served
 *
 * Filled by rpkg_hw_probe(), read only afterwards.
 */
struct rpkg_hw {
	const struct rpkg_regs *regs;
	u32 naggr;
	u32 nclosid;
	u32 nrmid;
};

/* pkg_hw.c */
extern const struct rpkg_regs rpkg_msr_regs;
int rpkg_hw_rdmsr(const struct rpkg_hw *hw, int pkg, u32 msr, u64 *val);
int rpkg_hw_wrmsr(const struct rpkg_hw *hw, int pkg, u32 msr, u64 val);
int rpkg_hw_probe(struct rpkg_hw *hw, int pkg);
u64 rpkg_hw_prio_encode(u32 level);
int rpkg_hw_set_prio(const struct rpkg_hw *hw, int pkg, u32 closid, u32 level);
int rpkg_hw_read_count(const struct rpkg_hw *hw, int pkg, u32 rmid, u32 evt,
		       u64 *count);

/* pkg_sim.c */
extern const struct rpkg_regs rpkg_sim_regs;
int rpkg_sim_init(void);
void rpkg_sim_exit(void);

#endif /* _RESCTRL_PKG_H */
