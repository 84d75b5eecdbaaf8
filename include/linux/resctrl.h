/* SPDX-License-Identifier: GPL-2.0 */
/*
 * resctrl: the contract between the resource control filesystem and the
 * drivers that provide resources to it.
 */
#ifndef _LINUX_RESCTRL_H
#define _LINUX_RESCTRL_H

#include <linux/init.h>
#include <linux/types.h>

/**
 * DOC: Overview
 *
 * A driver describes a resource with a constant &struct
 * resctrl_resource_desc, states what one instance of its hardware offers
 * in a &struct resctrl_resource_caps, and registers both. The filesystem
 * creates every file the resource needs (its schemata line in each
 * CTRL_MON group, info/<NAME>/, mon_data/mon_<NAME>_<id>/ in each
 * CTRL_MON and MON group, the extra files the driver declares) and calls
 * the driver back through &struct resctrl_resource_ops. The filesystem
 * owns the syntax of values, the CLOSIDs and RMIDs, the groups, the
 * domains of CPU-derived scopes and, with
 * &resctrl_resource_desc.group_data_size, the driver's per-group data.
 *
 * The API is exported in the RESCTRL symbol namespace.
 */

struct cpumask;
struct module;
struct pid;
struct pid_namespace;
struct seq_file;
struct task_struct;

/* Opaque handles owned by the filesystem. */
struct resctrl_res;
struct resctrl_dom;

/**
 * enum resctrl_scope - what a resource's domains are
 * @RESCTRL_SCOPE_L2: one domain per L2 cache, id = the cache id
 * @RESCTRL_SCOPE_L3: one domain per L3 cache, id = the cache id
 * @RESCTRL_SCOPE_NODE: one domain per NUMA node, id = the node id
 * @RESCTRL_SCOPE_PACKAGE: one domain per package (socket), id = the
 *	physical package id
 * @RESCTRL_SCOPE_DEVICE: domains the driver declares with
 *	resctrl_add_device_domain(), such as one per accelerator
 *
 * The filesystem builds and maintains the domains of every scope but
 * DEVICE from CPU topology, following CPU hotplug.
 */
enum resctrl_scope {
	RESCTRL_SCOPE_L2,
	RESCTRL_SCOPE_L3,
	RESCTRL_SCOPE_NODE,
	RESCTRL_SCOPE_PACKAGE,
	RESCTRL_SCOPE_DEVICE,
};

/**
 * enum resctrl_ctrl_type - how a resource is controlled; the filesystem
 *	parses, checks and prints the values of every type but CUSTOM
 * @RESCTRL_CTRL_NONE: not controlled: monitoring only
 * @RESCTRL_CTRL_BITMASK: a capacity bitmask, written and shown in hex
 *	(struct resctrl_bitmask_params)
 * @RESCTRL_CTRL_PERCENT: a percentage rounded up to a granularity, as
 *	upstream MB (struct resctrl_range_params)
 * @RESCTRL_CTRL_MBPS: a bandwidth in MBps (struct resctrl_range_params)
 * @RESCTRL_CTRL_SCALAR: a decimal in [min, max] (struct
 *	resctrl_range_params)
 * @RESCTRL_CTRL_CUSTOM: a value the driver parses and formats through
 *	&resctrl_resource_ops.parse and .format
 */
enum resctrl_ctrl_type {
	RESCTRL_CTRL_NONE,
	RESCTRL_CTRL_BITMASK,
	RESCTRL_CTRL_PERCENT,
	RESCTRL_CTRL_MBPS,
	RESCTRL_CTRL_SCALAR,
	RESCTRL_CTRL_CUSTOM,
};

/**
 * enum resctrl_conf_type - which half of a CLOSID a value is for
 * @RESCTRL_CONF_BOTH: code and data alike: the only type unless code and
 *	data prioritisation (CDP) is in force
 * @RESCTRL_CONF_CODE: instruction fetches, with CDP
 * @RESCTRL_CONF_DATA: data accesses, with CDP
 *
 * With CDP (mount options cdp for scope L3, cdpl2 for L2) a resource
 * that declares &resctrl_resource_caps.cdp_capable shows as two schemata
 * lines, NAMEDATA and NAMECODE, each with half the CLOSIDs: its
 * &resctrl_resource_ops.apply then gets CODE and DATA values for the
 * CLOSIDs below half its num_closid, and BOTH values again once the
 * filesystem is unmounted.
 */
enum resctrl_conf_type {
	RESCTRL_CONF_BOTH,
	RESCTRL_CONF_CODE,
	RESCTRL_CONF_DATA,
};

/**
 * struct resctrl_bitmask_params - parameters of a BITMASK resource
 * @cbm_len: number of bits in the mask
 * @min_cbm_bits: fewest bits a mask may have set
 * @shareable_bits: bits that other agents (I/O, ...) may use too
 * @sparse: non-contiguous masks are allowed
 * @cache_bytes: the bytes the whole mask stands for in each domain, from
 *	which a group's "size" file counts the bytes of its masks. 0: for
 *	RESCTRL_SCOPE_L2 and RESCTRL_SCOPE_L3, the size of that level's CPU
 *	cache (cacheinfo of a CPU of the domain); for other scopes unknown,
 *	and sizes read 0.
 */
struct resctrl_bitmask_params {
	u32 cbm_len;
	u32 min_cbm_bits;
	u32 shareable_bits;
	bool sparse;
	u64 cache_bytes;
};

/**
 * struct resctrl_range_params - parameters of PERCENT, MBPS and SCALAR
 *	resources
 * @min: smallest value accepted
 * @max: largest value accepted; also the default
 * @granularity: PERCENT only: values are rounded up to a multiple of it
 * @delay_linear: PERCENT only: what info/<NAME>/delay_linear reports;
 *	only a linear resource can be steered by the mba_MBps controller
 * @width: PERCENT and MBPS: columns a value is padded to in schemata; 0
 *	means 3, as upstream prints Intel MB (AMD MB uses 4)
 */
struct resctrl_range_params {
	u32 min;
	u32 max;
	u32 granularity;
	bool delay_linear;
	u8 width;
};

/**
 * struct resctrl_ctrl_desc - a named extra control of a resource, next to
 *	its main control
 * @suffix: the control's name after the resource's: its schemata line
 *	and its info/<NAME>/resource_schemata/ directory are called
 *	<NAME>_<suffix>. Upstream's suffixes are MIN, MAX, OPT and NODE.
 * @id: the driver's number for the control, passed to
 *	&resctrl_resource_ops.apply_ctrl
 * @ctrl: its type: BITMASK, PERCENT, MBPS or SCALAR (the filesystem
 *	parses, checks and prints its values as for a resource of the type)
 * @bitmask: parameters of a BITMASK control (@bitmask.cache_bytes is
 *	not used)
 * @range: parameters of a PERCENT, MBPS or SCALAR control; @range.min is
 *	its default when @default_min is set, @range.max otherwise
 * @default_min: a new group (and a reset) gets the minimum instead of
 *	the maximum, as a "minimum guaranteed" control wants
 * @unit: what the value counts, for resource_schemata/<SCHEMA>/unit;
 *	NULL for the type's: "all" (a share of the whole) for BITMASK and
 *	PERCENT, "MBps" for MBPS, "none" for SCALAR
 * @resolution: SCALAR only: what resource_schemata/<SCHEMA>/resolution
 *	says (the divisor of a written value, or the number of divisions of
 *	the whole for a share); 0 means 1
 * @own_scope: the control has domains of its own, of @scope, rather
 *	than the resource's: a node-scope bandwidth limit next to an
 *	L3-scope MB, as upstream's MB_NODE
 * @scope: with @own_scope: what the control's domains are; any scope
 *	the filesystem builds from topology (not DEVICE)
 * @memory_nodes: with @own_scope and @scope NODE: every NUMA node with
 *	memory is a domain of the control too, with or without CPUs, as
 *	&resctrl_resource_desc.memory_nodes says for a resource
 *
 * An extra control has one value per CLOSID in each of its domains and is
 * never split by CDP. Without @own_scope its domains are the resource's.
 * With it, the filesystem keeps a domain list of @scope for the control
 * alone, following CPU (and with @memory_nodes memory) hotplug with the
 * same keep-values rule as the resource's; the control's schemata line
 * comes after the resource's other lines, and its description still
 * sits in info/<NAME>/resource_schemata/. Its domains are not the
 * resource's: see &resctrl_resource_ops.apply_ctrl.
 */
struct resctrl_ctrl_desc {
	const char *suffix;
	u32 id;
	enum resctrl_ctrl_type ctrl;
	union {
		struct resctrl_bitmask_params bitmask;
		struct resctrl_range_params range;
	};
	bool default_min;
	const char *unit;
	u32 resolution;
	bool own_scope;
	enum resctrl_scope scope;
	bool memory_nodes;
};

/**
 * struct resctrl_event_desc - a monitoring event of a resource
 * @name: the file name in mon_data/mon_<NAME>_<id>/, and the line in
 *	info/<NAME>_MON/mon_features
 * @id: the driver's number for the event, passed to read_event
 * @frac_bits: 0 for an integer count; otherwise (at most 24) the value is fixed point
 *	with this many fractional bits and is printed as a decimal fraction
 * @occupancy: the count is a level that lingers after a group is gone
 *	(cache occupancy): a freed RMID waits in limbo until no domain
 *	counts more than info/<NAME>_MON/max_threshold_occupancy for it
 * @bandwidth: the count is a running total of the bytes the group moved
 *	to or from memory (an integer: @frac_bits must be 0), so that its
 *	rate is the group's memory bandwidth. With the mount option
 *	mba_MBps the filesystem's software controller uses it to steer a
 *	PERCENT resource whose domains have the same scope (matched by
 *	domain id; for DEVICE scope, only the resource's own control);
 *	among several such events it prefers one named "mbm_local_bytes".
 *	See Documentation/driver-api/resctrl.rst.
 * @scale: optional; the step the hardware counts in, in the event's unit
 *	(bytes for x86 occupancy and MBM: CPUID.0xF.1 EBX). For an
 *	@occupancy event max_threshold_occupancy is rounded down to a
 *	multiple of it, its default and every write, as upstream. For a
 *	running count (@width) the filesystem multiplies the counted units
 *	by it. 0 or 1: no rounding, no scaling.
 * @width: 0 for an absolute count: what &resctrl_resource_ops.read_event
 *	returns is the group's count, and the driver keeps it starting from
 *	zero for a new group. Otherwise a running count: read_event returns
 *	the hardware counter, @width bits (at most 64) that wrap, and the
 *	filesystem keeps the rest: the baseline read when the RMID is handed
 *	out (counts start at mkdir), wrap-around, the overflow worker that
 *	reads every counter in use once a second while mounted, and after a
 *	read that returned -ENODATA it counts from zero again (a counter the
 *	hardware restarts). Such a driver needs no
 *	&resctrl_resource_ops.rmid_reset for counts.
 * @correct: optional, running counts only; the corrected count of @rmid
 *	for @units counted, before @scale (errata such as Intel BDF102 and
 *	SKX99 scale high RMIDs' counts). Called where read_event is, under
 *	the same rules; must not sleep.
 * @config_mask: optional; the event's sources can be chosen, as AMD's
 *	BMEC (CPUID 0x80000020): info/<NAME>_MON/<name>_config shows and
 *	takes a value per domain, the bits of this mask only, through
 *	&resctrl_resource_ops.event_config_read and .event_config_write, and
 *	mon_features lists "<name>_config". A changed value restarts the
 *	domain's running counts.
 */
struct resctrl_event_desc {
	const char *name;
	u32 id;
	u8 frac_bits;
	bool occupancy;
	bool bandwidth;
	u32 scale;
	u8 width;
	u64 (*correct)(struct resctrl_res *r, u32 rmid, u64 units);
	u32 config_mask;
};

/**
 * struct resctrl_info_attr - an extra file in info/<NAME>/
 * @name: file name
 * @show: print the file. Context: process, the filesystem lock held; may
 *	sleep. Return 0 or a negative errno.
 * @write: optional; parse a write. @buf is NUL terminated. Context as
 *	@show. Return 0 or a negative errno; explain failures with
 *	resctrl_last_cmd_printf().
 */
struct resctrl_info_attr {
	const char *name;
	int (*show)(struct resctrl_res *r, struct seq_file *sf);
	int (*write)(struct resctrl_res *r, char *buf);
};

/**
 * struct resctrl_group_attr - an extra file in every CTRL_MON group, such
 *	as the device channels assigned to the group
 * @name: file name
 * @show: print the file for the group with @closid and @rmid; what the
 *	driver keeps for the group is in resctrl_group_data(). Context:
 *	process, the filesystem lock held; may sleep. Return 0 or -errno.
 * @write: optional; parse a write for the group. Context as @show.
 *	Return 0 or a negative errno, explained with
 *	resctrl_last_cmd_printf().
 */
struct resctrl_group_attr {
	const char *name;
	int (*show)(struct resctrl_res *r, u32 closid, u32 rmid,
		    struct seq_file *sf);
	int (*write)(struct resctrl_res *r, u32 closid, u32 rmid, char *buf);
};

/**
 * DOC: Calling context
 *
 * The filesystem calls a driver's operations with its own lock held,
 * taken after cpus_read_lock(): the operations of one resource never run
 * concurrently with each other, and never race with its domains coming
 * and going or with CPU hotplug. The lock is not exported, and no
 * operation may call the registration API (resctrl_register_resource(),
 * resctrl_unregister_resource(), resctrl_add_device_domain(),
 * resctrl_remove_device_domain(), resctrl_res_set_limits()): those take
 * the lock themselves.
 *
 * Each operation's description says where it runs. "Process context"
 * means a task that may sleep; "domain CPU" means, when
 * &resctrl_resource_desc.run_on_domain_cpu is set, an IPI on a CPU of the
 * domain with interrupts disabled, where the operation must not sleep
 * and data it shares with other code needs raw spinlocks. Without
 * run_on_domain_cpu those operations run in process context too.
 */

/**
 * DOC: Lifetime
 *
 * A resource exists from resctrl_register_resource() until
 * resctrl_unregister_resource() returns. Either may be called at any
 * time, with the filesystem mounted or not. Registration brings the
 * domains of CPU-derived scopes online (&resctrl_resource_ops.domain_online
 * for each) and gives every CLOSID its default value; while mounted, the
 * resource's files then appear in every group at once. A resource that
 * cannot serve the CLOSIDs or RMIDs that groups already hold is refused
 * with -EBUSY, explained in info/last_cmd_status.
 *
 * Unregistration removes the resource's files first, takes its domains
 * offline (&resctrl_resource_ops.domain_offline) and returns only when no
 * file operation that was using the resource is left: after it returns
 * no operation of the resource runs again, and the driver may free what
 * the operations use. Groups keep their CLOSIDs and RMIDs and the values
 * of the other resources.
 *
 * The filesystem takes no reference on the driver's module: a module's
 * exit unregisters, and then may go. The description, the operations, the
 * events and the extra files must stay valid until unregistration
 * returns; the &struct resctrl_resource_caps is copied at registration.
 * devm_resctrl_register_resource() ties the resource to a device: it is
 * unregistered when the driver unbinds from the device.
 *
 * A DEVICE domain exists from resctrl_add_device_domain() until
 * resctrl_remove_device_domain() returns; the same rule applies: after
 * the removal returns, no operation runs for the domain.
 */

/**
 * DOC: Per-group data
 *
 * A driver that keeps state per CTRL_MON group, such as the value of one
 * of its &resctrl_resource_desc.files, declares its size in
 * &resctrl_resource_desc.group_data_size. The filesystem allocates it for
 * every CLOSID the resource serves when the resource registers, zeroes it
 * whenever a new CTRL_MON group takes the CLOSID, so that nothing of an
 * earlier group with the same CLOSID is seen, and frees it when the
 * resource unregisters. resctrl_group_data() returns it; it may be used
 * wherever the filesystem lock is held, that is in every operation that
 * runs in process context.
 */

/**
 * DOC: Rival providers
 *
 * Two drivers may be able to drive the same hardware: the x86 backend's
 * CPUID-enumerated L3 CAT and a model-specific driver, for instance.
 * Their descriptions then give the same &resctrl_resource_desc.claim, and
 * only one of them serves a mount: the first registered that the mount
 * does not hide. The others are left out with a kernel message, and the
 * user picks another with the mount option hide=NAME. One registered
 * while mounted next to a shown rival stays out until the next mount.
 */

/**
 * struct resctrl_resource_ops - how the filesystem reaches a driver
 *
 * Every operation is called with the filesystem lock held; see "Calling
 * context" above for what "process context" and "domain CPU" mean.
 *
 * @apply: required for a control resource. Program @val for the @type
 *	half of @closid in domain @d (see enum resctrl_conf_type). Called for
 *	every value that changes, after the whole write was checked. Runs
 *	on a domain CPU (must not sleep then). Return: 0 or a negative
 *	errno; a failure is reported to the writer, and the value the
 *	filesystem shows stays the old one.
 * @read_event: required for a monitoring resource. Read event @evt of the
 *	group with @closid and @rmid in domain @d into @val (the unit of the
 *	event; see &resctrl_event_desc.width for running counts). Context:
 *	domain CPU; must not sleep then. Return: 0, -EIO (the file reads
 *	"Error") or -ENODATA (the file reads "Unavailable").
 * @read_events: optional. Read event @evt of the groups with @closid and
 *	each of the @n RMIDs of @rmids in domain @d, as @n calls of
 *	@read_event would: the count of @rmids[i] into @vals[i], and what
 *	@read_event would have returned for it into @rets[i]. The filesystem
 *	calls it, when given, to read a CTRL_MON group and its MON groups
 *	(at most 32 RMIDs a call), so that a driver can check and lock once
 *	for all of them; everything else is read with @read_event. Context:
 *	as @read_event, interrupts off with run_on_domain_cpu.
 * @domain_online: optional. Domain @d is about to be used: set up its
 *	hardware. resctrl_dom_cpus() holds every online CPU of the domain at
 *	registration, the arriving CPU on hotplug; CPUs that join or leave it
 *	later are told with @cpu_join and @cpu_leave. Context: process, may
 *	sleep; at registration, at resctrl_add_device_domain(), or in the CPU
 *	hotplug online callback (CPU hotplug in progress: cpus_read_lock()
 *	must not be taken). Return: 0, or a negative errno to refuse the
 *	domain: the CPU that brought it online then fails to come online, and
 *	a registration fails. Prefer -EIO or -EPERM: the CPU online path
 *	retries -EBUSY several times.
 * @domain_offline: optional. Domain @d is no longer used; it keeps its
 *	values, applied again if it comes back. Context as @domain_online,
 *	or the CPU hotplug offline callback.
 * @cpu_join: optional. @cpu came online and joined domain @d, which was
 *	online already (the CPU that brings a domain online gets
 *	@domain_online instead): set up per-CPU state there, such as a per-CPU
 *	configuration register the domain's other CPUs hold.
 *	resctrl_dom_cpus() includes @cpu. Context: the CPU hotplug online
 *	callback, on @cpu itself, before tasks of a group run there; process,
 *	may sleep; CPU hotplug in progress. Not called at registration,
 *	whose @domain_online sees every CPU.
 * @cpu_leave: optional. @cpu goes offline and leaves domain @d, which
 *	stays online with its other CPUs (the last CPU's leaving calls
 *	@domain_offline instead). resctrl_dom_cpus() no longer includes @cpu.
 *	Context as @cpu_join, on @cpu itself.
 * @rmid_reset: optional; needed by drivers of absolute counts. A new
 *	group took @rmid: in domain @d, its counts start from zero (forget
 *	totals kept for an earlier group). Called for every online domain,
 *	in process context even with run_on_domain_cpu; may sleep. Running
 *	counts (&resctrl_event_desc.width) start from zero without it.
 * @event_config_read: optional, with &resctrl_event_desc.config_mask.
 *	The configuration of event @evt (the driver's id) in domain @d into
 *	@val. Context: domain CPU, as @read_event. Return: 0 or a negative
 *	errno.
 * @event_config_write: optional, with &resctrl_event_desc.config_mask.
 *	Program @val, already checked against the mask, for event @evt in
 *	domain @d. Context: domain CPU. Return: 0 or a negative errno.
 * @parse: required for RESCTRL_CTRL_CUSTOM, unused otherwise. Turn the
 *	text of one domain's value into @val. Context: process, may sleep;
 *	returns 0, or -EINVAL with the reason in resctrl_last_cmd_printf().
 * @format: required for RESCTRL_CTRL_CUSTOM, unused otherwise. Print @val
 *	into @buf of @len bytes. Context: process, may sleep. Return: the
 *	length printed.
 * @apply_ctrl: required with &resctrl_resource_desc.ctrls. Program @val of
 *	the extra control whose &resctrl_ctrl_desc.id is @ctrl_id for @closid
 *	in domain @d. Context and errors as @apply, which it follows in a
 *	write: the values of every line are checked first, and a failure puts
 *	back every value the write had already applied. For a control with
 *	&resctrl_ctrl_desc.own_scope, @d is a domain of the control's scope,
 *	not one of @r's: resctrl_dom_id() and resctrl_dom_cpus() tell which
 *	(a node id, and no CPU for a memory-only node), resctrl_dom_priv() is
 *	NULL, and @domain_online, @domain_offline, @cpu_join and @cpu_leave
 *	are not called for such domains. The filesystem programs every
 *	CLOSID's value when one comes (back) online, as for the resource's.
 *	It runs on a CPU of @d only if @r has run_on_domain_cpu and
 *	the control no &resctrl_ctrl_desc.memory_nodes.
 */
struct resctrl_resource_ops {
	int (*apply)(struct resctrl_res *r, struct resctrl_dom *d, u32 closid,
		     enum resctrl_conf_type type, u32 val);
	int (*read_event)(struct resctrl_res *r, struct resctrl_dom *d,
			  u32 closid, u32 rmid, u32 evt, u64 *val);
	void (*read_events)(struct resctrl_res *r, struct resctrl_dom *d,
			    u32 closid, const u32 *rmids, unsigned int n,
			    u32 evt, u64 *vals, int *rets);
	int (*domain_online)(struct resctrl_res *r, struct resctrl_dom *d);
	void (*domain_offline)(struct resctrl_res *r, struct resctrl_dom *d);
	void (*cpu_join)(struct resctrl_res *r, struct resctrl_dom *d,
			 unsigned int cpu);
	void (*cpu_leave)(struct resctrl_res *r, struct resctrl_dom *d,
			  unsigned int cpu);
	void (*rmid_reset)(struct resctrl_res *r, struct resctrl_dom *d, u32 rmid);
	int (*event_config_read)(struct resctrl_res *r, struct resctrl_dom *d,
				 u32 evt, u32 *val);
	int (*event_config_write)(struct resctrl_res *r, struct resctrl_dom *d,
				  u32 evt, u32 val);
	int (*parse)(struct resctrl_res *r, struct resctrl_dom *d,
		     const char *text, u32 *val);
	int (*format)(struct resctrl_res *r, struct resctrl_dom *d, u32 val,
		      char *buf, size_t len);
	int (*apply_ctrl)(struct resctrl_res *r, struct resctrl_dom *d,
			  u32 closid, u32 ctrl_id, u32 val);
};

/**
 * struct resctrl_resource_desc - what a resource is: constant, usually
 *	``static const`` in the driver
 * @name: its name in schemata, info/ and mon_data/; unique, except that
 *	a control-only and a monitoring-only resource of the same scope may
 *	share it (they then show as one resource, e.g. L3 and L3_MON)
 * @ctrl: how it is controlled, RESCTRL_CTRL_NONE if it is not
 * @scope: what its domains are
 * @info: extra files of info/<NAME>/ (of info/<NAME>_MON/ for a resource
 *	with no control), ended by an entry with no name
 * @mon_info: extra files of info/<NAME>_MON/ for a resource with both
 *	control and monitoring, ended by an entry with no name
 * @files: extra files of every CTRL_MON group, ended by an entry with no
 *	name
 * @group_data_size: bytes of per-group data the filesystem keeps for the
 *	driver for each CLOSID; see "Per-group data" above. 0 for none.
 * @plugin_option: if set, the resource shows only in mounts given this
 *	mount option, which the filesystem accepts while the resource is
 *	registered (a plugin option, such as "accel")
 * @claim: optional; names the hardware the resource drives, such as
 *	"intel_l3_cat", when more than one driver can drive it: see "Rival
 *	providers" above
 * @run_on_domain_cpu: call @ops->apply, @ops->read_event, @ops->read_events
 *	and the event configuration operations on a CPU of the domain (registers that only
 *	that CPU reaches, such as MSRs)
 * @ctrls: named extra controls next to the main one (@ctrl must not be
 *	NONE or CUSTOM, nor &resctrl_resource_caps.cdp_capable set),
 *	@num_ctrls of them; each needs &resctrl_resource_ops.apply_ctrl
 * @num_ctrls: number of @ctrls
 * @unit: the main control's unit for resource_schemata/<NAME>/unit; NULL
 *	for the type's (see &resctrl_ctrl_desc.unit)
 * @resolution: SCALAR only: as &resctrl_ctrl_desc.resolution
 * @memory_nodes: NODE scope only: every NUMA node with memory is a
 *	domain too, with or without CPUs, following memory hotplug as CPU
 *	domains follow CPU hotplug; not with @run_on_domain_cpu, since a
 *	node may have no CPU
 * @mon_in_l3: a monitoring-only resource of scope NODE whose nodes split
 *	L3 caches, as Intel's Sub-NUMA Clustering does: its mon_data shows
 *	upstream 6.12's layout, mon_<NAME>_<L3 id>/ with each event summed
 *	over the online nodes of that L3 cache, and in it
 *	mon_sub_<NAME>_<node id>/ for each node. It may share its name with
 *	a control-only resource of scope L3. The mba_MBps controller pairs
 *	only equal scopes, so it refuses such a source (as upstream under
 *	SNC, rdtgroup.c: supports_mba_mbps())
 * @ops: the operations
 *
 * What varies from one instance of the hardware to another (the CLOSID
 * and RMID counts, the mask length, the events, ...) is not here but in
 * the &struct resctrl_resource_caps passed at registration, so that one
 * constant description serves every instance.
 */
struct resctrl_resource_desc {
	const char *name;
	enum resctrl_ctrl_type ctrl;
	enum resctrl_scope scope;
	const struct resctrl_info_attr *info;
	const struct resctrl_info_attr *mon_info;
	const struct resctrl_group_attr *files;
	size_t group_data_size;
	const char *plugin_option;
	const char *claim;
	bool run_on_domain_cpu;
	const struct resctrl_ctrl_desc *ctrls;
	unsigned int num_ctrls;
	const char *unit;
	u32 resolution;
	bool memory_nodes;
	bool mon_in_l3;
	const struct resctrl_resource_ops *ops;
};

/**
 * struct resctrl_resource_caps - what one instance of a resource offers
 * @num_closid: CLOSIDs it serves (control resources)
 * @num_rmid: RMIDs it serves (monitoring resources)
 * @bitmask: parameters of a BITMASK resource
 * @range: parameters of PERCENT, MBPS and SCALAR resources
 * @default_val: CUSTOM only: the value of a new group and after reset
 * @occupancy_threshold: with an occupancy event: the initial
 *	max_threshold_occupancy, in the event's unit
 * @occupancy_limit: with an occupancy event: the largest threshold a user
 *	may set (the cache size); 0 for no limit
 * @events: the monitoring events, @num_events of them; the array must
 *	stay valid until the resource is unregistered
 * @num_events: number of @events; 0 for a resource that does not monitor
 * @cdp_capable: BITMASK of scope L3 or L2 only (with at least two
 *	CLOSIDs): the hardware can split each CLOSID into a code and a data
 *	value (CDP); &resctrl_resource_ops.apply then gets the type
 *
 * The facts the hardware reports, such as CPUID leaf 0x10 for Intel
 * cache allocation (Intel SDM Vol. 3B, 18.19). The filesystem copies the
 * structure at registration; resctrl_res_set_limits() lowers the counts
 * later.
 */
struct resctrl_resource_caps {
	u32 num_closid;
	u32 num_rmid;
	union {
		struct resctrl_bitmask_params bitmask;
		struct resctrl_range_params range;
	};
	u32 default_val;
	u32 occupancy_threshold;
	u32 occupancy_limit;
	const struct resctrl_event_desc *events;
	unsigned int num_events;
	bool cdp_capable;
};

struct device;

struct resctrl_res *__resctrl_register_resource(const struct resctrl_resource_desc *desc,
						const struct resctrl_resource_caps *caps,
						void *priv, struct module *owner);
struct resctrl_res *__devm_resctrl_register_resource(struct device *dev,
						     const struct resctrl_resource_desc *desc,
						     const struct resctrl_resource_caps *caps,
						     void *priv, struct module *owner);

/**
 * resctrl_register_resource() - add a resource to the filesystem
 * @desc: what the resource is (constant; see struct resctrl_resource_desc)
 * @caps: what this instance offers; copied
 * @priv: the driver's data, returned by resctrl_res_priv()
 *
 * Supplies the calling module, which kernel messages name. See "Lifetime"
 * above. Context: process; takes cpus_read_lock() and the filesystem lock;
 * may sleep; never from a resctrl operation.
 *
 * Return: the handle, or ERR_PTR(-EINVAL) for a bad description (the
 * reason is in the kernel log), -EEXIST for a name or schemata line in
 * use, -EBUSY when the resource cannot serve the CLOSIDs or RMIDs in use
 * (explained in info/last_cmd_status; a resource that the mount's CDP
 * splits has half its CLOSIDs), -ENOMEM, or the error of a domain_online
 * that refused a domain.
 */
#define resctrl_register_resource(desc, caps, priv)			\
	__resctrl_register_resource(desc, caps, priv, THIS_MODULE)

/**
 * devm_resctrl_register_resource() - add a resource owned by a device
 * @dev: the device whose driver provides the resource
 * @desc: as resctrl_register_resource()
 * @caps: as resctrl_register_resource()
 * @priv: as resctrl_register_resource()
 *
 * As resctrl_register_resource(), and the resource is unregistered by
 * devres when the driver unbinds from @dev (or its probe fails).
 * Context: process, in the driver's probe; may sleep.
 *
 * Return: as resctrl_register_resource().
 */
#define devm_resctrl_register_resource(dev, desc, caps, priv)		\
	__devm_resctrl_register_resource(dev, desc, caps, priv, THIS_MODULE)

void resctrl_unregister_resource(struct resctrl_res *r);
int resctrl_res_set_limits(struct resctrl_res *r, u32 num_closid, u32 num_rmid);
void *resctrl_res_priv(const struct resctrl_res *r);
void *resctrl_group_data(struct resctrl_res *r, u32 closid);

int resctrl_add_device_domain(struct resctrl_res *r, int id,
			      const struct cpumask *cpus);
void resctrl_remove_device_domain(struct resctrl_res *r, int id);

int resctrl_dom_id(const struct resctrl_dom *d);
const struct cpumask *resctrl_dom_cpus(const struct resctrl_dom *d);
void resctrl_dom_set_priv(struct resctrl_dom *d, void *priv);
void *resctrl_dom_priv(const struct resctrl_dom *d);

__printf(1, 2) void resctrl_last_cmd_printf(const char *fmt, ...);

void resctrl_set_cpu_id_limits(u32 num_closid, u32 num_rmid);

#ifdef CONFIG_PROC_CPU_RESCTRL
/* Backs /proc/<pid>/cpu_resctrl_groups; called by procfs only. */
int proc_resctrl_show(struct seq_file *m, struct pid_namespace *ns,
		      struct pid *pid, struct task_struct *tsk);
#endif

/* Keep the groups' task lists; called by fork and exit only. */
#ifdef CONFIG_RESCTRL_FS
void resctrl_task_fork(struct task_struct *child);
void resctrl_task_release(struct task_struct *tsk);
#else
static inline void resctrl_task_fork(struct task_struct *child) { }
static inline void resctrl_task_release(struct task_struct *tsk) { }
#endif

/*
 * The architecture's side: the hooks through which the filesystem core
 * tags tasks and CPUs with CLOSIDs and RMIDs. An architecture that
 * selects RESCTRL_FS provides them in <asm/resctrl.h>, as functions or
 * static inlines; nothing else includes that header on the core's behalf.
 */
#ifdef CONFIG_RESCTRL_FS
#include <asm/resctrl.h>
#endif

/**
 * resctrl_arch_set_task_ids() - record the group IDs of a task
 * @tsk: the task
 * @closid: CLOSID of its CTRL_MON group, 0 for the default group
 * @rmid: RMID of its MON group (its CTRL_MON group's own RMID if it is in
 *	none), 0 for the default group
 *
 * The IDs take effect at the task's next switch in, or at once when the
 * core follows up with resctrl_arch_reload_cpus() on the task's CPU.
 * Context: any; the core holds its task lock with interrupts off, and
 * for a child being forked tasklist_lock too; must not sleep.
 */
void resctrl_arch_set_task_ids(struct task_struct *tsk, u32 closid, u32 rmid);

/**
 * resctrl_arch_task_closid() - the CLOSID recorded for a task
 * @tsk: the task
 *
 * Context: any; must not sleep.
 *
 * Return: the last @closid given to resctrl_arch_set_task_ids(), 0 for a
 * task that never had one.
 */
u32 resctrl_arch_task_closid(struct task_struct *tsk);

/**
 * resctrl_arch_task_rmid() - the RMID recorded for a task
 * @tsk: the task
 *
 * Context: any; must not sleep.
 *
 * Return: the last @rmid given to resctrl_arch_set_task_ids(), 0 for a
 * task that never had one.
 */
u32 resctrl_arch_task_rmid(struct task_struct *tsk);

/**
 * resctrl_arch_set_cpu_ids() - set the IDs a CPU gives default-group tasks
 * @cpu: the CPU
 * @closid: CLOSID of the CTRL_MON group the CPU is assigned to
 * @rmid: RMID of the MON group the CPU is assigned to
 *
 * Takes effect at the CPU's next context switch, or at once after
 * resctrl_arch_reload_cpus(). Context: process, with cpus_read_lock()
 * and the core's lock held, or the CPU hotplug callback of @cpu; must
 * not sleep.
 */
void resctrl_arch_set_cpu_ids(unsigned int cpu, u32 closid, u32 rmid);

/**
 * resctrl_arch_reload_cpus() - make CPUs load the IDs of what runs there
 * @cpus: the CPUs; offline ones are skipped
 *
 * Context: process, with the core's lock held; may wait for the CPUs to
 * answer.
 */
void resctrl_arch_reload_cpus(const struct cpumask *cpus);

/**
 * resctrl_arch_cpu_online() - a CPU came (back) online
 * @cpu: the CPU, which is the calling one
 *
 * The CPU starts with CLOSID 0 and RMID 0. Context: the CPU hotplug
 * online callback of @cpu, on @cpu, with the core's lock held.
 */
void resctrl_arch_cpu_online(unsigned int cpu);

/**
 * resctrl_arch_cpu_offline() - a CPU goes offline
 * @cpu: the CPU, which is the calling one
 *
 * The CPU runs with CLOSID 0 and RMID 0 until it is gone. Context: the
 * CPU hotplug offline callback of @cpu, on @cpu, with the core's lock
 * held.
 */
void resctrl_arch_cpu_offline(unsigned int cpu);

/**
 * resctrl_arch_set_switching() - start or stop loading IDs at context switch
 * @on: true when the filesystem is mounted
 *
 * Stopping puts every online CPU back on CLOSID 0 and RMID 0. Context:
 * process, with cpus_read_lock() and the core's lock held; may wait for
 * the CPUs to answer.
 */
void resctrl_arch_set_switching(bool on);

#endif /* _LINUX_RESCTRL_H */
