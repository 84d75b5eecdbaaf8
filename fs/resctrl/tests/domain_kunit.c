// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the domain bookkeeping: domains follow the CPU topology,
 * an offline domain keeps its values and gets them applied again, a
 * driver can refuse a domain, and DEVICE domains are the driver's.
 *
 * CPU hotplug is simulated by calling the core's per-resource hotplug
 * steps for the test's own resource only: the global hooks would take
 * real domains (the x86 backend's, on RDT hardware) offline too.
 */
#include <kunit/test.h>
#include <linux/cpu.h>
#include <linux/topology.h>

#include "../internal.h"

static struct {
	unsigned int online;
	unsigned int offline;
	unsigned int applies;
	unsigned int joins;
	unsigned int leaves;
	unsigned int last_cpu;
	int refuse;
	u32 last_closid;
	u32 last_val;
} rctl_calls;

static int rctl_test_apply(struct resctrl_res *r, struct resctrl_dom *d,
			   u32 closid, enum resctrl_conf_type type, u32 val)
{
	rctl_calls.applies++;
	rctl_calls.last_closid = closid;
	rctl_calls.last_val = val;
	return 0;
}

static int rctl_test_online(struct resctrl_res *r, struct resctrl_dom *d)
{
	if (d->id == rctl_calls.refuse)
		return -EBUSY;
	rctl_calls.online++;
	return 0;
}

static void rctl_test_offline(struct resctrl_res *r, struct resctrl_dom *d)
{
	rctl_calls.offline++;
}

static void rctl_test_cpu_join(struct resctrl_res *r, struct resctrl_dom *d,
			       unsigned int cpu)
{
	rctl_calls.joins++;
	rctl_calls.last_cpu = cpu;
}

static void rctl_test_cpu_leave(struct resctrl_res *r, struct resctrl_dom *d,
				unsigned int cpu)
{
	rctl_calls.leaves++;
	rctl_calls.last_cpu = cpu;
}

static const struct resctrl_resource_ops rctl_test_ops = {
	.apply = rctl_test_apply,
	.domain_online = rctl_test_online,
	.domain_offline = rctl_test_offline,
	.cpu_join = rctl_test_cpu_join,
	.cpu_leave = rctl_test_cpu_leave,
};

static const struct rctl_desc rctl_pkg_desc = {
	.name = "T_PKG", .ctrl = RESCTRL_CTRL_BITMASK,
	.scope = RESCTRL_SCOPE_PACKAGE, .num_closid = 4, .max_closid = 4,
	.bitmask = { .cbm_len = 8, .min_cbm_bits = 1 }, .ops = &rctl_test_ops,
};

static const struct rctl_desc rctl_dev_desc = {
	.name = "T_DEV", .ctrl = RESCTRL_CTRL_SCALAR,
	.scope = RESCTRL_SCOPE_DEVICE, .num_closid = 4, .max_closid = 4,
	.range = { .min = 0, .max = 9 }, .ops = &rctl_test_ops,
};

static void rctl_test_res_init(struct resctrl_res *r,
			       const struct rctl_desc *desc)
{
	memset(r, 0, sizeof(*r));
	memset(&rctl_calls, 0, sizeof(rctl_calls));
	rctl_calls.refuse = -1;
	r->desc = desc;
	INIT_LIST_HEAD(&r->domains);
}

/* Register @r the way the registry does, minus the files. */
static int rctl_test_attach(struct resctrl_res *r)
{
	int ret;

	rctl_lock();
	ret = rctl_domains_init(r);
	if (!ret)
		list_add_tail(&r->list, &rctl_resources);
	rctl_unlock();
	return ret;
}

static void rctl_test_detach(struct resctrl_res *r)
{
	rctl_lock();
	list_del(&r->list);
	rctl_domains_free(r);
	rctl_unlock();
}

static unsigned int rctl_nr_packages(void)
{
	DECLARE_BITMAP(seen, 64) = {};
	unsigned int cpu;

	for_each_online_cpu(cpu)
		__set_bit(topology_physical_package_id(cpu) % 64, seen);
	return bitmap_weight(seen, 64);
}

static void rctl_domains_follow_topology(struct kunit *test)
{
	struct resctrl_res r;
	struct resctrl_dom *d;
	unsigned int cpu, n = 0;
	int prev = -1;

	rctl_test_res_init(&r, &rctl_pkg_desc);
	KUNIT_ASSERT_EQ(test, rctl_test_attach(&r), 0);

	list_for_each_entry(d, &r.domains, list) {
		KUNIT_EXPECT_TRUE(test, d->online);
		KUNIT_EXPECT_GT(test, d->id, prev);
		prev = d->id;
		n++;
	}
	KUNIT_EXPECT_EQ(test, n, rctl_nr_packages());
	for_each_online_cpu(cpu) {
		d = rctl_find_dom(&r, topology_physical_package_id(cpu));
		KUNIT_ASSERT_NOT_NULL(test, d);
		KUNIT_EXPECT_TRUE(test, cpumask_test_cpu(cpu, &d->cpus));
	}
	/* Each domain came online once and got every CLOSID's default. */
	KUNIT_EXPECT_EQ(test, rctl_calls.online, n);
	KUNIT_EXPECT_EQ(test, rctl_calls.applies, n * 4);
	d = list_first_entry(&r.domains, struct resctrl_dom, list);
	KUNIT_EXPECT_EQ(test, d->vals[3], 0xff);

	rctl_test_detach(&r);
	KUNIT_EXPECT_EQ(test, rctl_calls.offline, n);
}

/* Take every CPU of @d offline, as the hotplug state would. */
static void rctl_test_dom_cpus_offline(struct resctrl_dom *d, struct cpumask *cpus)
{
	unsigned int cpu;

	cpumask_copy(cpus, &d->cpus);
	mutex_lock(&rctl_mutex);
	for_each_cpu(cpu, cpus)
		rctl_res_cpu_offline(d->res, cpu);
	mutex_unlock(&rctl_mutex);
}

static void rctl_offline_domain_keeps_values(struct kunit *test)
{
	struct resctrl_res r;
	struct resctrl_dom *d;
	cpumask_var_t cpus;
	int ret;

	KUNIT_ASSERT_TRUE(test, alloc_cpumask_var(&cpus, GFP_KERNEL));
	rctl_test_res_init(&r, &rctl_pkg_desc);
	KUNIT_ASSERT_EQ(test, rctl_test_attach(&r), 0);
	d = list_last_entry(&r.domains, struct resctrl_dom, list);

	rctl_lock();
	KUNIT_EXPECT_EQ(test, rctl_dom_apply(d, 1, 0x3), 0);
	mutex_unlock(&rctl_mutex);
	rctl_test_dom_cpus_offline(d, cpus);

	/* All but the last CPU left it online; the last took it offline. */
	KUNIT_EXPECT_EQ(test, rctl_calls.leaves, cpumask_weight(cpus) - 1);
	/* Offline, out of use, but still known with its values. */
	KUNIT_EXPECT_FALSE(test, d->online);
	KUNIT_EXPECT_TRUE(test, cpumask_empty(&d->cpus));
	KUNIT_EXPECT_EQ(test, rctl_calls.offline, 1);
	KUNIT_EXPECT_PTR_EQ(test, rctl_find_dom(&r, d->id), d);
	KUNIT_EXPECT_EQ(test, d->vals[1], 0x3);

	/* The first CPU back brings it online and every value is applied. */
	rctl_calls.applies = 0;
	mutex_lock(&rctl_mutex);
	ret = rctl_res_cpu_online(&r, cpumask_first(cpus));
	rctl_unlock();
	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_TRUE(test, d->online);
	KUNIT_EXPECT_EQ(test, rctl_calls.applies, 4);
	KUNIT_EXPECT_EQ(test, d->vals[1], 0x3);
	/* The first CPU brought it online: no join for it. */
	KUNIT_EXPECT_EQ(test, rctl_calls.joins, 0);

	/* A second CPU joins the online domain and the driver hears it. */
	if (cpumask_weight(cpus) > 1) {
		unsigned int second = cpumask_next(cpumask_first(cpus), cpus);

		mutex_lock(&rctl_mutex);
		ret = rctl_res_cpu_online(&r, second);
		mutex_unlock(&rctl_mutex);
		KUNIT_EXPECT_EQ(test, ret, 0);
		KUNIT_EXPECT_EQ(test, rctl_calls.joins, 1);
		KUNIT_EXPECT_EQ(test, rctl_calls.last_cpu, second);
		KUNIT_EXPECT_TRUE(test, cpumask_test_cpu(second, &d->cpus));
		KUNIT_EXPECT_EQ(test, rctl_calls.applies, 4);
	}

	/* Give the domain its CPUs back as they were. */
	mutex_lock(&rctl_mutex);
	cpumask_copy(&d->cpus, cpus);
	mutex_unlock(&rctl_mutex);
	rctl_test_detach(&r);
	free_cpumask_var(cpus);
}

/*
 * Unmount writes every CLOSID of every domain, even values whose kept
 * copy is already the default: the hardware may have been changed behind
 * the filesystem's back.
 */
static void rctl_unmount_writes_every_closid(struct kunit *test)
{
	struct resctrl_res r;
	struct resctrl_dom *d;
	unsigned int n = 0;

	rctl_test_res_init(&r, &rctl_pkg_desc);
	KUNIT_ASSERT_EQ(test, rctl_test_attach(&r), 0);
	list_for_each_entry(d, &r.domains, list)
		n++;

	rctl_lock();
	d = list_first_entry(&r.domains, struct resctrl_dom, list);
	KUNIT_EXPECT_EQ(test, rctl_dom_apply(d, 2, 0x3), 0);
	rctl_calls.applies = 0;
	rctl_reset_res(&r, rctl_pkg_desc.num_closid);
	rctl_unlock();

	KUNIT_EXPECT_EQ(test, rctl_calls.applies, n * 4);
	KUNIT_EXPECT_EQ(test, d->vals[2], 0xff);
	KUNIT_EXPECT_EQ(test, rctl_calls.last_val, 0xff);
	rctl_test_detach(&r);
}

static void rctl_refused_domain(struct kunit *test)
{
	struct resctrl_res r;
	struct resctrl_dom *d;
	cpumask_var_t cpus;
	int ret;

	KUNIT_ASSERT_TRUE(test, alloc_cpumask_var(&cpus, GFP_KERNEL));
	rctl_test_res_init(&r, &rctl_pkg_desc);
	KUNIT_ASSERT_EQ(test, rctl_test_attach(&r), 0);
	d = list_last_entry(&r.domains, struct resctrl_dom, list);

	cpus_read_lock();
	rctl_test_dom_cpus_offline(d, cpus);
	rctl_calls.refuse = d->id;
	mutex_lock(&rctl_mutex);
	ret = rctl_res_cpu_online(&r, cpumask_first(cpus));
	mutex_unlock(&rctl_mutex);
	KUNIT_EXPECT_EQ(test, ret, -EBUSY);
	KUNIT_EXPECT_FALSE(test, d->online);
	KUNIT_EXPECT_TRUE(test, cpumask_empty(&d->cpus));

	rctl_calls.refuse = -1;
	mutex_lock(&rctl_mutex);
	ret = rctl_res_cpu_online(&r, cpumask_first(cpus));
	cpumask_copy(&d->cpus, cpus);
	rctl_unlock();
	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_TRUE(test, d->online);

	/* A refusal at registration fails it, leaving no domain behind. */
	rctl_test_detach(&r);
	rctl_test_res_init(&r, &rctl_pkg_desc);
	rctl_calls.refuse = topology_physical_package_id(cpumask_first(cpu_online_mask));
	KUNIT_EXPECT_EQ(test, rctl_test_attach(&r), -EBUSY);
	KUNIT_EXPECT_TRUE(test, list_empty(&r.domains));
	KUNIT_EXPECT_EQ(test, rctl_calls.offline, rctl_calls.online);
	free_cpumask_var(cpus);
}

static void rctl_device_domains(struct kunit *test)
{
	struct resctrl_res r;
	struct resctrl_dom *d;

	rctl_test_res_init(&r, &rctl_dev_desc);
	KUNIT_ASSERT_EQ(test, rctl_test_attach(&r), 0);
	KUNIT_EXPECT_TRUE(test, list_empty(&r.domains));

	KUNIT_EXPECT_EQ(test, resctrl_add_device_domain(&r, 5, cpu_possible_mask), 0);
	KUNIT_EXPECT_EQ(test, resctrl_add_device_domain(&r, 2, cpu_possible_mask), 0);
	KUNIT_EXPECT_EQ(test, resctrl_add_device_domain(&r, 5, cpu_possible_mask), -EEXIST);
	KUNIT_EXPECT_EQ(test, resctrl_add_device_domain(&r, -1, cpu_possible_mask), -EINVAL);
	d = list_first_entry(&r.domains, struct resctrl_dom, list);
	KUNIT_EXPECT_EQ(test, d->id, 2);
	KUNIT_EXPECT_EQ(test, d->vals[0], 9);
	KUNIT_EXPECT_EQ(test, rctl_calls.online, 2);

	/* CPU hotplug leaves device domains alone. */
	mutex_lock(&rctl_mutex);
	rctl_res_cpu_offline(&r, cpumask_first(cpu_online_mask));
	mutex_unlock(&rctl_mutex);
	KUNIT_EXPECT_TRUE(test, d->online);

	resctrl_remove_device_domain(&r, 2);
	KUNIT_EXPECT_EQ(test, rctl_calls.offline, 1);
	KUNIT_EXPECT_NULL(test, rctl_find_dom(&r, 2));
	/* The id can be declared again. */
	KUNIT_EXPECT_EQ(test, resctrl_add_device_domain(&r, 2, cpu_possible_mask), 0);
	rctl_test_detach(&r);
	KUNIT_EXPECT_EQ(test, rctl_calls.offline, 3);
}

static struct kunit_case rctl_domain_cases[] = {
	KUNIT_CASE(rctl_domains_follow_topology),
	KUNIT_CASE(rctl_offline_domain_keeps_values),
	KUNIT_CASE(rctl_unmount_writes_every_closid),
	KUNIT_CASE(rctl_refused_domain),
	KUNIT_CASE(rctl_device_domains),
	{}
};

static struct kunit_suite rctl_domain_suite = {
	.name = "resctrl_domains",
	.test_cases = rctl_domain_cases,
};

kunit_test_suite(rctl_domain_suite);
