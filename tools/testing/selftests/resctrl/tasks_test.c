// SPDX-License-Identifier: GPL-2.0
/*
 * Task membership across fork and exit: a child starts in its parent's
 * group, threads included, and follows the group when it is renamed or
 * removed; a task that exits leaves no trace; unmount puts every task,
 * forked before or after it joined a group, back in the default group,
 * so that a new mount's groups start empty. A process that forks all the
 * time while it is moved between groups and groups are removed leaves no
 * task with IDs the next mount does not know.
 *
 * Membership is checked with the tasks files and
 * /proc/<pid>/cpu_resctrl_groups.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rctl_util.h"

#define KIDS	3

/* A process that forks children and starts threads on request. */
static pid_t forker = -1;
static int cmd_fd = -1, reply_fd = -1;
/* What it made: KIDS child processes, then one thread of its own. */
static pid_t kids[KIDS + 1];

static void *idle_thread(void *arg)
{
	pid_t tid = syscall(SYS_gettid);

	if (write(*(int *)arg, &tid, sizeof(tid)) != sizeof(tid))
		_exit(1);
	for (;;)
		pause();
	return NULL;
}

/* The forker: 'f' forks a child, 't' starts a thread; each replies a pid. */
static void forker_main(int in, int out)
{
	pthread_t th;
	pid_t pid;
	char c;

	/* Children that exit are reaped at once, leaving no zombie. */
	signal(SIGCHLD, SIG_IGN);
	while (read(in, &c, 1) == 1) {
		if (c == 't') {
			if (pthread_create(&th, NULL, idle_thread, &out))
				_exit(1);
			continue;
		}
		pid = fork();
		if (!pid) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			for (;;)
				pause();
		}
		if (write(out, &pid, sizeof(pid)) != sizeof(pid))
			_exit(1);
	}
	_exit(0);
}

static int start_forker(void)
{
	int cmd[2], reply[2];

	if (pipe(cmd) || pipe(reply))
		return -errno;
	forker = fork();
	if (forker < 0)
		return -errno;
	if (!forker) {
		close(cmd[1]);
		close(reply[0]);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		forker_main(cmd[0], reply[1]);
	}
	close(cmd[0]);
	close(reply[1]);
	cmd_fd = cmd[1];
	reply_fd = reply[0];
	return 0;
}

/* Ask the forker for a child ('f') or a thread ('t'); its pid or -1. */
static pid_t make(char what)
{
	pid_t pid;

	if (write(cmd_fd, &what, 1) != 1 ||
	    read(reply_fd, &pid, sizeof(pid)) != sizeof(pid))
		return -1;
	return pid;
}

static void stop_forker(void)
{
	int i;

	for (i = 0; i < KIDS; i++)
		if (kids[i] > 0)
			kill(kids[i], SIGKILL);
	if (forker > 0) {
		kill(forker, SIGKILL);
		waitpid(forker, NULL, 0);
	}
	forker = -1;
}

/* Every task the forker made reports @want in cpu_resctrl_groups. */
static bool kids_in(const char *want)
{
	bool ok = rctl_proc_groups_are(forker, want);
	int i;

	for (i = 0; i <= KIDS; i++) {
		if (kids[i] <= 0)
			continue;
		if (!rctl_proc_groups_are(kids[i], want)) {
			ksft_print_msg("task %d is not in %s", kids[i], want);
			ok = false;
		}
	}
	return ok;
}

/* The tasks file of @group lists every live task the forker made. */
static bool kids_listed(const char *group)
{
	char dir[256];
	bool ok;
	int i;

	snprintf(dir, sizeof(dir), RCTL_ROOT "/%s", group);
	ok = rctl_group_has_task(dir, forker);
	for (i = 0; i <= KIDS; i++)
		if (kids[i] > 0 && !rctl_group_has_task(dir, kids[i])) {
			ksft_print_msg("%s/tasks lacks %d\n", group, kids[i]);
			ok = false;
		}
	return ok;
}

static void test_fork(void)
{
	int i;

	ksft_test_result(!start_forker() && !rctl_move_task(rp("c1"), forker) &&
			 !rctl_move_task(rp("c1/mon_groups/m1"), forker),
			 "a process joins c1/mon_groups/m1\n");
	for (i = 0; i < KIDS; i++)
		kids[i] = make('f');
	kids[KIDS] = make('t');
	ksft_test_result(kids_in("res:c1\nmon:m1\n") &&
			 kids_listed("c1/mon_groups/m1") && kids_listed("c1"),
			 "its children and its new thread start in its groups\n");
	ksft_test_result(!rename(rp("c1/mon_groups/m1"), rp("c2/mon_groups/m1")) &&
			 kids_in("res:c2\nmon:m1\n") && kids_listed("c2"),
			 "they follow the MON group to another CTRL_MON group\n");
	ksft_test_result(!rctl_rmdir(rp("c2/mon_groups/m1")) &&
			 kids_in("res:c2\nmon:\n") && kids_listed("c2"),
			 "removing the MON group leaves them in its CTRL_MON group\n");

	/* One child exits; the forker ignores SIGCHLD, so it is released. */
	kill(kids[0], SIGKILL);
	for (i = 0; i < 5000 && !access(rpath("/proc/%d", kids[0]), F_OK); i++)
		usleep(1000);
	kids[0] = 0;
	ksft_test_result(kids_in("res:c2\nmon:\n") && !rctl_rmdir(rp("c2")) &&
			 kids_in("res:/\nmon:\n") && kids_listed(""),
			 "after one exits, removing the group puts the rest in the default group\n");
}

/*
 * Tasks of groups, some forked after their parent joined, lose their IDs
 * at unmount: the next mount's first groups, which take the same
 * CLOSIDs and RMIDs, start empty.
 */
static void test_umount(void)
{
	bool moved;
	int i;

	/* A tasks write moves one thread: the forker's thread goes too. */
	moved = !rctl_move_task(rp("c1"), forker) &&
		!rctl_move_task(rp("c1"), kids[KIDS]);
	for (i = 1; i < KIDS; i++)
		kids[i] = make('f');
	moved = moved && !rctl_mkdir(rp("c1/mon_groups/m2")) &&
		!rctl_move_task(rp("c1/mon_groups/m2"), kids[1]) &&
		kids_listed("c1");
	ksft_test_result(moved, "tasks forked in c1, one moved to its MON group\n");
	ksft_test_result(!rctl_umount() && kids_in("res:\nmon:\n") &&
			 !rctl_mount("debug") && kids_in("res:/\nmon:\n"),
			 "after unmount and mount they are in the default group\n");
	ksft_test_result(!rctl_mkdir(rp("c1")) &&
			 !rctl_mkdir(rp("c1/mon_groups/m2")) &&
			 rctl_reads(rp("c1/tasks"), "") &&
			 rctl_reads(rp("c1/mon_groups/m2/tasks"), ""),
			 "the new mount's groups start empty\n");
	stop_forker();
}

/* The pids of every thread of the system, at most @max; -1 on error. */
static int all_threads(pid_t *tids, int max)
{
	struct dirent *p, *t;
	DIR *proc, *task;
	int n = 0;

	proc = opendir("/proc");
	if (!proc)
		return -1;
	while ((p = readdir(proc)) && n < max) {
		if (p->d_name[0] < '1' || p->d_name[0] > '9')
			continue;
		task = opendir(rpath("/proc/%s/task", p->d_name));
		if (!task)
			continue;
		while ((t = readdir(task)) && n < max)
			if (t->d_name[0] >= '1' && t->d_name[0] <= '9')
				tids[n++] = atoi(t->d_name);
		closedir(task);
	}
	closedir(proc);
	return n;
}

/* A process that forks short-lived children until it is killed. */
static pid_t start_storm(void)
{
	pid_t pid = fork(), kid;

	if (pid)
		return pid;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	for (;;) {
		kid = fork();
		if (!kid)
			_exit(0);
		if (kid > 0)
			waitpid(kid, NULL, 0);
	}
}

/*
 * Move a forking process between groups and remove them under it; then
 * every thread of the system must be in the default group of the next
 * mount, none in its groups.
 */
static void test_fork_storm(void)
{
	static pid_t tids[8192];
	bool ok = true;
	pid_t storm;
	int i, n, lost = 0;

	storm = start_storm();
	for (i = 0; i < 40 && ok; i++) {
		ok = !rctl_mkdir(rp("s")) && !rctl_mkdir(rp("s/mon_groups/m")) &&
		     !rctl_move_task(rp("s"), storm) &&
		     !rctl_move_task(rp("s/mon_groups/m"), storm) &&
		     !rctl_move_task(rp("c1"), storm) &&
		     !rctl_move_task(rp("s"), storm) &&
		     !rctl_rmdir(rp("s"));
	}
	ksft_test_result(ok, "a forking process moved and its groups removed, 40 times\n");
	ok = !rctl_move_task(rp("c1"), storm) && !rctl_umount() &&
	     !rctl_mount("debug") && !rctl_mkdir(rp("c1")) &&
	     !rctl_mkdir(rp("s")) && !rctl_mkdir(rp("s/mon_groups/m"));
	kill(storm, SIGKILL);
	waitpid(storm, NULL, 0);
	n = all_threads(tids, ARRAY_SIZE(tids));
	for (i = 0; i < n; i++) {
		/* A thread that exited since it was listed is not checked. */
		if (rctl_group_has_task(RCTL_ROOT, tids[i]) ||
		    access(rpath("/proc/%d", tids[i]), F_OK))
			continue;
		ksft_print_msg("thread %d is not in the default group\n", tids[i]);
		lost++;
	}
	ksft_test_result(ok && n > 0 && !lost &&
			 rctl_reads(rp("c1/tasks"), "") &&
			 rctl_reads(rp("s/tasks"), "") &&
			 rctl_reads(rp("s/mon_groups/m/tasks"), ""),
			 "then every thread of the system is in the next mount's default group\n");
}

int main(void)
{
	static const struct rctl_fixture fx = {
		.plan = 10,
		.sim = true,
		.sims = { "L3" },
	};
	int ret;

	rctl_start(&fx);

	ret = sim_add("L3", "ctrl=bitmask", "scope=l3", "num_closid=4",
		      "num_rmid=16", "events=mbm_total_bytes", NULL) ?:
	      rctl_mount("debug") ?:
	      rctl_mkdir(rp("c1")) ?: rctl_mkdir(rp("c2")) ?:
	      rctl_mkdir(rp("c1/mon_groups/m1"));
	if (ret)
		ksft_exit_fail_msg("setup: %s\n", strerror(-ret));
	test_fork();
	test_umount();
	test_fork_storm();
	rctl_finish();
}
