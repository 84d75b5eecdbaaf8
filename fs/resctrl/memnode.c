// SPDX-License-Identifier: GPL-2.0
/*
 * NUMA nodes with memory as domains: a resource that declares
 * memory_nodes has a domain for every node with memory, CPUs or not
 * (CXL or device memory), and these follow memory hotplug as the
 * domains of CPU scopes follow CPU hotplug (domain.c).
 *
 * The memory hotplug core calls the notifier with cpus_read_lock() held
 * (mem_hotplug_begin() in drivers/base/memory.c), after it has set or
 * cleared the node's N_MEMORY state, and reports in status_change_nid
 * the node whose state changed (include/linux/memory.h).
 */
#include <linux/init.h>
#include <linux/memory.h>
#include <linux/mutex.h>
#include <linux/notifier.h>

#include "internal.h"

static int rctl_mem_notify(struct notifier_block *nb, unsigned long action,
			   void *arg)
{
	struct memory_notify *mn = arg;
	int nid = mn->status_change_nid;

	if (nid < 0 || (action != MEM_ONLINE && action != MEM_OFFLINE))
		return NOTIFY_OK;
	mutex_lock(&rctl_mutex);
	rctl_domains_mem_change(nid, action == MEM_ONLINE);
	mutex_unlock(&rctl_mutex);
	return NOTIFY_OK;
}

static struct notifier_block rctl_mem_nb = {
	.notifier_call = rctl_mem_notify,
};

static int __init rctl_memnode_init(void)
{
	return register_memory_notifier(&rctl_mem_nb);
}
subsys_initcall(rctl_memnode_init);
