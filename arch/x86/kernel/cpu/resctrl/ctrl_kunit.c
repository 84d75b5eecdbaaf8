// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the MSR writes that control values turn into: cache
 * masks with and without CDP, the CDP switch in QOS_CFG, Intel MBA
 * delays and AMD bandwidth limits. The expected MSR numbers are spelled
 * out, not taken from the headers the code uses.
 */
#include <kunit/test.h>

#include "rdt_kunit.h"

/* An Intel L3 with CDP: 16 CLOSIDs, 11-bit masks. */
static const struct x86_rdt_res ctrl_l3 = {
	.desc = &x86_rdt_desc_l3,
	.caps = {
		.num_closid = 16,
		.bitmask = { .cbm_len = 11, .min_cbm_bits = 1 },
		.cdp_capable = true,
	},
	.present = true,
	.kind = X86_RDT_CTRL_CBM,
	.msr_base = 0xc90,
	.cfg_msr = 0xc81,
};

/* An Intel L2 with CDP: 8 CLOSIDs, 8-bit masks. */
static const struct x86_rdt_res ctrl_l2 = {
	.desc = &x86_rdt_desc_l2,
	.caps = {
		.num_closid = 8,
		.bitmask = { .cbm_len = 8, .min_cbm_bits = 1 },
		.cdp_capable = true,
	},
	.present = true,
	.kind = X86_RDT_CTRL_CBM,
	.msr_base = 0xd10,
	.cfg_msr = 0xc82,
};

static const struct x86_rdt_res ctrl_mba_intel = {
	.desc = &x86_rdt_desc_mb_intel,
	.caps = {
		.num_closid = 8,
		.range = { .min = 10, .max = 100, .granularity = 10,
			   .delay_linear = true },
	},
	.present = true,
	.kind = X86_RDT_CTRL_DELAY,
	.msr_base = 0xd50,
};

static const struct x86_rdt_res ctrl_mba_amd = {
	.desc = &x86_rdt_desc_mb_amd,
	.caps = {
		.num_closid = 16,
		.range = { .min = 0, .max = 2048, .granularity = 1 },
	},
	.present = true,
	.kind = X86_RDT_CTRL_BW,
	.msr_base = 0xc0000200,
};

static const struct x86_rdt_res ctrl_smba_amd = {
	.desc = &x86_rdt_desc_smba,
	.caps = {
		.num_closid = 16,
		.range = { .min = 0, .max = 2048, .granularity = 1 },
	},
	.present = true,
	.kind = X86_RDT_CTRL_BW,
	.msr_base = 0xc0000280,
};

static void ctrl_l3_without_cdp(struct kunit *test)
{
	static const struct x86_rdt_fake_access first[] = {
		/* A new domain: CDP is turned off once, in case it was on. */
		X86_RDT_WR(0xc81, 0),
		X86_RDT_WR(0xc93, 0x7f0),
	};
	static const struct x86_rdt_fake_access next[] = {
		X86_RDT_WR(0xc90, 0x7ff),
		X86_RDT_WR(0xc9f, 0x001),
	};
	struct x86_rdt_dom *dom;

	x86_rdt_fake_start(test);
	dom = x86_rdt_fake_dom(test, &ctrl_l3);

	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_l3, dom, 3,
						 RESCTRL_CONF_BOTH, 0x7f0), 0);
	x86_rdt_fake_check(test, first, ARRAY_SIZE(first));
	KUNIT_EXPECT_EQ(test, dom->cdp, X86_RDT_CDP_OFF);

	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_l3, dom, 0,
						 RESCTRL_CONF_BOTH, 0x7ff), 0);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_l3, dom, 15,
						 RESCTRL_CONF_BOTH, 0x001), 0);
	x86_rdt_fake_check(test, next, ARRAY_SIZE(next));
}

static void ctrl_l3_with_cdp(struct kunit *test)
{
	static const struct x86_rdt_fake_access want[] = {
		X86_RDT_WR(0xc81, 1),
		/* Data is the even MSR of a CLOSID's pair, code the odd. */
		X86_RDT_WR(0xc94, 0x00f),
		X86_RDT_WR(0xc95, 0x7f0),
		X86_RDT_WR(0xc91, 0x003),
		X86_RDT_WR(0xc9e, 0x001),
		X86_RDT_WR(0xc9f, 0x400),
	};
	struct x86_rdt_dom *dom;

	x86_rdt_fake_start(test);
	dom = x86_rdt_fake_dom(test, &ctrl_l3);

	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_l3, dom, 2,
						 RESCTRL_CONF_DATA, 0x00f), 0);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_l3, dom, 2,
						 RESCTRL_CONF_CODE, 0x7f0), 0);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_l3, dom, 0,
						 RESCTRL_CONF_CODE, 0x003), 0);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_l3, dom, 7,
						 RESCTRL_CONF_DATA, 0x001), 0);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_l3, dom, 7,
						 RESCTRL_CONF_CODE, 0x400), 0);
	x86_rdt_fake_check(test, want, ARRAY_SIZE(want));
	KUNIT_EXPECT_EQ(test, dom->cdp, X86_RDT_CDP_ON);

	/* CLOSID 8 would need MSRs 16 and 17 of 16. */
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_l3, dom, 8,
						 RESCTRL_CONF_DATA, 0x1), -EINVAL);
	x86_rdt_fake_check(test, NULL, 0);
}

static void ctrl_cdp_switch_resets_masks(struct kunit *test)
{
	static const struct x86_rdt_fake_access off[] = {
		X86_RDT_WR(0xc82, 0),
		X86_RDT_WR(0xd11, 0x03),
	};
	static const struct x86_rdt_fake_access on[] = {
		X86_RDT_WR(0xc82, 1),
		X86_RDT_WR(0xd10, 0xff), X86_RDT_WR(0xd11, 0xff),
		X86_RDT_WR(0xd12, 0xff), X86_RDT_WR(0xd13, 0xff),
		X86_RDT_WR(0xd14, 0xff), X86_RDT_WR(0xd15, 0xff),
		X86_RDT_WR(0xd16, 0xff), X86_RDT_WR(0xd17, 0xff),
		X86_RDT_WR(0xd13, 0x30),
		X86_RDT_WR(0xd12, 0x0c),
	};
	static const struct x86_rdt_fake_access back[] = {
		X86_RDT_WR(0xc82, 0),
		X86_RDT_WR(0xd10, 0xff), X86_RDT_WR(0xd11, 0xff),
		X86_RDT_WR(0xd12, 0xff), X86_RDT_WR(0xd13, 0xff),
		X86_RDT_WR(0xd14, 0xff), X86_RDT_WR(0xd15, 0xff),
		X86_RDT_WR(0xd16, 0xff), X86_RDT_WR(0xd17, 0xff),
		X86_RDT_WR(0xd11, 0xf0),
	};
	struct x86_rdt_dom *dom;

	x86_rdt_fake_start(test);
	dom = x86_rdt_fake_dom(test, &ctrl_l2);

	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_l2, dom, 1,
						 RESCTRL_CONF_BOTH, 0x03), 0);
	x86_rdt_fake_check(test, off, ARRAY_SIZE(off));

	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_l2, dom, 1,
						 RESCTRL_CONF_CODE, 0x30), 0);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_l2, dom, 1,
						 RESCTRL_CONF_DATA, 0x0c), 0);
	x86_rdt_fake_check(test, on, ARRAY_SIZE(on));

	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_l2, dom, 1,
						 RESCTRL_CONF_BOTH, 0xf0), 0);
	x86_rdt_fake_check(test, back, ARRAY_SIZE(back));
}

static void ctrl_l2_code_and_data(struct kunit *test)
{
	static const struct x86_rdt_fake_access cdp[] = {
		X86_RDT_WR(0xc82, 1),
		X86_RDT_WR(0xd17, 0xf0),
		X86_RDT_WR(0xd16, 0x0f),
	};
	static const struct x86_rdt_fake_access plain[] = {
		X86_RDT_WR(0xc82, 0),
		X86_RDT_WR(0xd15, 0xff),
	};
	struct x86_rdt_dom *dom;

	x86_rdt_fake_start(test);
	dom = x86_rdt_fake_dom(test, &ctrl_l2);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_l2, dom, 3,
						 RESCTRL_CONF_CODE, 0xf0), 0);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_l2, dom, 3,
						 RESCTRL_CONF_DATA, 0x0f), 0);
	x86_rdt_fake_check(test, cdp, ARRAY_SIZE(cdp));

	/* Another domain of the same resource has its own mode. */
	dom = x86_rdt_fake_dom(test, &ctrl_l2);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_l2, dom, 5,
						 RESCTRL_CONF_BOTH, 0xff), 0);
	x86_rdt_fake_check(test, plain, ARRAY_SIZE(plain));
}

static void ctrl_cache_without_cdp_hardware(struct kunit *test)
{
	static const struct x86_rdt_fake_access want[] = {
		X86_RDT_WR(0xd12, 0x3),
	};
	struct x86_rdt_res res = ctrl_l2;

	res.caps.cdp_capable = false;
	res.cfg_msr = 0;
	x86_rdt_fake_start(test);

	/* No QOS_CFG to keep in step, so no domain state is needed. */
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&res, NULL, 2,
						 RESCTRL_CONF_BOTH, 0x3), 0);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&res, NULL, 2,
						 RESCTRL_CONF_CODE, 0x3), -EINVAL);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&res, NULL, 2,
						 RESCTRL_CONF_DATA, 0x3), -EINVAL);
	x86_rdt_fake_check(test, want, ARRAY_SIZE(want));
}

static void ctrl_cache_bad_values(struct kunit *test)
{
	struct x86_rdt_dom *dom;

	x86_rdt_fake_start(test);
	dom = x86_rdt_fake_dom(test, &ctrl_l3);

	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_l3, dom, 0,
						 RESCTRL_CONF_BOTH, 0x800), -EINVAL);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_l3, dom, 16,
						 RESCTRL_CONF_BOTH, 0x1), -EINVAL);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_l3, NULL, 1,
						 RESCTRL_CONF_BOTH, 0x1), -ENODEV);
	x86_rdt_fake_check(test, NULL, 0);
	KUNIT_EXPECT_EQ(test, dom->cdp, X86_RDT_CDP_UNKNOWN);
}

static void ctrl_intel_mba_delay(struct kunit *test)
{
	static const struct x86_rdt_fake_access want[] = {
		X86_RDT_WR(0xd50, 0),
		X86_RDT_WR(0xd55, 90),
		X86_RDT_WR(0xd57, 30),
		X86_RDT_WR(0xd53, 50),
	};
	const struct x86_rdt_res *res = &ctrl_mba_intel;

	x86_rdt_fake_start(test);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(res, NULL, 0,
						 RESCTRL_CONF_BOTH, 100), 0);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(res, NULL, 5,
						 RESCTRL_CONF_BOTH, 10), 0);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(res, NULL, 7,
						 RESCTRL_CONF_BOTH, 70), 0);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(res, NULL, 3,
						 RESCTRL_CONF_BOTH, 50), 0);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(res, NULL, 1,
						 RESCTRL_CONF_BOTH, 101), -EINVAL);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(res, NULL, 8,
						 RESCTRL_CONF_BOTH, 50), -EINVAL);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(res, NULL, 1,
						 RESCTRL_CONF_CODE, 50), -EINVAL);
	x86_rdt_fake_check(test, want, ARRAY_SIZE(want));
}

static void ctrl_amd_bandwidth(struct kunit *test)
{
	static const struct x86_rdt_fake_access want[] = {
		X86_RDT_WR(0xc0000203, 2048),
		X86_RDT_WR(0xc000020f, 0),
		X86_RDT_WR(0xc0000201, 512),
		X86_RDT_WR(0xc0000282, 100),
		X86_RDT_WR(0xc0000280, 2048),
	};

	x86_rdt_fake_start(test);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_mba_amd, NULL, 3,
						 RESCTRL_CONF_BOTH, 2048), 0);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_mba_amd, NULL, 15,
						 RESCTRL_CONF_BOTH, 0), 0);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_mba_amd, NULL, 1,
						 RESCTRL_CONF_BOTH, 512), 0);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_smba_amd, NULL, 2,
						 RESCTRL_CONF_BOTH, 100), 0);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_smba_amd, NULL, 0,
						 RESCTRL_CONF_BOTH, 2048), 0);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_mba_amd, NULL, 1,
						 RESCTRL_CONF_BOTH, 2049), -EINVAL);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_smba_amd, NULL, 16,
						 RESCTRL_CONF_BOTH, 1), -EINVAL);
	x86_rdt_fake_check(test, want, ARRAY_SIZE(want));
}

/* The (MSR, value) pairs alone, computed without touching anything. */
static void ctrl_msr_pairs(struct kunit *test)
{
	static const struct {
		const struct x86_rdt_res *res;
		u32 closid;
		enum resctrl_conf_type type;
		u32 val;
		u32 msr;
		u64 msr_val;
	} cases[] = {
		{ &ctrl_l3, 0, RESCTRL_CONF_BOTH, 0x7ff, 0xc90, 0x7ff },
		{ &ctrl_l3, 9, RESCTRL_CONF_BOTH, 0x0f0, 0xc99, 0x0f0 },
		{ &ctrl_l3, 1, RESCTRL_CONF_DATA, 0x00c, 0xc92, 0x00c },
		{ &ctrl_l3, 1, RESCTRL_CONF_CODE, 0x003, 0xc93, 0x003 },
		{ &ctrl_l2, 6, RESCTRL_CONF_BOTH, 0x80, 0xd16, 0x80 },
		{ &ctrl_l2, 3, RESCTRL_CONF_CODE, 0x01, 0xd17, 0x01 },
		{ &ctrl_mba_intel, 2, RESCTRL_CONF_BOTH, 20, 0xd52, 80 },
		{ &ctrl_mba_amd, 4, RESCTRL_CONF_BOTH, 64, 0xc0000204, 64 },
		{ &ctrl_smba_amd, 9, RESCTRL_CONF_BOTH, 1, 0xc0000289, 1 },
	};
	unsigned int i;
	u64 msr_val;
	u32 msr;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		msr = 0;
		msr_val = 0;
		KUNIT_EXPECT_EQ_MSG(test, x86_rdt_ctrl_msr(cases[i].res,
							   cases[i].closid,
							   cases[i].type,
							   cases[i].val, &msr,
							   &msr_val), 0,
				    "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, msr, cases[i].msr, "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, msr_val, cases[i].msr_val, "case %u", i);
	}
}

/* AMD L3: QOS_CFG per CPU; a CPU that joins gets the domain's mode. */
static const struct x86_rdt_res ctrl_amd_l3 = {
	.desc = &x86_rdt_desc_l3_per_cpu,
	.caps = {
		.num_closid = 16,
		.bitmask = { .cbm_len = 16, .sparse = true },
		.cdp_capable = true,
	},
	.present = true,
	.kind = X86_RDT_CTRL_CBM,
	.msr_base = 0xc90,
	.cfg_msr = 0xc81,
	.per_cpu_cfg = true,
};

static void ctrl_amd_cdp_cpu_join(struct kunit *test)
{
	static const struct x86_rdt_fake_access on[] = {
		X86_RDT_WR(0xc81, 1),
		X86_RDT_WR(0xc93, 0x0f00),
		X86_RDT_WR(0xc81, 1),
	};
	static const struct x86_rdt_fake_access off[] = {
		X86_RDT_WR(0xc81, 0),
		X86_RDT_WR(0xc90, 0xffff), X86_RDT_WR(0xc91, 0xffff),
		X86_RDT_WR(0xc92, 0xffff), X86_RDT_WR(0xc93, 0xffff),
		X86_RDT_WR(0xc94, 0xffff), X86_RDT_WR(0xc95, 0xffff),
		X86_RDT_WR(0xc96, 0xffff), X86_RDT_WR(0xc97, 0xffff),
		X86_RDT_WR(0xc98, 0xffff), X86_RDT_WR(0xc99, 0xffff),
		X86_RDT_WR(0xc9a, 0xffff), X86_RDT_WR(0xc9b, 0xffff),
		X86_RDT_WR(0xc9c, 0xffff), X86_RDT_WR(0xc9d, 0xffff),
		X86_RDT_WR(0xc9e, 0xffff), X86_RDT_WR(0xc9f, 0xffff),
		X86_RDT_WR(0xc90, 0x00ff),
		X86_RDT_WR(0xc81, 0),
	};
	static const struct x86_rdt_fake_access intel[] = {
		X86_RDT_WR(0xc81, 1),
		X86_RDT_WR(0xc93, 0x7),
	};
	struct x86_rdt_dom *dom;

	x86_rdt_fake_start(test);
	dom = x86_rdt_fake_dom(test, &ctrl_amd_l3);

	/* Mode unknown (the domain just came online): nothing to copy. */
	x86_rdt_cfg_join(&ctrl_amd_l3, dom);
	x86_rdt_cfg_join(&ctrl_amd_l3, NULL);
	x86_rdt_fake_check(test, NULL, 0);

	/* mount -o cdp: the code half of CLOSID 1, then a CPU joins. */
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_amd_l3, dom, 1,
						 RESCTRL_CONF_CODE, 0x0f00), 0);
	x86_rdt_cfg_join(&ctrl_amd_l3, dom);
	x86_rdt_fake_check(test, on, ARRAY_SIZE(on));

	/* Unmounted: CDP off, and a CPU that joins gets it off too. */
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_amd_l3, dom, 0,
						 RESCTRL_CONF_BOTH, 0x00ff), 0);
	x86_rdt_cfg_join(&ctrl_amd_l3, dom);
	x86_rdt_fake_check(test, off, ARRAY_SIZE(off));

	/* Intel's QOS_CFG is per domain: a joining CPU writes nothing. */
	dom = x86_rdt_fake_dom(test, &ctrl_l3);
	KUNIT_EXPECT_EQ(test, x86_rdt_ctrl_write(&ctrl_l3, dom, 1,
						 RESCTRL_CONF_CODE, 0x7), 0);
	x86_rdt_fake_check(test, intel, ARRAY_SIZE(intel));
	x86_rdt_cfg_join(&ctrl_l3, dom);
	x86_rdt_fake_check(test, NULL, 0);
}

static struct kunit_case ctrl_cases[] = {
	KUNIT_CASE(ctrl_amd_cdp_cpu_join),
	KUNIT_CASE(ctrl_l3_without_cdp),
	KUNIT_CASE(ctrl_l3_with_cdp),
	KUNIT_CASE(ctrl_cdp_switch_resets_masks),
	KUNIT_CASE(ctrl_l2_code_and_data),
	KUNIT_CASE(ctrl_cache_without_cdp_hardware),
	KUNIT_CASE(ctrl_cache_bad_values),
	KUNIT_CASE(ctrl_intel_mba_delay),
	KUNIT_CASE(ctrl_amd_bandwidth),
	KUNIT_CASE(ctrl_msr_pairs),
	{}
};

static struct kunit_suite ctrl_suite = {
	.name = "resctrl_x86_ctrl",
	.test_cases = ctrl_cases,
};

kunit_test_suite(ctrl_suite);
