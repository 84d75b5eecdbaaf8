/* SPDX-License-Identifier: GPL-2.0 */
/*
 * resctrl_intel_aet: Intel Application Energy Telemetry as the resctrl
 * resource PERF_PKG, with upstream 7.0's user ABI.
 *
 * Per-RMID counters live in Intel PMT telemetry aggregators of the
 * OOBMSM device, one or more per package, reached through the 6.12
 * pmt_telem_*() endpoint API. Each aggregator of a known GUID holds, for
 * RMID r and the layout's event at position i, the qword with sample id
 * r * num_events + i, followed by 3 status qwords; bit 63 of a counter
 * says it holds valid data, bits 62:0 are the count. A package's count
 * is the sum over its aggregators with valid data.
 *
 * GUIDs, RMID counts, event order and fractional bits: upstream v7.0
 * arch/x86/kernel/cpu/resctrl/intel_aet.c (Tony Luck's "x86,fs/resctrl:
 * telemetry monitoring" series), which cites the Intel-PMT XML files
 * xml/CWF/OOBMSM/RMID-ENERGY/cwf_aggregator.xml and
 * xml/CWF/OOBMSM/RMID-PERF/cwf_aggregator.xml; event names from upstream
 * v7.0 fs/resctrl/monitor.c.
 */
#ifndef _RESCTRL_AET_H
#define _RESCTRL_AET_H

#include <linux/bits.h>
#include <linux/resctrl.h>
#include <linux/types.h>

struct pci_dev;
struct telem_endpoint;
struct telem_endpoint_info;

/* The events of PERF_PKG, in upstream's order (mon_features). */
enum aet_event {
	AET_CORE_ENERGY,
	AET_ACTIVITY,
	AET_STALLS_LLC_HIT,
	AET_C1_RES,
	AET_UNHALTED_CORE_CYCLES,
	AET_STALLS_LLC_MISS,
	AET_C6_RES,
	AET_UNHALTED_REF_CYCLES,
	AET_UOPS_RETIRED,
	AET_NUM_EVENTS,
};

/* Upstream: energy events are fixed point with 18 fractional bits. */
#define AET_ENERGY_FRAC_BITS	18
/* Status qwords after the counters of an aggregator. */
#define AET_STATUS_QWORDS	3
#define AET_VALID		BIT_ULL(63)
#define AET_COUNT		GENMASK_ULL(62, 0)

/**
 * struct aet_layout - an event group: the counters of aggregators of a GUID
 * @guid: the PMT GUID
 * @num_rmid: RMIDs counted
 * @num_events: events per RMID
 * @evt: the events in counter order
 */
struct aet_layout {
	u32 guid;
	u32 num_rmid;
	u32 num_events;
	u8 evt[AET_NUM_EVENTS];
};

/**
 * struct aet_aggr - one telemetry aggregator in use
 * @ep: its endpoint, registered (a reference held)
 * @layout: its event group
 * @pkg: the physical package it counts for
 */
struct aet_aggr {
	struct telem_endpoint *ep;
	const struct aet_layout *layout;
	int pkg;
};

/**
 * struct aet - what discovery found
 * @aggr: the aggregators in use, @naggr of them
 * @naggr: number of @aggr
 * @num_rmid: RMIDs every group in use counts
 * @events: bitmap of the enum aet_event values some aggregator counts
 */
struct aet {
	struct aet_aggr *aggr;
	unsigned int naggr;
	u32 num_rmid;
	unsigned long events;
};

unsigned long aet_next_endpoint(unsigned long devid);
int aet_endpoint_info(unsigned long devid, struct telem_endpoint_info *info);
struct telem_endpoint *aet_get_endpoint(unsigned long devid);
void aet_put_endpoint(struct telem_endpoint *ep);
int aet_read_qword(struct telem_endpoint *ep, u32 id, u64 *val);
int aet_pdev_package(struct pci_dev *pdev);

int aet_discover(struct aet *a);
void aet_release(struct aet *a);
int aet_read_count(const struct aet *a, int pkg, u32 rmid, u32 evt, u64 *val);
unsigned int aet_fill_events(const struct aet *a,
			     struct resctrl_event_desc *out);

#endif /* _RESCTRL_AET_H */
