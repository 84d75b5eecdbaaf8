// SPDX-License-Identifier: GPL-2.0
/*
 * resctrl_pkg: a model-specific package QoS driver for resctrl.
 *
 * On the Xeon models of its CPU match table (autoloaded through their
 * modalias) it provides one resource, PKG, whose domains are the
 * packages (sockets):
 *   - a control: a priority level per CLOSID and package, 0 (most
 *     restrained) to 15 (unrestrained, the default), schemata line
 *     "PKG:0=15;1=15";
 *   - two monitoring events per RMID and package, summed over the
 *     package's aggregators and shown as fixed-point decimals:
 *     mon_data/mon_PKG_<pkg>/core_energy and activity; "Unavailable"
 *     while the hardware has no valid count.
 * The resource takes part only in mounts given the option "pkg".
 *
 * The registers (pkg.h) are package-scoped MSRs, so the core calls
 * apply and read_event on a CPU of the package. Every access goes
 * through the accessors of pkg_hw.c, which KUnit redirects.
 *
 * Module parameter simulate=1 loads the driver on any CPU, with an
 * in-memory register file per package in place of the MSRs, driven
 * through debugfs (pkg_sim.c).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/module.h>
#include <linux/resctrl.h>
#include <linux/smp.h>
#include <linux/topology.h>

#include <asm/cpu_device_id.h>
#include <asm/intel-family.h>

#include "pkg.h"

static bool simulate;
module_param(simulate, bool, 0444);
MODULE_PARM_DESC(simulate,
		 "Load on any CPU, with simulated registers driven through debugfs");

/* The models with the package QoS registers. */
static const struct x86_cpu_id rpkg_cpu_ids[] = {
	X86_MATCH_VFM(INTEL_SAPPHIRERAPIDS_X, NULL),
	X86_MATCH_VFM(INTEL_EMERALDRAPIDS_X, NULL),
	X86_MATCH_VFM(INTEL_GRANITERAPIDS_X, NULL),
	X86_MATCH_VFM(INTEL_GRANITERAPIDS_D, NULL),
	X86_MATCH_VFM(INTEL_ATOM_CRESTMONT_X, NULL),
	X86_MATCH_VFM(INTEL_ATOM_DARKMONT_X, NULL),
	{}
};
MODULE_DEVICE_TABLE(x86cpu, rpkg_cpu_ids);

static struct rpkg_hw rpkg_hw;
static struct resctrl_res *rpkg_res;

/* Called on a CPU of @d (run_on_domain_cpu), interrupts disabled. */
static int rpkg_apply(struct resctrl_res *r, struct resctrl_dom *d, u32 closid,
		      enum resctrl_conf_type type, u32 val)
{
	return rpkg_hw_set_prio(&rpkg_hw, resctrl_dom_id(d), closid, val);
}

/* Called on a CPU of @d (run_on_domain_cpu), interrupts disabled. */
static int rpkg_read_event(struct resctrl_res *r, struct resctrl_dom *d,
			   u32 closid, u32 rmid, u32 evt, u64 *val)
{
	return rpkg_hw_read_count(&rpkg_hw, resctrl_dom_id(d), rmid, evt, val);
}

static const struct resctrl_resource_ops rpkg_ops = {
	.apply = rpkg_apply,
	.read_event = rpkg_read_event,
};

static const struct resctrl_event_desc rpkg_events[] = {
	{ .name = "core_energy", .id = RPKG_EVT_CORE_ENERGY,
	  .frac_bits = RPKG_FRAC_BITS },
	{ .name = "activity", .id = RPKG_EVT_ACTIVITY,
	  .frac_bits = RPKG_FRAC_BITS },
};

/* num_closid and num_rmid come from the hardware at init. */
static struct resctrl_resource_desc rpkg_desc = {
	.name = "PKG",
	.scope = RESCTRL_SCOPE_PACKAGE,
	.ctrl = RESCTRL_CTRL_SCALAR,
	.range = { .min = RPKG_LEVEL_MIN, .max = RPKG_LEVEL_MAX },
	.events = rpkg_events,
	.num_events = ARRAY_SIZE(rpkg_events),
	.mount_option = "pkg",
	.run_on_domain_cpu = true,
	.ops = &rpkg_ops,
	.owner = THIS_MODULE,
};

/* Read the capabilities on the current CPU's package. */
static int rpkg_probe(void)
{
	int ret;

	ret = rpkg_hw_probe(&rpkg_hw, topology_physical_package_id(get_cpu()));
	put_cpu();
	return ret;
}

static int __init rpkg_init(void)
{
	struct resctrl_res *res;
	int ret;

	if (!simulate && !x86_match_cpu(rpkg_cpu_ids))
		return -ENODEV;
	if (simulate) {
		ret = rpkg_sim_init();
		if (ret)
			return ret;
		rpkg_hw.regs = &rpkg_sim_regs;
	} else {
		rpkg_hw.regs = &rpkg_msr_regs;
	}

	ret = rpkg_probe();
	if (ret)
		goto fail;
	rpkg_desc.num_closid = rpkg_hw.nclosid;
	rpkg_desc.num_rmid = rpkg_hw.nrmid;

	res = resctrl_register_resource(&rpkg_desc, NULL);
	if (IS_ERR(res)) {
		ret = PTR_ERR(res);
		goto fail;
	}
	rpkg_res = res;
	pr_info("PKG: %u CLOSIDs, %u RMIDs, %u aggregators per package%s\n",
		rpkg_hw.nclosid, rpkg_hw.nrmid, rpkg_hw.naggr,
		simulate ? " (simulated)" : "");
	return 0;

fail:
	if (simulate)
		rpkg_sim_exit();
	return ret;
}

static void __exit rpkg_exit(void)
{
	/* No callback runs after this returns. */
	resctrl_unregister_resource(rpkg_res);
	if (simulate)
		rpkg_sim_exit();
}

module_init(rpkg_init);
module_exit(rpkg_exit);

MODULE_IMPORT_NS(RESCTRL);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("resctrl package QoS: package priority and energy telemetry per group");
