// SPDX-License-Identifier: GPL-2.0
/*
 * The Haswell-EP L3 CAT driver, resctrl_hsx_l3cat, on the machine it runs
 * on: a Haswell-EP with CAT (the RDT hardware model booted as "hsx", or a
 * real one) or any other CPU.
 *
 * Loading goes by the CPU devices' modalias, as udev does, never by the
 * module's name. On Haswell-EP it must load and give L3 4 CLOSIDs and
 * 20-bit masks next to the backend's L3 monitoring, pqos must see that,
 * a schemata write must reach the mask MSR (read back through the
 * model's debugfs where there is a model), and unloading while mounted
 * must leave a working mount without the L3 line, with the whole cache
 * given back. Booted with rdt=!l3cat it must stay out and say why. On
 * any other CPU the modalias must not load it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rctl_util.h"

#define MOD "/sys/module/resctrl_hsx_l3cat"
#define MODEL_MSRS "/sys/kernel/debug/x86_rdt_model/msrs"

/* Whether /proc/cpuinfo says Intel family 6 model 63 (Haswell-EP). */
static bool cpu_is_hsx(void)
{
	char *info = rctl_slurp("/proc/cpuinfo");
	bool hsx = strstr(info, "GenuineIntel") && strstr(info, "cpu family\t: 6\n") &&
		   strstr(info, "model\t\t: 63\n");

	free(info);
	return hsx;
}

/* modprobe the CPU devices' modalias, as udev does at boot. */
static int load_by_modalias(void)
{
	char alias[4096], cmd[4200];
	int len;

	len = rctl_read("/sys/devices/system/cpu/modalias", alias, sizeof(alias));
	if (len <= 0)
		return -ENOENT;
	alias[strcspn(alias, "\n")] = 0;
	snprintf(cmd, sizeof(cmd), "modprobe -q -a '%s'", alias);
	return system(cmd) ? -EIO : 0;
}

/* Whether a command's output holds @text; prints it if not. */
static bool output_has(const char *cmd, const char *text)
{
	char *out;
	bool ok;

	if (system(rpath("%s > /tmp/hsx_out 2>&1", cmd)) < 0)
		return false;
	out = rctl_slurp("/tmp/hsx_out");
	ok = strstr(out, text);
	if (!ok)
		ksft_print_msg("%s lacks \"%s\":\n%s", cmd, text, out);
	free(out);
	return ok;
}

/*
 * Move this task into g1 and look at the modelled PQR_ASSOC of the CPU it
 * runs on: CLOSID in bits 63:32, RMID below (SDM Vol. 3B, "IA32_PQR_ASSOC").
 */
static bool task_carries_ids(long long closid, long long rmid)
{
	char want[64];
	char *msrs;
	int i, cpu;
	bool ok = false;

	if (closid < 0 || rmid < 0 || rctl_move_task(rp("g1"), getpid()))
		return false;
	for (i = 0; i < 5 && !ok; i++) {
		msrs = rctl_slurp(MODEL_MSRS);
		cpu = sched_getcpu();
		snprintf(want, sizeof(want), "cpu %d pqr %#llx ", cpu,
			 (unsigned long long)closid << 32 | rmid);
		ok = strstr(msrs, want);
		if (!ok && i == 4)
			ksft_print_msg("no \"%s\" in:\n%s", want, msrs);
		free(msrs);
	}
	rctl_move_task(RCTL_ROOT, getpid());
	return ok;
}

static void test_other_cpu(void)
{
	rctl_plan(1);
	load_by_modalias();
	ksft_test_result(!rctl_exists(MOD),
			 "not Haswell-EP: the CPU modalias does not load the driver\n");
}

/* Booted with rdt=!l3cat: the driver must stay out, and say why. */
static void test_hsx_turned_off(void)
{
	rctl_plan(1);
	load_by_modalias();
	ksft_test_result(!rctl_exists(MOD) &&
			 rctl_kmsg_has("L3 CAT turned off by rdt=!l3cat"),
			 "rdt=!l3cat: the driver does not load and says why\n");
}

static bool l3cat_turned_off(void)
{
	char *cmdline = rctl_slurp("/proc/cmdline");
	bool off = strstr(cmdline, "rdt=") && strstr(cmdline, "!l3cat");

	free(cmdline);
	return off;
}

static void test_hsx(void)
{
	bool model = rctl_exists(MODEL_MSRS);
	long long closid;
	char line[96];
	int ret;

	rctl_plan(8);
	ksft_test_result(!load_by_modalias() && rctl_exists(MOD),
			 "Haswell-EP: the CPU modalias loads the driver\n");
	ret = rctl_mount("debug");
	ksft_test_result(!ret && rctl_reads(rp("info/L3/num_closids"), "4\n") &&
			 rctl_reads(rp("info/L3/cbm_mask"), "fffff\n") &&
			 rctl_reads(rp("info/L3/min_cbm_bits"), "2\n") &&
			 rctl_reads(rp("info/L3/shareable_bits"), "c0000\n") &&
			 rctl_exists(rp("info/L3_MON/mon_features")),
			 "L3: 4 CLOSIDs, 20-bit masks, 2 bits, c0000 shared, with L3_MON (%s)\n",
			 strerror(-ret));
	ksft_test_result(output_has("pqos -I -d", "L3 CAT") &&
			 output_has("pqos -I -d", "Num COS: 4") &&
			 output_has("pqos -I -s", "L3CA COS3 => MASK 0xfffff"),
			 "pqos -I sees L3 CAT with 4 COS and 20-bit masks\n");
	/* pqos makes a group per COS it manages: give the CLOSIDs back. */
	for (closid = 1; closid < 4; closid++)
		rctl_rmdir(rp(rpath("COS%lld", closid)));

	ret = rctl_mkdir(rp("g1")) ?: rctl_write(rp("g1/schemata"), "L3:0=3f0\n");
	closid = rctl_count(rp("g1/ctrl_hw_id"));
	snprintf(line, sizeof(line), "L3 0 mask %lld 0x3f0", closid);
	if (!model)
		ksft_test_result(!ret && strstr(rctl_slurp(rp("g1/schemata")), "L3:0=003f0"),
				 "a schemata write is taken (no model to read MSRs back) (%s)\n",
				 strerror(-ret));
	else
		ksft_test_result(!ret && rctl_expect_line(MODEL_MSRS, line),
				 "a schemata write reaches the modelled mask MSR (%s)\n",
				 strerror(-ret));
	ksft_test_result(!model || task_carries_ids(closid, rctl_count(rp("g1/mon_hw_id"))),
			 "a task of the group runs with its CLOSID in PQR_ASSOC\n");
	ksft_test_result(rctl_write_fails(rp("g1/schemata"), "L3:0=1\n", EINVAL,
					  "Need at least 2 bits in the mask\n") &&
			 rctl_write_fails(rp("g1/schemata"), "L3:0=f0f\n", EINVAL,
					  "The mask f0f has non-consecutive 1-bits\n"),
			 "one bit, or holes, are refused as on the hardware\n");

	ret = rctl_module_unload("resctrl_hsx_l3cat");
	snprintf(line, sizeof(line), "L3 0 mask %lld 0xfffff", closid);
	ksft_test_result(!ret && !rctl_exists(MOD) && !rctl_exists(rp("info/L3")) &&
			 rctl_exists(rp("info/L3_MON")) &&
			 !strstr(rctl_slurp(rp("g1/schemata")), "L3:") &&
			 (!model || rctl_expect_line(MODEL_MSRS, line)),
			 "unloaded while mounted: no L3 line, L3_MON stays, whole cache back (%s)\n",
			 strerror(-ret));
	ret = rctl_mkdir(rp("g1/mon_groups/m1")) ?: rctl_rmdir(rp("g1/mon_groups/m1")) ?:
	      rctl_rmdir(rp("g1"));
	ksft_test_result(!ret, "the mount still works: groups come and go (%s)\n",
			 strerror(-ret));
}

/* Loaded still after the cleanup: built in, or used by someone else. */
static const char *driver_in_use(void)
{
	return rctl_exists(MOD) ? "resctrl_hsx_l3cat is in use" : NULL;
}

int main(void)
{
	static const struct rctl_fixture fx = {
		.fs = true,
		.modules = { "resctrl_hsx_l3cat" },
		.unless = driver_in_use,
	};

	rctl_start(&fx);
	if (cpu_is_hsx() && l3cat_turned_off())
		test_hsx_turned_off();
	else if (cpu_is_hsx())
		test_hsx();
	else
		test_other_cpu();
	rctl_finish();
}
