// SPDX-License-Identifier: GPL-2.0
/*
 * Task membership: the tasks file of each group, moving tasks between
 * groups, and /proc/<pid>/cpu_resctrl_groups.
 *
 * A task belongs to the CTRL_MON group whose CLOSID it carries and to the
 * MON group whose RMID it carries. A write to a tasks file is all or
 * nothing: every pid is parsed and checked before any task moves.
 */
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/cred.h>
#include <linux/kernel.h>
#include <linux/pid.h>
#include <linux/resctrl.h>
#include <linux/rcupdate.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "internal.h"

/* Whether @t carries @closid, and @rmid too when @by_rmid. */
static bool rctl_task_has_ids(struct task_struct *t, u32 closid, u32 rmid,
			      bool by_rmid)
{
	if (resctrl_arch_task_closid(t) != closid)
		return false;
	return !by_rmid || resctrl_arch_task_rmid(t) == rmid;
}

static bool rctl_task_in_group(struct task_struct *t, struct rctl_group *g)
{
	return rctl_task_has_ids(t, g->closid, g->rmid, rctl_is_mon_group(g));
}

static int rctl_tasks_show(struct rctl_file_ctx *c, struct seq_file *sf)
{
	struct task_struct *p, *t;
	pid_t pid;

	rcu_read_lock();
	for_each_process_thread(p, t) {
		if (!rctl_task_in_group(t, c->g))
			continue;
		/* Tasks outside the reader's pid namespace have no number. */
		pid = task_pid_vnr(t);
		if (pid)
			seq_printf(sf, "%d\n", pid);
	}
	rcu_read_unlock();
	return 0;
}

/**
 * rctl_parse_pids() - parse a comma separated list of pids
 * @buf: the written text; modified
 * @pids: where the pids go
 * @max: room in @pids
 *
 * Blanks around each pid and one trailing newline are allowed; 0 means
 * the writing task. Problems are explained in last_cmd_status, so the
 * caller holds rctl_mutex.
 *
 * Return: the number of pids, or -EINVAL.
 */
int rctl_parse_pids(char *buf, pid_t *pids, unsigned int max)
{
	unsigned int n = 0;
	char *tok;
	int pid;

	while (buf && *buf && *buf != '\n') {
		tok = strim(strsep(&buf, ","));
		if (kstrtoint(tok, 0, &pid)) {
			rctl_status_printf("Task list parsing error pid %s\n", tok);
			return -EINVAL;
		}
		if (pid < 0) {
			rctl_status_printf("Invalid pid %d\n", pid);
			return -EINVAL;
		}
		if (n == max) {
			rctl_status_puts("Too many pids\n");
			return -EINVAL;
		}
		pids[n++] = pid;
	}
	return n;
}

/* The writer may move its own tasks; only root may move others'. */
static bool rctl_may_move(struct task_struct *t)
{
	const struct cred *cred = current_cred();
	const struct cred *tcred = get_task_cred(t);
	bool ok;

	ok = uid_eq(cred->euid, GLOBAL_ROOT_UID) ||
	     uid_eq(cred->euid, tcred->uid) ||
	     uid_eq(cred->euid, tcred->suid);
	put_cred(tcred);
	return ok;
}

/*
 * Look up and check every pid; on failure nothing is held and no task
 * has moved (upstream moves the tasks before the failing one).
 */
static int rctl_get_tasks(struct rctl_group *g, const pid_t *pids,
			  struct task_struct **tasks, unsigned int n)
{
	unsigned int i;
	int ret = 0;

	rcu_read_lock();
	for (i = 0; i < n; i++) {
		tasks[i] = pids[i] ? find_task_by_vpid(pids[i]) : current;
		if (!tasks[i]) {
			rctl_status_printf("No task %d\n", pids[i]);
			ret = -ESRCH;
			break;
		}
		if (!rctl_may_move(tasks[i])) {
			rctl_status_printf("No permission to move task %d\n",
					   pids[i]);
			ret = -EPERM;
			break;
		}
		if (rctl_is_mon_group(g) &&
		    resctrl_arch_task_closid(tasks[i]) != g->closid) {
			rctl_status_puts("Can't move task to different control group\n");
			ret = -EINVAL;
			break;
		}
		get_task_struct(tasks[i]);
	}
	rcu_read_unlock();
	if (!ret)
		return 0;
	/* The reason, then the line tools look for, as upstream prints. */
	rctl_status_printf("Error while processing task %d\n", pids[i]);
	while (i--)
		put_task_struct(tasks[i]);
	return ret;
}

/*
 * Give a task the IDs of a group. A task that is running right now picks
 * them up when its CPU is told to reload; the barrier pairs with the
 * context switch so that either the switch sees the new IDs or we see
 * the task running.
 */
static void rctl_set_task_group(struct task_struct *t, struct rctl_group *g,
				struct cpumask *reload)
{
	resctrl_arch_set_task_ids(t, g->closid, g->rmid);
	/* Order the ID stores before the task_curr() check: see above. */
	smp_mb();
	if (task_curr(t))
		cpumask_set_cpu(task_cpu(t), reload);
}

static int rctl_tasks_write(struct rctl_file_ctx *c, char *buf, size_t nbytes)
{
	unsigned int max = nbytes / 2 + 1;
	struct task_struct **tasks = NULL;
	struct rctl_group *g = c->g;
	cpumask_var_t reload;
	pid_t *pids = NULL;
	int i, n, ret;

	if (!zalloc_cpumask_var(&reload, GFP_KERNEL))
		return -ENOMEM;
	pids = kmalloc_array(max, sizeof(*pids), GFP_KERNEL);
	tasks = kmalloc_array(max, sizeof(*tasks), GFP_KERNEL);
	if (!pids || !tasks) {
		rctl_status_puts("Kernel out of memory\n");
		ret = -ENOMEM;
		goto out;
	}

	n = rctl_parse_pids(buf, pids, max);
	ret = n < 0 ? n : rctl_get_tasks(g, pids, tasks, n);
	if (ret)
		goto out;
	for (i = 0; i < n; i++) {
		rctl_set_task_group(tasks[i], g, reload);
		put_task_struct(tasks[i]);
	}
	resctrl_arch_reload_cpus(reload);
out:
	kfree(tasks);
	kfree(pids);
	free_cpumask_var(reload);
	return ret;
}

const struct rctl_file_attr rctl_tasks_attr =
	RCTL_FILE_ATTR("tasks", 0644, NULL, rctl_tasks_show, rctl_tasks_write);

/*
 * Give @to's IDs to every task that carries @closid (and @rmid, when
 * @by_rmid), and make the CPUs running one of them reload. With @all,
 * every task that carries other IDs than @to's, in the same single walk.
 */
static void rctl_retag_tasks_walk(u32 closid, u32 rmid, bool by_rmid,
				  bool all, struct rctl_group *to)
{
	struct task_struct *p, *t;
	cpumask_var_t reload;
	bool have_mask;

	lockdep_assert_held(&rctl_mutex);
	have_mask = zalloc_cpumask_var(&reload, GFP_KERNEL);

	read_lock(&tasklist_lock);
	for_each_process_thread(p, t) {
		if (all ? rctl_task_has_ids(t, to->closid, to->rmid, true) :
		    !rctl_task_has_ids(t, closid, rmid, by_rmid))
			continue;
		if (have_mask)
			rctl_set_task_group(t, to, reload);
		else
			resctrl_arch_set_task_ids(t, to->closid, to->rmid);
	}
	read_unlock(&tasklist_lock);

	/* Without a mask to narrow it down, every CPU reloads. */
	resctrl_arch_reload_cpus(have_mask ? reload : cpu_online_mask);
	if (have_mask)
		free_cpumask_var(reload);
}

static void rctl_retag_tasks(u32 closid, u32 rmid, bool by_rmid,
			     struct rctl_group *to)
{
	rctl_retag_tasks_walk(closid, rmid, by_rmid, false, to);
}

/**
 * rctl_move_all_tasks_home() - every task back to the default group
 *
 * At unmount, before the groups go: one walk over the threads of the
 * system, however many groups there are (upstream's rmdir_all_sub()
 * also walks once). Called with rctl_mutex held.
 */
void rctl_move_all_tasks_home(void)
{
	rctl_retag_tasks_walk(0, 0, false, true, &rctl_default_group);
}

/**
 * rctl_move_group_tasks() - move every task of a group to another group
 * @from: the group being removed
 * @to: its parent: the default group, or a MON group's CTRL_MON group
 */
void rctl_move_group_tasks(struct rctl_group *from, struct rctl_group *to)
{
	rctl_retag_tasks(from->closid, from->rmid, rctl_is_mon_group(from), to);
}

/**
 * rctl_mon_group_retag_tasks() - a MON group's tasks follow its move
 * @m: a MON group that now belongs to another CTRL_MON group: its
 *	@closid is already the new one
 * @old_closid: the CLOSID of the CTRL_MON group it left, which its tasks
 *	still carry
 *
 * Every task of @m takes the new CLOSID and keeps @m's RMID; a task that
 * is running picks it up at once, as after a write to a tasks file.
 */
void rctl_mon_group_retag_tasks(struct rctl_group *m, u32 old_closid)
{
	rctl_retag_tasks(old_closid, m->rmid, true, m);
}

#ifdef CONFIG_PROC_CPU_RESCTRL
/*
 * /proc/<pid>/cpu_resctrl_groups: "res:" and the CTRL_MON group ("/" for
 * the default group), "mon:" and the MON group's name if any.
 */
int proc_resctrl_show(struct seq_file *s, struct pid_namespace *ns,
		      struct pid *pid, struct task_struct *tsk)
{
	struct rctl_group *g, *m;
	int ret = -ENOENT;

	mutex_lock(&rctl_mutex);
	if (!rctl_mounted) {
		seq_puts(s, "res:\nmon:\n");
		ret = 0;
		goto unlock;
	}
	list_for_each_entry(g, &rctl_ctrl_groups, sibling) {
		if (!rctl_task_in_group(tsk, g))
			continue;
		if (g == &rctl_default_group)
			seq_puts(s, "res:/\nmon:");
		else
			seq_printf(s, "res:%s\nmon:", g->kn->name);
		list_for_each_entry(m, &g->mon_children, sibling) {
			if (rctl_task_in_group(tsk, m)) {
				seq_puts(s, m->kn->name);
				break;
			}
		}
		seq_putc(s, '\n');
		ret = 0;
		break;
	}
unlock:
	mutex_unlock(&rctl_mutex);
	return ret;
}
#endif
