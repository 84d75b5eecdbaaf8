// SPDX-License-Identifier: GPL-2.0
/*
 * Code and data prioritisation (CDP): the mount options cdp and cdpl2
 * split a cdp_capable bitmask resource of scope L3 (L2) into NAMEDATA
 * and NAMECODE schemata lines and info directories, with half its
 * CLOSIDs each; the simulator sees code and data values; rejected and
 * failing writes change nothing; a resource registered while a cdp
 * mount is live is split at once, or refused if its halved count is too
 * small; unmount makes the resource whole again with its defaults.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rctl_util.h"

#define L3_DEFAULT "0=fffff;1=fffff"
#define MB_LINE "    MB:0=100;1=100\n"
#define X3_REFUSED "3 CLOSIDs cannot serve the groups using CLOSIDs up to 3\n" \
		   "X3: code and data prioritization halves its 6 CLOSIDs\n"

/* The domain part of the L2 line ("<id>=ff;..."), from the first mount. */
static char l2_doms[256];
/* The first L2 domain id. */
static int l2_dom0 = -1;
/* The files of info/L3 and info/L2 in a mount without CDP. */
static char l3_info[1024], l2_info[1024];

static int add_resources(void)
{
	return sim_add("L3", "ctrl=bitmask", "scope=l3", "num_closid=8",
		       "cbm_len=20", "min_cbm_bits=1", "shareable_bits=c0000",
		       "num_rmid=8", "events=mbm_total_bytes", "cdp_capable=1",
		       NULL) ?:
	       sim_add("L2", "ctrl=bitmask", "scope=l2", "num_closid=8",
		       "cbm_len=8", "cdp_capable=1", NULL) ?:
	       sim_add("MB", "ctrl=percent", "scope=l3", "num_closid=8", NULL);
}

/* The entries of directory @path, blank-separated, or "" if none. */
static void dir_names(const char *path, char *buf, size_t size)
{
	struct dirent *de;
	DIR *dir;

	buf[0] = '\0';
	dir = opendir(path);
	if (!dir)
		return;
	while ((de = readdir(dir))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (buf[0])
			strncat(buf, " ", size - strlen(buf) - 1);
		strncat(buf, de->d_name, size - strlen(buf) - 1);
	}
	closedir(dir);
}

/* Whether every domain's CLOSIDs below @n show @want in @sim's @half. */
static bool programmed_all(const char *sim, const char *half, int ndom,
			   const int *doms, unsigned int n, const char *want)
{
	const char *path = rpath(SIM_DBG "/%s/programmed", sim);
	char line[64];
	unsigned int c;
	bool ok = true;
	int i;

	for (i = 0; i < ndom; i++) {
		for (c = 0; c < n; c++) {
			snprintf(line, sizeof(line), "%d %u %s%s", doms[i], c,
				 half, want);
			ok &= rctl_expect_line(path, line);
		}
	}
	return ok;
}

static const int l3_doms[] = { 0, 1 };

static bool l3_halves_are(const char *want)
{
	return programmed_all("L3", "code ", 2, l3_doms, 4, want) &&
	       programmed_all("L3", "data ", 2, l3_doms, 4, want);
}

/* Whether @sim's programmed file has a line starting with @prefix. */
static bool programmed_has_prefix(const char *sim, const char *prefix)
{
	char *buf = rctl_slurp(rpath(SIM_DBG "/%s/programmed", sim));
	char *line, *save = NULL;
	bool found = false;

	for (line = strtok_r(buf, "\n", &save); line && !found;
	     line = strtok_r(NULL, "\n", &save))
		found = !strncmp(line, prefix, strlen(prefix));
	free(buf);
	return found;
}

/* Everything a write could change. */
static char *state(void)
{
	static const char * const files[] = { "schemata", "g1/schemata" };
	static const char * const sims[] = { "L3", "MB" };

	return rctl_state(files, ARRAY_SIZE(files), sims, ARRAY_SIZE(sims));
}

static bool state_is(const char *before)
{
	char *now = state();
	bool same = rctl_state_is(before, now);

	free(now);
	return same;
}

static void test_without_cdp(void)
{
	char buf[4096], *p;
	int ret;

	ret = add_resources() ?: rctl_mount(NULL);
	ksft_test_result(!ret, "cdp_capable L3 and L2, MB, mounted without cdp (%s)\n",
			 strerror(-ret));
	/* The L2 domains are the cores': take them from the line. */
	rctl_read(rp("schemata"), buf, sizeof(buf));
	p = strstr(buf, "    L2:");
	if (p) {
		snprintf(l2_doms, sizeof(l2_doms), "%s", p + strlen("    L2:"));
		strtok(l2_doms, "\n");
		l2_dom0 = atoi(l2_doms);
	}
	ksft_test_result(rctl_expect_line(rp("schemata"), "    L3:" L3_DEFAULT) &&
			 rctl_expect_line(rp("schemata"), "    MB:0=100;1=100") &&
			 p && strchr(l2_doms, '='),
			 "without cdp, L3 and L2 are whole, padded as if split\n");
	dir_names(rp("info/L3"), l3_info, sizeof(l3_info));
	dir_names(rp("info/L2"), l2_info, sizeof(l2_info));
	ksft_test_result(strstr(l3_info, "cbm_mask") && strstr(l2_info, "num_closids") &&
			 rctl_reads(rp("info/L3/num_closids"), "8\n") &&
			 !rctl_exists(rp("info/L3CODE")) && !rctl_exists(rp("info/L3DATA")) &&
			 !rctl_mount_has_option("cdp"),
			 "without cdp, info/L3 has 8 CLOSIDs and no CODE/DATA dirs\n");
	ksft_test_result(!rctl_umount(), "unmounted\n");
}

static void test_cdp_mount(void)
{
	char want[1024];
	int ret;

	ret = rctl_mount("cdp");
	ksft_test_result(!ret && rctl_mount_has_option("cdp") &&
			 !rctl_mount_has_option("cdpl2"),
			 "mount -o cdp (%s), shown in /proc/mounts\n", strerror(-ret));
	snprintf(want, sizeof(want), "L3DATA:%s\nL3CODE:%s\n    L2:%s\n%s",
		 L3_DEFAULT, L3_DEFAULT, l2_doms, MB_LINE);
	ksft_test_result(rctl_reads(rp("schemata"), want),
			 "schemata has L3DATA and L3CODE lines instead of L3\n");
	ksft_test_result(rctl_dir_is(rp("info/L3DATA"), l3_info) &&
			 rctl_dir_is(rp("info/L3CODE"), l3_info) &&
			 !rctl_exists(rp("info/L3")) &&
			 rctl_reads(rp("info/L3CODE/num_closids"), "4\n") &&
			 rctl_reads(rp("info/L3DATA/num_closids"), "4\n") &&
			 rctl_reads(rp("info/L3DATA/cbm_mask"), "fffff\n") &&
			 rctl_reads(rp("info/L3CODE/shareable_bits"), "c0000\n") &&
			 rctl_reads(rp("info/L3CODE/min_cbm_bits"), "1\n") &&
			 rctl_reads(rp("info/L2/num_closids"), "8\n"),
			 "info/L3DATA and info/L3CODE replace info/L3, with 4 CLOSIDs each\n");
	ksft_test_result(rctl_exists(rp("info/L3_MON/mon_features")) &&
			 rctl_exists(rp("mon_data/mon_L3_00/mbm_total_bytes")) &&
			 rctl_exists(rp("mon_data/mon_L3_01/mbm_total_bytes")),
			 "L3 monitoring stays as it is\n");
	ksft_test_result(l3_halves_are("0xfffff") &&
			 !programmed_has_prefix("L3", "0 4 ") &&
			 !programmed_has_prefix("L3", "0 0 0x") &&
			 sim_programmed_is("L2", l2_dom0, 0, "0xff") &&
			 !programmed_has_prefix("L2", rpath("%d 0 code", l2_dom0)),
			 "the mount programs both halves of CLOSIDs 0-3 with the defaults\n");
}

static void test_writes(void)
{
	char want[1024];
	long long count;
	int ret;

	ret = rctl_mkdir(rp("g1"));
	snprintf(want, sizeof(want), "L3DATA:%s\nL3CODE:%s\n    L2:%s\n%s",
		 L3_DEFAULT, L3_DEFAULT, l2_doms, MB_LINE);
	ksft_test_result(!ret && rctl_reads(rp("g1/schemata"), want),
			 "a new group starts from the defaults in both halves\n");

	count = sim_apply_count("L3");
	ret = rctl_write(rp("g1/schemata"), "L3CODE:0=f\n");
	snprintf(want, sizeof(want), "L3DATA:%s\nL3CODE:0=0000f;1=fffff\n    L2:%s\n%s",
		 L3_DEFAULT, l2_doms, MB_LINE);
	ksft_test_result(!ret && rctl_reads(rp("g1/schemata"), want) &&
			 rctl_expect_line(SIM_DBG "/L3/programmed", "0 1 code 0xf") &&
			 rctl_expect_line(SIM_DBG "/L3/programmed", "0 1 data 0xfffff") &&
			 rctl_expect_line(SIM_DBG "/L3/programmed", "1 1 code 0xfffff") &&
			 rctl_expect_line(SIM_DBG "/L3/programmed", "0 0 code 0xfffff") &&
			 sim_apply_count("L3") == count + 1,
			 "an L3CODE write reaches the code half only (%s)\n", strerror(-ret));

	ret = rctl_write(rp("g1/schemata"), "L3DATA:1=3c0\n");
	ksft_test_result(!ret && rctl_expect_line(rp("g1/schemata"), "L3DATA:0=fffff;1=003c0") &&
			 rctl_expect_line(rp("g1/schemata"), "L3CODE:0=0000f;1=fffff") &&
			 rctl_expect_line(SIM_DBG "/L3/programmed", "1 1 data 0x3c0") &&
			 rctl_expect_line(SIM_DBG "/L3/programmed", "1 1 code 0xfffff") &&
			 rctl_expect_line(SIM_DBG "/L3/programmed", "0 1 code 0xf"),
			 "an L3DATA write reaches the data half only (%s)\n", strerror(-ret));

	ret = rctl_write(rp("g1/schemata"), "L3CODE:1=ff0\nL3DATA:1=ff0\n");
	ksft_test_result(!ret && rctl_expect_line(rp("g1/schemata"), "L3DATA:0=fffff;1=00ff0") &&
			 rctl_expect_line(rp("g1/schemata"), "L3CODE:0=0000f;1=00ff0") &&
			 rctl_expect_line(SIM_DBG "/L3/programmed", "1 1 data 0xff0") &&
			 rctl_expect_line(SIM_DBG "/L3/programmed", "1 1 code 0xff0"),
			 "one write sets the same domain in both halves (%s)\n",
			 strerror(-ret));
	ksft_test_result(rctl_reads(rp("schemata"), rpath("L3DATA:%s\nL3CODE:%s\n    L2:%s\n%s",
							  L3_DEFAULT, L3_DEFAULT, l2_doms,
							  MB_LINE)),
			 "the default group keeps its values\n");
}

static const struct {
	const char *text;
	int err;
	const char *status;
} bad_cases[] = {
	{ "L3:0=ff\n", EINVAL, "Unknown or unsupported resource name 'L3'\n" },
	{ "L3CODE:0=f;0=3\n", EINVAL, "Duplicate domain 0\n" },
	{ "L3DATA:0=100000\n", EINVAL, "Mask out of range\n" },
	{ "L3CODE:1=f0f\n", EINVAL, "The mask f0f has non-consecutive 1-bits\n" },
	{ "L3DATA:0=ff\nL3:1=ff\n", EINVAL, "Unknown or unsupported resource name 'L3'\n" },
	{ "L3CODE:0=ff\nL3DATA:0=zz\n", EINVAL, "Non-hex character in the mask zz\n" },
	{ "L3CODE:0=ff\nL3COD:0=ff\n", EINVAL, "Unknown or unsupported resource name 'L3COD'\n" },
};

static void test_rejected(void)
{
	char *before, text[64], *nl;
	unsigned int i;
	bool ok;

	for (i = 0; i < ARRAY_SIZE(bad_cases); i++) {
		before = state();
		ok = rctl_write_fails(rp("g1/schemata"), bad_cases[i].text,
				      bad_cases[i].err, bad_cases[i].status);
		/* The lines of the write, on one line. */
		snprintf(text, sizeof(text), "%s", bad_cases[i].text);
		while ((nl = strchr(text, '\n')))
			*nl = nl[1] ? ' ' : '\0';
		ksft_test_result(ok && state_is(before), "rejected, nothing changes: %s\n",
				 text);
		free(before);
	}
}

static void test_apply_fails(void)
{
	char *before;
	bool ok;

	before = state();
	ok = !sim_dbg_write("L3", "fail_apply", "1\n") &&
	     rctl_write_fails(rp("g1/schemata"), "L3CODE:0=ff\n", EIO,
			      "L3CODE: domain 0: the driver failed to apply (-5)\n");
	ksft_test_result(ok && state_is(before),
			 "a failing code apply is explained and changes nothing\n");
	free(before);

	/* L3DATA is applied, then MB fails: the data value is put back. */
	ok = !sim_dbg_write("MB", "fail_apply", "1\n") &&
	     rctl_write_fails(rp("g1/schemata"), "L3DATA:0=ff\nMB:0=50\n", EIO,
			      "MB: domain 0: the driver failed to apply (-5)\n");
	ksft_test_result(ok && rctl_expect_line(rp("g1/schemata"), "L3DATA:0=fffff;1=00ff0") &&
			 rctl_expect_line(rp("g1/schemata"), "    MB:0=100;1=100") &&
			 rctl_expect_line(SIM_DBG "/L3/programmed", "0 1 data 0xfffff") &&
			 rctl_expect_line(SIM_DBG "/L3/programmed", "0 1 code 0xf"),
			 "a data value applied before a failure is put back\n");
}

static void test_closids(void)
{
	int ret, g4;

	ret = rctl_mkdir(rp("g2")) ?: rctl_mkdir(rp("g3"));
	g4 = rctl_mkdir(rp("g4"));
	ksft_test_result(!ret && g4 == -ENOSPC && rctl_status_is("Out of CLOSIDs\n"),
			 "CDP halves the CLOSIDs: 4 groups, the 5th is refused (%s, %s)\n",
			 strerror(-ret), strerror(-g4));

	/* Groups use CLOSIDs up to 3: 6 halved to 3 cannot serve them. */
	ret = sim_add("X3", "ctrl=bitmask", "scope=l3", "num_closid=6", "cbm_len=8",
		      "cdp_capable=1", NULL);
	ksft_test_result(ret == -EBUSY && rctl_status_is(X3_REFUSED) &&
			 !rctl_exists(rp("info/X3DATA")) &&
			 !rctl_has_line(rp("schemata"), "X3DATA:0=ff;1=ff"),
			 "a cdp_capable resource whose halved CLOSIDs are too few is refused (%s)\n",
			 strerror(-ret));
	ret = sim_set("X3", "num_closid", "8") ?: sim_live("X3", true);
	ksft_test_result(!ret && rctl_expect_line(rp("g3/schemata"), "X3DATA:0=ff;1=ff") &&
			 rctl_expect_line(rp("g3/schemata"), "X3CODE:0=ff;1=ff") &&
			 !rctl_exists(rp("info/X3")) &&
			 rctl_reads(rp("info/X3CODE/num_closids"), "4\n") &&
			 programmed_all("X3", "code ", 2, l3_doms, 4, "0xff") &&
			 programmed_all("X3", "data ", 2, l3_doms, 4, "0xff") &&
			 !rctl_write(rp("g3/schemata"), "X3CODE:1=3\n") &&
			 rctl_expect_line(SIM_DBG "/X3/programmed", "1 3 code 0x3"),
			 "a cdp_capable resource registered while mounted with cdp is split (%s)\n",
			 strerror(-ret));
	ret = sim_remove("X3");
	ksft_test_result(!ret && !rctl_exists(rp("info/X3CODE")) &&
			 !rctl_has_line(rp("schemata"), "X3CODE:0=ff;1=ff"),
			 "and it goes away whole (%s)\n", strerror(-ret));
	ret = rctl_rmdir(rp("g2")) ?: rctl_rmdir(rp("g3"));
	ksft_test_result(!ret, "groups removed (%s)\n", strerror(-ret));
}

/* Whether the simulator's L3 domain 1 is in @state (online, offline). */
static bool l3_dom1_is(const char *state)
{
	char *buf = rctl_slurp(SIM_DBG "/L3/domains");
	char *line, *save = NULL, *last;
	bool found = false;

	for (line = strtok_r(buf, "\n", &save); line && !found;
	     line = strtok_r(NULL, "\n", &save)) {
		last = strrchr(line, ' ');
		found = !strncmp(line, "1 ", 2) && last && !strcmp(last + 1, state);
	}
	free(buf);
	return found;
}

/* Domain 1 of L3 goes away with its CPUs and comes back reprogrammed. */
static void test_hotplug(void)
{
	long long count;
	int ret;

	if (!sim_has_domain("L3", "1 2-3 online")) {
		ksft_test_result_skip("L3 domain 1 is not CPUs 2-3\n");
		ksft_test_result_skip("L3 domain 1 comes back\n");
		return;
	}
	ret = rctl_cpu_set(3, false) ?: rctl_cpu_set(2, false);
	ksft_test_result(!ret && l3_dom1_is("offline") &&
			 rctl_expect_line(rp("g1/schemata"), "L3CODE:0=0000f"),
			 "L3 domain 1 goes offline with CPUs 2-3 (%s)\n", strerror(-ret));
	/* Only the first CPU back brings the domain and its values back. */
	count = sim_apply_count("L3");
	ret = rctl_cpu_set(2, true) ?: rctl_cpu_set(3, true);
	ksft_test_result(!ret && l3_dom1_is("online") &&
			 sim_apply_count("L3") == count + 8 &&
			 rctl_expect_line(rp("g1/schemata"), "L3CODE:0=0000f;1=00ff0") &&
			 rctl_expect_line(SIM_DBG "/L3/programmed", "1 1 data 0xff0") &&
			 rctl_expect_line(SIM_DBG "/L3/programmed", "1 1 code 0xff0") &&
			 rctl_expect_line(SIM_DBG "/L3/programmed", "1 0 code 0xfffff"),
			 "back online, both halves of its 4 CLOSIDs are programmed again (%s)\n",
			 strerror(-ret));
}

static void test_umount(void)
{
	char want[1024];
	int ret, i;

	ret = rctl_umount();
	ksft_test_result(!ret && programmed_all("L3", "", 2, l3_doms, 8, "0xfffff") &&
			 !programmed_has_prefix("L3", "0 0 code") &&
			 !programmed_has_prefix("L3", "1 1 data"),
			 "unmount makes L3 whole again, every CLOSID at the default (%s)\n",
			 strerror(-ret));

	ret = rctl_mount(NULL);
	snprintf(want, sizeof(want), "    L3:%s\n    L2:%s\n%s", L3_DEFAULT, l2_doms,
		 MB_LINE);
	ksft_test_result(!ret && rctl_reads(rp("schemata"), want) &&
			 rctl_dir_is(rp("info/L3"), l3_info) &&
			 rctl_reads(rp("info/L3/num_closids"), "8\n") &&
			 !rctl_exists(rp("info/L3CODE")) && !rctl_mount_has_option("cdp"),
			 "a mount without cdp shows the L3 line with its defaults (%s)\n",
			 strerror(-ret));
	for (i = 1, ret = 0; i < 8 && !ret; i++)
		ret = rctl_mkdir(rpath(RCTL_ROOT "/g%d", i));
	ksft_test_result(!ret && rctl_mkdir(rp("g8")) == -ENOSPC &&
			 rctl_reads(rp("g7/schemata"), want) &&
			 !rctl_write(rp("g7/schemata"), "L3:1=3\n") &&
			 sim_programmed_is("L3", 1, 7, "0x3"),
			 "and the 8 CLOSIDs of L3 again (%s)\n", strerror(-ret));
	ksft_test_result(!rctl_umount(), "unmounted\n");
}

/* What "size" shows for masks of L3 with @nbits bits in both domains. */
static void l3_sizes(char *buf, size_t len, int nbits)
{
	long long d0 = rctl_cache_bytes(3, 0), d1 = rctl_cache_bytes(3, 1);

	snprintf(buf, len, "0=%lld;1=%lld", d0 / 20 * nbits, d1 / 20 * nbits);
}

/*
 * Modes with CDP: a CLOSID's bits are those of both its halves, against
 * either half of another group, never against its own other half.
 */
static void test_modes(void)
{
	static const char usage[] =
		"0=XXSSSSSSSSSS0000EEEE;1=XXSSSSSSSSSS0000EEEE\n";
	char want[256], sizes[64];
	int ret;

	/* L2 is left out: its full masks would overlap in every group. */
	ret = sim_live("L2", false) ?: rctl_mount("cdp") ?: rctl_mkdir(rp("x1")) ?:
	      rctl_write(rp("x1/schemata"), "L3CODE:0=3;1=3\nL3DATA:0=c;1=c\n") ?:
	      rctl_write(rp("schemata"),
			 "L3CODE:0=fff00;1=fff00\nL3DATA:0=fff00;1=fff00\n") ?:
	      rctl_write(rp("x1/mode"), "exclusive\n");
	ksft_test_result(!ret && rctl_reads(rp("x1/mode"), "exclusive\n"),
			 "a group whose code and data masks overlap no one becomes exclusive (%s)\n",
			 strerror(-ret));
	ksft_test_result(rctl_reads(rp("info/L3CODE/bit_usage"), usage) &&
			 rctl_reads(rp("info/L3DATA/bit_usage"), usage),
			 "bit_usage of both halves counts both halves of every group\n");
	l3_sizes(sizes, sizeof(sizes), 2);
	snprintf(want, sizeof(want), "L3DATA:%s\nL3CODE:%s\n    MB:0=100;1=100\n",
		 sizes, sizes);
	ksft_test_result(rctl_reads(rp("x1/size"), want),
			 "size has a line per half, in bytes of the L3 cache\n");
	ksft_test_result(rctl_write_fails(rp("schemata"), "L3DATA:0=3\n", EINVAL,
					  "Overlaps with exclusive group\n") &&
			 rctl_expect_line(rp("schemata"), "L3DATA:0=fff00;1=fff00"),
			 "a data mask overlapping an exclusive group's code mask is refused\n");
	ret = rctl_write(rp("x1/schemata"), "L3CODE:0=c\n");
	ksft_test_result(!ret && rctl_expect_line(rp("x1/schemata"), "L3CODE:0=0000c;1=00003"),
			 "an exclusive group may take its own other half's bits (%s)\n",
			 strerror(-ret));
	ksft_test_result(rctl_write_fails(rp("x1/mode"), "pseudo-locksetup\n", EINVAL,
					  "CDP enabled\n") &&
			 rctl_reads(rp("x1/mode"), "exclusive\n"),
			 "pseudo-locksetup is refused: CDP enabled\n");
	ret = rctl_mkdir(rp("x2"));
	ksft_test_result(!ret && rctl_expect_line(rp("x2/schemata"), "L3DATA:0=00003;1=ffff0") &&
			 rctl_expect_line(rp("x2/schemata"), "L3CODE:0=00003;1=ffff0"),
			 "a new group gets, in both halves, the lowest run no exclusive group holds (%s)\n",
			 strerror(-ret));
	rctl_umount();
	/* Back in their order: L3, L2, MB. */
	if (sim_live("L2", true) || sim_live("MB", false) || sim_live("MB", true))
		ksft_print_msg("could not register L2 and MB again\n");
}

static void test_cdpl2(void)
{
	char want[1024], line[64];
	int ret;

	ret = rctl_mount("cdpl2");
	snprintf(want, sizeof(want), "    L3:%s\nL2DATA:%s\nL2CODE:%s\n%s", L3_DEFAULT,
		 l2_doms, l2_doms, MB_LINE);
	ksft_test_result(!ret && rctl_mount_has_option("cdpl2") &&
			 !rctl_mount_has_option("cdp") &&
			 rctl_reads(rp("schemata"), want),
			 "mount -o cdpl2 splits L2 only (%s)\n", strerror(-ret));
	ksft_test_result(rctl_dir_is(rp("info/L2DATA"), l2_info) &&
			 rctl_dir_is(rp("info/L2CODE"), l2_info) &&
			 !rctl_exists(rp("info/L2")) &&
			 rctl_reads(rp("info/L2CODE/num_closids"), "4\n") &&
			 rctl_reads(rp("info/L3/num_closids"), "8\n"),
			 "info/L2DATA and info/L2CODE have 4 CLOSIDs each\n");
	snprintf(line, sizeof(line), "L2CODE:%d=3\n", l2_dom0);
	ret = rctl_mkdir(rp("g1")) ?: rctl_write(rp("g1/schemata"), line);
	ksft_test_result(!ret &&
			 rctl_expect_line(SIM_DBG "/L2/programmed",
					  rpath("%d 1 code 0x3", l2_dom0)) &&
			 rctl_expect_line(SIM_DBG "/L2/programmed",
					  rpath("%d 1 data 0xff", l2_dom0)) &&
			 sim_programmed_is("L3", 0, 1, "0xfffff"),
			 "an L2CODE write reaches the L2 code half (%s)\n", strerror(-ret));
	ret = rctl_mkdir(rp("g2")) ?: rctl_mkdir(rp("g3"));
	ksft_test_result(!ret && rctl_mkdir(rp("g4")) == -ENOSPC &&
			 rctl_status_is("Out of CLOSIDs\n"),
			 "L2 with CDP limits the groups to 4 (%s)\n", strerror(-ret));
	ret = rctl_umount() ?: rctl_mount("cdp,cdpl2");
	snprintf(want, sizeof(want), "L3DATA:%s\nL3CODE:%s\nL2DATA:%s\nL2CODE:%s\n%s",
		 L3_DEFAULT, L3_DEFAULT, l2_doms, l2_doms, MB_LINE);
	ksft_test_result(!ret && rctl_reads(rp("schemata"), want) &&
			 rctl_mount_has_option("cdp") && rctl_mount_has_option("cdpl2") &&
			 rctl_expect_line(SIM_DBG "/L2/programmed",
					  rpath("%d 1 code 0xff", l2_dom0)),
			 "mount -o cdp,cdpl2 splits both, from the defaults (%s)\n",
			 strerror(-ret));
	ret = rctl_umount();
	ksft_test_result(!ret && sim_programmed_is("L2", l2_dom0, 1, "0xff") &&
			 !programmed_has_prefix("L2", rpath("%d 0 code", l2_dom0)),
			 "unmount makes L2 whole again (%s)\n", strerror(-ret));
}

static void test_not_capable(void)
{
	int cdp, cdpl2;

	/* An L3 that cannot do CDP, and no L2. */
	sim_live("L3", false);
	sim_live("L2", false);
	sim_add("N3", "ctrl=bitmask", "scope=l3", "num_closid=8", NULL);
	sim_add("P3", "ctrl=bitmask", "scope=package", "num_closid=8",
		"cdp_capable=1", NULL);
	cdp = rctl_mount("cdp");
	if (!cdp)
		rctl_umount();
	cdpl2 = rctl_mount("cdpl2");
	if (!cdpl2)
		rctl_umount();
	ksft_test_result(cdp == -EINVAL && cdpl2 == -EINVAL,
			 "cdp and cdpl2 are refused with no capable resource (%s, %s)\n",
			 strerror(-cdp), strerror(-cdpl2));
	ksft_test_result(!rctl_mount(NULL) &&
			 rctl_expect_line(rp("schemata"), "N3:0=fffff;1=fffff") &&
			 rctl_expect_line(rp("schemata"), "P3:0=fffff;1=fffff") &&
			 !rctl_umount(),
			 "the same resources mount without cdp\n");
}

int main(void)
{
	static const struct rctl_fixture fx = {
		.plan = 4 + 5 + 5 + ARRAY_SIZE(bad_cases) + 2 + 5 + 2 + 4 + 7 + 6 + 2,
		.sim = true,
		.sims = { "L3", "L2", "MB" },
	};

	rctl_start(&fx);

	test_without_cdp();
	test_cdp_mount();
	test_writes();
	test_rejected();
	test_apply_fails();
	test_closids();
	test_hotplug();
	test_umount();
	test_modes();
	test_cdpl2();
	test_not_capable();
	rctl_finish();
}
