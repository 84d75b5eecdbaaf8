// SPDX-License-Identifier: GPL-2.0
/*
 * The list of registered resources and what it adds up to: whether
 * control and monitor groups can exist, and how many IDs they may use.
 */
#include <linux/list.h>
#include <linux/string.h>

#include "internal.h"

LIST_HEAD(rctl_resources);

/**
 * rctl_find_resource() - look a resource up by its schemata name
 * @name: the name
 *
 * Return: the resource, or NULL.
 */
struct rctl_resource *rctl_find_resource(const char *name)
{
	struct rctl_resource *r;

	lockdep_assert_held(&rctl_mutex);
	list_for_each_entry(r, &rctl_resources, list)
		if (!strcmp(r->name, name))
			return r;
	return NULL;
}

bool rctl_alloc_capable(void)
{
	return rctl_num_closids() > 0;
}

bool rctl_mon_capable(void)
{
	return rctl_num_rmids() > 0;
}

/* Control groups can use the CLOSIDs that every control resource has. */
u32 rctl_num_closids(void)
{
	struct rctl_resource *r;
	u32 n = 0;

	list_for_each_entry(r, &rctl_resources, list)
		if (r->num_closid && (!n || r->num_closid < n))
			n = r->num_closid;
	return n;
}

/* Groups can use the RMIDs that every monitoring resource has. */
u32 rctl_num_rmids(void)
{
	struct rctl_resource *r;
	u32 n = 0;

	list_for_each_entry(r, &rctl_resources, list)
		if (r->num_rmid && (!n || r->num_rmid < n))
			n = r->num_rmid;
	return n;
}
