// SPDX-License-Identifier: GPL-2.0
/*
 * resctrl_oot: the smallest resctrl driver, built outside the kernel tree.
 * It provides OOT, an 8-bit capacity bitmask per CLOSID and package, and
 * one event, cached_bytes: 64 KiB per bit of the group's mask. Its
 * "hardware" is an array; a real driver would write registers in apply().
 * It shows only in mounts given "-o oot".
 */
#include <linux/bitops.h>
#include <linux/err.h>
#include <linux/module.h>
#include <linux/resctrl.h>

#define OOT_CLOSIDS	8
#define OOT_DOMAINS	64
#define OOT_BIT_BYTES	(64 * 1024)

static u32 oot_mask[OOT_DOMAINS][OOT_CLOSIDS];
static struct resctrl_res *oot_res;

static int oot_apply(struct resctrl_res *r, struct resctrl_dom *d, u32 closid,
		     enum resctrl_conf_type type, u32 val)
{
	if (resctrl_dom_id(d) >= OOT_DOMAINS)
		return -EIO;
	oot_mask[resctrl_dom_id(d)][closid] = val;
	return 0;
}

static int oot_read_event(struct resctrl_res *r, struct resctrl_dom *d,
			  u32 closid, u32 rmid, u32 evt, u64 *val)
{
	if (resctrl_dom_id(d) >= OOT_DOMAINS)
		return -ENODATA;
	*val = (u64)hweight32(oot_mask[resctrl_dom_id(d)][closid]) * OOT_BIT_BYTES;
	return 0;
}

static const struct resctrl_resource_ops oot_ops = {
	.apply = oot_apply,
	.read_event = oot_read_event,
};

static const struct resctrl_event_desc oot_events[] = {
	{ .name = "cached_bytes" },
};

static const struct resctrl_resource_desc oot_desc = {
	.name = "OOT",
	.ctrl = RESCTRL_CTRL_BITMASK,
	.scope = RESCTRL_SCOPE_PACKAGE,
	.plugin_option = "oot",
	.ops = &oot_ops,
};

static const struct resctrl_resource_caps oot_caps = {
	.num_closid = OOT_CLOSIDS,
	.num_rmid = 16,
	.bitmask = { .cbm_len = 8, .min_cbm_bits = 1 },
	.events = oot_events,
	.num_events = ARRAY_SIZE(oot_events),
};

static int __init oot_init(void)
{
	oot_res = resctrl_register_resource(&oot_desc, &oot_caps, NULL);
	return PTR_ERR_OR_ZERO(oot_res);
}

static void __exit oot_exit(void)
{
	resctrl_unregister_resource(oot_res);
}

module_init(oot_init);
module_exit(oot_exit);
MODULE_IMPORT_NS(RESCTRL);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("resctrl example driver built out of tree");
