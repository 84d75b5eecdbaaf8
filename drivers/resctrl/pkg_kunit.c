// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of resctrl_pkg's hardware access (pkg_hw.c): the register
 * accessors are redirected to a fake package that records every access,
 * in order, and answers reads as the suite decides. The expected
 * register numbers and values are spelled out, not taken from pkg.h.
 *
 * pkg_hw.c is compiled into this module too, so the suite runs whether
 * or not the driver can load on the machine (it refuses CPUs outside
 * its match table).
 */
#include <kunit/static_stub.h>
#include <kunit/test.h>
#include <linux/bits.h>
#include <linux/module.h>

#include "pkg_hw.c"

#define RPKG_FAKE_MAX_ACCESSES	16
#define RPKG_FAKE_MAX_COUNTERS	4

/**
 * struct rpkg_fake_access - one register access the code made
 * @write: a write, not a read
 * @pkg: the package it was for
 * @msr: the register
 * @val: what was written; 0 for reads
 */
struct rpkg_fake_access {
	bool write;
	int pkg;
	u32 msr;
	u64 val;
};

#define FAKE_WR(p, m, v)	{ .write = true, .pkg = (p), .msr = (m), .val = (v) }
#define FAKE_RD(p, m)		{ .write = false, .pkg = (p), .msr = (m) }

/**
 * struct rpkg_fake - the fake package of the running test
 * @log: the accesses so far
 * @nr_log: entries in @log, counting those that did not fit
 * @cap: what 0xd70 reads
 * @sel: the last value written to 0xd71
 * @ctr_sel: selections (0xd71 values) that 0xd72 answers for
 * @ctr_val: what 0xd72 reads for the selection of the same index
 * @nr_ctrs: entries used in @ctr_sel and @ctr_val
 * @fail_msr: accesses to this register fail with -EIO; 0 for none
 */
struct rpkg_fake {
	struct rpkg_fake_access log[RPKG_FAKE_MAX_ACCESSES];
	unsigned int nr_log;
	u64 cap;
	u64 sel;
	u64 ctr_sel[RPKG_FAKE_MAX_COUNTERS];
	u64 ctr_val[RPKG_FAKE_MAX_COUNTERS];
	unsigned int nr_ctrs;
	u32 fail_msr;
};

static void rpkg_fake_log(struct rpkg_fake *f, bool write, int pkg, u32 msr,
			  u64 val)
{
	if (f->nr_log < RPKG_FAKE_MAX_ACCESSES)
		f->log[f->nr_log] = (struct rpkg_fake_access){
			.write = write, .pkg = pkg, .msr = msr, .val = val,
		};
	f->nr_log++;
}

static int rpkg_fake_rdmsr(const struct rpkg_hw *hw, int pkg, u32 msr, u64 *val)
{
	struct kunit *test = kunit_get_current_test();
	struct rpkg_fake *f = test->priv;
	unsigned int i;

	rpkg_fake_log(f, false, pkg, msr, 0);
	if (msr == f->fail_msr)
		return -EIO;
	*val = 0;
	if (msr == 0xd70) {
		*val = f->cap;
	} else if (msr == 0xd72) {
		for (i = 0; i < f->nr_ctrs; i++)
			if (f->ctr_sel[i] == f->sel)
				*val = f->ctr_val[i];
	}
	return 0;
}

static int rpkg_fake_wrmsr(const struct rpkg_hw *hw, int pkg, u32 msr, u64 val)
{
	struct kunit *test = kunit_get_current_test();
	struct rpkg_fake *f = test->priv;

	rpkg_fake_log(f, true, pkg, msr, val);
	if (msr == f->fail_msr)
		return -EIO;
	if (msr == 0xd71)
		f->sel = val;
	return 0;
}

/* Behind the stubs: reached only if a test forgot to redirect. */
static int rpkg_trap_rdmsr(int pkg, u32 msr, u64 *val)
{
	KUNIT_FAIL(kunit_get_current_test(), "real read of MSR 0x%x", msr);
	return -EIO;
}

static int rpkg_trap_wrmsr(int pkg, u32 msr, u64 val)
{
	KUNIT_FAIL(kunit_get_current_test(), "real write of MSR 0x%x", msr);
	return -EIO;
}

static const struct rpkg_regs rpkg_trap_regs = {
	.read_reg = rpkg_trap_rdmsr,
	.write_reg = rpkg_trap_wrmsr,
};

/* The hardware of the simulator: 2 aggregators, 16 CLOSIDs, 32 RMIDs. */
static void rpkg_fake_hw(struct rpkg_hw *hw)
{
	*hw = (struct rpkg_hw){
		.regs = &rpkg_trap_regs, .naggr = 2, .nclosid = 16, .nrmid = 32,
	};
}

static int rpkg_fake_init(struct kunit *test)
{
	struct rpkg_fake *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	test->priv = f;
	kunit_activate_static_stub(test, rpkg_hw_rdmsr, rpkg_fake_rdmsr);
	kunit_activate_static_stub(test, rpkg_hw_wrmsr, rpkg_fake_wrmsr);
	return 0;
}

static void rpkg_fake_counter(struct rpkg_fake *f, u64 sel, u64 val)
{
	f->ctr_sel[f->nr_ctrs] = sel;
	f->ctr_val[f->nr_ctrs] = val;
	f->nr_ctrs++;
}

/* The accesses since the last check must be exactly @want; then forget them. */
static void rpkg_fake_check(struct kunit *test, const struct rpkg_fake_access *want,
			    unsigned int n)
{
	struct rpkg_fake *f = test->priv;
	unsigned int i;

	KUNIT_EXPECT_EQ(test, f->nr_log, n);
	for (i = 0; i < min(n, f->nr_log); i++) {
		KUNIT_EXPECT_EQ_MSG(test, f->log[i].write, want[i].write, "access %u", i);
		KUNIT_EXPECT_EQ_MSG(test, f->log[i].pkg, want[i].pkg, "access %u", i);
		KUNIT_EXPECT_EQ_MSG(test, f->log[i].msr, want[i].msr, "access %u", i);
		KUNIT_EXPECT_EQ_MSG(test, f->log[i].val, want[i].val, "access %u", i);
	}
	f->nr_log = 0;
}

static void rpkg_probe_reads_cap(struct kunit *test)
{
	static const struct rpkg_fake_access want[] = { FAKE_RD(1, 0xd70) };
	struct rpkg_fake *f = test->priv;
	struct rpkg_hw hw = { .regs = &rpkg_trap_regs };

	/* Version 1, highest RMID 31, highest CLOSID 15, 2 aggregators. */
	f->cap = 0x01000000001f0f02ULL;
	KUNIT_ASSERT_EQ(test, rpkg_hw_probe(&hw, 1), 0);
	rpkg_fake_check(test, want, ARRAY_SIZE(want));
	KUNIT_EXPECT_EQ(test, hw.naggr, 2);
	KUNIT_EXPECT_EQ(test, hw.nclosid, 16);
	KUNIT_EXPECT_EQ(test, hw.nrmid, 32);

	/* More CLOSIDs and RMIDs than the registers address: clamped. */
	f->cap = 0x01000000ffffff01ULL;
	KUNIT_ASSERT_EQ(test, rpkg_hw_probe(&hw, 0), 0);
	KUNIT_EXPECT_EQ(test, hw.naggr, 1);
	KUNIT_EXPECT_EQ(test, hw.nclosid, 64);
	KUNIT_EXPECT_EQ(test, hw.nrmid, 1024);
}

static void rpkg_probe_refuses(struct kunit *test)
{
	struct rpkg_fake *f = test->priv;
	struct rpkg_hw hw = { .regs = &rpkg_trap_regs };

	f->cap = 0x02000000001f0f02ULL;		/* an unknown version */
	KUNIT_EXPECT_EQ(test, rpkg_hw_probe(&hw, 0), -ENODEV);
	f->cap = 0x01000000001f0f00ULL;		/* no aggregator */
	KUNIT_EXPECT_EQ(test, rpkg_hw_probe(&hw, 0), -ENODEV);
	f->cap = 0x01000000001f0f02ULL;
	f->fail_msr = 0xd70;			/* no such register */
	KUNIT_EXPECT_EQ(test, rpkg_hw_probe(&hw, 0), -ENODEV);
	KUNIT_EXPECT_EQ(test, f->nr_log, 3);
}

static void rpkg_prio_write_on_socket(struct kunit *test)
{
	static const struct rpkg_fake_access want[] = {
		FAKE_WR(1, 0xd83, 0x105),	/* level 5, restrained */
		FAKE_WR(0, 0xd80, 0xf),		/* level 15: unrestrained */
		FAKE_WR(1, 0xd8f, 0x100),	/* level 0 of the last CLOSID */
		FAKE_WR(0, 0xd83, 0x10e),
	};
	struct rpkg_hw hw;

	rpkg_fake_hw(&hw);
	KUNIT_EXPECT_EQ(test, rpkg_hw_set_prio(&hw, 1, 3, 5), 0);
	KUNIT_EXPECT_EQ(test, rpkg_hw_set_prio(&hw, 0, 0, 15), 0);
	KUNIT_EXPECT_EQ(test, rpkg_hw_set_prio(&hw, 1, 15, 0), 0);
	KUNIT_EXPECT_EQ(test, rpkg_hw_set_prio(&hw, 0, 3, 14), 0);
	rpkg_fake_check(test, want, ARRAY_SIZE(want));
}

static void rpkg_prio_refuses(struct kunit *test)
{
	static const struct rpkg_fake_access want[] = { FAKE_WR(1, 0xd82, 0x107) };
	struct rpkg_fake *f = test->priv;
	struct rpkg_hw hw;

	rpkg_fake_hw(&hw);
	KUNIT_EXPECT_EQ(test, rpkg_hw_set_prio(&hw, 0, 16, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, rpkg_hw_set_prio(&hw, 0, 1, 16), -EINVAL);
	rpkg_fake_check(test, NULL, 0);
	f->fail_msr = 0xd82;
	KUNIT_EXPECT_EQ(test, rpkg_hw_set_prio(&hw, 1, 2, 7), -EIO);
	rpkg_fake_check(test, want, ARRAY_SIZE(want));
}

static void rpkg_count_sums_aggregators(struct kunit *test)
{
	/* Event 1 (activity) of RMID 5 in package 1, aggregators 0 and 1. */
	static const struct rpkg_fake_access want[] = {
		FAKE_WR(1, 0xd71, 0x0000000500000001ULL),
		FAKE_RD(1, 0xd72),
		FAKE_WR(1, 0xd71, 0x0001000500000001ULL),
		FAKE_RD(1, 0xd72),
	};
	struct rpkg_fake *f = test->priv;
	struct rpkg_hw hw;
	u64 count = 0;

	rpkg_fake_hw(&hw);
	/* 1.5 and 0.25 with 18 fractional bits, valid. */
	rpkg_fake_counter(f, 0x0000000500000001ULL, BIT_ULL(63) | 0x60000);
	rpkg_fake_counter(f, 0x0001000500000001ULL, BIT_ULL(63) | 0x10000);
	KUNIT_EXPECT_EQ(test, rpkg_hw_read_count(&hw, 1, 5, 1, &count), 0);
	rpkg_fake_check(test, want, ARRAY_SIZE(want));
	KUNIT_EXPECT_EQ(test, count, 0x70000);	/* 1.75 */
}

static void rpkg_count_not_valid(struct kunit *test)
{
	static const struct rpkg_fake_access first[] = {
		FAKE_WR(0, 0xd71, 0x0000001f00000000ULL),
		FAKE_RD(0, 0xd72),
	};
	struct rpkg_fake *f = test->priv;
	struct rpkg_hw hw;
	u64 count = 42;

	rpkg_fake_hw(&hw);
	/* Aggregator 1 has no valid count of core_energy for RMID 31. */
	rpkg_fake_counter(f, 0x0000001f00000000ULL, BIT_ULL(63) | 0x40000);
	rpkg_fake_counter(f, 0x0001001f00000000ULL, 0x40000);
	KUNIT_EXPECT_EQ(test, rpkg_hw_read_count(&hw, 0, 31, 0, &count), -ENODATA);
	KUNIT_EXPECT_EQ(test, f->nr_log, 4);
	KUNIT_EXPECT_EQ(test, count, 42);

	/* Aggregator 0 has none: aggregator 1 is not read. */
	f->nr_log = 0;
	f->ctr_val[0] = 0x40000;
	f->ctr_val[1] = BIT_ULL(63) | 0x40000;
	KUNIT_EXPECT_EQ(test, rpkg_hw_read_count(&hw, 0, 31, 0, &count), -ENODATA);
	rpkg_fake_check(test, first, ARRAY_SIZE(first));
	KUNIT_EXPECT_EQ(test, count, 42);
}

static void rpkg_count_is_63_bits(struct kunit *test)
{
	struct rpkg_fake *f = test->priv;
	struct rpkg_hw hw;
	u64 count = 0;

	rpkg_fake_hw(&hw);
	hw.naggr = 1;
	rpkg_fake_counter(f, 0, BIT_ULL(63) | BIT_ULL(62) | 1);
	KUNIT_EXPECT_EQ(test, rpkg_hw_read_count(&hw, 0, 0, 0, &count), 0);
	KUNIT_EXPECT_EQ(test, count, BIT_ULL(62) | 1);
	KUNIT_EXPECT_EQ(test, f->nr_log, 2);
}

static void rpkg_count_refuses(struct kunit *test)
{
	struct rpkg_fake *f = test->priv;
	struct rpkg_hw hw;
	u64 count = 7;

	rpkg_fake_hw(&hw);
	KUNIT_EXPECT_EQ(test, rpkg_hw_read_count(&hw, 0, 32, 0, &count), -EINVAL);
	KUNIT_EXPECT_EQ(test, rpkg_hw_read_count(&hw, 0, 0, 2, &count), -EINVAL);
	rpkg_fake_check(test, NULL, 0);

	rpkg_fake_counter(f, 0, BIT_ULL(63) | 1);
	f->fail_msr = 0xd72;
	KUNIT_EXPECT_EQ(test, rpkg_hw_read_count(&hw, 0, 0, 0, &count), -EIO);
	KUNIT_EXPECT_EQ(test, f->nr_log, 2);
	f->nr_log = 0;
	f->fail_msr = 0xd71;
	KUNIT_EXPECT_EQ(test, rpkg_hw_read_count(&hw, 0, 0, 0, &count), -EIO);
	KUNIT_EXPECT_EQ(test, f->nr_log, 1);
	KUNIT_EXPECT_EQ(test, count, 7);
}

static struct kunit_case rpkg_hw_cases[] = {
	KUNIT_CASE(rpkg_probe_reads_cap),
	KUNIT_CASE(rpkg_probe_refuses),
	KUNIT_CASE(rpkg_prio_write_on_socket),
	KUNIT_CASE(rpkg_prio_refuses),
	KUNIT_CASE(rpkg_count_sums_aggregators),
	KUNIT_CASE(rpkg_count_not_valid),
	KUNIT_CASE(rpkg_count_is_63_bits),
	KUNIT_CASE(rpkg_count_refuses),
	{}
};

static struct kunit_suite rpkg_hw_suite = {
	.name = "resctrl_pkg_hw",
	.init = rpkg_fake_init,
	.test_cases = rpkg_hw_cases,
};

kunit_test_suite(rpkg_hw_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests of the resctrl_pkg driver's register access");
