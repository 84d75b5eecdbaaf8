// SPDX-License-Identifier: GPL-2.0
/*
 * The registration API, seen from the filesystem: resources that the
 * simulator registers and unregisters while resctrl is unmounted and
 * while it is mounted with groups, the files they bring to every group,
 * refusals (CLOSIDs or RMIDs in use), and mount options (hide=, options
 * that drivers declare).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rctl_util.h"

#define BITMASK_INFO "bit_usage cbm_mask min_cbm_bits num_closids resource_schemata shareable_bits sparse_masks"
#define MBW_INFO "bandwidth_gran delay_linear min_bandwidth num_closids mbw_info resource_schemata"
#define DUP_TEST "a duplicate name is refused"
#define CLOSID_BUSY "3 CLOSIDs cannot serve the groups using CLOSIDs up to 3\n"
#define RMID_BUSY "4 RMIDs cannot serve the groups using RMIDs up to 4\n"
#define LONG_TEXT "0123456789012345678901234567890123456789012345678901234567890123"
#define GRP_FILES "cpus cpus_list mode schemata size tasks"
#define MON_FILES "cpus cpus_list tasks mon_data"

/* The resource the groups are made with: a bitmask and two events. */
static int add_ra(void)
{
	return sim_add("RA", "ctrl=bitmask", "scope=l3", "cbm_len=8",
		       "num_closid=8", "num_rmid=8", "events=occ,bytes", NULL);
}

static void test_register_unmounted(void)
{
	int ret;

	ret = add_ra();
	ksft_test_result(!ret && rctl_reads(SIM_CFG "/RA/live", "1\n"),
			 "a resource registers while resctrl is unmounted\n");
	ret = rctl_mount(NULL);
	ksft_test_result(!ret, "mount with the resource registered (%s)\n",
			 strerror(-ret));
	ksft_test_result(rctl_reads(rp("schemata"), "RA:0=ff;1=ff\n"),
			 "the default group's schemata has the resource's line\n");
	ksft_test_result(rctl_dir_is(rp("info"), "last_cmd_status RA RA_MON"),
			 "info/ holds the resource's control and monitoring directories\n");
	ksft_test_result(rctl_dir_is(rp("info/RA"),
				     BITMASK_INFO) &&
			 rctl_reads(rp("info/RA/cbm_mask"), "ff\n") &&
			 rctl_reads(rp("info/RA/num_closids"), "8\n"),
			 "info/RA describes the bitmask resource\n");
	ksft_test_result(rctl_dir_is(rp("info/RA_MON"), "mon_features num_rmids") &&
			 rctl_reads(rp("info/RA_MON/mon_features"), "occ\nbytes\n") &&
			 rctl_reads(rp("info/RA_MON/num_rmids"), "8\n"),
			 "info/RA_MON lists the events and the RMIDs\n");
	ksft_test_result(rctl_dir_is(rp("mon_data"), "mon_RA_00 mon_RA_01") &&
			 rctl_dir_is(rp("mon_data/mon_RA_01"), "occ bytes"),
			 "mon_data has a directory per L3 domain, with the events\n");
}

static void test_groups(void)
{
	bool ok;

	ok = !rctl_mkdir(rp("g1")) && !rctl_mkdir(rp("g1/mon_groups/m1"));
	ksft_test_result(ok && rctl_dir_is(rp("g1"), GRP_FILES " mon_data mon_groups") &&
			 rctl_dir_is(rp("g1/mon_groups/m1"), MON_FILES) &&
			 rctl_dir_is(rp("g1/mon_groups/m1/mon_data"), "mon_RA_00 mon_RA_01"),
			 "a control group and a monitor group have their files\n");
	ksft_test_result(!rctl_write(rp("g1/schemata"), "RA:0=3c\n") &&
			 rctl_reads(rp("g1/schemata"), "RA:0=3c;1=ff\n") &&
			 sim_programmed_is("RA", 0, 1, "0x3c"),
			 "the control group's schemata is programmed\n");
}

/* The files MBW brings to a control group. */
static bool has_mbw_files(const char *g, bool is_root)
{
	const char *dir = is_root ? RCTL_ROOT : rp(g);
	char files[256];

	snprintf(files, sizeof(files), GRP_FILES " channels mon_data mon_groups%s",
		 is_root ? " info g1" : "");
	return rctl_dir_is(dir, files) &&
	       rctl_dir_is(rpath("%s/mon_data", dir),
			   "mon_RA_00 mon_RA_01 mon_MBW_00 mon_MBW_01") &&
	       rctl_dir_is(rpath("%s/mon_data/mon_MBW_01", dir), "bw") &&
	       rctl_reads(rpath("%s/channels", dir), "none\n");
}

static void test_register_mounted(void)
{
	int ret;

	ret = sim_add("MBW", "ctrl=percent", "scope=package", "num_closid=8",
		      "num_rmid=8", "events=bw", "info_file=mbw_info",
		      "group_file=channels", NULL);
	ksft_test_result(!ret && rctl_status_is("ok\n"),
			 "a resource registers while resctrl is mounted with groups\n");
	ksft_test_result(rctl_reads(rp("schemata"), " RA:0=ff;1=ff\nMBW:0=100;1=100\n") &&
			 rctl_reads(rp("g1/schemata"), " RA:0=3c;1=ff\nMBW:0=100;1=100\n"),
			 "its schemata line appears in every control group, names aligned\n");
	ksft_test_result(sim_programmed_is("MBW", 0, 0, "0x64") &&
			 sim_programmed_is("MBW", 1, 1, "0x64"),
			 "every CLOSID of its domains is programmed with the default\n");
	ksft_test_result(rctl_dir_is(rp("info"), "last_cmd_status RA RA_MON MBW MBW_MON") &&
			 rctl_dir_is(rp("info/MBW"),
				     MBW_INFO) &&
			 rctl_reads(rp("info/MBW/mbw_info"), "simulated MBW\n") &&
			 rctl_reads(rp("info/MBW_MON/mon_features"), "bw\n"),
			 "info/MBW (with the driver's file) and info/MBW_MON appear\n");
	ksft_test_result(has_mbw_files(NULL, true) && has_mbw_files("g1", false),
			 "its group file and mon_data directories appear in the existing control groups\n");
	ksft_test_result(rctl_dir_is(rp("g1/mon_groups/m1/mon_data"),
				     "mon_RA_00 mon_RA_01 mon_MBW_00 mon_MBW_01") &&
			 rctl_dir_is(rp("g1/mon_groups/m1"), MON_FILES),
			 "its mon_data directories appear in the existing monitor group, no group file\n");
	ksft_test_result(!rctl_mkdir(rp("g1/mon_groups/m2")) &&
			 rctl_dir_is(rp("g1/mon_groups/m2/mon_data"),
				     "mon_RA_00 mon_RA_01 mon_MBW_00 mon_MBW_01"),
			 "a monitor group created afterwards has its mon_data directories\n");
	ksft_test_result(!rctl_write(rp("g1/channels"), "dma0\n") &&
			 rctl_reads(rp("g1/channels"), "dma0\n") &&
			 rctl_reads(rp("channels"), "none\n"),
			 "the driver's group file is per control group\n");
	ksft_test_result(rctl_write_fails(rp("g1/channels"), LONG_TEXT "\n", EINVAL,
					  "Text longer than 63 characters\n") &&
			 rctl_reads(rp("g1/channels"), "dma0\n"),
			 "the driver explains a group file write it rejects\n");
	ksft_test_result(!rctl_write(rp("g1/schemata"), "MBW:1=50\n") &&
			 rctl_reads(rp("g1/schemata"), " RA:0=3c;1=ff\nMBW:0=100;1= 50\n") &&
			 sim_programmed_is("MBW", 1, 1, "0x32"),
			 "the new resource takes schemata writes\n");
}

static void test_unregister_mounted(void)
{
	int ret;

	ret = sim_live("MBW", false);
	ksft_test_result(!ret, "the resource unregisters while mounted (%s)\n",
			 strerror(-ret));
	ksft_test_result(rctl_reads(rp("schemata"), "RA:0=ff;1=ff\n") &&
			 rctl_reads(rp("g1/schemata"), "RA:0=3c;1=ff\n"),
			 "its schemata line goes; the other values stay\n");
	ksft_test_result(rctl_dir_is(rp("info"), "last_cmd_status RA RA_MON"),
			 "info/MBW and info/MBW_MON go\n");
	ksft_test_result(rctl_dir_is(RCTL_ROOT, GRP_FILES " info g1 mon_data mon_groups") &&
			 rctl_dir_is(rp("g1"), GRP_FILES " mon_data mon_groups") &&
			 rctl_dir_is(rp("mon_data"), "mon_RA_00 mon_RA_01") &&
			 rctl_dir_is(rp("g1/mon_data"), "mon_RA_00 mon_RA_01") &&
			 rctl_dir_is(rp("g1/mon_groups/m1/mon_data"), "mon_RA_00 mon_RA_01") &&
			 rctl_dir_is(rp("g1/mon_groups/m2/mon_data"), "mon_RA_00 mon_RA_01"),
			 "its group file and mon_data directories go from every group\n");
	ksft_test_result(rctl_dir_is(rp("g1/mon_groups"), "m1 m2") &&
			 rctl_reads(rp("g1/mon_groups/m1/tasks"), ""),
			 "the groups stay\n");
	ksft_test_result(rctl_write_fails(rp("g1/schemata"), "MBW:0=50\n", EINVAL,
					  "Unknown or unsupported resource name 'MBW'\n"),
			 "a write for the unregistered resource is rejected and explained\n");
	ret = sim_live("MBW", true);
	ksft_test_result(!ret && rctl_reads(rp("g1/schemata"),
					    " RA:0=3c;1=ff\nMBW:0=100;1=100\n") &&
			 rctl_reads(rp("g1/channels"), "none\n") &&
			 has_mbw_files("g1", false),
			 "registered again, it starts from defaults in the existing groups\n");
	ksft_test_result(!sim_live("MBW", false) && !sim_remove("MBW") &&
			 !rctl_rmdir(rp("g1/mon_groups/m2")) &&
			 !rctl_rmdir(rp("g1")) && !rctl_exists(rp("g1")),
			 "groups are removed after the resource went\n");
}

static void test_duplicate(void)
{
	/*
	 * Resources are named after their configfs directory, so the
	 * simulator cannot describe two with one name unless it has a
	 * separate name attribute.
	 */
	if (sim_create("RA2", NULL) || !rctl_exists(SIM_CFG "/RA2/name")) {
		sim_remove("RA2");
		ksft_test_result_skip("%s: the simulator cannot name two resources alike\n",
				      DUP_TEST);
		return;
	}
	ksft_test_result(!sim_set("RA2", "ctrl", "bitmask\n") &&
			 !sim_set("RA2", "name", "RA\n") &&
			 rctl_write_fails(SIM_CFG "/RA2/live", "1\n", EEXIST,
					  "Resource RA is already registered\n") &&
			 rctl_reads(SIM_CFG "/RA2/live", "0\n") &&
			 rctl_reads(rp("schemata"), "RA:0=ff;1=ff\n"),
			 "%s and explained\n", DUP_TEST);
	sim_remove("RA2");
}

/* IDs in use: CLOSIDs 0-3 (root, g1-g3), RMIDs 0-4 (m1 has 4). */
static void test_busy(void)
{
	char *before;
	int ret;

	ret = rctl_sim_reset() ? add_ra() : -EIO;
	ret = ret ?: rctl_mount(NULL);
	ret = ret ?: rctl_mkdir(rp("g1")) ?: rctl_mkdir(rp("g2")) ?:
	      rctl_mkdir(rp("g3")) ?: rctl_mkdir(rp("g1/mon_groups/m1"));
	ksft_test_result(!ret, "three control groups and a monitor group (%s)\n",
			 strerror(-ret));

	before = rctl_slurp(rp("g3/schemata"));
	ret = sim_add("SC", "ctrl=scalar", "scope=package", "min=0", "max=7",
		      "num_closid=3", NULL);
	ksft_test_result(ret == -EBUSY &&
			 rctl_status_is(CLOSID_BUSY),
			 "a resource with too few CLOSIDs is refused with EBUSY and explained (%s)\n",
			 strerror(-ret));
	ksft_test_result(rctl_reads(SIM_CFG "/SC/live", "0\n") &&
			 rctl_reads(SIM_DBG "/SC/programmed", "") &&
			 rctl_reads(rp("g3/schemata"), before) &&
			 rctl_dir_is(rp("info"), "last_cmd_status RA RA_MON"),
			 "nothing changes: no line, no info, no callback\n");
	free(before);
	ksft_test_result(!rctl_mkdir(rp("g4")) && !rctl_rmdir(rp("g4")),
			 "the refused resource does not shrink the CLOSIDs groups can use\n");
	ret = sim_set("SC", "num_closid", "4\n") ?: sim_live("SC", true);
	ksft_test_result(!ret && rctl_reads(rp("g3/schemata"), "RA:0=ff;1=ff\nSC:0=7;1=7\n"),
			 "a resource with just enough CLOSIDs registers\n");
	ksft_test_result(rctl_mkdir(rp("g4")) == -ENOSPC &&
			 rctl_status_is("Out of CLOSIDs\n"),
			 "then groups can use only its CLOSIDs: mkdir fails with ENOSPC\n");

	ret = sim_add("MO", "ctrl=none", "scope=package", "events=ev",
		      "num_rmid=4", NULL);
	ksft_test_result(ret == -EBUSY &&
			 rctl_status_is(RMID_BUSY),
			 "a resource with too few RMIDs is refused with EBUSY and explained (%s)\n",
			 strerror(-ret));
	ksft_test_result(rctl_reads(SIM_CFG "/MO/live", "0\n") &&
			 rctl_dir_is(rp("mon_data"), "mon_RA_00 mon_RA_01") &&
			 rctl_dir_is(rp("info"), "last_cmd_status RA RA_MON SC"),
			 "nothing changes: no mon_data, no info\n");
	ret = sim_set("MO", "num_rmid", "5\n") ?: sim_live("MO", true);
	ksft_test_result(!ret && rctl_dir_is(rp("g1/mon_groups/m1/mon_data"),
					     "mon_RA_00 mon_RA_01 mon_MO_00 mon_MO_01") &&
			 rctl_mkdir(rp("g1/mon_groups/m2")) == -ENOSPC &&
			 rctl_status_is("Out of RMIDs\n"),
			 "a resource with just enough RMIDs registers; then no RMID is left\n");
}

/*
 * Control groups made while no resource monitors have no RMID of their
 * own; when a monitoring resource comes, each must get one, or the
 * resource must be refused.
 */
static void test_late_monitoring(void)
{
	static const char * const groups[] = { "g1", "g2", "g3" };
	long long v, root, seen = 0;
	bool ok = true;
	unsigned int i;
	char status[128] = "";
	int ret;

	ret = rctl_sim_reset() ? 0 : -EIO;
	ret = ret ?: sim_add("CT", "ctrl=bitmask", "scope=package", NULL);
	ret = ret ?: rctl_mount(NULL) ?: rctl_mkdir(rp("g1")) ?:
	      rctl_mkdir(rp("g2")) ?: rctl_mkdir(rp("g3"));
	ksft_test_result(!ret, "three control groups, no monitoring resource (%s)\n",
			 strerror(-ret));

	/* Four RMIDs are needed: the default group's and one per group. */
	ret = sim_add("MF", "scope=package", "events=ev", "num_rmid=3", NULL);
	rctl_read(rp("info/last_cmd_status"), status, sizeof(status));
	ksft_test_result(ret == -EBUSY && strcmp(status, "ok\n") &&
			 rctl_reads(SIM_CFG "/MF/live", "0\n") &&
			 rctl_dir_is(rp("info"), "last_cmd_status CT") &&
			 rctl_dir_is(rp("g1"), GRP_FILES),
			 "a monitoring resource with fewer RMIDs than the groups is refused, explained (%s: %s)\n",
			 strerror(-ret), strtok(status, "\n") ?: "");

	ret = sim_add("MO", "scope=package", "events=ev", "num_rmid=8", NULL);
	/* RMID r counts 2^r: a read tells whose counts it adds up. */
	for (i = 0; !ret && i < 8; i++)
		ret = sim_counter("MO", 0, i, "ev", rpath("%u", 1 << i));
	root = rctl_count(rp("mon_data/mon_MO_00/ev"));
	for (i = 0; i < ARRAY_SIZE(groups); i++) {
		v = rctl_count(rpath(RCTL_ROOT "/%s/mon_data/mon_MO_00/ev", groups[i]));
		if (v <= 1 || (v & (v - 1)) || (v & seen)) {
			ksft_print_msg("%s counts %lld\n", groups[i], v);
			ok = false;
		}
		seen |= v;
	}
	ksft_test_result(!ret && root == 1 && ok,
			 "then control groups made before monitoring get RMIDs of their own\n");
	ksft_test_result(!rctl_mkdir(rp("g1/mon_groups/m1")) &&
			 rctl_reads(rp("g1/mon_groups/m1/mon_data/mon_MO_01/ev"), "0\n"),
			 "and monitor groups\n");
}

static void test_hide(void)
{
	int ret;

	ret = rctl_sim_reset() ? 0 : -EIO;
	ret = ret ?: sim_add("HID", "ctrl=scalar", "scope=package", "min=0",
			     "max=7", NULL);
	ret = ret ?: sim_add("OPT", "ctrl=scalar", "scope=package", "min=0",
			     "max=3", "plugin_option=optx", NULL);
	ret = ret ?: rctl_mount(NULL);
	ksft_test_result(!ret && rctl_reads(rp("schemata"), "HID:0=7;1=7\n") &&
			 rctl_dir_is(rp("info"), "last_cmd_status HID"),
			 "without its option a resource stays out of the mount\n");
	ksft_test_result(rctl_write_fails(rp("schemata"), "OPT:0=1\n", EINVAL,
					  "Unknown or unsupported resource name 'OPT'\n"),
			 "a write for it is rejected and explained\n");
	ret = rctl_umount() ?: rctl_mount("hide=HID");
	ksft_test_result(!ret && rctl_reads(rp("schemata"), "") &&
			 rctl_dir_is(rp("info"), "last_cmd_status") &&
			 rctl_mount_has_option("hide=HID"),
			 "hide=HID keeps HID out of the mount, and /proc/mounts shows it\n");
	ksft_test_result(rctl_write_fails(rp("schemata"), "HID:0=1\n", EINVAL,
					  "Unknown or unsupported resource name 'HID'\n") &&
			 rctl_mkdir(rp("g1")) == -EPERM,
			 "a hidden resource takes no write and allows no control group\n");
	ret = rctl_umount() ?: rctl_mount("optx");
	ksft_test_result(!ret && rctl_reads(rp("schemata"), "HID:0=7;1=7\nOPT:0=3;1=3\n") &&
			 rctl_dir_is(rp("info"), "last_cmd_status HID OPT") &&
			 rctl_mount_has_option("optx"),
			 "mounted with its option, the resource is in, and /proc/mounts shows it\n");
	ret = sim_add("LATE", "ctrl=scalar", "scope=package", "min=0", "max=5",
		      "plugin_option=opty", NULL);
	ksft_test_result(!ret && rctl_reads(rp("schemata"), "HID:0=7;1=7\nOPT:0=3;1=3\n"),
			 "a resource registered while mounted without its option stays out\n");
	ret = sim_live("OPT", false) ?: sim_live("OPT", true);
	ksft_test_result(!ret && rctl_reads(rp("schemata"), "HID:0=7;1=7\nOPT:0=3;1=3\n"),
			 "a resource registered while mounted with its option is in\n");
	ret = rctl_umount() ?: rctl_mount("optx,opty,hide=OPT");
	ksft_test_result(!ret && rctl_reads(rp("schemata"), " HID:0=7;1=7\nLATE:0=5;1=5\n") &&
			 rctl_mount_has_option("opty") && rctl_mount_has_option("hide=OPT"),
			 "hide= wins over the resource's option\n");
	ret = rctl_umount() ?: sim_live("OPT", false);
	ksft_test_result(!ret && rctl_mount("optx") == -EINVAL && rctl_mount("nosuch") == -EINVAL,
			 "an option no registered resource declares fails the mount\n");
}

/*
 * Two providers of the same hardware: the first registered serves the
 * mount, the other is left out and the kernel log says so; hide= picks.
 */
static void test_conflict(void)
{
	int ret;

	ret = rctl_sim_reset() ? 0 : -EIO;
	ret = ret ?: sim_add("CATA", "ctrl=bitmask", "cbm_len=8", "claim=cat", NULL);
	ret = ret ?: sim_add("CATB", "ctrl=bitmask", "cbm_len=12", "claim=cat", NULL);
	ret = ret ?: sim_add("SOLO", "ctrl=scalar", "scope=package", "min=0",
			     "max=3", NULL);
	ret = ret ?: rctl_mount(NULL);
	ksft_test_result(!ret && rctl_reads(rp("schemata"), "CATA:0=ff;1=ff\nSOLO:0=3;1=3\n") &&
			 rctl_dir_is(rp("info"), "last_cmd_status CATA SOLO"),
			 "of two resources driving the same hardware, the first serves the mount\n");
	ksft_test_result(rctl_kmsg_has(";resctrl: CATB left out: CATA drives the same hardware") &&
			 rctl_kmsg_has("(cat); mount with hide=CATA to use CATB\n"),
			 "and the kernel log says which one was left out and how to pick it\n");
	ksft_test_result(rctl_write_fails(rp("schemata"), "CATB:0=f\n", EINVAL,
					  "Unknown or unsupported resource name 'CATB'\n"),
			 "the one left out takes no write\n");
	ret = sim_add("CATC", "ctrl=bitmask", "cbm_len=4", "claim=cat", NULL);
	ksft_test_result(!ret && rctl_reads(rp("schemata"), "CATA:0=ff;1=ff\nSOLO:0=3;1=3\n") &&
			 !rctl_exists(rp("info/CATC")),
			 "a rival registered while mounted stays out\n");
	ret = rctl_umount() ?: rctl_mount("hide=CATA");
	ksft_test_result(!ret && rctl_reads(rp("schemata"), "CATB:0=fff;1=fff\nSOLO:0=3;1=3\n") &&
			 rctl_dir_is(rp("info"), "last_cmd_status CATB SOLO"),
			 "hide= of the first lets the next one serve the mount\n");
	ret = rctl_umount() ?: rctl_mount("hide=CATA,hide=CATB");
	ksft_test_result(!ret && rctl_reads(rp("schemata"), "SOLO:0=3;1=3\nCATC:0=f;1=f\n"),
			 "hiding two leaves the third\n");
	ret = rctl_umount() ?: sim_live("CATA", false);
	ret = ret ?: rctl_mount(NULL);
	ksft_test_result(!ret && rctl_reads(rp("schemata"), "CATB:0=fff;1=fff\nSOLO:0=3;1=3\n"),
			 "with the first one gone, the next one serves the mount\n");
	rctl_umount();
}

/*
 * info/<NAME>_MON of a monitoring resource NAME and info/<NAME>_MON of a
 * control resource called NAME_MON are the same directory.
 */
static void test_name_clash(void)
{
	int ret, live;

	ret = rctl_sim_reset() ? 0 : -EIO;
	ret = ret ?: sim_add("CO", "scope=package", "events=ev", "num_rmid=4",
			     NULL);
	live = ret ?: sim_add("CO_MON", "ctrl=bitmask", "scope=package", NULL);
	if (!ret && !live)
		ret = rctl_mount(NULL);
	ksft_test_result(!ret,
			 "resources CO (monitoring) and CO_MON (control) cannot make mount fail (%s, CO_MON %s)\n",
			 strerror(-ret), live ? "refused" : "registered");
}

int main(void)
{
	static const struct rctl_fixture fx = { .plan = 58, .sim = true };

	rctl_start(&fx);

	test_register_unmounted();
	test_groups();
	test_register_mounted();
	test_unregister_mounted();
	test_duplicate();
	test_busy();
	test_late_monitoring();
	test_hide();
	test_conflict();
	test_name_clash();
	rctl_finish();
}
