// SPDX-License-Identifier: GPL-2.0
/*
 * resctrl_intel_aet: discovery of the telemetry aggregators and the
 * counter arithmetic (layout in aet.h). Every call into the PMT
 * telemetry driver, and the PCI device to package mapping, go through
 * accessors that start with a KUnit static stub, so aet_kunit.c can
 * present fake endpoints. aet_kunit.c includes this file.
 */
#include <kunit/static_stub.h>
#include <linux/bitmap.h>
#include <linux/cpumask.h>
#include <linux/err.h>
#include <linux/minmax.h>
#include <linux/pci.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/topology.h>

#include "../platform/x86/intel/pmt/telemetry.h"
#include "aet.h"

static const struct aet_layout aet_layouts[] = {
	/* Intel-PMT xml/CWF/OOBMSM/RMID-ENERGY/cwf_aggregator.xml */
	{ .guid = 0x26696143, .num_rmid = 576, .num_events = 2,
	  .evt = { AET_CORE_ENERGY, AET_ACTIVITY } },
	/* Intel-PMT xml/CWF/OOBMSM/RMID-PERF/cwf_aggregator.xml */
	{ .guid = 0x26557651, .num_rmid = 576, .num_events = 7,
	  .evt = { AET_STALLS_LLC_HIT, AET_C1_RES, AET_UNHALTED_CORE_CYCLES,
		   AET_STALLS_LLC_MISS, AET_C6_RES, AET_UNHALTED_REF_CYCLES,
		   AET_UOPS_RETIRED } },
};

static const struct resctrl_event_desc aet_event_descs[AET_NUM_EVENTS] = {
	[AET_CORE_ENERGY] = { .name = "core_energy", .id = AET_CORE_ENERGY,
			      .frac_bits = AET_ENERGY_FRAC_BITS },
	[AET_ACTIVITY] = { .name = "activity", .id = AET_ACTIVITY,
			   .frac_bits = AET_ENERGY_FRAC_BITS },
	[AET_STALLS_LLC_HIT] = { .name = "stalls_llc_hit", .id = AET_STALLS_LLC_HIT },
	[AET_C1_RES] = { .name = "c1_res", .id = AET_C1_RES },
	[AET_UNHALTED_CORE_CYCLES] = { .name = "unhalted_core_cycles",
				       .id = AET_UNHALTED_CORE_CYCLES },
	[AET_STALLS_LLC_MISS] = { .name = "stalls_llc_miss", .id = AET_STALLS_LLC_MISS },
	[AET_C6_RES] = { .name = "c6_res", .id = AET_C6_RES },
	[AET_UNHALTED_REF_CYCLES] = { .name = "unhalted_ref_cycles",
				      .id = AET_UNHALTED_REF_CYCLES },
	[AET_UOPS_RETIRED] = { .name = "uops_retired", .id = AET_UOPS_RETIRED },
};

/**
 * aet_next_endpoint() - the telemetry endpoint after @devid
 * @devid: 0 to start, then the previous answer
 *
 * Return: the next endpoint's device id, 0 when there is none.
 */
unsigned long aet_next_endpoint(unsigned long devid)
{
	KUNIT_STATIC_STUB_REDIRECT(aet_next_endpoint, devid);
	return pmt_telem_get_next_endpoint(devid);
}

/**
 * aet_endpoint_info() - the PCI device and header of an endpoint
 * @devid: the endpoint
 * @info: filled in
 *
 * Return: 0, or -ENXIO when the endpoint is gone.
 */
int aet_endpoint_info(unsigned long devid, struct telem_endpoint_info *info)
{
	KUNIT_STATIC_STUB_REDIRECT(aet_endpoint_info, devid, info);
	return pmt_telem_get_endpoint_info(devid, info);
}

/**
 * aet_get_endpoint() - take a reference on an endpoint
 * @devid: the endpoint
 *
 * Return: the endpoint, or an ERR_PTR() when it is gone.
 */
struct telem_endpoint *aet_get_endpoint(unsigned long devid)
{
	KUNIT_STATIC_STUB_REDIRECT(aet_get_endpoint, devid);
	return pmt_telem_register_endpoint(devid);
}

/**
 * aet_put_endpoint() - drop the reference aet_get_endpoint() took
 * @ep: the endpoint
 */
void aet_put_endpoint(struct telem_endpoint *ep)
{
	KUNIT_STATIC_STUB_REDIRECT(aet_put_endpoint, ep);
	pmt_telem_unregister_endpoint(ep);
}

/**
 * aet_read_qword() - read one counter of an aggregator
 * @ep: the aggregator's endpoint
 * @id: the sample id (qword index)
 * @val: the qword read
 *
 * Context: process or atomic; does not sleep.
 *
 * Return: 0, -ENODEV or -EPIPE when the device went, -EINVAL for an id
 * beyond the aggregator.
 */
int aet_read_qword(struct telem_endpoint *ep, u32 id, u64 *val)
{
	KUNIT_STATIC_STUB_REDIRECT(aet_read_qword, ep, id, val);
	return pmt_telem_read(ep, id, val, 1);
}

/**
 * aet_pdev_package() - the package a telemetry PCI device counts for
 * @pdev: the OOBMSM device of the endpoint
 *
 * The 6.12 endpoint API does not tell the package (7.0's discovery
 * tables do), but each package has its own OOBMSM device, attached to
 * that package's NUMA node: its CPUs give the package. A machine with
 * one package needs no node.
 *
 * Return: the physical package id, or -1 when it cannot be told.
 */
int aet_pdev_package(struct pci_dev *pdev)
{
	unsigned int cpu;
	int node;

	KUNIT_STATIC_STUB_REDIRECT(aet_pdev_package, pdev);
	node = dev_to_node(&pdev->dev);
	if (node == NUMA_NO_NODE) {
		if (topology_max_packages() != 1)
			return -1;
		cpu = cpumask_first(cpu_online_mask);
	} else {
		cpu = cpumask_first_and(cpumask_of_node(node), cpu_online_mask);
	}
	return cpu < nr_cpu_ids ? topology_physical_package_id(cpu) : -1;
}

static const struct aet_layout *aet_find_layout(u32 guid)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(aet_layouts); i++)
		if (aet_layouts[i].guid == guid)
			return &aet_layouts[i];
	return NULL;
}

/* Whether an endpoint is an aggregator of a known layout; its package. */
static const struct aet_layout *aet_usable(unsigned long devid, int *pkg)
{
	const struct aet_layout *l;
	struct telem_endpoint_info info;
	size_t bytes;

	if (aet_endpoint_info(devid, &info))
		return NULL;
	l = aet_find_layout(info.header.guid);
	if (!l)
		return NULL;
	bytes = ((size_t)l->num_rmid * l->num_events + AET_STATUS_QWORDS) * sizeof(u64);
	if (info.header.size != bytes) {
		pr_warn("telemetry 0x%x: %u bytes, its layout has %zu: not used\n",
			l->guid, info.header.size, bytes);
		return NULL;
	}
	*pkg = aet_pdev_package(info.pdev);
	if (*pkg < 0) {
		pr_warn("telemetry 0x%x: endpoint %lu has no package: not used\n",
			l->guid, devid);
		return NULL;
	}
	return l;
}

/**
 * aet_discover() - find the aggregators with per-RMID counters
 * @a: filled in; empty (no aggregator) when none is usable
 *
 * Every telemetry endpoint of a GUID in aet_layouts[], of the size its
 * layout gives and with a known package is kept, with a reference.
 *
 * Context: process; may sleep.
 *
 * Return: 0 (also when nothing was found), or -ENOMEM.
 */
int aet_discover(struct aet *a)
{
	const struct aet_layout *l;
	struct telem_endpoint *ep;
	struct aet_aggr *more;
	unsigned long devid = 0;
	unsigned int i;
	int pkg;

	memset(a, 0, sizeof(*a));
	while ((devid = aet_next_endpoint(devid))) {
		l = aet_usable(devid, &pkg);
		if (!l)
			continue;
		ep = aet_get_endpoint(devid);
		if (IS_ERR(ep))
			continue;
		more = krealloc_array(a->aggr, a->naggr + 1, sizeof(*a->aggr),
				      GFP_KERNEL);
		if (!more) {
			aet_put_endpoint(ep);
			aet_release(a);
			return -ENOMEM;
		}
		a->aggr = more;
		a->aggr[a->naggr++] = (struct aet_aggr){ .ep = ep, .layout = l, .pkg = pkg };
		a->num_rmid = a->num_rmid ? min(a->num_rmid, l->num_rmid) : l->num_rmid;
		for (i = 0; i < l->num_events; i++)
			__set_bit(l->evt[i], &a->events);
	}
	return 0;
}

/**
 * aet_release() - drop what aet_discover() found
 * @a: emptied
 */
void aet_release(struct aet *a)
{
	unsigned int i;

	for (i = 0; i < a->naggr; i++)
		aet_put_endpoint(a->aggr[i].ep);
	kfree(a->aggr);
	memset(a, 0, sizeof(*a));
}

/**
 * aet_read_count() - the count of an event for an RMID in a package
 * @a: the aggregators
 * @pkg: the physical package
 * @rmid: the RMID, below @a->num_rmid
 * @evt: the event, an enum aet_event
 * @val: the sum of the valid counts of @pkg's aggregators that count @evt
 *
 * Context: process or atomic; does not sleep.
 *
 * Return: 0, -ENODATA when no aggregator has a valid count, -EIO when
 * an aggregator cannot be read (its device went away).
 */
int aet_read_count(const struct aet *a, int pkg, u32 rmid, u32 evt, u64 *val)
{
	const struct aet_aggr *ag;
	bool valid = false;
	u64 sum = 0, q;
	unsigned int i, pos;

	for (ag = a->aggr; ag < a->aggr + a->naggr; ag++) {
		if (ag->pkg != pkg || rmid >= ag->layout->num_rmid)
			continue;
		for (pos = 0; pos < ag->layout->num_events; pos++)
			if (ag->layout->evt[pos] == evt)
				break;
		if (pos == ag->layout->num_events)
			continue;
		i = rmid * ag->layout->num_events + pos;
		if (aet_read_qword(ag->ep, i, &q))
			return -EIO;
		if (!(q & AET_VALID))
			continue;
		sum += q & AET_COUNT;
		valid = true;
	}
	if (!valid)
		return -ENODATA;
	*val = sum;
	return 0;
}

/**
 * aet_fill_events() - the event descriptions of what was found
 * @a: the aggregators
 * @out: AET_NUM_EVENTS entries, filled in upstream's order
 *
 * Return: the number of events filled.
 */
unsigned int aet_fill_events(const struct aet *a, struct resctrl_event_desc *out)
{
	unsigned int n = 0, e;

	for_each_set_bit(e, &a->events, AET_NUM_EVENTS)
		out[n++] = aet_event_descs[e];
	return n;
}
