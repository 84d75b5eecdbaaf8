// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of resctrl_intel_aet with fake PMT telemetry endpoints:
 * discovery (known GUIDs, sizes, references), the package mapping, the
 * valid bit, summing over a package's aggregators and the events with
 * their fixed-point formats. The accessors of aet_hw.c are redirected by
 * KUnit static stubs; the suite builds its own copy of aet_hw.c, so it
 * runs on any machine.
 */
#include <kunit/static_stub.h>
#include <kunit/test.h>
#include <kunit/test-bug.h>

#include "aet_hw.c"

#define ENERGY_GUID	0x26696143
#define PERF_GUID	0x26557651
#define ENERGY_BYTES	((576 * 2 + 3) * 8)
#define PERF_BYTES	((576 * 7 + 3) * 8)
#define FAKE_EPS	6
#define FAKE_QWORDS	(576 * 7 + 3)

struct fake_ep {
	u32 guid;
	u16 size;
	int pkg;		/* what the package mapping answers */
	int refs;
	bool gone;		/* reads fail as for a removed device */
	u64 *q;
};

struct fake {
	struct fake_ep ep[FAKE_EPS];
	unsigned int nep;
	unsigned int reads;
};

static struct fake *fake_of(void)
{
	return kunit_get_current_test()->priv;
}

/* Device ids are 1-based positions; endpoints and devices are handles. */
static unsigned long fake_next(unsigned long devid)
{
	return devid < fake_of()->nep ? devid + 1 : 0;
}

static int fake_info(unsigned long devid, struct telem_endpoint_info *info)
{
	struct fake_ep *e = &fake_of()->ep[devid - 1];

	info->pdev = (struct pci_dev *)e;
	info->header.guid = e->guid;
	info->header.size = e->size;
	return 0;
}

static struct telem_endpoint *fake_get(unsigned long devid)
{
	struct fake_ep *e = &fake_of()->ep[devid - 1];

	e->refs++;
	return (struct telem_endpoint *)e;
}

static void fake_put(struct telem_endpoint *ep)
{
	((struct fake_ep *)ep)->refs--;
}

static int fake_read(struct telem_endpoint *ep, u32 id, u64 *val)
{
	struct fake_ep *e = (struct fake_ep *)ep;

	fake_of()->reads++;
	if (e->gone)
		return -ENODEV;
	if (id >= e->size / 8)
		return -EINVAL;
	*val = e->q[id];
	return 0;
}

static int fake_package(struct pci_dev *pdev)
{
	return ((struct fake_ep *)pdev)->pkg;
}

static struct fake_ep *fake_add(struct kunit *test, u32 guid, u16 size, int pkg)
{
	struct fake *f = test->priv;
	struct fake_ep *e = &f->ep[f->nep++];

	e->guid = guid;
	e->size = size;
	e->pkg = pkg;
	e->q = kunit_kcalloc(test, FAKE_QWORDS, sizeof(u64), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, e->q);
	return e;
}

static int aet_test_init(struct kunit *test)
{
	struct fake *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	if (!f)
		return -ENOMEM;
	test->priv = f;
	kunit_activate_static_stub(test, aet_next_endpoint, fake_next);
	kunit_activate_static_stub(test, aet_endpoint_info, fake_info);
	kunit_activate_static_stub(test, aet_get_endpoint, fake_get);
	kunit_activate_static_stub(test, aet_put_endpoint, fake_put);
	kunit_activate_static_stub(test, aet_read_qword, fake_read);
	kunit_activate_static_stub(test, aet_pdev_package, fake_package);
	return 0;
}

static void aet_discovery(struct kunit *test)
{
	struct fake *f = test->priv;
	struct aet a;

	fake_add(test, ENERGY_GUID, ENERGY_BYTES, 0);
	fake_add(test, 0x12345678, ENERGY_BYTES, 0);	/* unknown GUID */
	fake_add(test, PERF_GUID, ENERGY_BYTES, 0);	/* wrong size */
	fake_add(test, ENERGY_GUID, ENERGY_BYTES, 1);
	KUNIT_ASSERT_EQ(test, aet_discover(&a), 0);
	KUNIT_EXPECT_EQ(test, a.naggr, 2);
	KUNIT_EXPECT_EQ(test, a.num_rmid, 576);
	KUNIT_EXPECT_EQ(test, f->ep[0].refs, 1);
	KUNIT_EXPECT_EQ(test, f->ep[1].refs, 0);
	KUNIT_EXPECT_EQ(test, f->ep[2].refs, 0);
	KUNIT_EXPECT_EQ(test, f->ep[3].refs, 1);
	KUNIT_EXPECT_EQ(test, a.events, BIT(AET_CORE_ENERGY) | BIT(AET_ACTIVITY));
	aet_release(&a);
	KUNIT_EXPECT_EQ(test, f->ep[0].refs, 0);
	KUNIT_EXPECT_EQ(test, f->ep[3].refs, 0);
	KUNIT_EXPECT_EQ(test, a.naggr, 0);
}

static void aet_nothing_found(struct kunit *test)
{
	struct aet a;

	KUNIT_ASSERT_EQ(test, aet_discover(&a), 0);
	KUNIT_EXPECT_EQ(test, a.naggr, 0);
	KUNIT_EXPECT_EQ(test, a.events, 0);
	aet_release(&a);
}

static void aet_package_mapping(struct kunit *test)
{
	struct fake *f = test->priv;
	struct fake_ep *p0, *p1;
	struct aet a;
	u64 v;

	p1 = fake_add(test, ENERGY_GUID, ENERGY_BYTES, 1);
	fake_add(test, ENERGY_GUID, ENERGY_BYTES, -1);	/* no package */
	p0 = fake_add(test, ENERGY_GUID, ENERGY_BYTES, 0);
	/* RMID 5's activity (position 1) is sample 5 * 2 + 1. */
	p0->q[11] = AET_VALID | 100;
	p1->q[11] = AET_VALID | 200;
	KUNIT_ASSERT_EQ(test, aet_discover(&a), 0);
	KUNIT_EXPECT_EQ(test, a.naggr, 2);
	KUNIT_EXPECT_EQ(test, f->ep[1].refs, 0);
	KUNIT_EXPECT_EQ(test, aet_read_count(&a, 0, 5, AET_ACTIVITY, &v), 0);
	KUNIT_EXPECT_EQ(test, v, 100);
	KUNIT_EXPECT_EQ(test, aet_read_count(&a, 1, 5, AET_ACTIVITY, &v), 0);
	KUNIT_EXPECT_EQ(test, v, 200);
	/* A package without aggregators has nothing to say. */
	KUNIT_EXPECT_EQ(test, aet_read_count(&a, 2, 5, AET_ACTIVITY, &v), -ENODATA);
	aet_release(&a);
}

static void aet_valid_bit_and_sum(struct kunit *test)
{
	struct fake_ep *a0, *a1, *a2;
	struct aet a;
	u64 v = 0;

	a0 = fake_add(test, ENERGY_GUID, ENERGY_BYTES, 0);
	a1 = fake_add(test, ENERGY_GUID, ENERGY_BYTES, 0);
	a2 = fake_add(test, ENERGY_GUID, ENERGY_BYTES, 0);
	/* RMID 3's core_energy (position 0) is sample 6. */
	a0->q[6] = AET_VALID | (1ULL << 18);
	a1->q[6] = AET_VALID | (2ULL << 18) | 5;
	a2->q[6] = 7ULL << 18;			/* not valid: left out */
	KUNIT_ASSERT_EQ(test, aet_discover(&a), 0);
	KUNIT_EXPECT_EQ(test, aet_read_count(&a, 0, 3, AET_CORE_ENERGY, &v), 0);
	KUNIT_EXPECT_EQ(test, v, (3ULL << 18) | 5);
	/* Bits 62:0 are the count, even the highest. */
	a0->q[6] = AET_VALID | AET_COUNT;
	a1->q[6] = 0;
	KUNIT_EXPECT_EQ(test, aet_read_count(&a, 0, 3, AET_CORE_ENERGY, &v), 0);
	KUNIT_EXPECT_EQ(test, v, AET_COUNT);
	/* No valid count anywhere: Unavailable, and @val untouched. */
	a0->q[6] = 0;
	v = 42;
	KUNIT_EXPECT_EQ(test, aet_read_count(&a, 0, 3, AET_CORE_ENERGY, &v), -ENODATA);
	KUNIT_EXPECT_EQ(test, v, 42);
	/* An RMID beyond the layout is never read. */
	KUNIT_EXPECT_EQ(test, aet_read_count(&a, 0, 576, AET_CORE_ENERGY, &v), -ENODATA);
	/* A device that went away reads as an error. */
	a1->gone = true;
	KUNIT_EXPECT_EQ(test, aet_read_count(&a, 0, 3, AET_CORE_ENERGY, &v), -EIO);
	aet_release(&a);
}

static void aet_events_and_formats(struct kunit *test)
{
	struct resctrl_event_desc ev[AET_NUM_EVENTS];
	struct fake_ep *perf;
	struct aet a;
	unsigned int n;
	u64 v;

	fake_add(test, ENERGY_GUID, ENERGY_BYTES, 0);
	perf = fake_add(test, PERF_GUID, PERF_BYTES, 0);
	/* RMID 2's uops_retired (position 6 of 7) is sample 20. */
	perf->q[20] = AET_VALID | 123456789;
	KUNIT_ASSERT_EQ(test, aet_discover(&a), 0);
	n = aet_fill_events(&a, ev);
	KUNIT_ASSERT_EQ(test, n, 9);
	KUNIT_EXPECT_STREQ(test, ev[0].name, "core_energy");
	KUNIT_EXPECT_EQ(test, ev[0].frac_bits, 18);
	KUNIT_EXPECT_STREQ(test, ev[1].name, "activity");
	KUNIT_EXPECT_EQ(test, ev[1].frac_bits, 18);
	KUNIT_EXPECT_STREQ(test, ev[6].name, "c6_res");
	KUNIT_EXPECT_STREQ(test, ev[8].name, "uops_retired");
	KUNIT_EXPECT_EQ(test, ev[8].frac_bits, 0);
	KUNIT_EXPECT_EQ(test, ev[8].id, AET_UOPS_RETIRED);
	KUNIT_EXPECT_EQ(test, aet_read_count(&a, 0, 2, AET_UOPS_RETIRED, &v), 0);
	KUNIT_EXPECT_EQ(test, v, 123456789);
	aet_release(&a);
}

static struct kunit_case aet_cases[] = {
	KUNIT_CASE(aet_discovery),
	KUNIT_CASE(aet_nothing_found),
	KUNIT_CASE(aet_package_mapping),
	KUNIT_CASE(aet_valid_bit_and_sum),
	KUNIT_CASE(aet_events_and_formats),
	{}
};

static struct kunit_suite aet_suite = {
	.name = "resctrl_intel_aet",
	.init = aet_test_init,
	.test_cases = aet_cases,
};

kunit_test_suite(aet_suite);

MODULE_IMPORT_NS(INTEL_PMT_TELEMETRY);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests of the Intel telemetry resctrl driver with fake endpoints");
