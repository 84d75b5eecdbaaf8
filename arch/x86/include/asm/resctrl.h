/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86 side of resctrl task association: how a CPU learns which CLOSID and
 * RMID to put in IA32_PQR_ASSOC when a task is switched in.
 *
 * The filesystem core (fs/resctrl) decides which IDs a task and a CPU
 * carry; this header stores them where the context switch finds them.
 * It provides the resctrl_arch_* hooks that include/linux/resctrl.h
 * declares and documents, and is included through that header.
 */
#ifndef _ASM_X86_RESCTRL_H
#define _ASM_X86_RESCTRL_H

#ifdef CONFIG_X86_CPU_RESCTRL

#include <linux/jump_label.h>
#include <linux/percpu.h>
#include <linux/sched.h>

struct cpuinfo_x86;
struct cpumask;

/**
 * struct x86_pqr - what one CPU knows about IA32_PQR_ASSOC
 * @loaded: the value last written to the MSR on this CPU
 * @cpu_ids: the value for tasks that belong to the default group, built
 *	from the IDs of the groups this CPU is assigned to
 *
 * Both hold the MSR layout: the CLOSID in bits 63:32, the RMID below.
 * Keeping the written value lets the switch skip the MSR write when the
 * next task runs with the same IDs, which is the common case.
 */
struct x86_pqr {
	u64 loaded;
	u64 cpu_ids;
};

DECLARE_PER_CPU(struct x86_pqr, x86_pqr);
DECLARE_STATIC_KEY_FALSE(x86_pqr_switching);

void x86_pqr_write(u64 val);

static inline u64 x86_pqr_value(u32 closid, u32 rmid)
{
	return (u64)closid << 32 | rmid;
}

/*
 * A task of the default group (ID 0) runs with its CPU's IDs; CLOSID and
 * RMID fall back independently, so a task in a MON group of the default
 * CTRL_MON group still uses a CPU's CLOSID.
 */
static __always_inline void x86_pqr_sched_in(struct task_struct *next)
{
	u64 cpu_ids = this_cpu_read(x86_pqr.cpu_ids);
	u32 closid = READ_ONCE(next->closid);
	u32 rmid = READ_ONCE(next->rmid);
	u64 val;

	if (!closid)
		closid = upper_32_bits(cpu_ids);
	if (!rmid)
		rmid = lower_32_bits(cpu_ids);
	val = x86_pqr_value(closid, rmid);
	if (val != this_cpu_read(x86_pqr.loaded))
		x86_pqr_write(val);
}

/**
 * resctrl_sched_in() - load the IDs of the task being switched in
 * @next: the task that is about to run on this CPU
 *
 * Called from __switch_to() with interrupts disabled. Costs one patched
 * no-op while no resctrl filesystem is mounted or the CPU has no PQR_ASSOC.
 */
static __always_inline void resctrl_sched_in(struct task_struct *next)
{
	if (static_branch_unlikely(&x86_pqr_switching))
		x86_pqr_sched_in(next);
}

/* The task hooks of include/linux/resctrl.h, inline for the switch. */
static inline void resctrl_arch_set_task_ids(struct task_struct *tsk,
					     u32 closid, u32 rmid)
{
	WRITE_ONCE(tsk->closid, closid);
	WRITE_ONCE(tsk->rmid, rmid);
}

static inline u32 resctrl_arch_task_closid(struct task_struct *tsk)
{
	return READ_ONCE(tsk->closid);
}

static inline u32 resctrl_arch_task_rmid(struct task_struct *tsk)
{
	return READ_ONCE(tsk->rmid);
}

void resctrl_arch_set_cpu_ids(unsigned int cpu, u32 closid, u32 rmid);
void resctrl_arch_cpu_online(unsigned int cpu);
void resctrl_arch_cpu_offline(unsigned int cpu);
bool x86_pqr_present(void);
void resctrl_arch_reload_cpus(const struct cpumask *cpus);
void resctrl_arch_set_switching(bool on);
void resctrl_cpu_detect(struct cpuinfo_x86 *c);
int x86_rdt_boot_option(const char *name);
void x86_rdt_set_closid_limit(u32 num_closid);

#else /* !CONFIG_X86_CPU_RESCTRL */

static inline void resctrl_sched_in(struct task_struct *next) { }
static inline void resctrl_cpu_detect(struct cpuinfo_x86 *c) { }
static inline int x86_rdt_boot_option(const char *name) { return 0; }

#endif /* CONFIG_X86_CPU_RESCTRL */

#endif /* _ASM_X86_RESCTRL_H */
