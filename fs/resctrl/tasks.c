// SPDX-License-Identifier: GPL-2.0
/*
 * Task membership: the tasks file of each group, moving tasks between
 * groups, the fork and release hooks, and /proc/<pid>/cpu_resctrl_groups.
 *
 * A task belongs to the CTRL_MON group whose CLOSID it carries and to the
 * MON group whose RMID it carries. A write to a tasks file is all or
 * nothing: every pid is parsed and checked before any task moves.
 */
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/cred.h>
#include <linux/jump_label.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/pid.h>
#include <linux/resctrl.h>
#include <linux/rcupdate.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "internal.h"

/**
 * DOC: task lists
 *
 * Every group but the default one keeps the threads that carry its IDs
 * on &rctl_group.tasks, linked through &task_struct.resctrl_node; a
 * thread of the default group is on no list. So moving a group's tasks
 * (rmdir, unmount, a MON group that changes CTRL_MON group) costs what
 * the group holds, not a walk of every thread of the system.
 *
 * rctl_task_lock guards the lists and the IDs the threads carry. The
 * hooks of fork and release take it inside tasklist_lock, which
 * interrupts may take for reading, so it is always taken with interrupts
 * off. A child takes its parent's IDs and joins its list under the lock
 * (resctrl_task_fork()), so that a move or an rmdir never misses a child
 * that is being forked. A released thread leaves its list for good
 * (resctrl_task_release()): a thread with no pid is never linked again.
 *
 * While the filesystem is not mounted no thread is on a list, and a
 * static key keeps the hooks from taking the lock at all.
 */
static DEFINE_SPINLOCK(rctl_task_lock);
static DEFINE_STATIC_KEY_FALSE(rctl_task_lists);

/* Tasks moved under one hold of rctl_task_lock, interrupts off. */
#define RCTL_TASKS_PER_LOCK	64

/* After @n tasks moved, let rctl_task_lock go every RCTL_TASKS_PER_LOCK. */
static void rctl_task_lock_breathe(unsigned int n)
{
	if (n % RCTL_TASKS_PER_LOCK)
		return;
	spin_unlock_irq(&rctl_task_lock);
	cond_resched();
	spin_lock_irq(&rctl_task_lock);
}

/**
 * rctl_task_lists_start() - let the fork and release hooks keep the lists
 *
 * At mount, before any group can take a task. Called with rctl_lock().
 */
void rctl_task_lists_start(void)
{
	static_branch_enable_cpuslocked(&rctl_task_lists);
}

/**
 * rctl_task_lists_stop() - the hooks have nothing more to do
 *
 * At unmount, once every task is back in the default group. Called with
 * rctl_lock().
 */
void rctl_task_lists_stop(void)
{
	static_branch_disable_cpuslocked(&rctl_task_lists);
}

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
 * Give @t the IDs of @g and put it on @g's list, with rctl_task_lock
 * held. A released thread is left alone: resctrl_task_release() has
 * taken it off its list for good. A task that is running right now picks
 * the IDs up when its CPU is told to reload (@reload; every CPU when it
 * is NULL); the barrier pairs with the context switch so that either the
 * switch sees the new IDs or we see the task running.
 */
static void rctl_task_join(struct task_struct *t, struct rctl_group *g,
			   struct cpumask *reload)
{
	lockdep_assert_held(&rctl_task_lock);
	hlist_del_init(&t->resctrl_node);
	if (!pid_alive(t))
		return;
	if (g != &rctl_default_group)
		hlist_add_head(&t->resctrl_node, &g->tasks);
	resctrl_arch_set_task_ids(t, g->closid, g->rmid);
	/* Order the ID stores before the task_curr() check: see above. */
	smp_mb();
	if (reload && task_curr(t))
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
	spin_lock_irq(&rctl_task_lock);
	for (i = 0; i < n; i++) {
		rctl_task_join(tasks[i], g, reload);
		rctl_task_lock_breathe(i + 1);
	}
	spin_unlock_irq(&rctl_task_lock);
	for (i = 0; i < n; i++)
		put_task_struct(tasks[i]);
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
 * Move the tasks on @from's list to @to, which may be @from itself when
 * the group's IDs changed. The list is taken whole first; the lock is
 * let go every RCTL_TASKS_PER_LOCK tasks, meanwhile a child forked by
 * one of them lands next to its parent and a released one leaves.
 */
static void rctl_move_list(struct rctl_group *from, struct rctl_group *to,
			   struct cpumask *reload)
{
	struct task_struct *t;
	unsigned int n = 0;
	HLIST_HEAD(todo);

	spin_lock_irq(&rctl_task_lock);
	hlist_move_list(&from->tasks, &todo);
	while (!hlist_empty(&todo)) {
		t = hlist_entry(todo.first, struct task_struct, resctrl_node);
		rctl_task_join(t, to, reload);
		rctl_task_lock_breathe(++n);
	}
	spin_unlock_irq(&rctl_task_lock);
}

/*
 * Move the tasks of @from to @to; with @from NULL, those of every group
 * to the default group. Then the CPUs running a moved task reload.
 */
static void rctl_move_tasks(struct rctl_group *from, struct rctl_group *to)
{
	struct rctl_group *g, *m;
	cpumask_var_t reload;
	struct cpumask *mask;

	lockdep_assert_held(&rctl_mutex);
	mask = zalloc_cpumask_var(&reload, GFP_KERNEL) ? reload : NULL;
	if (from) {
		rctl_move_list(from, to, mask);
	} else {
		list_for_each_entry(g, &rctl_ctrl_groups, sibling) {
			list_for_each_entry(m, &g->mon_children, sibling)
				rctl_move_list(m, to, mask);
			rctl_move_list(g, to, mask);
		}
	}
	/* Without a mask to narrow it down, every CPU reloads. */
	resctrl_arch_reload_cpus(mask ?: cpu_online_mask);
	if (mask)
		free_cpumask_var(reload);
}

/**
 * rctl_move_all_tasks_home() - every task back to the default group
 *
 * At unmount, before the groups go. It costs what the groups hold, not a
 * walk of every thread (upstream's rmdir_all_sub() walks them all).
 * Called with rctl_mutex held.
 */
void rctl_move_all_tasks_home(void)
{
	rctl_move_tasks(NULL, &rctl_default_group);
}

/**
 * rctl_move_group_tasks() - move every task of a group to another group
 * @from: the group being removed, or whose IDs changed
 * @to: its parent (the default group, or a MON group's CTRL_MON group),
 *	or @from itself to give its tasks its new IDs
 *
 * A CTRL_MON group's MON groups keep their tasks. Called with rctl_mutex
 * held.
 */
void rctl_move_group_tasks(struct rctl_group *from, struct rctl_group *to)
{
	rctl_move_tasks(from, to);
}

/**
 * resctrl_task_fork() - a new task joins its parent's group
 * @child: the task copy_process() is creating; not visible to anyone yet
 *
 * The child takes the IDs its parent carries now, which may differ from
 * the ones dup_task_struct() copied, and its parent's list. Called from
 * copy_process() after its last failure point, with tasklist_lock held
 * for writing and interrupts off; does not sleep.
 */
void resctrl_task_fork(struct task_struct *child)
{
	struct task_struct *parent = current;

	INIT_HLIST_NODE(&child->resctrl_node);
	/* Unmounted, every task has the default IDs, as copied. */
	if (!static_branch_unlikely(&rctl_task_lists))
		return;
	spin_lock(&rctl_task_lock);
	resctrl_arch_set_task_ids(child, resctrl_arch_task_closid(parent),
				  resctrl_arch_task_rmid(parent));
	if (!hlist_unhashed(&parent->resctrl_node))
		hlist_add_behind(&child->resctrl_node, &parent->resctrl_node);
	spin_unlock(&rctl_task_lock);
}

/**
 * resctrl_task_release() - a released task leaves its group's list
 * @tsk: the task; its pid is already detached (pid_alive() is false)
 *
 * Called from release_task() when @tsk leaves its thread group's list,
 * with tasklist_lock held for writing and interrupts off; does not sleep.
 */
void resctrl_task_release(struct task_struct *tsk)
{
	if (!static_branch_unlikely(&rctl_task_lists))
		return;
	spin_lock(&rctl_task_lock);
	hlist_del_init(&tsk->resctrl_node);
	spin_unlock(&rctl_task_lock);
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
