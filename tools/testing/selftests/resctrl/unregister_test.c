// SPDX-License-Identifier: GPL-2.0
/*
 * Unregistration under load: threads read mon_data, info and group files
 * of a resource, and write its schemata line, in a loop while the
 * simulator makes every callback slow; the resource is unregistered, then
 * the driver module is removed, while resctrl stays mounted with groups.
 * Unregistration must return, the readers must get errors and nothing
 * else, and the filesystem must keep working.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rctl_util.h"

#define MON_FILE "mon_data/mon_UR_00/occ"

struct worker {
	char path[256];
	/* What a successful read gives, NULL for anything. */
	const char *want;
	/* Keep one descriptor open and read it from the start each time. */
	bool keep_open;
	/* Write schemata instead of reading. */
	bool writer;
	pthread_t thread;
	unsigned long ok;
	unsigned long failed;
	/* errno of the last operation, 0 if it succeeded. */
	int last_err;
	/* An errno other than the expected ones, 0 if none. */
	int bad_err;
	char bad_text[64];
};

static int stop;

static bool stopping(void)
{
	return __atomic_load_n(&stop, __ATOMIC_RELAXED);
}

static void note_result(struct worker *w, int err, const char *text)
{
	if (!err) {
		w->ok++;
		w->last_err = 0;
		if (w->want && strcmp(text, w->want) && !w->bad_text[0])
			snprintf(w->bad_text, sizeof(w->bad_text), "%s", text);
		return;
	}
	w->failed++;
	w->last_err = err;
	if (w->writer ? err != EINVAL && err != ENODEV && err != ENOENT :
			err != ENODEV && err != ENOENT)
		w->bad_err = err;
}

static void *work(void *arg)
{
	static const char * const writes[] = { "UR:0=f\n", "UR:0=f0\n" };
	struct worker *w = arg;
	unsigned int i = 0;
	char buf[256];
	int fd = -1;
	ssize_t n;

	while (!stopping()) {
		if (w->writer) {
			n = rctl_write(w->path, writes[i++ % 2]);
			note_result(w, n < 0 ? -n : 0, "");
			continue;
		}
		if (fd < 0)
			fd = open(w->path, O_RDONLY);
		if (fd < 0) {
			note_result(w, errno, "");
			continue;
		}
		n = lseek(fd, 0, SEEK_SET);
		if (!n)
			n = read(fd, buf, sizeof(buf) - 1);
		if (n >= 0)
			buf[n] = '\0';
		note_result(w, n < 0 ? errno : 0, buf);
		/* A file that failed may be back under the same name. */
		if (!w->keep_open || n < 0) {
			close(fd);
			fd = -1;
		}
	}
	if (fd >= 0)
		close(fd);
	return NULL;
}

enum {
	ROOT_MON,
	G1_MON,
	M1_MON,
	INFO_DRV,
	INFO_MASK,
	INFO_MON,
	GROUP_FILE,
	WRITER,
	NR_WORKERS
};

static struct worker workers[NR_WORKERS];

static void set_worker(int i, const char *rel, const char *want, bool keep_open)
{
	snprintf(workers[i].path, sizeof(workers[i].path), RCTL_ROOT "/%s", rel);
	workers[i].want = want;
	workers[i].keep_open = keep_open;
	workers[i].writer = i == WRITER;
}

static bool start_workers(void)
{
	bool ok = true;
	int i;

	__atomic_store_n(&stop, 0, __ATOMIC_RELAXED);
	for (i = 0; i < NR_WORKERS; i++) {
		workers[i].ok = 0;
		workers[i].failed = 0;
		workers[i].last_err = 0;
		workers[i].bad_err = 0;
		workers[i].bad_text[0] = '\0';
		if (pthread_create(&workers[i].thread, NULL, work, &workers[i])) {
			ksft_print_msg("pthread_create failed\n");
			workers[i].thread = 0;
			ok = false;
		}
	}
	return ok;
}

static void stop_workers(void)
{
	int i;

	__atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
	for (i = 0; i < NR_WORKERS; i++) {
		if (workers[i].thread)
			pthread_join(workers[i].thread, NULL);
		workers[i].thread = 0;
	}
}

/* Whether workers @first..@last all succeeded at least once. */
static bool workers_did_work(int first, int last)
{
	bool ok = true;
	int i;

	for (i = first; i <= last; i++) {
		if (!workers[i].ok) {
			ksft_print_msg("%s: no successful access (last error %s)\n",
				       workers[i].path, strerror(workers[i].last_err));
			ok = false;
		}
	}
	return ok;
}

/*
 * Whether workers @first..@last got only the expected errors and right
 * contents, and (with @must_fail) failed at the end.
 */
static bool workers_clean(int first, int last, bool must_fail)
{
	bool ok = true;
	int i;

	for (i = first; i <= last; i++) {
		struct worker *w = &workers[i];

		if (w->bad_err || w->bad_text[0] || (must_fail && !w->last_err)) {
			ksft_print_msg("%s: %lu ok, %lu failed, last error %s\n",
				       w->path, w->ok, w->failed,
				       strerror(w->last_err));
			ksft_print_msg("%s: unexpected error %s, unexpected text \"%s\"\n",
				       w->path, strerror(w->bad_err), w->bad_text);
			ok = false;
		}
	}
	return ok;
}

static bool workers_ended_cleanly(int first, int last)
{
	return workers_clean(first, last, true);
}

/*
 * Wait until each of workers @first..@last has succeeded once (@failed
 * false) or is failing (@failed true). The deadline only keeps a broken
 * kernel from hanging the test; the checks that follow decide.
 */
static void wait_workers(int first, int last, bool failed)
{
	int i, waited;

	for (waited = 0; waited < 60000; waited += 10) {
		for (i = first; i <= last; i++) {
			struct worker *w = &workers[i];

			if (failed ? !__atomic_load_n(&w->last_err, __ATOMIC_RELAXED) :
				     !__atomic_load_n(&w->ok, __ATOMIC_RELAXED))
				break;
		}
		if (i > last)
			return;
		usleep(10000);
	}
}

static int add_ur(void)
{
	return sim_add("UR", "ctrl=bitmask", "scope=l3", "cbm_len=8",
		       "num_closid=4", "num_rmid=8", "events=occ",
		       "info_file=uinfo", "group_file=ugroup", NULL) ?:
	       sim_counter("UR", 0, 0, "occ", "1234");
}

static void test_setup(void)
{
	int ret;

	ret = add_ur() ?: rctl_mount(NULL) ?: rctl_mkdir(rp("g1")) ?:
	      rctl_mkdir(rp("g1/mon_groups/m1")) ?:
	      rctl_write(rp("g1/schemata"), "UR:1=3\n") ?:
	      sim_dbg_write("UR", "delay_ms", "20\n");
	ksft_test_result(!ret, "a resource with slow callbacks, mounted, with groups (%s)\n",
			 strerror(-ret));
}

/* The workers use the files of g2, a group about to be removed. */
static void test_rmdir_busy(void)
{
	bool ok;
	int ret;

	ret = rctl_mkdir(rp("g2")) ?: rctl_mkdir(rp("g2/mon_groups/m"));
	set_worker(ROOT_MON, "g2/" MON_FILE, "0\n", true);
	set_worker(G1_MON, "g2/mon_groups/m/mon_data/mon_UR_01/occ", "0\n", false);
	set_worker(M1_MON, "g2/mon_groups/m/tasks", "", true);
	set_worker(INFO_DRV, "g2/cpus_list", "\n", true);
	set_worker(INFO_MASK, "g2/schemata", NULL, false);
	set_worker(INFO_MON, "g2/mon_groups/m/cpus", NULL, true);
	set_worker(GROUP_FILE, "g2/ugroup", "none\n", true);
	set_worker(WRITER, "g2/schemata", NULL, false);
	ok = !ret && start_workers();
	wait_workers(0, NR_WORKERS - 1, false);
	ksft_test_result(ok && workers_did_work(0, NR_WORKERS - 1),
			 "the files of a control group and its monitor group are used in a loop (%s)\n",
			 strerror(-ret));
	ret = rctl_rmdir(rp("g2"));
	wait_workers(0, NR_WORKERS - 1, true);
	stop_workers();
	ksft_test_result(!ret && !rctl_exists(rp("g2")),
			 "the control group is removed while its files are in use\n");
	ksft_test_result(workers_ended_cleanly(0, NR_WORKERS - 1),
			 "its readers and writers get ENODEV or ENOENT\n");
}

static void set_resource_workers(void)
{
	set_worker(ROOT_MON, MON_FILE, "1234\n", true);
	set_worker(G1_MON, "g1/mon_data/mon_UR_01/occ", "0\n", false);
	set_worker(M1_MON, "g1/mon_groups/m1/" MON_FILE, "0\n", true);
	set_worker(INFO_DRV, "info/UR/uinfo", "simulated UR\n", true);
	set_worker(INFO_MASK, "info/UR/cbm_mask", "ff\n", false);
	set_worker(INFO_MON, "info/UR_MON/mon_features", "occ\n", true);
	set_worker(GROUP_FILE, "g1/ugroup", "none\n", true);
	set_worker(WRITER, "g1/schemata", NULL, false);
}

static void test_unregister(void)
{
	int old, ret;
	char buf[64];
	bool ok;

	ok = start_workers();
	wait_workers(0, NR_WORKERS - 1, false);
	ksft_test_result(ok && workers_did_work(0, NR_WORKERS - 1),
			 "every file of the resource is read and written in a loop\n");

	old = open(rp(MON_FILE), O_RDONLY);
	ret = sim_live("UR", false);
	ksft_test_result(!ret, "unregistration returns while its files are in use (%s)\n",
			 strerror(-ret));
	wait_workers(0, NR_WORKERS - 1, true);
	stop_workers();
	ksft_test_result(workers_ended_cleanly(ROOT_MON, M1_MON),
			 "readers of mon_data files get only their counts, then ENODEV or ENOENT\n");
	ksft_test_result(workers_ended_cleanly(INFO_DRV, INFO_MON),
			 "readers of info files get only their contents, then ENODEV or ENOENT\n");
	ksft_test_result(workers_ended_cleanly(GROUP_FILE, GROUP_FILE),
			 "a reader of the driver's group file gets ENODEV or ENOENT\n");
	ksft_test_result(workers_ended_cleanly(WRITER, WRITER) &&
			 rctl_reads(rp("g1/schemata"), "") &&
			 rctl_status_is("Unknown or unsupported resource name 'UR'\n"),
			 "schemata writes stop with EINVAL, explained\n");
	ksft_test_result(sim_violations("UR") == 0,
			 "no callback of the resource runs after unregistration returned\n");

	ret = sim_live("UR", true);
	ksft_test_result(!ret && old >= 0 && lseek(old, 0, SEEK_SET) <= 0 &&
			 read(old, buf, sizeof(buf)) < 0 && errno == ENODEV &&
			 rctl_reads(rp(MON_FILE), "1234\n") &&
			 rctl_reads(rp("g1/schemata"), "UR:0=ff;1=ff\n"),
			 "registered again: a file opened before stays dead, the new one reads\n");
	if (old >= 0)
		close(old);
}

/* The resource comes and goes while its files are used. */
static void test_churn(void)
{
	int i, ret = 0;
	bool ok;

	ok = !sim_dbg_write("UR", "delay_ms", "1\n") && start_workers();
	for (i = 0; i < 10 && !ret; i++) {
		usleep(50000);
		ret = sim_live("UR", false);
		usleep(20000);
		ret = ret ?: sim_live("UR", true);
	}
	wait_workers(0, NR_WORKERS - 1, false);
	stop_workers();
	ksft_test_result(ok && !ret && i == 10,
			 "registration and unregistration ten times while the files are used (%s)\n",
			 strerror(-ret));
	ksft_test_result(workers_clean(0, NR_WORKERS - 1, false) &&
			 workers_did_work(0, NR_WORKERS - 1),
			 "the users see their contents, or ENODEV or ENOENT (EINVAL for writes)\n");
	ksft_test_result(sim_violations("UR") == 0 &&
			 rctl_dir_is(rp("g1/mon_groups/m1/mon_data"), "mon_UR_00 mon_UR_01"),
			 "no callback of an unregistered resource runs; its files are back\n");
}

static void test_rmmod(void)
{
	char status[128] = "";
	bool ok;
	int ret;

	ret = rctl_write(rp("g1/schemata"), "UR:0=3c\n") ?:
	      sim_dbg_write("UR", "delay_ms", "20\n");
	ok = start_workers();
	wait_workers(ROOT_MON, GROUP_FILE, false);
	ksft_test_result(!ret && ok && workers_did_work(ROOT_MON, GROUP_FILE),
			 "the resource is in use again\n");
	ret = sim_remove("UR") ?: sim_unload();
	ksft_test_result(!ret && !rctl_exists("/sys/module/resctrl_sim"),
			 "the driver module is removed while resctrl is mounted with groups (%s)\n",
			 strerror(-ret));
	wait_workers(0, NR_WORKERS - 1, true);
	stop_workers();
	ksft_test_result(workers_ended_cleanly(0, NR_WORKERS - 1),
			 "every reader and writer gets only errors it can expect\n");
	ksft_test_result(rctl_reads(rp("schemata"), "") &&
			 rctl_reads(rp("g1/schemata"), "") &&
			 rctl_dir_is(rp("info"), "last_cmd_status") &&
			 rctl_dir_is(rp("g1/mon_groups/m1/mon_data"), "") &&
			 rctl_dir_is(rp("g1"),
				     "cpus cpus_list mode schemata size tasks mon_data mon_groups"),
			 "the resource is gone from every group; the groups stay\n");
	ksft_test_result(rctl_group_has_task(RCTL_ROOT, getpid()) &&
			 rctl_reads(rp("g1/tasks"), "") &&
			 rctl_reads(rp("g1/mon_groups/m1/tasks"), ""),
			 "tasks files read\n");
	ksft_test_result(rctl_mkdir(rp("g2")) == -EPERM &&
			 rctl_status_is("No allocation resource for a control group\n"),
			 "mkdir of a control group is refused and explained\n");
	ret = rctl_mkdir(rp("g1/mon_groups/m2"));
	rctl_read(rp("info/last_cmd_status"), status, sizeof(status));
	ksft_test_result(ret == -EPERM && strcmp(status, "ok\n"),
			 "mkdir of a monitor group is refused and explained (%s)\n",
			 strtok(status, "\n") ?: "");
	ret = sim_load() ?: add_ur();
	ksft_test_result(!ret && rctl_reads(rp("g1/schemata"), "UR:0=ff;1=ff\n") &&
			 rctl_dir_is(rp("g1/mon_groups/m1/mon_data"), "mon_UR_00 mon_UR_01") &&
			 rctl_reads(rp("g1/mon_groups/m1/" MON_FILE), "0\n") &&
			 rctl_reads(rp(MON_FILE), "1234\n"),
			 "the driver loaded again brings its files back to the groups\n");
	ksft_test_result(!rctl_mkdir(rp("g2")) && !rctl_rmdir(rp("g2")) &&
			 !rctl_rmdir(rp("g1/mon_groups/m1")) && !rctl_rmdir(rp("g1")),
			 "groups are made and removed\n");
}

/*
 * Loops of the race test; each counts the iterations that fully worked.
 * The group loop works only while mounted and registered.
 */
static void *mount_loop(void *arg)
{
	unsigned long *done = arg;

	while (!stopping()) {
		if (!rctl_umount() && !rctl_mount(NULL))
			__atomic_add_fetch(done, 1, __ATOMIC_RELAXED);
		usleep(20000);
	}
	return NULL;
}

static void *live_loop(void *arg)
{
	char path[] = SIM_CFG "/UR/live";
	unsigned long *done = arg;

	while (!stopping()) {
		if (!rctl_write(path, "0\n") && !usleep(5000) &&
		    !rctl_write(path, "1\n"))
			__atomic_add_fetch(done, 1, __ATOMIC_RELAXED);
		usleep(15000);
	}
	return NULL;
}

static void *group_loop(void *arg)
{
	char dir[] = RCTL_ROOT "/gr", mon[] = RCTL_ROOT "/gr/mon_groups/m";
	char schemata[] = RCTL_ROOT "/gr/schemata";
	char occ[] = RCTL_ROOT "/gr/mon_groups/m/" MON_FILE;
	unsigned long *done = arg;
	char buf[64];

	while (!stopping()) {
		if (!rctl_mkdir(dir) && !rctl_mkdir(mon) &&
		    !rctl_write(schemata, "UR:1=3\n") &&
		    rctl_read(occ, buf, sizeof(buf)) > 0)
			__atomic_add_fetch(done, 1, __ATOMIC_RELAXED);
		rctl_rmdir(dir);
	}
	return NULL;
}

/* Mount, unmount, registration and groups, all at once. */
static void test_races(void)
{
	void *(*loops[])(void *) = { mount_loop, live_loop, group_loop };
	unsigned long done[ARRAY_SIZE(loops)] = {};
	pthread_t threads[ARRAY_SIZE(loops)];
	unsigned int i, started = 0;

	__atomic_store_n(&stop, 0, __ATOMIC_RELAXED);
	for (i = 0; i < ARRAY_SIZE(loops); i++)
		if (!pthread_create(&threads[i], NULL, loops[i], &done[i]))
			started |= 1 << i;
	/* Some seconds of races, and enough rounds of each even on a slow VM. */
	sleep(3);
	for (i = 0; i < 600 && (__atomic_load_n(&done[0], __ATOMIC_RELAXED) < 5 ||
				__atomic_load_n(&done[1], __ATOMIC_RELAXED) < 5); i++)
		usleep(100000);
	__atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
	for (i = 0; i < ARRAY_SIZE(loops); i++)
		if (started & (1 << i))
			pthread_join(threads[i], NULL);
	ksft_print_msg("%lu remounts, %lu registrations, %lu groups\n",
		       done[0], done[1], done[2]);
	ksft_test_result(started == 7 && done[0] && done[1],
			 "mount, unmount, registration and group changes run concurrently\n");
	rctl_umount();
	sim_remove("UR");
	ksft_test_result(!add_ur() && !rctl_mount(NULL) &&
			 rctl_reads(rp("schemata"), "UR:0=ff;1=ff\n") &&
			 !rctl_mkdir(rp("g1")) &&
			 rctl_reads(rp("g1/schemata"), "UR:0=ff;1=ff\n") &&
			 rctl_reads(rp(MON_FILE), "1234\n"),
			 "afterwards the filesystem and the resource work\n");
}

int main(void)
{
	static const struct rctl_fixture fx = {
		.plan = 1 + 3 + 8 + 3 + 9 + 2,
		.sim = true,
	};

	rctl_start(&fx);

	test_setup();
	test_rmdir_busy();
	set_resource_workers();
	test_unregister();
	test_churn();
	test_rmmod();
	test_races();
	rctl_finish();
}
