// SPDX-License-Identifier: GPL-2.0
/*
 * resctrl_hsx_l3cat: L3 cache allocation (CAT) of Haswell-EP for resctrl.
 *
 * Haswell-EP has L3 CAT on some SKUs but does not enumerate it in CPUID,
 * so the x86 backend, which follows CPUID, does not provide it. This
 * module is autoloaded through its CPU match table on that model only
 * (udev matches the CPU devices' modalias), probes the first L3 mask MSR
 * and registers the resource L3: a 20-bit capacity bitmask per CLOSID
 * and L3 cache. The numbers are in hsx_l3cat.h with their sources.
 *
 * Haswell-EP enumerates L3 monitoring (CMT), which the x86 backend
 * registers as a monitoring-only L3. This driver registers a
 * control-only L3 of the same scope, which the filesystem lets share the
 * name: users get info/L3, info/L3_MON, the L3 schemata line and
 * mon_data/mon_L3_* as upstream shows them. Its &resctrl_resource_desc
 * .claim is "intel_l3_cat", the name the backend's CPUID-enumerated
 * L3 CAT would carry; and where CPUID does enumerate L3 CAT (a newer
 * microcode or a hypervisor), the driver leaves L3 to the backend.
 *
 * The kernel option rdt=!l3cat turns it off, as it turns off upstream's
 * Haswell probe.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/module.h>
#include <linux/resctrl.h>
#include <linux/smp.h>

#include <asm/cpu_device_id.h>
#include <asm/cpufeature.h>
#include <asm/intel-family.h>
#include <asm/resctrl.h>

#include "hsx_l3cat.h"

static const struct x86_cpu_id hsx_l3cat_cpu_ids[] = {
	X86_MATCH_VFM(INTEL_HASWELL_X, NULL),
	{}
};
MODULE_DEVICE_TABLE(x86cpu, hsx_l3cat_cpu_ids);

/* Called on a CPU of @d (run_on_domain_cpu), interrupts disabled. */
static int hsx_l3cat_apply(struct resctrl_res *r, struct resctrl_dom *d,
			   u32 closid, enum resctrl_conf_type type, u32 val)
{
	return hsx_l3cat_write_mask(closid, val);
}

static void hsx_l3cat_reset_masks(void *unused)
{
	u32 closid;

	for (closid = 0; closid < HSX_L3CAT_NUM_CLOSID; closid++)
		hsx_l3cat_write_mask(closid, HSX_L3CAT_FULL_MASK);
}

/*
 * The domain goes: at unload (even while mounted) or when its last CPU
 * goes offline. Groups keep their CLOSIDs in IA32_PQR_ASSOC, so give
 * every CLOSID the whole cache again rather than leave stale limits.
 * With no CPU of the domain left online there is nothing to reach.
 */
static void hsx_l3cat_domain_offline(struct resctrl_res *r,
				     struct resctrl_dom *d)
{
	smp_call_function_any(resctrl_dom_cpus(d), hsx_l3cat_reset_masks,
			      NULL, 1);
}

static const struct resctrl_resource_ops hsx_l3cat_ops = {
	.apply = hsx_l3cat_apply,
	.domain_offline = hsx_l3cat_domain_offline,
};

static const struct resctrl_resource_desc hsx_l3cat_desc = {
	.name = "L3",
	.ctrl = RESCTRL_CTRL_BITMASK,
	.scope = RESCTRL_SCOPE_L3,
	.claim = "intel_l3_cat",
	.run_on_domain_cpu = true,
	.ops = &hsx_l3cat_ops,
};

/* What upstream's probe found the part to have: see hsx_l3cat.h. */
static const struct resctrl_resource_caps hsx_l3cat_caps = {
	.num_closid = HSX_L3CAT_NUM_CLOSID,
	.bitmask = {
		.cbm_len = HSX_L3CAT_CBM_LEN,
		.min_cbm_bits = HSX_L3CAT_MIN_BITS,
		.shareable_bits = HSX_L3CAT_SHAREABLE,
	},
};

static struct resctrl_res *hsx_l3cat_res;

static int __init hsx_l3cat_init(void)
{
	struct resctrl_res *r;
	int ret;

	if (!x86_match_cpu(hsx_l3cat_cpu_ids))
		return -ENODEV;
	if (boot_cpu_has(X86_FEATURE_CAT_L3)) {
		pr_info("L3 CAT is enumerated by CPUID: the x86 backend provides it\n");
		return -ENODEV;
	}
	/* The backend's rdt= query: -1 when forced off. */
	if (x86_rdt_boot_option("l3cat") < 0) {
		pr_info("L3 CAT turned off by rdt=!l3cat\n");
		return -ENODEV;
	}
	/* Upstream probes one CPU's L3 only; so does this. */
	get_cpu();
	ret = hsx_l3cat_probe();
	put_cpu();
	if (ret) {
		pr_info("no L3 CAT: IA32_L3_QOS_MASK_0 %s\n",
			ret == -EIO ? "faults" : "does not keep its bits");
		return -ENODEV;
	}
	/*
	 * The backend states 1 CLOSID where CPUID enumerates no allocation;
	 * PQR_ASSOC carries the 4 this probe found. Never lowered again: the
	 * hardware keeps them after the module leaves.
	 */
	x86_rdt_set_closid_limit(HSX_L3CAT_NUM_CLOSID);
	r = resctrl_register_resource(&hsx_l3cat_desc, &hsx_l3cat_caps, NULL);
	if (IS_ERR(r)) {
		pr_err("L3 registration failed: %pe\n", r);
		return PTR_ERR(r);
	}
	hsx_l3cat_res = r;
	pr_info("L3 allocation detected: %u CLOSIDs, %u-bit masks\n",
		HSX_L3CAT_NUM_CLOSID, HSX_L3CAT_CBM_LEN);
	return 0;
}

static void __exit hsx_l3cat_exit(void)
{
	/* Takes L3's schemata line away from a mounted filesystem too. */
	resctrl_unregister_resource(hsx_l3cat_res);
}

module_init(hsx_l3cat_init);
module_exit(hsx_l3cat_exit);

MODULE_IMPORT_NS(RESCTRL);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("resctrl L3 cache allocation of Haswell-EP (not enumerated by CPUID)");
