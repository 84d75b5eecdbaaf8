/* SPDX-License-Identifier: GPL-2.0 */
/*
 * accel_example: the interface between the example accelerator parent
 * driver and the drivers that bind to its "qos" auxiliary devices.
 *
 * Each auxiliary device "accel_example.qos.N" is one QoS block of an
 * accelerator instance: a bandwidth-share register per class of service
 * (CLOSID) and traffic counters per monitoring ID (RMID). The functions
 * are exported in the ACCEL_EXAMPLE symbol namespace; a caller must be
 * the driver bound to the device and call them only between its probe()
 * and the return of its remove().
 */
#ifndef _ACCEL_EXAMPLE_H
#define _ACCEL_EXAMPLE_H

#include <linux/types.h>

struct auxiliary_device;

/* The auxiliary device name the parent creates, for id tables. */
#define ACCEL_EXAMPLE_QOS_DEV	"accel_example.qos"

/* The range of a bandwidth-share register; 0 is its value after reset. */
#define ACCEL_EXAMPLE_SHARE_MIN	1
#define ACCEL_EXAMPLE_SHARE_MAX	100

/**
 * enum accel_example_counter - the traffic counters of an RMID
 * @ACCEL_EXAMPLE_BYTES: bytes moved by the work tagged with the RMID
 * @ACCEL_EXAMPLE_REQUESTS: work descriptors completed for the RMID
 * @ACCEL_EXAMPLE_NR_COUNTERS: number of counters
 */
enum accel_example_counter {
	ACCEL_EXAMPLE_BYTES,
	ACCEL_EXAMPLE_REQUESTS,
	ACCEL_EXAMPLE_NR_COUNTERS,
};

u32 accel_example_num_closids(struct auxiliary_device *adev);
u32 accel_example_num_rmids(struct auxiliary_device *adev);
int accel_example_set_share(struct auxiliary_device *adev, u32 closid,
			    u32 share);
int accel_example_read_counter(struct auxiliary_device *adev, u32 rmid,
			       enum accel_example_counter which, u64 *val);

#endif /* _ACCEL_EXAMPLE_H */
