/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The accessors' door to the RDT hardware model (model/model.c), a
 * test-only stand-in for the RDT MSRs and CPUID leaves that
 * CONFIG_X86_RESCTRL_HW_MODEL builds. Without the option the door is
 * shut at compile time and the accessors touch the hardware as before.
 */
#ifndef _X86_KERNEL_CPU_RESCTRL_HW_MODEL_H
#define _X86_KERNEL_CPU_RESCTRL_HW_MODEL_H

#include <linux/compiler.h>
#include <linux/types.h>

#ifdef CONFIG_X86_RESCTRL_HW_MODEL

struct x86_rdt_model_cpu;
extern const struct x86_rdt_model_cpu *x86_rdt_model;

/* True once the kernel command line named a CPU (x86_rdt_model=). */
static __always_inline bool x86_rdt_model_active(void)
{
	return READ_ONCE(x86_rdt_model);
}

void x86_rdt_model_wrmsr(u32 msr, u64 val);
u64 x86_rdt_model_rdmsr(u32 msr);
void x86_rdt_model_cpuid(u32 leaf, u32 subleaf, u32 regs[4]);

#else /* !CONFIG_X86_RESCTRL_HW_MODEL */

static __always_inline bool x86_rdt_model_active(void)
{
	return false;
}

static inline void x86_rdt_model_wrmsr(u32 msr, u64 val) { }
static inline u64 x86_rdt_model_rdmsr(u32 msr) { return 0; }
static inline void x86_rdt_model_cpuid(u32 leaf, u32 subleaf, u32 regs[4]) { }

#endif /* CONFIG_X86_RESCTRL_HW_MODEL */

#endif /* _X86_KERNEL_CPU_RESCTRL_HW_MODEL_H */
