// SPDX-License-Identifier: GPL-2.0
/*
 * How CTRL_MON groups share the bits of bitmask resources: the "mode"
 * file of CTRL_MON groups, info/<NAME>/bit_usage, and the rules that keep
 * an exclusive group's bits its own. The "size" file is size.c's.
 *
 * Only BITMASK resources take part. Values of the other types are levels
 * or shares, not portions of a cache that two groups could overlap in, so
 * they are never checked and an exclusive group may share them freely.
 *
 * The rules, which are upstream's:
 *
 * - A group becomes exclusive only if, in every online domain of every
 *   bitmask resource, its mask overlaps neither another CTRL_MON group's
 *   mask nor the resource's shareable_bits (bits other agents may use).
 *   At least one bitmask resource must exist. The default group is no
 *   exception.
 * - No group may be given a mask that overlaps an exclusive group's mask
 *   in the same domain; shareable_bits do not count here.
 * - An exclusive group may not be given a mask that overlaps another
 *   group's mask or shareable_bits. Its own bits may change freely.
 * - A new CTRL_MON group starts, in each online domain, with the lowest
 *   run of contiguous bits that no exclusive group holds (shareable_bits
 *   and bits shareable groups hold included), and cannot be created when
 *   that run is shorter than min_cbm_bits.
 *
 * A domain that is offline is not checked: it keeps every group's value
 * and gets them back, unchecked, when a CPU returns. A resource that
 * registers while exclusive groups exist gives every group its full
 * mask: the exclusive groups keep their mode, and the overlaps show in
 * bit_usage until the masks are rewritten.
 *
 * Pseudo-locking is not implemented: the modes "pseudo-locksetup" and
 * "pseudo-locked" are refused as upstream refuses them on hardware that
 * cannot pseudo-lock.
 *
 * The checks need, per domain, the bits exclusive groups use and the bits
 * shareable groups use. Rather than walk every group for each check, each
 * domain counts per bit how many groups of each mode use it
 * (struct rctl_bit_counts), updated when a CTRL_MON group appears, goes,
 * changes mode or has its masks written; a group's own bits are taken
 * out of the counts to check it. What changes values wholesale (mount,
 * unmount, a CDP switch, a new domain) marks the counts stale, and the
 * next check counts afresh, once.
 *
 * Everything here runs with rctl_mutex held, after cpus_read_lock().
 */
#include <linux/bitops.h>
#include <linux/seq_file.h>
#include <linux/string.h>

#include "internal.h"

/* What "mode" reads, indexed by enum rctl_mode. */
static const char * const rctl_mode_names[] = {
	[RCTL_MODE_SHAREABLE] = "shareable",
	[RCTL_MODE_EXCLUSIVE] = "exclusive",
};

/**
 * struct rctl_bits_use - how CTRL_MON groups use the bits of one domain
 * @excl: bits in the masks of exclusive groups
 * @shared: bits in the masks of shareable groups
 * @hw: the resource's shareable_bits: used by other agents
 */
struct rctl_bits_use {
	u32 excl;
	u32 shared;
	u32 hw;
};

/* Extra controls, with their own scope or not, take no part. */
static bool rctl_is_bitmask(const struct resctrl_res *r)
{
	return r->desc->ctrl == RESCTRL_CTRL_BITMASK && !r->ctrl_of;
}

/*
 * The bits @closid holds in domain @d. With code/data prioritisation a
 * CLOSID holds two masks, and the bits of both count: a value is checked
 * against both halves of every other group, never its own other half.
 */
static u32 rctl_closid_bits(struct resctrl_dom *d, u32 closid)
{
	if (rctl_res_cdp(d->res))
		return *rctl_dom_val(d, closid, RESCTRL_CONF_CODE) |
		       *rctl_dom_val(d, closid, RESCTRL_CONF_DATA);
	return d->vals[closid];
}

/* Whether @g's masks in @d's resource are in @d's bit counts. */
static bool rctl_group_counted(const struct rctl_group *g,
			       struct resctrl_dom *d)
{
	return g && !rctl_is_mon_group(g) && !list_empty(&g->sibling) &&
	       g->closid < rctl_res_num_closid(d->res);
}

/* Add (@sign 1) or take out (@sign -1) @bits in @d's counts of @mode. */
static void rctl_count_bits(struct resctrl_dom *d, enum rctl_mode mode,
			    u32 bits, int sign)
{
	u32 *cnt = mode == RCTL_MODE_EXCLUSIVE ? d->bit_counts.excl :
						 d->bit_counts.shared;
	unsigned long b = bits;
	unsigned int bit;

	for_each_set_bit(bit, &b, 32)
		cnt[bit] += sign;
}

/* Count @d's bits afresh from every CTRL_MON group: once per staleness. */
static void rctl_count_dom(struct resctrl_dom *d)
{
	struct rctl_bit_counts *c = &d->bit_counts;
	const struct rctl_group *g;

	memset(c->excl, 0, sizeof(c->excl));
	memset(c->shared, 0, sizeof(c->shared));
	list_for_each_entry(g, &rctl_ctrl_groups, sibling)
		if (rctl_group_counted(g, d))
			rctl_count_bits(d, g->mode, rctl_closid_bits(d, g->closid), 1);
	c->valid = true;
}

/**
 * rctl_mode_count() - add a CTRL_MON group's masks to the bit counts, or
 *	take them out
 * @g: a CTRL_MON group on rctl_ctrl_groups
 * @sign: 1 after it joined the list, changed mode or had its masks
 *	written; -1 before it leaves the list, changes mode or has its
 *	masks written
 *
 * Costs the number of domains of bitmask resources, whatever the number
 * of groups. Stale counts are left alone: they are recounted when used.
 */
void rctl_mode_count(const struct rctl_group *g, int sign)
{
	struct resctrl_res *r;
	struct resctrl_dom *d;

	lockdep_assert_held(&rctl_mutex);
	list_for_each_entry(r, &rctl_resources, list) {
		if (!rctl_is_bitmask(r))
			continue;
		list_for_each_entry(d, &r->domains, list)
			if (!d->dead && d->bit_counts.valid &&
			    rctl_group_counted(g, d))
				rctl_count_bits(d, g->mode,
						rctl_closid_bits(d, g->closid), sign);
	}
}

/**
 * rctl_mode_counts_invalidate() - values changed wholesale: count afresh
 *
 * For the mount, the unmount and a CDP switch, which rewrite or
 * reinterpret every CLOSID's values.
 */
void rctl_mode_counts_invalidate(void)
{
	struct resctrl_res *r;
	struct resctrl_dom *d;

	lockdep_assert_held(&rctl_mutex);
	list_for_each_entry(r, &rctl_resources, list)
		list_for_each_entry(d, &r->domains, list)
			d->bit_counts.valid = false;
}

/* The bits used in @d by the groups of @cnt's mode, @own's left out. */
static u32 rctl_bits_of_counts(const u32 *cnt, u32 own)
{
	u32 bits = 0;
	unsigned int bit;

	for (bit = 0; bit < 32; bit++)
		if (cnt[bit] > !!(own & BIT(bit)))
			bits |= BIT(bit);
	return bits;
}

/* Fill @use for domain @d, leaving out @skip's masks (@skip may be NULL). */
static void rctl_bits_use_of(struct resctrl_dom *d,
			     const struct rctl_group *skip,
			     struct rctl_bits_use *use)
{
	const struct rctl_desc *desc = d->res->desc;
	u32 own_excl = 0, own_shared = 0;

	if (!d->bit_counts.valid)
		rctl_count_dom(d);
	if (rctl_group_counted(skip, d)) {
		if (skip->mode == RCTL_MODE_EXCLUSIVE)
			own_excl = rctl_closid_bits(d, skip->closid);
		else
			own_shared = rctl_closid_bits(d, skip->closid);
	}
	use->excl = rctl_bits_of_counts(d->bit_counts.excl, own_excl);
	use->shared = rctl_bits_of_counts(d->bit_counts.shared, own_shared);
	use->hw = desc->bitmask.shareable_bits;
}

/**
 * rctl_mode_check_val() - may a group be given a value in a domain?
 * @g: the CTRL_MON group a schemata write is for
 * @d: an online domain
 * @val: the value, already parsed and valid for the resource
 *
 * Called for each value a schemata write stages, before anything is
 * applied. Values of other types than bitmask are always allowed.
 *
 * Return: 0, or -EINVAL with the reason in last_cmd_status.
 */
int rctl_mode_check_val(const struct rctl_group *g, struct resctrl_dom *d,
			u32 val)
{
	struct rctl_bits_use use;

	lockdep_assert_held(&rctl_mutex);
	if (!rctl_is_bitmask(d->res))
		return 0;
	rctl_bits_use_of(d, g, &use);
	if (val & use.excl) {
		rctl_status_puts("Overlaps with exclusive group\n");
		return -EINVAL;
	}
	if (g->mode == RCTL_MODE_EXCLUSIVE && (val & (use.shared | use.hw))) {
		rctl_status_puts("Overlaps with other group\n");
		return -EINVAL;
	}
	return 0;
}

/* Whether @g may become exclusive; if not, say why. */
static int rctl_mode_exclusive_ok(const struct rctl_group *g)
{
	struct rctl_bits_use use;
	struct resctrl_res *r;
	struct resctrl_dom *d;
	bool any = false;

	for_each_rctl_resource(r) {
		if (!rctl_is_bitmask(r))
			continue;
		any = true;
		for_each_rctl_domain(d, r) {
			rctl_bits_use_of(d, g, &use);
			if (rctl_closid_bits(d, g->closid) &
			    (use.excl | use.shared | use.hw)) {
				rctl_status_puts("Schemata overlaps\n");
				return -EINVAL;
			}
		}
	}
	if (!any) {
		rctl_status_puts("Cannot be exclusive without CAT/CDP\n");
		return -EINVAL;
	}
	return 0;
}

/* Whether CDP splits a resource of the mount: upstream names it first. */
static bool rctl_mount_splits_any(void)
{
	struct resctrl_res *r;

	for_each_rctl_resource(r)
		if (rctl_res_cdp(r))
			return true;
	return false;
}

/* Make @g take mode @name, the text written to its "mode" file. */
static int rctl_mode_set(struct rctl_group *g, const char *name)
{
	int mode, ret;

	mode = match_string(rctl_mode_names, ARRAY_SIZE(rctl_mode_names), name);
	if (mode < 0) {
		if (strcmp(name, "pseudo-locksetup"))
			rctl_status_puts("Unknown or unsupported mode\n");
		else if (g == &rctl_default_group)
			rctl_status_puts("Cannot pseudo-lock default group\n");
		else if (rctl_mount_splits_any())
			rctl_status_puts("CDP enabled\n");
		else
			rctl_status_puts("Pseudo-locking not supported\n");
		return -EINVAL;
	}
	if (mode == g->mode)
		return 0;
	if (mode == RCTL_MODE_EXCLUSIVE) {
		ret = rctl_mode_exclusive_ok(g);
		if (ret)
			return ret;
	}
	rctl_mode_count(g, -1);
	g->mode = mode;
	rctl_mode_count(g, 1);
	return 0;
}

static int rctl_mode_show(struct rctl_file_ctx *c, struct seq_file *sf)
{
	seq_printf(sf, "%s\n", rctl_mode_names[c->g->mode]);
	return 0;
}

static int rctl_mode_write(struct rctl_file_ctx *c, char *buf, size_t nbytes)
{
	if (!nbytes || buf[nbytes - 1] != '\n') {
		rctl_status_puts("The mode must end with a newline\n");
		return -EINVAL;
	}
	/* Exactly the name and its newline, as upstream. */
	buf[nbytes - 1] = '\0';
	return rctl_mode_set(c->g, buf);
}

const struct rctl_file_attr rctl_mode_attr =
	RCTL_FILE_ATTR("mode", 0644, NULL, rctl_mode_show, rctl_mode_write);

/* The lowest run of contiguous set bits of @bits. */
static u32 rctl_lowest_run(u32 bits)
{
	u32 low = bits & -bits;

	/* Adding the lowest set bit carries through the run and clears it. */
	return bits & ~(bits + low);
}

/*
 * The first mask of a new group in domain @d: the group is not on
 * rctl_ctrl_groups yet, so its CLOSID is in no count.
 */
static u32 rctl_first_mask(struct resctrl_dom *d)
{
	struct rctl_bits_use use;

	rctl_bits_use_of(d, NULL, &use);
	return rctl_lowest_run((~use.excl | use.shared | use.hw) &
			       rctl_default_val(d->res->desc));
}

/* Give @closid mask @val in @d, in both halves with CDP. */
static int rctl_mode_init_val(struct resctrl_dom *d, u32 closid, u32 val)
{
	enum resctrl_conf_type type;
	unsigned int i;
	int ret;

	for (i = 0; i < rctl_res_nconf(d->res); i++) {
		type = rctl_res_conf(d->res, i);
		if (val == *rctl_dom_val(d, closid, type))
			continue;
		ret = rctl_dom_apply_type(d, closid, type, val);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * rctl_mode_init_closid() - the first masks of a new CTRL_MON group
 * @closid: the CLOSID of a CTRL_MON group being created, which holds the
 *	default values and is not yet on rctl_ctrl_groups
 *
 * In every online domain of every bitmask resource, the group gets the
 * lowest contiguous run of the bits that exclusive groups do not hold.
 * Without exclusive groups that is the full mask, the default.
 *
 * Return: 0; -ENOSPC if a domain has fewer such bits than min_cbm_bits,
 * before anything is applied; or the driver's error. Explained in
 * last_cmd_status.
 */
int rctl_mode_init_closid(u32 closid)
{
	struct resctrl_res *r;
	struct resctrl_dom *d;
	u32 val;
	int ret;

	lockdep_assert_held(&rctl_mutex);
	for_each_rctl_resource(r) {
		if (!rctl_is_bitmask(r) || closid >= rctl_res_num_closid(r))
			continue;
		for_each_rctl_domain(d, r) {
			val = rctl_first_mask(d);
			if (hweight32(val) < r->desc->bitmask.min_cbm_bits) {
				rctl_status_printf("No space on %s:%d\n",
						   r->desc->name, d->id);
				return -ENOSPC;
			}
		}
	}
	for_each_rctl_resource(r) {
		if (!rctl_is_bitmask(r) || closid >= rctl_res_num_closid(r))
			continue;
		for_each_rctl_domain(d, r) {
			val = rctl_first_mask(d);
			ret = rctl_mode_init_val(d, closid, val);
			if (ret) {
				rctl_status_puts("Failed to initialize allocations\n");
				return ret;
			}
		}
	}
	return 0;
}

/* The bit_usage letter of a bit, given who uses it. */
static char rctl_bit_letter(bool hw, bool shared, bool excl)
{
	if (hw)
		return shared ? 'X' : 'H';
	if (shared)
		return 'S';
	return excl ? 'E' : '0';
}

/**
 * rctl_show_bit_usage() - print info/<NAME>/bit_usage
 * @r: a bitmask resource
 * @sf: where to print
 *
 * For each online domain "<id>=" and one letter per bit, the highest bit
 * first: 0 unused, H used by hardware only (shareable_bits), X by
 * hardware and shareable groups, S by shareable groups, E by an exclusive
 * group. Upstream's P, pseudo-locked, cannot occur.
 */
void rctl_show_bit_usage(struct resctrl_res *r, struct seq_file *sf)
{
	struct rctl_bits_use use;
	struct resctrl_dom *d;
	const char *sep = "";
	u32 bit;

	lockdep_assert_held(&rctl_mutex);
	for_each_rctl_domain(d, r) {
		/* Every group counts. */
		rctl_bits_use_of(d, NULL, &use);
		seq_printf(sf, "%s%d=", sep, d->id);
		for (bit = BIT(r->desc->bitmask.cbm_len - 1); bit; bit >>= 1)
			seq_putc(sf, rctl_bit_letter(use.hw & bit, use.shared & bit,
						     use.excl & bit));
		sep = ";";
	}
	seq_putc(sf, '\n');
}
