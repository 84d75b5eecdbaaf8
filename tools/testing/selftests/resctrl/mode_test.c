// SPDX-License-Identifier: GPL-2.0
/*
 * Group modes and what goes with them: the "mode" and "size" files of
 * control groups, info/<NAME>/bit_usage, and the rules that keep an
 * exclusive group's bits its own (upstream's, messages included): who may
 * become exclusive, which schemata writes overlap an exclusive group, the
 * first masks of a new group, and that every refusal changes nothing.
 *
 * Part one uses an L3-scoped bitmask resource with shareable_bits and an
 * MB percentage; sizes are checked against the L3 cache sizes sysfs
 * shows. Part two uses package-scoped bitmasks, with and without a size
 * the driver declares, and makes the default group exclusive.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rctl_util.h"

#define RANGE_INFO "bandwidth_gran delay_linear min_bandwidth num_closids resource_schemata"

#define L3_ARGS "ctrl=bitmask", "scope=l3", "num_closid=8", "cbm_len=12", \
	"min_cbm_bits=1", "shareable_bits=c00", "num_rmid=8", "events=bytes"
#define L3_CBM_LEN 12
#define MB_ARGS "ctrl=percent", "scope=l3", "num_closid=8", "min=10", \
	"max=100", "granularity=10"
/* Not a multiple of PK's 8 bits: a bit stands for whole bytes. */
#define PK_BYTES 3000001ULL
#define PK_CBM_LEN 8
#define ROOT_FILES "cpus cpus_list info mode mon_data mon_groups schemata size tasks"
#define GROUP_FILES "cpus cpus_list mode mon_data mon_groups schemata size tasks"
#define BITMASK_INFO "bit_usage cbm_mask min_cbm_bits num_closids resource_schemata shareable_bits sparse_masks"

/* The sizes of the L3 caches, by cache id, from sysfs. */
static long long l3_bytes[2];

static unsigned int bits(unsigned long long mask)
{
	return __builtin_popcountll(mask);
}

/* What "size" shows for @mask in L3 domain @dom. */
static long long l3_size(int dom, unsigned long long mask)
{
	return l3_bytes[dom] / L3_CBM_LEN * bits(mask);
}

/* Whether @group's "size" reads the L3 masks and MB values given. */
static bool size_is(const char *group, unsigned int l3_0, unsigned int l3_1,
		    unsigned int mb_0, unsigned int mb_1)
{
	char want[256];

	snprintf(want, sizeof(want), "L3:0=%lld;1=%lld\nMB:0=%u;1=%u\n",
		 l3_size(0, l3_0), l3_size(1, l3_1), mb_0, mb_1);
	return rctl_reads(rpath(RCTL_ROOT "/%s/size", group), want);
}

/* Everything a write to mode or schemata could change. */
static const char * const state_files[] = {
	"schemata", "g1/schemata", "g2/schemata",
	"mode", "g1/mode", "g2/mode",
	"size", "g1/size",
	"info/L3/bit_usage", "info/PK/bit_usage",
};

static const char * const state_sims[] = { "L3", "MB", "PK" };

static char *state(void)
{
	return rctl_state(state_files, ARRAY_SIZE(state_files), state_sims,
			  ARRAY_SIZE(state_sims));
}

/*
 * Write @text to @file (under the mount) and check that it fails with
 * @err and @status, and that nothing changed.
 */
static bool refused(const char *file, const char *text, int err,
		    const char *status)
{
	char *before = state(), *after;
	bool ok;

	ok = rctl_write_fails(rp(file), text, err, status);
	after = state();
	if (!rctl_state_is(before, after)) {
		ksft_print_msg("by writing \"%s\" to %s\n", text, file);
		ok = false;
	}
	free(before);
	free(after);
	return ok;
}

static bool written(const char *file, const char *text)
{
	int ret = rctl_write(rp(file), text);

	if (ret)
		ksft_print_msg("writing \"%s\" to %s: %s\n", text, file, strerror(-ret));
	return !ret && rctl_status_is("ok\n");
}

static void test_files(void)
{
	bool ok;

	ok = !rctl_mkdir(rp("g1")) && !rctl_mkdir(rp("g1/mon_groups/m1"));
	ksft_test_result(ok && rctl_dir_is(RCTL_ROOT, ROOT_FILES " g1") &&
			 rctl_dir_is(rp("g1"), GROUP_FILES),
			 "control groups, the default one too, have mode and size\n");
	ksft_test_result(rctl_dir_is(rp("g1/mon_groups/m1"), "cpus cpus_list mon_data tasks"),
			 "monitor groups have neither mode nor size\n");
	ksft_test_result(rctl_dir_is(rp("info/L3"), BITMASK_INFO) &&
			 rctl_dir_is(rp("info/MB"),
				     RANGE_INFO),
			 "info/ of a bitmask resource has bit_usage, of a percentage not\n");
	ksft_test_result(rctl_reads(rp("mode"), "shareable\n") &&
			 rctl_reads(rp("g1/mode"), "shareable\n"),
			 "groups start shareable\n");
	ksft_test_result(rctl_reads(rp("info/L3/bit_usage"),
				    "0=XXSSSSSSSSSS;1=XXSSSSSSSSSS\n"),
			 "bit_usage: shareable_bits that groups use too are X, the others' bits S\n");
	ksft_test_result(size_is("", 0xfff, 0xfff, 100, 100) &&
			 size_is("g1", 0xfff, 0xfff, 100, 100),
			 "size: the L3 cache's bytes for a full mask (%lld, %lld), MB as a number\n",
			 l3_bytes[0], l3_bytes[1]);
}

struct refusal {
	const char *file;
	const char *text;
	const char *status;
	const char *what;
};

static const struct refusal mode_refusals[] = {
	{ "g1/mode", "exclusive\n", "Schemata overlaps\n",
	  "exclusive, while the masks overlap the default group's" },
	{ "mode", "exclusive\n", "Schemata overlaps\n",
	  "exclusive for the default group, while it overlaps g1" },
	{ "g1/mode", "bogus\n", "Unknown or unsupported mode\n", "an unknown mode" },
	{ "g1/mode", "exclusive\x20\n", "Unknown or unsupported mode\n",
	  "a mode with a trailing blank" },
	{ "g1/mode", "pseudo-locked\n", "Unknown or unsupported mode\n",
	  "pseudo-locked (only locking reaches it)" },
	{ "g1/mode", "pseudo-locksetup\n", "Pseudo-locking not supported\n",
	  "pseudo-locksetup" },
	{ "mode", "pseudo-locksetup\n", "Cannot pseudo-lock default group\n",
	  "pseudo-locksetup for the default group" },
	{ "g1/mode", "exclusive", "The mode must end with a newline\n",
	  "a mode without its newline" },
};

static void test_mode_refusals(void)
{
	const struct refusal *c;

	for (c = mode_refusals; c < mode_refusals + ARRAY_SIZE(mode_refusals); c++)
		ksft_test_result(refused(c->file, c->text, EINVAL, c->status),
				 "mode: %s is refused with \"%.*s\", nothing changes\n",
				 c->what, (int)strlen(c->status) - 1, c->status);
}

static void test_become_exclusive(void)
{
	bool ok;

	ok = written("schemata", "L3:0=0ff;1=0ff\n") &&
	     written("g1/schemata", "L3:0=c00;1=300\n");
	ksft_test_result(ok && refused("g1/mode", "exclusive\n", EINVAL, "Schemata overlaps\n"),
			 "exclusive is refused when a mask overlaps shareable_bits only\n");
	ok = written("g1/schemata", "L3:0=300;1=300\nMB:0=50;1=50\n") &&
	     written("schemata", "MB:0=50;1=50\n");
	ksft_test_result(ok && written("g1/mode", "exclusive\n") &&
			 rctl_reads(rp("g1/mode"), "exclusive\n") &&
			 rctl_reads(rp("mode"), "shareable\n"),
			 "a group whose masks overlap nothing becomes exclusive; equal MB values do not matter\n");
	ksft_test_result(written("g1/mode", "exclusive\n") &&
			 rctl_reads(rp("g1/mode"), "exclusive\n"),
			 "writing the mode a group has succeeds\n");
	ksft_test_result(rctl_reads(rp("info/L3/bit_usage"), "0=HHEESSSSSSSS;1=HHEESSSSSSSS\n"),
			 "bit_usage: the exclusive group's bits are E, unused shareable_bits H\n");
	ksft_test_result(size_is("g1", 0x300, 0x300, 50, 50) &&
			 size_is("", 0x0ff, 0x0ff, 50, 50),
			 "size follows the masks: bytes per bit times the bits\n");
}

static const struct refusal write_refusals[] = {
	{ "schemata", "L3:0=1ff\n", "Overlaps with exclusive group\n",
	  "the default group may not take an exclusive group's bit" },
	{ "schemata", "MB:0=30\nL3:0=0ff;1=3ff\n", "Overlaps with exclusive group\n",
	  "a write with an overlap in its last value applies none of its values" },
	{ "g1/schemata", "L3:0=380\n", "Overlaps with other group\n",
	  "an exclusive group may not take a shareable group's bit" },
	{ "g1/schemata", "L3:1=700\n", "Overlaps with other group\n",
	  "an exclusive group may not take shareable_bits" },
	{ "g1/schemata", "L3:0=0\n", "Mask out of range\n",
	  "the value is checked before the overlap" },
};

static void test_writes(void)
{
	const struct refusal *c;

	for (c = write_refusals; c < write_refusals + ARRAY_SIZE(write_refusals); c++)
		ksft_test_result(refused(c->file, c->text, EINVAL, c->status),
				 "schemata: %s (\"%.*s\"), nothing changes\n",
				 c->what, (int)strlen(c->status) - 1, c->status);
	ksft_test_result(written("schemata", "L3:0=c00\n") &&
			 rctl_reads(rp("info/L3/bit_usage"), "0=XXEE00000000;1=HHEESSSSSSSS\n"),
			 "a shareable group may take shareable_bits; bit_usage shows X and unused 0\n");
	ksft_test_result(written("g1/schemata", "L3:0=200;1=100\n") &&
			 written("g1/schemata", "L3:0=300;1=300\nMB:0=100\n") &&
			 rctl_expect_line(rp("g1/schemata"), "L3:0=300;1=300"),
			 "an exclusive group may change its own bits, and MB freely\n");
	ksft_test_result(written("schemata", "L3:0=0ff;1=00f\n") &&
			 written("g1/schemata", "L3:1=030\n") &&
			 rctl_reads(rp("info/L3/bit_usage"), "0=HHEESSSSSSSS;1=HH0000EESSSS\n"),
			 "an exclusive group may move within bits nobody uses\n");
}

static void test_new_group(void)
{
	int ret;

	ret = rctl_mkdir(rp("g2"));
	ksft_test_result(!ret &&
			 rctl_reads(rp("g2/schemata"), "L3:0=0ff;1=00f\nMB:0=100;1=100\n") &&
			 rctl_reads(rp("g2/mode"), "shareable\n") &&
			 rctl_reads(rp("info/L3/bit_usage"), "0=HHEESSSSSSSS;1=HH0000EESSSS\n"),
			 "a new group starts with the lowest run of bits no exclusive group holds\n");
	ksft_test_result(refused("g2/schemata", "L3:1=010\n", EINVAL,
				 "Overlaps with exclusive group\n") &&
			 refused("g2/mode", "exclusive\n", EINVAL, "Schemata overlaps\n"),
			 "the new group is held to the same rules\n");
	ret = rctl_rmdir(rp("g1"));
	ksft_test_result(!ret && written("schemata", "L3:0=3ff;1=3ff\n") &&
			 rctl_reads(rp("info/L3/bit_usage"), "0=HHSSSSSSSSSS;1=HHSSSSSSSSSS\n"),
			 "removing the exclusive group frees its bits\n");
	ret = rctl_rmdir(rp("g2")) ?: rctl_mkdir(rp("g1"));
	ksft_test_result(!ret &&
			 rctl_reads(rp("g1/schemata"), "L3:0=fff;1=fff\nMB:0=100;1=100\n") &&
			 rctl_reads(rp("g1/mode"), "shareable\n"),
			 "without exclusive groups a new group starts with full masks, shareable\n");
	ksft_test_result(!sim_violations("L3") && !sim_violations("MB"),
			 "the simulator saw no driver contract violation\n");
}

/* Whether "size" of @group reads the PK masks @pk_0 and @pk_1. */
static bool pk_size_is(const char *group, unsigned int pk_0, unsigned int pk_1)
{
	char want[128];

	snprintf(want, sizeof(want), "PK:0=%llu;1=%llu\n",
		 PK_BYTES / PK_CBM_LEN * bits(pk_0), PK_BYTES / PK_CBM_LEN * bits(pk_1));
	return rctl_reads(rpath(RCTL_ROOT "/%s/size", group), want);
}

static void test_package(void)
{
	int ret;

	ret = rctl_sim_reset() ? 0 : -EIO;
	ret = ret ?: sim_add("PK", "ctrl=bitmask", "scope=package", "num_closid=8",
			     "cbm_len=8", "min_cbm_bits=1", "cache_bytes=3000001", NULL);
	ret = ret ?: sim_add("PZ", "ctrl=bitmask", "scope=package", "num_closid=8",
			     "cbm_len=4", NULL);
	ret = ret ?: rctl_mount(NULL);
	ksft_test_result(!ret && rctl_reads(rp("size"), "PK:0=3000000;1=3000000\nPZ:0=0;1=0\n"),
			 "size: a package bitmask counts in the bytes its driver declares, or shows 0\n");
	ksft_test_result(!sim_live("PZ", false) && written("mode", "exclusive\n") &&
			 rctl_reads(rp("mode"), "exclusive\n") &&
			 rctl_reads(rp("info/PK/bit_usage"), "0=EEEEEEEE;1=EEEEEEEE\n"),
			 "the default group becomes exclusive when it overlaps nothing\n");
	ksft_test_result(rctl_mkdir(rp("g1")) == -ENOSPC && rctl_status_is("No space on PK:0\n") &&
			 !rctl_exists(rp("g1")),
			 "no group can be made while an exclusive group holds every bit\n");
	ret = written("schemata", "PK:0=0f;1=0f\n") ? rctl_mkdir(rp("g1")) : -EIO;
	ksft_test_result(!ret && rctl_reads(rp("g1/schemata"), "PK:0=f0;1=f0\n") &&
			 pk_size_is("g1", 0xf0, 0xf0) && pk_size_is("", 0x0f, 0x0f),
			 "the exclusive default group shrinks; a new group gets the rest\n");
	ksft_test_result(written("g1/mode", "exclusive\n") &&
			 refused("g1/schemata", "PK:0=f8\n", EINVAL,
				 "Overlaps with exclusive group\n") &&
			 rctl_reads(rp("info/PK/bit_usage"), "0=EEEEEEEE;1=EEEEEEEE\n"),
			 "two exclusive groups; each is refused the other's bits\n");
	ksft_test_result(rctl_mkdir(rp("g2")) == -ENOSPC &&
			 rctl_status_is("No space on PK:0\n") && !rctl_exists(rp("g2")),
			 "no space for a third group\n");
	ret = written("mode", "shareable\n") ? rctl_mkdir(rp("g2")) : -EIO;
	ksft_test_result(!ret && rctl_reads(rp("g2/schemata"), "PK:0=0f;1=0f\n") &&
			 rctl_reads(rp("info/PK/bit_usage"), "0=EEEESSSS;1=EEEESSSS\n"),
			 "once the default group is shareable again, a new group shares its bits\n");
	ret = rctl_umount() ?: rctl_mount(NULL);
	ksft_test_result(!ret && rctl_reads(rp("mode"), "shareable\n") &&
			 rctl_reads(rp("schemata"), "PK:0=ff;1=ff\n"),
			 "unmount makes the default group shareable again\n");
	ret = sim_add("MB", MB_ARGS, NULL) ?: sim_live("PK", false) ?: rctl_mkdir(rp("g1"));
	ksft_test_result(!ret && refused("g1/mode", "exclusive\n", EINVAL,
					 "Cannot be exclusive without CAT/CDP\n") &&
			 rctl_reads(rp("g1/size"), "MB:0=100;1=100\n"),
			 "without a bitmask resource no group can be exclusive\n");
}

int main(void)
{
	static const struct rctl_fixture fx = {
		.plan = 1 + 6 + ARRAY_SIZE(mode_refusals) + 5 +
			ARRAY_SIZE(write_refusals) + 3 + 5 + 9,
		.sim = true,
	};
	int ret;

	rctl_start(&fx);

	l3_bytes[0] = rctl_cache_bytes(3, 0);
	l3_bytes[1] = rctl_cache_bytes(3, 1);
	ret = sim_add("L3", L3_ARGS, NULL) ?: sim_add("MB", MB_ARGS, NULL) ?:
	      rctl_mount(NULL);
	ksft_test_result(!ret && l3_bytes[0] > 0 && l3_bytes[1] > 0,
			 "an L3 bitmask and MB, mounted; L3 caches of %lld and %lld bytes (%s)\n",
			 l3_bytes[0], l3_bytes[1], strerror(-ret));
	test_files();
	test_mode_refusals();
	test_become_exclusive();
	test_writes();
	test_new_group();
	test_package();
	rctl_finish();
}
