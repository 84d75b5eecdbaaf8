// SPDX-License-Identifier: GPL-2.0
/*
 * The resctrl filesystem itself, before any driver registers a resource:
 * registration of the filesystem type, mount rules, the root group's
 * files, last_cmd_status, and the rules for tasks, cpus and mkdir/rmdir.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rctl_util.h"

#define CPU3_ONLINE "/sys/devices/system/cpu/cpu3/online"
#define NOT_HERE "Groups can only be created at the root or in mon_groups\n"

static void test_registered(void)
{
	ksft_test_result(rctl_fs_registered(), "resctrl is in /proc/filesystems\n");
	ksft_test_result(rctl_exists(RCTL_ROOT), "%s exists\n", RCTL_ROOT);
}

static void test_mount_rules(void)
{
	int ret;

	ksft_test_result(rctl_mount(NULL) == 0, "mount\n");
	ret = rctl_mount(NULL);
	ksft_test_result(ret == -EBUSY, "a second mount fails with EBUSY (%s)\n",
			 strerror(-ret));
	ret = rctl_mount("no_such_option");
	ksft_test_result(ret == -EINVAL, "an unknown option fails with EINVAL (%s)\n",
			 strerror(-ret));
}

static void test_root_files(void)
{
	static const char * const files[] = {
		"tasks", "cpus", "cpus_list", "schemata", "info/last_cmd_status",
	};
	char path[256], online[64], buf[64];
	unsigned int i;
	bool ok = true;

	for (i = 0; i < ARRAY_SIZE(files); i++) {
		snprintf(path, sizeof(path), RCTL_ROOT "/%s", files[i]);
		if (!rctl_exists(path)) {
			ksft_print_msg("missing %s\n", path);
			ok = false;
		}
	}
	ksft_test_result(ok, "the root group has its files and last_cmd_status\n");
	ksft_test_result(rctl_status_is("ok\n"), "last_cmd_status reads ok after mount\n");
	ksft_test_result(rctl_reads(RCTL_ROOT "/schemata", ""),
			 "schemata is empty while no resource exists\n");

	ok = rctl_read("/sys/devices/system/cpu/online", online, sizeof(online)) > 0 &&
	     rctl_reads(RCTL_ROOT "/cpus_list", online);
	ksft_test_result(ok, "the default group's cpus_list holds every online CPU\n");
	ok = rctl_read(RCTL_ROOT "/cpus", buf, sizeof(buf)) > 0 &&
	     strtoul(buf, NULL, 16) == (1UL << sysconf(_SC_NPROCESSORS_ONLN)) - 1;
	ksft_test_result(ok, "the default group's cpus mask holds every online CPU (%s)\n",
			 strtok(buf, "\n"));
}

static bool tasks_lists(pid_t pid)
{
	char buf[65536], want[32], *line;

	if (rctl_read(RCTL_ROOT "/tasks", buf, sizeof(buf)) < 0)
		return false;
	snprintf(want, sizeof(want), "%d", pid);
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
		if (!strcmp(line, want))
			return true;
	return false;
}

static void test_tasks(void)
{
	char text[32];

	ksft_test_result(tasks_lists(getpid()) && tasks_lists(1),
			 "the default group's tasks lists this task and init\n");
	snprintf(text, sizeof(text), "%d\n", getpid());
	ksft_test_result(rctl_write(RCTL_ROOT "/tasks", text) == 0 &&
			 rctl_status_is("ok\n"),
			 "moving a task into the group it is in succeeds\n");
	ksft_test_result(rctl_write_fails(RCTL_ROOT "/tasks", "abc\n", EINVAL,
					  "Task list parsing error pid abc\n"),
			 "a non-numeric pid is rejected and explained\n");
	ksft_test_result(rctl_write_fails(RCTL_ROOT "/tasks", "-5\n", EINVAL,
					  "Invalid pid -5\n"),
			 "a negative pid is rejected and explained\n");
	ksft_test_result(rctl_write_fails(RCTL_ROOT "/tasks", "1,999999\n", ESRCH,
					  "No task 999999\n"
					  "Error while processing task 999999\n"),
			 "a pid with no task is rejected and explained\n");
}

/*
 * As user @uid, write "@pid\n" to the default group's tasks file.
 * Return: 0 or the errno of the write; -1 if the child could not run.
 */
static int write_tasks_as(uid_t uid, pid_t pid)
{
	pid_t child;
	int status;

	child = fork();
	if (!child) {
		if (setgid(uid) || setuid(uid))
			_exit(255);
		_exit(-rctl_write(RCTL_ROOT "/tasks", rpath("%d\n", pid ?: getpid())));
	}
	if (child < 0 || waitpid(child, &status, 0) != child || !WIFEXITED(status) ||
	    WEXITSTATUS(status) == 255)
		return -1;
	return WEXITSTATUS(status);
}

/* Only root may move another user's task; anyone may move their own. */
static void test_task_permission(void)
{
	char want[128];
	int ret;

	ret = chmod(RCTL_ROOT "/tasks", 0666) ? errno : write_tasks_as(65534, 0);
	ksft_test_result(!ret && rctl_status_is("ok\n"),
			 "a user may move a task of their own (%d)\n", ret);
	snprintf(want, sizeof(want),
		 "No permission to move task %d\nError while processing task %d\n",
		 getpid(), getpid());
	ksft_test_result(write_tasks_as(65534, getpid()) == EPERM && rctl_status_is(want),
			 "moving another user's task fails with EPERM, explained\n");
	chmod(RCTL_ROOT "/tasks", 0644);
}

static void test_cpus(void)
{
	ksft_test_result(rctl_write_fails(RCTL_ROOT "/cpus_list", "0\n", EINVAL,
					  "Can't drop CPUs from default group\n"),
			 "CPUs cannot be dropped from the default group\n");
	ksft_test_result(rctl_write_fails(RCTL_ROOT "/cpus_list", "zz\n", EINVAL,
					  "Bad CPU list/mask\n"),
			 "a bad CPU list is rejected and explained\n");
	ksft_test_result(rctl_write_fails(RCTL_ROOT "/cpus", "xyz\n", EINVAL,
					  "Bad CPU list/mask\n"),
			 "a bad CPU mask is rejected and explained\n");
	ksft_test_result(rctl_write_fails(RCTL_ROOT "/cpus_list", "0-4095\n", ERANGE,
					  "Bad CPU list/mask\n"),
			 "CPUs beyond the possible ones are rejected and explained\n");
	/* An offline CPU leaves the default group and cannot be assigned. */
	ksft_test_result(rctl_write(CPU3_ONLINE, "0\n") == 0 &&
			 rctl_reads(RCTL_ROOT "/cpus_list", "0-2\n") &&
			 rctl_write_fails(RCTL_ROOT "/cpus_list", "0-3\n", EINVAL,
					  "Can only assign online CPUs\n"),
			 "offline CPUs leave the group, and are rejected and explained\n");
	ksft_test_result(rctl_write(CPU3_ONLINE, "1\n") == 0 &&
			 rctl_reads(RCTL_ROOT "/cpus_list", "0-3\n"),
			 "a CPU that comes online joins the default group\n");
	ksft_test_result(rctl_write(RCTL_ROOT "/cpus", "f\n") == 0 &&
			 rctl_status_is("ok\n") &&
			 rctl_reads(RCTL_ROOT "/cpus_list", "0-3\n"),
			 "writing every online CPU to the default group succeeds\n");
}

static void test_groups(void)
{
	int ret;

	ret = mkdir(RCTL_ROOT "/g1", 0755) ? -errno : 0;
	ksft_test_result(ret == -EPERM && !rctl_exists(RCTL_ROOT "/g1") &&
			 rctl_status_is("No allocation resource for a control group\n"),
			 "mkdir of a control group is refused while no allocation resource exists\n");
	ret = mkdir(RCTL_ROOT "/info/x", 0755) ? -errno : 0;
	ksft_test_result(ret == -EPERM &&
			 rctl_status_is(NOT_HERE),
			 "mkdir in info/ is refused and explained\n");
	ret = rmdir(RCTL_ROOT "/info") ? -errno : 0;
	ksft_test_result(ret == -EPERM &&
			 rctl_status_is("Only control and monitor groups can be removed\n"),
			 "rmdir of info/ is refused and explained\n");
}

static void test_schemata(void)
{
	ksft_test_result(rctl_write_fails(RCTL_ROOT "/schemata", "L3:0=ff\n", EINVAL,
					  "Unknown or unsupported resource name 'L3'\n"),
			 "a line for an unknown resource is rejected and explained\n");
	ksft_test_result(rctl_write_fails(RCTL_ROOT "/schemata", "garbage\n", EINVAL,
					  "Missing ':'\n"),
			 "a line without ':' is rejected and explained\n");
	ksft_test_result(rctl_write_fails(RCTL_ROOT "/schemata", "L3:\n", EINVAL,
					  "Missing 'L3' value\n"),
			 "a line without values is rejected and explained\n");
	ksft_test_result(rctl_reads(RCTL_ROOT "/schemata", ""),
			 "rejected writes leave schemata unchanged\n");
}

static void test_proc_and_umount(void)
{
	ksft_test_result(rctl_reads("/proc/self/cpu_resctrl_groups", "res:/\nmon:\n"),
			 "/proc/self/cpu_resctrl_groups names the default group while mounted\n");
	ksft_test_result(rctl_umount() == 0, "umount\n");
	ksft_test_result(rctl_reads("/proc/self/cpu_resctrl_groups", "res:\nmon:\n"),
			 "/proc/self/cpu_resctrl_groups is empty while unmounted\n");
	ksft_test_result(rctl_mount(NULL) == 0 &&
			 rctl_write(RCTL_ROOT "/schemata", "x\n") == -EINVAL &&
			 rctl_umount() == 0 && rctl_mount(NULL) == 0 &&
			 rctl_status_is("ok\n") && rctl_umount() == 0,
			 "mount again after umount, with a fresh last_cmd_status\n");
}

int main(void)
{
	static const struct rctl_fixture fx = { .plan = 35 };

	rctl_start(&fx);

	test_registered();
	test_mount_rules();
	test_root_files();
	test_tasks();
	test_task_permission();
	test_cpus();
	test_groups();
	test_schemata();
	test_proc_and_umount();
	rctl_finish();
}
