// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the IDs the context switch loads into IA32_PQR_ASSOC,
 * with the MSR write redirected to a recorder.
 */
#include <kunit/static_stub.h>
#include <kunit/test.h>
#include <linux/preempt.h>
#include <linux/sched.h>

#include <asm/resctrl.h>

static u64 pqr_writes[8];
static unsigned int pqr_nr_writes;

static void pqr_record_write(u64 val)
{
	if (pqr_nr_writes < ARRAY_SIZE(pqr_writes))
		pqr_writes[pqr_nr_writes] = val;
	pqr_nr_writes++;
	this_cpu_write(x86_pqr.loaded, val);
}

static bool pqr_is_present(void)
{
	return true;
}

/* Switch @tsk in on this CPU as __switch_to() would, IDs known. */
static void pqr_switch_to(struct task_struct *tsk, u32 closid, u32 rmid)
{
	resctrl_arch_set_task_ids(tsk, closid, rmid);
	x86_pqr_sched_in(tsk);
}

static void pqr_default_group_uses_cpu_ids(struct kunit *test)
{
	struct task_struct *tsk;
	struct x86_pqr saved;

	tsk = kunit_kzalloc(test, sizeof(*tsk), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, tsk);
	kunit_activate_static_stub(test, x86_pqr_write, pqr_record_write);
	kunit_activate_static_stub(test, x86_pqr_present, pqr_is_present);
	pqr_nr_writes = 0;

	preempt_disable();
	saved = *this_cpu_ptr(&x86_pqr);
	this_cpu_write(x86_pqr.loaded, 0);

	/* A default-group task on a CPU of the default group: nothing to do. */
	this_cpu_write(x86_pqr.cpu_ids, 0);
	pqr_switch_to(tsk, 0, 0);
	KUNIT_EXPECT_EQ(test, pqr_nr_writes, 0);

	/* The CPU was given to CLOSID 3 / RMID 7: default tasks follow it. */
	this_cpu_write(x86_pqr.cpu_ids, x86_pqr_value(3, 7));
	pqr_switch_to(tsk, 0, 0);
	/* The same IDs again: the MSR is not written twice. */
	pqr_switch_to(tsk, 0, 0);
	/* A task's own CLOSID and RMID win, each on its own. */
	pqr_switch_to(tsk, 5, 0);
	pqr_switch_to(tsk, 0, 9);
	pqr_switch_to(tsk, 5, 9);

	/*
	 * A CPU coming online writes 0 at once, as upstream (after kexec
	 * the MSR may hold anything); the next switch loads the IDs again.
	 */
	resctrl_arch_cpu_online(smp_processor_id());
	pqr_switch_to(tsk, 5, 9);
	/* Going offline writes 0 too. */
	resctrl_arch_cpu_offline(smp_processor_id());

	*this_cpu_ptr(&x86_pqr) = saved;
	preempt_enable();

	KUNIT_ASSERT_EQ(test, pqr_nr_writes, 7);
	KUNIT_EXPECT_EQ(test, pqr_writes[0], 0x0000000300000007ULL);
	KUNIT_EXPECT_EQ(test, pqr_writes[1], 0x0000000500000007ULL);
	KUNIT_EXPECT_EQ(test, pqr_writes[2], 0x0000000300000009ULL);
	KUNIT_EXPECT_EQ(test, pqr_writes[3], 0x0000000500000009ULL);
	KUNIT_EXPECT_EQ(test, pqr_writes[4], 0);
	KUNIT_EXPECT_EQ(test, pqr_writes[5], 0x0000000500000009ULL);
	KUNIT_EXPECT_EQ(test, pqr_writes[6], 0);
}

static struct kunit_case pqr_cases[] = {
	KUNIT_CASE(pqr_default_group_uses_cpu_ids),
	{}
};

static struct kunit_suite pqr_suite = {
	.name = "resctrl_x86_pqr",
	.test_cases = pqr_cases,
};

kunit_test_suite(pqr_suite);
