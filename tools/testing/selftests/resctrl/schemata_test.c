// SPDX-License-Identifier: GPL-2.0
/*
 * schemata for every control type (bitmask, sparse bitmask, percent,
 * MBps, scalar, custom): what a write programs in the simulator per
 * domain and CLOSID, how partial writes merge, the info files of each
 * type, rejected writes (all or nothing, explained), and driver failures
 * to apply (explained, values put back).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rctl_util.h"

#define RANGE_INFO "bandwidth_gran delay_linear min_bandwidth num_closids resource_schemata"

#define BITMASK_INFO "bit_usage cbm_mask min_cbm_bits num_closids resource_schemata shareable_bits sparse_masks"

enum { L3, L2S, MB, BWM, PRI, LVL, NR_RES };

static const char * const names[NR_RES] = { "L3", "L2S", "MB", "BWM", "PRI", "LVL" };

/* The schemata lines of the default values, names aligned to 3. */
static const char * const defaults[NR_RES] = {
	" L3:0=fffff;1=fffff",
	"L2S:0=fff;1=fff",
	" MB:0=100;1=100",
	"BWM:0=5000;1=5000",
	"PRI:0=7;1=7",
	"LVL:0=mid;1=mid",
};

/* What the simulator is told for the default values. */
static const char * const programmed_defaults[NR_RES] = {
	"0xfffff", "0xfff", "0x64", "0x1388", "0x7", "0x2",
};

/* The lines g1's schemata should read. */
static const char *g1_lines[NR_RES];

static int add_resources(void)
{
	return sim_add("L3", "ctrl=bitmask", "scope=package", "num_closid=8",
		       "cbm_len=20", "min_cbm_bits=2", "shareable_bits=c0000",
		       NULL) ?:
	       sim_add("L2S", "ctrl=bitmask", "scope=package", "num_closid=8",
		       "cbm_len=12", "sparse=1", NULL) ?:
	       sim_add("MB", "ctrl=percent", "scope=package", "num_closid=8",
		       "min=10", "max=100", "granularity=10", NULL) ?:
	       sim_add("BWM", "ctrl=mbps", "scope=package", "num_closid=8",
		       "min=50", "max=5000", "granularity=1", "delay_linear=0",
		       NULL) ?:
	       sim_add("PRI", "ctrl=scalar", "scope=package", "num_closid=8",
		       "min=0", "max=7", NULL) ?:
	       sim_add("LVL", "ctrl=custom", "scope=package", "num_closid=8",
		       "default_val=2", NULL);
}

static bool schemata_is(const char *path, const char * const *lines)
{
	char want[1024] = "";
	int i;

	for (i = 0; i < NR_RES; i++) {
		strcat(want, lines[i]);
		strcat(want, "\n");
	}
	return rctl_reads(path, want);
}

/* Whether every resource has its default programmed for @closid. */
static bool programmed_defaults_for(unsigned int closid)
{
	bool ok = true;
	int i, dom;

	for (i = 0; i < NR_RES; i++)
		for (dom = 0; dom < 2; dom++)
			ok &= sim_programmed_is(names[i], dom, closid,
						programmed_defaults[i]);
	return ok;
}

/* Everything a write could change: schemata and the simulators. */
static char *state(void)
{
	static const char * const files[] = { "schemata", "g1/schemata" };

	return rctl_state(files, ARRAY_SIZE(files), names, NR_RES);
}

static bool state_is(const char *before)
{
	char *now = state();
	bool same = rctl_state_is(before, now);

	free(now);
	return same;
}

static void test_info(void)
{
	ksft_test_result(rctl_dir_is(rp("info/L3"),
				     BITMASK_INFO) &&
			 rctl_reads(rp("info/L3/cbm_mask"), "fffff\n") &&
			 rctl_reads(rp("info/L3/min_cbm_bits"), "2\n") &&
			 rctl_reads(rp("info/L3/shareable_bits"), "c0000\n") &&
			 rctl_reads(rp("info/L3/sparse_masks"), "0\n") &&
			 rctl_reads(rp("info/L3/num_closids"), "8\n"),
			 "info/L3 describes a bitmask\n");
	ksft_test_result(rctl_reads(rp("info/L2S/cbm_mask"), "fff\n") &&
			 rctl_reads(rp("info/L2S/min_cbm_bits"), "1\n") &&
			 rctl_reads(rp("info/L2S/sparse_masks"), "1\n"),
			 "info/L2S describes a sparse bitmask\n");
	ksft_test_result(rctl_dir_is(rp("info/MB"),
				     RANGE_INFO) &&
			 rctl_reads(rp("info/MB/bandwidth_gran"), "10\n") &&
			 rctl_reads(rp("info/MB/delay_linear"), "1\n") &&
			 rctl_reads(rp("info/MB/min_bandwidth"), "10\n"),
			 "info/MB describes a percentage\n");
	ksft_test_result(rctl_dir_is(rp("info/BWM"),
				     RANGE_INFO) &&
			 rctl_reads(rp("info/BWM/bandwidth_gran"), "1\n") &&
			 rctl_reads(rp("info/BWM/delay_linear"), "0\n") &&
			 rctl_reads(rp("info/BWM/min_bandwidth"), "50\n"),
			 "info/BWM describes a bandwidth in MBps\n");
	ksft_test_result(rctl_dir_is(rp("info/PRI"),
				     "max_value min_value num_closids resource_schemata") &&
			 rctl_reads(rp("info/PRI/min_value"), "0\n") &&
			 rctl_reads(rp("info/PRI/max_value"), "7\n"),
			 "info/PRI describes a scalar\n");
	ksft_test_result(rctl_dir_is(rp("info/LVL"), "num_closids resource_schemata") &&
			 rctl_reads(rp("info/LVL/num_closids"), "8\n"),
			 "info/LVL of a custom control has num_closids only\n");
}

static void test_defaults(void)
{
	int ret, i;

	ksft_test_result(schemata_is(rp("schemata"), defaults),
			 "the default group shows every type's default, names right-aligned\n");
	ksft_test_result(programmed_defaults_for(0) && programmed_defaults_for(7),
			 "every CLOSID of every domain is programmed with the default\n");
	ret = rctl_mkdir(rp("g1"));
	for (i = 0; i < NR_RES; i++)
		g1_lines[i] = defaults[i];
	ksft_test_result(!ret && schemata_is(rp("g1/schemata"), g1_lines),
			 "a new control group starts from the defaults\n");
}

struct type_case {
	int res;
	const char *write;
	const char *line;
	const char *dom0;
	const char *dom1;
	const char *what;
};

static const struct type_case type_cases[] = {
	{ L3, "L3:0=ff0;1=3\n", " L3:0=00ff0;1=00003", "0xff0", "0x3",
	  "a bitmask, zero-padded" },
	{ L2S, "L2S:0=a5;1=801\n", "L2S:0=0a5;1=801", "0xa5", "0x801",
	  "a sparse bitmask" },
	{ MB, "MB:0=55;1=10\n", " MB:0= 60;1= 10", "0x3c", "0xa",
	  "a percentage, rounded up to the granularity" },
	{ BWM, "BWM:0=75;1=4096\n", "BWM:0= 75;1=4096", "0x4b", "0x1000",
	  "a bandwidth in MBps" },
	{ PRI, "PRI:0=0;1=5\n", "PRI:0=0;1=5", "0x0", "0x5", "a scalar" },
	{ LVL, "LVL:0=high;1=low\n", "LVL:0=high;1=low", "0x3", "0x1",
	  "a custom value, parsed and shown by the driver" },
};

static void test_types(void)
{
	const struct type_case *c;
	bool ok;
	int ret;

	for (c = type_cases; c < type_cases + ARRAY_SIZE(type_cases); c++) {
		ret = rctl_write(rp("g1/schemata"), c->write);
		g1_lines[c->res] = c->line;
		ok = !ret && rctl_status_is("ok\n") &&
		     schemata_is(rp("g1/schemata"), g1_lines) &&
		     sim_programmed_is(names[c->res], 0, 1, c->dom0) &&
		     sim_programmed_is(names[c->res], 1, 1, c->dom1) &&
		     sim_programmed_is(names[c->res], 0, 0, programmed_defaults[c->res]);
		ksft_test_result(ok,
				 "%s: a write reaches the simulator per domain for the group's CLOSID (%s)\n",
				 c->what, strerror(-ret));
	}
	ksft_test_result(schemata_is(rp("schemata"), defaults),
			 "the default group keeps its values\n");
}

static void test_merge(void)
{
	long long before;
	int ret;

	ret = rctl_write(rp("g1/schemata"), "MB:1=30\n");
	g1_lines[MB] = " MB:0= 60;1= 30";
	ksft_test_result(!ret && schemata_is(rp("g1/schemata"), g1_lines) &&
			 sim_programmed_is("MB", 0, 1, "0x3c") &&
			 sim_programmed_is("MB", 1, 1, "0x1e"),
			 "a write of one domain keeps the other domains and lines\n");
	ret = rctl_write(rp("g1/schemata"), "PRI:1=3\nL3:0=f\n");
	g1_lines[PRI] = "PRI:0=0;1=3";
	g1_lines[L3] = " L3:0=0000f;1=00003";
	ksft_test_result(!ret && schemata_is(rp("g1/schemata"), g1_lines) &&
			 sim_programmed_is("PRI", 1, 1, "0x3") &&
			 sim_programmed_is("L3", 0, 1, "0xf"),
			 "a write of several lines sets them all\n");
	before = sim_apply_count("PRI");
	ret = rctl_write(rp("g1/schemata"), "PRI:0=0;1=3\n");
	ksft_test_result(!ret && before >= 0 && sim_apply_count("PRI") == before,
			 "values that do not change are not applied again\n");
	ret = rctl_write(rp("schemata"), "LVL:1=high\n");
	ksft_test_result(!ret && rctl_expect_line(rp("schemata"), "LVL:0=mid;1=high") &&
			 sim_programmed_is("LVL", 1, 0, "0x3") &&
			 schemata_is(rp("g1/schemata"), g1_lines),
			 "a write to the default group programs CLOSID 0 only\n");
}

struct bad_case {
	const char *write;
	const char *status;
};

static const struct bad_case bad_cases[] = {
	{ "L3 0=ff\n", "Missing ':'\n" },
	{ "L3:\n", "Missing 'L3' value\n" },
	{ "XX:0=1\n", "Unknown or unsupported resource name 'XX'\n" },
	{ "L3:0ff\n", "Missing '=' or non-numeric domain\n" },
	{ "L3:x=ff\n", "Missing '=' or non-numeric domain\n" },
	{ "L3:2=ff\n", "L3: no domain 2\n" },
	{ "L3:0=ff;0=f0\n", "Duplicate domain 0\n" },
	{ "L3:0=ff\nL3:0=f0\n", "Duplicate domain 0\n" },
	{ "L3:0=fg\n", "Non-hex character in the mask fg\n" },
	{ "L3:0=100000\n", "Mask out of range\n" },
	{ "L3:0=0\n", "Mask out of range\n" },
	{ "L3:0=f0f\n", "The mask f0f has non-consecutive 1-bits\n" },
	{ "L3:0=1\n", "Need at least 2 bits in the mask\n" },
	{ "L2S:1=1000\n", "Mask out of range\n" },
	{ "MB:0=abc\n", "Invalid MB value abc\n" },
	{ "MB:0=5\n", "MB value 5 out of range [10,100]\n" },
	{ "MB:1=101\n", "MB value 101 out of range [10,100]\n" },
	{ "BWM:0=-1\n", "Invalid BWM value -1\n" },
	{ "BWM:0=5001\n", "BWM value 5001 out of range [50,5000]\n" },
	{ "PRI:1=8\n", "PRI value 8 out of range [0,7]\n" },
	{ "LVL:0=max\n", "Unknown level 'max'\n" },
	{ "PRI:0=1\nMB:0=5\n", "MB value 5 out of range [10,100]\n" },
	{ "PRI:0=1;1=9\n", "PRI value 9 out of range [0,7]\n" },
	{ "PRI:0=1\nL3:0=1\nLVL:1=low\n", "Need at least 2 bits in the mask\n" },
	{ "PRI:0=1", "Schemata lines must end with a newline\n" },
};

/* The write as one line for a test description. */
static const char *escaped(const char *text)
{
	static char buf[128];
	size_t n = 0;

	for (; *text && n < sizeof(buf) - 3; text++) {
		if (*text == '\n') {
			buf[n++] = '\\';
			buf[n++] = 'n';
		} else {
			buf[n++] = *text;
		}
	}
	buf[n] = '\0';
	return buf;
}

static void test_rejected(void)
{
	const struct bad_case *c;
	char *before;
	bool ok;

	for (c = bad_cases; c < bad_cases + ARRAY_SIZE(bad_cases); c++) {
		before = state();
		ok = rctl_write_fails(rp("g1/schemata"), c->write, EINVAL, c->status);
		ok = state_is(before) && ok;
		free(before);
		ksft_test_result(ok, "\"%s\" is rejected and explained, nothing changes\n",
				 escaped(c->write));
	}
}

static void test_apply_fails(void)
{
	long long pri;
	char *before;
	bool ok;

	before = state();
	ok = !sim_dbg_write("PRI", "fail_apply", "1\n") &&
	     rctl_write_fails(rp("g1/schemata"), "PRI:0=6\n", EIO,
			      "PRI: domain 0: the driver failed to apply (-5)\n");
	ksft_test_result(state_is(before) && ok,
			 "a value the driver fails to apply fails the write, explained, nothing changes\n");
	free(before);
	ksft_test_result(rctl_reads(SIM_DBG "/PRI/fail_apply", "0\n") &&
			 !rctl_write(rp("g1/schemata"), "PRI:0=6\n") &&
			 sim_programmed_is("PRI", 0, 1, "0x6"),
			 "the next write applies\n");
	g1_lines[PRI] = "PRI:0=6;1=3";

	/* PRI is applied in both domains, then LVL fails. */
	pri = sim_apply_count("PRI");
	before = state();
	ok = !sim_dbg_write("LVL", "fail_apply", "1\n") &&
	     rctl_write_fails(rp("g1/schemata"), "PRI:0=2;1=4\nLVL:0=low\n", EIO,
			      "LVL: domain 0: the driver failed to apply (-5)\n");
	free(before);
	ksft_test_result(ok && schemata_is(rp("g1/schemata"), g1_lines) &&
			 sim_programmed_is("PRI", 0, 1, "0x6") &&
			 sim_programmed_is("PRI", 1, 1, "0x3") &&
			 sim_programmed_is("LVL", 0, 1, "0x3") &&
			 sim_apply_count("PRI") == pri + 4,
			 "values applied before a failure are put back in the driver\n");

	before = state();
	ok = !sim_dbg_write("MB", "fail_apply", "-1\n") &&
	     rctl_write_fails(rp("g1/schemata"), "MB:1=70\n", EIO,
			      "MB: domain 1: the driver failed to apply (-5)\n") &&
	     rctl_write_fails(rp("g1/schemata"), "MB:1=70\n", EIO,
			      "MB: domain 1: the driver failed to apply (-5)\n");
	ksft_test_result(state_is(before) && ok,
			 "a driver that fails every apply fails every write\n");
	free(before);
	g1_lines[MB] = " MB:0= 60;1= 70";
	ksft_test_result(!sim_dbg_write("MB", "fail_apply", "0\n") &&
			 !rctl_write(rp("g1/schemata"), "MB:1=70\n") &&
			 schemata_is(rp("g1/schemata"), g1_lines) &&
			 sim_programmed_is("MB", 1, 1, "0x46"),
			 "once the driver recovers, the write applies\n");
}

static void test_reuse_and_umount(void)
{
	int ret;

	ret = rctl_rmdir(rp("g1")) ?: rctl_mkdir(rp("g2"));
	ksft_test_result(!ret && schemata_is(rp("g2/schemata"), defaults) &&
			 programmed_defaults_for(1),
			 "a group that reuses a CLOSID starts from the defaults, programmed\n");
	ret = rctl_write(rp("g2/schemata"), "PRI:0=1\nL2S:1=f0f\n") ?: rctl_umount();
	ksft_test_result(!ret && programmed_defaults_for(1) && programmed_defaults_for(0),
			 "unmount programs the defaults back\n");
	ksft_test_result(!sim_violations("L3") && !sim_violations("L2S") &&
			 !sim_violations("MB") && !sim_violations("BWM") &&
			 !sim_violations("PRI") && !sim_violations("LVL"),
			 "the simulator saw no driver contract violation\n");
}

/*
 * Limits of the types: a percentage whose maximum is off the granularity
 * (the filesystem may refuse such a resource), and a 32-bit mask.
 */
static void test_limits(void)
{
	long long val;
	int ret, mb9;

	mb9 = sim_add("MB9", "ctrl=percent", "scope=package", "num_closid=8",
		      "min=10", "max=95", "granularity=10", NULL);
	ret = sim_add("W32", "ctrl=bitmask", "scope=package", "num_closid=8",
		      "cbm_len=32", NULL) ?:
	      rctl_mount(NULL) ?: rctl_mkdir(rp("g1"));
	ksft_test_result(!ret && rctl_expect_line(rp("g1/schemata"), "W32:0=ffffffff;1=ffffffff") &&
			 sim_programmed_is("W32", 1, 1, "0xffffffff") &&
			 (mb9 == -EINVAL ||
			  (!mb9 && rctl_expect_line(rp("g1/schemata"), "MB9:0= 95;1= 95") &&
			   sim_programmed_is("MB9", 0, 1, "0x5f"))),
			 "a 32-bit mask and a percentage of maximum 95 (%s) start from their maximum\n",
			 mb9 ? "refused" : "registered");
	if (mb9) {
		ksft_test_result_skip("writing back the maximum the schemata shows keeps it\n");
		ksft_test_result_skip("a percentage is never rounded up beyond its maximum\n");
	} else {
		ret = rctl_write(rp("g1/schemata"), "MB9:0=95\n");
		ksft_test_result(!ret && rctl_expect_line(rp("g1/schemata"), "MB9:0= 95;1= 95") &&
				 sim_programmed_is("MB9", 0, 1, "0x5f"),
				 "writing back the maximum the schemata shows keeps it (%s)\n",
				 strerror(-ret));
		ret = rctl_write(rp("g1/schemata"), "MB9:1=91\n");
		val = sim_programmed_val("MB9", 1, 1);
		ksft_test_result(ret ? ret == -EINVAL && !rctl_status_is("ok\n") :
				       val >= 10 && val <= 95,
				 "a percentage is never rounded up beyond its maximum (%s, %lld)\n",
				 strerror(-ret), val);
	}
	ret = rctl_write(rp("g1/schemata"), "W32:0=ffffffff;1=ffff\n");
	ksft_test_result(!ret && rctl_expect_line(rp("g1/schemata"), "W32:0=ffffffff;1=0000ffff") &&
			 sim_programmed_is("W32", 0, 1, "0xffffffff") &&
			 sim_programmed_is("W32", 1, 1, "0xffff"),
			 "a 32-bit mask is taken and shown whole\n");
	ksft_test_result(rctl_write_fails(rp("g1/schemata"), "W32:0=1ffffffff\n", EINVAL,
					  "Mask out of range\n") &&
			 sim_programmed_is("W32", 0, 1, "0xffffffff"),
			 "a 33-bit mask is rejected and explained\n");
}

int main(void)
{
	static const struct rctl_fixture fx = {
		.plan = 6 + 3 + ARRAY_SIZE(type_cases) + 1 + 4 +
			ARRAY_SIZE(bad_cases) + 5 + 3 + 5 + 1,
		.sim = true,
	};
	int ret;

	rctl_start(&fx);

	ret = add_resources() ?: rctl_mount(NULL);
	ksft_test_result(!ret, "six resources, one of each control type, and mount (%s)\n",
			 strerror(-ret));
	test_info();
	test_defaults();
	test_types();
	test_merge();
	test_rejected();
	test_apply_fails();
	test_reuse_and_umount();
	test_limits();
	rctl_finish();
}
