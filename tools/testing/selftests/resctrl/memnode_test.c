// SPDX-License-Identifier: GPL-2.0
/*
 * NUMA nodes with memory and no CPU as domains of a NODE-scope resource
 * that asks for them (memory_nodes), and of LBW_NODE, a NODE-scope
 * control of the package-scope resource LBW (upstream's MB_NODE next to
 * MB): the node shows in the controls' domains files, in schemata and in
 * mon_data/mon_NODE_<id>/, keeps its values, and when its memory can be
 * taken offline goes away and comes back with its values. Without such a
 * node (a real machine, usually) the node checks are skipped.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rctl_util.h"

#define NODE_SYS "/sys/devices/system/node"

/* Whether @list ("0-1,3") of a sysfs node list holds @n. */
static bool in_list(const char *list, int n)
{
	const char *p = list;
	char *end;
	long a, b;

	while (*p && *p != '\n') {
		a = strtol(p, &end, 10);
		b = *end == '-' ? strtol(end + 1, &end, 10) : a;
		if (n >= a && n <= b)
			return true;
		if (*end != ',')
			break;
		p = end + 1;
	}
	return false;
}

/* The first node with memory and no CPU, or -1. */
static int memory_only_node(void)
{
	char mem[256] = "", cpu[256] = "";
	int n;

	if (rctl_read(NODE_SYS "/has_memory", mem, sizeof(mem)) < 0 ||
	    rctl_read(NODE_SYS "/has_cpu", cpu, sizeof(cpu)) < 0)
		return -1;
	for (n = 0; n < 1024; n++)
		if (in_list(mem, n) && !in_list(cpu, n))
			return n;
	return -1;
}

/* Write @state to every memory block of node @n; 0 or the first -errno. */
static int node_memory_set(int n, const char *state)
{
	int ret = 0, blocks = 0;
	struct dirent *e;
	DIR *dir;

	dir = opendir(rpath(NODE_SYS "/node%d", n));
	if (!dir)
		return -errno;
	while (!ret && (e = readdir(dir))) {
		if (strncmp(e->d_name, "memory", 6) ||
		    e->d_name[6] < '0' || e->d_name[6] > '9')
			continue;
		ret = rctl_write(rpath(NODE_SYS "/node%d/%s/state", n, e->d_name),
				 state);
		blocks++;
	}
	closedir(dir);
	/* Without memory hotplug the node lists no memory blocks. */
	return ret ?: blocks ? 0 : -EOPNOTSUPP;
}

/* Whether @path has the line of @schema, with @item in it. */
static bool line_has(const char *path, const char *schema, const char *item)
{
	char *all = rctl_slurp(path), *line, *save, *p;
	bool found = false;

	for (line = strtok_r(all, "\n", &save); line && !found;
	     line = strtok_r(NULL, "\n", &save)) {
		line += strspn(line, " ");
		if (strncmp(line, schema, strlen(schema)) || line[strlen(schema)] != ':')
			continue;
		/* @item starts a domain: right after ':' or ';'. */
		for (p = strstr(line, item); p && !found; p = strstr(p + 1, item))
			found = p[-1] == ':' || p[-1] == ';';
	}
	free(all);
	return found;
}

/*
 * Whether the driver of @sim last gave an extra control @val in domain
 * @dom: what apply_ctrl() received, not what the core keeps.
 */
static bool last_ctrl_is(const char *sim, int dom, unsigned int val)
{
	unsigned int id, closid, got;
	char buf[64] = "";
	int d;

	if (sim_dbg_read(sim, "last_ctrl", buf, sizeof(buf)) < 0 ||
	    sscanf(buf, "%u %d %u %u", &id, &d, &closid, &got) != 4 ||
	    d != dom || got != val) {
		ksft_print_msg("%s last_ctrl: \"%s\", expected domain %d value %u\n",
			       sim, buf, dom, val);
		return false;
	}
	return true;
}

int main(void)
{
	static const struct rctl_fixture fx = { .plan = 6, .sim = true };
	char item[64], mon[64];
	int node, ret;
	bool ok;

	rctl_start(&fx);

	ret = sim_add("NBW", "ctrl=mbps", "scope=node", "num_closid=8", "min=0",
		      "max=10000", "memory_nodes=1", "controls=MIN:mbps:0:10000:0",
		      NULL) ?:
	      sim_add("NODE", "ctrl=none", "scope=node", "num_rmid=8",
		      "events=mbm_total_bytes", "memory_nodes=1", NULL) ?:
	      sim_add("LBW", "ctrl=percent", "scope=package", "num_closid=8",
		      "min=10", "max=100", "granularity=10",
		      "controls=NODE:mbps:0:20000@node+mem", NULL) ?:
	      rctl_mount(NULL) ?: rctl_mkdir(rp("g1"));
	ksft_test_result(!ret, "NODE-scope resources with memory nodes, mount, g1 (%s)\n",
			 strerror(-ret));
	ksft_test_result(rctl_reads(rp("info/NBW/resource_schemata/NBW/scope"), "NODE\n") &&
			 rctl_reads(rp("info/NBW/resource_schemata/NBW_MIN/scope"), "NODE\n"),
			 "the control and its extra control say NODE scope\n");
	ksft_test_result(rctl_reads(rp("info/LBW/resource_schemata/LBW/scope"), "PACKAGE\n") &&
			 rctl_reads(rp("info/LBW/resource_schemata/LBW_NODE/scope"), "NODE\n") &&
			 rctl_reads(rp("info/LBW/resource_schemata/LBW_NODE/default"), "20000\n") &&
			 !rctl_exists(rp("info/LBW_NODE")) &&
			 line_has(rp("g1/schemata"), "LBW_NODE", "0=20000"),
			 "LBW_NODE: a NODE control of a PACKAGE resource, described in info/LBW\n");

	node = memory_only_node();
	if (node < 0) {
		ksft_test_result_skip("no NUMA node with memory and no CPU\n");
		ksft_test_result_skip("no NUMA node with memory and no CPU\n");
		ksft_test_result_skip("no NUMA node with memory and no CPU\n");
		goto out;
	}
	snprintf(item, sizeof(item), "%d=", node);
	snprintf(mon, sizeof(mon), "g1/mon_data/mon_NODE_%02d/mbm_total_bytes", node);
	ok = rctl_expect_line(rp("info/NBW/resource_schemata/NBW/domains"),
			      rpath("%d node%d memory-only", node, node)) &&
	     rctl_expect_line(rp("info/LBW/resource_schemata/LBW_NODE/domains"),
			      rpath("%d node%d memory-only", node, node)) &&
	     line_has(rp("g1/schemata"), "NBW", item) &&
	     line_has(rp("g1/schemata"), "NBW_MIN", item) &&
	     line_has(rp("g1/schemata"), "LBW_NODE", item) &&
	     rctl_exists(rp(mon));
	ksft_test_result(ok, "memory-only node %d is a domain: domains, schemata, mon_data\n",
			 node);

	snprintf(item, sizeof(item), "NBW:%d=4321\nNBW_MIN:%d=1234\nLBW_NODE:%d=777\n",
		 node, node, node);
	ret = rctl_write(rp("g1/schemata"), item);
	snprintf(item, sizeof(item), "%d=4321", node);
	ok = !ret && line_has(rp("g1/schemata"), "NBW", item) &&
	     line_has(rp("g1/schemata"), "LBW_NODE", rpath("%d=777", node)) &&
	     last_ctrl_is("LBW", node, 777);
	ksft_test_result(ok, "a value set on node %d reads back; the driver got it for the node\n",
			 node);

	ret = node_memory_set(node, "offline");
	if (ret) {
		node_memory_set(node, "online");
		ksft_test_result_skip("node %d's memory cannot be taken offline here (%s)\n",
				      node, strerror(-ret));
		goto out;
	}
	snprintf(item, sizeof(item), "%d=", node);
	ok = !line_has(rp("g1/schemata"), "NBW", item) &&
	     !line_has(rp("g1/schemata"), "LBW_NODE", item) &&
	     !rctl_exists(rp(mon));
	/* Back where it was: a hotplugged node's memory is movable. */
	ret = node_memory_set(node, "online_movable");
	if (ret)
		ret = node_memory_set(node, "online");
	snprintf(item, sizeof(item), "%d=4321", node);
	ok = !ret && ok && line_has(rp("g1/schemata"), "NBW", item) &&
	     line_has(rp("g1/schemata"), "NBW_MIN", rpath("%d=1234", node)) &&
	     line_has(rp("g1/schemata"), "LBW_NODE", rpath("%d=777", node));
	ksft_test_result(ok, "offline, node %d leaves; online, it returns with its values\n",
			 node);
out:
	rctl_finish();
}
