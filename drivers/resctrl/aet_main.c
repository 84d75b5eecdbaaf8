// SPDX-License-Identifier: GPL-2.0
/*
 * resctrl_intel_aet: Intel Application Energy Telemetry for resctrl.
 *
 * Provides the monitoring-only resource PERF_PKG with upstream 7.0's
 * ABI: one domain per package, info/PERF_PKG_MON/{num_rmids,
 * mon_features} and mon_data/mon_PERF_PKG_<pkg>/<event> in every group,
 * core_energy and activity printed as decimals (fixed point, 18
 * fractional bits). Its num_rmids also limits how many MON groups
 * the filesystem creates. The counters are in PMT telemetry aggregators
 * of the OOBMSM PCI device (layout and sources in aet.h).
 *
 * The module is autoloaded with the OOBMSM device (its PCI id); it does
 * not bind the device, which intel_vsec does, but reads the telemetry
 * endpoints that intel_pmt_telemetry creates for it, once, at load. A
 * machine without such aggregators gets one kernel line saying so and no
 * resource; the module stays loaded, harmlessly.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/resctrl.h>

#include "aet.h"

/*
 * The OOBMSM device: PCI_DEVICE_ID_INTEL_VSEC_OOBMSM in 6.12's
 * drivers/platform/x86/intel/vsec.c.
 */
static const struct pci_device_id aet_pci_ids[] = {
	{ PCI_VDEVICE(INTEL, 0x09a7) },
	{ }
};
MODULE_DEVICE_TABLE(pci, aet_pci_ids);

static struct aet aet;
static struct resctrl_event_desc aet_events[AET_NUM_EVENTS];
static struct resctrl_res *aet_res;

static int aet_read_event(struct resctrl_res *r, struct resctrl_dom *d,
			  u32 closid, u32 rmid, u32 evt, u64 *val)
{
	return aet_read_count(&aet, resctrl_dom_id(d), rmid, evt, val);
}

static const struct resctrl_resource_ops aet_ops = {
	.read_event = aet_read_event,
};

static const struct resctrl_resource_desc aet_desc = {
	.name = "PERF_PKG",
	.ctrl = RESCTRL_CTRL_NONE,
	.scope = RESCTRL_SCOPE_PACKAGE,
	.ops = &aet_ops,
};

static int __init aet_init(void)
{
	struct resctrl_resource_caps caps = { .events = aet_events };
	struct resctrl_res *r;
	int ret;

	ret = aet_discover(&aet);
	if (ret)
		return ret;
	if (!aet.naggr) {
		pr_info("no PMT telemetry aggregator with per-RMID counters (GUID 0x26696143 or 0x26557651): PERF_PKG not registered\n");
		return 0;
	}
	caps.num_rmid = aet.num_rmid;
	caps.num_events = aet_fill_events(&aet, aet_events);
	r = resctrl_register_resource(&aet_desc, &caps, NULL);
	if (IS_ERR(r)) {
		pr_err("PERF_PKG registration failed: %pe\n", r);
		aet_release(&aet);
		return PTR_ERR(r);
	}
	aet_res = r;
	pr_info("PERF_PKG monitoring detected: %u aggregators, %u RMIDs, %u events\n",
		aet.naggr, aet.num_rmid, caps.num_events);
	return 0;
}

static void __exit aet_exit(void)
{
	/* No read_event runs once this returns: then drop the endpoints. */
	if (aet_res)
		resctrl_unregister_resource(aet_res);
	aet_release(&aet);
}

module_init(aet_init);
module_exit(aet_exit);

/* intel_vsec creates the telemetry endpoints this module looks for. */
MODULE_SOFTDEP("pre: intel_vsec");
MODULE_IMPORT_NS(RESCTRL);
MODULE_IMPORT_NS(INTEL_PMT_TELEMETRY);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("resctrl PERF_PKG: Intel Application Energy Telemetry per RMID");
