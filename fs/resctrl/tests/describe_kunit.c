// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the self-description and of extra controls: the text
 * of each resource_schemata file for every control type, the checks on
 * extra controls at registration, the staging of writes that mix a
 * resource's lines (all or nothing, '#' lines skipped, driver failures
 * put back), and domains of NUMA nodes with memory following memory
 * hotplug (the core's hooks called directly).
 */
#include <kunit/test.h>
#include <linux/cpu.h>
#include <linux/nodemask.h>
#include <linux/slab.h>

#include "../internal.h"

static struct {
	unsigned int applies;
	unsigned int ctrl_applies;
	int fail_ctrl;
	u32 last_ctrl_id;
	u32 last_val;
	struct resctrl_res *last_res;
} rctl_dcalls;

static int rctl_dtest_apply(struct resctrl_res *r, struct resctrl_dom *d,
			    u32 closid, enum resctrl_conf_type type, u32 val)
{
	rctl_dcalls.applies++;
	rctl_dcalls.last_val = val;
	return 0;
}

static int rctl_dtest_apply_ctrl(struct resctrl_res *r, struct resctrl_dom *d,
				 u32 closid, u32 ctrl_id, u32 val)
{
	if (rctl_dcalls.fail_ctrl) {
		rctl_dcalls.fail_ctrl--;
		return -EIO;
	}
	rctl_dcalls.ctrl_applies++;
	rctl_dcalls.last_res = r;
	rctl_dcalls.last_ctrl_id = ctrl_id;
	rctl_dcalls.last_val = val;
	return 0;
}

static int rctl_dtest_parse(struct resctrl_res *r, struct resctrl_dom *d,
			    const char *text, u32 *val)
{
	return -EINVAL;
}

static int rctl_dtest_format(struct resctrl_res *r, struct resctrl_dom *d,
			     u32 val, char *buf, size_t len)
{
	return scnprintf(buf, len, "%u", val);
}

static const struct resctrl_resource_ops rctl_dtest_ops = {
	.apply = rctl_dtest_apply,
	.apply_ctrl = rctl_dtest_apply_ctrl,
	.parse = rctl_dtest_parse,
	.format = rctl_dtest_format,
};

static const struct resctrl_ctrl_desc rctl_dtest_ctrls[] = {
	{ .suffix = "MIN", .id = 7, .ctrl = RESCTRL_CTRL_PERCENT,
	  .range = { .min = 0, .max = 100, .granularity = 5 }, .default_min = true },
	{ .suffix = "MAX", .id = 9, .ctrl = RESCTRL_CTRL_MBPS,
	  .range = { .min = 0, .max = 1000 } },
};

static const struct rctl_desc rctl_dtest_descs[] = {
	{ .name = "T_CB", .ctrl = RESCTRL_CTRL_BITMASK, .num_closid = 4, .max_closid = 4,
	  .scope = RESCTRL_SCOPE_L3,
	  .bitmask = { .cbm_len = 12, .min_cbm_bits = 2 }, .ops = &rctl_dtest_ops },
	{ .name = "T_SP", .ctrl = RESCTRL_CTRL_BITMASK, .num_closid = 4, .max_closid = 4,
	  .scope = RESCTRL_SCOPE_L2,
	  .bitmask = { .cbm_len = 8, .sparse = true }, .ops = &rctl_dtest_ops },
	{ .name = "T_MX", .ctrl = RESCTRL_CTRL_PERCENT, .num_closid = 4, .max_closid = 4,
	  .scope = RESCTRL_SCOPE_PACKAGE,
	  .range = { .min = 10, .max = 100, .granularity = 10 },
	  .ctrls = rctl_dtest_ctrls, .num_ctrls = ARRAY_SIZE(rctl_dtest_ctrls),
	  .ops = &rctl_dtest_ops },
	{ .name = "T_BW", .ctrl = RESCTRL_CTRL_MBPS, .num_closid = 4, .max_closid = 4,
	  .scope = RESCTRL_SCOPE_NODE, .range = { .min = 0, .max = 4000 },
	  .ops = &rctl_dtest_ops },
	{ .name = "T_GB", .ctrl = RESCTRL_CTRL_SCALAR, .num_closid = 4, .max_closid = 4,
	  .scope = RESCTRL_SCOPE_DEVICE, .range = { .min = 1, .max = 2048 },
	  .unit = "GBps", .resolution = 8, .ops = &rctl_dtest_ops },
	{ .name = "T_CU", .ctrl = RESCTRL_CTRL_CUSTOM, .num_closid = 4, .max_closid = 4,
	  .scope = RESCTRL_SCOPE_PACKAGE, .ops = &rctl_dtest_ops },
};

enum { T_CB, T_SP, T_MX, T_BW, T_GB, T_CU };

struct rctl_prop_case {
	unsigned int res;
	const char *schema;
	const char *prop;
	const char *text;
};

/* What each file reads, per type; NULL: the line has no such file. */
static const struct rctl_prop_case rctl_prop_cases[] = {
	{ T_CB, "T_CB", "type", "bitmap\n" },
	{ T_CB, "T_CB", "min", "0x3\n" },
	{ T_CB, "T_CB", "max", "0xfff\n" },
	{ T_CB, "T_CB", "default", "0xfff\n" },
	{ T_CB, "T_CB", "resolution", "12\n" },
	{ T_CB, "T_CB", "scale", "1\n" },
	{ T_CB, "T_CB", "unit", "all\n" },
	{ T_CB, "T_CB", "tolerance", "0\n" },
	{ T_CB, "T_CB", "scope", "L3\n" },
	{ T_SP, "T_SP", "type", "bitmap sparse\n" },
	{ T_SP, "T_SP", "min", "0x0\n" },
	{ T_SP, "T_SP", "scope", "L2\n" },
	{ T_MX, "T_MX", "type", "scalar linear\n" },
	{ T_MX, "T_MX", "min", "10\n" },
	{ T_MX, "T_MX", "max", "100\n" },
	{ T_MX, "T_MX", "resolution", "100\n" },
	{ T_MX, "T_MX", "unit", "all\n" },
	{ T_MX, "T_MX", "tolerance", "9\n" },
	{ T_MX, "T_MX", "scope", "PACKAGE\n" },
	{ T_MX, "T_MX_MIN", "default", "0\n" },
	{ T_MX, "T_MX_MIN", "tolerance", "4\n" },
	{ T_MX, "T_MX_MAX", "type", "scalar linear\n" },
	{ T_MX, "T_MX_MAX", "unit", "MBps\n" },
	{ T_MX, "T_MX_MAX", "max", "1000\n" },
	{ T_MX, "T_MX_MAX", "default", "1000\n" },
	{ T_MX, "T_MX_MAX", "scope", "PACKAGE\n" },
	{ T_BW, "T_BW", "unit", "MBps\n" },
	{ T_BW, "T_BW", "resolution", "1\n" },
	{ T_BW, "T_BW", "scope", "NODE\n" },
	{ T_GB, "T_GB", "unit", "GBps\n" },
	{ T_GB, "T_GB", "resolution", "8\n" },
	{ T_GB, "T_GB", "min", "1\n" },
	{ T_GB, "T_GB", "max", "2048\n" },
	{ T_GB, "T_GB", "scope", "DEVICE\n" },
	{ T_CU, "T_CU", "type", "custom\n" },
	{ T_CU, "T_CU", "scope", "PACKAGE\n" },
	{ T_CU, "T_CU", "min", NULL },
	{ T_CU, "T_CU", "unit", NULL },
	{ T_MX, "T_MX", "bogus", NULL },
};

static void rctl_dtest_res(struct resctrl_res *r, const struct rctl_desc *desc)
{
	memset(r, 0, sizeof(*r));
	r->desc = desc;
	INIT_LIST_HEAD(&r->domains);
}

static void rctl_describe_every_type(struct kunit *test)
{
	const struct rctl_prop_case *c;
	struct rctl_desc_view v;
	struct resctrl_res r;
	char text[64];
	int ret;

	for (c = rctl_prop_cases; c < rctl_prop_cases + ARRAY_SIZE(rctl_prop_cases); c++) {
		rctl_dtest_res(&r, &rctl_dtest_descs[c->res]);
		KUNIT_ASSERT_EQ_MSG(test, rctl_describe_view(&r, c->schema, &v), 0,
				    "%s", c->schema);
		ret = rctl_describe_prop(&v, c->prop, text, sizeof(text));
		if (!c->text) {
			KUNIT_EXPECT_EQ_MSG(test, ret, -ENOENT, "%s/%s", c->schema, c->prop);
			continue;
		}
		KUNIT_EXPECT_GT_MSG(test, ret, 0, "%s/%s", c->schema, c->prop);
		KUNIT_EXPECT_STREQ_MSG(test, text, c->text, "%s/%s", c->schema, c->prop);
	}
}

/* Description file @prop of @v reads @want. */
static void rctl_expect_prop(struct kunit *test, const struct rctl_desc_view *v,
			     const char *prop, const char *want)
{
	char text[64];

	rctl_describe_prop(v, prop, text, sizeof(text));
	KUNIT_EXPECT_STREQ(test, text, want);
}

static void rctl_describe_unknown_and_mbps(struct kunit *test)
{
	struct rctl_desc_view v;
	struct resctrl_res r;

	rctl_dtest_res(&r, &rctl_dtest_descs[T_MX]);
	KUNIT_EXPECT_EQ(test, rctl_describe_view(&r, "T_MX_OPT", &v), -ENOENT);
	KUNIT_EXPECT_EQ(test, rctl_describe_view(&r, "T_MXDATA", &v), -ENOENT);
	/* Under the mba_MBps controller the line takes MBps targets. */
	r.mbps = true;
	KUNIT_ASSERT_EQ(test, rctl_describe_view(&r, "T_MX", &v), 0);
	rctl_expect_prop(test, &v, "unit", "MBps\n");
	rctl_expect_prop(test, &v, "max", "4294967295\n");
	rctl_expect_prop(test, &v, "tolerance", "0\n");
	/* Its extra controls are not steered. */
	KUNIT_ASSERT_EQ(test, rctl_describe_view(&r, "T_MX_MAX", &v), 0);
	rctl_expect_prop(test, &v, "max", "1000\n");
}

static void rctl_extra_controls_checked(struct kunit *test)
{
	static const struct resctrl_ctrl_desc dup[] = {
		{ .suffix = "MAX", .ctrl = RESCTRL_CTRL_SCALAR, .range = { .max = 1 } },
		{ .suffix = "MAX", .ctrl = RESCTRL_CTRL_SCALAR, .range = { .max = 1 } },
	};
	static const struct resctrl_ctrl_desc bad_range[] = {
		{ .suffix = "MIN", .ctrl = RESCTRL_CTRL_SCALAR, .range = { .min = 2, .max = 1 } },
	};
	static const struct resctrl_ctrl_desc custom[] = {
		{ .suffix = "OPT", .ctrl = RESCTRL_CTRL_CUSTOM },
	};
	static const struct resctrl_resource_ops no_apply_ctrl = {
		.apply = rctl_dtest_apply,
	};
	struct rctl_desc d = rctl_dtest_descs[T_MX];

	KUNIT_EXPECT_EQ(test, rctl_check_desc(&d), 0);
	d.ctrls = dup;
	d.num_ctrls = ARRAY_SIZE(dup);
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&d), -EINVAL);
	d.ctrls = bad_range;
	d.num_ctrls = 1;
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&d), -EINVAL);
	d.ctrls = custom;
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&d), -EINVAL);
	d = rctl_dtest_descs[T_MX];
	d.ops = &no_apply_ctrl;
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&d), -EINVAL);
	d = rctl_dtest_descs[T_MX];
	d.cdp_capable = true;
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&d), -EINVAL);
	d = rctl_dtest_descs[T_MX];
	d.memory_nodes = true;
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&d), -EINVAL);
	d = rctl_dtest_descs[T_BW];
	d.memory_nodes = true;
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&d), 0);
}

static void rctl_dtest_unregister(void *r)
{
	resctrl_unregister_resource(r);
}

/*
 * Register @desc through the driver API (the mount is not involved); it
 * is unregistered when the test ends, however it ends.
 */
static struct resctrl_res *rctl_dtest_register(struct kunit *test,
					       const struct rctl_desc *desc)
{
	struct resctrl_res *r;

	memset(&rctl_dcalls, 0, sizeof(rctl_dcalls));
	r = rctl_test_register(desc, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(r));
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, rctl_dtest_unregister, r), 0);
	return r;
}

/* Write @text (a copy: the parser cuts it) as schemata of the default group. */
static int rctl_dtest_write(struct kunit *test, const char *text)
{
	char *buf = kunit_kstrdup(test, text, GFP_KERNEL);
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	rctl_lock();
	rctl_status_clear();
	ret = rctl_schemata_apply_text(&rctl_default_group, buf);
	rctl_unlock();
	return ret;
}

/* rctl_dtest_write() of a formatted text. */
static __printf(2, 3) int rctl_dtest_writef(struct kunit *test,
					     const char *fmt, ...)
{
	char text[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	return rctl_dtest_write(test, text);
}

static void rctl_stage_mixed_lines(struct kunit *test)
{
	struct resctrl_res *r;
	struct resctrl_dom *d;
	char status[128];
	unsigned int applies;
	int ret;

	r = rctl_dtest_register(test, &rctl_dtest_descs[T_MX]);
	/* Package 0 always has a CPU: the boot CPU's. */
	d = rctl_find_dom(r, 0);
	KUNIT_ASSERT_NOT_NULL(test, d);
	/* Defaults: MIN at its minimum, MAX at its maximum. */
	KUNIT_EXPECT_EQ(test, d->ctrl_vals[0][1], 0);
	KUNIT_EXPECT_EQ(test, d->ctrl_vals[1][1], 1000);

	KUNIT_EXPECT_EQ(test, rctl_dtest_write(test, "# comment\nT_MX:0=50"), 0);
	KUNIT_EXPECT_EQ(test, d->vals[0], 50);

	/* All three lines, the comment skipped; MIN rounded up to 5s. */
	ret = rctl_dtest_write(test, "T_MX:0=60\n#T_MX:0=10\nT_MX_MAX:0=700\n T_MX_MIN:0=21");
	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, d->vals[0], 60);
	KUNIT_EXPECT_EQ(test, d->ctrl_vals[0][0], 25);
	KUNIT_EXPECT_EQ(test, d->ctrl_vals[1][0], 700);
	KUNIT_EXPECT_EQ(test, rctl_dcalls.last_ctrl_id, 7);

	/* One bad value: nothing is applied. */
	applies = rctl_dcalls.applies + rctl_dcalls.ctrl_applies;
	KUNIT_EXPECT_EQ(test, rctl_dtest_write(test, "T_MX:0=70\nT_MX_MAX:0=5000"), -EINVAL);
	mutex_lock(&rctl_mutex);
	rctl_status_copy(status, sizeof(status));
	mutex_unlock(&rctl_mutex);
	KUNIT_EXPECT_STREQ(test, status, "T_MX_MAX value 5000 out of range [0,1000]\n");
	KUNIT_EXPECT_EQ(test, applies, rctl_dcalls.applies + rctl_dcalls.ctrl_applies);
	KUNIT_EXPECT_EQ(test, d->vals[0], 60);
	KUNIT_EXPECT_EQ(test, d->ctrl_vals[1][0], 700);

	KUNIT_EXPECT_EQ(test, rctl_dtest_write(test, "T_MX_MAX:0=1;0=2"), -EINVAL);

	/* The driver fails the extra control: the main value is put back. */
	rctl_dcalls.fail_ctrl = 1;
	KUNIT_EXPECT_EQ(test, rctl_dtest_write(test, "T_MX:0=80\nT_MX_MAX:0=800"), -EIO);
	KUNIT_EXPECT_EQ(test, d->vals[0], 60);
	KUNIT_EXPECT_EQ(test, rctl_dcalls.last_val, 60);
	KUNIT_EXPECT_EQ(test, d->ctrl_vals[1][0], 700);

	/* A reset gives the extra controls their defaults again. */
	rctl_lock();
	rctl_reset_closid(0);
	rctl_unlock();
	KUNIT_EXPECT_EQ(test, d->ctrl_vals[0][0], 0);
	KUNIT_EXPECT_EQ(test, d->ctrl_vals[1][0], 1000);
	KUNIT_EXPECT_EQ(test, d->vals[0], 100);
}

/* A node with memory and no online CPU, or NUMA_NO_NODE. */
static int rctl_memory_only_node(void)
{
	int nid;

	for_each_node_state(nid, N_MEMORY)
		if (!node_state(nid, N_CPU))
			return nid;
	return NUMA_NO_NODE;
}

static void rctl_memory_nodes_follow_hotplug(struct kunit *test)
{
	struct rctl_desc *desc;
	struct resctrl_res *r;
	struct resctrl_dom *d;
	unsigned int cpu;
	nodemask_t nodes;
	int nid, n = 0;

	/* Freed after the unregistration action, which reads it. */
	desc = kunit_kzalloc(test, sizeof(*desc), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, desc);
	*desc = rctl_dtest_descs[T_BW];
	desc->memory_nodes = true;
	r = rctl_dtest_register(test, desc);
	for_each_node_state(nid, N_MEMORY) {
		d = rctl_find_dom(r, nid);
		KUNIT_EXPECT_TRUE(test, d && d->online);
	}
	/* A domain per node with memory or an online CPU, no more. */
	nodes = node_states[N_MEMORY];
	for_each_online_cpu(cpu)
		node_set(cpu_to_node(cpu), nodes);
	list_for_each_entry(d, &r->domains, list)
		n++;
	KUNIT_EXPECT_EQ(test, n, nodes_weight(nodes));

	nid = rctl_memory_only_node();
	if (nid == NUMA_NO_NODE)
		kunit_skip(test, "no NUMA node with memory and no CPU");
	d = rctl_find_dom(r, nid);
	KUNIT_ASSERT_NOT_NULL(test, d);
	KUNIT_EXPECT_TRUE(test, cpumask_empty(&d->cpus));

	rctl_lock();
	KUNIT_EXPECT_EQ(test, rctl_dom_apply(d, 1, 1234), 0);
	rctl_domains_mem_change(nid, false);
	KUNIT_EXPECT_FALSE(test, d->online);
	rctl_dcalls.last_val = 0;
	rctl_domains_mem_change(nid, true);
	rctl_unlock();
	KUNIT_EXPECT_TRUE(test, d->online);
	KUNIT_EXPECT_EQ(test, d->vals[1], 1234);
	/* Applied again when it came back: CLOSID 3's default was last. */
	KUNIT_EXPECT_EQ(test, rctl_dcalls.last_val, 4000);
}

static const struct resctrl_ctrl_desc rctl_scoped_ctrls[] = {
	{ .suffix = "MAX", .id = 2, .ctrl = RESCTRL_CTRL_SCALAR,
	  .range = { .min = 1, .max = 9 } },
	{ .suffix = "NODE", .id = 3, .ctrl = RESCTRL_CTRL_MBPS,
	  .range = { .min = 100, .max = 20000 }, .default_min = true,
	  .own_scope = true, .scope = RESCTRL_SCOPE_NODE, .memory_nodes = true },
};

static const struct rctl_desc rctl_scoped_desc = {
	.name = "T_SC", .ctrl = RESCTRL_CTRL_PERCENT, .num_closid = 4,
	.max_closid = 4, .scope = RESCTRL_SCOPE_PACKAGE,
	.range = { .min = 10, .max = 100, .granularity = 10 },
	.ctrls = rctl_scoped_ctrls, .num_ctrls = ARRAY_SIZE(rctl_scoped_ctrls),
	.ops = &rctl_dtest_ops,
};

/*
 * An extra control with a scope of its own: node domains of its own next
 * to the resource's package ones, described as NODE, written in the same
 * all-or-nothing write as the resource's lines.
 */
static void rctl_scoped_control(struct kunit *test)
{
	struct resctrl_dom *d, *nd;
	struct rctl_desc_view v;
	struct resctrl_res *r, *s;
	struct resctrl_ctrl_desc ctrls[ARRAY_SIZE(rctl_scoped_ctrls)];
	struct rctl_desc bad;
	int nid = cpu_to_node(0);
	int ret;

	bad = rctl_scoped_desc;
	memcpy(ctrls, rctl_scoped_ctrls, sizeof(ctrls));
	bad.ctrls = ctrls;
	ctrls[1].scope = RESCTRL_SCOPE_DEVICE;
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&bad), -EINVAL);
	ctrls[1].scope = RESCTRL_SCOPE_NODE;
	ctrls[1].own_scope = false;
	KUNIT_EXPECT_EQ(test, rctl_check_desc(&bad), -EINVAL);

	r = rctl_dtest_register(test, &rctl_scoped_desc);
	KUNIT_ASSERT_EQ(test, r->num_scoped, 1);
	s = r->scoped[0];
	KUNIT_EXPECT_STREQ(test, s->desc->name, "T_SC_NODE");
	KUNIT_EXPECT_PTR_EQ(test, s->ctrl_of, r);
	KUNIT_EXPECT_PTR_EQ(test, list_next_entry(r, list), s);
	/* The resource keeps only the control that shares its domains. */
	KUNIT_EXPECT_EQ(test, r->desc->num_ctrls, 1);
	KUNIT_EXPECT_STREQ(test, r->desc->ctrls[0].suffix, "MAX");
	/* Its line is taken: no resource may be called so. */
	KUNIT_EXPECT_EQ(test, PTR_ERR(rctl_test_register(&(struct rctl_desc){
		.name = "T_SC_NODE", .ctrl = RESCTRL_CTRL_SCALAR, .num_closid = 4,
		.scope = RESCTRL_SCOPE_NODE, .range = { .max = 1 },
		.ops = &rctl_dtest_ops }, NULL)), -EEXIST);

	d = rctl_find_dom(r, 0);
	nd = rctl_find_dom(s, nid);
	KUNIT_ASSERT_NOT_NULL(test, d);
	KUNIT_ASSERT_NOT_NULL(test, nd);
	KUNIT_EXPECT_TRUE(test, nd->online);
	KUNIT_EXPECT_EQ(test, nd->vals[1], 100);

	KUNIT_ASSERT_EQ(test, rctl_describe_view(s, "T_SC_NODE", &v), 0);
	rctl_expect_prop(test, &v, "scope", "NODE\n");
	rctl_expect_prop(test, &v, "default", "100\n");
	rctl_expect_prop(test, &v, "unit", "MBps\n");

	ret = rctl_dtest_writef(test, "T_SC:0=50\nT_SC_NODE:%d=500\nT_SC_MAX:0=3", nid);
	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, d->vals[0], 50);
	KUNIT_EXPECT_EQ(test, nd->vals[0], 500);
	KUNIT_EXPECT_EQ(test, d->ctrl_vals[0][0], 3);
	KUNIT_EXPECT_EQ(test, rctl_dcalls.last_ctrl_id, 2);

	/* One bad value on either side: nothing changes. */
	ret = rctl_dtest_writef(test, "T_SC:0=70\nT_SC_NODE:%d=20001", nid);
	KUNIT_EXPECT_EQ(test, ret, -EINVAL);
	ret = rctl_dtest_writef(test, "T_SC_NODE:%d=700\nT_SC:0=7", nid);
	KUNIT_EXPECT_EQ(test, ret, -EINVAL);
	KUNIT_EXPECT_EQ(test, d->vals[0], 50);
	KUNIT_EXPECT_EQ(test, nd->vals[0], 500);

	/* The driver fails the node control: the package value is put back. */
	rctl_dcalls.fail_ctrl = 1;
	ret = rctl_dtest_writef(test, "T_SC:0=80\nT_SC_NODE:%d=600", nid);
	KUNIT_EXPECT_EQ(test, ret, -EIO);
	KUNIT_EXPECT_EQ(test, d->vals[0], 50);
	KUNIT_EXPECT_EQ(test, nd->vals[0], 500);

	/* The driver sees its own resource and the control's id. */
	rctl_lock();
	KUNIT_EXPECT_EQ(test, rctl_dom_apply(nd, 1, 800), 0);
	rctl_unlock();
	KUNIT_EXPECT_EQ(test, rctl_dcalls.last_ctrl_id, 3);
	KUNIT_EXPECT_EQ(test, rctl_dcalls.last_val, 800);
	KUNIT_EXPECT_PTR_EQ(test, rctl_dcalls.last_res, r);

	/* Unregistering the resource takes its control with it. */
	kunit_release_action(test, rctl_dtest_unregister, r);
	rctl_lock();
	KUNIT_EXPECT_NULL(test, rctl_find_resource("T_SC_NODE"));
	KUNIT_EXPECT_NULL(test, rctl_find_resource("T_SC"));
	rctl_unlock();
}

static struct kunit_case rctl_describe_cases[] = {
	KUNIT_CASE(rctl_describe_every_type),
	KUNIT_CASE(rctl_describe_unknown_and_mbps),
	KUNIT_CASE(rctl_extra_controls_checked),
	KUNIT_CASE(rctl_stage_mixed_lines),
	KUNIT_CASE(rctl_memory_nodes_follow_hotplug),
	KUNIT_CASE(rctl_scoped_control),
	{}
};

static struct kunit_suite rctl_describe_suite = {
	.name = "resctrl_describe",
	.test_cases = rctl_describe_cases,
};

kunit_test_suite(rctl_describe_suite);
