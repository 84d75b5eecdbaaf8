// SPDX-License-Identifier: GPL-2.0
/*
 * The debug mount option: control groups show their CLOSID in
 * ctrl_hw_id and groups with monitoring their RMID in mon_hw_id, the IDs
 * the hardware (here the simulator) is given.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rctl_util.h"

/* The number in @path, or -1. */
static long hw_id(const char *path)
{
	char buf[32];

	if (rctl_read(path, buf, sizeof(buf)) <= 0)
		return -1;
	return strtol(buf, NULL, 10);
}

/* Whether the simulator's counter for @rmid shows in @group's mon_data. */
static bool counts_rmid(const char *group, long rmid, const char *val)
{
	char want[32];

	snprintf(want, sizeof(want), "%s\n", val);
	return rmid >= 0 &&
	       !sim_counter("L3", 0, rmid, "mbm_total_bytes", val) &&
	       rctl_reads(rpath("%s/mon_data/mon_L3_00/mbm_total_bytes", group), want);
}

int main(void)
{
	static const struct rctl_fixture fx = {
		.plan = 6,
		.sim = true,
		.sims = { "L3" },
	};
	long root_rmid, g1_rmid, m1_rmid;
	int ret;

	rctl_start(&fx);
	ret = sim_add("L3", "ctrl=bitmask", "scope=l3", "num_closid=4",
		      "num_rmid=16", "events=mbm_total_bytes", NULL) ?:
	      rctl_mount("debug");
	ksft_test_result(!ret && rctl_mount_has_option("debug"),
			 "mounted with debug (%s)\n", strerror(-ret));

	root_rmid = hw_id(rp("mon_hw_id"));
	ksft_test_result(hw_id(rp("ctrl_hw_id")) == 0 && root_rmid == 0,
			 "the default group shows CLOSID 0 and RMID 0\n");

	ret = rctl_mkdir(rp("g1")) ?: rctl_mkdir(rp("g1/mon_groups/m1"));
	g1_rmid = hw_id(rp("g1/mon_hw_id"));
	m1_rmid = hw_id(rp("g1/mon_groups/m1/mon_hw_id"));
	ksft_test_result(!ret && hw_id(rp("g1/ctrl_hw_id")) == 1 &&
			 g1_rmid > 0 && m1_rmid > 0 && g1_rmid != m1_rmid,
			 "a control group shows its CLOSID, it and its monitor group their RMIDs\n");
	ksft_test_result(!rctl_exists(rp("g1/mon_groups/m1/ctrl_hw_id")),
			 "a monitor group has no ctrl_hw_id\n");
	/* The RMID shown is the one the driver is asked about. */
	ksft_test_result(counts_rmid(RCTL_ROOT "/g1/mon_groups/m1", m1_rmid, "4096") &&
			 counts_rmid(RCTL_ROOT "/g1/mon_groups/m1", m1_rmid, "8192"),
			 "mon_hw_id is the RMID the driver counts for the group\n");
	ret = rctl_rmdir(rp("g1/mon_groups/m1")) ?: rctl_rmdir(rp("g1")) ?:
	      rctl_umount() ?: rctl_mount(NULL);
	ksft_test_result(!ret && !rctl_exists(rp("ctrl_hw_id")) &&
			 !rctl_exists(rp("mon_hw_id")),
			 "without debug, no group shows its IDs\n");
	rctl_finish();
}
