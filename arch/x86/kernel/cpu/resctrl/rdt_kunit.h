/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A fake RDT machine for the backend's KUnit suites: the accessors of
 * msr.c are redirected to it, so a test sees every MSR access the code
 * makes, in order, and decides what CPUID, the feature flags and
 * IA32_QM_CTR answer.
 */
#ifndef _X86_KERNEL_CPU_RESCTRL_RDT_KUNIT_H
#define _X86_KERNEL_CPU_RESCTRL_RDT_KUNIT_H

#include <kunit/test.h>
#include <linux/bitmap.h>

#include <asm/cpufeatures.h>

#include "internal.h"

#define X86_RDT_FAKE_MAX_ACCESSES	48
#define X86_RDT_FAKE_MAX_LEAVES		8
#define X86_RDT_FAKE_MAX_COUNTS		8

/**
 * struct x86_rdt_fake_access - one MSR access the code made
 * @write: a write, not a read
 * @msr: the MSR
 * @val: what was written, or what the read returned
 */
struct x86_rdt_fake_access {
	bool write;
	u32 msr;
	u64 val;
};

/* Expected accesses, for x86_rdt_fake_check(). */
#define X86_RDT_WR(m, v)	{ .write = true, .msr = (m), .val = (v) }
#define X86_RDT_RD(m)		{ .write = false, .msr = (m) }

/**
 * struct x86_rdt_fake_leaf - what CPUID answers for one leaf and sub-leaf
 * @leaf: EAX in
 * @subleaf: ECX in
 * @regs: the answer
 */
struct x86_rdt_fake_leaf {
	u32 leaf;
	u32 subleaf;
	struct x86_rdt_cpuid_regs regs;
};

/**
 * struct x86_rdt_fake - the fake machine of the running test
 * @log: the MSR accesses since the last check
 * @nr_log: entries in @log, counting those that did not fit
 * @leaves: the CPUID leaves that answer; others read as zeroes
 * @nr_leaves: entries in @leaves
 * @counts: what successive reads of IA32_QM_CTR return
 * @nr_counts: entries in @counts
 * @next_count: the entry the next read returns
 * @features: the feature flags the boot CPU has
 */
struct x86_rdt_fake {
	struct x86_rdt_fake_access log[X86_RDT_FAKE_MAX_ACCESSES];
	unsigned int nr_log;
	struct x86_rdt_fake_leaf leaves[X86_RDT_FAKE_MAX_LEAVES];
	unsigned int nr_leaves;
	u64 counts[X86_RDT_FAKE_MAX_COUNTS];
	unsigned int nr_counts;
	unsigned int next_count;
	DECLARE_BITMAP(features, NCAPINTS * 32);
};

struct x86_rdt_fake *x86_rdt_fake_start(struct kunit *test);
void x86_rdt_fake_leaf(struct x86_rdt_fake *f, u32 leaf, u32 subleaf,
		       u32 eax, u32 ebx, u32 ecx, u32 edx);
void x86_rdt_fake_count(struct x86_rdt_fake *f, u64 val);
void x86_rdt_fake_check(struct kunit *test, const struct x86_rdt_fake_access *want,
			unsigned int n);
struct x86_rdt_dom *x86_rdt_fake_dom(struct kunit *test,
				     const struct x86_rdt_res *res);
void x86_rdt_fake_intel_server(struct x86_rdt_fake *f);
struct x86_rdt_res *x86_rdt_fake_enumerate(struct kunit *test,
					   const struct x86_rdt_facts *facts,
					   const char *cmdline);

#endif /* _X86_KERNEL_CPU_RESCTRL_RDT_KUNIT_H */
