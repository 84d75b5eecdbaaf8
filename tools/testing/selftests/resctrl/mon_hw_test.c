// SPDX-License-Identifier: GPL-2.0
/*
 * Monitoring through the real x86 backend on a CPU of the RDT hardware
 * model (harness/run-vm.sh VM_MODEL=NAME): a new group's MBM counts start
 * at mkdir, the filesystem folds wrap-around and its overflow worker
 * keeps a counter that laps one and a half times between two reads
 * right, an AMD counter that comes back after "Unavailable" counts on
 * from zero, and on AMD BMEC parts info/L3_MON/mbm_*_bytes_config reads,
 * writes, refuses and restarts the counts as upstream. Skips without the
 * model.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rctl_util.h"

#define MODEL "/sys/kernel/debug/x86_rdt_model"
/* A monitor group of the default group: CPUs without allocation have one. */
#define G1 "mon_groups/g1/"
#define TOTAL_CFG "info/L3_MON/mbm_total_bytes_config"
#define BAD_CFG "Invalid event configuration: max valid mask is 0x7f\n"
#define NR_TESTS 10

static long long scale, width, max_rmid;
static int dom = -1;
static long rmid_g1 = -1;

static int counter(long rmid, const char *evt, const char *what)
{
	return rctl_write(MODEL "/counters", rpath("%d %ld %s %s\n", dom, rmid, evt, what));
}

static long long g1_total(void)
{
	return rctl_count(rpath(RCTL_ROOT "/" G1 "mon_data/mon_L3_%02d/mbm_total_bytes", dom));
}

static const char *g1_total_path(void)
{
	return rpath(RCTL_ROOT "/" G1 "mon_data/mon_L3_%02d/mbm_total_bytes", dom);
}

static bool is_amd(void)
{
	char *cpuinfo = rctl_slurp("/proc/cpuinfo");
	bool amd = cpuinfo && strstr(cpuinfo, "AuthenticAMD");

	free(cpuinfo);
	return amd;
}

/*
 * Counts start at mkdir (upstream reads every MBM counter of a new group
 * with "first" set: rdtgroup.c mkdir_mondata_subdir()): every RMID's
 * counter already holds 1000 units when g1 is made.
 */
static void test_start_at_mkdir(void)
{
	long r;
	int ret = 0;

	for (r = 0; r <= max_rmid && !ret; r++)
		ret = counter(r, "mbm_total_bytes", "set 1000");
	ret = ret ?: rctl_mkdir(rp(G1));
	rmid_g1 = rctl_count(rp(G1 "mon_hw_id"));
	ksft_test_result(!ret && rmid_g1 > 0 && g1_total() == 0,
			 "a new group's mbm_total_bytes starts at 0 (RMID %ld, %s)\n", rmid_g1,
			 strerror(-ret));
	ret = counter(rmid_g1, "mbm_total_bytes", "add 10");
	ksft_test_result(!ret && g1_total() == 10 * scale,
			 "then counts what the counter moved: 10 units are %lld bytes\n",
			 10 * scale);
}

/*
 * Three quarters of a lap, a pause long enough for the overflow worker
 * (once a second while mounted), three quarters more: the read sees a
 * lap and a half, where wrap arithmetic alone between the two reads
 * would see half a lap.
 */
static void test_overflow_worker(void)
{
	long long lap = 1LL << width, before, after;
	int ret;

	before = g1_total();
	ret = counter(rmid_g1, "mbm_total_bytes", rpath("add %lld", lap / 4 * 3));
	sleep(4);
	ret = ret ?: counter(rmid_g1, "mbm_total_bytes", rpath("add %lld", lap / 4 * 3));
	after = g1_total();
	ksft_test_result(!ret && before >= 0 && after - before == lap / 2 * 3 * scale,
			 "the overflow worker folds a %lld-bit counter lapping 1.5 times (%lld)\n",
			 width, after - before);
}

/*
 * AMD restarts a counter it tracks again at 0; upstream then counts on
 * from 0 instead of adding almost 2^width (monitor.c,
 * resctrl_arch_rmid_read(): prev_msr = 0 after Unavailable).
 */
static void test_unavailable_then_back(void)
{
	long long before, after;
	int ret;

	if (!is_amd()) {
		ksft_test_result_skip("AMD only: an untracked RMID reads Unavailable\n");
		ksft_test_result_skip("AMD only: a counter back from Unavailable restarts at 0\n");
		return;
	}
	before = g1_total();
	ret = counter(rmid_g1, "mbm_total_bytes", "unavailable");
	ksft_test_result(!ret && rctl_reads(g1_total_path(), "Unavailable\n"),
			 "an untracked RMID reads Unavailable\n");
	ret = counter(rmid_g1, "mbm_total_bytes", "ok") ?:
	      counter(rmid_g1, "mbm_total_bytes", "add 7");
	after = g1_total();
	ksft_test_result(!ret && before >= 0 && after == before + 7 * scale,
			 "tracked again, it counts on from 0: +%lld bytes (got %+lld)\n",
			 7 * scale, after - before);
}

static void test_bmec(void)
{
	char want[64], msr[64], *now;
	int ret;

	if (!rctl_exists(rp(TOTAL_CFG))) {
		ksft_test_result_skip("no BMEC on this CPU\n");
		ksft_test_result_skip("no BMEC on this CPU\n");
		ksft_test_result_skip("no BMEC on this CPU\n");
		ksft_test_result_skip("no BMEC on this CPU\n");
		return;
	}
	ksft_test_result(rctl_reads(rp("info/L3_MON/mon_features"),
				    "llc_occupancy\nmbm_total_bytes\nmbm_total_bytes_config\n"
				    "mbm_local_bytes\nmbm_local_bytes_config\n") &&
			 rctl_exists(rp("info/L3_MON/mbm_local_bytes_config")),
			 "mon_features lists the _config files after their events, as upstream\n");

	ret = rctl_write(rp(TOTAL_CFG), rpath("%d=0x15\n", dom));
	snprintf(want, sizeof(want), "%d=0x15", dom);
	snprintf(msr, sizeof(msr), "L3 %d evt_cfg 0 0x15", dom);
	now = rctl_slurp(rp(TOTAL_CFG));
	ksft_test_result(!ret && rctl_has_line(MODEL "/msrs", msr) && now &&
			 strstr(now, want),
			 "a write reaches EVT_CFG 0 of domain %d and reads back (%s)\n", dom,
			 now ? strtok(now, "\n") : "");
	free(now);

	ksft_test_result(rctl_write_fails(rp(TOTAL_CFG), rpath("%d=0x80\n", dom), EINVAL,
					  BAD_CFG) &&
			 rctl_has_line(MODEL "/msrs", msr),
			 "a source outside the CPUID mask is refused with upstream's message\n");

	/* The hardware cleared the domain's counters: counts restart. */
	ret = counter(rmid_g1, "mbm_total_bytes", "add 50") ?:
	      rctl_write(rp(TOTAL_CFG), rpath("%d=0x7f\n", dom));
	if (!ret && rctl_reads(g1_total_path(), "Unavailable\n"))
		ret = 0;
	ksft_test_result(!ret && g1_total() == 0,
			 "a new configuration restarts the domain's counts\n");
}

int main(void)
{
	static const struct rctl_fixture fx = { 0 };
	char *features;
	int ret, i;

	rctl_start(&fx);
	if (!rctl_exists(MODEL "/cpu") || rctl_model_fact("mbm_width") <= 0)
		rctl_skip("needs the RDT hardware model of a CPU with MBM");
	/* debug: mon_hw_id tells which RMID a group has. */
	ret = rctl_mount("debug");
	features = rctl_slurp(rp("info/L3_MON/mon_features"));
	if (!ret && !(features && strstr(features, "mbm_total_bytes\n"))) {
		/* Skylake-SP stepping <= 4: upstream turns MBM off (core.c). */
		free(features);
		rctl_skip("the kernel does not use this CPU's MBM");
	}
	free(features);
	rctl_plan(NR_TESTS);
	/*
	 * Under SNC a node counts in its share of the scale (upstream 6.12
	 * monitor.c: rdt_get_mon_l3_config(), mon_scale / SNC nodes).
	 */
	scale = rctl_model_fact("occupancy_scale") / rctl_snc_ways();
	width = rctl_model_fact("mbm_width");
	max_rmid = rctl_model_fact("l3_max_rmid");
	if (max_rmid < 0)
		max_rmid = rctl_model_fact("max_rmid");
	for (i = 0; i < 64 && dom < 0; i++)
		if (rctl_exists(rpath(RCTL_ROOT "/mon_data/mon_L3_%02d", i)))
			dom = i;
	ksft_test_result(!ret && scale > 0 && width > 0 && max_rmid > 0 && dom >= 0,
			 "mounted on the model: scale %lld, width %lld, RMIDs 0-%lld\n",
			 scale, width, max_rmid);
	test_start_at_mkdir();
	test_overflow_worker();
	test_unavailable_then_back();
	test_bmec();
	rctl_finish();
}
