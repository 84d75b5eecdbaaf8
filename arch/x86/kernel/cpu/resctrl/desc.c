// SPDX-License-Identifier: GPL-2.0
/*
 * What the x86 RDT backend registers: one constant description per kind
 * of resource, chosen by enumeration (enumerate.c), which puts what the
 * CPU reports in the resource's struct resctrl_resource_caps.
 *
 * Every RDT MSR is per domain, so the operations run on a CPU of the
 * domain (run_on_domain_cpu), except with a per-CPU QOS_CFG (AMD L3 and
 * L2 with CDP: upstream core.c sets arch_has_per_cpu_cfg for AMD and
 * Hygon), where the operations make their own cross-calls, as some writes
 * go to every CPU of the domain.
 */
#include <linux/resctrl.h>
#include <linux/seq_file.h>

#include "internal.h"

/*
 * x86_rdt_apply() and the others without a suffix run on a CPU of the
 * domain. With a per-CPU QOS_CFG the _cpus versions run in process
 * context instead and make their own cross-calls, and a CPU that joins a
 * domain gets the domain's CDP mode. The event configuration operations
 * are called only for events with a config_mask, which enumeration sets
 * for AMD BMEC alone.
 */
#define X86_RDT_OPS(_sfx, _join)					\
	{								\
		.apply = x86_rdt_apply##_sfx,				\
		.read_event = x86_rdt_read_event##_sfx,			\
		.event_config_read = x86_rdt_event_config_read##_sfx,	\
		.event_config_write = x86_rdt_event_config_write##_sfx,	\
		.domain_online = x86_rdt_domain_online,			\
		.domain_offline = x86_rdt_domain_offline,		\
		.cpu_join = _join,					\
	}

static const struct resctrl_resource_ops x86_rdt_ops = X86_RDT_OPS(, NULL);
static const struct resctrl_resource_ops x86_rdt_per_cpu_ops =
	X86_RDT_OPS(_cpus, x86_rdt_cpu_join);

/* Intel MB: whether a core throttles each thread or all at the max. */
static int x86_rdt_throttle_mode_show(struct resctrl_res *r,
				      struct seq_file *sf)
{
	const struct x86_rdt_res *res = resctrl_res_priv(r);

	seq_puts(sf, res->per_thread_mba ? "per-thread\n" : "max\n");
	return 0;
}

static const struct resctrl_info_attr x86_rdt_mba_info[] = {
	{ .name = "thread_throttle_mode", .show = x86_rdt_throttle_mode_show },
	{ }
};

#define X86_RDT_CBM_DESC(_name, _scope, _ops, _on_cpu)			\
	{								\
		.name = _name,						\
		.ctrl = RESCTRL_CTRL_BITMASK,				\
		.scope = _scope,					\
		.run_on_domain_cpu = _on_cpu,				\
		.ops = _ops,						\
	}

const struct resctrl_resource_desc x86_rdt_desc_l3 =
	X86_RDT_CBM_DESC("L3", RESCTRL_SCOPE_L3, &x86_rdt_ops, true);
const struct resctrl_resource_desc x86_rdt_desc_l3_per_cpu =
	X86_RDT_CBM_DESC("L3", RESCTRL_SCOPE_L3, &x86_rdt_per_cpu_ops, false);
const struct resctrl_resource_desc x86_rdt_desc_l2 =
	X86_RDT_CBM_DESC("L2", RESCTRL_SCOPE_L2, &x86_rdt_ops, true);
const struct resctrl_resource_desc x86_rdt_desc_l2_per_cpu =
	X86_RDT_CBM_DESC("L2", RESCTRL_SCOPE_L2, &x86_rdt_per_cpu_ops, false);

/* Intel MBA: a delay in percent (upstream 6.12 core.c: __get_mem_config_intel()). */
const struct resctrl_resource_desc x86_rdt_desc_mb_intel = {
	.name = "MB",
	.ctrl = RESCTRL_CTRL_PERCENT,
	.scope = RESCTRL_SCOPE_L3,
	.info = x86_rdt_mba_info,
	.run_on_domain_cpu = true,
	.ops = &x86_rdt_ops,
};

/*
 * AMD MBA and SMBA: a limit in multiples of 1/8 GBps (upstream 6.12 core.c:
 * __rdt_get_mem_config_amd(), Documentation/arch/x86/resctrl.rst).
 */
const struct resctrl_resource_desc x86_rdt_desc_mb_amd = {
	.name = "MB",
	.ctrl = RESCTRL_CTRL_MBPS,
	.scope = RESCTRL_SCOPE_L3,
	.run_on_domain_cpu = true,
	.ops = &x86_rdt_ops,
};

const struct resctrl_resource_desc x86_rdt_desc_smba = {
	.name = "SMBA",
	.ctrl = RESCTRL_CTRL_MBPS,
	.scope = RESCTRL_SCOPE_L3,
	.run_on_domain_cpu = true,
	.ops = &x86_rdt_ops,
};

/* L3 monitoring without L3 allocation. */
const struct resctrl_resource_desc x86_rdt_desc_l3_mon = {
	.name = "L3",
	.ctrl = RESCTRL_CTRL_NONE,
	.scope = RESCTRL_SCOPE_L3,
	.run_on_domain_cpu = true,
	.ops = &x86_rdt_ops,
};

/* L3 monitoring per NUMA node under Sub-NUMA Clustering. */
const struct resctrl_resource_desc x86_rdt_desc_l3_snc = {
	.name = "L3",
	.ctrl = RESCTRL_CTRL_NONE,
	.scope = RESCTRL_SCOPE_NODE,
	.mon_in_l3 = true,
	.run_on_domain_cpu = true,
	.ops = &x86_rdt_ops,
};
