// SPDX-License-Identifier: GPL-2.0
/*
 * Configurable events: info/<NAME>_MON/<event>_config for each event a
 * driver declares with &resctrl_event_desc.config_mask, as upstream's
 * AMD BMEC files mbm_total_bytes_config and mbm_local_bytes_config
 * (arch/x86/kernel/cpu/resctrl/rdtgroup.c: mbm_config_show(),
 * mon_config_write()). A read prints each online domain's value as
 * "<id>=0x<hex>" separated by ';'. A write takes the same form, for any
 * subset of the domains; the whole write is checked before any domain
 * changes (upstream applies the domains before a bad one). A changed
 * value resets the running counts of the domain: the hardware clears
 * its bandwidth counters when an event's configuration changes.
 */
#include <linux/kernel.h>
#include <linux/kernfs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "internal.h"

#define RCTL_EVT_CONFIG_SUFFIX	"_config"

struct rctl_evt_config_call {
	struct resctrl_dom *d;
	unsigned int evt;
	bool write;
	u32 val;
	int ret;
};

/* Read or write the configuration, as the driver's contract says. */
static int rctl_evt_config_fn(void *arg)
{
	struct rctl_evt_config_call *c = arg;
	struct resctrl_res *r = c->d->res;
	const struct resctrl_resource_ops *ops = r->desc->ops;
	u32 id = r->desc->events[c->evt].id;
	unsigned long flags = 0;

	if (r->desc->run_on_domain_cpu)
		local_irq_save(flags);
	if (c->write)
		c->ret = ops->event_config_write(r, c->d, id, c->val);
	else
		c->ret = ops->event_config_read(r, c->d, id, &c->val);
	if (r->desc->run_on_domain_cpu)
		local_irq_restore(flags);
	return 0;
}

/* The configuration of event @evt in domain @d, on a CPU of the domain. */
static int rctl_evt_config_get(struct resctrl_dom *d, unsigned int evt, u32 *val)
{
	struct rctl_evt_config_call c = { .d = d, .evt = evt };
	int ret;

	ret = rctl_dom_run(d, rctl_evt_config_fn, &c);
	*val = c.val;
	return ret ?: c.ret;
}

static int rctl_evt_config_show(struct rctl_file_ctx *c, struct seq_file *sf)
{
	unsigned int evt = ((struct rctl_res_file *)c->priv)->evt;
	struct resctrl_res *r = c->r;
	struct resctrl_dom *d;
	const char *sep = "";
	int ret = 0;
	u32 val;

	for_each_rctl_domain(d, r) {
		ret = rctl_evt_config_get(d, evt, &val);
		if (ret)
			break;
		seq_printf(sf, "%s%d=0x%02x", sep, d->id, val);
		sep = ";";
	}
	if (!ret)
		seq_putc(sf, '\n');
	return ret;
}

/* One "<id>=<hex>" of a write: check it and note the value in @vals. */
static int rctl_evt_config_token(struct resctrl_res *r, u32 mask, char *tok,
				 u32 *vals, unsigned int n)
{
	struct resctrl_dom *d;
	unsigned long id, val;
	unsigned int i = 0;
	char *id_str;

	id_str = strsep(&tok, "=");
	if (!id_str || kstrtoul(id_str, 10, &id)) {
		rctl_status_puts("Missing '=' or non-numeric domain id\n");
		return -EINVAL;
	}
	if (!tok || kstrtoul(tok, 16, &val)) {
		rctl_status_puts("Non-numeric event configuration value\n");
		return -EINVAL;
	}
	if ((val & mask) != val) {
		rctl_status_printf("Invalid event configuration: max valid mask is 0x%02x\n",
				   mask);
		return -EINVAL;
	}
	for_each_rctl_domain(d, r) {
		if (d->id == id)
			break;
		i++;
	}
	if (!d || i >= n) {
		rctl_status_printf("Unknown domain %lu\n", id);
		return -EINVAL;
	}
	vals[i] = val;
	return 0;
}

/**
 * rctl_evt_config_parse() - check a write of an event's configuration
 * @r: the resource
 * @evt: index of a configurable event
 * @buf: the write, its trailing newline removed
 * @vals: one slot per online domain of @r in list order, set to the value
 *	the write asks for, or to U32_MAX where it asks nothing
 * @n: slots in @vals
 *
 * Return: 0, or -EINVAL explained in last_cmd_status with upstream's
 * words (rdtgroup.c: mon_config_write()).
 */
int rctl_evt_config_parse(struct resctrl_res *r, unsigned int evt, char *buf,
			  u32 *vals, unsigned int n)
{
	u32 mask = r->desc->events[evt].config_mask;
	unsigned int i;
	int ret;

	for (i = 0; i < n; i++)
		vals[i] = U32_MAX;
	while (buf && *buf) {
		ret = rctl_evt_config_token(r, mask, strim(strsep(&buf, ";")),
					    vals, n);
		if (ret)
			return ret;
	}
	return 0;
}

static int rctl_evt_config_write(struct rctl_file_ctx *c, char *buf,
				 size_t nbytes)
{
	unsigned int evt = ((struct rctl_res_file *)c->priv)->evt;
	struct rctl_evt_config_call call = {};
	struct resctrl_res *r = c->r;
	unsigned int n = 0, i;
	struct resctrl_dom *d;
	u32 *vals, cur, want;
	int ret;

	/* Upstream: "Valid input requires a trailing newline". */
	if (!nbytes || buf[nbytes - 1] != '\n')
		return -EINVAL;
	buf[nbytes - 1] = '\0';
	for_each_rctl_domain(d, r)
		n++;
	vals = kcalloc(max(n, 1U), sizeof(*vals), GFP_KERNEL);
	if (!vals)
		return -ENOMEM;
	ret = rctl_evt_config_parse(r, evt, buf, vals, n);
	i = 0;
	for_each_rctl_domain(d, r) {
		if (ret)
			break;
		want = vals[i++];
		if (want == U32_MAX)
			continue;
		/* Unchanged: the counters go on, as upstream. */
		ret = rctl_evt_config_get(d, evt, &cur);
		if (ret || cur == want)
			continue;
		call.d = d;
		call.evt = evt;
		call.write = true;
		call.val = want;
		ret = rctl_dom_run(d, rctl_evt_config_fn, &call) ?: call.ret;
		if (ret) {
			rctl_status_printf("Domain %d: event configuration not written\n",
					   d->id);
			break;
		}
		/* The hardware cleared every bandwidth counter of the domain. */
		rctl_ctrs_clear(d);
	}
	kfree(vals);
	return ret;
}

static const struct rctl_file_attr rctl_evt_config_attr =
	RCTL_FILE_ATTR(NULL, 0644, rctl_res_file_res, rctl_evt_config_show,
		       rctl_evt_config_write);

/**
 * rctl_evt_config_add_files() - the <event>_config files of a resource
 * @r: a resource with monitoring
 * @dir: its info/<NAME>_MON directory
 *
 * Return: 0, or a negative error code.
 */
int rctl_evt_config_add_files(struct resctrl_res *r, struct kernfs_node *dir)
{
	char name[64];
	struct kernfs_node *kn;
	unsigned int i;

	if (!r->desc->ops->event_config_read || !r->desc->ops->event_config_write)
		return 0;
	for (i = 0; i < r->desc->num_events; i++) {
		if (!r->desc->events[i].config_mask)
			continue;
		snprintf(name, sizeof(name), "%s" RCTL_EVT_CONFIG_SUFFIX,
			 r->desc->events[i].name);
		kn = rctl_file_add(dir, &rctl_evt_config_attr, name, 0,
				   &r->evt_files[i]);
		if (IS_ERR(kn))
			return PTR_ERR(kn);
	}
	return 0;
}

/**
 * rctl_evt_configurable() - whether an event has a _config file
 * @r: the resource
 * @evt: index of the event
 *
 * Return: true if the driver declared a mask and the operations.
 */
bool rctl_evt_configurable(struct resctrl_res *r, unsigned int evt)
{
	return r->desc->events[evt].config_mask &&
	       r->desc->ops->event_config_read && r->desc->ops->event_config_write;
}
