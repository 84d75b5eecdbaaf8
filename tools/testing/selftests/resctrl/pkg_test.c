// SPDX-License-Identifier: GPL-2.0
/*
 * resctrl_pkg, the model-specific package QoS driver: its CPU match
 * table in the module's aliases; loaded with simulate=1, the resource
 * PKG only in mounts given -o pkg; per-socket priority writes reaching
 * that socket's register for the group's CLOSID; energy and activity
 * counts summed over the aggregators and printed as fixed-point
 * decimals, "Unavailable" while not valid; a socket taken offline and
 * back, with the groups' values programmed again; and the module
 * unloaded and loaded again while mounted with groups configured.
 */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "rctl_util.h"

#define PKG_DBG "/sys/kernel/debug/resctrl_pkg"
#define CPU_SYS "/sys/devices/system/cpu"
/* The valid bit of a counter register. */
#define VALID 0x8000000000000000ULL
#define MAX_CPUS 64

/* The models the driver is for: Intel family 6. */
static const unsigned int models[] = {
	0x8f,	/* Sapphire Rapids */
	0xcf,	/* Emerald Rapids */
	0xad,	/* Granite Rapids */
	0xae,	/* Granite Rapids D */
	0xaf,	/* Sierra Forest */
	0xdd,	/* Clearwater Forest */
};

static int pkg_load(void)
{
	int ret = system("modprobe resctrl_pkg simulate=1");

	if (ret) {
		ksft_print_msg("modprobe resctrl_pkg simulate=1: status %d\n", ret);
		return -ENOENT;
	}
	return rctl_exists(PKG_DBG) ? 0 : -ENOENT;
}

static int dbg_write(const char *file, const char *text)
{
	int ret = rctl_write(rpath(PKG_DBG "/%s", file), text);

	if (ret)
		ksft_print_msg("%s: write \"%s\": %s\n", file, text, strerror(-ret));
	return ret;
}

/* The number after "@a @b " in the debugfs @file, or -1. */
static long long dbg_lookup(const char *file, const char *prefix)
{
	char buf[16384], *line, *save = NULL;
	size_t n = strlen(prefix);

	if (rctl_read(rpath(PKG_DBG "/%s", file), buf, sizeof(buf)) < 0)
		return -1;
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (!strncmp(line, prefix, n))
			return strtoll(line + n, NULL, 0);
	return -1;
}

/* The simulated priority register of @closid in package @pkg. */
static long long prio(int pkg, int closid)
{
	return dbg_lookup("prio", rpath("%d %d ", pkg, closid));
}

static long long prio_writes(int pkg)
{
	return dbg_lookup("prio_writes", rpath("%d ", pkg));
}

/* Register accesses made from a CPU of another package than meant. */
static long long violations(void)
{
	long long n = dbg_lookup("violations", "");

	if (n)
		ksft_print_msg("%lld register accesses from a CPU of another package\n", n);
	return n;
}

static bool prio_is(int pkg, int closid, long long want)
{
	long long have = prio(pkg, closid);

	if (have == want)
		return true;
	ksft_print_msg("package %d CLOSID %d priority register 0x%llx, expected 0x%llx\n",
		       pkg, closid, have, want);
	return false;
}

static int counter(int pkg, int aggr, int rmid, int evt, unsigned long long raw)
{
	return dbg_write("counter", rpath("%d %d %d %d %llx\n", pkg, aggr, rmid,
					  evt, raw));
}

/* What a count of @raw (18 fractional bits) reads as. */
static const char *decimal(unsigned long long raw)
{
	return rpath("%.6f\n", (double)raw / (1 << 18));
}

static int hw_id(const char *path)
{
	long long v = rctl_count(path);

	return v < 0 ? -1 : (int)v;
}

/* The level register value for @level: bit 8 when below 15. */
static long long level_reg(int level)
{
	return level | (level < 15 ? 0x100 : 0);
}

static int package_of(int cpu)
{
	char path[128];

	snprintf(path, sizeof(path), CPU_SYS "/cpu%d/topology/physical_package_id", cpu);
	return hw_id(path);
}

static void test_modalias(void)
{
	char aliases[4096] = "", line[256], mine[8192], *nl;
	unsigned int i, covered = 0;
	bool other = false;
	FILE *f;
	int ret;

	f = popen("modinfo -F alias resctrl_pkg 2>/dev/null", "r");
	while (f && fgets(line, sizeof(line), f)) {
		if (strncmp(line, "cpu:", 4))
			continue;
		strncat(aliases, line, sizeof(aliases) - strlen(aliases) - 1);
	}
	if (f)
		pclose(f);

	/* Each model's modalias, as /sys/devices/system/cpu/modalias prints it. */
	for (i = 0; i < ARRAY_SIZE(models); i++) {
		char alias[64], *a, *save = NULL, copy[4096];

		snprintf(alias, sizeof(alias),
			 "cpu:type:x86,ven0000fam0006mod%04X:feature:,0000,0001,0004", models[i]);
		snprintf(copy, sizeof(copy), "%s", aliases);
		for (a = strtok_r(copy, "\n", &save); a; a = strtok_r(NULL, "\n", &save))
			if (!fnmatch(a, alias, 0))
				break;
		if (a)
			covered++;
		else
			ksft_print_msg("no alias matches %s\n", alias);
	}
	ksft_test_result(covered == ARRAY_SIZE(models),
			 "the module's aliases cover its %u CPU models (%u)\n",
			 (unsigned int)ARRAY_SIZE(models), covered);

	/* Skylake-SP has no such registers. */
	{
		char *a, *save = NULL, copy[4096];

		snprintf(copy, sizeof(copy), "%s", aliases);
		for (a = strtok_r(copy, "\n", &save); a; a = strtok_r(NULL, "\n", &save))
			other |= !fnmatch(a, "cpu:type:x86,ven0000fam0006mod0055:feature:,0000", 0);
	}
	ksft_test_result(aliases[0] && !other,
			 "and no other model\n");

	/* The module tools resolve a model's modalias to the driver. */
	f = popen("modprobe -D 'cpu:type:x86,ven0000fam0006mod00AD:feature:,0000,0001' 2>&1",
		  "r");
	mine[0] = '\0';
	while (f && fgets(line, sizeof(line), f))
		strncat(mine, line, sizeof(mine) - strlen(mine) - 1);
	if (f)
		pclose(f);
	ksft_test_result(!!strstr(mine, "resctrl_pkg.ko"),
			 "modprobe resolves a Granite Rapids modalias to resctrl_pkg\n");
	if (!strstr(mine, "resctrl_pkg.ko"))
		ksft_print_msg("modprobe -D printed: %s\n", mine);

	/* Without simulate, the VM's CPU is refused unless it is one of them. */
	if (rctl_read(CPU_SYS "/modalias", mine, sizeof(mine)) <= 0) {
		ksft_test_result_skip("no " CPU_SYS "/modalias\n");
		return;
	}
	nl = strchr(mine, '\n');
	if (nl)
		*nl = '\0';
	for (i = 0; i < ARRAY_SIZE(models); i++) {
		snprintf(line, sizeof(line), "cpu:type:x86,ven0000fam0006mod%04X:", models[i]);
		if (!strncmp(mine, line, strlen(line))) {
			ksft_test_result_skip("this CPU is one the driver is for\n");
			return;
		}
	}
	ret = system("modprobe resctrl_pkg 2>/dev/null");
	ksft_test_result(ret && !rctl_exists("/sys/module/resctrl_pkg") &&
			 !rctl_exists(PKG_DBG),
			 "without simulate=1 the driver refuses this CPU\n");
}

static void test_mount_option(void)
{
	int ret;

	ret = pkg_load();
	ksft_test_result(!ret && rctl_exists(PKG_DBG "/prio"),
			 "resctrl_pkg loads with simulate=1\n");

	ret = rctl_mount(NULL);
	ksft_test_result(!ret && !rctl_exists(rp("info/PKG")) &&
			 !rctl_exists(rp("info/PKG_MON")) &&
			 !rctl_exists(rp("mon_data/mon_PKG_00")) &&
			 !rctl_has_line(rp("schemata"), "PKG:0=15;1=15") &&
			 !rctl_mount_has_option("pkg"),
			 "a mount without -o pkg has no PKG\n");
	rctl_umount();

	ret = rctl_mount("pkg,debug");
	ksft_test_result(!ret && rctl_expect_line(rp("schemata"), "PKG:0=15;1=15") &&
			 rctl_reads(rp("info/PKG/num_closids"), "16\n") &&
			 rctl_reads(rp("info/PKG/min_value"), "0\n") &&
			 rctl_reads(rp("info/PKG/max_value"), "15\n") &&
			 rctl_reads(rp("info/PKG_MON/num_rmids"), "32\n") &&
			 rctl_reads(rp("info/PKG_MON/mon_features"), "core_energy\nactivity\n") &&
			 rctl_dir_is(rp("mon_data/mon_PKG_01"), "core_energy activity") &&
			 rctl_mount_has_option("pkg"),
			 "a mount with -o pkg has PKG: one domain per socket, its info and events\n");
	ksft_test_result(prio_is(0, 0, 0xf) && prio_is(1, 0, 0xf) &&
			 prio_is(0, 15, 0xf) && prio_is(1, 15, 0xf),
			 "every CLOSID of both sockets starts unrestrained (level 15)\n");
}

static int g1_closid, g2_closid, g1_rmid, m1_rmid;

static void test_control(void)
{
	long long w0, w1;
	int ret;

	ret = rctl_mkdir(rp("g1")) ?: rctl_mkdir(rp("g2")) ?:
	      rctl_mkdir(rp("g1/mon_groups/m1"));
	g1_closid = hw_id(rp("g1/ctrl_hw_id"));
	g2_closid = hw_id(rp("g2/ctrl_hw_id"));
	g1_rmid = hw_id(rp("g1/mon_hw_id"));
	m1_rmid = hw_id(rp("g1/mon_groups/m1/mon_hw_id"));
	ksft_test_result(!ret && g1_closid > 0 && g2_closid > 0 && g1_rmid > 0 &&
			 m1_rmid > 0 && g1_closid != g2_closid && g1_rmid != m1_rmid,
			 "two control groups and a monitor group (CLOSIDs %d %d, RMIDs %d %d)\n",
			 g1_closid, g2_closid, g1_rmid, m1_rmid);
	if (g1_closid < 0 || g2_closid < 0) {
		g1_closid = 0;
		g2_closid = 0;
	}

	w0 = prio_writes(0);
	w1 = prio_writes(1);
	ret = rctl_write(rp("g1/schemata"), "PKG:1=5\n");
	ksft_test_result(!ret && rctl_expect_line(rp("g1/schemata"), "PKG:0=15;1=5") &&
			 prio_is(1, g1_closid, level_reg(5)) &&
			 prio_is(0, g1_closid, 0xf) &&
			 prio_writes(1) == w1 + 1 && prio_writes(0) == w0 &&
			 violations() == 0,
			 "a write for socket 1 reaches socket 1's register of the group's CLOSID, only\n");
	ret = rctl_write(rp("g2/schemata"), "PKG:0=0;1=14\n");
	ksft_test_result(!ret && rctl_expect_line(rp("g2/schemata"), "PKG:0=0;1=14") &&
			 prio_is(0, g2_closid, level_reg(0)) &&
			 prio_is(1, g2_closid, level_reg(14)) &&
			 prio_is(1, g1_closid, level_reg(5)) &&
			 prio_is(0, 0, 0xf) && prio_is(1, 0, 0xf) && violations() == 0,
			 "each group's values go to its own CLOSID on each socket\n");
	w0 = prio_writes(0);
	w1 = prio_writes(1);
	ksft_test_result(rctl_write_fails(rp("g1/schemata"), "PKG:0=3;1=16\n", EINVAL,
					  "PKG value 16 out of range [0,15]\n") &&
			 rctl_expect_line(rp("g1/schemata"), "PKG:0=15;1=5") &&
			 prio_writes(0) == w0 && prio_writes(1) == w1,
			 "a level out of range is refused, explained, and nothing is written\n");
}

static void test_monitoring(void)
{
	/* core_energy (event 0), activity (event 1), 18 fractional bits. */
	const unsigned long long e00 = 0x60000, e01 = 0x3;	/* 1.5 + 0.0000114 */
	const unsigned long long a10 = 0x2b851eb, a11 = 0x147ae;	/* 174.3 + 0.32 */
	const unsigned long long m00 = 0x80000, m01 = 0x4000;	/* 2 + 0.0625 */
	int pkg, aggr, evt, ret = 0;

	/* m1 counts 0, validly, everywhere: g1 sums it in. */
	for (pkg = 0; pkg < 2; pkg++)
		for (aggr = 0; aggr < 2; aggr++)
			for (evt = 0; evt < 2; evt++)
				ret = ret ?: counter(pkg, aggr, m1_rmid, evt, VALID);
	ret = ret ?: counter(0, 0, g1_rmid, 0, VALID | e00) ?:
	      counter(0, 1, g1_rmid, 0, VALID | e01) ?:
	      counter(1, 0, g1_rmid, 1, VALID | a10) ?:
	      counter(1, 1, g1_rmid, 1, VALID | a11);
	ksft_test_result(!ret && rctl_reads(rp("g1/mon_groups/m1/mon_data/mon_PKG_00/core_energy"),
					    decimal(0)) &&
			 rctl_reads(rp("g1/mon_data/mon_PKG_00/core_energy"), decimal(e00 + e01)) &&
			 rctl_reads(rp("g1/mon_data/mon_PKG_01/activity"), decimal(a10 + a11)),
			 "counts are summed over a socket's aggregators and read as fixed point\n");

	ret = counter(0, 0, m1_rmid, 0, VALID | m00) ?:
	      counter(0, 1, m1_rmid, 0, VALID | m01);
	ksft_test_result(!ret && rctl_reads(rp("g1/mon_groups/m1/mon_data/mon_PKG_00/core_energy"),
					    decimal(m00 + m01)) &&
			 rctl_reads(rp("g1/mon_data/mon_PKG_00/core_energy"),
				    decimal(e00 + e01 + m00 + m01)),
			 "a control group's count includes its monitor groups'\n");

	/*
	 * A control group reads "Unavailable" only when every read failed,
	 * its monitor groups' included, as upstream (arch/x86/kernel/cpu/
	 * resctrl/monitor.c: mon_event_count(), "Discard error if any of the
	 * monitor event reads succeeded"): m1 loses its valid bit too.
	 */
	ret = counter(1, 1, g1_rmid, 0, VALID | 5) ?: counter(1, 0, g1_rmid, 0, 5) ?:
	      counter(1, 0, m1_rmid, 0, 0) ?: counter(1, 1, m1_rmid, 0, 0);
	ksft_test_result(!ret && rctl_reads(rp("g1/mon_data/mon_PKG_01/core_energy"),
					    "Unavailable\n") &&
			 rctl_reads(rp("g1/mon_data/mon_PKG_00/core_energy"),
				    decimal(e00 + e01 + m00 + m01)),
			 "a count without the valid bit reads Unavailable, on that socket only\n");
	ret = counter(1, 0, g1_rmid, 0, VALID | 5);
	ksft_test_result(!ret && rctl_reads(rp("g1/mon_data/mon_PKG_01/core_energy"),
					    decimal(10)),
			 "and reads again once valid\n");
}

static void test_hotplug(void)
{
	int cpus[MAX_CPUS], n = 0, cpu, i, ret = 0;
	long long w1;

	for (cpu = 0; cpu < MAX_CPUS && rctl_exists(rpath(CPU_SYS "/cpu%d", cpu)); cpu++)
		if (package_of(cpu) == 1 && rctl_cpu_online(cpu) == 1)
			cpus[n++] = cpu;
	if (!n) {
		ksft_test_result_skip("no hotpluggable CPU in socket 1\n");
		ksft_test_result_skip("socket 1 back\n");
		ksft_test_result_skip("socket 1 reprogrammed\n");
		return;
	}
	for (i = 0; i < n && !ret; i++)
		ret = rctl_cpu_set(cpus[i], false);
	ksft_test_result(!ret && rctl_expect_line(rp("g1/schemata"), "PKG:0=15") &&
			 rctl_expect_line(rp("schemata"), "PKG:0=15") &&
			 rctl_dir_is(rp("g1/mon_data"), "mon_PKG_00") &&
			 rctl_write_fails(rp("g1/schemata"), "PKG:1=2\n", EINVAL,
					  "PKG: no domain 1\n"),
			 "with socket 1's %d CPUs offline, domain 1 leaves schemata and mon_data\n",
			 n);

	/* The socket lost its state while off: the driver must program it again. */
	ret = dbg_write("prio", rpath("1 %d 0\n", g1_closid)) ?:
	      dbg_write("prio", rpath("1 %d 0\n", g2_closid)) ?:
	      rctl_write(rp("g1/schemata"), "PKG:0=3\n");
	w1 = prio_writes(1);
	for (i = 0; i < n && !ret; i++)
		ret = rctl_cpu_set(cpus[i], true);
	ksft_test_result(!ret && rctl_expect_line(rp("g1/schemata"), "PKG:0=3;1=5") &&
			 rctl_expect_line(rp("g2/schemata"), "PKG:0=0;1=14") &&
			 rctl_dir_is(rp("g1/mon_data"), "mon_PKG_00 mon_PKG_01") &&
			 rctl_reads(rp("g1/mon_data/mon_PKG_01/activity"),
				    decimal(0x2b851eb + 0x147ae)),
			 "with socket 1 back, domain 1 returns with the groups' values\n");
	ksft_test_result(prio_is(1, g1_closid, level_reg(5)) &&
			 prio_is(1, g2_closid, level_reg(14)) &&
			 prio_is(0, g1_closid, level_reg(3)) &&
			 prio_writes(1) >= w1 + 16 && violations() == 0,
			 "and socket 1's registers are programmed again (%lld writes)\n",
			 prio_writes(1) - w1);
}

static void test_unload(void)
{
	int ret;

	ret = rctl_module_unload("resctrl_pkg");
	ksft_test_result(!ret && !rctl_has_line(rp("g1/schemata"), "PKG:0=3;1=5") &&
			 !rctl_exists(rp("info/PKG")) && !rctl_exists(rp("info/PKG_MON")) &&
			 !rctl_exists(rp("g1/mon_data/mon_PKG_00")) &&
			 !rctl_exists(rp("g1/mon_groups/m1/mon_data/mon_PKG_01")) &&
			 rctl_exists(rp("g1/mon_groups/m1")) && rctl_exists(rp("g2")) &&
			 !rctl_exists(PKG_DBG),
			 "the module unloads while mounted with groups configured; PKG leaves (%s)\n",
			 strerror(-ret));
	ret = pkg_load();
	ksft_test_result(!ret && rctl_expect_line(rp("g1/schemata"), "PKG:0=15;1=15") &&
			 rctl_expect_line(rp("g2/schemata"), "PKG:0=15;1=15") &&
			 rctl_dir_is(rp("g1/mon_groups/m1/mon_data"), "mon_PKG_00 mon_PKG_01") &&
			 prio_is(1, g1_closid, 0xf) &&
			 rctl_reads(rp("g1/mon_data/mon_PKG_00/core_energy"),
				    "Unavailable\n"),
			 "loaded again, PKG returns to every group with default values\n");
	ret = rctl_write(rp("g1/schemata"), "PKG:0=9\n");
	ksft_test_result(!ret && prio_is(0, g1_closid, level_reg(9)) &&
			 violations() == 0,
			 "and is programmed; no register was reached from another socket\n");
}

/*
 * Two providers of PKG: while the simulator serves the name, the driver
 * is refused, says so, and changes nothing; once the name is free it
 * loads.
 */
static void test_rival(void)
{
	int ret;

	ret = rctl_module_unload("resctrl_pkg") ?: sim_load() ?:
	      sim_add("PKG", "ctrl=scalar", "scope=package", "min=0", "max=7",
		      "mount_option=pkg", NULL);
	ksft_test_result(!ret && rctl_expect_line(rp("g1/schemata"), "PKG:0=7;1=7") &&
			 pkg_load() && !rctl_exists(PKG_DBG) &&
			 rctl_expect_line(rp("g1/schemata"), "PKG:0=7;1=7"),
			 "while the simulator provides PKG, resctrl_pkg is refused (%s)\n",
			 strerror(-ret));
	ksft_test_result(rctl_kmsg_has("resctrl: PKG from resctrl_pkg refused: ") &&
			 rctl_kmsg_has(" refused: resctrl_sim already provides it\n"),
			 "and the kernel log names both providers\n");
	ret = sim_remove("PKG") ?: pkg_load();
	ksft_test_result(!ret && rctl_expect_line(rp("g1/schemata"), "PKG:0=15;1=15"),
			 "with the name free, resctrl_pkg loads and serves PKG (%s)\n",
			 strerror(-ret));
}

int main(void)
{
	ksft_print_header();
	rctl_cleanup_also("resctrl_pkg");
	rctl_guard();
	if (!rctl_fs_registered())
		ksft_exit_skip("no resctrl filesystem\n");
	if (system("modinfo resctrl_pkg >/dev/null 2>&1"))
		ksft_exit_skip("no resctrl_pkg module\n");
	ksft_set_plan(4 + 4 + 4 + 4 + 3 + 3 + 3 + 1);

	test_modalias();
	test_mount_option();
	test_control();
	test_monitoring();
	test_hotplug();
	test_unload();
	test_rival();

	ksft_test_result(rctl_cleanup(), "everything is cleaned up\n");
	ksft_finished();
}
