// SPDX-License-Identifier: GPL-2.0
/*
 * The fake RDT machine behind the backend's KUnit suites (see
 * rdt_kunit.h). The replacements find the machine through the running
 * test, so each test has its own and nothing leaks into the next.
 */
#include <kunit/resource.h>
#include <kunit/static_stub.h>
#include <kunit/test.h>
#include <linux/string.h>

#include <asm/msr-index.h>

#include "rdt_kunit.h"

static struct x86_rdt_fake *x86_rdt_fake_of_test(void)
{
	struct kunit *test = kunit_get_current_test();

	return test ? test->priv : NULL;
}

static void x86_rdt_fake_log(struct x86_rdt_fake *f, bool write, u32 msr,
			     u64 val)
{
	if (f->nr_log < ARRAY_SIZE(f->log)) {
		f->log[f->nr_log].write = write;
		f->log[f->nr_log].msr = msr;
		f->log[f->nr_log].val = val;
	}
	f->nr_log++;
}

static void x86_rdt_fake_wrmsr(u32 msr, u64 val)
{
	x86_rdt_fake_log(x86_rdt_fake_of_test(), true, msr, val);
}

/* Only the counter is ever read; anything else reads as zero. */
static u64 x86_rdt_fake_rdmsr(u32 msr)
{
	struct x86_rdt_fake *f = x86_rdt_fake_of_test();
	u64 val = 0;

	if (msr == MSR_IA32_QM_CTR && f->next_count < f->nr_counts)
		val = f->counts[f->next_count++];
	x86_rdt_fake_log(f, false, msr, val);
	return val;
}

static void x86_rdt_fake_cpuid(u32 leaf, u32 subleaf,
			       struct x86_rdt_cpuid_regs *regs)
{
	struct x86_rdt_fake *f = x86_rdt_fake_of_test();
	unsigned int i;

	memset(regs, 0, sizeof(*regs));
	for (i = 0; i < f->nr_leaves; i++)
		if (f->leaves[i].leaf == leaf && f->leaves[i].subleaf == subleaf)
			*regs = f->leaves[i].regs;
}

static bool x86_rdt_fake_cpu_has(unsigned int feature)
{
	struct x86_rdt_fake *f = x86_rdt_fake_of_test();

	return feature < NCAPINTS * 32 && test_bit(feature, f->features);
}

/**
 * x86_rdt_fake_start() - give the running test a fake machine
 * @test: the test
 *
 * The machine has no feature, no CPUID leaf and no counter value until
 * the test sets them. It becomes @test->priv.
 *
 * Return: the machine; the test fails and stops if it cannot be made.
 */
struct x86_rdt_fake *x86_rdt_fake_start(struct kunit *test)
{
	struct x86_rdt_fake *f;

	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f);
	test->priv = f;
	kunit_activate_static_stub(test, x86_rdt_wrmsr, x86_rdt_fake_wrmsr);
	kunit_activate_static_stub(test, x86_rdt_rdmsr, x86_rdt_fake_rdmsr);
	kunit_activate_static_stub(test, x86_rdt_cpuid, x86_rdt_fake_cpuid);
	kunit_activate_static_stub(test, x86_rdt_cpu_has, x86_rdt_fake_cpu_has);
	return f;
}

/**
 * x86_rdt_fake_leaf() - set what a CPUID leaf answers
 * @f: the machine
 * @leaf: EAX in
 * @subleaf: ECX in
 * @eax: EAX out
 * @ebx: EBX out
 * @ecx: ECX out
 * @edx: EDX out
 */
void x86_rdt_fake_leaf(struct x86_rdt_fake *f, u32 leaf, u32 subleaf,
		       u32 eax, u32 ebx, u32 ecx, u32 edx)
{
	struct x86_rdt_fake_leaf *l;

	if (WARN_ON(f->nr_leaves >= ARRAY_SIZE(f->leaves)))
		return;
	l = &f->leaves[f->nr_leaves++];
	l->leaf = leaf;
	l->subleaf = subleaf;
	l->regs.eax = eax;
	l->regs.ebx = ebx;
	l->regs.ecx = ecx;
	l->regs.edx = edx;
}

/**
 * x86_rdt_fake_count() - queue what the next read of IA32_QM_CTR returns
 * @f: the machine
 * @val: the raw counter, status bits included
 */
void x86_rdt_fake_count(struct x86_rdt_fake *f, u64 val)
{
	if (WARN_ON(f->nr_counts >= ARRAY_SIZE(f->counts)))
		return;
	f->counts[f->nr_counts++] = val;
}

/**
 * x86_rdt_fake_check() - expect exactly these MSR accesses, in order
 * @test: the test
 * @want: the accesses; the value of a read is not compared
 * @n: entries in @want, 0 for no access at all
 *
 * The log is emptied, so the next check sees only later accesses.
 */
void x86_rdt_fake_check(struct kunit *test, const struct x86_rdt_fake_access *want,
			unsigned int n)
{
	struct x86_rdt_fake *f = test->priv;
	unsigned int i;

	KUNIT_EXPECT_EQ_MSG(test, f->nr_log, n, "number of MSR accesses");
	for (i = 0; i < min3(n, f->nr_log, X86_RDT_FAKE_MAX_ACCESSES); i++) {
		KUNIT_EXPECT_EQ_MSG(test, f->log[i].write, want[i].write,
				    "access %u: write or read", i);
		KUNIT_EXPECT_EQ_MSG(test, f->log[i].msr, want[i].msr,
				    "access %u: MSR", i);
		if (want[i].write)
			KUNIT_EXPECT_EQ_MSG(test, f->log[i].val, want[i].val,
					    "access %u: value written to %#x", i,
					    want[i].msr);
	}
	f->nr_log = 0;
}

KUNIT_DEFINE_ACTION_WRAPPER(x86_rdt_fake_dom_free, x86_rdt_dom_free,
			    struct x86_rdt_dom *);

/**
 * x86_rdt_fake_dom() - domain state as domain_online would make it
 * @test: the test; the state is freed when it ends
 * @res: the resource the domain belongs to
 *
 * Return: the state; the test fails and stops if it cannot be made.
 */
struct x86_rdt_dom *x86_rdt_fake_dom(struct kunit *test,
				     const struct x86_rdt_res *res)
{
	struct x86_rdt_dom *dom = x86_rdt_dom_alloc(res);

	KUNIT_ASSERT_NOT_NULL(test, dom);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							x86_rdt_fake_dom_free,
							dom), 0);
	return dom;
}

/**
 * x86_rdt_fake_enumerate() - enumerate the fake machine under rdt=
 * @test: the test; the descriptions are freed when it ends
 * @facts: vendor, model and monitoring parameters; its @opts are ignored
 * @cmdline: the value of an rdt= boot option, "" for none
 *
 * Return: X86_RDT_NUM_RES descriptions; the test stops if out of memory.
 */
struct x86_rdt_res *x86_rdt_fake_enumerate(struct kunit *test,
					   const struct x86_rdt_facts *facts,
					   const char *cmdline)
{
	struct x86_rdt_facts f = *facts;
	struct x86_rdt_res *res;

	memset(&f.opts, 0, sizeof(f.opts));
	x86_rdt_boot_parse(cmdline, &f.opts);
	res = kunit_kcalloc(test, X86_RDT_NUM_RES, sizeof(*res), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, res);
	x86_rdt_enumerate(&f, res);
	return res;
}

/**
 * x86_rdt_fake_intel_server() - make the fake machine an Intel server
 *	with every feature rdt= names on Intel
 * @f: the machine
 *
 * L3 and L2 CAT with CDP (11 bits, 16 CLOSIDs), linear MBA (90% largest
 * delay, 8 CLOSIDs), CMT and both MBM events.
 */
void x86_rdt_fake_intel_server(struct x86_rdt_fake *f)
{
	static const unsigned int features[] = {
		X86_FEATURE_RDT_A, X86_FEATURE_CAT_L3, X86_FEATURE_CDP_L3,
		X86_FEATURE_CAT_L2, X86_FEATURE_CDP_L2, X86_FEATURE_MBA,
		X86_FEATURE_CQM_LLC, X86_FEATURE_CQM_OCCUP_LLC,
		X86_FEATURE_CQM_MBM_TOTAL, X86_FEATURE_CQM_MBM_LOCAL,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(features); i++)
		__set_bit(features[i], f->features);
	x86_rdt_fake_leaf(f, 0x10, 1, 0x0a, 0, 0x4, 0x0f);
	x86_rdt_fake_leaf(f, 0x10, 2, 0x0a, 0, 0x4, 0x0f);
	x86_rdt_fake_leaf(f, 0x10, 3, 0x59, 0, 0x4, 0x07);
}
