/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the resctrl selftests: the fixture every program runs
 * in (struct rctl_fixture: KTAP header, plan and closing results, root and
 * resctrl checks, the clean state at start and exit); file access,
 * mounting, and checks of the errno and last_cmd_status of a rejected
 * write; the resctrl simulator (resctrl_sim), and CPU hotplug.
 *
 * kselftest.h keeps its counters per object file: the helpers print
 * diagnostics but never report results themselves.
 */
#ifndef RCTL_UTIL_H
#define RCTL_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "../kselftest.h"

#define RCTL_ROOT "/sys/fs/resctrl"
#define SIM_CFG "/sys/kernel/config/resctrl_sim"
#define SIM_DBG "/sys/kernel/debug/resctrl_sim"

/* Read a whole file into @buf; returns the length or -errno. */
int rctl_read(const char *path, char *buf, size_t size);
/* Write @text in one write(2); returns 0 or -errno. */
int rctl_write(const char *path, const char *text);
/* Whether @path reads exactly @want. */
bool rctl_reads(const char *path, const char *want);
/* The number @path reads (one line), or -1; reports anything else. */
long long rctl_count(const char *path);
/* Whether the last command status reads exactly @want. */
bool rctl_status_is(const char *want);
/*
 * Write @text to @path and check that it fails with @err and leaves
 * @status in info/last_cmd_status. Reports what differs.
 */
bool rctl_write_fails(const char *path, const char *text, int err,
		      const char *status);
bool rctl_exists(const char *path);
int rctl_mount(const char *options);
int rctl_umount(void);
/* Whether /proc/filesystems lists resctrl. */
bool rctl_fs_registered(void);

/*
 * A path built from a format, in one of a few rotating static buffers so
 * that several can appear in one expression. Not for threads.
 */
__printf(1, 2) const char *rpath(const char *fmt, ...);
/* @rel under the mount point, e.g. rp("g1/schemata"). */
#define rp(rel) rpath(RCTL_ROOT "/%s", rel)

/* mkdir(2) and rmdir(2); return 0 or -errno. */
int rctl_mkdir(const char *path);
int rctl_mkdir_after_limbo(const char *path);
int rctl_rmdir(const char *path);
/* Whether the file at @path has a line that reads exactly @line. */
bool rctl_has_line(const char *path, const char *line);
/* rctl_has_line(), reporting the file when the line is missing. */
bool rctl_expect_line(const char *path, const char *line);
/* The same, without the blanks that pad schemata names. */
bool rctl_has_unpadded_line(const char *path, const char *line);
bool rctl_expect_unpadded_line(const char *path, const char *line);
/*
 * Whether the directory at @path holds exactly the entries listed in
 * @names, separated by blanks, in any order. Reports what differs.
 */
bool rctl_dir_is(const char *path, const char *names);
/* A copy of the file at @path, "<errno>" if unreadable; free() it. */
char *rctl_slurp(const char *path);
/* Whether /proc/mounts shows resctrl with @opt among its options. */
bool rctl_mount_has_option(const char *opt);
/*
 * What a rejected write must leave alone: the @files under the mount and
 * the simulator's programmed and apply_count files of @sims, one after
 * another. Free the result.
 */
char *rctl_state(const char * const *files, unsigned int nfiles,
		 const char * const *sims, unsigned int nsims);
/* Whether @now is still @before (from rctl_state()); says what changed. */
bool rctl_state_is(const char *before, const char *now);
/* Bytes of the level @level cache with id @id, from sysfs; -1 if none. */
long long rctl_cache_bytes(int level, int id);
/*
 * NUMA nodes per L3 cache with Sub-NUMA Clustering, detected as the
 * kernel does (CPU 0's L3 CPUs over its node's CPUs, 2 to 4); 1 without.
 */
int rctl_snc_ways(void);
/* A "key value" line of the RDT hardware model's cpu file, or -1. */
long long rctl_model_fact(const char *key);
/* Whether a kernel log record holds @text. */
bool rctl_kmsg_has(const char *text);

/* Closing results rctl_finish() prints: at most one per simulated resource. */
#define RCTL_MAX_SIMS	8
#define RCTL_MAX_MODULES	4

/**
 * struct rctl_fixture - What a test program needs, for rctl_start()
 * @plan: The results the program prints itself; 0 when it calls
 *	rctl_plan() later. rctl_start() adds the closing results.
 * @sim: Load resctrl_sim; the program is skipped when it cannot be loaded.
 * @fs: Skip the program unless the resctrl filesystem is registered
 *	(implied by @sim).
 * @modules: Modules rctl_cleanup() unloads too, after the simulator's
 *	resources, in this order.
 * @sims: Simulated resources whose count of driver contract violations
 *	rctl_finish() checks before the cleanup; they must still exist then.
 * @unless: Optional; returns why the program cannot run here (it is then
 *	skipped) or NULL. Runs once the system is clean and the simulator
 *	loaded.
 *
 * Every program runs as root against the registered resources, real ones
 * included: the fixture only removes what a test made (simulated
 * resources, mounts, the listed modules, CPUs it took offline) and never
 * touches a real domain.
 */
struct rctl_fixture {
	unsigned int plan;
	bool sim;
	bool fs;
	const char *modules[RCTL_MAX_MODULES];
	const char *sims[RCTL_MAX_SIMS];
	const char *(*unless)(void);
};

/*
 * rctl_enter() skips the program unless it runs as root and has what @fx
 * asks for, puts the system in its clean state (see rctl_cleanup()) and
 * arranges for rctl_cleanup() to run at exit and on fatal signals.
 * rctl_closing_results() is the number of results rctl_finish() prints.
 */
void rctl_enter(const struct rctl_fixture *fx);
unsigned int rctl_closing_results(void);
/* The fixture given to rctl_start(). */
const struct rctl_fixture *rctl_fixture(void);

/* Unload module @mod if it is loaded, waiting out lingering references. */
int rctl_module_unload(const char *mod);
/*
 * Leave the system clean, whatever state a test left it in: no fault
 * injected, every CPU online, resctrl unmounted, every simulated
 * resource unregistered and removed, resctrl_sim and the fixture's modules
 * unloaded, helper tasks killed. Returns whether everything went well.
 */
bool rctl_cleanup(void);
/* rctl_cleanup(), then load resctrl_sim again. */
bool rctl_sim_reset(void);
int sim_load(void);
int sim_unload(void);

/*
 * Create the simulated resource @name and set its attributes, given as
 * "attr=value" strings ended by NULL; it is not made live. Returns 0 or
 * -errno, and reports what failed.
 */
int sim_create(const char *name, ...) __attribute__((sentinel));
/* sim_create(), then live=1. */
int sim_add(const char *name, ...) __attribute__((sentinel));
/* Write a configfs attribute of @name; returns 0 or -errno. */
int sim_set(const char *name, const char *attr, const char *val);
/* Register (@live) or unregister @name; returns 0 or -errno of live. */
int sim_live(const char *name, bool live);
/* Unregister and remove @name; returns 0 or -errno. */
int sim_remove(const char *name);
/* Write / read a debugfs file of @name; 0 (length for reads) or -errno. */
int sim_dbg_write(const char *name, const char *file, const char *text);
int sim_dbg_read(const char *name, const char *file, char *buf, size_t size);
/*
 * Whether the simulator's "programmed" file shows @want ("0xff",
 * "unset") for domain @dom and @closid. Reports what differs.
 */
bool sim_programmed_is(const char *name, int dom, unsigned int closid,
		       const char *want);
/*
 * The value the simulator's "programmed" file shows for domain @dom and
 * @closid; -1 if it is unset or missing.
 */
long long sim_programmed_val(const char *name, int dom, unsigned int closid);
/* The simulator's apply_count, or -1. */
long long sim_apply_count(const char *name);
/* The simulator's read_events calls since it went live, or -1. */
long long sim_batch_reads(const char *name);
/* The simulator's count of driver contract violations, or -1. */
long long sim_violations(const char *name);
/* Set a counter: @val is a number, "error" or "unavailable". */
int sim_counter(const char *name, int dom, unsigned int rmid,
		const char *event, const char *val);
/* Whether the simulator's "domains" file has the line @line. */
bool sim_has_domain(const char *name, const char *line);

/* Bring @cpu online or take it offline; returns 0 or -errno. */
int rctl_cpu_set(int cpu, bool online);
/* Whether @cpu is online; -1 if it cannot be told. */
int rctl_cpu_online(int cpu);

/*
 * A task that sleeps until killed, for task moves; killed and reaped by
 * rctl_kill_task() or rctl_cleanup(). Returns its pid or -1.
 */
pid_t rctl_spawn_task(void);
void rctl_kill_task(pid_t pid);
/* Move @pid into the group directory @group; returns 0 or -errno. */
int rctl_move_task(const char *group, pid_t pid);
/* Whether the tasks file of @group lists @pid. */
bool rctl_group_has_task(const char *group, pid_t pid);
/* Whether /proc/@pid/cpu_resctrl_groups reads @want. */
bool rctl_proc_groups_are(pid_t pid, const char *want);

/*
 * kselftest.h keeps its plan and counters per object file, so what prints
 * results is inline here, in the test program's own object file.
 */

/* Print the plan: @plan results of the program and the closing ones. */
static inline void rctl_plan(unsigned int plan)
{
	ksft_set_plan(plan + rctl_closing_results());
}

/*
 * Print the KTAP header, rctl_enter(), and print the plan when @fx gives
 * one.
 */
static inline void rctl_start(const struct rctl_fixture *fx)
{
	ksft_print_header();
	rctl_enter(fx);
	if (fx->plan)
		rctl_plan(fx->plan);
}

/*
 * Report the whole program as one skipped result, for programs that only
 * run on some machines (the plan must not be printed yet), and exit.
 */
static inline __noreturn void rctl_skip(const char *reason)
{
	ksft_set_plan(1);
	ksft_test_result_skip("%s\n", reason);
	ksft_finished();
}

/*
 * The closing results: no driver contract violation on each of the
 * fixture's simulated resources, then a clean system after rctl_cleanup().
 * Exits with the kselftest status of the whole program.
 */
static inline __noreturn void rctl_finish(void)
{
	const struct rctl_fixture *fx = rctl_fixture();
	unsigned int i;

	for (i = 0; i < RCTL_MAX_SIMS && fx->sims[i]; i++)
		ksft_test_result(sim_violations(fx->sims[i]) == 0,
				 "%s: the simulator saw no driver contract violation\n",
				 fx->sims[i]);
	ksft_test_result(rctl_cleanup(), "everything is cleaned up\n");
	ksft_finished();
}

#endif
