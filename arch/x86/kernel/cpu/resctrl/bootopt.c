// SPDX-License-Identifier: GPL-2.0
/*
 * The rdt= boot option: switch single RDT features off, or on again where
 * a model quirk switches them off by default.
 *
 * Names and rules are upstream's (Documentation/admin-guide/
 * kernel-parameters.txt, "rdt="; arch/x86/kernel/cpu/resctrl/core.c of
 * 6.12): a comma-separated list in which "name" forces a feature on and
 * "!name" forces it off. A feature named both ways stays on, whatever
 * the order, and names nobody knows are ignored. The option can be given
 * more than once; the lists add up.
 *
 * Forcing on never creates a feature the CPU lacks: it only overrides a
 * quirk's default (see enumerate.c).
 */
#include <linux/export.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include <asm/cpufeatures.h>
#include <asm/resctrl.h>

#include "internal.h"

static const struct {
	const char *name;
	unsigned int feature;
} x86_rdt_opts[X86_RDT_NUM_OPTS] = {
	[X86_RDT_OPT_CMT]	= { "cmt",	X86_FEATURE_CQM_OCCUP_LLC },
	[X86_RDT_OPT_MBM_TOTAL]	= { "mbmtotal",	X86_FEATURE_CQM_MBM_TOTAL },
	[X86_RDT_OPT_MBM_LOCAL]	= { "mbmlocal",	X86_FEATURE_CQM_MBM_LOCAL },
	[X86_RDT_OPT_L3_CAT]	= { "l3cat",	X86_FEATURE_CAT_L3 },
	[X86_RDT_OPT_L3_CDP]	= { "l3cdp",	X86_FEATURE_CDP_L3 },
	[X86_RDT_OPT_L2_CAT]	= { "l2cat",	X86_FEATURE_CAT_L2 },
	[X86_RDT_OPT_L2_CDP]	= { "l2cdp",	X86_FEATURE_CDP_L2 },
	[X86_RDT_OPT_MBA]	= { "mba",	X86_FEATURE_MBA },
	[X86_RDT_OPT_SMBA]	= { "smba",	X86_FEATURE_SMBA },
	[X86_RDT_OPT_BMEC]	= { "bmec",	X86_FEATURE_BMEC },
};

/* What the command line said; read by modules long after boot. */
static struct x86_rdt_boot_opts x86_rdt_cmdline __ro_after_init;

/* The option of @name, @len characters long, or -1 if it has none. */
static int x86_rdt_opt_by_name(const char *name, size_t len)
{
	unsigned int i;

	for (i = 0; i < X86_RDT_NUM_OPTS; i++)
		if (strlen(x86_rdt_opts[i].name) == len &&
		    !strncmp(x86_rdt_opts[i].name, name, len))
			return i;
	return -1;
}

/**
 * x86_rdt_boot_parse() - add one rdt= list to a set of forced features
 * @str: the list, e.g. "cmt,!mba"; not modified
 * @opts: the set to add to
 *
 * Context: any; used at boot and by KUnit.
 */
void x86_rdt_boot_parse(const char *str, struct x86_rdt_boot_opts *opts)
{
	while (*str) {
		const char *end = strchrnul(str, ',');
		bool off = *str == '!';
		const char *name = str + off;
		int opt = x86_rdt_opt_by_name(name, end - name);

		if (opt >= 0)
			__set_bit(opt, off ? &opts->off : &opts->on);
		str = *end ? end + 1 : end;
	}
}

/**
 * x86_rdt_boot_state() - what a set of forced features says of one option
 * @opts: the set
 * @opt: the option, enum x86_rdt_opt
 *
 * Return: 1 if forced on (even if also forced off), -1 if only forced
 * off, 0 if not named.
 */
int x86_rdt_boot_state(const struct x86_rdt_boot_opts *opts, unsigned int opt)
{
	if (test_bit(opt, &opts->on))
		return 1;
	return test_bit(opt, &opts->off) ? -1 : 0;
}

/**
 * x86_rdt_boot_feature_opt() - the option that controls a feature flag
 * @feature: X86_FEATURE_*
 *
 * Return: enum x86_rdt_opt, or -1 for a feature no option controls.
 */
int x86_rdt_boot_feature_opt(unsigned int feature)
{
	unsigned int i;

	for (i = 0; i < X86_RDT_NUM_OPTS; i++)
		if (x86_rdt_opts[i].feature == feature)
			return i;
	return -1;
}

/**
 * x86_rdt_boot_cmdline() - the features the command line forced
 *
 * Return: the set the rdt= options built, empty if there was none.
 */
const struct x86_rdt_boot_opts *x86_rdt_boot_cmdline(void)
{
	return &x86_rdt_cmdline;
}

/**
 * x86_rdt_boot_option() - what the rdt= boot option says of one feature
 * @name: an option name of rdt=, without "!": "cmt", "mbmtotal",
 *	"mbmlocal", "l3cat", "l3cdp", "l2cat", "l2cdp", "mba", "smba" or
 *	"bmec"
 *
 * For model-specific drivers, which must honour the option like the
 * architectural resources do (e.g. upstream skips the Haswell-EP L3 CAT
 * probe with rdt=!l3cat). Model quirks are not included: a driver knows
 * its own model.
 *
 * Context: any, after the command line was parsed.
 *
 * Return: 1 if the command line forced the feature on (even if it also
 * forced it off), -1 if it forced it off only, 0 if it did not name it
 * or @name is not an option.
 */
int x86_rdt_boot_option(const char *name)
{
	int opt = x86_rdt_opt_by_name(name, strlen(name));

	return opt < 0 ? 0 : x86_rdt_boot_state(&x86_rdt_cmdline, opt);
}
EXPORT_SYMBOL_NS_GPL(x86_rdt_boot_option, RESCTRL);

/* Documented in Documentation/admin-guide/kernel-parameters.txt. */
static int __init x86_rdt_boot_setup(char *str)
{
	if (str)
		x86_rdt_boot_parse(str, &x86_rdt_cmdline);
	return 0;
}
early_param("rdt", x86_rdt_boot_setup);
