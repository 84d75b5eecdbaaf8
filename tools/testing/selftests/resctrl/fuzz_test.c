// SPDX-License-Identifier: GPL-2.0
/*
 * A seeded randomized write campaign: valid writes to schemata, tasks,
 * cpus, cpus_list, mode and a driver's group file are mutated (blanks,
 * separators, signs, digits, numbers of 2^31, 2^32 and 2^64, cut or
 * doubled pieces) and written. After every refused write, every group's
 * files and the simulator's programmed values must be byte-identical to
 * what they were, and last_cmd_status must say why; an accepted write
 * becomes the new reference.
 *
 * Usage: fuzz_test [WRITES [SEED]]; RCTL_FUZZ_WRITES and RCTL_FUZZ_SEED
 * too. The default is small so that every kernel pass of make check can
 * afford it: 3,000 writes take 2 s in the normal kernel, but 389 s in the
 * debug one (KASAN, lockdep, TCG), which therefore gets 200 (about 26 s).
 * "make fuzz" runs 1,000,000.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rctl_util.h"

#define DEFAULT_WRITES 3000
/* In a kernel with kmemleak, i.e. make check's debug kernel. */
#define DEBUG_WRITES 200

static const char * const sims[] = { "L3", "MB" };

/*
 * Tasks files are not compared whole: a random pid may move kthreadd or
 * another parent whose new children then show up. Only where the test's
 * own tasks are counts, see state().
 */
static const char * const state_files[] = {
	"schemata", "cpus_list", "mode",
	"g1/schemata", "g1/cpus_list", "g1/mode", "g1/drvfile",
	"g2/schemata", "g2/mode",
	"g1/mon_groups/m1/cpus_list",
};

static pid_t task_a, task_b;

/* The files, the simulator's values and the groups of the test's tasks. */
static char *state(void)
{
	char *s = rctl_state(state_files, ARRAY_SIZE(state_files), sims,
			     ARRAY_SIZE(sims));
	char *more;

	if (!s)
		return NULL;
	more = realloc(s, strlen(s) + 64);
	if (!more) {
		free(s);
		return NULL;
	}
	sprintf(more + strlen(more), "|%d%d%d%d%d%d",
		rctl_group_has_task(RCTL_ROOT "/g1", task_a),
		rctl_group_has_task(RCTL_ROOT "/g1", task_b),
		rctl_group_has_task(RCTL_ROOT "/g1", getpid()),
		rctl_group_has_task(RCTL_ROOT "/g1/mon_groups/m1", task_a),
		rctl_group_has_task(RCTL_ROOT "/g1/mon_groups/m1", task_b),
		rctl_group_has_task(RCTL_ROOT "/g1/mon_groups/m1", getpid()));
	return more;
}

/* xorshift64*: the same seed gives the same campaign on every kernel. */
static unsigned long long rng;

static unsigned int rnd(unsigned int n)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (unsigned int)((rng * 2685821657736338717ULL) >> 33) % n;
}

static const char * const targets[] = {
	"g1/schemata", "g2/schemata", "schemata", "g1/tasks",
	"g1/mon_groups/m1/tasks", "g1/cpus", "g1/cpus_list",
	"g1/mon_groups/m1/cpus_list", "g1/mode", "g1/drvfile",
};

/* A valid write for target @t into @buf. */
static void seed_text(unsigned int t, char *buf, size_t size)
{
	static const char * const masks[] = { "fffff", "ff", "3", "f0", "ff00", "1", "fff00" };
	static const char * const modes[] = { "shareable", "exclusive" };

	switch (t) {
	case 0: case 1: case 2:
		snprintf(buf, size, "L3:0=%s;1=%s\nMB:0=%u;1=%u\n",
			 masks[rnd(ARRAY_SIZE(masks))], masks[rnd(ARRAY_SIZE(masks))],
			 10 * (1 + rnd(10)), 10 * (1 + rnd(10)));
		break;
	case 3: case 4:
		snprintf(buf, size, "%d,%d\n", rnd(2) ? task_a : task_b,
			 rnd(2) ? task_a : task_b);
		break;
	case 5:
		snprintf(buf, size, "%x\n", 1 + rnd(15));
		break;
	case 6: case 7:
		snprintf(buf, size, "%u-%u\n", rnd(2), 2 + rnd(2));
		break;
	case 8:
		snprintf(buf, size, "%s\n", modes[rnd(2)]);
		break;
	default:
		snprintf(buf, size, "text%u\n", rnd(100));
		break;
	}
}

/* One random change of @buf. */
static void mutate(char *buf, size_t size)
{
	static const char alphabet[] = " \t\n,;:=-+0123456789abcdefxXLMB3";
	static const char * const numbers[] = {
		"4294967296", "4294967297", "2147483648", "18446744073709551616",
		"-1", "0x10", "00", "+1", "99999999999", "",
	};
	size_t len = strlen(buf), pos = len ? rnd(len + 1) : 0;
	const char *n;

	switch (rnd(6)) {
	case 0:	/* insert a character */
		if (len + 2 < size) {
			memmove(buf + pos + 1, buf + pos, len - pos + 1);
			buf[pos] = alphabet[rnd(sizeof(alphabet) - 1)];
		}
		break;
	case 1:	/* delete one */
		if (pos < len)
			memmove(buf + pos, buf + pos + 1, len - pos);
		break;
	case 2:	/* replace one */
		if (pos < len)
			buf[pos] = alphabet[rnd(sizeof(alphabet) - 1)];
		break;
	case 3:	/* insert a number that parsers get wrong */
		n = numbers[rnd(ARRAY_SIZE(numbers))];
		if (len + strlen(n) + 1 < size) {
			memmove(buf + pos + strlen(n), buf + pos, len - pos + 1);
			memcpy(buf + pos, n, strlen(n));
		}
		break;
	case 4:	/* cut the end */
		buf[pos] = '\0';
		break;
	default:	/* double the text */
		if (2 * len + 1 < size)
			memcpy(buf + len, buf, len + 1);
		break;
	}
}

int main(int argc, char **argv)
{
	static const struct rctl_fixture fx = { .plan = 2, .sim = true };
	unsigned long writes = DEFAULT_WRITES, i, refused = 0, bad = 0;
	unsigned long long seed = 1;
	char buf[1024], *ref, *now, status[1024] = "";
	unsigned int t, m;
	time_t start;
	int ret;

	if (!access("/sys/kernel/debug/kmemleak", F_OK))
		writes = DEBUG_WRITES;
	if (getenv("RCTL_FUZZ_WRITES"))
		writes = strtoul(getenv("RCTL_FUZZ_WRITES"), NULL, 0);
	if (getenv("RCTL_FUZZ_SEED"))
		seed = strtoull(getenv("RCTL_FUZZ_SEED"), NULL, 0);
	if (argc > 1)
		writes = strtoul(argv[1], NULL, 0);
	if (argc > 2)
		seed = strtoull(argv[2], NULL, 0);
	rng = seed ?: 1;

	rctl_start(&fx);

	ret = sim_add("L3", "ctrl=bitmask", "scope=package", "num_closid=8",
		      "num_rmid=8", "cbm_len=20", "min_cbm_bits=1",
		      "shareable_bits=c0000", "events=llc_occupancy",
		      "group_file=drvfile", NULL) ?:
	      sim_add("MB", "ctrl=percent", "scope=package", "num_closid=8",
		      "min=10", "max=100", "granularity=10", NULL) ?:
	      rctl_mount(NULL) ?: rctl_mkdir(rp("g1")) ?: rctl_mkdir(rp("g2")) ?:
	      rctl_mkdir(rp("g1/mon_groups/m1")) ?:
	      rctl_write(rp("g2/schemata"), "L3:0=f;1=f\n") ?:
	      rctl_write(rp("g1/schemata"), "L3:0=ff0;1=ff0\n") ?:
	      rctl_write(rp("schemata"), "L3:0=ff0;1=ff0\n") ?:
	      rctl_write(rp("g2/mode"), "exclusive\n");
	task_a = rctl_spawn_task();
	task_b = rctl_spawn_task();
	ksft_test_result(!ret && task_a > 0 && task_b > 0,
			 "two resources, three groups, one exclusive, two tasks (%s)\n",
			 strerror(-ret));

	ksft_print_msg("seed %llu, %lu writes\n", seed, writes);
	start = time(NULL);
	ref = state();
	for (i = 0; i < writes && ref && bad < 10; i++) {
		t = rnd(ARRAY_SIZE(targets));
		seed_text(t, buf, sizeof(buf));
		for (m = rnd(4); m; m--)
			mutate(buf, sizeof(buf));
		ret = rctl_write(rp(targets[t]), buf);
		now = state();
		if (!ret) {
			free(ref);
			ref = now;
			continue;
		}
		refused++;
		if (rctl_read(rp("info/last_cmd_status"), status, sizeof(status)) <= 0)
			snprintf(status, sizeof(status), "(unreadable)\n");
		if (!rctl_state_is(ref, now) || !strcmp(status, "ok\n")) {
			ksft_print_msg("write %lu to %s: \"%s\" (%s) left this status: %s",
				       i, targets[t], buf, strerror(-ret), status);
			bad++;
			/* Report each problem once: go on from here. */
			free(ref);
			ref = now;
			continue;
		}
		free(now);
	}
	free(ref);
	ksft_print_msg("%lu writes, %lu refused, in %ld s\n", i, refused,
		       (long)(time(NULL) - start));
	ksft_test_result(i == writes && !bad,
			 "after each of %lu refused writes nothing changed and last_cmd_status says why\n",
			 refused);
	rctl_finish();
}
