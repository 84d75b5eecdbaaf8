// SPDX-License-Identifier: GPL-2.0
/*
 * The backend's only contact with the hardware: MSR writes and reads,
 * CPUID and the boot CPU's feature flags. Each accessor starts with a
 * KUnit static stub, so tests can record the traffic the backend
 * generates and fake what the hardware answers, on any machine. Test
 * kernels built with CONFIG_X86_RESCTRL_HW_MODEL and booted with
 * x86_rdt_model= send them to the RDT hardware model instead.
 */
#include <kunit/static_stub.h>

#include <asm/cpufeature.h>
#include <asm/msr.h>
#include <asm/processor.h>

#include "hw_model.h"
#include "internal.h"

/**
 * x86_rdt_wrmsr() - write an RDT MSR of the current CPU
 * @msr: the MSR
 * @val: the value
 *
 * Context: any; callers that target a domain run on one of its CPUs.
 */
void x86_rdt_wrmsr(u32 msr, u64 val)
{
	KUNIT_STATIC_STUB_REDIRECT(x86_rdt_wrmsr, msr, val);
	if (x86_rdt_model_active()) {
		x86_rdt_model_wrmsr(msr, val);
		return;
	}
	wrmsrl(msr, val);
}

/**
 * x86_rdt_rdmsr() - read an RDT MSR of the current CPU
 * @msr: the MSR
 *
 * Context: any.
 *
 * Return: the MSR's value.
 */
u64 x86_rdt_rdmsr(u32 msr)
{
	u64 val;

	KUNIT_STATIC_STUB_REDIRECT(x86_rdt_rdmsr, msr);
	if (x86_rdt_model_active())
		return x86_rdt_model_rdmsr(msr);
	rdmsrl(msr, val);
	return val;
}

/**
 * x86_rdt_cpuid() - execute CPUID
 * @leaf: EAX in
 * @subleaf: ECX in
 * @regs: the registers out
 */
void x86_rdt_cpuid(u32 leaf, u32 subleaf, struct x86_rdt_cpuid_regs *regs)
{
	KUNIT_STATIC_STUB_REDIRECT(x86_rdt_cpuid, leaf, subleaf, regs);
	if (x86_rdt_model_active()) {
		u32 out[4];

		x86_rdt_model_cpuid(leaf, subleaf, out);
		regs->eax = out[0];
		regs->ebx = out[1];
		regs->ecx = out[2];
		regs->edx = out[3];
		return;
	}
	cpuid_count(leaf, subleaf, &regs->eax, &regs->ebx, &regs->ecx,
		    &regs->edx);
}

/**
 * x86_rdt_cpu_has() - test a feature flag of the boot CPU
 * @feature: X86_FEATURE_*
 *
 * The flags, not raw CPUID, decide which resources exist: they carry
 * what clearcpuid= and the vendor code cleared.
 *
 * Return: true if the boot CPU has @feature.
 */
bool x86_rdt_cpu_has(unsigned int feature)
{
	KUNIT_STATIC_STUB_REDIRECT(x86_rdt_cpu_has, feature);
	return boot_cpu_has(feature);
}
