// SPDX-License-Identifier: GPL-2.0
/*
 * Monitoring: mon_data reads the simulator's counters per domain and
 * RMID, a control group adds up its monitor groups, counters that fail
 * read "Error" or "Unavailable", fixed-point events print as decimals;
 * monitor groups come and go, hold tasks, and give them back to their
 * control group when removed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rctl_util.h"

#define MON_DIR(grp, dom, evt) rp(grp "mon_data/mon_L3_0" #dom "/" evt)
#define M1 "g1/mon_groups/m1/"
#define M2 "g1/mon_groups/m2/"
#define G1 "g1/"
#define R1 "mon_groups/r1/"
#define ROOT ""

#define NOT_HERE "Groups can only be created at the root or in mon_groups\n"

/* RMIDs of the groups, learnt from their counts. */
static int rmid_m1 = -1, rmid_m2 = -1, rmid_g1 = -1, rmid_r1 = -1;

static int add_resources(void)
{
	return sim_add("L3", "ctrl=bitmask", "scope=l3", "num_closid=4",
		       "num_rmid=8",
		       "events=llc_occupancy,mbm_total_bytes,power:8,energy:20",
		       NULL) ?:
	       sim_add("PKM", "ctrl=none", "scope=package", "events=bytes",
		       "num_rmid=8", NULL);
}

/* The RMID whose bit @v has alone, or -1. */
static int single_rmid(long long v)
{
	if (v <= 0 || (v & (v - 1)))
		return -1;
	return __builtin_ctzll(v);
}

static void test_files(void)
{
	ksft_test_result(rctl_reads(rp("info/L3_MON/mon_features"),
				    "llc_occupancy\nmbm_total_bytes\npower\nenergy\n") &&
			 rctl_reads(rp("info/L3_MON/num_rmids"), "8\n") &&
			 rctl_dir_is(rp("info"), "last_cmd_status L3 L3_MON PKM_MON"),
			 "info/*_MON lists the events; a monitoring-only resource has no info/NAME\n");
	ksft_test_result(rctl_reads(rp("schemata"), "L3:0=fffff;1=fffff\n") &&
			 rctl_dir_is(rp("mon_data"),
				     "mon_L3_00 mon_L3_01 mon_PKM_00 mon_PKM_01") &&
			 rctl_dir_is(rp("mon_data/mon_L3_01"),
				     "llc_occupancy mbm_total_bytes power energy") &&
			 rctl_dir_is(rp("mon_data/mon_PKM_00"), "bytes"),
			 "mon_data has a directory per resource and domain; no schemata line without control\n");
}

static void test_rmids(void)
{
	long long m1, m2, g1, r1, root;
	unsigned int rmid;
	int ret;

	ret = rctl_mkdir(rp("g1")) ?: rctl_mkdir(rp(M1)) ?: rctl_mkdir(rp(M2)) ?:
	      rctl_mkdir(rp(R1));
	ksft_test_result(!ret && rctl_dir_is(rp(M1), "cpus cpus_list tasks mon_data") &&
			 rctl_dir_is(rp(R1 "mon_data"),
				     "mon_L3_00 mon_L3_01 mon_PKM_00 mon_PKM_01"),
			 "monitor groups in a control group and in the default group (%s)\n",
			 strerror(-ret));

	/* RMID r counts 2^r: a read tells whose counts it adds up. */
	for (rmid = 0; rmid < 8; rmid++)
		sim_counter("L3", 0, rmid, "mbm_total_bytes", rpath("%u", 1 << rmid));
	m1 = rctl_count(MON_DIR(M1, 0, "mbm_total_bytes"));
	m2 = rctl_count(MON_DIR(M2, 0, "mbm_total_bytes"));
	r1 = rctl_count(MON_DIR(R1, 0, "mbm_total_bytes"));
	g1 = rctl_count(MON_DIR(G1, 0, "mbm_total_bytes"));
	root = rctl_count(MON_DIR(ROOT, 0, "mbm_total_bytes"));
	rmid_m1 = single_rmid(m1);
	rmid_m2 = single_rmid(m2);
	rmid_r1 = single_rmid(r1);
	ksft_test_result(rmid_m1 > 0 && rmid_m2 > 0 && rmid_r1 > 0 &&
			 rmid_m1 != rmid_m2 && rmid_m1 != rmid_r1 && rmid_m2 != rmid_r1,
			 "each monitor group reads the counter of an RMID of its own (%d %d %d)\n",
			 rmid_m1, rmid_m2, rmid_r1);
	if (g1 > 0 && m1 > 0 && m2 > 0 && (g1 & m1) && (g1 & m2))
		rmid_g1 = single_rmid(g1 - m1 - m2);
	ksft_test_result(rmid_g1 > 0 && rmid_g1 != rmid_m1 && rmid_g1 != rmid_m2 &&
			 rmid_g1 != rmid_r1,
			 "a control group reads its own count plus its monitor groups' (%lld)\n",
			 g1);
	ksft_test_result(r1 > 0 && root == (1 | r1),
			 "the default group reads RMID 0 plus its monitor groups' (%lld)\n",
			 root);
}

static void test_values(void)
{
	if (rmid_m1 < 0 || rmid_m2 < 0 || rmid_g1 < 0 || rmid_r1 < 0) {
		ksft_print_msg("RMIDs unknown: the counters set below will not match\n");
		rmid_m1 = 1;
		rmid_m2 = 2;
		rmid_g1 = 3;
		rmid_r1 = 4;
	}
	sim_counter("L3", 0, rmid_m1, "llc_occupancy", "123456789012345");
	sim_counter("L3", 1, rmid_m1, "llc_occupancy", "42");
	ksft_test_result(rctl_reads(MON_DIR(M1, 0, "llc_occupancy"), "123456789012345\n") &&
			 rctl_reads(MON_DIR(M1, 1, "llc_occupancy"), "42\n"),
			 "a monitor group reads its counter in each domain\n");
	ksft_test_result(rctl_reads(MON_DIR(M2, 1, "llc_occupancy"), "0\n"),
			 "a counter never set reads 0\n");
	sim_counter("L3", 1, rmid_g1, "llc_occupancy", "100");
	sim_counter("L3", 1, rmid_m2, "llc_occupancy", "7");
	ksft_test_result(rctl_reads(MON_DIR(G1, 1, "llc_occupancy"), "149\n") &&
			 rctl_reads(MON_DIR(M2, 1, "llc_occupancy"), "7\n"),
			 "a control group's count is the sum of its own and its monitor groups'\n");
	sim_counter("PKM", 1, rmid_r1, "bytes", "999");
	sim_counter("PKM", 0, 0, "bytes", "1");
	ksft_test_result(rctl_reads(rp(R1 "mon_data/mon_PKM_01/bytes"), "999\n") &&
			 rctl_reads(rp("mon_data/mon_PKM_01/bytes"), "999\n") &&
			 rctl_reads(rp("mon_data/mon_PKM_00/bytes"), "1\n"),
			 "a monitoring-only resource reads per domain and RMID\n");

	sim_counter("L3", 0, rmid_m2, "llc_occupancy", "error");
	ksft_test_result(rctl_reads(MON_DIR(M2, 0, "llc_occupancy"), "Error\n") &&
			 rctl_reads(MON_DIR(M1, 0, "llc_occupancy"), "123456789012345\n"),
			 "a counter that fails reads Error\n");
	/*
	 * A control group adds the reads that succeeded and fails only when
	 * every read failed, as upstream (arch/x86/kernel/cpu/resctrl/
	 * monitor.c: mon_event_count(), "Discard error if any of the monitor
	 * event reads succeeded"; kernel bugzilla 213311).
	 */
	sim_counter("L3", 0, rmid_g1, "llc_occupancy", "5");
	ksft_test_result(rctl_reads(MON_DIR(G1, 0, "llc_occupancy"), "123456789012350\n"),
			 "a control group with a failing monitor group adds the others\n");
	sim_counter("L3", 0, rmid_g1, "llc_occupancy", "error");
	sim_counter("L3", 0, rmid_m1, "llc_occupancy", "unavailable");
	/* The last failure tells which: m2's "error", as upstream's rr->err. */
	ksft_test_result(rctl_reads(MON_DIR(G1, 0, "llc_occupancy"), "Error\n"),
			 "a control group whose every read fails reads the last failure\n");
	sim_counter("L3", 0, rmid_m1, "llc_occupancy", "123456789012345");
	sim_counter("L3", 0, rmid_g1, "llc_occupancy", "0");
	sim_counter("L3", 0, 0, "llc_occupancy", "9");
	sim_counter("L3", 0, rmid_r1, "llc_occupancy", "unavailable");
	ksft_test_result(rctl_reads(MON_DIR(R1, 0, "llc_occupancy"), "Unavailable\n") &&
			 rctl_reads(MON_DIR(ROOT, 0, "llc_occupancy"), "9\n"),
			 "a counter without data reads Unavailable; its control group adds the others\n");
	sim_counter("L3", 0, 0, "llc_occupancy", "unavailable");
	ksft_test_result(rctl_reads(MON_DIR(ROOT, 0, "llc_occupancy"), "Unavailable\n"),
			 "a control group whose reads all lack data reads Unavailable\n");
	sim_counter("L3", 0, 0, "llc_occupancy", "0");

	/* 8 fractional bits print 3 digits, 20 print 6. */
	sim_counter("L3", 1, rmid_m1, "power", rpath("%u", (5 << 8) | 128));
	sim_counter("L3", 0, rmid_m1, "power", "64");
	sim_counter("L3", 1, rmid_m1, "energy", rpath("%u", (3 << 20) | (1 << 19)));
	ksft_test_result(rctl_reads(MON_DIR(M1, 1, "power"), "5.500\n") &&
			 rctl_reads(MON_DIR(M1, 0, "power"), "0.250\n"),
			 "an event with 8 fractional bits prints 3 decimals\n");
	ksft_test_result(rctl_reads(MON_DIR(M1, 1, "energy"), "3.500000\n") &&
			 rctl_reads(MON_DIR(M2, 1, "energy"), "0.000000\n"),
			 "an event with 20 fractional bits prints 6 decimals\n");
}

/*
 * Counts start at mkdir, as upstream reads a new group's counters when it
 * makes it (arch/x86/kernel/cpu/resctrl/rdtgroup.c: mkdir_mondata_subdir(),
 * mon_event_read(..., true)): whatever the counter of the RMID it gets
 * held before, a new group reads 0, and the others keep theirs.
 */
static void test_new_group_from_zero(void)
{
	unsigned int rmid;
	bool ok = true;

	for (rmid = 0; rmid < 8; rmid++)
		ok &= !sim_counter("L3", 0, rmid, "mbm_total_bytes", "5000");
	ok &= !rctl_mkdir(rp("g1/mon_groups/fresh"));
	ksft_test_result(ok &&
			 rctl_reads(rp("g1/mon_groups/fresh/mon_data/mon_L3_00/mbm_total_bytes"),
				    "0\n") &&
			 rctl_reads(MON_DIR(M1, 0, "mbm_total_bytes"), "5000\n"),
			 "a new group's counts start from zero; the others' go on\n");
	rctl_rmdir(rp("g1/mon_groups/fresh"));
}

static void test_tasks(void)
{
	pid_t pid = rctl_spawn_task();

	ksft_test_result(pid > 0 && rctl_group_has_task(RCTL_ROOT, pid) &&
			 rctl_write_fails(rp(M1 "tasks"), rpath("%d\n", pid), EINVAL,
					  rpath("Can't move task to different control group\n"
						"Error while processing task %d\n", pid)),
			 "a task cannot move into a monitor group of another control group\n");
	ksft_test_result(!rctl_move_task(rp("g1"), pid) && !rctl_move_task(rp(M1), pid) &&
			 rctl_group_has_task(rp("g1"), pid) &&
			 rctl_group_has_task(rp(M1), pid) &&
			 !rctl_group_has_task(rp(M2), pid) &&
			 !rctl_group_has_task(RCTL_ROOT, pid) &&
			 rctl_proc_groups_are(pid, "res:g1\nmon:m1\n"),
			 "a task moves into its control group's monitor group\n");
	ksft_test_result(rctl_write_fails(rp(R1 "tasks"), rpath("%d\n", pid), EINVAL,
					  rpath("Can't move task to different control group\n"
						"Error while processing task %d\n", pid)) &&
			 rctl_group_has_task(rp(M1), pid),
			 "nor into a monitor group of the default group\n");
	ksft_test_result(!rctl_rmdir(rp(M1)) && !rctl_exists(rp(M1)) &&
			 rctl_group_has_task(rp("g1"), pid) &&
			 rctl_proc_groups_are(pid, "res:g1\nmon:\n"),
			 "removing a populated monitor group gives its tasks to the control group\n");
	ksft_test_result(!rctl_move_task(rp(M2), pid) && !rctl_rmdir(rp("g1")) &&
			 rctl_group_has_task(RCTL_ROOT, pid) &&
			 rctl_proc_groups_are(pid, "res:/\nmon:\n"),
			 "removing a control group with a populated monitor group gives its tasks back to the default group\n");
	if (pid > 0)
		rctl_kill_task(pid);
}

/* Upstream 6.12's rules for group files that tools rely on. */
static void test_upstream_rules(void)
{
	int ret;

	ksft_test_result(rctl_mkdir(rp("mon_groups/mon_groups")) == -EPERM &&
			 rctl_status_is("A monitor group cannot be named mon_groups\n") &&
			 !rctl_exists(rp("mon_groups/mon_groups")),
			 "a monitor group named mon_groups is refused and explained\n");
	ksft_test_result(rctl_write_fails(rp("tasks"), "999999\n", ESRCH,
					  "No task 999999\n"
					  "Error while processing task 999999\n"),
			 "a failed tasks write gives the reason, then the task\n");
	/* Let the RMIDs of the groups removed above leave limbo. */
	ret = sim_dbg_write("L3", "counters", "clear\n") ?:
	      rctl_mkdir(rp("g2")) ?: rctl_mkdir(rp("g2/mon_groups/c1")) ?:
	      rctl_write(rp("g2/cpus_list"), "1\n") ?:
	      rctl_write(rp("g2/mon_groups/c1/cpus_list"), "1\n");
	ksft_test_result(!ret && rctl_reads(rp("g2/mon_groups/c1/cpus_list"), "1\n") &&
			 !rctl_write(rp("g2/cpus_list"), "1-2\n") &&
			 rctl_reads(rp("g2/cpus_list"), "1-2\n") &&
			 rctl_reads(rp("g2/mon_groups/c1/cpus_list"), "\n"),
			 "a cpus write to a control group empties its monitor groups' CPUs\n");
	rctl_rmdir(rp("g2/mon_groups/c1"));
	rctl_rmdir(rp("g2"));
}

static void test_mon_groups(void)
{
	int ret = 0, n;

	ksft_test_result(rctl_mkdir(rp(R1 "x")) == -EPERM && rctl_status_is(NOT_HERE) &&
			 rctl_mkdir(rp("mon_data/x")) == -EPERM && rctl_status_is(NOT_HERE),
			 "monitor groups cannot nest, nor be made in mon_data\n");
	/*
	 * The RMIDs of the groups removed above still count occupancy and
	 * wait in limbo (see limbo_test): let them drain.
	 */
	ret = sim_dbg_write("L3", "counters", "clear\n");
	/*
	 * RMIDs 0 and r1's are in use: 6 more monitor groups fit, as the
	 * limbo worker lets the parked ones go.
	 */
	for (n = 0; n < 6 && !ret; n++)
		ret = rctl_mkdir_after_limbo(rpath(RCTL_ROOT "/mon_groups/n%d", n));
	ksft_test_result(!ret && rctl_mkdir(rp("mon_groups/n6")) == -ENOSPC &&
			 rctl_status_is("Out of RMIDs\n"),
			 "mkdir fails with ENOSPC when every RMID is in use\n");
	ksft_test_result(!rctl_rmdir(rp("mon_groups/n2")) &&
			 !rctl_mkdir_after_limbo(rp("mon_groups/n6")) &&
			 rctl_reads(rp("mon_groups/n6/mon_data/mon_PKM_00/bytes"), "0\n"),
			 "the RMID of a removed monitor group can be used again\n");
}

/*
 * An event's id is its slot under events/: with b removed, c keeps id 2
 * while the resource has two events. The simulator must still know it.
 */
static void test_event_id_gap(void)
{
	int ret;

	ret = sim_create("EG", "ctrl=none", "scope=package", "num_rmid=8",
			 "events=a,b,c", NULL) ?:
	      rctl_rmdir(SIM_CFG "/EG/events/b") ?: sim_live("EG", true) ?:
	      sim_counter("EG", 0, 0, "c", "77");
	ksft_test_result(!ret && rctl_reads(rp("mon_data/mon_EG_00/c"), "77\n") &&
			 !rctl_exists(rp("mon_data/mon_EG_00/b")) &&
			 sim_violations("EG") == 0,
			 "an event after a removed one reads its counter, no violation\n");
}

int main(void)
{
	static const struct rctl_fixture fx = {
		.plan = 1 + 2 + 4 + 11 + 1 + 5 + 3 + 3 + 1,
		.sim = true,
		.sims = { "L3", "PKM", "EG" },
	};
	int ret;

	rctl_start(&fx);

	ret = add_resources() ?: rctl_mount(NULL);
	ksft_test_result(!ret,
			 "a control and monitoring resource, a monitoring-only one, and mount (%s)\n",
			 strerror(-ret));
	test_files();
	test_rmids();
	test_values();
	test_new_group_from_zero();
	test_tasks();
	test_upstream_rules();
	test_mon_groups();
	test_event_id_gap();
	rctl_finish();
}
