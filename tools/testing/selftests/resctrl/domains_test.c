// SPDX-License-Identifier: GPL-2.0
/*
 * Domains: one per package, L3 cache, NUMA node or L2 cache from the CPU
 * topology of the VM (2 packages of 2 CPUs), following CPU hotplug with
 * the groups' values kept and applied again, a driver refusing a domain
 * (the CPU stays offline), and DEVICE domains the driver declares. PK's
 * extra control PK_PN has a scope of its own, NUMA nodes, and follows
 * CPU hotplug as a resource of that scope would. Lines are compared
 * without the padding of names, which depends on every resource present.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rctl_util.h"

/* Needs CPUs 2 and 3, hotpluggable, to take a package away. */
static const char *without_cpus(void)
{
	if (rctl_cpu_online(2) < 0 || rctl_cpu_online(3) < 0)
		return "needs CPUs 2 and 3, hotpluggable";
	return NULL;
}

static int add_resources(void)
{
	return sim_add("PK", "ctrl=bitmask", "scope=package", "cbm_len=8",
		       "num_closid=4", "controls=PN:scalar:0:9@node", NULL) ?:
	       sim_add("LC", "ctrl=bitmask", "scope=l3", "cbm_len=8",
		       "num_closid=4", "events=occ", "num_rmid=4", NULL) ?:
	       sim_add("RC", "ctrl=bitmask", "scope=l3", "cbm_len=8",
		       "num_closid=4", "events=rev", "num_rmid=4",
		       "run_on_domain_cpu=1", NULL) ?:
	       sim_add("ND", "ctrl=scalar", "scope=node", "min=0", "max=9",
		       "num_closid=4", "events=nev", "num_rmid=4", NULL) ?:
	       sim_add("DV", "ctrl=scalar", "scope=device", "min=0", "max=9",
		       "num_closid=4", "events=dev", "num_rmid=4",
		       "device_domains=3,7,12", NULL) ?:
	       sim_add("L2", "ctrl=bitmask", "scope=l2", "cbm_len=4",
		       "num_closid=4", NULL);
}

/* "online", "offline" or "none": what the simulator knows of domain @id. */
static const char *dom_state(const char *sim, int id)
{
	char buf[4096], prefix[16], *line, *save = NULL;
	size_t n;

	if (sim_dbg_read(sim, "domains", buf, sizeof(buf)) < 0)
		return "none";
	n = snprintf(prefix, sizeof(prefix), "%d ", id);
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, prefix, n))
			continue;
		if (strlen(line) > 7 && !strcmp(line + strlen(line) - 7, "offline"))
			return "offline";
		return "online";
	}
	return "none";
}

/* Whether the simulator has domains 0 and 1 online, and no other. */
static bool two_domains(const char *sim)
{
	char buf[4096], *p;
	int lines = 0;

	if (sim_dbg_read(sim, "domains", buf, sizeof(buf)) < 0)
		return false;
	for (p = buf; (p = strchr(p, '\n')); p++)
		lines++;
	return lines == 2 && !strcmp(dom_state(sim, 0), "online") &&
	       !strcmp(dom_state(sim, 1), "online");
}

/* Whether every one of the groups' mon_data holds @dirs. */
static bool mon_data_is(const char *dirs)
{
	return rctl_dir_is(rp("mon_data"), dirs) &&
	       rctl_dir_is(rp("g1/mon_data"), dirs) &&
	       rctl_dir_is(rp("g1/mon_groups/m1/mon_data"), dirs);
}

/* The mon_data directories of domains 0 and 1 of CPU-scoped resources. */
#define CPU_MON0 "mon_LC_00 mon_RC_00 mon_ND_00"
#define CPU_MON1 "mon_LC_01 mon_RC_01 mon_ND_01"
#define ALL_MON CPU_MON0 " " CPU_MON1 " mon_DV_03 mon_DV_07 mon_DV_12"
#define NO_DV3_MON CPU_MON0 " " CPU_MON1 " mon_DV_07 mon_DV_12"
#define DOM0_MON CPU_MON0 " mon_DV_03 mon_DV_07 mon_DV_12"

static void test_scopes(void)
{
	char buf[256] = "", line[256];
	char *p;
	int n = 0;

	ksft_test_result(rctl_expect_unpadded_line(rp("schemata"), "PK:0=ff;1=ff") &&
			 two_domains("PK"),
			 "a package-scoped resource has one domain per package\n");
	ksft_test_result(rctl_expect_unpadded_line(rp("schemata"), "LC:0=ff;1=ff") &&
			 two_domains("LC") &&
			 rctl_dir_is(rp("mon_data/mon_LC_01"), "occ"),
			 "an L3-scoped resource has one domain per L3 cache\n");
	ksft_test_result(rctl_expect_unpadded_line(rp("schemata"), "ND:0=9;1=9") &&
			 two_domains("ND") &&
			 rctl_dir_is(rp("mon_data/mon_ND_00"), "nev"),
			 "a node-scoped resource has one domain per NUMA node\n");
	ksft_test_result(rctl_expect_unpadded_line(rp("schemata"), "DV:3=9;7=9;12=9") &&
			 sim_has_domain("DV", "3 0-3 online") &&
			 sim_has_domain("DV", "12 0-3 online") &&
			 rctl_dir_is(rp("mon_data"), ALL_MON),
			 "a device-scoped resource has the domains the driver declared\n");
	/* One L2 per core: four domains of one CPU each. */
	rctl_read(rp("schemata"), buf, sizeof(buf));
	p = strstr(buf, "L2:");
	if (p) {
		snprintf(line, sizeof(line), "%s", p);
		strtok(line, "\n");
		for (p = line; (p = strchr(p, '=')); p++)
			n++;
	}
	ksft_test_result(n == 4 && sim_dbg_read("L2", "domains", buf, sizeof(buf)) > 0 &&
			 !strstr(buf, "-"),
			 "an L2-scoped resource has one domain per core (%d)\n", n);
}

static void test_hotplug(void)
{
	long long pk, lc;
	int ret, held;
	char buf[64];

	ret = rctl_mkdir(rp("g1")) ?: rctl_mkdir(rp("g1/mon_groups/m1")) ?:
	      rctl_write(rp("g1/schemata"),
			 "PK:0=f;1=f0\nLC:1=3c\nND:1=4\nDV:7=2\nPK_PN:1=5\n");
	ksft_test_result(!ret && mon_data_is(ALL_MON),
			 "a control group with values in every domain, and a monitor group\n");

	ret = rctl_write(rp("g1/schemata"), "RC:0=3;1=c\n") ?:
	      sim_counter("RC", 1, 0, "rev", "17");
	ksft_test_result(!ret && rctl_expect_unpadded_line(rp("g1/schemata"), "RC:0=03;1=0c") &&
			 sim_programmed_is("RC", 1, 1, "0xc") &&
			 rctl_reads(rp("mon_data/mon_RC_01/rev"), "17\n") &&
			 sim_violations("RC") == 0,
			 "a resource reached from its domains' CPUs is programmed and read there\n");

	held = open(rp("g1/mon_data/mon_LC_01/occ"), O_RDONLY);
	ret = rctl_cpu_set(2, false);
	ksft_test_result(!ret && rctl_expect_unpadded_line(rp("g1/schemata"), "PK:0=0f;1=f0"),
			 "a domain stays while one of its CPUs is online\n");
	ret = rctl_cpu_set(3, false);
	ksft_test_result(!ret && rctl_expect_unpadded_line(rp("g1/schemata"), "PK:0=0f") &&
			 rctl_expect_unpadded_line(rp("g1/schemata"), "LC:0=ff") &&
			 rctl_expect_unpadded_line(rp("g1/schemata"), "ND:0=9") &&
			 rctl_expect_unpadded_line(rp("g1/schemata"), "PK_PN:0=9") &&
			 rctl_expect_unpadded_line(rp("schemata"), "PK:0=ff") &&
			 rctl_expect_unpadded_line(rp("schemata"), "ND:0=9"),
			 "with its last CPU offline, domain 1 leaves the schemata of every group\n");
	ksft_test_result(rctl_expect_unpadded_line(rp("g1/schemata"), "DV:3=9;7=2;12=9") &&
			 rctl_expect_unpadded_line(rp("schemata"), "DV:3=9;7=9;12=9"),
			 "device domains do not follow CPU hotplug\n");
	ksft_test_result(mon_data_is(DOM0_MON),
			 "domain 1 leaves mon_data of every group\n");
	ksft_test_result(held >= 0 && lseek(held, 0, SEEK_SET) <= 0 &&
			 read(held, buf, sizeof(buf)) < 0 && errno == ENODEV,
			 "a mon_data file held open fails with ENODEV once its domain is offline\n");
	if (held >= 0)
		close(held);
	ksft_test_result(!strcmp(dom_state("PK", 1), "offline") &&
			 !strcmp(dom_state("LC", 1), "offline") &&
			 !strcmp(dom_state("ND", 1), "offline") &&
			 !strcmp(dom_state("PK", 0), "online"),
			 "the driver is told that domain 1 went offline\n");
	ksft_test_result(rctl_write_fails(rp("g1/schemata"), "PK:1=3\n", EINVAL,
					  "PK: no domain 1\n"),
			 "a write to the offline domain is rejected and explained\n");

	pk = sim_apply_count("PK");
	lc = sim_apply_count("LC");
	ret = rctl_cpu_set(2, true);
	ksft_test_result(!ret && rctl_expect_unpadded_line(rp("g1/schemata"), "PK:0=0f;1=f0") &&
			 rctl_expect_unpadded_line(rp("g1/schemata"), "LC:0=ff;1=3c") &&
			 rctl_expect_unpadded_line(rp("g1/schemata"), "ND:0=9;1=4") &&
			 rctl_expect_unpadded_line(rp("g1/schemata"), "PK_PN:0=9;1=5") &&
			 rctl_expect_unpadded_line(rp("schemata"), "PK:0=ff;1=ff"),
			 "with a CPU back, domain 1 returns with the groups' values\n");
	ksft_test_result(sim_apply_count("PK") >= pk + 2 &&
			 sim_apply_count("LC") >= lc + 2 &&
			 sim_programmed_is("PK", 1, 1, "0xf0") &&
			 sim_programmed_is("PK", 1, 0, "0xff") &&
			 sim_programmed_is("LC", 1, 1, "0x3c") &&
			 sim_programmed_is("ND", 1, 1, "0x4") &&
			 sim_has_domain("PK", "1 2 online") && sim_violations("PK") == 0,
			 "the groups' values are applied again to the returning domain\n");
	ksft_test_result(mon_data_is(ALL_MON) &&
			 !sim_counter("LC", 1, 0, "occ", "5") &&
			 rctl_reads(rp("mon_data/mon_LC_01/occ"), "5\n"),
			 "domain 1 returns to mon_data of every group, and reads\n");
}

static void test_refused(void)
{
	int ret;

	ret = rctl_cpu_set(2, false) ?: rctl_cpu_set(3, false) ?:
	      sim_dbg_write("ND", "refuse_domain", "1\n");
	ret = ret ?: rctl_cpu_set(2, true);
	ksft_test_result(ret && rctl_cpu_online(2) == 0,
			 "a CPU whose domain a driver refuses does not come online (%s)\n",
			 strerror(-ret));
	ksft_test_result(rctl_expect_unpadded_line(rp("g1/schemata"), "PK:0=0f") &&
			 rctl_expect_unpadded_line(rp("g1/schemata"), "LC:0=ff") &&
			 rctl_expect_unpadded_line(rp("g1/schemata"), "ND:0=9") &&
			 mon_data_is(DOM0_MON),
			 "no resource shows the refused domain\n");
	ksft_test_result(strcmp(dom_state("PK", 1), "online") &&
			 strcmp(dom_state("LC", 1), "online") &&
			 strcmp(dom_state("RC", 1), "online") &&
			 strcmp(dom_state("ND", 1), "online"),
			 "the domains that came online with the CPU went offline again\n");
	ret = sim_dbg_write("ND", "refuse_domain", "-1\n") ?:
	      rctl_cpu_set(2, true) ?: rctl_cpu_set(3, true);
	ksft_test_result(!ret && rctl_expect_unpadded_line(rp("g1/schemata"), "PK:0=0f;1=f0") &&
			 rctl_expect_unpadded_line(rp("g1/schemata"), "ND:0=9;1=4") &&
			 mon_data_is(ALL_MON) && sim_has_domain("ND", "1 2 online"),
			 "once the driver accepts the domain again, the CPU comes online\n");
}

static void test_device_domains(void)
{
	int ret;

	ret = sim_dbg_write("DV", "device_domain", "remove 3\n");
	ksft_test_result(!ret && rctl_expect_unpadded_line(rp("schemata"), "DV:7=9;12=9") &&
			 rctl_expect_unpadded_line(rp("g1/schemata"), "DV:7=2;12=9"),
			 "a device domain the driver removes leaves the schemata\n");
	ksft_test_result(mon_data_is(NO_DV3_MON) &&
			 !strcmp(dom_state("DV", 3), "offline"),
			 "and mon_data of every group; the driver is told\n");
	ksft_test_result(rctl_write_fails(rp("g1/schemata"), "DV:3=1\n", EINVAL,
					  "DV: no domain 3\n"),
			 "a write to the removed domain is rejected and explained\n");
	ret = sim_dbg_write("DV", "device_domain", "add 3\n");
	ksft_test_result(!ret && rctl_expect_unpadded_line(rp("schemata"), "DV:3=9;7=9;12=9") &&
			 rctl_expect_unpadded_line(rp("g1/schemata"), "DV:3=9;7=2;12=9") &&
			 mon_data_is(ALL_MON) && sim_programmed_is("DV", 3, 1, "0x9"),
			 "a device domain added again returns with default values\n");
	ret = sim_dbg_write("DV", "device_domain", "add 7\n");
	ksft_test_result(ret == -EEXIST && mon_data_is(ALL_MON) &&
			 sim_programmed_is("DV", 7, 1, "0x2"),
			 "a device domain cannot be added twice (%s)\n", strerror(-ret));
	ret = sim_dbg_write("DV", "device_domain", "remove 12\n");
	ksft_test_result(!ret && !rctl_write(rp("g1/schemata"), "DV:3=1\n") &&
			 sim_programmed_is("DV", 3, 1, "0x1") &&
			 mon_data_is(CPU_MON0 " " CPU_MON1 " mon_DV_03 mon_DV_07"),
			 "the remaining device domains keep working\n");
}

static void test_register_refused(void)
{
	char *before = rctl_slurp(rp("g1/schemata"));
	int ret;

	ret = sim_create("RF", "ctrl=scalar", "scope=package", "min=0",
			 "max=3", NULL) ?:
	      sim_dbg_write("RF", "refuse_domain", "1\n") ?: sim_live("RF", true);
	ksft_test_result(ret < 0 && ret != -EINVAL &&
			 rctl_status_is(rpath("RF: the driver refused domain 1 (%d)\n", ret)) &&
			 rctl_reads(SIM_CFG "/RF/live", "0\n") &&
			 rctl_reads(rp("g1/schemata"), before) &&
			 strcmp(dom_state("RF", 0), "online"),
			 "a resource whose driver refuses a domain does not register, explained (%s)\n",
			 strerror(-ret));
	free(before);
	ret = sim_dbg_write("RF", "refuse_domain", "-1\n") ?: sim_live("RF", true);
	ksft_test_result(!ret && rctl_expect_unpadded_line(rp("g1/schemata"), "RF:0=3;1=3") &&
			 !sim_remove("RF") &&
			 !rctl_has_unpadded_line(rp("g1/schemata"), "RF:0=3;1=3"),
			 "it registers once the driver accepts its domains\n");
}

/* Domains that go and come while resctrl is unmounted, or before a resource registers. */
static void test_unmounted(void)
{
	int ret;

	ret = rctl_umount() ?: rctl_cpu_set(2, false) ?: rctl_cpu_set(3, false) ?:
	      rctl_mount(NULL);
	ksft_test_result(!ret && rctl_expect_unpadded_line(rp("schemata"), "PK:0=ff") &&
			 rctl_dir_is(rp("mon_data"), CPU_MON0 " mon_DV_03 mon_DV_07"),
			 "a domain that went offline while unmounted is not in the new mount\n");
	ret = sim_add("LT", "ctrl=scalar", "scope=package", "min=0", "max=3",
		      "events=lev", "num_rmid=4", NULL);
	ksft_test_result(!ret && rctl_expect_unpadded_line(rp("schemata"), "LT:0=3") &&
			 rctl_exists(rp("mon_data/mon_LT_00")) &&
			 !rctl_exists(rp("mon_data/mon_LT_01")) &&
			 !strcmp(dom_state("LT", 1), "none"),
			 "a resource registered while a package is offline has no domain there\n");
	ret = rctl_mkdir(rp("g1")) ?: rctl_cpu_set(3, true);
	ksft_test_result(!ret && rctl_expect_unpadded_line(rp("g1/schemata"), "PK:0=ff;1=ff") &&
			 rctl_expect_unpadded_line(rp("g1/schemata"), "LT:0=3;1=3") &&
			 rctl_exists(rp("g1/mon_data/mon_LT_01/lev")) &&
			 rctl_exists(rp("g1/mon_data/mon_LC_01/occ")) &&
			 sim_programmed_is("LT", 1, 1, "0x3") &&
			 sim_has_domain("LT", "1 3 online"),
			 "when the package comes online, every resource gets its domain\n");
}

int main(void)
{
	static const struct rctl_fixture fx = {
		.plan = 1 + 5 + 12 + 4 + 6 + 2 + 3,
		.sim = true,
		.sims = { "PK", "LC", "RC", "ND", "DV", "L2", "LT" },
		.unless = without_cpus,
	};
	int ret;

	rctl_start(&fx);

	ret = add_resources() ?: rctl_mount(NULL);
	ksft_test_result(!ret, "resources of every scope, and mount (%s)\n",
			 strerror(-ret));
	test_scopes();
	test_hotplug();
	test_refused();
	test_device_domains();
	test_register_refused();
	test_unmounted();
	rctl_finish();
}
