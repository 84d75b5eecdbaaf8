// SPDX-License-Identifier: GPL-2.0
/*
 * Package telemetry as upstream 7.0 shows it, on the simulator: a
 * monitoring-only resource PERF_PKG of package scope with the fixed-point
 * events core_energy and activity (18 fractional bits) and an integer
 * one. Checks info/PERF_PKG_MON, mon_data/mon_PERF_PKG_<pkg>, the
 * decimal printing of fixed-point counts, and that monitor groups are
 * limited by the smallest RMID count among the monitoring resources.
 * The real driver (resctrl_intel_aet) has the same shape; its register
 * arithmetic is tested by KUnit, and here it must load without
 * telemetry, register nothing and say why.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rctl_util.h"

#define PKG_FILE(grp, pkg, evt) rp(grp "mon_data/mon_PERF_PKG_0" #pkg "/" evt)

/* 2.5 + 3 * 2^-18 (2.5000114...) with 18 fractional bits. */
#define TWO_AND_HALF_ETC ((2u << 18) | (1u << 17) | 3)

static int add_resources(void)
{
	return sim_add("TMON", "ctrl=none", "scope=l3", "num_rmid=8",
		       "events=bytes", NULL) ?:
	       sim_add("PERF_PKG", "ctrl=none", "scope=package", "num_rmid=4",
		       "events=core_energy:18,activity:18,uops_retired", NULL);
}

static void test_files(void)
{
	ksft_test_result(rctl_exists(rp("info/PERF_PKG_MON")) &&
			 !rctl_exists(rp("info/PERF_PKG")) &&
			 rctl_reads(rp("info/PERF_PKG_MON/num_rmids"), "4\n") &&
			 rctl_reads(rp("info/PERF_PKG_MON/mon_features"),
				    "core_energy\nactivity\nuops_retired\n"),
			 "info/PERF_PKG_MON has num_rmids and mon_features\n");
	ksft_test_result(rctl_dir_is(rp("mon_data/mon_PERF_PKG_00"),
				     "core_energy activity uops_retired") &&
			 !rctl_has_line(rp("schemata"), "PERF_PKG:0="),
			 "mon_data/mon_PERF_PKG_<pkg> per package; no schemata line\n");
}

static void test_values(void)
{
	sim_counter("PERF_PKG", 0, 0, "core_energy", rpath("%u", TWO_AND_HALF_ETC));
	sim_counter("PERF_PKG", 0, 0, "activity", rpath("%u", 3u << 18));
	sim_counter("PERF_PKG", 0, 0, "uops_retired", "123456789");
	ksft_test_result(rctl_reads(PKG_FILE("", 0, "core_energy"), "2.500011\n") &&
			 rctl_reads(PKG_FILE("", 0, "activity"), "3.000000\n"),
			 "18 fractional bits print as a decimal with 6 digits, rounded\n");
	ksft_test_result(rctl_reads(PKG_FILE("", 0, "uops_retired"), "123456789\n"),
			 "an integer event prints as an integer\n");
	sim_counter("PERF_PKG", 0, 0, "activity", "unavailable");
	ksft_test_result(rctl_reads(PKG_FILE("", 0, "activity"), "Unavailable\n"),
			 "a count without valid data reads Unavailable\n");
}

static void test_rmid_limit(void)
{
	int ret = 0;

	/* The default group holds RMID 0: three more fit in PERF_PKG's 4. */
	ret = rctl_mkdir(rp("mon_groups/m1")) ?: rctl_mkdir(rp("mon_groups/m2")) ?:
	      rctl_mkdir(rp("mon_groups/m3"));
	ksft_test_result(!ret, "as many groups as PERF_PKG has RMIDs (%s)\n",
			 strerror(-ret));
	ksft_test_result(rctl_mkdir(rp("mon_groups/m4")) == -ENOSPC &&
			 rctl_status_is("Out of RMIDs\n") &&
			 !rctl_exists(rp("mon_groups/m4")),
			 "one more fails: the smallest num_rmids of the monitoring resources limits groups\n");
	ret = rctl_rmdir(rp("mon_groups/m3")) ?: rctl_mkdir(rp("mon_groups/m4"));
	ksft_test_result(!ret &&
			 rctl_exists(rp("mon_groups/m4/mon_data/mon_PERF_PKG_00/core_energy")),
			 "a freed RMID serves a new group, with package files (%s)\n",
			 strerror(-ret));
}

/*
 * The real driver, where there is no telemetry (as in the test VM), loads,
 * registers nothing and says why in one kernel line.
 */
static void test_driver_without_telemetry(void)
{
	if (system("modprobe resctrl_intel_aet")) {
		ksft_test_result_skip("resctrl_intel_aet is not built\n");
		return;
	}
	if (!rctl_kmsg_has("PERF_PKG not registered"))
		ksft_exit_skip("this machine has package telemetry: PERF_PKG is real\n");
	ksft_test_result(rctl_exists("/sys/module/resctrl_intel_aet") &&
			 rctl_mount(NULL) == 0 && !rctl_exists(rp("info/PERF_PKG_MON")) &&
			 rctl_umount() == 0,
			 "without telemetry the driver loads, registers nothing and says why\n");
}

int main(void)
{
	static const struct rctl_fixture fx = {
		.plan = 1 + 1 + 2 + 3 + 3,
		.sim = true,
		.modules = { "resctrl_intel_aet" },
		.sims = { "TMON", "PERF_PKG" },
	};
	int ret;

	rctl_start(&fx);

	test_driver_without_telemetry();

	ret = add_resources();
	if (ret == -EEXIST)
		ksft_exit_skip("PERF_PKG is provided by this machine's hardware\n");
	ret = ret ?: rctl_mount(NULL);
	ksft_test_result(!ret,
			 "simulated PERF_PKG, a monitoring resource with more RMIDs, and mount (%s)\n",
			 strerror(-ret));
	test_files();
	test_values();
	test_rmid_limit();
	rctl_finish();
}
