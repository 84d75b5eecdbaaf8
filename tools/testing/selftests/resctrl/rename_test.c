// SPDX-License-Identifier: GPL-2.0
/*
 * rename(2) of groups: a monitor group may be renamed, or moved into the
 * mon_groups directory of another control group; it keeps its RMID, so
 * its counts go on, and it and its tasks take the new control group's
 * CLOSID. Everything else is refused with EPERM and upstream's reason in
 * info/last_cmd_status, and a refusal changes nothing.
 *
 * The IDs are checked with the debug mount option's ctrl_hw_id and
 * mon_hw_id, the tasks files and /proc/<pid>/cpu_resctrl_groups; the
 * counts with the simulator's counters, RMID r counting 2^r so that a
 * read tells which RMIDs a group adds up.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rctl_util.h"

#define NOT_MON		"Source must be a MON group\n"
#define NOT_DIRS	"Source and destination must be directories"
#define NOT_MON_GROUPS	"Destination must be a mon_groups subdirectory\n"
#define HAS_CPUS	"Cannot move a MON group that monitors CPUs\n"
#define EXISTS		"A file or group of that name exists\n"
#define NEWLINE		"Group names may not contain a newline\n"

#define NUM_RMID	16

static pid_t t1, t2, t3, t4, self;
static long closid_c1, closid_c2, rmid_m1, rmid_r1;

/* The number in @path, or -1. */
static long hw_id(const char *path)
{
	char buf[32];

	if (rctl_read(path, buf, sizeof(buf)) <= 0)
		return -1;
	return strtol(buf, NULL, 10);
}

/* rename(2) under the mount point; 0 or -errno. */
static int do_rename(const char *from, const char *to)
{
	if (rename(rp(from), rp(to)))
		return -errno;
	return 0;
}

/* rename(2) succeeds and leaves "ok" in last_cmd_status. */
static bool rename_ok(const char *from, const char *to)
{
	int ret = do_rename(from, to);

	if (ret) {
		ksft_print_msg("rename %s -> %s: %s\n", from, to, strerror(-ret));
		return false;
	}
	return rctl_status_is("ok\n") && !rctl_exists(rp(from)) &&
	       rctl_exists(rp(to));
}

/* rename(2) fails with @err and @status; neither name changed. */
static bool rename_fails(const char *from, const char *to, int err,
			 const char *status)
{
	bool existed = rctl_exists(rp(to));
	int ret = do_rename(from, to);

	if (ret != -err) {
		ksft_print_msg("rename %s -> %s: got %s, expected %s\n", from, to,
			       ret ? strerror(-ret) : "success", strerror(err));
		return false;
	}
	return rctl_status_is(status) && rctl_exists(rp(from)) &&
	       rctl_exists(rp(to)) == existed;
}

/* The tasks file of @group lists exactly these of our tasks. */
static bool has_tasks(const char *group, pid_t a, pid_t b, pid_t c, pid_t d)
{
	pid_t all[] = { t1, t2, t3, t4, self };
	unsigned int i;
	bool want, ok = true;
	char dir[256];

	/* rp()'s buffers rotate: keep the path across the calls below. */
	snprintf(dir, sizeof(dir), RCTL_ROOT "/%s", group);
	for (i = 0; i < ARRAY_SIZE(all); i++) {
		want = all[i] == a || all[i] == b || all[i] == c || all[i] == d;
		if (rctl_group_has_task(dir, all[i]) != want) {
			ksft_print_msg("%s/tasks %s task %d\n", group,
				       want ? "lacks" : "has", all[i]);
			ok = false;
		}
	}
	return ok;
}

/* What every refusal must leave as it was: m1 in c1 with its tasks. */
static bool m1_unchanged(void)
{
	return hw_id(rp("c1/mon_groups/m1/mon_hw_id")) == rmid_m1 &&
	       hw_id(rp("c1/ctrl_hw_id")) == closid_c1 &&
	       has_tasks("c1/mon_groups/m1", t1, t2, self, 0) &&
	       has_tasks("c1", t1, t2, t3, self) &&
	       has_tasks("c2", 0, 0, 0, 0) &&
	       rctl_proc_groups_are(t1, "res:c1\nmon:m1\n") &&
	       rctl_reads("/proc/self/cpu_resctrl_groups", "res:c1\nmon:m1\n") &&
	       rctl_dir_is(rp("c1/mon_groups"), "m1") &&
	       rctl_dir_is(rp("c2/mon_groups"), "busy");
}

/* Give RMID r the count 2^r in domain 0. */
static int set_counters(void)
{
	unsigned int rmid;
	int ret = 0;

	for (rmid = 0; rmid < NUM_RMID && !ret; rmid++)
		ret = sim_counter("L3", 0, rmid, "mbm_total_bytes",
				  rpath("%u", 1u << rmid));
	return ret;
}

static long long count(const char *group)
{
	return rctl_count(rpath(RCTL_ROOT "/%smon_data/mon_L3_00/mbm_total_bytes",
				group));
}

static long long bit(long rmid)
{
	return rmid < 0 ? -1 : 1LL << rmid;
}

static int setup(void)
{
	int ret;

	ret = sim_add("L3", "ctrl=bitmask", "scope=l3", "num_closid=4",
		      "num_rmid=16", "events=mbm_total_bytes", NULL) ?:
	      rctl_mount("debug") ?:
	      rctl_mkdir(rp("c1")) ?: rctl_mkdir(rp("c2")) ?:
	      rctl_mkdir(rp("c1/mon_groups/m1")) ?:
	      rctl_mkdir(rp("c2/mon_groups/busy")) ?:
	      rctl_mkdir(rp("mon_groups/r1"));
	if (ret)
		return ret;
	t1 = rctl_spawn_task();
	t2 = rctl_spawn_task();
	t3 = rctl_spawn_task();
	t4 = rctl_spawn_task();
	self = getpid();
	if (t1 < 0 || t2 < 0 || t3 < 0 || t4 < 0)
		return -ENOMEM;
	/* A monitor group takes tasks of its control group only. */
	ret = rctl_write(rp("c1/tasks"), rpath("%d,%d,%d,%d", t1, t2, t3, self)) ?:
	      rctl_write(rp("c1/mon_groups/m1/tasks"),
			 rpath("%d,%d,%d", t1, t2, self)) ?:
	      rctl_move_task(rp("mon_groups/r1"), t4);
	closid_c1 = hw_id(rp("c1/ctrl_hw_id"));
	closid_c2 = hw_id(rp("c2/ctrl_hw_id"));
	rmid_m1 = hw_id(rp("c1/mon_groups/m1/mon_hw_id"));
	rmid_r1 = hw_id(rp("mon_groups/r1/mon_hw_id"));
	if (!ret && (closid_c1 <= 0 || closid_c2 <= 0 || closid_c1 == closid_c2 ||
		     rmid_m1 <= 0 || rmid_r1 <= 0))
		ret = -EINVAL;
	return ret;
}

static void test_refusals(void)
{
	ksft_test_result(rename_fails("c1", "c3", EPERM, NOT_MON) &&
			 rename_fails("c1/mon_groups", "c2/mon_groups/mg", EPERM, NOT_MON) &&
			 rename_fails("c1/mon_groups/m1/mon_data", "c2/mon_groups/md",
				      EPERM, NOT_MON) &&
			 rename_fails("info", "c2/mon_groups/info", EPERM, NOT_MON) &&
			 m1_unchanged(),
			 "only a monitor group moves: control groups and other directories are refused\n");
	ksft_test_result(rename_fails("c1/mon_groups/m1/tasks", "c2/mon_groups/tasks",
				      EPERM, NOT_DIRS) &&
			 m1_unchanged(),
			 "a file is refused\n");
	ksft_test_result(rename_fails("c1/mon_groups/m1", "c2/m1", EPERM, NOT_MON_GROUPS) &&
			 rename_fails("c1/mon_groups/m1", "m1", EPERM, NOT_MON_GROUPS) &&
			 rename_fails("c1/mon_groups/m1", "c2/mon_groups/busy/m1", EPERM,
				      NOT_MON_GROUPS) &&
			 rename_fails("c1/mon_groups/m1", "c2/mon_data/m1", EPERM,
				      NOT_MON_GROUPS) &&
			 rename_fails("c1/mon_groups/m1", "c2/mon_groups/mon_groups",
				      EPERM, NOT_MON_GROUPS) &&
			 rename_fails("c1/mon_groups/m1", "c1/mon_groups/mon_groups",
				      EPERM, NOT_MON_GROUPS) &&
			 m1_unchanged(),
			 "the destination must be a mon_groups directory, under another name\n");
	ksft_test_result(rename_fails("c1/mon_groups/m1", "c2/mon_groups/busy",
				      EEXIST, EXISTS) &&
			 rename_fails("c1/mon_groups/m1", "c2/mon_groups/a\nb", EINVAL,
				      NEWLINE) &&
			 m1_unchanged(),
			 "an existing name or a name with a newline is refused\n");
}

static void test_cpus(void)
{
	char *online;
	int ret;

	ret = rctl_write(rp("c1/cpus_list"), "1\n") ?:
	      rctl_write(rp("c1/mon_groups/m1/cpus_list"), "1\n");
	ksft_test_result(!ret && rename_fails("c1/mon_groups/m1", "c2/mon_groups/m1",
					      EPERM, HAS_CPUS) &&
			 rctl_reads(rp("c1/mon_groups/m1/cpus_list"), "1\n") &&
			 m1_unchanged(),
			 "a monitor group with CPUs cannot leave its control group (%s)\n",
			 strerror(-ret));
	ksft_test_result(rename_ok("c1/mon_groups/m1", "c1/mon_groups/m1x") &&
			 rctl_reads(rp("c1/mon_groups/m1x/cpus_list"), "1\n") &&
			 hw_id(rp("c1/mon_groups/m1x/mon_hw_id")) == rmid_m1 &&
			 rctl_proc_groups_are(t1, "res:c1\nmon:m1x\n") &&
			 rename_ok("c1/mon_groups/m1x", "c1/mon_groups/m1") &&
			 m1_unchanged(),
			 "but it can be renamed in place, keeping its CPUs\n");
	/* The default group takes every CPU back, m1's among them. */
	online = rctl_slurp("/sys/devices/system/cpu/online");
	ret = rctl_write(rp("cpus_list"), online);
	free(online);
	ksft_test_result(!ret && rctl_reads(rp("c1/mon_groups/m1/cpus_list"), "\n"),
			 "m1 gives its CPU back (%s)\n", strerror(-ret));
}

static void test_move(void)
{
	bool ok;

	ok = !set_counters() && count("c1/mon_groups/m1/") == bit(rmid_m1);
	ok = rename_ok("c1/mon_groups/m1", "c2/mon_groups/m1") && ok;
	ksft_test_result(ok && hw_id(rp("c2/mon_groups/m1/mon_hw_id")) == rmid_m1 &&
			 rctl_dir_is(rp("c1/mon_groups"), "") &&
			 rctl_dir_is(rp("c2/mon_groups"), "busy m1"),
			 "m1 moves from c1 to c2 and keeps its RMID\n");
	ksft_test_result(has_tasks("c2/mon_groups/m1", t1, t2, self, 0) &&
			 has_tasks("c2", t1, t2, self, 0) &&
			 has_tasks("c1", t3, 0, 0, 0) &&
			 hw_id(rp("c2/ctrl_hw_id")) == closid_c2 &&
			 rctl_proc_groups_are(t1, "res:c2\nmon:m1\n") &&
			 rctl_proc_groups_are(t2, "res:c2\nmon:m1\n") &&
			 rctl_proc_groups_are(t3, "res:c1\nmon:\n") &&
			 rctl_reads("/proc/self/cpu_resctrl_groups", "res:c2\nmon:m1\n"),
			 "its tasks follow it into c2; c1's own task stays\n");
	ksft_test_result(count("c2/mon_groups/m1/") == bit(rmid_m1) &&
			 count("c2/") == bit(hw_id(rp("c2/mon_hw_id"))) +
					 bit(hw_id(rp("c2/mon_groups/busy/mon_hw_id"))) +
					 bit(rmid_m1) &&
			 count("c1/") == bit(hw_id(rp("c1/mon_hw_id"))),
			 "its counts go on, and now add up in c2, no longer in c1\n");
	/* Its tasks carry c2's CLOSID now: c2's monitor groups take them. */
	ksft_test_result(!rctl_move_task(rp("c2/mon_groups/busy"), t2) &&
			 has_tasks("c2/mon_groups/busy", t2, 0, 0, 0) &&
			 !rctl_move_task(rp("c2/mon_groups/m1"), t2) &&
			 rctl_write_fails(rp("c2/mon_groups/m1/tasks"), rpath("%d", t3),
					  EINVAL,
					  rpath("Can't move task to different control group\n"
						"Error while processing task %d\n", t3)),
			 "the tasks file of the moved group works with c2's tasks only\n");

	ksft_test_result(rename_ok("c2/mon_groups/m1", "c2/mon_groups/renamed") &&
			 hw_id(rp("c2/mon_groups/renamed/mon_hw_id")) == rmid_m1 &&
			 has_tasks("c2/mon_groups/renamed", t1, t2, self, 0) &&
			 rctl_proc_groups_are(t1, "res:c2\nmon:renamed\n") &&
			 count("c2/mon_groups/renamed/") == bit(rmid_m1),
			 "renamed in place, it keeps its RMID, tasks and counts\n");

	ksft_test_result(rename_ok("c2/mon_groups/renamed", "mon_groups/m1") &&
			 hw_id(rp("mon_groups/m1/mon_hw_id")) == rmid_m1 &&
			 has_tasks("mon_groups/m1", t1, t2, self, 0) &&
			 has_tasks("c2", 0, 0, 0, 0) &&
			 rctl_proc_groups_are(t2, "res:/\nmon:m1\n") &&
			 rctl_reads("/proc/self/cpu_resctrl_groups", "res:/\nmon:m1\n") &&
			 count("mon_groups/m1/") == bit(rmid_m1),
			 "moved into the default group's mon_groups, its tasks take CLOSID 0\n");

	ksft_test_result(rename_ok("mon_groups/r1", "c1/mon_groups/r1") &&
			 hw_id(rp("c1/mon_groups/r1/mon_hw_id")) == rmid_r1 &&
			 has_tasks("c1/mon_groups/r1", t4, 0, 0, 0) &&
			 has_tasks("c1", t3, t4, 0, 0) &&
			 rctl_proc_groups_are(t4, "res:c1\nmon:r1\n") &&
			 count("c1/") == bit(hw_id(rp("c1/mon_hw_id"))) + bit(rmid_r1),
			 "a monitor group of the default group moves into c1\n");
}

static void test_removal(void)
{
	int ret;

	ret = rctl_mkdir(rp("c1/mon_groups/m1"));
	ksft_test_result(!ret && hw_id(rp("c1/mon_groups/m1/mon_hw_id")) > 0 &&
			 hw_id(rp("c1/mon_groups/m1/mon_hw_id")) != rmid_m1,
			 "the name m1 left behind in c1 can be used again (%s)\n",
			 strerror(-ret));
	ret = rctl_rmdir(rp("c1"));
	ksft_test_result(!ret && rctl_proc_groups_are(t4, "res:/\nmon:\n") &&
			 rctl_has_line(rp("tasks"), rpath("%d", t4)),
			 "removing c1 removes the moved group; its task goes to the default group (%s)\n",
			 strerror(-ret));
	ret = rctl_rmdir(rp("mon_groups/m1"));
	ksft_test_result(!ret && rctl_proc_groups_are(t1, "res:/\nmon:\n") &&
			 rctl_reads("/proc/self/cpu_resctrl_groups", "res:/\nmon:\n"),
			 "removing the moved group gives its tasks to its new parent (%s)\n",
			 strerror(-ret));
}

#define RACE_ROUNDS	200

/*
 * A child moves "mv" between c1 and c3 while the parent removes and
 * makes c3 again: both take the groups' locks from kernfs nodes that the
 * other may be removing. Nothing may hang, and wherever mv ends up its
 * task's view agrees with the tasks files.
 */
static void test_race(void)
{
	const char *where;
	char proc[64];
	pid_t t5, child;
	int i, status, ret;

	t5 = rctl_spawn_task();
	ret = rctl_mkdir(rp("c1")) ?: rctl_mkdir(rp("c3")) ?:
	      rctl_mkdir(rp("c1/mon_groups/mv")) ?:
	      rctl_move_task(rp("c1"), t5) ?:
	      rctl_move_task(rp("c1/mon_groups/mv"), t5);
	if (ret || t5 < 0) {
		ksft_test_result_fail("race setup: %s\n", strerror(-ret));
		return;
	}
	child = fork();
	if (!child) {
		for (i = 0; i < RACE_ROUNDS; i++) {
			rename(RCTL_ROOT "/c1/mon_groups/mv", RCTL_ROOT "/c3/mon_groups/mv");
			rename(RCTL_ROOT "/c3/mon_groups/mv", RCTL_ROOT "/c1/mon_groups/mv");
		}
		_exit(0);
	}
	for (i = 0; i < RACE_ROUNDS / 4; i++) {
		rctl_rmdir(rp("c3"));
		rctl_mkdir(rp("c3"));
	}
	waitpid(child, &status, 0);

	if (rctl_exists(rp("c1/mon_groups/mv")))
		where = "c1";
	else if (rctl_exists(rp("c3/mon_groups/mv")))
		where = "c3";
	else
		where = NULL;
	if (where)
		snprintf(proc, sizeof(proc), "res:%s\nmon:mv\n", where);
	else
		snprintf(proc, sizeof(proc), "res:/\nmon:\n");
	ksft_test_result(child > 0 && WIFEXITED(status) &&
			 rctl_proc_groups_are(t5, proc) &&
			 (!where || rctl_group_has_task(rpath(RCTL_ROOT "/%s/mon_groups/mv",
							      where), t5)),
			 "renames racing with rmdir of the destination: mv ends in %s\n",
			 where ?: "the removed c3");
}

int main(void)
{
	static const struct rctl_fixture fx = {
		.plan = 19,
		.sim = true,
		.sims = { "L3" },
	};
	int ret;

	rctl_start(&fx);

	ret = setup();
	ksft_test_result(!ret && m1_unchanged(), "setup (%s)\n", strerror(-ret));
	test_refusals();
	test_cpus();
	test_move();
	test_removal();
	test_race();
	rctl_finish();
}
