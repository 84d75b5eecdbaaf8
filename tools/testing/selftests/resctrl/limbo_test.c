// SPDX-License-Identifier: GPL-2.0
/*
 * RMID limbo: a freed RMID whose cache occupancy is still counted is not
 * given to a new group until the count drops below the resource's
 * info/<NAME>_MON/max_threshold_occupancy, and that file's rules.
 */
#include <errno.h>
#include <string.h>

#include "rctl_util.h"

#define THRESHOLD "info/L3_MON/max_threshold_occupancy"

static void test_threshold_file(void)
{
	/* The simulator's: its 64 MiB "cache" shared by its 3 RMIDs. */
	ksft_test_result(rctl_reads(rp(THRESHOLD), "22369621\n"),
			 "max_threshold_occupancy starts at the driver's value\n");
	ksft_test_result(!rctl_write(rp(THRESHOLD), "1048576\n") &&
			 rctl_status_is("ok\n") &&
			 rctl_reads(rp(THRESHOLD), "1048576\n"),
			 "a threshold within the cache size is taken\n");
	ksft_test_result(rctl_write_fails(rp(THRESHOLD), "999999999\n", EINVAL,
					  "Threshold 999999999 above the cache size 67108864\n") &&
			 rctl_reads(rp(THRESHOLD), "1048576\n"),
			 "a threshold above the cache size is refused, explained, nothing changed\n");
	ksft_test_result(rctl_write_fails(rp(THRESHOLD), "lots\n", EINVAL,
					  "Invalid threshold\n"),
			 "a threshold that is not a number is refused and explained\n");
	ksft_test_result(!rctl_write(rp(THRESHOLD), "0\n"), "threshold back to 0\n");
}

static void test_limbo(void)
{
	int ret;

	/* Upstream: dirty while the count is at or above the threshold. */
	ret = rctl_write(rp(THRESHOLD), "4096\n");

	/* Three RMIDs: the default group's and two monitor groups'. */
	ret = ret ?: rctl_mkdir(rp("mon_groups/m1")) ?: rctl_mkdir(rp("mon_groups/m2"));
	ksft_test_result(!ret && rctl_mkdir(rp("mon_groups/m3")) == -ENOSPC &&
			 rctl_status_is("Out of RMIDs\n"),
			 "with every RMID in use, mkdir fails with ENOSPC\n");

	/* m2 has RMID 2; cache lines tagged with it stay after rmdir. */
	ret = sim_counter("L3", 1, 2, "llc_occupancy", "4096") ?:
	      rctl_rmdir(rp("mon_groups/m2"));
	ksft_test_result(!ret && rctl_mkdir(rp("mon_groups/m3")) == -EBUSY &&
			 rctl_status_is("Out of RMIDs\n"),
			 "an RMID counting occupancy at the threshold waits: mkdir fails with EBUSY at once\n");

	ret = sim_counter("L3", 1, 2, "llc_occupancy", "0");
	ksft_test_result(!ret && !rctl_mkdir_after_limbo(rp("mon_groups/m3")),
			 "once its count drained, the RMID is given out again\n");

	ret = sim_counter("L3", 1, 2, "llc_occupancy", "4096") ?:
	      rctl_rmdir(rp("mon_groups/m3")) ?:
	      rctl_write(rp(THRESHOLD), "8192\n");
	ksft_test_result(!ret && !rctl_mkdir_after_limbo(rp("mon_groups/m4")),
			 "a count under max_threshold_occupancy does not hold the RMID\n");

	ret = rctl_rmdir(rp("mon_groups/m4")) ?: rctl_rmdir(rp("mon_groups/m1"));
	ksft_test_result(!ret, "monitor groups removed\n");
}

int main(void)
{
	static const struct rctl_fixture fx = { .plan = 11, .sim = true };
	int ret;

	rctl_start(&fx);
	ret = sim_add("L3", "ctrl=none", "scope=package", "num_rmid=3",
		      "events=llc_occupancy,mbm_total_bytes", NULL) ?:
	      rctl_mount(NULL);
	ksft_test_result(!ret, "L3 with occupancy monitoring, 3 RMIDs, mounted (%s)\n",
			 strerror(-ret));
	test_threshold_file();
	test_limbo();
	rctl_finish();
}
