// SPDX-License-Identifier: GPL-2.0
/*
 * The mba_MBps mount option and its software controller, against the
 * simulator: an L3 with mbm_total_bytes and mbm_local_bytes, and an MB
 * percentage, both at L3 scope.
 *
 * When the mount is refused; the MBps schemata line (default 4294967295,
 * any u32, upstream's messages); the controller stepping the percentage
 * the simulator is given down while a group's counts (its monitor
 * groups' included) grow far above its target, leaving it alone while
 * they cannot be read, and back up to the maximum when they stand still;
 * the local count preferred over the total; resources unregistered while
 * mounted; the percentages back at unmount; other providers at another
 * scope.
 *
 * The controller runs once a second: the tests wait for what it does
 * with a generous deadline, feeding the counters meanwhile, and never
 * assert how long it took.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "rctl_util.h"

#define RANGE_INFO "bandwidth_gran delay_linear min_bandwidth num_closids resource_schemata"

#define UNLIMITED "4294967295"
#define DEFAULT_MB "MB:0=" UNLIMITED ";1=" UNLIMITED "\n"
#define MOUNT_REFUSED "mba_MBps requires local MBM and linear scale MBA at L3 scope"
/* Deadline for what the controller does, in tenths of a second. */
#define DEADLINE (90 * 10)
/* What a fed counter grows by each tenth of a second: 10 GiB/s. */
#define FEED (1024ULL * 1024 * 1024)

static int add_l3(const char *events)
{
	return sim_add("L3", "ctrl=bitmask", "scope=l3", "num_closid=8", "cbm_len=11",
		       "num_rmid=16", rpath("events=%s", events), NULL);
}

static int add_mb(const char *linear)
{
	return sim_add("MB", "ctrl=percent", "scope=l3", "num_closid=8", "min=10",
		       "max=100", "granularity=10", linear, NULL);
}

/* The number in @path (ctrl_hw_id, mon_hw_id), or -1. */
static long hw_id(const char *path)
{
	char buf[32];

	if (rctl_read(path, buf, sizeof(buf)) <= 0)
		return -1;
	return strtol(buf, NULL, 10);
}

static bool mount_refused(const char *opts, const char *why)
{
	int ret = rctl_mount(opts);

	if (ret != -EINVAL) {
		ksft_print_msg("%s: mount -o %s: %s\n", why, opts,
			       ret ? strerror(-ret) : "mounted");
		if (!ret)
			rctl_umount();
		return false;
	}
	return true;
}

/* fsconfig(2) commands, spelt out: libc headers disagree on them. */
#define SET_FLAG 0

/*
 * Whether fsconfig(2) refuses the flag mba_MBps with EINVAL and logs
 * upstream's words in the context's log.
 */
static bool fsconfig_refused(void)
{
	char msg[256] = "";
	int fd, ret, err;
	ssize_t n;

	fd = syscall(__NR_fsopen, "resctrl", 0);
	if (fd < 0) {
		ksft_print_msg("fsopen: %s\n", strerror(errno));
		return false;
	}
	ret = syscall(__NR_fsconfig, fd, SET_FLAG, "mba_MBps", NULL, 0);
	err = errno;
	n = read(fd, msg, sizeof(msg) - 1);
	close(fd);
	msg[n > 0 ? n : 0] = '\0';
	if (ret != -1 || err != EINVAL || strcmp(msg, "e resctrl: " MOUNT_REFUSED "\n")) {
		ksft_print_msg("fsconfig mba_MBps: %d (%s), log \"%s\"\n", ret,
			       strerror(err), msg);
		return false;
	}
	return true;
}

static void test_refused(void)
{
	bool ok;

	ok = !add_mb(NULL) && mount_refused("mba_MBps", "MB alone") && fsconfig_refused();
	ok &= !sim_add("PKM", "ctrl=none", "scope=package", "num_rmid=16",
		       "events=mbm_local_bytes", NULL) &&
	      mount_refused("mba_MBps", "local bytes at package scope");
	ok &= !add_l3("llc_occupancy") && mount_refused("mba_MBps", "occupancy only");
	ksft_test_result(ok,
			 "mba_MBps is refused (EINVAL) without a bandwidth count at MB's scope\n");

	ok = !sim_live("L3", false) &&
	     !sim_set("L3", "events", "llc_occupancy,mbm_total_bytes,mbm_local_bytes") &&
	     !sim_live("L3", true) &&
	     !sim_live("MB", false) && !sim_set("MB", "delay_linear", "0") &&
	     !sim_live("MB", true) && mount_refused("mba_MBps", "non-linear MB");
	ok &= !sim_live("MB", false) && !sim_set("MB", "delay_linear", "1") &&
	      !sim_live("MB", true) && !sim_remove("PKM");
	/* Known at mount only: the option comes before the hide. */
	ok &= mount_refused("mba_MBps,hide=L3", "L3 hidden");
	ksft_test_result(ok, "nor with a non-linear MB, or with the source hidden\n");
}

static void test_percent_mount(void)
{
	int ret = rctl_mount(NULL);

	ksft_test_result(!ret && !rctl_mount_has_option("mba_MBps") &&
			 rctl_reads(rp("schemata"), "L3:0=7ff;1=7ff\nMB:0=100;1=100\n") &&
			 rctl_write_fails(rp("schemata"), "MB:0=2048\n", EINVAL,
					  "MB value 2048 out of range [10,100]\n") &&
			 !rctl_umount(),
			 "without mba_MBps MB takes percentages (%s)\n", strerror(-ret));
}

static long g1_closid, g1_rmid, m1_rmid, g2_closid, g2_rmid;

static void test_mbps_mount(void)
{
	int ret = rctl_mount("mba_MBps,debug");

	ksft_test_result(!ret && rctl_mount_has_option("mba_MBps") &&
			 rctl_reads(rp("schemata"), "L3:0=7ff;1=7ff\n" DEFAULT_MB),
			 "mba_MBps: MB shows MBps, 4294967295 by default (%s)\n",
			 strerror(-ret));
	ksft_test_result(rctl_dir_is(rp("info/MB"),
				     RANGE_INFO) &&
			 rctl_reads(rp("info/MB/min_bandwidth"), "10\n") &&
			 rctl_reads(rp("info/MB/bandwidth_gran"), "10\n") &&
			 rctl_reads(rp("info/MB/delay_linear"), "1\n"),
			 "info/MB still describes the hardware's percentages\n");

	ksft_test_result(!rctl_write(rp("schemata"), "MB:0=2048\n") &&
			 !rctl_write(rp("schemata"), "MB:1=0\n") &&
			 rctl_reads(rp("schemata"), "L3:0=7ff;1=7ff\nMB:0=2048;1=  0\n") &&
			 !rctl_write(rp("schemata"), "MB:1=4294967295\n") &&
			 rctl_reads(rp("schemata"),
				    "L3:0=7ff;1=7ff\nMB:0=2048;1=" UNLIMITED "\n") &&
			 sim_programmed_is("MB", 0, 0, "0x64"),
			 "any u32 is a target, padded as upstream; the hardware keeps its percentage\n");
	ksft_test_result(rctl_write_fails(rp("schemata"), "MB:0=4294967296\n", EINVAL,
					  "Invalid MB value 4294967296\n") &&
			 rctl_write_fails(rp("schemata"), "MB:0=abc\n", EINVAL,
					  "Invalid MB value abc\n") &&
			 rctl_write_fails(rp("schemata"), "MB:0=-1\n", EINVAL,
					  "Invalid MB value -1\n") &&
			 rctl_write_fails(rp("schemata"), "MB:0=5;1=x\n", EINVAL,
					  "Invalid MB value x\n") &&
			 rctl_reads(rp("schemata"),
				    "L3:0=7ff;1=7ff\nMB:0=2048;1=" UNLIMITED "\n"),
			 "bad targets are refused with upstream's message; nothing changes\n");

	ret = rctl_mkdir(rp("g1")) ?: rctl_mkdir(rp("g1/mon_groups/m1")) ?:
	      rctl_mkdir(rp("g2"));
	g1_closid = hw_id(rp("g1/ctrl_hw_id"));
	g1_rmid = hw_id(rp("g1/mon_hw_id"));
	m1_rmid = hw_id(rp("g1/mon_groups/m1/mon_hw_id"));
	g2_closid = hw_id(rp("g2/ctrl_hw_id"));
	g2_rmid = hw_id(rp("g2/mon_hw_id"));
	ksft_test_result(!ret && g1_closid > 0 && g1_rmid > 0 && m1_rmid > 0 &&
			 g2_closid > 0 && g2_rmid > 0 &&
			 rctl_reads(rp("g1/schemata"), "L3:0=7ff;1=7ff\n" DEFAULT_MB) &&
			 !rctl_write(rp("g1/schemata"), "MB:0=100\n") &&
			 !rctl_write(rp("g2/schemata"), "MB:0=100\n") &&
			 rctl_reads(rp("g1/schemata"),
				    "L3:0=7ff;1=7ff\nMB:0=100;1=" UNLIMITED "\n"),
			 "new groups start unlimited and take targets (%s)\n", strerror(-ret));
}

/* The counters the tests feed: each grows by FEED every tenth of a second. */
struct feed {
	long rmid;
	const char *event;
	unsigned long long val;
};

static struct feed feeds[4];
static unsigned int nr_feeds;

static void feed_set(unsigned int n, ...)
{
	va_list ap;
	unsigned int i;

	va_start(ap, n);
	for (i = 0; i < n && i < ARRAY_SIZE(feeds); i++) {
		feeds[i].rmid = va_arg(ap, long);
		feeds[i].event = va_arg(ap, const char *);
		feeds[i].val = 0;
	}
	va_end(ap);
	nr_feeds = i;
}

static void feed_all(void)
{
	unsigned int i;

	for (i = 0; i < nr_feeds; i++) {
		feeds[i].val += FEED;
		sim_counter("L3", 0, feeds[i].rmid, feeds[i].event,
			    rpath("%llu", feeds[i].val));
	}
}

/* MB's percentage in domain @dom for @closid, as the simulator has it. */
static long long pct(int dom, long closid)
{
	return sim_programmed_val("MB", dom, closid);
}

/* Feed the counters until @closid is at most @most (or at least @least). */
static bool wait_pct(long closid, long long most, long long least)
{
	long long v = -1;
	int i;

	for (i = 0; i < DEADLINE; i++) {
		feed_all();
		v = pct(0, closid);
		if (v >= 0 && v <= most && v >= least)
			return true;
		usleep(100000);
	}
	ksft_print_msg("CLOSID %ld: MB domain 0 at %lld, waited for [%lld,%lld]\n",
		       closid, v, least, most);
	return false;
}

static void test_controller(void)
{
	long long frozen;
	bool ok;

	/*
	 * g1's traffic is its monitor group's, counted locally; g2's only
	 * in the total, which the controller does not use while a local
	 * count exists.
	 */
	feed_set(2, m1_rmid, "mbm_local_bytes", g2_rmid, "mbm_total_bytes");
	ok = wait_pct(g1_closid, 50, 0);
	ksft_test_result(ok && pct(1, g1_closid) == 100 && pct(0, 0) == 100 &&
			 pct(0, g2_closid) == 100,
			 "far above its target (its monitor group's counts) g1 steps down; other domains and groups do not\n");

	/* g1's counts cannot be read: it stays put while g2 moves. */
	ok = !sim_counter("L3", 0, m1_rmid, "mbm_local_bytes", "error");
	feed_set(1, g2_rmid, "mbm_local_bytes");
	ok = ok && wait_pct(g2_closid, 90, 0);
	frozen = pct(0, g1_closid);
	ok = ok && wait_pct(g2_closid, 60, 0);
	ksft_test_result(ok && frozen < 100 && pct(0, g1_closid) == frozen,
			 "while its count reads Error g1 keeps %lld%%\n", frozen);

	/* Counts standing still: both climb back to the maximum. */
	ok = !sim_counter("L3", 0, m1_rmid, "mbm_local_bytes", "1");
	feed_set(0);
	ok = ok && wait_pct(g1_closid, 100, 100) && wait_pct(g2_closid, 100, 100);
	ksft_test_result(ok, "with no traffic both climb back to 100%%\n");

	/* Throttle g1 again, then unmount: percentages back to 100. */
	feed_set(1, g1_rmid, "mbm_local_bytes");
	ok = wait_pct(g1_closid, 90, 0);
	feed_set(0);
	ok &= !rctl_umount() && sim_programmed_is("MB", 0, g1_closid, "0x64") &&
	      !rctl_mount(NULL) &&
	      rctl_reads(rp("schemata"), "L3:0=7ff;1=7ff\nMB:0=100;1=100\n") &&
	      !rctl_umount();
	ksft_test_result(ok, "unmount puts the percentages back; the next mount shows them\n");
}

static void test_unregister(void)
{
	long closid;
	bool ok;

	ok = !rctl_mount("mba_MBps,debug") && !rctl_mkdir(rp("g1")) &&
	     !rctl_write(rp("schemata"), "MB:0=500\n");
	closid = hw_id(rp("g1/ctrl_hw_id"));
	ok &= !sim_live("MB", false) && rctl_reads(rp("schemata"), "L3:0=7ff;1=7ff\n");
	/* Let the controller run without MB. */
	sleep(2);
	ok &= !sim_live("MB", true) &&
	      rctl_reads(rp("g1/schemata"), "L3:0=7ff;1=7ff\n" DEFAULT_MB) &&
	      rctl_reads(rp("schemata"), "L3:0=7ff;1=7ff\n" DEFAULT_MB);
	ksft_test_result(ok, "MB unregistered and back while mounted: MBps again, defaults\n");

	ok = !rctl_write(rp("g1/schemata"), "MB:0=100\n") && closid > 0;
	feed_set(1, hw_id(rp("g1/mon_hw_id")), "mbm_local_bytes");
	ok = ok && wait_pct(closid, 90, 0);
	feed_set(0);
	ksft_test_result(ok, "the controller steers the MB registered again\n");

	ok = !sim_live("L3", false) &&
	     rctl_reads(rp("g1/schemata"), "MB:0=100;1=" UNLIMITED "\n") &&
	     !rctl_write(rp("g1/schemata"), "MB:1=300\n") &&
	     rctl_reads(rp("g1/schemata"), "MB:0=100;1=300\n");
	sleep(2);
	/* A resource registered again comes last. */
	ok &= !sim_live("L3", true) &&
	      rctl_reads(rp("g1/schemata"), "MB:0=100;1=300\nL3:0=7ff;1=7ff\n");
	ksft_test_result(ok, "L3 unregistered and back while mounted: MB keeps its MBps targets\n");

	ok = !rctl_umount();
	ok &= sim_programmed_is("MB", 0, closid, "0x64") &&
	      sim_programmed_is("MB", 1, closid, "0x64");
	ksft_test_result(ok, "unmount puts every percentage back\n");
}

/* Any provider: a node-scope control measured by a node-scope total. */
static void test_other_scope(void)
{
	bool ok;

	ok = !sim_add("NBW", "ctrl=percent", "scope=node", "num_closid=8", NULL) &&
	     !sim_add("NMON", "ctrl=none", "scope=node", "num_rmid=16",
		      "events=mbm_total_bytes", NULL) &&
	     !sim_add("PBW", "ctrl=percent", "scope=package", "num_closid=8", NULL) &&
	     !rctl_mount("mba_MBps");
	ksft_test_result(ok &&
			 rctl_expect_line(rp("schemata"), "NBW:0=" UNLIMITED ";1=" UNLIMITED) &&
			 rctl_expect_line(rp("schemata"), " MB:0=" UNLIMITED ";1=" UNLIMITED) &&
			 rctl_expect_line(rp("schemata"), "PBW:0=100;1=100") &&
			 !rctl_umount(),
			 "a node-scope percentage with a node-scope total is steered; one without a source is not\n");
}

int main(void)
{
	static const struct rctl_fixture fx = {
		.plan = 2 + 1 + 5 + 4 + 4 + 1,
		.sim = true,
		.sims = { "MB", "L3" },
	};

	rctl_start(&fx);

	test_refused();
	test_percent_mount();
	test_mbps_mount();
	test_controller();
	test_unregister();
	test_other_scope();
	rctl_finish();
}
