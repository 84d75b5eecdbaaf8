// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of resctrl_hsx_l3cat's MSR traffic: the probe when the
 * bits stick, when they do not and when the MSR faults, and the mask
 * writes. The MSR accessors are redirected by KUnit static stubs to a
 * fake register file, so the suite runs on any machine. It builds its
 * own copy of hsx_l3cat_hw.c.
 */
#include <kunit/static_stub.h>
#include <kunit/test.h>
#include <kunit/test-bug.h>

#include "hsx_l3cat_hw.c"

#define FAKE_MSRS	8

/*
 * What the fake CPU does with the L3 mask MSRs IA32_L3_QOS_MASK_0..7,
 * 0xc90..0xc97 (SDM Vol. 4, Table 2-2), as the expectations below spell
 * them.
 */
struct fake_cpu {
	u64 reg[FAKE_MSRS];
	u64 keep;		/* the bits a write keeps */
	bool fault_write;
	bool fault_read;
	unsigned int writes, reads;
	u32 last_msr;
};

static struct fake_cpu *fake_of(void)
{
	return kunit_get_current_test()->priv;
}

static int fake_wrmsr(u32 msr, u64 val)
{
	struct fake_cpu *f = fake_of();

	f->writes++;
	f->last_msr = msr;
	if (f->fault_write || msr < MSR_IA32_L3_CBM_BASE ||
	    msr >= MSR_IA32_L3_CBM_BASE + FAKE_MSRS)
		return -EIO;
	f->reg[msr - MSR_IA32_L3_CBM_BASE] = val & f->keep;
	return 0;
}

static int fake_rdmsr(u32 msr, u64 *val)
{
	struct fake_cpu *f = fake_of();

	f->reads++;
	if (f->fault_read || msr < MSR_IA32_L3_CBM_BASE ||
	    msr >= MSR_IA32_L3_CBM_BASE + FAKE_MSRS)
		return -EIO;
	*val = f->reg[msr - MSR_IA32_L3_CBM_BASE];
	return 0;
}

static int hsx_test_init(struct kunit *test)
{
	struct fake_cpu *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	if (!f)
		return -ENOMEM;
	f->keep = U64_MAX;
	test->priv = f;
	kunit_activate_static_stub(test, hsx_l3cat_wrmsr, fake_wrmsr);
	kunit_activate_static_stub(test, hsx_l3cat_rdmsr, fake_rdmsr);
	return 0;
}

static void hsx_probe_bits_stick(struct kunit *test)
{
	struct fake_cpu *f = test->priv;

	KUNIT_EXPECT_EQ(test, hsx_l3cat_probe(), 0);
	KUNIT_EXPECT_EQ(test, f->writes, 1);
	/* IA32_L3_QOS_MASK_0 (SDM Vol. 4, Table 2-2) */
	KUNIT_EXPECT_EQ(test, f->last_msr, 0xc90);
	KUNIT_EXPECT_EQ(test, f->reg[0], 0xfffff);
	KUNIT_EXPECT_EQ(test, f->reads, 1);
}

static void hsx_probe_bits_do_not_stick(struct kunit *test)
{
	struct fake_cpu *f = test->priv;

	/* A part without CAT: the register keeps nothing, or some bits. */
	f->keep = 0;
	KUNIT_EXPECT_EQ(test, hsx_l3cat_probe(), -ENODEV);
	f->keep = 0x7ff;
	KUNIT_EXPECT_EQ(test, hsx_l3cat_probe(), -ENODEV);
	KUNIT_EXPECT_EQ(test, f->writes, 2);
	KUNIT_EXPECT_EQ(test, f->reads, 2);
}

static void hsx_probe_msr_faults(struct kunit *test)
{
	struct fake_cpu *f = test->priv;

	f->fault_write = true;
	KUNIT_EXPECT_EQ(test, hsx_l3cat_probe(), -EIO);
	/* Nothing is read back from a register that faulted. */
	KUNIT_EXPECT_EQ(test, f->reads, 0);
	f->fault_write = false;
	f->fault_read = true;
	KUNIT_EXPECT_EQ(test, hsx_l3cat_probe(), -EIO);
}

static void hsx_write_mask(struct kunit *test)
{
	struct fake_cpu *f = test->priv;

	KUNIT_EXPECT_EQ(test, hsx_l3cat_write_mask(3, 0x3c), 0);
	/* IA32_L3_QOS_MASK_3 (SDM Vol. 4, Table 2-2) */
	KUNIT_EXPECT_EQ(test, f->last_msr, 0xc93);
	KUNIT_EXPECT_EQ(test, f->reg[3], 0x3c);
	/* A CLOSID the part lacks never reaches an MSR. */
	KUNIT_EXPECT_EQ(test, hsx_l3cat_write_mask(4, 0x3), -EINVAL);
	KUNIT_EXPECT_EQ(test, f->writes, 1);
	KUNIT_EXPECT_EQ(test, f->reg[4], 0);
	f->fault_write = true;
	KUNIT_EXPECT_EQ(test, hsx_l3cat_write_mask(0, 0xfffff), -EIO);
}

static struct kunit_case hsx_l3cat_cases[] = {
	KUNIT_CASE(hsx_probe_bits_stick),
	KUNIT_CASE(hsx_probe_bits_do_not_stick),
	KUNIT_CASE(hsx_probe_msr_faults),
	KUNIT_CASE(hsx_write_mask),
	{}
};

static struct kunit_suite hsx_l3cat_suite = {
	.name = "resctrl_hsx_l3cat",
	.init = hsx_test_init,
	.test_cases = hsx_l3cat_cases,
};

kunit_test_suite(hsx_l3cat_suite);

MODULE_IMPORT_NS(RESCTRL);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests of the Haswell-EP L3 CAT driver's MSR access");
