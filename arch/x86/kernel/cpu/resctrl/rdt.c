// SPDX-License-Identifier: GPL-2.0
/*
 * Registration: the x86 RDT backend offers what the boot CPU enumerates
 * to the resctrl filesystem through the same API a loadable driver uses.
 * It is built in and never unregisters; its descriptions are desc.c's.
 *
 * This runs at late_initcall: the filesystem is up by then (fs_initcall)
 * and so is cacheinfo, from which it derives the cache domains.
 */
#include <linux/err.h>
#include <linux/export.h>
#include <linux/cache.h>
#include <linux/cacheinfo.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/seq_file.h>

#include <asm/cpu_device_id.h>
#include <asm/intel-family.h>
#include <asm/processor.h>
#include <asm/resctrl.h>

#include "internal.h"

static struct x86_rdt_res x86_rdt_resources[X86_RDT_NUM_RES] __ro_after_init;
/* What x86_rdt_init() told the core PQR_ASSOC carries. */
static u32 x86_rdt_closid_limit, x86_rdt_rmid_limit;

/**
 * x86_rdt_set_closid_limit() - state the CLOSIDs PQR_ASSOC carries
 * @num_closid: the CLOSIDs, e.g. of an L3 CAT that CPUID does not
 *	enumerate and a model-specific driver found by probing (Haswell-EP:
 *	4, upstream core.c cache_alloc_hsw_probe())
 *
 * The backend states 1 CLOSID on a CPU with monitoring but no RDT_A, so
 * that no group can load a CLOSID the CPU may fault on. A model-specific
 * driver that knows better calls this before registering its resource.
 *
 * Context: process, may sleep.
 */
void x86_rdt_set_closid_limit(u32 num_closid)
{
	x86_rdt_closid_limit = num_closid;
	resctrl_set_cpu_id_limits(x86_rdt_closid_limit, x86_rdt_rmid_limit);
}
EXPORT_SYMBOL_NS_GPL(x86_rdt_set_closid_limit, RESCTRL);

static void __init x86_rdt_register(struct x86_rdt_res *res)
{
	struct resctrl_res *r;

	r = resctrl_register_resource(res->desc, &res->caps, res);
	if (IS_ERR(r)) {
		pr_warn("resctrl: %s: registration failed: %pe\n", res->desc->name, r);
		return;
	}
	res->handle = r;
}

/*
 * The CPUs with MSR_RMID_SNC_CONFIG, on which Sub-NUMA Clustering can
 * split an L3 cache (upstream 6.12 monitor.c: snc_cpu_ids).
 */
static const struct x86_cpu_id x86_rdt_snc_cpus[] __initconst = {
	X86_MATCH_VFM(INTEL_ICELAKE_X, NULL),
	X86_MATCH_VFM(INTEL_SAPPHIRERAPIDS_X, NULL),
	X86_MATCH_VFM(INTEL_EMERALDRAPIDS_X, NULL),
	X86_MATCH_VFM(INTEL_GRANITERAPIDS_X, NULL),
	X86_MATCH_VFM(INTEL_ATOM_CRESTMONT_X, NULL),
	{}
};

/*
 * NUMA nodes per L3 cache: CPU 0's L3 cache against CPU 0's node, as
 * upstream 6.12 detects SNC (monitor.c: snc_get_config()); see
 * x86_rdt_snc_ways().
 */
static unsigned int __init x86_rdt_snc_nodes(void)
{
	struct cacheinfo *ci = get_cpu_cacheinfo_level(0, 3);
	unsigned int ways;

	if (!x86_match_cpu(x86_rdt_snc_cpus) || !ci)
		return 1;
	cpus_read_lock();
	if (num_online_cpus() != num_present_cpus())
		pr_warn("resctrl: some CPUs are offline: SNC detection may be wrong\n");
	cpus_read_unlock();
	ways = x86_rdt_snc_ways(cpumask_weight(&ci->shared_cpu_map),
				cpumask_weight(cpumask_of_node(cpu_to_node(0))));
	if (ways > 1)
		pr_info("resctrl: Sub-NUMA Cluster mode detected with %u nodes per L3 cache\n",
			ways);
	return ways;
}

static int __init x86_rdt_init(void)
{
	const struct x86_rdt_facts facts = {
		.vendor = boot_cpu_data.x86_vendor,
		.max_rmid = boot_cpu_data.x86_cache_max_rmid,
		.occ_scale = boot_cpu_data.x86_cache_occ_scale,
		.mbm_width_offset = boot_cpu_data.x86_cache_mbm_width_offset,
		.cache_kb = boot_cpu_data.x86_cache_size,
		.opts = *x86_rdt_boot_cmdline(),
		.vfm = boot_cpu_data.x86_vfm,
		.stepping = boot_cpu_data.x86_stepping,
		.snc_nodes = x86_rdt_snc_nodes(),
	};
	unsigned int i;

	x86_rdt_enumerate(&facts, x86_rdt_resources);
	x86_rdt_id_limits(&facts, x86_rdt_resources, &x86_rdt_closid_limit,
			  &x86_rdt_rmid_limit);
	resctrl_set_cpu_id_limits(x86_rdt_closid_limit, x86_rdt_rmid_limit);
	/*
	 * Schemata and size list the resources in registration order, and
	 * upstream lists them in the reverse of L3, L2, MB, SMBA (its schema
	 * list is built by adding each at the head: rdtgroup.c,
	 * schemata_list_add()). Resources of drivers follow.
	 */
	for (i = X86_RDT_NUM_RES; i-- > 0;)
		if (x86_rdt_resources[i].present)
			x86_rdt_register(&x86_rdt_resources[i]);
	/* The lines upstream prints, which users grep for, in its order. */
	for (i = 0; i < X86_RDT_NUM_RES; i++)
		if (x86_rdt_resources[i].handle &&
		    x86_rdt_resources[i].desc->ctrl != RESCTRL_CTRL_NONE)
			pr_info("resctrl: %s allocation detected\n",
				x86_rdt_resources[i].desc->name);
	for (i = 0; i < X86_RDT_NUM_RES; i++)
		if (x86_rdt_resources[i].handle &&
		    x86_rdt_resources[i].caps.num_events)
			pr_info("resctrl: %s monitoring detected\n",
				x86_rdt_resources[i].desc->name);
	return 0;
}
late_initcall(x86_rdt_init);
