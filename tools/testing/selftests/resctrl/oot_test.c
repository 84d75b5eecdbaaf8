// SPDX-License-Identifier: GPL-2.0
/*
 * The out-of-tree example driver, samples/resctrl/resctrl_oot.c, built
 * with "make -C <kernel build> M=<copy of the folder>" and installed with
 * the kernel's modules: it loads, its resource OOT shows in mounts given
 * "-o oot" only, its schemata line takes writes per package, and its
 * monitoring file, cached_bytes, follows the group's mask (64 KiB per
 * bit), which shows that the value reached the driver. Unloading it while
 * mounted takes OOT away and leaves the groups.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rctl_util.h"

#define BIT_BYTES 65536

/* Whether @path's OOT line gives package 0 @want (the line may be padded). */
static bool oot_dom0_is(const char *path, const char *want)
{
	char *text = rctl_slurp(path), *line;
	bool ok = false;

	line = text ? strstr(text, "OOT:0=") : NULL;
	if (line) {
		line += strlen("OOT:0=");
		ok = !strncmp(line, want, strlen(want)) &&
		     (line[strlen(want)] == ';' || line[strlen(want)] == '\n');
	}
	if (!ok)
		ksft_print_msg("%s: no OOT:0=%s in:\n%s", path, want, text ?: "");
	free(text);
	return ok;
}

static bool oot_loaded(void)
{
	return rctl_exists("/sys/module/resctrl_oot");
}

static const char *oot_missing(void)
{
	if (system("modprobe resctrl_oot") || !oot_loaded())
		return "resctrl_oot is not installed (build it from samples/resctrl)";
	return NULL;
}

int main(void)
{
	static const struct rctl_fixture fx = {
		.plan = 6,
		.fs = true,
		.modules = { "resctrl_oot" },
		.unless = oot_missing,
	};
	int ret;

	rctl_start(&fx);

	ret = rctl_mount(NULL);
	ksft_test_result(!ret && !rctl_exists(rp("info/OOT")) &&
			 !strstr(rctl_slurp(rp("schemata")), "OOT:"),
			 "OOT stays out of a mount without -o oot (%s)\n", strerror(-ret));
	rctl_umount();

	ret = rctl_mount("oot") ?: rctl_mkdir(rp("g1"));
	ksft_test_result(!ret && rctl_reads(rp("info/OOT/cbm_mask"), "ff\n") &&
			 rctl_reads(rp("info/OOT_MON/mon_features"), "cached_bytes\n") &&
			 oot_dom0_is(rp("g1/schemata"), "ff"),
			 "with -o oot: info/OOT, info/OOT_MON and the schemata line (%s)\n",
			 strerror(-ret));
	ksft_test_result(rctl_count(rp("g1/mon_data/mon_OOT_00/cached_bytes")) == 8 * BIT_BYTES,
			 "cached_bytes counts the default mask: 8 bits\n");

	ret = rctl_write(rp("g1/schemata"), "OOT:0=f\n");
	ksft_test_result(!ret && oot_dom0_is(rp("g1/schemata"), "0f") &&
			 rctl_count(rp("g1/mon_data/mon_OOT_00/cached_bytes")) == 4 * BIT_BYTES &&
			 rctl_count(rp("mon_data/mon_OOT_00/cached_bytes")) == 8 * BIT_BYTES,
			 "a schemata write reaches the driver: the group's count follows (%s)\n",
			 strerror(-ret));
	ksft_test_result(rctl_write_fails(rp("g1/schemata"), "OOT:0=100\n", EINVAL,
					  "Mask out of range\n") &&
			 oot_dom0_is(rp("g1/schemata"), "0f"),
			 "a mask wider than 8 bits is refused and changes nothing\n");

	ret = rctl_module_unload("resctrl_oot");
	ksft_test_result(!ret && !oot_loaded() && rctl_exists(rp("g1")) &&
			 !rctl_exists(rp("g1/mon_data/mon_OOT_00")) &&
			 !rctl_exists(rp("info/OOT")),
			 "unloading it while mounted takes OOT away, the group stays (%s)\n",
			 strerror(-ret));
	rctl_finish();
}
