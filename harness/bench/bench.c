// SPDX-License-Identifier: GPL-2.0
/*
 * resctrl benchmark, run inside the VM by harness/bench/run-bench.sh
 * ("make bench"). It prints numbers and never asserts.
 *
 * Each operation is timed next to a peer in the same run: cgroup v2's
 * operation of the same kind when the kernel has cgroup v2 (mkdir+rmdir,
 * a task move), otherwise a floor: one read of a sysfs file. Batches of
 * the operation and of its peer alternate, so that host noise hits both;
 * a row shows the median per-operation time of each and their ratio, and
 * the best batch of the operation: on a loaded host the best batches
 * show what the operation costs, the medians what it costs with noise.
 *
 * Rows: mkdir+rmdir of a control group and a schemata write with
 * unchanged values at 2, 100 and 4,000 groups; a counter read of a
 * control group with 0 monitor groups (next to a sysfs read) and with
 * 256 (next to the read with 0, so that their ratio is the cost of the
 * monitor groups with host noise cancelled); a task move; unmount
 * with 100 and 10,000 threads; the worst stall of a counter read and of
 * a mkdir while 20,000 RMIDs are in limbo.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ROOT "/sys/fs/resctrl"
#define SIM "/sys/kernel/config/resctrl_sim"
#define SIMDBG "/sys/kernel/debug/resctrl_sim"
#define CG "/sys/fs/cgroup"
#define FLOOR_FILE "/sys/devices/system/cpu/cpu0/topology/core_id"
#define BATCHES 11
#define MAX_ROWS 32

struct row {
	char op[48];
	char size[32];
	double us;
	double best_us;
	char peer[24];
	double peer_us;
};

static struct row rows[MAX_ROWS];
static int nrows;
static bool have_cg;

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static const char *path(const char *fmt, ...)
{
	static char bufs[4][512];
	static int i;
	va_list ap;

	i = (i + 1) % 4;
	va_start(ap, fmt);
	vsnprintf(bufs[i], sizeof(bufs[i]), fmt, ap);
	va_end(ap);
	return bufs[i];
}

static int put(const char *p, const char *text)
{
	int fd = open(p, O_WRONLY), ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, text, strlen(text)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

static int get(const char *p, char *buf, size_t size)
{
	int fd = open(p, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return n;
}

static void must(int ret, const char *what)
{
	if (ret) {
		printf("bench: %s: %s\n", what, strerror(ret < 0 ? -ret : ret));
		exit(1);
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return v[n / 2];
}

/* One operation; returns nonzero when it failed. */
typedef int (*op_fn)(void *arg, int i);

/*
 * Time @n calls of @op and of @peer in alternating batches; add a row
 * with the medians per call.
 */
static void measure(const char *op, const char *size, op_fn fn, void *arg,
		    const char *peer, op_fn peer_fn, void *peer_arg, int n)
{
	double a[BATCHES], b[BATCHES], t;
	struct row *r = &rows[nrows++];
	int k, i, failed = 0;

	for (k = 0; k < BATCHES; k++) {
		t = now_us();
		for (i = 0; i < n; i++)
			failed += !!fn(arg, i);
		a[k] = (now_us() - t) / n;
		t = now_us();
		for (i = 0; i < n; i++)
			peer_fn(peer_arg, i);
		b[k] = (now_us() - t) / n;
	}
	snprintf(r->op, sizeof(r->op), "%s", op);
	snprintf(r->size, sizeof(r->size), "%s", size);
	snprintf(r->peer, sizeof(r->peer), "%s", peer);
	r->us = median(a, BATCHES);
	r->best_us = a[0];
	r->peer_us = median(b, BATCHES);
	printf("bench: %-28s %-24s %10.1f us  %-16s %10.1f us\n", op, size,
	       r->us, peer, r->peer_us);
	/* A number of failed operations would mean nothing. */
	if (failed)
		printf("bench: %s, %s: %d of %d operations FAILED\n", op, size,
		       failed, BATCHES * n);
}

/* A row that is one worst case, without a peer. */
static void add_worst(const char *op, const char *size, double us)
{
	struct row *r = &rows[nrows++];

	snprintf(r->op, sizeof(r->op), "%s", op);
	snprintf(r->size, sizeof(r->size), "%s", size);
	snprintf(r->peer, sizeof(r->peer), "-");
	r->us = us;
	r->best_us = us;
	r->peer_us = 0;
	printf("bench: %-28s %-24s %10.1f us (worst)\n", op, size, us);
}

static int floor_read(void *arg, int i)
{
	char buf[64];

	(void)arg;
	(void)i;
	return get(FLOOR_FILE, buf, sizeof(buf)) < 0;
}

static int rc_mkdir_rmdir(void *arg, int i)
{
	(void)arg;
	(void)i;
	return mkdir(ROOT "/bench_x", 0755) | rmdir(ROOT "/bench_x");
}

static int cg_mkdir_rmdir(void *arg, int i)
{
	(void)arg;
	(void)i;
	return mkdir(CG "/bench_x", 0755) | rmdir(CG "/bench_x");
}

static int rc_schemata_same(void *arg, int i)
{
	(void)i;
	return put(ROOT "/g0/schemata", arg);
}

static int rc_read(void *arg, int i)
{
	char buf[64];

	(void)i;
	return get(arg, buf, sizeof(buf)) < 0;
}

static pid_t mover;

static int rc_move(void *arg, int i)
{
	(void)arg;
	return put(path(ROOT "/%s/tasks", i & 1 ? "g0" : "g1"), path("%d\n", mover));
}

static int cg_move(void *arg, int i)
{
	(void)arg;
	return put(path(CG "/%s/cgroup.procs", i & 1 ? "bench_a" : "bench_b"),
		   path("%d\n", mover));
}

/*
 * Describe the simulated resource @name by the pairs of @attrs: an
 * attribute and its value, or a directory (events/NAME) and NULL; then
 * register it.
 */
static int sim_res(const char *name, const char *const *attrs)
{
	int ret;

	if (mkdir(path(SIM "/%s", name), 0755) && errno != EEXIST)
		return -errno;
	for (; *attrs; attrs += 2) {
		if (!attrs[1])
			ret = mkdir(path(SIM "/%s/%s", name, attrs[0]), 0755) &&
			      errno != EEXIST ? -errno : 0;
		else
			ret = put(path(SIM "/%s/%s", name, attrs[0]), attrs[1]);
		if (ret) {
			printf("bench: %s/%s=%s: %s\n", name, attrs[0],
			       attrs[1] ?: "(mkdir)", strerror(-ret));
			return ret;
		}
	}
	return put(path(SIM "/%s/live", name), "1");
}

/* Unregister @name and remove it, its events/ directories first. */
static void sim_gone(const char *name)
{
	struct dirent *de;
	char events[512];
	DIR *dir;

	snprintf(events, sizeof(events), SIM "/%s/events", name);
	put(path(SIM "/%s/live", name), "0");
	dir = opendir(events);
	while (dir && (de = readdir(dir)))
		if (de->d_name[0] != '.')
			rmdir(path("%s/%s", events, de->d_name));
	if (dir)
		closedir(dir);
	rmdir(path(SIM "/%s", name));
}

/* Control groups g0 .. g(@n - 1). */
static void make_groups(int from, int n)
{
	int i;

	for (i = from; i < n; i++)
		must(mkdir(path(ROOT "/g%d", i), 0755) ? -errno : 0, "mkdir group");
}

static void drop_groups(int n)
{
	int i;

	for (i = n - 1; i >= 0; i--)
		rmdir(path(ROOT "/g%d", i));
}

static void bench_groups(void)
{
	static const int sizes[] = { 2, 100, 4000 };
	const char *line = "L3:0=fffff;1=fffff\n";
	int s, have = 0;

	static const char *const l3[] = {
		"ctrl", "bitmask", "scope", "package", "num_closid", "4100",
		"num_rmid", "4100", "cbm_len", "20", "events/mbm_local_bytes", NULL,
		NULL,
	};

	must(sim_res("L3", l3), "L3");
	must(mount("resctrl", ROOT, "resctrl", 0, NULL) ? -errno : 0, "mount");
	for (s = 0; s < 3; s++) {
		make_groups(have, sizes[s] - 1);
		have = sizes[s] - 1;
		if (have_cg)
			measure("mkdir+rmdir", path("%d groups", sizes[s]), rc_mkdir_rmdir,
				NULL, "cgroup v2", cg_mkdir_rmdir, NULL, 20);
		else
			measure("mkdir+rmdir", path("%d groups", sizes[s]), rc_mkdir_rmdir,
				NULL, "sysfs read", floor_read, NULL, 20);
		measure("schemata write, unchanged", path("%d groups", sizes[s]),
			rc_schemata_same, (void *)line, "sysfs read", floor_read, NULL, 50);
	}
	drop_groups(have);
	umount(ROOT);
	sim_gone("L3");
}

static void bench_reads_and_moves(void)
{
	static const char *const l3[] = {
		"ctrl", "bitmask", "scope", "package", "num_closid", "16",
		"num_rmid", "300", "cbm_len", "20", "events/mbm_local_bytes", NULL,
		"run_on_domain_cpu", "1", NULL,
	};
	const char *counter = ROOT "/g0/mon_data/mon_L3_01/mbm_local_bytes";
	const char *big = ROOT "/g1/mon_data/mon_L3_01/mbm_local_bytes";
	int i;

	must(sim_res("L3", l3), "L3");
	must(mount("resctrl", ROOT, "resctrl", 0, NULL) ? -errno : 0, "mount");
	make_groups(0, 2);
	measure("counter read", "0 children", rc_read, (void *)counter,
		"sysfs read", floor_read, NULL, 50);
	for (i = 0; i < 256; i++)
		must(mkdir(path(ROOT "/g1/mon_groups/m%d", i), 0755) ? -errno : 0,
		     "mkdir mon group");
	measure("counter read", "256 children", rc_read, (void *)big,
		"read, 0 children", rc_read, (void *)counter, 50);

	mover = fork();
	if (!mover) {
		pause();
		_exit(0);
	}
	if (have_cg && !mkdir(CG "/bench_a", 0755) && !mkdir(CG "/bench_b", 0755))
		measure("task move", "2 groups", rc_move, NULL, "cgroup v2", cg_move,
			NULL, 50);
	else
		measure("task move", "2 groups", rc_move, NULL, "sysfs read",
			floor_read, NULL, 50);
	kill(mover, SIGKILL);
	waitpid(mover, NULL, 0);
	rmdir(CG "/bench_a");
	rmdir(CG "/bench_b");
	umount(ROOT);
	sim_gone("L3");
}

static void *idle_thread(void *arg)
{
	(void)arg;
	pause();
	return NULL;
}

/* Unmount with @threads threads alive and 100 groups, best of a few. */
static void bench_umount(int threads)
{
	static const char *const l3[] = {
		"ctrl", "bitmask", "scope", "package", "num_closid", "128",
		"num_rmid", "128", "cbm_len", "20", "events/mbm_local_bytes", NULL,
		NULL,
	};
	double a[BATCHES], b[BATCHES], t;
	pthread_attr_t attr;
	pthread_t th;
	int pipefd[2], i, k;
	struct row *r;
	pid_t child;
	char c;

	must(sim_res("L3", l3), "L3");
	/* A child holds the threads, so that they are gone afterwards. */
	must(pipe(pipefd), "pipe");
	child = fork();
	if (!child) {
		pthread_attr_init(&attr);
		pthread_attr_setstacksize(&attr, 64 * 1024);
		for (i = 1; i < threads; i++)
			if (pthread_create(&th, &attr, idle_thread, NULL))
				break;
		write(pipefd[1], "x", 1);
		pause();
		_exit(0);
	}
	read(pipefd[0], &c, 1);
	for (k = 0; k < BATCHES; k++) {
		must(mount("resctrl", ROOT, "resctrl", 0, NULL) ? -errno : 0, "mount");
		make_groups(0, 100);
		put(ROOT "/g0/tasks", path("%d\n", child));
		t = now_us();
		umount(ROOT);
		a[k] = now_us() - t;
		t = now_us();
		floor_read(NULL, 0);
		b[k] = now_us() - t;
	}
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	sim_gone("L3");
	r = &rows[nrows++];
	snprintf(r->op, sizeof(r->op), "unmount");
	snprintf(r->size, sizeof(r->size), "100 groups, %d threads", threads);
	snprintf(r->peer, sizeof(r->peer), "sysfs read");
	r->us = median(a, BATCHES);
	r->best_us = a[0];
	r->peer_us = median(b, BATCHES);
	printf("bench: %-28s %-24s %10.1f us  %-16s %10.1f us\n", r->op, r->size,
	       r->us, r->peer, r->peer_us);
}

/* The worst read and mkdir while @parked RMIDs wait in limbo. */
static void bench_limbo(int parked)
{
	char nr[16], line[96];
	static const char *const l3[] = {
		"ctrl", "bitmask", "scope", "package", "num_closid", "16",
		"cbm_len", "20", "events/llc_occupancy", NULL,
		"events/mbm_local_bytes", NULL, NULL,
	};
	double worst_read = 0, worst_mkdir = 0, t;
	int i, d, fd;

	snprintf(nr, sizeof(nr), "%d", parked + 200);
	mkdir(SIM "/L3", 0755);
	must(put(SIM "/L3/num_rmid", nr), "num_rmid");
	must(sim_res("L3", l3), "L3");
	/* Every RMID holds cache, so a freed one stays in limbo. */
	fd = open(SIMDBG "/L3/counters", O_WRONLY);
	for (i = 1; fd >= 0 && i < parked + 200; i++)
		for (d = 0; d < 2; d++) {
			snprintf(line, sizeof(line), "%d %d llc_occupancy 100000000\n", d, i);
			write(fd, line, strlen(line));
		}
	if (fd >= 0)
		close(fd);
	must(mount("resctrl", ROOT, "resctrl", 0, NULL) ? -errno : 0, "mount");
	make_groups(0, 1);
	for (i = 0; i < parked; i++) {
		if (mkdir(ROOT "/g0/mon_groups/p", 0755))
			break;
		rmdir(ROOT "/g0/mon_groups/p");
	}
	printf("bench: %d RMIDs parked\n", i);
	/* At least 4 s, so that several passes of a once-a-second worker fall in. */
	for (i = 0; i < 200; i++) {
		t = now_us();
		rc_read((void *)ROOT "/g0/mon_data/mon_L3_00/mbm_local_bytes", 0);
		t = now_us() - t;
		if (t > worst_read)
			worst_read = t;
		t = now_us();
		mkdir(ROOT "/g0/mon_groups/q", 0755);
		t = now_us() - t;
		rmdir(ROOT "/g0/mon_groups/q");
		if (t > worst_mkdir)
			worst_mkdir = t;
		usleep(20000);
	}
	add_worst("counter read, limbo", path("%d parked", parked), worst_read);
	add_worst("mkdir, limbo", path("%d parked", parked), worst_mkdir);
	umount(ROOT);
	sim_gone("L3");
}

static void report(void)
{
	int i;

	printf("BENCH-TABLE-BEGIN\n");
	printf("| operation | size | resctrl (us) | best (us) | peer | peer (us) | ratio |\n");
	printf("| --- | --- | ---: | ---: | --- | ---: | ---: |\n");
	for (i = 0; i < nrows; i++) {
		if (rows[i].peer_us > 0)
			printf("| %s | %s | %.1f | %.1f | %s | %.1f | %.2f |\n", rows[i].op,
			       rows[i].size, rows[i].us, rows[i].best_us, rows[i].peer,
			       rows[i].peer_us, rows[i].us / rows[i].peer_us);
		else
			printf("| %s | %s | %.1f (worst) | - | - | - | - |\n", rows[i].op,
			       rows[i].size, rows[i].us);
	}
	printf("BENCH-TABLE-END\n");
	printf("BENCH-JSON [");
	for (i = 0; i < nrows; i++) {
		printf("%s{\"op\":\"%s\",\"size\":\"%s\",\"us\":%.1f,\"best_us\":%.1f,",
		       i ? "," : "", rows[i].op, rows[i].size, rows[i].us, rows[i].best_us);
		printf("\"peer\":\"%s\",\"peer_us\":%.1f}", rows[i].peer, rows[i].peer_us);
	}
	printf("]\n");
}

int main(int argc, char **argv)
{
	int parked = argc > 1 ? atoi(argv[1]) : 20000;
	cpu_set_t cpu0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	/*
	 * On CPU 0, in domain 0 of the package-scoped resources, so that a
	 * read of domain 1 always crosses to another CPU.
	 */
	CPU_ZERO(&cpu0);
	CPU_SET(0, &cpu0);
	sched_setaffinity(0, sizeof(cpu0), &cpu0);
	have_cg = !mount("cgroup2", CG, "cgroup2", 0, NULL) ||
		  !access(CG "/cgroup.procs", F_OK);
	printf("bench: cgroup v2 %s\n", have_cg ? "available" : "absent: peers are sysfs reads");
	bench_groups();
	bench_reads_and_moves();
	bench_umount(100);
	bench_umount(10000);
	bench_limbo(parked);
	report();
	return 0;
}
