/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test kernels only: the door from model-specific drivers' MSR accessors
 * to the RDT hardware model (arch/x86/kernel/cpu/resctrl/model/), which
 * CONFIG_X86_RESCTRL_HW_MODEL builds and production configs never
 * select. Without it the door is shut at compile time.
 */
#ifndef _RESCTRL_HW_MODEL_MSR_H
#define _RESCTRL_HW_MODEL_MSR_H

#include <linux/types.h>

#ifdef CONFIG_X86_RESCTRL_HW_MODEL
bool resctrl_hw_model_active(void);
void resctrl_hw_model_wrmsr(u32 msr, u64 val);
u64 resctrl_hw_model_rdmsr(u32 msr);
#else
static inline bool resctrl_hw_model_active(void) { return false; }
static inline void resctrl_hw_model_wrmsr(u32 msr, u64 val) { }
static inline u64 resctrl_hw_model_rdmsr(u32 msr) { return 0; }
#endif

#endif /* _RESCTRL_HW_MODEL_MSR_H */
