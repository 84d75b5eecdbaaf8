// SPDX-License-Identifier: GPL-2.0
/*
 * IA32_PQR_ASSOC: the MSR that tags a CPU's work with a CLOSID and an
 * RMID. The context switch writes it from the per-CPU state kept here;
 * the filesystem core fills that state through the resctrl_arch_*()
 * helpers and asks CPUs to reload when a group's membership changes.
 */
#include <kunit/static_stub.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/percpu.h>
#include <linux/smp.h>

#include <asm/cpufeature.h>
#include <asm/msr.h>
#include <asm/resctrl.h>

#include "hw_model.h"

DEFINE_PER_CPU(struct x86_pqr, x86_pqr);
DEFINE_STATIC_KEY_FALSE(x86_pqr_switching);

/**
 * x86_pqr_present() - does this machine have IA32_PQR_ASSOC?
 *
 * Allocation or monitoring: either makes the CPU honour PQR_ASSOC
 * (Intel SDM vol. 3B, chapter 18, IA32_PQR_ASSOC; AMD64 Technology
 * Platform Quality of Service Extensions).
 *
 * Return: true if the boot CPU has RDT_A or CQM_LLC.
 */
bool x86_pqr_present(void)
{
	KUNIT_STATIC_STUB_REDIRECT(x86_pqr_present);
	return boot_cpu_has(X86_FEATURE_RDT_A) ||
	       boot_cpu_has(X86_FEATURE_CQM_LLC);
}

void x86_pqr_write(u64 val)
{
	/* KUnit tests watch the writes instead of touching the MSR. */
	KUNIT_STATIC_STUB_REDIRECT(x86_pqr_write, val);
	this_cpu_write(x86_pqr.loaded, val);
	if (x86_rdt_model_active()) {
		x86_rdt_model_wrmsr(MSR_IA32_PQR_ASSOC, val);
		return;
	}
	wrmsrl(MSR_IA32_PQR_ASSOC, val);
}

/**
 * resctrl_arch_set_cpu_ids() - set the IDs a CPU gives default-group tasks
 * @cpu: the CPU
 * @closid: CLOSID of the CTRL_MON group the CPU is assigned to
 * @rmid: RMID of the MON group the CPU is assigned to
 *
 * Takes effect at the CPU's next context switch, or at once after
 * resctrl_arch_reload_cpus().
 */
void resctrl_arch_set_cpu_ids(unsigned int cpu, u32 closid, u32 rmid)
{
	WRITE_ONCE(per_cpu(x86_pqr, cpu).cpu_ids, x86_pqr_value(closid, rmid));
}

/*
 * Put the calling CPU on CLOSID 0 and RMID 0, whatever PQR_ASSOC held, as
 * upstream does on CPU hotplug (arch/x86/kernel/cpu/resctrl/core.c,
 * clear_closid_rmid()): a kexec'd kernel or firmware may have left other
 * IDs behind.
 */
static void x86_pqr_clear(void)
{
	if (x86_pqr_present())
		x86_pqr_write(0);
	else
		this_cpu_write(x86_pqr.loaded, 0);
}

/**
 * resctrl_arch_cpu_online() - a CPU came (back) online
 * @cpu: the CPU, which must be the calling one
 *
 * What PQR_ASSOC held before is not known: it is written 0 at once.
 *
 * Context: the CPU hotplug online callback of @cpu, on @cpu.
 */
void resctrl_arch_cpu_online(unsigned int cpu)
{
	WARN_ON_ONCE(cpu != smp_processor_id());
	x86_pqr_clear();
}

/**
 * resctrl_arch_cpu_offline() - a CPU goes offline
 * @cpu: the CPU, which must be the calling one
 *
 * PQR_ASSOC is written 0, so that nothing the CPU runs until it is gone
 * (and no kernel kexec'd from here) is tagged with a group's IDs.
 *
 * Context: the CPU hotplug offline callback of @cpu, on @cpu.
 */
void resctrl_arch_cpu_offline(unsigned int cpu)
{
	WARN_ON_ONCE(cpu != smp_processor_id());
	x86_pqr_clear();
}

static void x86_pqr_reload(void *unused)
{
	x86_pqr_sched_in(current);
}

/**
 * resctrl_arch_reload_cpus() - make CPUs load the IDs of what runs there
 * @cpus: the CPUs; offline ones are skipped
 *
 * Context: process context; may wait for the CPUs to answer.
 */
void resctrl_arch_reload_cpus(const struct cpumask *cpus)
{
	if (!static_branch_unlikely(&x86_pqr_switching))
		return;
	on_each_cpu_mask(cpus, x86_pqr_reload, NULL, true);
}

static void x86_pqr_reset(void *unused)
{
	x86_pqr_write(0);
}

/**
 * resctrl_arch_set_switching() - start or stop loading IDs at context switch
 * @on: true when the filesystem is mounted
 *
 * Context: called with cpus_read_lock() held. Stopping puts every online
 * CPU back on CLOSID 0 and RMID 0.
 */
void resctrl_arch_set_switching(bool on)
{
	if (!x86_pqr_present())
		return;
	if (on) {
		static_branch_enable_cpuslocked(&x86_pqr_switching);
		return;
	}
	static_branch_disable_cpuslocked(&x86_pqr_switching);
	on_each_cpu(x86_pqr_reset, NULL, true);
}
