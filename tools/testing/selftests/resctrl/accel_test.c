// SPDX-License-Identifier: GPL-2.0
/*
 * The accelerator QoS driver pair: accel_example, a parent driver that
 * publishes accelerator instances on the auxiliary bus with simulated
 * registers in debugfs, and resctrl_accel, which binds to them and
 * provides the resource ACCEL in mounts given "-o accel".
 *
 * Values written to schemata must reach the share register of the
 * group's CLOSID on the right instance, as the parent reports it; the
 * mon_data files must count the group's RMID from the parent's counters;
 * and unbinding the parent or one instance, or unloading either module,
 * while mounted with groups must take ACCEL away cleanly and bring it
 * back with default values (one instance unbound and bound again gets
 * back its groups' values).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rctl_util.h"

#define AEX_DBG		"/sys/kernel/debug/accel_example"
#define AEX_DRV		"/sys/bus/platform/drivers/accel_example"
#define AEX_PARAMS	"/sys/module/accel_example/parameters"
#define QOS_DRV		"/sys/bus/auxiliary/drivers/resctrl_accel.qos"
#define AUX_DEVS	"/sys/bus/auxiliary/devices"
#define QOS_NAME	"accel_example.qos"

static int unload(const char *mod)
{
	if (syscall(__NR_delete_module, mod, O_NONBLOCK))
		return -errno;
	return 0;
}

static bool loaded(const char *mod)
{
	return rctl_exists(rpath("/sys/module/%s", mod));
}

static int load_module(const char *mod, const char *params)
{
	char cmd[256];
	int ret;

	snprintf(cmd, sizeof(cmd), "modprobe %s %s", mod, params);
	ret = system(cmd);
	if (ret)
		ksft_print_msg("%s: status %d\n", cmd, ret);
	return ret ? -ENOENT : 0;
}

/* Whether instance @dev is bound to resctrl_accel. */
static bool bound(int dev)
{
	return rctl_exists(rpath(QOS_DRV "/" QOS_NAME ".%d", dev));
}

static int regs_read(int dev, char *buf, size_t size)
{
	return rctl_read(rpath(AEX_DBG "/" QOS_NAME ".%d/regs", dev), buf, size);
}

/* The share register of @closid on instance @dev, as the parent shows it. */
static long long reg_share(int dev, long closid)
{
	char buf[65536], want[64], *line, *save = NULL;
	unsigned int c, v;

	if (closid < 0 || regs_read(dev, buf, sizeof(buf)) < 0)
		return -1;
	snprintf(want, sizeof(want), "closid %ld share", closid);
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		if (sscanf(line, "closid %u share %u", &c, &v) == 2 && c == closid)
			return v;
	ksft_print_msg("instance %d has no line \"%s\"\n", dev, want);
	return -1;
}

/* A counter ("bytes" or "requests") of @rmid on instance @dev. */
static long long counter(int dev, long rmid, const char *which)
{
	char buf[65536], *line, *save = NULL;
	unsigned long long b, q;
	unsigned int r;

	if (rmid < 0 || regs_read(dev, buf, sizeof(buf)) < 0)
		return -1;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		if (sscanf(line, "rmid %u bytes %llu requests %llu", &r, &b, &q) == 3 &&
		    r == rmid)
			return strcmp(which, "bytes") ? q : b;
	ksft_print_msg("instance %d has no counters for RMID %ld\n", dev, rmid);
	return -1;
}

static int traffic(int dev, long rmid, unsigned long long bytes,
		   unsigned long long reqs)
{
	char text[96];

	snprintf(text, sizeof(text), "%ld %llu %llu\n", rmid, bytes, reqs);
	return rctl_write(rpath(AEX_DBG "/" QOS_NAME ".%d/traffic", dev), text);
}

/* The number in @path (ctrl_hw_id, mon_hw_id, info files), or -1. */
static long num(const char *path)
{
	return rctl_count(path);
}

/* Whether @group's mon_data file of @dev for @evt reads @want. */
static bool mon_is(const char *group, int dev, const char *evt, long long want)
{
	const char *path = rpath("%s/mon_data/mon_ACCEL_%02d/%s", group, dev, evt);
	long long got = rctl_count(path);

	if (got != want)
		ksft_print_msg("%s reads %lld, expected %lld\n", path, got, want);
	return got == want;
}

/* Whether the share of @closid is @want on every instance in @devs. */
static bool shares_are(long closid, const int *devs, int n, long long want)
{
	bool ok = true;
	int i;

	for (i = 0; i < n; i++) {
		long long v = reg_share(devs[i], closid);

		if (v != want) {
			ksft_print_msg("instance %d CLOSID %ld holds %lld, expected %lld\n",
				       devs[i], closid, v, want);
			ok = false;
		}
	}
	return ok;
}

/* Nothing of ACCEL shows in the mount, for groups @g1 and @g2. */
static bool accel_absent(const char *g1, const char *g2)
{
	bool ok = true;
	int i;

	for (i = 0; i < 3; i++) {
		const char *g = i == 0 ? RCTL_ROOT : i == 1 ? g1 : g2;
		char *s;

		if (!g)
			continue;
		s = rctl_slurp(rpath("%s/schemata", g));
		if (strstr(s, "ACCEL")) {
			ksft_print_msg("%s/schemata still shows ACCEL:\n%s", g, s);
			ok = false;
		}
		free(s);
		if (rctl_exists(rpath("%s/mon_data/mon_ACCEL_00", g))) {
			ksft_print_msg("%s still has mon_ACCEL_00\n", g);
			ok = false;
		}
	}
	if (rctl_exists(rp("info/ACCEL")) || rctl_exists(rp("info/ACCEL_MON"))) {
		ksft_print_msg("info/ACCEL or info/ACCEL_MON is still there\n");
		ok = false;
	}
	return ok;
}

/* Whether a read of the open file @fd fails (the file is gone). */
static bool read_fails(int fd)
{
	char buf[64];
	ssize_t n = pread(fd, buf, sizeof(buf), 0);

	if (n >= 0)
		ksft_print_msg("a read of a removed file gave %zd bytes\n", n);
	return n < 0;
}

static int stop_racing;

static void stop_race(int sig)
{
	(void)sig;
	__atomic_store_n(&stop_racing, 1, __ATOMIC_RELAXED);
}

/*
 * Read the count of @group on instances 0 and 1 and write its schemata
 * until told to stop; exit 1 on an error other than the file or the
 * domain being gone.
 */
static void race_files(const char *group)
{
	const char *mon0 = rpath("%s/mon_data/mon_ACCEL_00/bytes", group);
	const char *mon1 = rpath("%s/mon_data/mon_ACCEL_01/bytes", group);
	const char *sch = rpath("%s/schemata", group);
	char buf[256];
	int ret;

	signal(SIGTERM, stop_race);
	while (!__atomic_load_n(&stop_racing, __ATOMIC_RELAXED)) {
		ret = rctl_read(mon0, buf, sizeof(buf));
		if (ret < 0 && ret != -ENOENT && ret != -ENODEV)
			_exit(1);
		ret = rctl_read(mon1, buf, sizeof(buf));
		if (ret < 0 && ret != -ENOENT && ret != -ENODEV)
			_exit(2);
		ret = rctl_write(sch, "ACCEL:0=60;1=61\n");
		if (ret && ret != -EINVAL && ret != -ENODEV)
			_exit(3);
	}
	_exit(0);
}

/* @cycles unbinds and binds of the parent and of instance 1. */
static bool unbind_bind(int cycles)
{
	int i;

	for (i = 0; i < cycles; i++) {
		if (rctl_write(AEX_DRV "/unbind", "accel_example") ||
		    rctl_write(AEX_DRV "/bind", "accel_example") ||
		    rctl_write(QOS_DRV "/unbind", QOS_NAME ".1") ||
		    rctl_write(QOS_DRV "/bind", QOS_NAME ".1")) {
			ksft_print_msg("unbind/bind cycle %d failed\n", i);
			return false;
		}
	}
	return true;
}

int main(void)
{
	/* The plugin goes before the parent whose symbols it uses. */
	static const struct rctl_fixture fx = {
		.plan = 23,
		.modules = { "resctrl_accel", "accel_example" },
	};
	static const int all3[] = { 0, 1, 2 }, two[] = { 0, 1 };
	const char *g1 = RCTL_ROOT "/g1", *g2 = RCTL_ROOT "/g2", *g3 = RCTL_ROOT "/g3";
	long c1, c2, c3, r1, r2, r3;
	long long before, raw;
	int ret, fd, fd2, status = -1;
	pid_t pid;
	bool ok;

	rctl_start(&fx);

	/* Instance 2 has fewer CLOSIDs and RMIDs: ACCEL must serve those. */
	ret = load_module("accel_example", "instances=3 closids=16,16,8 rmids=64,64,32");
	if (ret)
		ksft_exit_skip("accel_example cannot be loaded\n");
	ret = load_module("resctrl_accel", "");
	ksft_test_result(!ret && bound(0) && bound(1) && bound(2),
			 "both modules load and every instance binds\n");

	ret = rctl_mount(NULL);
	ksft_test_result(!ret && accel_absent(NULL, NULL) &&
			 !rctl_mount_has_option("accel"),
			 "without -o accel the mount has no ACCEL line, info or mon_data\n");

	ret = rctl_umount() ?: rctl_mount("accel,debug");
	ksft_test_result(!ret && rctl_mount_has_option("accel") &&
			 rctl_expect_line(rp("schemata"), "ACCEL:0=100;1=100;2=100") &&
			 rctl_reads(rp("info/ACCEL/min_bandwidth"), "1\n") &&
			 rctl_reads(rp("info/ACCEL_MON/mon_features"), "bytes\nrequests\n") &&
			 rctl_dir_is(rp("mon_data/mon_ACCEL_02"), "bytes requests"),
			 "with -o accel: a schemata line, info and mon_data for every instance (%s)\n",
			 strerror(-ret));

	ok = num(rp("info/ACCEL/num_closids")) == 8 &&
	     num(rp("info/ACCEL_MON/num_rmids")) == 32;
	for (c1 = 0; c1 < 8; c1++)
		ok &= shares_are(c1, all3, 3, 100);
	ksft_test_result(ok,
			 "ACCEL serves the CLOSIDs and RMIDs every instance has, all at the default\n");

	ret = rctl_mkdir(g1) ?: rctl_mkdir(g2) ?:
	      rctl_write(rpath("%s/schemata", g1), "ACCEL:1=40\n");
	c1 = num(rpath("%s/ctrl_hw_id", g1));
	c2 = num(rpath("%s/ctrl_hw_id", g2));
	ksft_test_result(!ret && c1 > 0 && c2 > 0 && c1 != c2 &&
			 reg_share(1, c1) == 40 && reg_share(0, c1) == 100 &&
			 reg_share(2, c1) == 100 && reg_share(1, c2) == 100 &&
			 rctl_expect_line(rpath("%s/schemata", g1), "ACCEL:0=100;1= 40;2=100"),
			 "a value for a group reaches its CLOSID's register on that instance only\n");

	ret = rctl_write(rpath("%s/schemata", g2), "ACCEL:0=70;2=10\n");
	ksft_test_result(!ret && reg_share(0, c2) == 70 && reg_share(1, c2) == 100 &&
			 reg_share(2, c2) == 10 && reg_share(0, c1) == 100,
			 "one write sets several instances\n");

	ok = rctl_write_fails(rpath("%s/schemata", g1), "ACCEL:1=0\n", EINVAL,
			      "ACCEL value 0 out of range [1,100]\n") &&
	     rctl_write_fails(rpath("%s/schemata", g1), "ACCEL:1=101\n", EINVAL,
			      "ACCEL value 101 out of range [1,100]\n") &&
	     rctl_write_fails(rpath("%s/schemata", g1), "ACCEL:0=50;1=abc\n", EINVAL,
			      "Invalid ACCEL value abc\n") &&
	     rctl_write_fails(rpath("%s/schemata", g1), "ACCEL:5=50\n", EINVAL,
			      "ACCEL: no domain 5\n");
	ksft_test_result(ok && reg_share(1, c1) == 40 && reg_share(0, c1) == 100 &&
			 rctl_expect_line(rpath("%s/schemata", g1), "ACCEL:0=100;1= 40;2=100"),
			 "refused values are explained and change no register\n");

	/* Counts are the parent's counters of the group's RMID, per instance. */
	r1 = num(rpath("%s/mon_hw_id", g1));
	r2 = num(rpath("%s/mon_hw_id", g2));
	before = counter(1, r1, "bytes");
	ret = traffic(1, r1, 4096, 3) ?: traffic(0, r1, 100, 1);
	raw = counter(1, r1, "bytes");
	ksft_test_result(!ret && r1 > 0 && r2 > 0 && r1 != r2 && before >= 0 &&
			 raw - before == 4096 &&
			 mon_is(g1, 1, "bytes", raw - before) &&
			 mon_is(g1, 1, "requests", 3) &&
			 mon_is(g1, 0, "bytes", 100) && mon_is(g1, 2, "bytes", 0) &&
			 mon_is(g2, 1, "bytes", 0),
			 "mon_data reads the parent's counters of the group's RMID on each instance\n");

	/* RMIDs free at once here (no occupancy event): g3 may reuse g1's. */
	ret = rctl_rmdir(g1) ?: rctl_mkdir(g3);
	r3 = num(rpath("%s/mon_hw_id", g3));
	c3 = num(rpath("%s/ctrl_hw_id", g3));
	ksft_print_msg("g1 had CLOSID %ld RMID %ld, g3 has CLOSID %ld RMID %ld (raw bytes %lld)\n",
		       c1, r1, c3, r3, counter(1, r3, "bytes"));
	ksft_test_result(!ret && r3 > 0 && mon_is(g3, 1, "bytes", 0) &&
			 mon_is(g3, 0, "requests", 0) && shares_are(c3, all3, 3, 100),
			 "a new group counts from zero and starts at the default on every instance\n");

	/* One instance leaves resctrl_accel and comes back. */
	ret = rctl_write(rpath("%s/schemata", g2), "ACCEL:1=30\n") ?:
	      rctl_write(QOS_DRV "/unbind", QOS_NAME ".1");
	ksft_test_result(!ret && !bound(1) &&
			 rctl_expect_line(rpath("%s/schemata", g2), "ACCEL:0= 70;2= 10") &&
			 !rctl_exists(rpath("%s/mon_data/mon_ACCEL_01", g2)) &&
			 rctl_exists(rpath("%s/mon_data/mon_ACCEL_00", g2)) &&
			 rctl_write_fails(rpath("%s/schemata", g2), "ACCEL:1=50\n", EINVAL,
					  "ACCEL: no domain 1\n"),
			 "unbinding one instance takes its domain away, the others stay\n");
	ret = rctl_write(QOS_DRV "/bind", QOS_NAME ".1");
	ksft_test_result(!ret && bound(1) &&
			 rctl_expect_line(rpath("%s/schemata", g2), "ACCEL:0= 70;1= 30;2= 10") &&
			 reg_share(1, c2) == 30 && reg_share(0, c2) == 70 &&
			 rctl_exists(rpath("%s/mon_data/mon_ACCEL_01", g2)),
			 "binding it again brings its domain back with the group's value programmed\n");

	/* The parent goes with groups configured and files open. */
	fd = open(rpath("%s/mon_data/mon_ACCEL_00/bytes", g2), O_RDONLY);
	fd2 = open(rpath("%s/schemata", g2), O_RDONLY);
	ret = rctl_write(AEX_DRV "/unbind", "accel_example");
	ksft_test_result(!ret && fd >= 0 && fd2 >= 0 && accel_absent(g2, g3) &&
			 read_fails(fd) && rctl_exists(g2) && rctl_exists(g3) &&
			 !rctl_exists(AUX_DEVS "/" QOS_NAME ".0") &&
			 !rctl_exists(AEX_DBG "/" QOS_NAME ".0") &&
			 rctl_mount_has_option("accel") &&
			 rctl_write_fails(rpath("%s/schemata", g2), "ACCEL:0=50\n", EINVAL,
					  "Unknown or unsupported resource name 'ACCEL'\n"),
			 "unbinding the parent while mounted takes ACCEL away; groups stay\n");
	if (fd2 >= 0)
		close(fd2);
	if (fd >= 0)
		close(fd);

	ret = rctl_write(AEX_DRV "/bind", "accel_example");
	ksft_test_result(!ret && bound(0) && bound(1) && bound(2) &&
			 rctl_expect_line(rpath("%s/schemata", g2), "ACCEL:0=100;1=100;2=100") &&
			 shares_are(c2, all3, 3, 100) && shares_are(c3, all3, 3, 100) &&
			 mon_is(g3, 2, "bytes", 0),
			 "binding the parent again brings ACCEL back with the defaults programmed\n");

	/* Devices come and go under file operations of another task. */
	pid = fork();
	if (!pid)
		race_files(g2);
	ok = pid > 0 && unbind_bind(10);
	if (pid > 0) {
		kill(pid, SIGTERM);
		waitpid(pid, &status, 0);
	}
	ksft_test_result(ok && WIFEXITED(status) && !WEXITSTATUS(status) &&
			 bound(0) && bound(1) && bound(2) &&
			 rctl_exists(rpath("%s/mon_data/mon_ACCEL_01/bytes", g2)) &&
			 !rctl_write(rpath("%s/schemata", g2), "ACCEL:0=60;1=61\n") &&
			 reg_share(0, c2) == 60 && reg_share(1, c2) == 61,
			 "unbinding and binding while another task reads and writes ACCEL files (status %#x)\n",
			 status);

	/* An instance with fewer CLOSIDs than the groups use is refused. */
	ret = rctl_write(AEX_DRV "/unbind", "accel_example") ?:
	      rctl_write(AEX_PARAMS "/closids", "16,16,2") ?:
	      rctl_write(AEX_DRV "/bind", "accel_example");
	ksft_test_result(!ret && (c2 >= 2 || c3 >= 2) && bound(0) && bound(1) &&
			 !bound(2) && num(rp("info/ACCEL/num_closids")) == 16 &&
			 rctl_expect_line(rpath("%s/schemata", g2), "ACCEL:0=100;1=100"),
			 "an instance that cannot serve the CLOSIDs in use is refused; the others keep ACCEL\n");
	ret = rctl_write(AEX_DRV "/unbind", "accel_example") ?:
	      rctl_write(AEX_PARAMS "/closids", "16,16,8") ?:
	      rctl_write(AEX_DRV "/bind", "accel_example");
	ksft_test_result(!ret && bound(2) && num(rp("info/ACCEL/num_closids")) == 8,
			 "with enough CLOSIDs it binds, and ACCEL serves its count\n");

	/* The instance with the fewest CLOSIDs leaves and comes back. */
	ret = rctl_write(rpath("%s/schemata", g2), "ACCEL:0=55;1=56\n") ?:
	      rctl_write(QOS_DRV "/unbind", QOS_NAME ".2");
	ok = !ret && !bound(2) && num(rp("info/ACCEL/num_closids")) == 16;
	ret = rctl_write(QOS_DRV "/bind", QOS_NAME ".2");
	ksft_test_result(ok && !ret && bound(2) && num(rp("info/ACCEL/num_closids")) == 8 &&
			 rctl_expect_line(rpath("%s/schemata", g2), "ACCEL:0= 55;1= 56;2=100") &&
			 reg_share(0, c2) == 55 && reg_share(1, c2) == 56,
			 "an instance with fewer CLOSIDs binding lowers the count; groups keep their ACCEL values\n");

	ret = unload("accel_example");
	ksft_test_result(ret == -EWOULDBLOCK && loaded("accel_example") &&
			 rctl_expect_line(rpath("%s/schemata", g2), "ACCEL:0= 55;1= 56;2=100"),
			 "the parent cannot be unloaded while the plugin uses its symbols; nothing changes\n");

	ret = rctl_write(rpath("%s/schemata", g2), "ACCEL:2=20\n");
	fd = open(rpath("%s/mon_data/mon_ACCEL_02/requests", g2), O_RDONLY);
	ret = ret ?: unload("resctrl_accel");
	ksft_test_result(!ret && fd >= 0 && !loaded("resctrl_accel") &&
			 accel_absent(g2, g3) && read_fails(fd) &&
			 rctl_exists(AUX_DEVS "/" QOS_NAME ".2") && !bound(2) &&
			 reg_share(2, c2) == 20,
			 "unloading the plugin while mounted takes ACCEL away; the devices stay\n");
	if (fd >= 0)
		close(fd);

	ret = unload("accel_example");
	ksft_test_result(!ret && !loaded("accel_example") &&
			 !rctl_exists(AUX_DEVS "/" QOS_NAME ".0") &&
			 !rctl_exists(AEX_DBG) && rctl_exists(g2),
			 "the parent unloads while mounted\n");

	/* The plugin pulls the parent in, now with its default parameters. */
	ret = load_module("resctrl_accel", "");
	ksft_test_result(!ret && loaded("accel_example") && bound(0) && bound(1) &&
			 rctl_expect_line(rpath("%s/schemata", g2), "ACCEL:0=100;1=100") &&
			 num(rp("info/ACCEL/num_closids")) == 16 &&
			 !rctl_write(rpath("%s/schemata", g2), "ACCEL:0=55\n") &&
			 reg_share(0, c2) == 55 && reg_share(1, c2) == 100,
			 "reloading while mounted brings ACCEL back, and values apply\n");

	ret = rctl_umount();
	ksft_test_result(!ret && shares_are(c2, two, 2, 100),
			 "unmounting puts every CLOSID back to the default\n");

	/* ACCEL was the only control resource: the root is the only group. */
	ret = rctl_mount(NULL);
	ksft_test_result(!ret && accel_absent(NULL, NULL) &&
			 rctl_write_fails(rp("schemata"), "ACCEL:0=50\n", EINVAL,
					  "Unknown or unsupported resource name 'ACCEL'\n"),
			 "a mount without -o accel refuses ACCEL lines\n");

	rctl_finish();
}
