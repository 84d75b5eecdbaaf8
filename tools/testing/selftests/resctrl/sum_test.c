// SPDX-License-Identifier: GPL-2.0
/*
 * A CTRL_MON group's count is the sum of its own RMID's and its MON
 * groups'. The filesystem reads them in lots of 32 RMIDs: one
 * read_events call of the driver per lot, with no contract violation,
 * whatever the number of MON groups; a MON group alone is one lot.
 *
 * RMIDs are learnt from the debug mount option's mon_hw_id; RMID r counts
 * 1000 + r in domain 0.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rctl_util.h"

#define NUM_RMID	80
#define CHILDREN	40
#define COUNTER(g)	rp(g "mon_data/mon_SUM_00/bytes")

/* The RMID in @group's mon_hw_id, or -1. */
static long rmid_of(const char *group)
{
	char buf[32];

	if (rctl_read(rpath(RCTL_ROOT "/%smon_hw_id", group), buf, sizeof(buf)) <= 0)
		return -1;
	return strtol(buf, NULL, 10);
}

static long rmids[CHILDREN];

/* 1000 + r for the CTRL_MON group's RMID @own and its first @n children's. */
static long long sum(long own, int n)
{
	long long total = 1000 + own;
	int i;

	for (i = 0; i < n; i++)
		total += 1000 + rmids[i];
	return total;
}

static int setup(void)
{
	long rmid;
	int ret, i;

	ret = sim_add("SUM", "ctrl=bitmask", "scope=package", "num_closid=4",
		      "num_rmid=80", "events=bytes", NULL) ?:
	      rctl_mount("debug") ?: rctl_mkdir(rp("c1"));
	for (i = 0; i < CHILDREN && !ret; i++) {
		ret = rctl_mkdir_after_limbo(rpath(RCTL_ROOT "/c1/mon_groups/m%d",
						   i));
		rmids[i] = rmid_of(rpath("c1/mon_groups/m%d/", i));
		if (!ret && rmids[i] < 0)
			ret = -ENOENT;
	}
	for (rmid = 0; rmid < NUM_RMID && !ret; rmid++)
		ret = sim_counter("SUM", 0, rmid, "bytes",
				  rpath("%ld", 1000 + rmid));
	return ret;
}

/* @path reads @want, with @calls read_events calls of the driver. */
static bool reads_in_calls(const char *path, long long want, long long calls)
{
	long long before = sim_batch_reads("SUM"), got, after;

	got = rctl_count(path);
	after = sim_batch_reads("SUM");
	if (got != want || after - before != calls) {
		ksft_print_msg("%s: %lld in %lld calls, expected %lld in %lld\n",
			       path, got, after - before, want, calls);
		return false;
	}
	return true;
}

int main(void)
{
	static const struct rctl_fixture fx = {
		.plan = 4,
		.sim = true,
		.sims = { "SUM" },
	};
	long own;
	int ret, i;

	rctl_start(&fx);

	ret = setup();
	own = rmid_of("c1/");
	ksft_test_result(!ret && own >= 0,
			 "a CTRL_MON group with %d MON groups (%s)\n", CHILDREN,
			 strerror(-ret));
	ksft_test_result(reads_in_calls(COUNTER("c1/"), sum(own, CHILDREN), 2),
			 "its count is the sum of its %d RMIDs, read in 2 calls\n",
			 CHILDREN + 1);
	ksft_test_result(reads_in_calls(COUNTER("c1/mon_groups/m7/"),
					1000 + rmids[7], 1),
			 "a MON group's count is its own, read in 1 call\n");
	for (i = 31; i < CHILDREN && !ret; i++)
		ret = rctl_rmdir(rpath(RCTL_ROOT "/c1/mon_groups/m%d", i));
	ksft_test_result(!ret && reads_in_calls(COUNTER("c1/"), sum(own, 31), 1),
			 "with 31 MON groups left, its 32 RMIDs are read in 1 call\n");
	rctl_finish();
}
