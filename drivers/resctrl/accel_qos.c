// SPDX-License-Identifier: GPL-2.0
/*
 * resctrl_accel: accelerator QoS as a resctrl resource.
 *
 * An auxiliary driver for the "qos" devices that accelerator parent
 * drivers publish (here accel_example's). While at least one device is
 * bound it provides the resource ACCEL: one DEVICE-scoped domain per
 * accelerator instance, with the instance number as domain id; a
 * bandwidth share per CLOSID in percent (schemata "ACCEL:0=50;1=100");
 * and the events "bytes" and "requests", counted per RMID
 * (mon_data/mon_ACCEL_NN/). The resource takes part only in mounts
 * given "-o accel".
 *
 * When it registers: at the first probe, not at module init, because
 * the CLOSIDs and RMIDs it serves must be ones every device has, and
 * only a device can tell. The first device's counts are the most ACCEL
 * serves. A later device with fewer lowers them with
 * resctrl_res_set_limits(), which keeps every group's ACCEL values (and
 * refuses the device if the groups in use need more); when that device
 * leaves, the counts rise again. A device unbound and bound again gets
 * back the values its domain had. The last device to go unregisters the
 * resource, so it and the option "accel" exist only while there is an
 * accelerator to control.
 *
 * Locking: accel_lock serialises probe and remove and guards the
 * registration and the set of devices; it is taken before the
 * filesystem's locks (registration takes them). Callbacks run with the
 * filesystem lock held and so never take accel_lock: they reach their
 * device through the domain's private data, which domain_online finds in
 * the accel_devs xarray. A device's data is freed only after its domain
 * was removed, when no callback can use it any more.
 */
#include <linux/auxiliary_bus.h>
#include <linux/cpumask.h>
#include <linux/limits.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/resctrl.h>
#include <linux/slab.h>
#include <linux/topology.h>
#include <linux/xarray.h>

#include "accel_example.h"

/**
 * struct accel_qos_dev - a bound QoS device
 * @adev: the auxiliary device
 * @num_closid: CLOSIDs it has
 * @num_rmid: RMIDs it has
 * @base: per RMID and counter, the hardware count that reads as 0: taken
 *	when the domain comes online and when a new group takes the RMID
 */
struct accel_qos_dev {
	struct auxiliary_device *adev;
	u32 num_closid;
	u32 num_rmid;
	u64 *base;
};

static DEFINE_MUTEX(accel_lock);
/* Bound devices by instance id; stable while accel_lock is held. */
static DEFINE_XARRAY(accel_devs);
/* The registered resource, NULL while no device is bound. */
static struct resctrl_res *accel_res;
/* The counts ACCEL registered with, those of the first device. */
static u32 accel_max_closid, accel_max_rmid;

static int accel_qos_apply(struct resctrl_res *r, struct resctrl_dom *d,
			   u32 closid, enum resctrl_conf_type type, u32 val)
{
	struct accel_qos_dev *qd = resctrl_dom_priv(d);

	return accel_example_set_share(qd->adev, closid, val);
}

static int accel_qos_read_event(struct resctrl_res *r, struct resctrl_dom *d,
				u32 closid, u32 rmid, u32 evt, u64 *val)
{
	struct accel_qos_dev *qd = resctrl_dom_priv(d);
	u64 now;

	if (accel_example_read_counter(qd->adev, rmid, evt, &now))
		return -EIO;
	*val = now - qd->base[rmid * ACCEL_EXAMPLE_NR_COUNTERS + evt];
	return 0;
}

static void accel_qos_rmid_reset(struct resctrl_res *r, struct resctrl_dom *d,
				 u32 rmid)
{
	struct accel_qos_dev *qd = resctrl_dom_priv(d);
	u64 *base = &qd->base[rmid * ACCEL_EXAMPLE_NR_COUNTERS];
	unsigned int evt;

	for (evt = 0; evt < ACCEL_EXAMPLE_NR_COUNTERS; evt++)
		if (accel_example_read_counter(qd->adev, rmid, evt, &base[evt]))
			base[evt] = 0;
}

static int accel_qos_domain_online(struct resctrl_res *r, struct resctrl_dom *d)
{
	struct accel_qos_dev *qd = xa_load(&accel_devs, resctrl_dom_id(d));
	u32 rmid;

	if (!qd)
		return -ENODEV;
	resctrl_dom_set_priv(d, qd);
	for (rmid = 0; rmid < qd->num_rmid; rmid++)
		accel_qos_rmid_reset(r, d, rmid);
	return 0;
}

static void accel_qos_domain_offline(struct resctrl_res *r, struct resctrl_dom *d)
{
	resctrl_dom_set_priv(d, NULL);
}

static const struct resctrl_resource_ops accel_qos_ops = {
	.apply = accel_qos_apply,
	.read_event = accel_qos_read_event,
	.domain_online = accel_qos_domain_online,
	.domain_offline = accel_qos_domain_offline,
	.rmid_reset = accel_qos_rmid_reset,
};

/*
 * Absolute counts (no .width): the device's 64-bit counters never wrap,
 * and read_event returns the count since rmid_reset took its baseline,
 * so the filesystem passes them on as read.
 */
static const struct resctrl_event_desc accel_qos_events[] = {
	{ .name = "bytes", .id = ACCEL_EXAMPLE_BYTES },
	{ .name = "requests", .id = ACCEL_EXAMPLE_REQUESTS },
};

static const struct resctrl_resource_desc accel_desc = {
	.name = "ACCEL",
	.ctrl = RESCTRL_CTRL_PERCENT,
	.scope = RESCTRL_SCOPE_DEVICE,
	.plugin_option = "accel",
	.ops = &accel_qos_ops,
};

/* The CPUs near the device, all of them if it has no NUMA node. */
static const struct cpumask *accel_qos_cpus(struct accel_qos_dev *qd)
{
	int node = dev_to_node(&qd->adev->dev);

	return node == NUMA_NO_NODE ? cpu_possible_mask : cpumask_of_node(node);
}

/* The CLOSIDs and RMIDs every bound device has. */
static void accel_qos_common_counts(u32 *num_closid, u32 *num_rmid)
{
	struct accel_qos_dev *qd;
	unsigned long id;

	*num_closid = U32_MAX;
	*num_rmid = U32_MAX;
	xa_for_each(&accel_devs, id, qd) {
		*num_closid = min(*num_closid, qd->num_closid);
		*num_rmid = min(*num_rmid, qd->num_rmid);
	}
}

/*
 * Register ACCEL for @qd, the first device: the counts registered are the
 * most ACCEL ever serves.
 */
static int accel_qos_register(struct accel_qos_dev *qd)
{
	struct resctrl_resource_caps caps = {
		.num_closid = qd->num_closid,
		.num_rmid = qd->num_rmid,
		.range = {
			.min = ACCEL_EXAMPLE_SHARE_MIN,
			.max = ACCEL_EXAMPLE_SHARE_MAX,
			.granularity = 1,
			.delay_linear = true,
		},
		.events = accel_qos_events,
		.num_events = ARRAY_SIZE(accel_qos_events),
	};
	struct resctrl_res *r;
	int ret;

	lockdep_assert_held(&accel_lock);
	r = resctrl_register_resource(&accel_desc, &caps, NULL);
	if (IS_ERR(r))
		return PTR_ERR(r);
	ret = resctrl_add_device_domain(r, qd->adev->id, accel_qos_cpus(qd));
	if (ret) {
		resctrl_unregister_resource(r);
		return ret;
	}
	accel_res = r;
	accel_max_closid = caps.num_closid;
	accel_max_rmid = caps.num_rmid;
	return 0;
}

/*
 * Fit ACCEL's counts to the bound devices: lower them for a device with
 * fewer CLOSIDs or RMIDs (the values of the CLOSIDs that stay are kept),
 * raise them again, up to what ACCEL registered with, when it leaves.
 */
static int accel_qos_fit_counts(void)
{
	u32 num_closid, num_rmid;

	lockdep_assert_held(&accel_lock);
	accel_qos_common_counts(&num_closid, &num_rmid);
	return resctrl_res_set_limits(accel_res, min(num_closid, accel_max_closid),
				      min(num_rmid, accel_max_rmid));
}

static struct accel_qos_dev *accel_qos_dev_alloc(struct auxiliary_device *adev)
{
	struct accel_qos_dev *qd;

	qd = kzalloc(sizeof(*qd), GFP_KERNEL);
	if (!qd)
		return NULL;
	qd->adev = adev;
	qd->num_closid = accel_example_num_closids(adev);
	qd->num_rmid = accel_example_num_rmids(adev);
	qd->base = kcalloc(qd->num_rmid * ACCEL_EXAMPLE_NR_COUNTERS,
			   sizeof(*qd->base), GFP_KERNEL);
	if (!qd->base) {
		kfree(qd);
		return NULL;
	}
	return qd;
}

static void accel_qos_dev_free(struct accel_qos_dev *qd)
{
	kfree(qd->base);
	kfree(qd);
}

static int accel_qos_probe(struct auxiliary_device *adev,
			   const struct auxiliary_device_id *id)
{
	struct accel_qos_dev *qd;
	int ret;

	qd = accel_qos_dev_alloc(adev);
	if (!qd)
		return -ENOMEM;
	mutex_lock(&accel_lock);
	/* Another parent's instance with the same number has the id. */
	ret = xa_insert(&accel_devs, adev->id, qd, GFP_KERNEL);
	if (ret) {
		ret = ret == -EBUSY ? -EEXIST : ret;
		goto unlock;
	}
	if (!accel_res) {
		ret = accel_qos_register(qd);
	} else {
		ret = accel_qos_fit_counts();
		if (!ret)
			ret = resctrl_add_device_domain(accel_res, adev->id,
							accel_qos_cpus(qd));
	}
	if (ret) {
		xa_erase(&accel_devs, adev->id);
		if (accel_res)
			accel_qos_fit_counts();
	}
unlock:
	mutex_unlock(&accel_lock);
	if (ret) {
		if (ret == -EBUSY)
			dev_err(&adev->dev, "%u CLOSIDs, %u RMIDs: too few for the resctrl groups in use\n",
				qd->num_closid, qd->num_rmid);
		else
			dev_err(&adev->dev, "not added to resctrl: %d\n", ret);
		accel_qos_dev_free(qd);
		return ret;
	}
	auxiliary_set_drvdata(adev, qd);
	return 0;
}

/* After this returns no callback uses the device: the parent may free it. */
static void accel_qos_remove(struct auxiliary_device *adev)
{
	struct accel_qos_dev *qd = auxiliary_get_drvdata(adev);

	mutex_lock(&accel_lock);
	xa_erase(&accel_devs, adev->id);
	if (xa_empty(&accel_devs)) {
		resctrl_unregister_resource(accel_res);
		accel_res = NULL;
	} else {
		resctrl_remove_device_domain(accel_res, adev->id);
		/* Raising the counts cannot fail. */
		accel_qos_fit_counts();
	}
	mutex_unlock(&accel_lock);
	accel_qos_dev_free(qd);
}

static const struct auxiliary_device_id accel_qos_ids[] = {
	{ .name = ACCEL_EXAMPLE_QOS_DEV },
	{ }
};
MODULE_DEVICE_TABLE(auxiliary, accel_qos_ids);

static struct auxiliary_driver accel_qos_driver = {
	.name = "qos",
	.probe = accel_qos_probe,
	.remove = accel_qos_remove,
	.id_table = accel_qos_ids,
};

static int __init accel_qos_init(void)
{
	return auxiliary_driver_register(&accel_qos_driver);
}

/* Unbinding every device unregisters ACCEL; nothing is left after. */
static void __exit accel_qos_exit(void)
{
	auxiliary_driver_unregister(&accel_qos_driver);
	WARN_ON(accel_res || !xa_empty(&accel_devs));
}

module_init(accel_qos_init);
module_exit(accel_qos_exit);

MODULE_IMPORT_NS(RESCTRL);
MODULE_IMPORT_NS(ACCEL_EXAMPLE);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Accelerator QoS as a resctrl resource, over the auxiliary bus");
