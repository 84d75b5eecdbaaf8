// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of code and data prioritisation (CDP): which resources the
 * cdp and cdpl2 options split, the names and order of their schemata
 * lines, and the CLOSID count of a mount with split resources.
 */
#include <kunit/test.h>
#include <linux/slab.h>

#include "../internal.h"

static const struct resctrl_resource_ops rctl_cdp_test_ops;

struct rctl_cdp_case {
	const char *what;
	enum resctrl_ctrl_type ctrl;
	enum resctrl_scope scope;
	u32 num_closid;
	bool capable;
	bool cdp_l3;
	bool cdp_l2;
	bool split;
};

static const struct rctl_cdp_case rctl_cdp_cases[] = {
	{ "L3 with cdp", RESCTRL_CTRL_BITMASK, RESCTRL_SCOPE_L3, 16, true, true, false, true },
	{ "L3 with cdpl2", RESCTRL_CTRL_BITMASK, RESCTRL_SCOPE_L3, 16, true, false, true, false },
	{ "L2 with cdpl2", RESCTRL_CTRL_BITMASK, RESCTRL_SCOPE_L2, 8, true, false, true, true },
	{ "L2 with cdp", RESCTRL_CTRL_BITMASK, RESCTRL_SCOPE_L2, 8, true, true, false, false },
	{ "L3 without cdp", RESCTRL_CTRL_BITMASK, RESCTRL_SCOPE_L3, 16, true, false, false, false },
	{ "L3 not capable", RESCTRL_CTRL_BITMASK, RESCTRL_SCOPE_L3, 16, false, true, true, false },
	{ "capable percent", RESCTRL_CTRL_PERCENT, RESCTRL_SCOPE_L3, 16, true, true, true, false },
	{ "capable package", RESCTRL_CTRL_BITMASK, RESCTRL_SCOPE_PACKAGE, 16, true, true, true,
	  false },
	{ "one CLOSID", RESCTRL_CTRL_BITMASK, RESCTRL_SCOPE_L3, 1, true, true, true, false },
	{ "two CLOSIDs", RESCTRL_CTRL_BITMASK, RESCTRL_SCOPE_L2, 2, true, true, true, true },
};

static void rctl_cdp_case_desc(const struct rctl_cdp_case *c, char *desc)
{
	strscpy(desc, c->what, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(rctl_cdp, rctl_cdp_cases, rctl_cdp_case_desc);

static void rctl_cdp_which_resources(struct kunit *test)
{
	const struct rctl_cdp_case *c = test->param_value;
	struct rctl_desc desc = {
		.name = "T", .ctrl = c->ctrl, .scope = c->scope,
		.num_closid = c->num_closid, .max_closid = c->num_closid, .cdp_capable = c->capable,
	};
	struct rctl_mount_opts o = { .cdp_l3 = c->cdp_l3, .cdp_l2 = c->cdp_l2 };

	KUNIT_EXPECT_EQ(test, rctl_cdp_wanted(&desc, &o), c->split);
}

static struct resctrl_res *rctl_cdp_test_res(struct kunit *test, const char *name,
					     enum resctrl_scope scope, u32 num_closid,
					     bool capable)
{
	struct rctl_desc *desc;
	struct resctrl_res *r;

	desc = kunit_kzalloc(test, sizeof(*desc), GFP_KERNEL);
	r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, desc);
	KUNIT_ASSERT_NOT_NULL(test, r);
	desc->name = name;
	desc->ctrl = RESCTRL_CTRL_BITMASK;
	desc->scope = scope;
	desc->num_closid = num_closid;
	desc->max_closid = num_closid;
	desc->bitmask.cbm_len = 8;
	desc->cdp_capable = capable;
	desc->ops = &rctl_cdp_test_ops;
	r->desc = desc;
	INIT_LIST_HEAD(&r->domains);
	return r;
}

/* Make @o the live options, as a mount does; the resources have no domain. */
static void rctl_cdp_test_mount(struct rctl_mount_opts *o)
{
	mutex_lock(&rctl_mutex);
	rctl_mount_opts_install(o);
	mutex_unlock(&rctl_mutex);
}

static void rctl_cdp_test_umount(void)
{
	struct resctrl_res *r;

	mutex_lock(&rctl_mutex);
	rctl_mount_opts_clear();
	list_for_each_entry(r, &rctl_resources, list)
		r->hidden = false;
	mutex_unlock(&rctl_mutex);
}

static void rctl_cdp_expect_names(struct kunit *test, struct resctrl_res *r,
				  const char *first, const char *second)
{
	char name[RCTL_CONF_NAME_LEN];

	KUNIT_EXPECT_EQ(test, rctl_res_nconf(r), second ? 2U : 1U);
	rctl_conf_name(r, rctl_res_conf(r, 0), name, sizeof(name));
	KUNIT_EXPECT_STREQ(test, name, first);
	if (!second)
		return;
	rctl_conf_name(r, rctl_res_conf(r, 1), name, sizeof(name));
	KUNIT_EXPECT_STREQ(test, name, second);
}

static void rctl_cdp_halves_closids(struct kunit *test)
{
	struct resctrl_res *l3 = rctl_cdp_test_res(test, "T_L3", RESCTRL_SCOPE_L3, 16, true);
	struct resctrl_res *l2 = rctl_cdp_test_res(test, "T_L2", RESCTRL_SCOPE_L2, 10, true);
	struct resctrl_res *mb = rctl_cdp_test_res(test, "T_MB", RESCTRL_SCOPE_L3, 12, false);
	u32 saved_closids = rctl_cpu_closid_limit;
	u32 saved_rmids = rctl_cpu_rmid_limit;
	struct rctl_mount_opts o = {};
	LIST_HEAD(real);

	/*
	 * Resources registered already (the x86 backend's on RDT hardware)
	 * step aside, so that the test's mounts do not reprogram them, and
	 * so do the CPUs' ID limits. Never while a real mount is live.
	 */
	mutex_lock(&rctl_mutex);
	if (rctl_mounted) {
		mutex_unlock(&rctl_mutex);
		kunit_skip(test, "resctrl is mounted");
	}
	list_splice_init(&rctl_resources, &real);
	rctl_cpu_closid_limit = 0;
	rctl_cpu_rmid_limit = 0;
	list_add_tail(&l3->list, &rctl_resources);
	list_add_tail(&l2->list, &rctl_resources);
	list_add_tail(&mb->list, &rctl_resources);
	mutex_unlock(&rctl_mutex);

	rctl_cdp_test_mount(&o);
	KUNIT_EXPECT_EQ(test, rctl_num_closids(), 10);
	rctl_cdp_expect_names(test, l3, "T_L3", NULL);
	KUNIT_EXPECT_EQ(test, rctl_res_conf(l3, 0), RESCTRL_CONF_BOTH);
	rctl_cdp_test_umount();

	o.cdp_l3 = true;
	rctl_cdp_test_mount(&o);
	KUNIT_EXPECT_EQ(test, rctl_res_num_closid(l3), 8);
	KUNIT_EXPECT_EQ(test, rctl_res_num_closid(l2), 10);
	KUNIT_EXPECT_EQ(test, rctl_num_closids(), 8);
	/* Upstream's order: the data line first. */
	rctl_cdp_expect_names(test, l3, "T_L3DATA", "T_L3CODE");
	KUNIT_EXPECT_EQ(test, rctl_res_conf(l3, 0), RESCTRL_CONF_DATA);
	KUNIT_EXPECT_EQ(test, rctl_res_conf(l3, 1), RESCTRL_CONF_CODE);
	rctl_cdp_expect_names(test, l2, "T_L2", NULL);
	rctl_cdp_expect_names(test, mb, "T_MB", NULL);
	rctl_cdp_test_umount();

	o.cdp_l3 = true;
	o.cdp_l2 = true;
	rctl_cdp_test_mount(&o);
	KUNIT_EXPECT_EQ(test, rctl_res_num_closid(l2), 5);
	KUNIT_EXPECT_EQ(test, rctl_num_closids(), 5);
	rctl_cdp_expect_names(test, l2, "T_L2DATA", "T_L2CODE");
	rctl_cdp_test_umount();

	/* Unmounted: whole again. */
	KUNIT_EXPECT_EQ(test, rctl_res_num_closid(l3), 16);
	KUNIT_EXPECT_EQ(test, rctl_res_num_closid(l2), 10);
	rctl_cdp_expect_names(test, l2, "T_L2", NULL);

	/* A resource the mount hides is not split. */
	o.cdp_l3 = true;
	o.hide = kstrdup("T_L3", GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, o.hide);
	rctl_cdp_test_mount(&o);
	KUNIT_EXPECT_FALSE(test, rctl_res_cdp(l3));
	KUNIT_EXPECT_EQ(test, rctl_res_num_closid(l3), 16);
	rctl_cdp_test_umount();

	mutex_lock(&rctl_mutex);
	list_del(&mb->list);
	list_del(&l2->list);
	list_del(&l3->list);
	list_splice(&real, &rctl_resources);
	rctl_cpu_closid_limit = saved_closids;
	rctl_cpu_rmid_limit = saved_rmids;
	mutex_unlock(&rctl_mutex);
}

static struct kunit_case rctl_cdp_test_cases[] = {
	KUNIT_CASE_PARAM(rctl_cdp_which_resources, rctl_cdp_gen_params),
	KUNIT_CASE(rctl_cdp_halves_closids),
	{}
};

static struct kunit_suite rctl_cdp_test_suite = {
	.name = "resctrl_cdp",
	.test_cases = rctl_cdp_test_cases,
};

kunit_test_suite(rctl_cdp_test_suite);
