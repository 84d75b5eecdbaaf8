// SPDX-License-Identifier: GPL-2.0
/*
 * Input handling as upstream 6.12's, never partial: writes longer than a
 * page, domain ids beyond an int, blanks around numbers, writes to files
 * that take none after root made them writable, directory modes, and a
 * mount racing an unmount's teardown. Every refusal is checked for its
 * errno, for last_cmd_status and for leaving every group's files and the
 * simulator's programmed values as they were.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rctl_util.h"

#define PAGE 4096
/* What a refused write leaves in last_cmd_status before each case. */
#define MARK "Unknown or unsupported mode\n"

static const char * const sims[] = { "L3" };

/* Everything a write could change. */
/* Not the default group's tasks: kernel threads come and go there. */
static const char * const state_files[] = {
	"schemata", "cpus_list", "mode",
	"g1/schemata", "g1/tasks", "g1/cpus_list", "g1/mode", "g1/drvfile",
	"g1/mon_groups/m1/tasks", "g1/mon_groups/m1/cpus_list",
	"info/L3_MON/max_threshold_occupancy",
};

static char *state(void)
{
	return rctl_state(state_files, ARRAY_SIZE(state_files), sims,
			  ARRAY_SIZE(sims));
}

static bool state_is(const char *before)
{
	char *now = state();
	bool same = rctl_state_is(before, now);

	free(now);
	return same;
}

/* Leave MARK in last_cmd_status, so that an untouched status shows. */
static void mark_status(void)
{
	rctl_write(rp("g1/mode"), "bogus\n");
}

/* One write(2) of @len bytes of @buf to @path: 0 or -errno. */
static int write_len(const char *path, const char *buf, size_t len)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, buf, len);
	if (n < 0)
		n = -errno;
	close(fd);
	if (n >= 0 && (size_t)n != len) {
		ksft_print_msg("%s: short write %zd of %zu\n", path, n, len);
		return -EMSGSIZE;
	}
	return n < 0 ? n : 0;
}

/*
 * Item 8. Upstream's files have kernfs atomic_write_len = PAGE_SIZE
 * (rdtgroup_kf_single_ops, kf_mondata_ops in rdtgroup.c), so
 * kernfs_fop_write_iter() refuses a longer write whole with -E2BIG before
 * any handler runs: last_cmd_status stays as it was.
 */
static void test_page_schemata(void)
{
	char buf[PAGE + 8], *before;
	bool ok;
	int ret;

	/* A 4,096-byte L3 line whose blanks the parser trims, then 7 bytes. */
	memset(buf, ' ', PAGE);
	memcpy(buf, "L3:0=3", 6);
	buf[PAGE - 1] = '\n';
	memcpy(buf + PAGE, "L3:1=3\n", 7);

	mark_status();
	before = state();
	ret = write_len(rp("g1/schemata"), buf, PAGE + 7);
	ok = ret == -E2BIG && rctl_status_is(MARK) && state_is(before);
	ksft_test_result(ok, "schemata: 4,096 + 7 bytes are refused whole with E2BIG (%s)\n",
			 strerror(-ret));
	free(before);

	ret = write_len(rp("g1/schemata"), buf, PAGE);
	ok = !ret && sim_programmed_is("L3", 0, 1, "0x3") &&
	     sim_programmed_is("L3", 1, 1, "0xfffff");
	ksft_test_result(ok, "its first 4,096 bytes alone are one page and are applied (%s)\n",
			 strerror(-ret));
	rctl_write(rp("g1/schemata"), "L3:0=fffff\n");
}

static void test_page_tasks(void)
{
	char buf[PAGE + 32], *before;
	pid_t a = rctl_spawn_task(), b = rctl_spawn_task();
	int ret, n, blen;
	bool ok;

	/* a, then blanks, then b with all but its first digit past the page. */
	memset(buf, ' ', sizeof(buf));
	n = sprintf(buf, "%d,", a);
	buf[n] = ' ';
	blen = snprintf(buf + PAGE - 1, 16, "%d\n", b);
	mark_status();
	before = state();
	ret = write_len(rp("g1/tasks"), buf, PAGE - 1 + blen);
	ok = a > 0 && b > 9 && ret == -E2BIG && rctl_status_is(MARK) &&
	     state_is(before) && !rctl_group_has_task(RCTL_ROOT "/g1", a) &&
	     !rctl_group_has_task(RCTL_ROOT "/g1", b);
	ksft_test_result(ok, "a tasks write cut at the page boundary moves no task: E2BIG (%s)\n",
			 strerror(-ret));
	free(before);
	rctl_kill_task(a);
	rctl_kill_task(b);
}

/* What a walk over every file of the mount found. */
static unsigned int walk_files, walk_bad;

/*
 * Call @fn for every file of the mount; pass if it checked at least 20
 * files, none was wrong and nothing changed.
 */
static void walk_check(__nftw_func_t fn, const char *what)
{
	char *before = state();

	walk_files = 0;
	walk_bad = 0;
	nftw(RCTL_ROOT, fn, 16, FTW_PHYS);
	ksft_test_result(walk_files >= 16 && !walk_bad && state_is(before),
			 "%s (%u files)\n", what, walk_files);
	free(before);
}

/* Every regular file that takes writes gets 4,096 + 7 bytes. */
static char big[PAGE + 8];

static int e2big_one(const char *path, const struct stat *st, int flag,
		     struct FTW *ftw)
{
	int ret;

	(void)ftw;
	if (flag != FTW_F || !(st->st_mode & 0200))
		return 0;
	ret = write_len(path, big, PAGE + 7);
	walk_files++;
	if (ret != -E2BIG || !rctl_status_is(MARK)) {
		ksft_print_msg("%s: %s\n", path, strerror(-ret));
		walk_bad++;
	}
	return 0;
}

static void test_page_every_file(void)
{
	memset(big, '1', sizeof(big));
	mark_status();
	walk_check(e2big_one, "every writable group and info file refuses 4,103 bytes with E2BIG");
}

/*
 * Item 9. Upstream's parse_line() (ctrlmondata.c) runs kstrtoul() on the
 * untrimmed domain id and compares it with the int ids of the domains:
 * an id of 2^32 or more matches none, and a blank before or after the id
 * is "Missing '=' or non-numeric domain". Upstream says nothing for an
 * unknown domain; this project names it (resctrl-abi.rst).
 */
static const struct {
	const char *text;
	const char *status;
} bad_schemata[] = {
	{ "L3:4294967296=3\n", "L3: no domain 4294967296\n" },
	{ "L3:4294967297=3\n", "L3: no domain 4294967297\n" },
	{ "L3:2147483648=3\n", "L3: no domain 2147483648\n" },
	{ "L3:18446744073709551616=3\n", "Missing '=' or non-numeric domain\n" },
	{ "L3: 0=3\n", "Missing '=' or non-numeric domain\n" },
	{ "L3:0 =3\n", "Missing '=' or non-numeric domain\n" },
	{ "L3:-1=3\n", "Missing '=' or non-numeric domain\n" },
	{ "L3:0=3;1 =3\n", "Missing '=' or non-numeric domain\n" },
};

static void test_numbers(void)
{
	char *before = state();
	unsigned int i;
	bool ok;

	for (i = 0; i < ARRAY_SIZE(bad_schemata); i++) {
		ok = rctl_write_fails(rp("g1/schemata"), bad_schemata[i].text, EINVAL,
				      bad_schemata[i].status) && state_is(before);
		ksft_test_result(ok, "schemata \"%.*s\" is refused, nothing changes\n",
				 (int)strlen(bad_schemata[i].text) - 1, bad_schemata[i].text);
	}
	free(before);
	/* Upstream trims the value (strim(dom) in parse_line()) and the name. */
	ok = !rctl_write(rp("g1/schemata"), " L3 :0= 3 ;1=7\n") &&
	     sim_programmed_is("L3", 0, 1, "0x3") && sim_programmed_is("L3", 1, 1, "0x7");
	ksft_test_result(ok, "blanks around the name and the value are accepted, as upstream\n");
	rctl_write(rp("g1/schemata"), "L3:0=fffff;1=fffff\n");
}

/*
 * Item 11. Upstream's group and info files share rdtgroup_kf_single_ops,
 * whose rdtgroup_file_write() returns -EINVAL for a file without a write
 * handler; its mon_data files (kf_mondata_ops) have no write operation at
 * all, so kernfs_fop_open() refuses to open them for writing (EACCES).
 */
static int ro_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	bool mon_data = strstr(path, "/mon_data/");
	char want[128];
	int ret;

	if (flag != FTW_F || (st->st_mode & 0222))
		return 0;
	walk_files++;
	if (chmod(path, (st->st_mode & 07777) | 0200)) {
		ksft_print_msg("chmod %s: %s\n", path, strerror(errno));
		walk_bad++;
		return 0;
	}
	mark_status();
	ret = write_len(path, "1\n", 2);
	snprintf(want, sizeof(want), "%s: the file is read-only\n", path + ftw->base);
	if (mon_data ? ret != -EACCES || !rctl_status_is(MARK) :
		       ret != -EINVAL || !rctl_status_is(want)) {
		ksft_print_msg("%s: %s\n", path, strerror(-ret));
		walk_bad++;
	}
	chmod(path, st->st_mode & 07777);
	return 0;
}

static void test_read_only(void)
{
	walk_check(ro_one, "every read-only file refuses a write after chmod u+w");
}

/*
 * Item 10. Upstream's root is kernfs_create_root()'s 0555, and info/, its
 * subdirectories, mon_groups and mon_data take their parent's mode
 * (rdtgroup_create_info_dir(), rdtgroup_mkdir_info_resdir(),
 * mongroup_create_dir()): 0555 under the root, a group's own mode (0755
 * from a plain mkdir) in a group.
 */
static bool mode_is(const char *path, mode_t want)
{
	struct stat st;

	if (stat(path, &st)) {
		ksft_print_msg("%s: %s\n", path, strerror(errno));
		return false;
	}
	if ((st.st_mode & 07777) != want) {
		ksft_print_msg("%s: mode %o, expected %o\n", path, st.st_mode & 07777, want);
		return false;
	}
	return true;
}

static void test_modes(void)
{
	mode_t old = umask(0);
	bool ok;

	ok = mode_is(RCTL_ROOT, 0555) & mode_is(rp("info"), 0555) &
	     mode_is(rp("info/L3"), 0555) & mode_is(rp("info/L3_MON"), 0555) &
	     mode_is(rp("mon_groups"), 0555) & mode_is(rp("mon_data"), 0555) &
	     mode_is(rp("g1"), 0755) & mode_is(rp("g1/mon_groups"), 0755) &
	     mode_is(rp("g1/mon_data"), 0755) &
	     mode_is(rp("g1/mon_groups/m1/mon_data"), 0755) &
	     /* mkdir_mondata_subdir(): the mon_data directory's mode. */
	     mode_is(rp("mon_data/mon_L3_00"), 0555) &
	     mode_is(rp("g1/mon_data/mon_L3_00"), 0755);
	ksft_test_result(ok, "directories have upstream's modes after mount\n");

	ok = mkdir(rp("g2"), 0750) == 0 && chown(rp("g2"), 1000, 1000) == 0;
	ok &= mode_is(rp("g2"), 0750) & mode_is(rp("g2/mon_groups"), 0750) &
	      mode_is(rp("g2/mon_data"), 0750);
	ok &= mode_is(rp("g2/mon_data/mon_L3_00"), 0750);
	ok = ok && mkdir(rp("g2/mon_groups/m2"), 0700) == 0 &&
	     mode_is(rp("g2/mon_groups/m2/mon_data"), 0700) &&
	     mode_is(rp("g2/mon_groups/m2/mon_data/mon_L3_00"), 0700);
	ksft_test_result(ok, "a group's subdirectories take its mode\n");
	rmdir(rp("g2"));
	umask(old);
}

/*
 * Item 12. The simulator's delay_ms makes every apply slow, so the
 * unmount's reset of every CLOSID takes a while; a mount started
 * meanwhile must wait for the teardown (or see EBUSY before it starts)
 * and then build a whole tree with its own ID pools.
 */
static void test_mount_races_umount(void)
{
	int ret = 0, status, tries;
	pid_t child;
	bool ok;

	ok = !sim_dbg_write("L3", "delay_ms", "20");
	child = fork();
	if (!child)
		_exit(rctl_umount() ? 1 : 0);
	usleep(20000);
	for (tries = 0; tries < 1000; tries++) {
		ret = rctl_mount(NULL);
		if (ret != -EBUSY)
			break;
		usleep(5000);
	}
	waitpid(child, &status, 0);
	sim_dbg_write("L3", "delay_ms", "0");
	ok &= WIFEXITED(status) && !WEXITSTATUS(status);
	ksft_test_result(ok && !ret, "a mount racing a slow unmount waits for its teardown (%s)\n",
			 strerror(-ret));
	ret = rctl_mkdir(rp("g1"));
	ok = !ret && rctl_reads(rp("g1/schemata"), "L3:0=fffff;1=fffff\n") &&
	     rctl_status_is("ok\n") && !rctl_mkdir(rp("g1/mon_groups/m1"));
	ksft_test_result(ok, "the new mount has its CLOSIDs and RMIDs (%s)\n", strerror(-ret));
}

static int setup(void)
{
	return sim_add("L3", "ctrl=bitmask", "scope=package", "num_closid=8",
		       "num_rmid=8", "cbm_len=20",
		       "events=llc_occupancy,mbm_local_bytes",
		       "info_file=drvinfo", "group_file=drvfile", NULL) ?:
	       rctl_mount(NULL) ?: rctl_mkdir(rp("g1")) ?:
	       rctl_mkdir(rp("g1/mon_groups/m1"));
}

int main(void)
{
	static const struct rctl_fixture fx = {
		.plan = 1 + 3 + 1 + ARRAY_SIZE(bad_schemata) + 1 + 1 + 2 + 2,
		.sim = true,
	};
	int ret;

	rctl_start(&fx);

	ret = setup();
	ksft_test_result(!ret, "a bitmask resource with monitoring, g1, g1/mon_groups/m1 (%s)\n",
			 strerror(-ret));
	test_page_schemata();
	test_page_tasks();
	test_page_every_file();
	test_numbers();
	test_read_only();
	test_modes();
	test_mount_races_umount();
	rctl_finish();
}
