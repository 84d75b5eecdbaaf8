// SPDX-License-Identifier: GPL-2.0
/*
 * Test kernels only (CONFIG_X86_RESCTRL_HW_MODEL): exports the RDT
 * hardware model's MSR entry points to model-specific resctrl drivers
 * built as modules, so that on a VM booted as a modelled CPU their MSR
 * accesses reach the model, as the x86 backend's do. Built into the
 * kernel, and only with the model.
 */
#include <linux/export.h>

#include "../../arch/x86/kernel/cpu/resctrl/hw_model.h"
#include "hw_model_msr.h"

/**
 * resctrl_hw_model_active() - whether the kernel runs as a modelled CPU
 *
 * Return: true when x86_rdt_model= named a CPU: MSR accesses must then
 * go to the model.
 */
bool resctrl_hw_model_active(void)
{
	return x86_rdt_model_active();
}
EXPORT_SYMBOL_NS_GPL(resctrl_hw_model_active, RESCTRL);

/**
 * resctrl_hw_model_wrmsr() - write a modelled MSR of the current CPU
 * @msr: the MSR
 * @val: the value; one the hardware would fault on is refused and
 *	reported on the console by the model
 */
void resctrl_hw_model_wrmsr(u32 msr, u64 val)
{
	x86_rdt_model_wrmsr(msr, val);
}
EXPORT_SYMBOL_NS_GPL(resctrl_hw_model_wrmsr, RESCTRL);

/**
 * resctrl_hw_model_rdmsr() - read a modelled MSR of the current CPU
 * @msr: the MSR
 *
 * Return: its value in the model.
 */
u64 resctrl_hw_model_rdmsr(u32 msr)
{
	return x86_rdt_model_rdmsr(msr);
}
EXPORT_SYMBOL_NS_GPL(resctrl_hw_model_rdmsr, RESCTRL);
