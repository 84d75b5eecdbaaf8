// SPDX-License-Identifier: GPL-2.0
/*
 * pqos (intel-cmt-cat) in OS mode, against the resources of an Intel
 * machine provided by the simulator: L3 CAT with CMT and MBM, and MBA,
 * 8 CLOSIDs, one domain per package. pqos runs through popen(); what it
 * prints is checked, and so is what the filesystem shows and what the
 * simulator was told to program.
 *
 * pqos looks at resctrl only as a user would: it is the check that the
 * files, their formats and their behaviour are those of upstream resctrl.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rctl_util.h"

#define PQOS "/usr/sbin/pqos"
/* No PMU in the VM: only the resctrl events. */
#define MON_OPTS "-t 2 -u csv --disable-mon-ipc --disable-mon-llc_miss"

#define NUM_RMID 64
#define MIB (1024LL * 1024)
/*
 * What the simulator counts for RMID r: the LLC occupancy tells the RMID
 * and the domain it was read in; the bandwidth counters do not move.
 */
#define LLC_DOM0(r) (((r) + 1) * MIB)
#define LLC_DOM1(r) (((r) + 1) * 2048LL)
#define MBM_BYTES(r) (((r) + 1) * 1000LL)

/* What the last pqos run printed, stdout and stderr. */
static char out[65536];

/* Append @line to out[], if it fits. */
static void out_add(const char *line)
{
	size_t len = strlen(out), n = strlen(line);

	if (len + n < sizeof(out))
		memcpy(out + len, line, n + 1);
}

/*
 * Run pqos in OS mode with the arguments @fmt gives, and hand every line
 * it prints to @on_line, if any, as it comes. Returns pqos's exit status,
 * or -1 if it did not exit.
 */
__printf(2, 3) static int pqos_run(void (*on_line)(char *line), const char *fmt, ...)
{
	char args[256], cmd[320], line[1024];
	va_list ap;
	int status;
	FILE *f;

	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof(cmd), PQOS " -I %s 2>&1", args);
	ksft_print_msg("pqos -I %s\n", args);
	out[0] = '\0';
	f = popen(cmd, "r");
	if (!f) {
		ksft_print_msg("popen: %s\n", strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		out_add(line);
		if (on_line)
			on_line(line);
	}
	status = pclose(f);
	if (status == -1 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

#define pqos(...) pqos_run(NULL, __VA_ARGS__)

/*
 * Copy the line of @text that starts at *@pos to @line, without its
 * newline, and move *@pos to the next line. False at the end of @text.
 */
static bool next_line(const char **pos, char *line, size_t size)
{
	const char *s = *pos;
	size_t len = strcspn(s, "\n");

	if (!*s)
		return false;
	*pos = s[len] ? s + len + 1 : s + len;
	if (len >= size)
		len = size - 1;
	memcpy(line, s, len);
	line[len] = '\0';
	return true;
}

static void out_dump(void)
{
	const char *pos = out;
	char line[1024];

	while (next_line(&pos, line, sizeof(line)))
		ksft_print_msg("| %s\n", line);
}

/*
 * Whether the last pqos output has a line that, leading blanks aside,
 * starts with @prefix and ends with @suffix; with @head, a line indented
 * under a line that reads @head. Reports it when there is none.
 */
static bool out_has(const char *head, const char *prefix, const char *suffix)
{
	size_t plen = strlen(prefix), slen = strlen(suffix), len;
	const char *pos = out, *text;
	int depth = -1, indent;
	char line[1024];

	while (next_line(&pos, line, sizeof(line))) {
		indent = strspn(line, " \t");
		text = line + indent;
		if (head) {
			if (depth >= 0 && indent <= depth)
				depth = -1;
			if (depth < 0) {
				if (!strcmp(text, head))
					depth = indent;
				continue;
			}
		}
		len = strlen(text);
		if (len >= plen + slen && !strncmp(text, prefix, plen) &&
		    !strcmp(text + len - slen, suffix))
			return true;
	}
	ksft_print_msg("pqos printed no line \"%s...%s\"%s%s\n", prefix, suffix,
		       head ? " under " : "", head ?: "");
	return false;
}

/* Whether pqos exited with 0 and @ok; shows its output if not. */
static bool pqos_ok(int rc, bool ok)
{
	if (!rc && ok)
		return true;
	ksft_print_msg("pqos exited with %d and printed:\n", rc);
	out_dump();
	return false;
}

/* The L3 and MB of an Intel machine, as in harness/vm/demo. */
static int setup(void)
{
	int ret, i;

	ret = sim_add("L3", "ctrl=bitmask", "scope=l3", "num_closid=8", "cbm_len=11",
		      "num_rmid=64",
		      "events=llc_occupancy,mbm_total_bytes,mbm_local_bytes", NULL) ?:
	      sim_add("MB", "ctrl=percent", "scope=l3", "num_closid=8", NULL) ?:
	      rctl_mount(NULL);
	/*
	 * pqos creates COS1..COS7 when it starts, but on its first run it
	 * probes the MBps controller in a free COS group before that and
	 * complains: give it its groups.
	 */
	for (i = 1; i < 8 && !ret; i++)
		ret = rctl_mkdir(rpath(RCTL_ROOT "/COS%d", i));
	return ret;
}

static void test_caps(void)
{
	int rc = pqos("-d");

	ksft_test_result(pqos_ok(rc, out_has("L3 CAT", "Num COS: 8", "") &&
				 out_has("Memory Bandwidth Allocation (MBA)", "Num COS: 8", "") &&
				 out_has("Cache Monitoring Technology (CMT) events:",
					 "LLC Occupancy (LLC)", "") &&
				 out_has("Memory Bandwidth Monitoring (MBM) events:",
					 "Local Memory Bandwidth (LMEM)", "") &&
				 out_has("Memory Bandwidth Monitoring (MBM) events:",
					 "Total Memory Bandwidth (TMEM)", "")),
			 "pqos -d: L3 CAT and MBA with 8 COS, LLC occupancy, local and total memory bandwidth\n");
}

/* Whether pqos -s shows the L3 mask and MBA of COS1 on both sockets. */
static bool show_cos1(const char *mask, const char *mba)
{
	char head[64], l3[64], mb[64];
	bool ok = true;
	int sock;

	snprintf(l3, sizeof(l3), "L3CA COS1 => MASK %s", mask);
	snprintf(mb, sizeof(mb), "MBA COS1 => %s available", mba);
	for (sock = 0; sock < 2 && ok; sock++) {
		snprintf(head, sizeof(head), "L3CA/MBA COS definitions for Socket %d:", sock);
		ok = out_has(head, l3, "") && out_has(head, mb, "") &&
		     out_has(head, "L3CA COS2 => MASK 0x7ff", "") &&
		     out_has(head, "MBA COS0 => 100% available", "");
	}
	return ok;
}

/* Whether the simulator was told @l3 and @mb for CLOSID 1 in both domains. */
static bool programmed_cos1(const char *l3, const char *mb)
{
	return sim_programmed_is("L3", 0, 1, l3) && sim_programmed_is("L3", 1, 1, l3) &&
	       sim_programmed_is("MB", 0, 1, mb) && sim_programmed_is("MB", 1, 1, mb) &&
	       sim_programmed_is("L3", 0, 0, "0x7ff") && sim_programmed_is("MB", 1, 0, "0x64");
}

static void test_classes(void)
{
	int rc = pqos("-e \"llc:1=0x0f;mba:1=50\"");
	bool ok = out_has(NULL, "Allocation configuration altered.", "");
	char l3[64], mb[64];
	int sock;

	for (sock = 0; sock < 2 && ok; sock++) {
		snprintf(l3, sizeof(l3), "SOCKET %d L3CA COS1 => MASK 0xf", sock);
		snprintf(mb, sizeof(mb), "SOCKET %d MBA COS1 => 50%% requested", sock);
		ok = out_has(NULL, l3, "") && out_has(NULL, mb, ", 50% applied");
	}
	ksft_test_result(pqos_ok(rc, ok),
			 "pqos -e \"llc:1=0x0f;mba:1=50\" sets COS1 on both sockets\n");
	rc = pqos("-s");
	ksft_test_result(pqos_ok(rc, show_cos1("0xf", "50%")),
			 "pqos -s shows COS1 with mask 0xf and MBA 50%% on both sockets\n");
	/* Upstream pads the values: 3 hex digits for 11 bits, 3 columns for MB. */
	ksft_test_result(rctl_expect_line(rp("COS1/schemata"), "L3:0=00f;1=00f") &&
			 rctl_expect_line(rp("COS1/schemata"), "MB:0= 50;1= 50") &&
			 rctl_expect_line(rp("COS2/schemata"), "L3:0=7ff;1=7ff"),
			 "COS1/schemata shows L3 0xf and MB 50 in both domains\n");
	ksft_test_result(programmed_cos1("0xf", "0x32"),
			 "the simulator programmed CLOSID 1 with 0xf and 50 in both domains\n");
}

/* Whether pqos -s shows every core in COS@cos01 (cores 0, 1) or COS@cos23. */
static bool show_cores(int cos01, int cos23)
{
	char head[64], core[16], cos[16];
	bool ok = true;
	int cpu;

	for (cpu = 0; cpu < 4 && ok; cpu++) {
		snprintf(head, sizeof(head), "Core information for socket %d:", cpu / 2);
		snprintf(core, sizeof(core), "Core %d,", cpu);
		snprintf(cos, sizeof(cos), "=> COS%d", cpu < 2 ? cos01 : cos23);
		ok = out_has(head, core, cos);
	}
	return ok;
}

static void test_cores(void)
{
	int rc = pqos("-a \"llc:1=0-1\"");

	ksft_test_result(pqos_ok(rc, out_has(NULL, "Allocation configuration altered.", "")) &&
			 rctl_reads(rp("COS1/cpus_list"), "0-1\n") &&
			 rctl_reads(rp("cpus_list"), "2-3\n"),
			 "pqos -a \"llc:1=0-1\" moves cores 0 and 1 to COS1\n");
	rc = pqos("-s");
	ksft_test_result(pqos_ok(rc, show_cores(1, 0)),
			 "pqos -s shows cores 0 and 1 in COS1, 2 and 3 in COS0\n");
}

static pid_t task = -1;

static void test_task(void)
{
	char assoc[32];
	int rc;

	task = rctl_spawn_task();
	rc = pqos("-a \"pid:1=%d\"", task);
	ksft_test_result(task > 0 &&
			 pqos_ok(rc, out_has(NULL, "Allocation configuration altered.", "")) &&
			 rctl_group_has_task(rp("COS1"), task) &&
			 !rctl_group_has_task(RCTL_ROOT, task) &&
			 rctl_proc_groups_are(task, "res:COS1\nmon:\n"),
			 "pqos -a \"pid:1=%d\" moves the task to COS1\n", task);
	rc = pqos("-s");
	snprintf(assoc, sizeof(assoc), "COS1 => %d", task);
	ksft_test_result(pqos_ok(rc, out_has("PID association information:", assoc, "")),
			 "pqos -s shows the task in COS1\n");
}

/* Monitoring */

/* A monitoring group pqos made, seen while it monitors. */
struct mon_grp {
	char path[400];		/* under the mount point */
	char cpus[32];		/* its cpus_list */
	bool has_task;
	int rmid;
};

/* A line of pqos's CSV output. */
struct mon_row {
	char key[32];		/* the core or the PID */
	double llc, mbl, mbr;	/* KB, MB/s, MB/s */
};

static struct mon_grp grps[16];
static struct mon_row rows[64];
static int num_grps, num_rows;
/* Columns of the CSV output; -1 until its header came. */
static int col_key, col_llc, col_mbl, col_mbr, num_cols;

/*
 * The RMID a monitoring group uses, told by its LLC occupancy: RMID r
 * counts LLC_DOM0(r) in domain 0 and LLC_DOM1(r) in domain 1. -1 if the
 * counts match no RMID.
 */
static int rmid_of(const char *grp)
{
	long long dom0 = rctl_count(rpath(RCTL_ROOT "/%s/mon_data/mon_L3_00/llc_occupancy", grp));
	long long dom1 = rctl_count(rpath(RCTL_ROOT "/%s/mon_data/mon_L3_01/llc_occupancy", grp));
	int r;

	for (r = 0; r < NUM_RMID; r++)
		if (dom0 == LLC_DOM0(r) && dom1 == LLC_DOM1(r))
			return r;
	ksft_print_msg("%s counts %lld and %lld: no RMID counts that\n", grp, dom0, dom1);
	return -1;
}

/* Note the pqos-* monitoring groups of the control group @ctrl. */
static void find_grps(const char *ctrl)
{
	char dir[128];
	struct dirent *de;
	struct mon_grp *g;
	DIR *d;
	int n;

	snprintf(dir, sizeof(dir), "%s%smon_groups", ctrl, *ctrl ? "/" : "");
	d = opendir(rpath(RCTL_ROOT "/%s", dir));
	if (!d)
		return;
	while ((de = readdir(d)) && num_grps < (int)ARRAY_SIZE(grps)) {
		if (strncmp(de->d_name, "pqos-", 5))
			continue;
		g = &grps[num_grps++];
		snprintf(g->path, sizeof(g->path), "%s/%s", dir, de->d_name);
		n = rctl_read(rpath(RCTL_ROOT "/%s/cpus_list", g->path), g->cpus,
			      sizeof(g->cpus));
		if (n > 0 && g->cpus[n - 1] == '\n')
			g->cpus[n - 1] = '\0';
		g->has_task = task > 0 && rctl_group_has_task(rpath(RCTL_ROOT "/%s", g->path),
							       task);
		g->rmid = rmid_of(g->path);
		ksft_print_msg("pqos made %s: cpus \"%s\", %s, RMID %d\n", g->path, g->cpus,
			       g->has_task ? "the task" : "no task", g->rmid);
	}
	closedir(d);
}

/* Every pqos-* monitoring group there is, in any control group. */
static void find_all_grps(void)
{
	int cos;

	num_grps = 0;
	find_grps("");
	for (cos = 1; cos < 8; cos++)
		find_grps(rpath("COS%d", cos));
}

/* Split a CSV line into at most @max fields, in place, without quotes. */
static int csv_split(char *line, char **field, int max)
{
	char *s = line, *d, end;
	bool quoted;
	int n = 0;

	line[strcspn(line, "\r\n")] = '\0';
	while (n < max) {
		d = s;
		field[n++] = d;
		for (quoted = false; *s && (quoted || *s != ','); s++) {
			if (*s == '"')
				quoted = !quoted;
			else
				*d++ = *s;
		}
		end = *s;
		*d = '\0';
		if (!end)
			break;
		s++;
	}
	return n;
}

static int column(char **field, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(field[i], name))
			return i;
	return -1;
}

/*
 * A line of pqos -m or -p with -u csv: a header, "Time,Core,LLC[KB],..."
 * or "Time,PID,Core,LLC[KB],...", then a row per group and poll. The
 * groups are all there when the first row comes: note them then.
 */
static void on_mon_line(char *line)
{
	struct mon_row *row;
	char *field[16];
	int n;

	n = csv_split(line, field, ARRAY_SIZE(field));
	if (n > 1 && !strcmp(field[0], "Time")) {
		col_key = column(field, n, "PID");
		if (col_key < 0)
			col_key = column(field, n, "Core");
		col_llc = column(field, n, "LLC[KB]");
		col_mbl = column(field, n, "MBL[MB/s]");
		col_mbr = column(field, n, "MBR[MB/s]");
		num_cols = n;
		return;
	}
	if (col_key < 0 || col_llc < 0 || col_mbl < 0 || col_mbr < 0 || n != num_cols)
		return;
	if (!num_rows)
		find_all_grps();
	if (num_rows == ARRAY_SIZE(rows))
		return;
	row = &rows[num_rows++];
	snprintf(row->key, sizeof(row->key), "%s", field[col_key]);
	row->llc = strtod(field[col_llc], NULL);
	row->mbl = strtod(field[col_mbl], NULL);
	row->mbr = strtod(field[col_mbr], NULL);
}

/* Run pqos to monitor @what ("-m ..." or "-p ..."); returns its status. */
static int monitor(const char *what)
{
	num_rows = 0;
	num_grps = 0;
	col_key = -1;
	col_llc = -1;
	col_mbl = -1;
	col_mbr = -1;
	return pqos_run(on_mon_line, "%s " MON_OPTS, what);
}

static bool same(double a, double b)
{
	return a - b < 0.05 && b - a < 0.05;
}

static void bad_row(const struct mon_row *row, double want, int rmid)
{
	ksft_print_msg("%s: LLC %.1f KB, MBL %.1f, MBR %.1f; expected %.1f, 0, 0 (RMID %d)\n",
		       row->key, row->llc, row->mbl, row->mbr, want, rmid);
}

/*
 * Whether every row of @key shows the LLC occupancy of the RMID of the
 * group @g, @llc_of(rmid) KB, and no memory bandwidth (the counters do
 * not move). Reports what differs.
 */
static bool rows_match(const char *key, const struct mon_grp *g, double (*llc_of)(int))
{
	double want = g && g->rmid >= 0 ? llc_of(g->rmid) : -1;
	int i, seen = 0;

	for (i = 0; i < num_rows; i++) {
		if (strcmp(rows[i].key, key))
			continue;
		seen++;
		if (!g || !same(rows[i].llc, want) || !same(rows[i].mbl, 0) ||
		    !same(rows[i].mbr, 0)) {
			bad_row(&rows[i], want, g ? g->rmid : -1);
			return false;
		}
	}
	if (!seen)
		ksft_print_msg("pqos printed no row for %s\n", key);
	return seen > 0;
}

static const struct mon_grp *grp_with_cpus(const char *cpus)
{
	int i;

	for (i = 0; i < num_grps; i++)
		if (!strcmp(grps[i].cpus, cpus))
			return &grps[i];
	ksft_print_msg("no pqos monitoring group has CPUs \"%s\"\n", cpus);
	return NULL;
}

static const struct mon_grp *grp_with_task(void)
{
	int i;

	for (i = 0; i < num_grps; i++)
		if (grps[i].has_task)
			return &grps[i];
	ksft_print_msg("no pqos monitoring group has task %d\n", task);
	return NULL;
}

/* Cores 0 and 1 are in package 0: pqos reads their L3 domain only. */
static double llc_cores(int rmid)
{
	return LLC_DOM0(rmid) / 1024.0;
}

/* A task runs anywhere: pqos adds up every L3 domain. */
static double llc_task(int rmid)
{
	return (LLC_DOM0(rmid) + LLC_DOM1(rmid)) / 1024.0;
}

/* Whether the monitoring group @g, if any, is in COS1; reports it if not. */
static bool in_cos1(const struct mon_grp *g)
{
	if (!g || !strncmp(g->path, "COS1/mon_groups/", 16))
		return true;
	ksft_print_msg("%s is not a monitoring group of COS1\n", g->path);
	return false;
}

static void set_counters(void)
{
	static const char * const mbm[] = { "mbm_local_bytes", "mbm_total_bytes" };
	unsigned int r, e, dom;

	for (r = 0; r < NUM_RMID; r++) {
		sim_counter("L3", 0, r, "llc_occupancy", rpath("%lld", LLC_DOM0(r)));
		sim_counter("L3", 1, r, "llc_occupancy", rpath("%lld", LLC_DOM1(r)));
		for (e = 0; e < ARRAY_SIZE(mbm); e++)
			for (dom = 0; dom < 2; dom++)
				sim_counter("L3", dom, r, mbm[e], rpath("%lld", MBM_BYTES(r)));
	}
}

#define MAX_THRESHOLD "info/L3_MON/max_threshold_occupancy"

static void test_monitor_cores(void)
{
	const struct mon_grp *g0, *g1;
	bool ok;
	int rc;

	/*
	 * pqos reads info/L3_MON/max_threshold_occupancy before it makes a
	 * monitoring group for cores, and gives up without it. The file
	 * comes with RMID limbo, which this kernel does not have yet.
	 */
	if (!rctl_exists(rp(MAX_THRESHOLD))) {
		ksft_test_result_skip("pqos -m all:0-1: needs %s (RMID limbo)\n", MAX_THRESHOLD);
		ksft_test_result_skip("pqos -m cleanup: needs %s\n", MAX_THRESHOLD);
		return;
	}
	rc = monitor("-m all:0-1");
	/*
	 * pqos makes a monitoring group per core, in the control group of the
	 * core: COS1/mon_groups/pqos-<pid>-<n>, holding the CPU. Before that
	 * it reads info/L3_MON/max_threshold_occupancy, which upstream has,
	 * and gives up without it: it then tries to take the cores out of a
	 * group it never made and writes the control groups' cpus instead,
	 * which takes core 0 out of COS1.
	 */
	g0 = grp_with_cpus("0");
	g1 = grp_with_cpus("1");
	ok = g0 && g1 && in_cos1(g0) && in_cos1(g1) && g0->rmid > 0 && g1->rmid > 0 &&
	     g0->rmid != g1->rmid;
	ok = rows_match("0", g0, llc_cores) && rows_match("1", g1, llc_cores) && ok;
	ksft_test_result(pqos_ok(rc, ok),
			 "pqos -m all:0-1 shows the LLC occupancy of the RMID of each core's group, no bandwidth\n");
	find_all_grps();
	ksft_test_result(!num_grps && rctl_reads(rp("COS1/cpus_list"), "0-1\n") &&
			 rctl_reads(rp("cpus_list"), "2-3\n"),
			 "pqos -m removes its monitoring groups and leaves the cores in COS1\n");
}

/* A task's monitoring group does not need max_threshold_occupancy. */
static void test_monitor_task(void)
{
	const struct mon_grp *g;
	char key[16];
	bool ok;
	int rc;

	rc = monitor(rpath("-p all:%d", task));
	snprintf(key, sizeof(key), "%d", task);
	g = grp_with_task();
	ok = g && in_cos1(g) && g->rmid > 0;
	ok = rows_match(key, g, llc_task) && ok;
	ksft_test_result(pqos_ok(rc, ok),
			 "pqos -p all:<pid> shows the LLC occupancy of the RMID of the task's group in both domains\n");
	find_all_grps();
	ksft_test_result(!num_grps && rctl_group_has_task(rp("COS1"), task) &&
			 rctl_proc_groups_are(task, "res:COS1\nmon:\n"),
			 "pqos -p removes its monitoring group and gives the task back to COS1\n");
}

static void test_reset(void)
{
	int rc;

	/* pqos may have let go of the cores when -m failed. */
	if (!rctl_reads(rp("COS1/cpus_list"), "0-1\n") &&
	    rctl_write(rp("COS1/cpus_list"), "0-1\n"))
		ksft_print_msg("cannot put cores 0 and 1 back in COS1\n");
	rc = pqos("-R");
	ksft_test_result(pqos_ok(rc, out_has(NULL, "Allocation reset successful", "")) &&
			 rctl_reads(rp("COS1/schemata"), "L3:0=7ff;1=7ff\nMB:0=100;1=100\n"),
			 "pqos -R puts COS1's schemata back to L3 7ff and MB 100\n");
	ksft_test_result(programmed_cos1("0x7ff", "0x64"),
			 "the simulator programmed CLOSID 1 back with 0x7ff and 100\n");
	ksft_test_result(rctl_reads(rp("COS1/cpus_list"), "\n") &&
			 rctl_reads(rp("cpus_list"), "0-3\n"),
			 "pqos -R puts every core back in the default group\n");
	rc = pqos("-s");
	ksft_test_result(pqos_ok(rc, show_cos1("0x7ff", "100%") && show_cores(0, 0)),
			 "pqos -s then shows the default COS1 and every core in COS0\n");
	ksft_test_result(task > 0 && rctl_group_has_task(RCTL_ROOT, task) &&
			 rctl_proc_groups_are(task, "res:/\nmon:\n"),
			 "pqos -R gives the task back to the default group\n");
}

static const char *without_pqos(void)
{
	return access(PQOS, X_OK) ? PQOS " is not installed" : NULL;
}

int main(void)
{
	static const struct rctl_fixture fx = {
		.plan = 1 + 1 + 4 + 2 + 2 + 4 + 5,
		.sim = true,
		.sims = { "L3", "MB" },
		.unless = without_pqos,
	};
	int ret;

	rctl_start(&fx);

	ret = setup();
	ksft_test_result(!ret, "L3 and MB registered, resctrl mounted, COS1..COS7 made (%s)\n",
			 strerror(-ret));
	test_caps();
	test_classes();
	test_cores();
	test_task();
	set_counters();
	test_monitor_cores();
	test_monitor_task();
	test_reset();
	rctl_finish();
}
