// SPDX-License-Identifier: GPL-2.0
/*
 * Sub-NUMA Clustering through the real x86 backend on the RDT hardware
 * model booted with SNC (harness/run-vm.sh VM_MODEL=spr VM_SNC=2), as
 * upstream 6.12 shows it: info/L3_MON/num_rmids is the per-node share,
 * MSR_RMID_SNC_CONFIG is in RMID sharing mode on every L3 cache, each
 * mon_data/mon_L3_XX/ holds one mon_sub_L3_YY/ per node of the cache,
 * a node reads its physical RMID (RMID + (node % nodes) * num_rmids),
 * mon_L3_XX is the sum of its nodes, and mba_MBps is refused. Skips
 * cleanly without the model or without SNC.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rctl_util.h"

#define MODEL "/sys/kernel/debug/x86_rdt_model"
#define MAX_NODES 64
#define NR_TESTS 8

static int ways, dom = -1;
static long long num_rmids, scale;
static long rmid;
static int nodes[MAX_NODES], nr_nodes;

static const char *l3_file(const char *evt)
{
	return rpath(RCTL_ROOT "/g1/mon_data/mon_L3_%02d/%s", dom, evt);
}

static const char *node_file(int node, const char *evt)
{
	return rpath(RCTL_ROOT "/g1/mon_data/mon_L3_%02d/mon_sub_L3_%02d/%s",
		     dom, node, evt);
}

static int counter(int node, const char *evt, const char *what)
{
	long phys = rmid + (node % ways) * num_rmids;

	return rctl_write(MODEL "/counters",
			  rpath("%d %ld %s %s\n", dom, phys, evt, what));
}

/* Every L3 cache's MSR_RMID_SNC_CONFIG has bit 0 (legacy mode) clear. */
static void test_sharing_mode(void)
{
	char *msrs = rctl_slurp(MODEL "/msrs"), *line, *save = NULL;
	int seen = 0, legacy = 0;
	unsigned long long v;
	int id;

	for (line = msrs ? strtok_r(msrs, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, "L3 %d snc_config %llx", &id, &v) != 2)
			continue;
		seen++;
		if (v & 1) {
			legacy++;
			ksft_print_msg("L3 %d: MSR_RMID_SNC_CONFIG %#llx\n", id, v);
		}
	}
	free(msrs);
	ksft_test_result(seen > 0 && !legacy,
			 "MSR_RMID_SNC_CONFIG in RMID sharing mode on %d L3 caches\n", seen);
}

/* mon_L3_<dom> holds the nodes of that cache, no more, no fewer. */
static void test_sub_dirs(void)
{
	int i;

	for (i = 0; i < MAX_NODES; i++)
		if (rctl_exists(rpath(RCTL_ROOT "/mon_data/mon_L3_%02d/mon_sub_L3_%02d",
				      dom, i)))
			nodes[nr_nodes++] = i;
	ksft_test_result(nr_nodes == ways && rctl_exists(l3_file("llc_occupancy")),
			 "mon_L3_%02d has %d mon_sub_L3 directories (nodes per L3: %d)\n",
			 dom, nr_nodes, ways);
}

/* Occupancy: each node reads its physical RMID; mon_L3 is the sum. */
static void test_occupancy(void)
{
	long long want_sum = 0, got, sum;
	int i, ret = 0, bad = 0;

	for (i = 0; i < nr_nodes && !ret; i++)
		ret = counter(nodes[i], "llc_occupancy", rpath("set %d", 100 * (i + 1)));
	for (i = 0; i < nr_nodes && !ret; i++) {
		got = rctl_count(node_file(nodes[i], "llc_occupancy"));
		if (got != 100LL * (i + 1) * scale) {
			ksft_print_msg("node %d: llc_occupancy %lld, want %lld\n",
				       nodes[i], got, 100LL * (i + 1) * scale);
			bad++;
		}
		want_sum += 100LL * (i + 1) * scale;
	}
	ksft_test_result(!ret && !bad && nr_nodes > 0,
			 "each mon_sub_L3 llc_occupancy reads its node's physical RMID\n");
	sum = rctl_count(l3_file("llc_occupancy"));
	ksft_test_result(!ret && nr_nodes > 0 && sum == want_sum,
			 "mon_L3_%02d llc_occupancy %lld is the sum of its nodes' (%lld)\n",
			 dom, sum, want_sum);
}

/* MBM: counts since mkdir per node, and their sum. */
static void test_mbm(void)
{
	long long before[MAX_NODES], sum_before, got, sum, moved = 0;
	int i, ret = 0, bad = 0;

	sum_before = rctl_count(l3_file("mbm_total_bytes"));
	for (i = 0; i < nr_nodes; i++)
		before[i] = rctl_count(node_file(nodes[i], "mbm_total_bytes"));
	for (i = 0; i < nr_nodes && !ret; i++)
		ret = counter(nodes[i], "mbm_total_bytes", rpath("add %d", 10 * (i + 1)));
	for (i = 0; i < nr_nodes && !ret; i++) {
		got = rctl_count(node_file(nodes[i], "mbm_total_bytes"));
		if (before[i] < 0 || got - before[i] != 10LL * (i + 1) * scale) {
			ksft_print_msg("node %d: mbm_total_bytes moved %lld, want %lld\n",
				       nodes[i], got - before[i], 10LL * (i + 1) * scale);
			bad++;
		}
		moved += 10LL * (i + 1) * scale;
	}
	ksft_test_result(!ret && !bad && nr_nodes > 0,
			 "each mon_sub_L3 mbm_total_bytes counts its node\n");
	sum = rctl_count(l3_file("mbm_total_bytes"));
	ksft_test_result(!ret && sum_before >= 0 && sum - sum_before == moved,
			 "mon_L3_%02d mbm_total_bytes moved by the sum of its nodes (%lld, want %lld)\n",
			 dom, sum - sum_before, moved);
}

int main(void)
{
	long long max_rmid;
	static const struct rctl_fixture fx = { 0 };
	int ret, i;

	rctl_start(&fx);
	ways = rctl_snc_ways();
	if (!rctl_exists(MODEL "/cpu") || rctl_model_fact("snc_config") != 1 ||
	    ways < 2)
		rctl_skip("needs the RDT model of an SNC CPU booted with SNC");
	rctl_plan(NR_TESTS);
	max_rmid = rctl_model_fact("l3_max_rmid");
	if (max_rmid < 0)
		max_rmid = rctl_model_fact("max_rmid");
	/* Upstream 6.12 monitor.c: rdt_get_mon_l3_config() divides both. */
	scale = rctl_model_fact("occupancy_scale") / ways;

	/* debug: mon_hw_id tells which RMID a group has. */
	ret = rctl_mount("debug");
	num_rmids = rctl_count(rp("info/L3_MON/num_rmids"));
	ksft_test_result(!ret && max_rmid > 0 && num_rmids == (max_rmid + 1) / ways,
			 "num_rmids %lld is the %lld RMIDs over %d nodes per L3\n",
			 num_rmids, max_rmid + 1, ways);
	test_sharing_mode();
	for (i = 0; i < 64 && dom < 0; i++)
		if (rctl_exists(rpath(RCTL_ROOT "/mon_data/mon_L3_%02d", i)))
			dom = i;
	ret = rctl_mkdir(rp("g1"));
	rmid = rctl_count(rp("g1/mon_hw_id"));
	if (ret || rmid < 0 || dom < 0)
		ksft_print_msg("mkdir g1: %s, RMID %ld, L3 %d\n", strerror(-ret), rmid, dom);
	test_sub_dirs();
	test_occupancy();
	test_mbm();
	/* Leave no occupancy behind for the tests that reuse the RMID. */
	for (i = 0; i < nr_nodes; i++)
		counter(nodes[i], "llc_occupancy", "set 0");
	rctl_rmdir(rp("g1"));
	rctl_umount();

	/* Upstream refuses it: the MBA and MBM scopes differ under SNC. */
	if (!rctl_exists("/sys/fs/resctrl") || rctl_mount(NULL)) {
		ksft_test_result_skip("cannot mount\n");
	} else {
		bool mb = rctl_exists(rp("info/MB"));

		rctl_umount();
		if (!mb) {
			ksft_test_result_skip("no MB: mba_MBps is not offered\n");
		} else {
			ret = rctl_mount("mba_MBps");
			if (!ret)
				rctl_umount();
			ksft_test_result(ret == -EINVAL, "mba_MBps is refused under SNC (%s)\n",
					 strerror(-ret));
		}
	}
	rctl_finish();
}
