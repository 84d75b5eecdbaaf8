// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers shared by the resctrl selftests.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rctl_util.h"

int rctl_read(const char *path, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n = 0;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	while (len + 1 < size && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	if (n < 0) {
		n = -errno;
		close(fd);
		return n;
	}
	close(fd);
	buf[len] = '\0';
	return len;
}

int rctl_write(const char *path, const char *text)
{
	ssize_t n = 0;
	int fd, err = 0;

	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	if (n < 0)
		err = -errno;
	else if ((size_t)n != strlen(text))
		err = -EIO;
	close(fd);
	return err;
}

bool rctl_reads(const char *path, const char *want)
{
	char buf[4096];
	int n = rctl_read(path, buf, sizeof(buf));

	if (n < 0) {
		ksft_print_msg("read %s: %s\n", path, strerror(-n));
		return false;
	}
	if (strcmp(buf, want)) {
		ksft_print_msg("%s reads \"%s\", expected \"%s\"\n", path, buf, want);
		return false;
	}
	return true;
}

long long rctl_count(const char *path)
{
	char buf[64], *end;
	long long v;

	if (rctl_read(path, buf, sizeof(buf)) <= 0)
		return -1;
	v = strtoll(buf, &end, 10);
	if (end == buf || *end != '\n') {
		ksft_print_msg("%s reads \"%s\"\n", path, buf);
		return -1;
	}
	return v;
}

bool rctl_status_is(const char *want)
{
	return rctl_reads(RCTL_ROOT "/info/last_cmd_status", want);
}

bool rctl_write_fails(const char *path, const char *text, int err,
		      const char *status)
{
	int ret = rctl_write(path, text);

	if (ret != -err) {
		ksft_print_msg("write \"%s\" to %s: got %s, expected %s\n", text,
			       path, ret ? strerror(-ret) : "success",
			       strerror(err));
		return false;
	}
	return rctl_status_is(status);
}

bool rctl_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

int rctl_mount(const char *options)
{
	if (mount("resctrl", RCTL_ROOT, "resctrl", 0, options))
		return -errno;
	return 0;
}

int rctl_umount(void)
{
	if (umount(RCTL_ROOT))
		return -errno;
	return 0;
}

bool rctl_fs_registered(void)
{
	char buf[8192];

	if (rctl_read("/proc/filesystems", buf, sizeof(buf)) < 0)
		return false;
	return strstr(buf, "\tresctrl\n");
}

#define RPATH_BUFS	8
#define RPATH_LEN	512

const char *rpath(const char *fmt, ...)
{
	static char bufs[RPATH_BUFS][RPATH_LEN];
	static unsigned int next;
	char *buf = bufs[next++ % RPATH_BUFS];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, RPATH_LEN, fmt, ap);
	va_end(ap);
	return buf;
}

int rctl_mkdir(const char *path)
{
	return mkdir(path, 0755) ? -errno : 0;
}

/*
 * mkdir once the limbo worker, which looks once a second, let an RMID go:
 * mkdir itself does not wait but fails with EBUSY meanwhile, as upstream's
 * (arch/x86/kernel/cpu/resctrl/monitor.c: resctrl_find_free_rmid(),
 * "rmid_limbo_count ? ERR_PTR(-EBUSY)"). Gives up after 10 s; no time
 * is asserted.
 */
int rctl_mkdir_after_limbo(const char *path)
{
	int i, ret = -EBUSY;

	for (i = 0; i < 100 && ret == -EBUSY; i++) {
		ret = rctl_mkdir(path);
		if (ret == -EBUSY)
			usleep(100000);
	}
	return ret;
}

int rctl_rmdir(const char *path)
{
	return rmdir(path) ? -errno : 0;
}

bool rctl_has_line(const char *path, const char *line)
{
	char buf[16384], *s, *save = NULL;

	if (rctl_read(path, buf, sizeof(buf)) < 0)
		return false;
	for (s = strtok_r(buf, "\n", &save); s; s = strtok_r(NULL, "\n", &save))
		if (!strcmp(s, line))
			return true;
	return false;
}

/*
 * Whether @path has @line once the blanks that pad schemata names to the
 * longest name of the mount are skipped: that width depends on every
 * resource registered, real ones included.
 */
bool rctl_has_unpadded_line(const char *path, const char *line)
{
	char buf[16384], *s, *save = NULL;

	if (rctl_read(path, buf, sizeof(buf)) < 0)
		return false;
	for (s = strtok_r(buf, "\n", &save); s; s = strtok_r(NULL, "\n", &save))
		if (!strcmp(s + strspn(s, " "), line))
			return true;
	return false;
}

bool rctl_expect_unpadded_line(const char *path, const char *line)
{
	if (rctl_has_unpadded_line(path, line))
		return true;
	ksft_print_msg("%s has no line \"%s\" (padding aside)\n", path, line);
	return false;
}

bool rctl_expect_line(const char *path, const char *line)
{
	char buf[4096];

	if (rctl_has_line(path, line))
		return true;
	if (rctl_read(path, buf, sizeof(buf)) < 0)
		snprintf(buf, sizeof(buf), "(unreadable)\n");
	ksft_print_msg("%s has no line \"%s\":\n%s", path, line, buf);
	return false;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char * const *)a, *(char * const *)b);
}

/* Sort the blank-separated words of @text into @out. */
static void sort_words(const char *text, char *out, size_t size)
{
	char *copy = strdup(text), *words[128], *w, *save = NULL;
	size_t n = 0, i;

	out[0] = '\0';
	if (!copy)
		return;
	for (w = strtok_r(copy, " ", &save); w && n < 128;
	     w = strtok_r(NULL, " ", &save))
		words[n++] = w;
	qsort(words, n, sizeof(words[0]), cmp_names);
	for (i = 0; i < n; i++) {
		if (i)
			strncat(out, " ", size - strlen(out) - 1);
		strncat(out, words[i], size - strlen(out) - 1);
	}
	free(copy);
}

bool rctl_dir_is(const char *path, const char *names)
{
	char have[4096] = "", want[4096], sorted[4096];
	struct dirent *de;
	DIR *dir;

	dir = opendir(path);
	if (!dir) {
		ksft_print_msg("opendir %s: %s\n", path, strerror(errno));
		return false;
	}
	while ((de = readdir(dir))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (have[0])
			strncat(have, " ", sizeof(have) - strlen(have) - 1);
		strncat(have, de->d_name, sizeof(have) - strlen(have) - 1);
	}
	closedir(dir);
	sort_words(have, sorted, sizeof(sorted));
	sort_words(names, want, sizeof(want));
	if (strcmp(sorted, want)) {
		ksft_print_msg("%s holds \"%s\", expected \"%s\"\n", path, sorted,
			       want);
		return false;
	}
	return true;
}

char *rctl_slurp(const char *path)
{
	char buf[16384];
	int n = rctl_read(path, buf, sizeof(buf));

	if (n < 0)
		snprintf(buf, sizeof(buf), "<%s>", strerror(-n));
	return strdup(buf);
}

char *rctl_state(const char * const *files, unsigned int nfiles,
		 const char * const *sims, unsigned int nsims)
{
	char *s = strdup(""), *part, *more;
	unsigned int i;

	for (i = 0; s && i < nfiles + 2 * nsims; i++) {
		if (i < nfiles)
			part = rctl_slurp(rp(files[i]));
		else
			part = rctl_slurp(rpath(SIM_DBG "/%s/%s", sims[(i - nfiles) / 2],
						(i - nfiles) % 2 ? "apply_count" : "programmed"));
		more = part ? realloc(s, strlen(s) + strlen(part) + 2) : NULL;
		if (more) {
			strcat(more, part);
			strcat(more, "|");
		} else {
			free(s);
		}
		s = more;
		free(part);
	}
	return s;
}

bool rctl_state_is(const char *before, const char *now)
{
	bool same = before && now && !strcmp(before, now);

	if (!same)
		ksft_print_msg("the state changed:\n%s\n--- now ---\n%s\n", before, now);
	return same;
}

bool rctl_mount_has_option(const char *opt)
{
	char buf[16384], *line, *save = NULL, *opts, *o, *osave = NULL;

	if (rctl_read("/proc/mounts", buf, sizeof(buf)) < 0)
		return false;
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "resctrl " RCTL_ROOT " resctrl ",
			    strlen("resctrl " RCTL_ROOT " resctrl ")))
			continue;
		opts = line + strlen("resctrl " RCTL_ROOT " resctrl ");
		opts = strtok_r(opts, " ", &osave);
		osave = NULL;
		for (o = strtok_r(opts, ",", &osave); o;
		     o = strtok_r(NULL, ",", &osave))
			if (!strcmp(o, opt))
				return true;
	}
	return false;
}

/* Bytes in the cache at @path/size ("16384K"), or -1. */
static long long cache_size(const char *path)
{
	char buf[64], *end;
	long long n;

	if (rctl_read(rpath("%s/size", path), buf, sizeof(buf)) <= 0)
		return -1;
	n = strtoll(buf, &end, 10);
	if (*end == 'K')
		n <<= 10;
	else if (*end == 'M')
		n <<= 20;
	else if (*end != '\n')
		return -1;
	return n;
}

long long rctl_cache_bytes(int level, int id)
{
	const char *dir;
	int cpu, idx;

	for (cpu = 0; cpu < 256; cpu++) {
		for (idx = 0; idx < 8; idx++) {
			dir = rpath("/sys/devices/system/cpu/cpu%d/cache/index%d", cpu, idx);
			if (rctl_count(rpath("%s/level", dir)) == level &&
			    rctl_count(rpath("%s/id", dir)) == id)
				return cache_size(dir);
		}
	}
	return -1;
}

bool rctl_kmsg_has(const char *text)
{
	char rec[2048];
	bool found = false;
	ssize_t n;
	int fd;

	/* Each read() of /dev/kmsg returns one record; EAGAIN at the end. */
	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return false;
	while (!found && (n = read(fd, rec, sizeof(rec) - 1)) != 0) {
		if (n < 0) {
			if (errno == EPIPE)
				continue;
			break;
		}
		rec[n] = '\0';
		found = strstr(rec, text);
	}
	close(fd);
	return found;
}

/* The simulator */

#define MAX_TASKS 16

static pid_t main_pid;
static pid_t tasks[MAX_TASKS];

int sim_load(void)
{
	int ret;

	if (rctl_exists(SIM_CFG))
		return 0;
	ret = system("modprobe resctrl_sim");
	if (ret) {
		ksft_print_msg("modprobe resctrl_sim: status %d\n", ret);
		return -ENOENT;
	}
	return rctl_exists(SIM_CFG) ? 0 : -ENOENT;
}

int sim_unload(void)
{
	if (syscall(__NR_delete_module, "resctrl_sim", O_NONBLOCK))
		return -errno;
	return 0;
}

static int walk_dir(const char *path, void (*fn)(const char *name))
{
	struct dirent *de;
	DIR *dir;

	dir = opendir(path);
	if (!dir)
		return -errno;
	while ((de = readdir(dir))) {
		if (de->d_name[0] != '.')
			fn(de->d_name);
	}
	closedir(dir);
	return 0;
}

static bool clean_ok;

static void note(int ret, const char *what, const char *name)
{
	if (ret) {
		ksft_print_msg("cleanup: %s %s: %s\n", what, name, strerror(-ret));
		clean_ok = false;
	}
}

static void reset_knobs(const char *name)
{
	note(sim_dbg_write(name, "refuse_domain", "-1\n"), "refuse_domain", name);
	note(sim_dbg_write(name, "fail_apply", "0\n"), "fail_apply", name);
	note(sim_dbg_write(name, "delay_ms", "0\n"), "delay_ms", name);
}

static void drop_sim(const char *name)
{
	note(sim_remove(name), "remove", name);
}

int rctl_module_unload(const char *mod)
{
	int i;

	if (!rctl_exists(rpath("/sys/module/%s", mod)))
		return 0;
	/* Module references can linger for a moment. */
	for (i = 0; i < 50; i++) {
		if (!syscall(__NR_delete_module, mod, O_NONBLOCK))
			return 0;
		if (errno != EAGAIN)
			return -errno;
		usleep(100000);
	}
	return -EAGAIN;
}

/* The fixture the program runs in (rctl_start()). */
static const struct rctl_fixture *fixture;

bool rctl_cleanup(void)
{
	int cpu, i;

	clean_ok = true;
	for (i = 0; i < MAX_TASKS; i++)
		if (tasks[i])
			rctl_kill_task(tasks[i]);
	walk_dir(SIM_DBG, reset_knobs);
	for (cpu = 1; rctl_cpu_online(cpu) >= 0; cpu++) {
		if (!rctl_cpu_online(cpu))
			note(rctl_cpu_set(cpu, true), "online cpu",
			     rpath("%d", cpu));
	}
	/* Mounts stack if a test mounted twice: unmount them all. */
	for (i = 0; i < 8 && !rctl_umount(); i++)
		continue;
	walk_dir(SIM_CFG, drop_sim);
	/* Only a loadable module has an initstate. */
	if (rctl_exists("/sys/module/resctrl_sim/initstate"))
		note(rctl_module_unload("resctrl_sim"), "rmmod", "resctrl_sim");
	for (i = 0; fixture && i < RCTL_MAX_MODULES && fixture->modules[i]; i++)
		note(rctl_module_unload(fixture->modules[i]), "rmmod",
		     fixture->modules[i]);
	return clean_ok;
}

static void fatal_signal(int sig)
{
	if (getpid() == main_pid)
		rctl_cleanup();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void exit_cleanup(void)
{
	if (getpid() == main_pid)
		rctl_cleanup();
}

unsigned int rctl_closing_results(void)
{
	unsigned int n = 1;

	while (n <= RCTL_MAX_SIMS && fixture->sims[n - 1])
		n++;
	return n;
}

const struct rctl_fixture *rctl_fixture(void)
{
	return fixture;
}

void rctl_enter(const struct rctl_fixture *fx)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP, SIGSEGV, SIGBUS,
				    SIGABRT, SIGFPE, SIGALRM };
	const char *why;
	unsigned int i;

	if (geteuid())
		ksft_exit_skip("must run as root\n");
	fixture = fx;
	main_pid = getpid();
	if (!rctl_cleanup())
		ksft_print_msg("the system was not clean at start\n");
	atexit(exit_cleanup);
	for (i = 0; i < ARRAY_SIZE(sigs); i++)
		signal(sigs[i], fatal_signal);
	if (fx->sim && sim_load())
		ksft_exit_skip("resctrl_sim cannot be loaded\n");
	if ((fx->sim || fx->fs) && !rctl_fs_registered())
		ksft_exit_skip("no resctrl filesystem\n");
	why = fx->unless ? fx->unless() : NULL;
	if (why)
		ksft_exit_skip("%s\n", why);
}

bool rctl_sim_reset(void)
{
	return rctl_cleanup() && !sim_load();
}

/*
 * Remove every directory below @name's @dir (events, controls, domains).
 * Returns 0 or the first -errno.
 */
static int sim_clear_dir(const char *name, const char *dir)
{
	const char *path = rpath(SIM_CFG "/%s/%s", name, dir);
	char sub[RPATH_LEN];
	struct dirent *de;
	int ret = 0;
	DIR *d;

	d = opendir(path);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
		if (rmdir(sub) && !ret)
			ret = -errno;
	}
	closedir(d);
	return ret;
}

/* Write @val to attribute @attr of the directory @dir/@entry of @name. */
static int sim_set_sub(const char *name, const char *dir, const char *entry,
		       const char *attr, const char *val)
{
	return rctl_write(rpath(SIM_CFG "/%s/%s/%s/%s", name, dir, entry, attr),
			  val);
}

/*
 * A control's "@SCOPE[+mem]": its own scope, and with "+mem" its
 * memory-only nodes too.
 */
static int sim_set_ctrl_scope(const char *name, const char *key, char *scope)
{
	char *mem = strchr(scope, '+');
	int ret;

	if (mem)
		*mem++ = '\0';
	if (mem && strcmp(mem, "mem"))
		return -EINVAL;
	ret = sim_set_sub(name, "controls", key, "own_scope", "1") ?:
	      sim_set_sub(name, "controls", key, "scope", scope);
	if (!ret && mem)
		ret = sim_set_sub(name, "controls", key, "memory_nodes", "1");
	return ret;
}

/*
 * One entry of the comma lists the attributes events, controls and
 * device_domains took before they became directories: "NAME[:FRAC_BITS]",
 * "SUFFIX:TYPE:A:B[:C][@SCOPE[+mem]]" and "ID". A control's A, B and C
 * are cbm_len, min_cbm_bits and sparse for a bitmask, min, max and
 * granularity for the others; "@node+mem" gives it domains of its own,
 * NUMA nodes with memory among them.
 */
static int sim_add_entry(const char *name, const char *dir, char *entry)
{
	static const char * const bitmask[] = { "cbm_len", "min_cbm_bits", "sparse" };
	static const char * const range[] = { "min", "max", "granularity" };
	const char * const *fields = range;
	char *key = strsep(&entry, ":"), *val, *scope = NULL;
	int i, ret;

	if (!*key)
		return -EINVAL;
	ret = rctl_mkdir(rpath(SIM_CFG "/%s/%s/%s", name, dir, key));
	if (ret || !entry)
		return ret ?: strcmp(dir, "controls") ? 0 : -EINVAL;
	if (!strcmp(dir, "events"))
		return sim_set_sub(name, dir, key, "frac_bits", entry);
	if (strcmp(dir, "controls"))
		return -EINVAL;
	scope = strchr(entry, '@');
	if (scope) {
		*scope++ = '\0';
		ret = sim_set_ctrl_scope(name, key, scope);
		if (ret)
			return ret;
	}
	val = strsep(&entry, ":");
	ret = sim_set_sub(name, dir, key, "ctrl", val);
	if (!strcmp(val, "bitmask"))
		fields = bitmask;
	for (i = 0; !ret && i < 3 && entry; i++)
		ret = sim_set_sub(name, dir, key, fields[i], strsep(&entry, ":"));
	return ret ?: i < 2 || entry ? -EINVAL : 0;
}

/*
 * Replace the directories below @name's @dir by those the comma list
 * @val describes, in its order.
 */
static int sim_set_list(const char *name, const char *dir, const char *val)
{
	char *buf, *s, *entry;
	int ret;

	ret = sim_clear_dir(name, dir);
	buf = strdup(val);
	if (!buf)
		return -ENOMEM;
	s = buf + strcspn(buf, "\n");
	*s = '\0';
	for (s = buf; !ret && (entry = strsep(&s, ","));) {
		entry += strspn(entry, " ");
		if (*entry || s)
			ret = sim_add_entry(name, dir, entry);
	}
	free(buf);
	return ret;
}

int sim_set(const char *name, const char *attr, const char *val)
{
	/* The attributes that were comma lists: one directory per entry. */
	if (!strcmp(attr, "events") || !strcmp(attr, "controls"))
		return sim_set_list(name, attr, val);
	if (!strcmp(attr, "device_domains"))
		return sim_set_list(name, "domains", val);
	return rctl_write(rpath(SIM_CFG "/%s/%s", name, attr), val);
}

static int sim_create_va(const char *name, va_list ap)
{
	const char *arg, *eq;
	char attr[64];
	int ret;

	if (mkdir(rpath(SIM_CFG "/%s", name), 0755)) {
		ret = -errno;
		ksft_print_msg("mkdir %s/%s: %s\n", SIM_CFG, name, strerror(-ret));
		return ret;
	}
	while ((arg = va_arg(ap, const char *))) {
		eq = strchr(arg, '=');
		if (!eq || eq - arg >= (int)sizeof(attr)) {
			ksft_print_msg("bad attribute %s\n", arg);
			return -EINVAL;
		}
		snprintf(attr, sizeof(attr), "%.*s", (int)(eq - arg), arg);
		ret = sim_set(name, attr, eq + 1);
		if (ret) {
			ksft_print_msg("%s: set %s: %s\n", name, arg, strerror(-ret));
			return ret;
		}
	}
	return 0;
}

int sim_create(const char *name, ...)
{
	va_list ap;
	int ret;

	va_start(ap, name);
	ret = sim_create_va(name, ap);
	va_end(ap);
	return ret;
}

int sim_add(const char *name, ...)
{
	va_list ap;
	int ret;

	va_start(ap, name);
	ret = sim_create_va(name, ap);
	va_end(ap);
	if (!ret) {
		ret = sim_live(name, true);
		if (ret)
			ksft_print_msg("%s: live=1: %s\n", name, strerror(-ret));
	}
	return ret;
}

int sim_live(const char *name, bool live)
{
	return sim_set(name, "live", live ? "1\n" : "0\n");
}

int sim_remove(const char *name)
{
	static const char * const dirs[] = { "events", "controls", "domains" };
	int ret = sim_live(name, false), err;
	unsigned int i;

	/* The directories below a resource go before it. */
	for (i = 0; i < ARRAY_SIZE(dirs); i++) {
		err = sim_clear_dir(name, dirs[i]);
		ret = ret ?: err;
	}
	if (rmdir(rpath(SIM_CFG "/%s", name)))
		ret = ret ?: -errno;
	return ret;
}

int sim_dbg_write(const char *name, const char *file, const char *text)
{
	return rctl_write(rpath(SIM_DBG "/%s/%s", name, file), text);
}

int sim_dbg_read(const char *name, const char *file, char *buf, size_t size)
{
	return rctl_read(rpath(SIM_DBG "/%s/%s", name, file), buf, size);
}

bool sim_programmed_is(const char *name, int dom, unsigned int closid,
		       const char *want)
{
	char buf[16384], prefix[32], *line, *save = NULL;
	int n;

	n = sim_dbg_read(name, "programmed", buf, sizeof(buf));
	if (n < 0) {
		ksft_print_msg("%s: programmed: %s\n", name, strerror(-n));
		return false;
	}
	n = snprintf(prefix, sizeof(prefix), "%d %u ", dom, closid);
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, prefix, n))
			continue;
		if (!strcmp(line + n, want))
			return true;
		ksft_print_msg("%s: domain %d CLOSID %u programmed %s, expected %s\n",
			       name, dom, closid, line + n, want);
		return false;
	}
	ksft_print_msg("%s: domain %d CLOSID %u never programmed, expected %s\n",
		       name, dom, closid, want);
	return false;
}

long long sim_programmed_val(const char *name, int dom, unsigned int closid)
{
	char buf[16384], prefix[32], *line, *save = NULL;
	int n;

	if (sim_dbg_read(name, "programmed", buf, sizeof(buf)) < 0)
		return -1;
	n = snprintf(prefix, sizeof(prefix), "%d %u 0x", dom, closid);
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (!strncmp(line, prefix, n))
			return strtoll(line + n, NULL, 16);
	return -1;
}

static long long sim_dbg_number(const char *name, const char *file)
{
	char buf[64];

	if (sim_dbg_read(name, file, buf, sizeof(buf)) <= 0)
		return -1;
	return strtoll(buf, NULL, 10);
}

long long sim_apply_count(const char *name)
{
	return sim_dbg_number(name, "apply_count");
}

long long sim_batch_reads(const char *name)
{
	return sim_dbg_number(name, "batch_reads");
}

long long sim_violations(const char *name)
{
	return sim_dbg_number(name, "violations");
}

int sim_counter(const char *name, int dom, unsigned int rmid,
		const char *event, const char *val)
{
	char line[128];
	int ret;

	snprintf(line, sizeof(line), "%d %u %s %s\n", dom, rmid, event, val);
	ret = sim_dbg_write(name, "counters", line);
	if (ret)
		ksft_print_msg("%s: counters: %s: %s", name, strerror(-ret), line);
	return ret;
}

bool sim_has_domain(const char *name, const char *line)
{
	return rctl_has_line(rpath(SIM_DBG "/%s/domains", name), line);
}

/* CPU hotplug */

int rctl_cpu_set(int cpu, bool online)
{
	return rctl_write(rpath("/sys/devices/system/cpu/cpu%d/online", cpu),
			  online ? "1\n" : "0\n");
}

int rctl_cpu_online(int cpu)
{
	char buf[8];

	if (rctl_read(rpath("/sys/devices/system/cpu/cpu%d/online", cpu),
		      buf, sizeof(buf)) <= 0)
		return -1;
	return buf[0] == '1';
}

/* Tasks */

pid_t rctl_spawn_task(void)
{
	unsigned int i;
	pid_t pid;

	for (i = 0; i < MAX_TASKS; i++)
		if (!tasks[i])
			break;
	if (i == MAX_TASKS)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		signal(SIGTERM, SIG_DFL);
		for (;;)
			pause();
	}
	tasks[i] = pid;
	return pid;
}

void rctl_kill_task(pid_t pid)
{
	unsigned int i;

	for (i = 0; i < MAX_TASKS; i++)
		if (tasks[i] == pid)
			tasks[i] = 0;
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

int rctl_move_task(const char *group, pid_t pid)
{
	return rctl_write(rpath("%s/tasks", group), rpath("%d\n", pid));
}

bool rctl_group_has_task(const char *group, pid_t pid)
{
	return rctl_has_line(rpath("%s/tasks", group), rpath("%d", pid));
}

bool rctl_proc_groups_are(pid_t pid, const char *want)
{
	return rctl_reads(rpath("/proc/%d/cpu_resctrl_groups", pid), want);
}

/* The set bits of a sysfs CPU mask ("ff,0000000f"), or -1. */
static int rctl_mask_weight(const char *path)
{
	char buf[512], *p;
	int n = 0, c;

	if (rctl_read(path, buf, sizeof(buf)) <= 0)
		return -1;
	for (p = buf; *p && *p != '\n'; p++) {
		if (*p == ',')
			continue;
		c = *p >= 'a' ? *p - 'a' + 10 : *p - '0';
		n += __builtin_popcount(c & 0xf);
	}
	return n;
}

int rctl_snc_ways(void)
{
	int l3 = rctl_mask_weight("/sys/devices/system/cpu/cpu0/cache/index3/shared_cpu_map");
	int node = rctl_mask_weight("/sys/devices/system/node/node0/cpumap");
	int ways;

	if (l3 <= 0 || node <= 0)
		return 1;
	ways = l3 / node;
	return ways >= 2 && ways <= 4 ? ways : 1;
}

/* A "key value" line of the model's cpu file, or -1. */
long long rctl_model_fact(const char *key)
{
	char *text = rctl_slurp("/sys/kernel/debug/x86_rdt_model/cpu"), *line, *save = NULL;
	size_t len = strlen(key);
	long long val = -1;

	for (line = text ? strtok_r(text, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save))
		if (!strncmp(line, key, len) && line[len] == ' ')
			val = strtoll(line + len + 1, NULL, 0);
	free(text);
	return val;
}
