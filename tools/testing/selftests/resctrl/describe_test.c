// SPDX-License-Identifier: GPL-2.0
/*
 * info/<RES>/resource_schemata/<SCHEMA>/ against what schemata writes
 * accept, for every simulated control type and for extra controls
 * (NAME_MIN, NAME_MAX, NAME_OPT, NAME_NODE): the maximum is accepted,
 * one past it refused, a value between two accepted ones handled within
 * the tolerance the description gives, a new group starts at the
 * default. DSC_NODE has a scope of its own: NUMA nodes next to DSC's
 * packages. Then writes mixing a resource's lines: all or nothing, and
 * '#' lines ignored.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rctl_util.h"

/* Every simulated resource of the test and the schemata lines it has. */
static const char * const sims[] = { "DCB", "DBW", "DSC", "DLV" };
static const char * const schemas[] = {
	"DCB", "DCB_MIN", "DBW", "DBW_MIN", "DBW_MAX", "DBW_OPT", "DSC",
	"DSC_NODE", "DLV",
};

static int add_resources(void)
{
	return sim_add("DCB", "ctrl=bitmask", "scope=package", "num_closid=8",
		       "cbm_len=12", "min_cbm_bits=2",
		       "controls=MIN:bitmask:8:1:1", NULL) ?:
	       sim_add("DBW", "ctrl=percent", "scope=package", "num_closid=8",
		       "min=10", "max=100", "granularity=10",
		       "controls=MIN:percent:0:100:5,MAX:percent:10:100:10,OPT:mbps:0:20000",
		       NULL) ?:
	       sim_add("DSC", "ctrl=scalar", "scope=package", "num_closid=8",
		       "min=0", "max=7", "controls=NODE:scalar:1:15@node", NULL) ?:
	       sim_add("DLV", "ctrl=custom", "scope=package", "num_closid=8",
		       "default_val=2", NULL);
}

/* The resource a schemata line belongs to: the name up to '_'. */
static const char *res_of(const char *schema)
{
	static char res[32];

	snprintf(res, sizeof(res), "%s", schema);
	res[strcspn(res, "_")] = '\0';
	return res;
}

static const char *desc_path(const char *schema, const char *prop)
{
	return rp(rpath("info/%s/resource_schemata/%s/%s", res_of(schema),
			schema, prop));
}

/* A description file, without its newline, in a static buffer. */
static const char *desc(const char *schema, const char *prop)
{
	static char buf[4][128];
	static int next;
	char *b = buf[next++ % 4];
	int n;

	n = rctl_read(desc_path(schema, prop), b, sizeof(buf[0]));
	if (n < 0) {
		ksft_print_msg("%s: %s\n", desc_path(schema, prop), strerror(-n));
		b[0] = '\0';
	}
	b[strcspn(b, "\n")] = '\0';
	return b;
}

static unsigned long long num(const char *text)
{
	return strtoull(text, NULL, 0);
}

/* The first domain id the description lists. */
static int first_domain(const char *schema)
{
	return atoi(desc(schema, "domains"));
}

/* The text of @schema's value for domain @dom in g1's schemata. */
static bool value_of(const char *schema, int dom, char *out, size_t len)
{
	char *all = rctl_slurp(rp("g1/schemata")), *line, *save, *p;
	char key[64];
	bool found = false;

	snprintf(key, sizeof(key), "%d=", dom);
	for (line = strtok_r(all, "\n", &save); line && !found;
	     line = strtok_r(NULL, "\n", &save)) {
		line += strspn(line, " ");
		if (strncmp(line, schema, strlen(schema)) ||
		    line[strlen(schema)] != ':')
			continue;
		p = strstr(line + strlen(schema), key);
		if (p && (p[-1] == ':' || p[-1] == ';')) {
			p += strlen(key);
			p += strspn(p, " ");
			snprintf(out, len, "%.*s", (int)strcspn(p, ";"), p);
			found = true;
		}
	}
	free(all);
	return found;
}

static int write_val(const char *schema, int dom, const char *val)
{
	char text[128];

	snprintf(text, sizeof(text), "%s:%d=%s\n", schema, dom, val);
	return rctl_write(rp("g1/schemata"), text);
}

static bool reads_back(const char *schema, int dom, unsigned long long want,
		       int base)
{
	char got[64];

	if (!value_of(schema, dom, got, sizeof(got))) {
		ksft_print_msg("%s: no value for domain %d\n", schema, dom);
		return false;
	}
	if (strtoull(got, NULL, base) != want) {
		ksft_print_msg("%s: domain %d reads %s, not %llu\n", schema, dom,
			       got, want);
		return false;
	}
	return true;
}

/* The files of each type, and the shape of their contents. */
static void test_files(void)
{
	static const char scalar_files[] =
		"default domains max min resolution scale scope tolerance type unit";
	static const char legacy[] =
		"bandwidth_gran delay_linear min_bandwidth num_closids resource_schemata";
	unsigned int i;
	bool ok;

	for (i = 0; i < ARRAY_SIZE(schemas); i++) {
		ok = rctl_dir_is(rp(rpath("info/%s/resource_schemata/%s",
					  res_of(schemas[i]), schemas[i])),
				 strcmp(schemas[i], "DLV") ?
				 scalar_files : "domains scope type");
		ok &= !strcmp(desc(schemas[i], "scope"),
			      strcmp(schemas[i], "DSC_NODE") ? "PACKAGE" : "NODE");
		ksft_test_result(ok, "%s describes itself with the files of its type\n",
				 schemas[i]);
	}
	ok = !strcmp(desc("DCB", "type"), "bitmap") &&
	     !strcmp(desc("DCB_MIN", "type"), "bitmap sparse") &&
	     !strcmp(desc("DCB", "max"), "0xfff") &&
	     !strcmp(desc("DCB", "min"), "0x3") &&
	     !strcmp(desc("DCB", "resolution"), "12") &&
	     !strcmp(desc("DCB", "unit"), "all") &&
	     !strcmp(desc("DBW", "type"), "scalar linear") &&
	     !strcmp(desc("DBW", "unit"), "all") &&
	     !strcmp(desc("DBW", "resolution"), "100") &&
	     !strcmp(desc("DBW", "tolerance"), "9") &&
	     !strcmp(desc("DBW_MIN", "default"), "0") &&
	     !strcmp(desc("DBW_MAX", "default"), "100") &&
	     !strcmp(desc("DBW_OPT", "unit"), "MBps") &&
	     !strcmp(desc("DSC_NODE", "unit"), "none") &&
	     !strcmp(desc("DLV", "type"), "custom");
	ksft_test_result(ok, "types, units, limits and defaults as declared\n");
	/* The legacy files keep their place and contents. */
	ok = rctl_dir_is(rp("info/DBW"), legacy) &&
	     rctl_reads(rp("info/DBW/min_bandwidth"), "10\n");
	ksft_test_result(ok, "info/DBW keeps its upstream files beside resource_schemata\n");
}

/* A new group starts at the default of every line. */
static void test_defaults(void)
{
	unsigned int i;
	int dom;
	bool ok;

	for (i = 0; i < ARRAY_SIZE(schemas); i++) {
		if (!strcmp(schemas[i], "DLV"))
			continue;
		dom = first_domain(schemas[i]);
		ok = reads_back(schemas[i], dom, num(desc(schemas[i], "default")),
				!strncmp(desc(schemas[i], "type"), "bitmap", 6) ? 16 : 10);
		ksft_test_result(ok, "%s: a new group has the described default\n",
				 schemas[i]);
	}
}

static bool check_scalar(const char *schema, int dom)
{
	unsigned long long min = num(desc(schema, "min"));
	unsigned long long max = num(desc(schema, "max"));
	unsigned long long tol = num(desc(schema, "tolerance"));
	unsigned long long v, got;
	char text[32], back[32];
	bool ok = true;

	snprintf(text, sizeof(text), "%llu", max);
	ok &= !write_val(schema, dom, text) && reads_back(schema, dom, max, 10);
	snprintf(text, sizeof(text), "%llu", max + 1);
	ok &= write_val(schema, dom, text) == -EINVAL;
	snprintf(text, sizeof(text), "%llu", min);
	ok &= !write_val(schema, dom, text);
	if (min) {
		snprintf(text, sizeof(text), "%llu", min - 1);
		ok &= write_val(schema, dom, text) == -EINVAL;
	}
	/* Between two accepted steps: within the tolerance, never below. */
	v = min + 1 < max ? min + 1 : min;
	snprintf(text, sizeof(text), "%llu", v);
	ok &= !write_val(schema, dom, text) &&
	      value_of(schema, dom, back, sizeof(back));
	got = strtoull(back, NULL, 10);
	if (got < v || got - v > tol) {
		ksft_print_msg("%s: %llu reads back as %llu, tolerance %llu\n",
			       schema, v, got, tol);
		ok = false;
	}
	return ok;
}

static bool check_bitmap(const char *schema, int dom)
{
	unsigned long long max = num(desc(schema, "max"));
	unsigned long long min = num(desc(schema, "min"));
	bool sparse = strstr(desc(schema, "type"), "sparse");
	char text[32];
	bool ok = true;
	int w = __builtin_popcountll(min);

	snprintf(text, sizeof(text), "%llx", max);
	ok &= !write_val(schema, dom, text) && reads_back(schema, dom, max, 16);
	snprintf(text, sizeof(text), "%llx", max + 1);
	ok &= write_val(schema, dom, text) == -EINVAL;
	snprintf(text, sizeof(text), "%llx", min ? min : 1);
	ok &= !write_val(schema, dom, text);
	if (w) {
		snprintf(text, sizeof(text), "%llx", min >> 1);
		ok &= write_val(schema, dom, text) == -EINVAL;
	}
	/* Two runs of bits: accepted exactly when the bitmap is sparse. */
	snprintf(text, sizeof(text), "%llx", (max & ~2ULL) | 1);
	ok &= !write_val(schema, dom, text) == sparse;
	return ok;
}

/* Every line's limits as described are the limits writes meet. */
static void test_limits(void)
{
	const char *type;
	unsigned int i;
	int dom;
	bool ok;

	for (i = 0; i < ARRAY_SIZE(schemas); i++) {
		type = desc(schemas[i], "type");
		if (!strcmp(type, "custom"))
			continue;
		dom = first_domain(schemas[i]);
		ok = !strncmp(type, "bitmap", 6) ? check_bitmap(schemas[i], dom) :
		     check_scalar(schemas[i], dom);
		ksft_test_result(ok, "%s: max accepted, max+1 refused, in-between in tolerance\n",
				 schemas[i]);
	}
}

static const char * const files[] = { "g1/schemata", "schemata" };

static char *state(void)
{
	return rctl_state(files, ARRAY_SIZE(files), sims, ARRAY_SIZE(sims));
}

/* Lines of one resource in one write: all or nothing; '#' ignored. */
static void test_mixed_writes(void)
{
	char *before, *now;
	bool ok;

	ok = !rctl_write(rp("g1/schemata"), "DBW:0=100;1=100\nDBW_MAX:0=100;1=100\n");
	before = state();
	ok &= rctl_write_fails(rp("g1/schemata"), "DBW:0=50\nDBW_MAX:0=60;1=1000\n",
			       EINVAL, "DBW_MAX value 1000 out of range [10,100]\n");
	/* The same with a control of its own scope, either way round. */
	ok &= rctl_write_fails(rp("g1/schemata"), "DSC:0=3\nDSC_NODE:0=16\n",
			       EINVAL, "DSC_NODE value 16 out of range [1,15]\n");
	ok &= rctl_write_fails(rp("g1/schemata"), "DSC_NODE:0=4\nDSC:0=8\n",
			       EINVAL, "DSC value 8 out of range [0,7]\n");
	now = state();
	ok = rctl_state_is(before, now) && ok;
	free(before);
	free(now);
	ksft_test_result(ok, "MB and MB_MAX lines with one bad value change neither\n");

	/* What was applied is put back: the files read as before. */
	before = rctl_state(files, ARRAY_SIZE(files), NULL, 0);
	ok = !sim_dbg_write("DSC", "fail_apply", "1") &&
	     rctl_write(rp("g1/schemata"), "DBW:0=50\nDBW_MAX:0=60\nDSC_NODE:0=3\n") == -EIO;
	now = rctl_state(files, ARRAY_SIZE(files), NULL, 0);
	ok = rctl_state_is(before, now) && ok;
	free(before);
	free(now);
	sim_dbg_write("DSC", "fail_apply", "0");
	ksft_test_result(ok, "a driver failure on the last line puts the lines before back\n");

	ok = !rctl_write(rp("g1/schemata"),
			 "# DBW:0=10\nDBW:0=50\n  #comment\nDBW_MAX:0=60\n") &&
	     reads_back("DBW", 0, 50, 10) && reads_back("DBW_MAX", 0, 60, 10);
	ksft_test_result(ok, "a write with '#' lines applies the others and ignores them\n");

	ok = !rctl_write(rp("g1/schemata"), "DBW_MIN:0=80\nDBW_MAX:0=20\n") &&
	     reads_back("DBW_MIN", 0, 80, 10) && reads_back("DBW_MAX", 0, 20, 10);
	ksft_test_result(ok, "crossed MIN and MAX are the driver's business, as upstream\n");
}

/* A resource registered while mounted brings its descriptions, and takes them away. */
static void test_live_and_cdp(void)
{
	bool ok;

	ok = !sim_add("DLT", "ctrl=mbps", "scope=package", "num_closid=8", "min=0",
		      "max=900", "controls=MAX:scalar:0:9,NODE:mbps:0:500@node",
		      NULL) &&
	     rctl_reads(rp("info/DLT/resource_schemata/DLT_MAX/max"), "9\n") &&
	     rctl_reads(rp("info/DLT/resource_schemata/DLT/unit"), "MBps\n") &&
	     rctl_reads(rp("info/DLT/resource_schemata/DLT_NODE/scope"), "NODE\n") &&
	     !rctl_exists(rp("info/DLT_NODE")) && reads_back("DLT_NODE", 0, 500, 10);
	ok = !sim_remove("DLT") && ok &&
	     !rctl_exists(rp("info/DLT")) && !value_of("DLT_NODE", 0, NULL, 0);
	ksft_test_result(ok, "registered while mounted: described; unregistered: gone\n");

	/* With CDP each half describes its own line. */
	ok = !rctl_umount() &&
	     !sim_add("DX3", "ctrl=bitmask", "scope=l3", "num_closid=8", "cbm_len=10",
		      "cdp_capable=1", NULL) &&
	     !rctl_mount("cdp") &&
	     rctl_reads(rp("info/DX3CODE/resource_schemata/DX3CODE/type"), "bitmap\n") &&
	     rctl_reads(rp("info/DX3DATA/resource_schemata/DX3DATA/max"), "0x3ff\n") &&
	     rctl_dir_is(rp("info/DX3CODE/resource_schemata"), "DX3CODE");
	ksft_test_result(ok, "with cdp, L3CODE and L3DATA each describe their own line\n");
}

int main(void)
{
	static const struct rctl_fixture fx = {
		.plan = 1 + ARRAY_SIZE(schemas) + 2 + (ARRAY_SIZE(schemas) - 1) * 2 +
			4 + 2,
		.sim = true,
	};
	int ret;

	rctl_start(&fx);

	ret = add_resources() ?: rctl_mount(NULL) ?: rctl_mkdir(rp("g1"));
	ksft_test_result(!ret, "resources with extra controls of every type, mount, g1 (%s)\n",
			 strerror(-ret));
	test_files();
	test_defaults();
	test_limits();
	test_mixed_writes();
	test_live_and_cdp();
	rctl_finish();
}
