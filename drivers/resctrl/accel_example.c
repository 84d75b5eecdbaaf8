// SPDX-License-Identifier: GPL-2.0
/*
 * accel_example: an example accelerator parent driver.
 *
 * It stands in for the driver of a device such as a DSA or DLB instance:
 * a platform device "accel_example", bound to this platform driver, owns
 * @instances accelerator instances and publishes the QoS block of each
 * as an auxiliary device "accel_example.qos.N" (N = 0, 1, ...), for a
 * resource control driver (resctrl_accel) to bind to. The hardware is
 * simulated: each instance has a bandwidth-share register per CLOSID
 * (0 after reset, then 1..100) and a bytes and a requests counter per
 * RMID.
 *
 * Module parameters, read when the platform device is probed (so that a
 * change takes effect at the next bind):
 *   instances   number of instances (default 2, at most 8)
 *   closids     CLOSIDs of each instance, comma separated (default 16)
 *   rmids       RMIDs of each instance, comma separated (default 64)
 *
 * Unbinding the platform device (echo accel_example >
 * /sys/bus/platform/drivers/accel_example/unbind) removes every instance;
 * bind brings them back with registers and counters reset.
 *
 * /sys/kernel/debug/accel_example/accel_example.qos.N/:
 *   regs     what the hardware holds: "closids N", "rmids N", then
 *            "closid C share V" for every CLOSID and
 *            "rmid R bytes B requests Q" for every RMID
 *   traffic  write "RMID BYTES REQUESTS" to add to the RMID's counters,
 *            as if the instance had done that work for it
 *
 * The functions of accel_example.h are exported in the ACCEL_EXAMPLE
 * namespace. An auxiliary device is deleted (its driver unbound) before
 * anything it uses goes; its memory is freed by its release callback,
 * when the last reference is dropped.
 */
#include <linux/auxiliary_bus.h>
#include <linux/debugfs.h>
#include <linux/export.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/platform_device.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>

#include "accel_example.h"

#define AEX_MAX_INSTANCES	8
#define AEX_MAX_CLOSIDS		64
#define AEX_MAX_RMIDS		1024
#define AEX_DEF_CLOSIDS		16
#define AEX_DEF_RMIDS		64

static unsigned int instances = 2;
module_param(instances, uint, 0644);
MODULE_PARM_DESC(instances, "Accelerator instances created at probe (default 2, at most 8)");

static unsigned int closids[AEX_MAX_INSTANCES];
static unsigned int nr_closids;
module_param_array(closids, uint, &nr_closids, 0644);
MODULE_PARM_DESC(closids, "CLOSIDs of each instance (default 16, at most 64)");

static unsigned int rmids[AEX_MAX_INSTANCES];
static unsigned int nr_rmids;
module_param_array(rmids, uint, &nr_rmids, 0644);
MODULE_PARM_DESC(rmids, "RMIDs of each instance (default 64, at most 1024)");

static struct dentry *aex_debugfs;

/**
 * struct aex_qos - the QoS block of one accelerator instance
 * @adev: the auxiliary device a QoS driver binds to
 * @lock: guards the registers and counters
 * @num_closid: number of share registers
 * @num_rmid: number of counter pairs
 * @share: share register of each CLOSID; 0 until written
 * @count: the counters, ACCEL_EXAMPLE_NR_COUNTERS per RMID
 * @dbg: the instance's debugfs directory
 */
struct aex_qos {
	struct auxiliary_device adev;
	spinlock_t lock;	/* guards @share and @count */
	u32 num_closid;
	u32 num_rmid;
	u32 *share;
	u64 *count;
	struct dentry *dbg;
};

/**
 * struct aex_parent - what the platform device's driver holds
 * @nr: number of instances published
 * @qos: the instances
 */
struct aex_parent {
	unsigned int nr;
	struct aex_qos *qos[AEX_MAX_INSTANCES];
};

static struct aex_qos *to_aex_qos(struct auxiliary_device *adev)
{
	return container_of(adev, struct aex_qos, adev);
}

/**
 * accel_example_num_closids() - the CLOSIDs an instance can tell apart
 * @adev: the instance's "qos" auxiliary device
 *
 * Context: any; the caller is the driver bound to @adev.
 *
 * Return: the number of share registers, one per CLOSID.
 */
u32 accel_example_num_closids(struct auxiliary_device *adev)
{
	return to_aex_qos(adev)->num_closid;
}
EXPORT_SYMBOL_NS_GPL(accel_example_num_closids, ACCEL_EXAMPLE);

/**
 * accel_example_num_rmids() - the RMIDs an instance counts traffic for
 * @adev: the instance's "qos" auxiliary device
 *
 * Context: any; the caller is the driver bound to @adev.
 *
 * Return: the number of RMIDs with counters.
 */
u32 accel_example_num_rmids(struct auxiliary_device *adev)
{
	return to_aex_qos(adev)->num_rmid;
}
EXPORT_SYMBOL_NS_GPL(accel_example_num_rmids, ACCEL_EXAMPLE);

/**
 * accel_example_set_share() - program the bandwidth share of a CLOSID
 * @adev: the instance's "qos" auxiliary device
 * @closid: the class of service
 * @share: its share of the instance's bandwidth, in percent
 *	(ACCEL_EXAMPLE_SHARE_MIN to ACCEL_EXAMPLE_SHARE_MAX)
 *
 * Context: any; takes the instance's spinlock. The caller is the driver
 * bound to @adev.
 *
 * Return: 0, or -EINVAL for a CLOSID or share the hardware has no
 * register value for; the register is then unchanged.
 */
int accel_example_set_share(struct auxiliary_device *adev, u32 closid,
			    u32 share)
{
	struct aex_qos *q = to_aex_qos(adev);
	unsigned long flags;

	if (closid >= q->num_closid || share < ACCEL_EXAMPLE_SHARE_MIN ||
	    share > ACCEL_EXAMPLE_SHARE_MAX)
		return -EINVAL;
	spin_lock_irqsave(&q->lock, flags);
	q->share[closid] = share;
	spin_unlock_irqrestore(&q->lock, flags);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(accel_example_set_share, ACCEL_EXAMPLE);

/**
 * accel_example_read_counter() - read a traffic counter of an RMID
 * @adev: the instance's "qos" auxiliary device
 * @rmid: the monitoring ID
 * @which: the counter
 * @val: where the count goes; counters only grow, from 0 at probe
 *
 * Context: any; takes the instance's spinlock. The caller is the driver
 * bound to @adev.
 *
 * Return: 0, or -EINVAL for an RMID or counter the instance does not have.
 */
int accel_example_read_counter(struct auxiliary_device *adev, u32 rmid,
			       enum accel_example_counter which, u64 *val)
{
	struct aex_qos *q = to_aex_qos(adev);
	unsigned long flags;

	if (rmid >= q->num_rmid || which >= ACCEL_EXAMPLE_NR_COUNTERS)
		return -EINVAL;
	spin_lock_irqsave(&q->lock, flags);
	*val = q->count[rmid * ACCEL_EXAMPLE_NR_COUNTERS + which];
	spin_unlock_irqrestore(&q->lock, flags);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(accel_example_read_counter, ACCEL_EXAMPLE);

static int aex_regs_show(struct seq_file *sf, void *unused)
{
	struct aex_qos *q = sf->private;
	u64 *c;
	u32 i;

	/* The sizes never change: print without the lock, read with it. */
	seq_printf(sf, "closids %u\nrmids %u\n", q->num_closid, q->num_rmid);
	for (i = 0; i < q->num_closid; i++) {
		u32 share;

		spin_lock_irq(&q->lock);
		share = q->share[i];
		spin_unlock_irq(&q->lock);
		seq_printf(sf, "closid %u share %u\n", i, share);
	}
	for (i = 0; i < q->num_rmid; i++) {
		u64 bytes, reqs;

		spin_lock_irq(&q->lock);
		c = &q->count[i * ACCEL_EXAMPLE_NR_COUNTERS];
		bytes = c[ACCEL_EXAMPLE_BYTES];
		reqs = c[ACCEL_EXAMPLE_REQUESTS];
		spin_unlock_irq(&q->lock);
		seq_printf(sf, "rmid %u bytes %llu requests %llu\n", i, bytes, reqs);
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(aex_regs);

static ssize_t aex_traffic_write(struct file *file, const char __user *ubuf,
				 size_t len, loff_t *ppos)
{
	struct aex_qos *q = file->private_data;
	u64 bytes, reqs, *c;
	char buf[64];
	u32 rmid;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	if (sscanf(buf, "%u %llu %llu", &rmid, &bytes, &reqs) != 3 ||
	    rmid >= q->num_rmid)
		return -EINVAL;
	spin_lock_irq(&q->lock);
	c = &q->count[rmid * ACCEL_EXAMPLE_NR_COUNTERS];
	c[ACCEL_EXAMPLE_BYTES] += bytes;
	c[ACCEL_EXAMPLE_REQUESTS] += reqs;
	spin_unlock_irq(&q->lock);
	return len;
}

static const struct file_operations aex_traffic_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = aex_traffic_write,
	.llseek = noop_llseek,
};

/* The auxiliary bus drops the last reference: nothing uses @q any more. */
static void aex_qos_release(struct device *dev)
{
	struct aex_qos *q = to_aex_qos(to_auxiliary_dev(dev));

	kfree(q->count);
	kfree(q->share);
	kfree(q);
}

/* The size of instance @i from a per-instance parameter, or @def. */
static unsigned int aex_param(const unsigned int *vals, unsigned int nr,
			      unsigned int i, unsigned int def)
{
	return i < nr ? vals[i] : def;
}

/* Create instance @i of @parent and publish its auxiliary device. */
static struct aex_qos *aex_qos_add(struct device *parent, unsigned int i,
				   u32 num_closid, u32 num_rmid)
{
	char name[48];
	struct aex_qos *q;
	int ret;

	q = kzalloc(sizeof(*q), GFP_KERNEL);
	if (!q)
		return ERR_PTR(-ENOMEM);
	q->num_closid = num_closid;
	q->num_rmid = num_rmid;
	q->share = kcalloc(num_closid, sizeof(*q->share), GFP_KERNEL);
	q->count = kcalloc(num_rmid * ACCEL_EXAMPLE_NR_COUNTERS,
			   sizeof(*q->count), GFP_KERNEL);
	spin_lock_init(&q->lock);
	q->adev.name = "qos";
	q->adev.id = i;
	q->adev.dev.parent = parent;
	q->adev.dev.release = aex_qos_release;
	if (!q->share || !q->count) {
		aex_qos_release(&q->adev.dev);
		return ERR_PTR(-ENOMEM);
	}
	ret = auxiliary_device_init(&q->adev);
	if (ret) {
		aex_qos_release(&q->adev.dev);
		return ERR_PTR(ret);
	}
	/* The registers are visible before a QoS driver can bind. */
	snprintf(name, sizeof(name), ACCEL_EXAMPLE_QOS_DEV ".%u", i);
	q->dbg = debugfs_create_dir(name, aex_debugfs);
	debugfs_create_file("regs", 0444, q->dbg, q, &aex_regs_fops);
	debugfs_create_file("traffic", 0200, q->dbg, q, &aex_traffic_fops);
	ret = auxiliary_device_add(&q->adev);
	if (ret) {
		debugfs_remove_recursive(q->dbg);
		auxiliary_device_uninit(&q->adev);
		return ERR_PTR(ret);
	}
	return q;
}

/* Unbind the QoS driver, then drop what the instance exposes. */
static void aex_qos_del(struct aex_qos *q)
{
	auxiliary_device_delete(&q->adev);
	/* Waits for debugfs readers and writers of @q. */
	debugfs_remove_recursive(q->dbg);
	auxiliary_device_uninit(&q->adev);
}

static void aex_remove(struct platform_device *pdev)
{
	struct aex_parent *p = platform_get_drvdata(pdev);

	while (p->nr)
		aex_qos_del(p->qos[--p->nr]);
}

static int aex_probe(struct platform_device *pdev)
{
	unsigned int i, nr, nclosid, nrmid;
	struct aex_parent *p;
	struct aex_qos *q;
	int ret = 0;

	p = devm_kzalloc(&pdev->dev, sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	platform_set_drvdata(pdev, p);

	kernel_param_lock(THIS_MODULE);
	nr = instances;
	if (nr > AEX_MAX_INSTANCES) {
		dev_err(&pdev->dev, "instances=%u: at most %u\n", nr, AEX_MAX_INSTANCES);
		ret = -EINVAL;
	}
	for (i = 0; i < nr && !ret; i++) {
		nclosid = aex_param(closids, nr_closids, i, AEX_DEF_CLOSIDS);
		nrmid = aex_param(rmids, nr_rmids, i, AEX_DEF_RMIDS);
		if (!nclosid || nclosid > AEX_MAX_CLOSIDS || !nrmid ||
		    nrmid > AEX_MAX_RMIDS) {
			dev_err(&pdev->dev, "instance %u: %u CLOSIDs and %u RMIDs: need 1-%u and 1-%u\n",
				i, nclosid, nrmid, AEX_MAX_CLOSIDS, AEX_MAX_RMIDS);
			ret = -EINVAL;
			break;
		}
		q = aex_qos_add(&pdev->dev, i, nclosid, nrmid);
		if (IS_ERR(q)) {
			ret = PTR_ERR(q);
			break;
		}
		p->qos[p->nr++] = q;
	}
	kernel_param_unlock(THIS_MODULE);
	if (ret)
		aex_remove(pdev);
	return ret;
}

static struct platform_driver aex_driver = {
	.probe = aex_probe,
	.remove = aex_remove,
	.driver = {
		.name = "accel_example",
	},
};

static struct platform_device *aex_pdev;

static int __init aex_init(void)
{
	int ret;

	aex_debugfs = debugfs_create_dir("accel_example", NULL);
	ret = platform_driver_register(&aex_driver);
	if (ret)
		goto err_debugfs;
	aex_pdev = platform_device_register_simple("accel_example",
						   PLATFORM_DEVID_NONE, NULL, 0);
	if (IS_ERR(aex_pdev)) {
		ret = PTR_ERR(aex_pdev);
		goto err_driver;
	}
	return 0;

err_driver:
	platform_driver_unregister(&aex_driver);
err_debugfs:
	debugfs_remove_recursive(aex_debugfs);
	return ret;
}

static void __exit aex_exit(void)
{
	platform_device_unregister(aex_pdev);
	platform_driver_unregister(&aex_driver);
	debugfs_remove_recursive(aex_debugfs);
}

module_init(aex_init);
module_exit(aex_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Example accelerator publishing QoS auxiliary devices");
