// SPDX-License-Identifier: GPL-2.0
/*
 * The schemata file: one line per control resource of the mount,
 * "NAME:<id>=<val>;<id>=<val>..." over its online domains.
 *
 * A write may carry any subset of the lines and domains; what it does not
 * name keeps its value. It is all or nothing: every line is parsed and
 * checked before any value is applied, and if the driver fails to apply
 * one, the values already applied are put back.
 *
 * A resource that CDP splits has two lines, NAMEDATA and NAMECODE, and
 * no NAME line. Names are padded to the longest, counting the CDP
 * suffix of every resource that could be split, so that the columns do
 * not move between mounts with and without CDP, as upstream.
 *
 * A resource with extra controls has a NAME_SUFFIX line for each after
 * its own: first those that share its domains, then those with a scope
 * of their own, which the filesystem keeps as resources (scoped.c).
 * Lines that begin with '#' are comments: a write may carry them, and
 * they change nothing.
 */
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "internal.h"

/**
 * rctl_user_val() - the value schemata shows for a CLOSID in a domain
 * @d: an online domain of a control resource
 * @closid: the CLOSID
 * @type: which half, for a resource CDP splits; RESCTRL_CONF_BOTH else
 *
 * Return: the MBps target of a resource the controller steers (never
 * split), else the value in force.
 */
u32 rctl_user_val(struct resctrl_dom *d, u32 closid, enum resctrl_conf_type type)
{
	lockdep_assert_held(&rctl_mutex);
	if (d->res->mbps)
		return rctl_mbps_target(d, closid);
	return *rctl_dom_val(d, closid, type);
}

/**
 * rctl_user_set() - set the value a schemata write gives a CLOSID
 * @d: an online domain of a control resource
 * @closid: the CLOSID
 * @type: which half, for a resource CDP splits; RESCTRL_CONF_BOTH else
 * @val: the value, checked
 *
 * A resource the controller steers takes the value as its target, which
 * the controller reaches over the next periods; any other is programmed.
 *
 * Return: 0, or the driver's error.
 */
int rctl_user_set(struct resctrl_dom *d, u32 closid, enum resctrl_conf_type type,
		  u32 val)
{
	lockdep_assert_held(&rctl_mutex);
	if (!d->res->mbps)
		return rctl_dom_apply_type(d, closid, type, val);
	rctl_mbps_set_target(d, closid, val);
	return 0;
}

/* Longest value text of any control type, custom ones included. */
#define RCTL_VAL_LEN 64

static int rctl_name_width(void)
{
	struct resctrl_res *r;
	int width = 0;
	unsigned int i;

	for_each_rctl_resource(r) {
		if (rctl_res_has_ctrl(r))
			width = max_t(int, width, strlen(r->desc->name) +
				      (rctl_cdp_capable(r->desc) ? RCTL_CDP_SUFFIX_LEN : 0));
		for (i = 0; i < r->desc->num_ctrls; i++)
			width = max_t(int, width, strlen(r->desc->name) + 1 +
				      strlen(r->desc->ctrls[i].suffix));
	}
	return width;
}

static void rctl_schemata_val_show(struct seq_file *sf, struct resctrl_dom *d,
				   u32 closid, enum resctrl_conf_type type);

/* One line per control value type of @r: "NAME:<id>=<val>;..." */
static void rctl_ctrl_lines_show_res(struct seq_file *sf, struct resctrl_res *r,
				     u32 closid, int width, rctl_val_show_fn show)
{
	char name[RCTL_CONF_NAME_LEN];
	enum resctrl_conf_type type;
	struct resctrl_dom *d;
	const char *sep;
	unsigned int i;

	for (i = 0; i < rctl_res_nconf(r); i++) {
		type = rctl_res_conf(r, i);
		rctl_conf_name(r, type, name, sizeof(name));
		seq_printf(sf, "%*s:", width, name);
		sep = "";
		for_each_rctl_domain(d, r) {
			seq_printf(sf, "%s%d=", sep, d->id);
			show(sf, d, closid, type);
			sep = ";";
		}
		seq_putc(sf, '\n');
	}
}

/* The "NAME_SUFFIX:<id>=<val>;..." line of each extra control of @r. */
static void rctl_extra_lines_show(struct seq_file *sf, struct resctrl_res *r,
				  u32 closid, int width)
{
	const struct resctrl_ctrl_desc *c;
	char name[RCTL_CONF_NAME_LEN];
	char text[RCTL_VAL_LEN];
	struct resctrl_dom *d;
	const char *sep;
	unsigned int i;

	for (i = 0; i < r->desc->num_ctrls; i++) {
		c = &r->desc->ctrls[i];
		rctl_extra_name(r, i, name, sizeof(name));
		seq_printf(sf, "%*s:", width, name);
		sep = "";
		for_each_rctl_domain(d, r) {
			rctl_extra_format_val(c, d->ctrl_vals[i][closid], text,
					      sizeof(text));
			seq_printf(sf, "%s%d=%s", sep, d->id, text);
			sep = ";";
		}
		seq_putc(sf, '\n');
	}
}

/**
 * rctl_ctrl_lines_show() - print a group file laid out as schemata
 * @sf: the seq_file of a CTRL_MON group's file
 * @g: the group
 * @show: prints one domain's value
 *
 * The lines of every control resource of the mount, names padded alike,
 * for @g; "schemata" and "size" differ only in how a value prints.
 * Context: rctl_lock() held.
 */
void rctl_ctrl_lines_show(struct seq_file *sf, struct rctl_group *g,
			  rctl_val_show_fn show)
{
	struct resctrl_res *r;
	int width;

	lockdep_assert_held(&rctl_mutex);
	width = rctl_name_width();
	for_each_rctl_resource(r) {
		/* Extra controls have values, not sizes. */
		if (show != rctl_schemata_val_show && r->ctrl_of)
			continue;
		if (rctl_res_has_ctrl(r))
			rctl_ctrl_lines_show_res(sf, r, g->closid, width, show);
		if (show == rctl_schemata_val_show)
			rctl_extra_lines_show(sf, r, g->closid, width);
	}
}

static void rctl_schemata_val_show(struct seq_file *sf, struct resctrl_dom *d,
				   u32 closid, enum resctrl_conf_type type)
{
	char text[RCTL_VAL_LEN];

	rctl_format_val(d->res, d, rctl_user_val(d, closid, type), text,
			sizeof(text));
	seq_puts(sf, text);
}

static int rctl_schemata_show(struct rctl_file_ctx *c, struct seq_file *sf)
{
	rctl_ctrl_lines_show(sf, c->g, rctl_schemata_val_show);
	return 0;
}

/**
 * struct rctl_staged - one value a schemata write wants to set
 * @dom: the domain
 * @type: the half of the CLOSID, RESCTRL_CONF_BOTH without CDP
 * @ctrl: 0 for the resource's main control, i + 1 for its extra
 *	control i
 * @val: the new value
 * @applied: it was programmed, to be undone if a later one fails
 * @old: the value before, for undoing
 */
struct rctl_staged {
	struct resctrl_dom *dom;
	enum resctrl_conf_type type;
	unsigned int ctrl;
	u32 val;
	bool applied;
	u32 old;
};

struct rctl_stage {
	const struct rctl_group *group;
	struct rctl_staged *vals;
	unsigned int nr;
	unsigned int max;
};

static bool rctl_stage_has(struct rctl_stage *st, struct resctrl_dom *d,
			   enum resctrl_conf_type type, unsigned int ctrl)
{
	unsigned int i;

	for (i = 0; i < st->nr; i++)
		if (st->vals[i].dom == d && st->vals[i].type == type &&
		    st->vals[i].ctrl == ctrl)
			return true;
	return false;
}

/*
 * "<id>=<val>;<id>=<val>" for the @type line of resource @r, or with
 * @ctrl > 0 for the line of its extra control @ctrl - 1.
 */
static int rctl_stage_line(struct rctl_stage *st, struct resctrl_res *r,
			   enum resctrl_conf_type type, unsigned int ctrl,
			   char *line)
{
	struct resctrl_dom *d;
	char *dom, *id_text;
	unsigned long id;
	u32 val;

	while (line && *line) {
		dom = strsep(&line, ";");
		id_text = strsep(&dom, "=");
		/*
		 * As upstream 6.12's parse_line(): the id is not trimmed, so
		 * a blank before or after it is refused, and an id that no
		 * int holds (4294967296 and above, or above INT_MAX) names
		 * no domain rather than wrapping to a small one.
		 */
		if (!dom || kstrtoul(id_text, 10, &id)) {
			rctl_status_puts("Missing '=' or non-numeric domain\n");
			return -EINVAL;
		}
		d = id > INT_MAX ? NULL : rctl_find_dom(r, id);
		if (!d || !d->online) {
			rctl_status_printf("%s: no domain %lu\n", r->desc->name, id);
			return -EINVAL;
		}
		if (rctl_stage_has(st, d, type, ctrl)) {
			rctl_status_printf("Duplicate domain %d\n", d->id);
			return -EINVAL;
		}
		/*
		 * The reasons are upstream's, byte for byte, so they do not
		 * all name the resource and the domain.
		 */
		if (ctrl) {
			if (rctl_extra_parse_val(r, &r->desc->ctrls[ctrl - 1],
						 strim(dom), &val))
				return -EINVAL;
		} else if (rctl_parse_val(r, d, strim(dom), &val) ||
			   rctl_mode_check_val(st->group, d, val)) {
			return -EINVAL;
		}
		if (WARN_ON_ONCE(st->nr == st->max))
			return -EINVAL;
		st->vals[st->nr++] = (struct rctl_staged){ .dom = d, .type = type,
							   .ctrl = ctrl, .val = val };
	}
	return 0;
}

/*
 * The control resource of the mount whose schemata line is called
 * @name, the half of its CLOSIDs the line is for, and in @ctrl 0 for its
 * main control or i + 1 for its extra control i; NULL if none.
 */
static struct resctrl_res *rctl_find_line(const char *name,
					  enum resctrl_conf_type *type,
					  unsigned int *ctrl)
{
	char line_name[RCTL_CONF_NAME_LEN];
	struct resctrl_res *r;
	unsigned int i;

	for_each_rctl_resource(r) {
		if (!rctl_res_has_ctrl(r))
			continue;
		*ctrl = 0;
		for (i = 0; i < rctl_res_nconf(r); i++) {
			*type = rctl_res_conf(r, i);
			rctl_conf_name(r, *type, line_name, sizeof(line_name));
			if (!strcmp(line_name, name))
				return r;
		}
		*type = RESCTRL_CONF_BOTH;
		for (i = 0; i < r->desc->num_ctrls; i++) {
			rctl_extra_name(r, i, line_name, sizeof(line_name));
			*ctrl = i + 1;
			if (!strcmp(line_name, name))
				return r;
		}
	}
	return NULL;
}

/* One "NAME:values" line of the write. */
static int rctl_stage_text_line(struct rctl_stage *st, char *line)
{
	enum resctrl_conf_type type;
	struct resctrl_res *r;
	unsigned int ctrl;
	char *name;

	/* A comment, as a read-modify-write may carry back. */
	if (*skip_spaces(line) == '#')
		return 0;
	name = strim(strsep(&line, ":"));
	if (!line) {
		rctl_status_puts("Missing ':'\n");
		return -EINVAL;
	}
	if (!*line) {
		rctl_status_printf("Missing '%s' value\n", name);
		return -EINVAL;
	}
	r = rctl_find_line(name, &type, &ctrl);
	if (!r) {
		rctl_status_printf("Unknown or unsupported resource name '%s'\n",
				   name);
		return -EINVAL;
	}
	return rctl_stage_line(st, r, type, ctrl, line);
}

static u32 rctl_staged_get(struct rctl_staged *s, u32 closid)
{
	if (s->ctrl)
		return s->dom->ctrl_vals[s->ctrl - 1][closid];
	return rctl_user_val(s->dom, closid, s->type);
}

static int rctl_staged_set(struct rctl_staged *s, u32 closid, u32 val)
{
	if (s->ctrl)
		return rctl_dom_apply_extra(s->dom, s->ctrl - 1, closid, val);
	return rctl_user_set(s->dom, closid, s->type, val);
}

static void rctl_staged_name(struct rctl_staged *s, char *name, size_t len)
{
	struct resctrl_res *r = s->dom->res;

	if (s->ctrl)
		rctl_extra_name(r, s->ctrl - 1, name, len);
	else
		rctl_conf_name(r, s->type, name, len);
}

static int rctl_stage_apply(struct rctl_stage *st, u32 closid)
{
	char name[RCTL_CONF_NAME_LEN];
	struct rctl_staged *s;
	unsigned int i;
	int ret = 0;

	for (i = 0; i < st->nr && !ret; i++) {
		s = &st->vals[i];
		s->old = rctl_staged_get(s, closid);
		if (s->val == s->old)
			continue;
		ret = rctl_staged_set(s, closid, s->val);
		if (ret) {
			rctl_staged_name(s, name, sizeof(name));
			rctl_status_printf("%s: domain %d: the driver failed to apply (%d)\n",
					   name, s->dom->id, ret);
		} else {
			s->applied = true;
		}
	}
	if (!ret)
		return 0;
	/* Put back what was applied before the failure. */
	while (i--) {
		s = &st->vals[i];
		if (!s->applied || !rctl_staged_set(s, closid, s->old))
			continue;
		rctl_staged_name(s, name, sizeof(name));
		rctl_status_printf("%s: domain %d: could not restore the old value\n",
				   name, s->dom->id);
	}
	return ret;
}

static unsigned int rctl_count_ctrl_domains(void)
{
	struct resctrl_res *r;
	struct resctrl_dom *d;
	unsigned int n = 0;

	for_each_rctl_resource(r) {
		if (rctl_res_has_ctrl(r)) {
			for_each_rctl_domain(d, r)
				n += rctl_res_nconf(r) + r->desc->num_ctrls;
		}
	}
	return n;
}

/**
 * rctl_schemata_apply_text() - stage and apply the lines of a write
 * @g: the CTRL_MON group written to
 * @buf: the lines, '\n'-separated, the final newline already removed
 *
 * Every line is parsed and checked, then every value applied; if the
 * driver fails one, those already applied are put back. Lines beginning
 * with '#' are skipped. Called with cpus_read_lock() and rctl_mutex
 * held; explains failures in last_cmd_status.
 *
 * Return: 0, -EINVAL for a bad line, -ENOMEM, or the driver's error.
 */
int rctl_schemata_apply_text(struct rctl_group *g, char *buf)
{
	struct rctl_stage st = { .group = g };
	char *line;
	int ret = 0;

	lockdep_assert_held(&rctl_mutex);
	st.max = rctl_count_ctrl_domains();
	st.vals = kcalloc(max(st.max, 1U), sizeof(*st.vals), GFP_KERNEL);
	if (!st.vals) {
		rctl_status_puts("Kernel out of memory\n");
		return -ENOMEM;
	}
	while (!ret && (line = strsep(&buf, "\n")))
		ret = rctl_stage_text_line(&st, line);
	if (!ret) {
		/* The group's masks leave the bit counts while they change. */
		rctl_mode_count(g, -1);
		ret = rctl_stage_apply(&st, g->closid);
		rctl_mode_count(g, 1);
	}
	kfree(st.vals);
	return ret;
}

static int rctl_schemata_write(struct rctl_file_ctx *c, char *buf,
			       size_t nbytes)
{
	if (!nbytes || buf[nbytes - 1] != '\n') {
		rctl_status_puts("Schemata lines must end with a newline\n");
		return -EINVAL;
	}
	buf[nbytes - 1] = '\0';
	return rctl_schemata_apply_text(c->g, buf);
}

const struct rctl_file_attr rctl_schemata_attr =
	RCTL_FILE_ATTR("schemata", 0644, NULL, rctl_schemata_show,
		       rctl_schemata_write);
