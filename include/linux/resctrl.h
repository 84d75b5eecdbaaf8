/* SPDX-License-Identifier: GPL-2.0 */
/*
 * resctrl: the contract between the resource control filesystem and the
 * drivers that provide resources to it.
 */
#ifndef _LINUX_RESCTRL_H
#define _LINUX_RESCTRL_H

#include <linux/types.h>

struct pid;
struct pid_namespace;
struct seq_file;
struct task_struct;

#ifdef CONFIG_PROC_CPU_RESCTRL
/* Backs /proc/<pid>/cpu_resctrl_groups; called by procfs only. */
int proc_resctrl_show(struct seq_file *m, struct pid_namespace *ns,
		      struct pid *pid, struct task_struct *tsk);
#endif

#endif /* _LINUX_RESCTRL_H */
