/*
 * test_bus.c - the physical bus: region bookkeeping, RAM pointers, MMIO dispatch.
 */
#include "emu/bus.h"

#include <check.h>
#include <stdlib.h>

#define RAM_BASE 0x80000000ull
#define RAM_SIZE (1u << 20)

struct fake_dev {
	uint64_t last_off, last_val;
	unsigned last_size;
	int reads, writes;
};

static int fake_read(void *dev, uint64_t off, unsigned size, uint64_t *val)
{
	struct fake_dev *d = dev;
	d->reads++;
	d->last_off = off;
	d->last_size = size;
	*val = 0x1122334455667788ull >> (8 * (8 - size));
	return off == 0x10 ? -1 : 0; /* offset 0x10 refuses the access */
}

static int fake_write(void *dev, uint64_t off, unsigned size, uint64_t val)
{
	struct fake_dev *d = dev;
	d->writes++;
	d->last_off = off;
	d->last_size = size;
	d->last_val = val;
	return 0;
}

static const struct mmio_ops fake_ops = {fake_read, fake_write};

START_TEST(ram_pointer_bounds)
{
	struct bus bus;
	ck_assert_int_eq(bus_init(&bus, RAM_BASE, RAM_SIZE), 0);
	ck_assert_ptr_eq(bus_ram_ptr(&bus, RAM_BASE, 8), bus.ram);
	ck_assert_ptr_eq(bus_ram_ptr(&bus, RAM_BASE + RAM_SIZE - 8, 8), bus.ram + RAM_SIZE - 8);
	ck_assert_ptr_null(bus_ram_ptr(&bus, RAM_BASE + RAM_SIZE - 4, 8)); /* straddles the end */
	ck_assert_ptr_null(bus_ram_ptr(&bus, RAM_BASE - 1, 1));
	ck_assert_ptr_null(bus_ram_ptr(&bus, RAM_BASE + RAM_SIZE, 1));
	ck_assert_ptr_null(bus_ram_ptr(&bus, 0, 1));
	ck_assert_ptr_null(bus_ram_ptr(&bus, RAM_BASE, UINT64_MAX)); /* length overflow */
	bus_destroy(&bus);
}
END_TEST

START_TEST(ram_read_write_little_endian)
{
	struct bus bus;
	uint64_t v;
	ck_assert_int_eq(bus_init(&bus, RAM_BASE, RAM_SIZE), 0);
	ck_assert_int_eq(bus_write(&bus, RAM_BASE + 0x100, 4, 0xdeadbeef), 0);
	ck_assert_uint_eq(bus.ram[0x100], 0xef);
	ck_assert_uint_eq(bus.ram[0x103], 0xde);
	ck_assert_int_eq(bus_read(&bus, RAM_BASE + 0x100, 2, &v), 0);
	ck_assert_uint_eq(v, 0xbeef);
	ck_assert_int_eq(bus_read(&bus, RAM_BASE + 0x100, 8, &v), 0);
	ck_assert_uint_eq(v, 0xdeadbeef);
	/* Nothing is mapped at 0: access fault. */
	ck_assert_int_eq(bus_read(&bus, 0, 4, &v), -1);
	ck_assert_int_eq(bus_write(&bus, 0, 4, 1), -1);
	bus_destroy(&bus);
}
END_TEST

START_TEST(rom_is_read_only)
{
	struct bus bus;
	uint64_t v;
	ck_assert_int_eq(bus_init(&bus, RAM_BASE, RAM_SIZE), 0);
	uint8_t *rom = calloc(1, 4096);
	rom[0] = 0x97;
	ck_assert_int_eq(bus_add_mem(&bus, "rom", 0x1000, 4096, rom, false), 0);
	ck_assert_int_eq(bus_read(&bus, 0x1000, 1, &v), 0);
	ck_assert_uint_eq(v, 0x97);
	ck_assert_int_eq(bus_write(&bus, 0x1000, 1, 0), -1);
	ck_assert_uint_eq(rom[0], 0x97);
	ck_assert_ptr_null(bus_ram_ptr(&bus, 0x1000, 1)); /* ROM is not RAM */
	bus_destroy(&bus);
}
END_TEST

START_TEST(mmio_dispatch_and_overlap)
{
	struct bus bus;
	struct fake_dev dev = {0};
	uint64_t v;
	ck_assert_int_eq(bus_init(&bus, RAM_BASE, RAM_SIZE), 0);
	ck_assert_int_eq(bus_add_mmio(&bus, "fake", 0x10000000, 0x100, &fake_ops, &dev), 0);
	/* A device may overlay RAM (HTIF's tohost): that page stops being plain.
	 * Overlapping another device is refused. */
	ck_assert(bus_page_is_plain_ram(&bus, RAM_BASE + 0x1000));
	ck_assert_int_eq(bus_add_mmio(&bus, "overlay", RAM_BASE + 0x1000, 0x100, &fake_ops, &dev),
			 0);
	ck_assert(!bus_page_is_plain_ram(&bus, RAM_BASE + 0x1000));
	ck_assert(bus_page_is_plain_ram(&bus, RAM_BASE + 0x2000));
	ck_assert_int_eq(bus_add_mmio(&bus, "bad", 0x100000ff, 0x10, &fake_ops, &dev), -1);
	ck_assert_int_eq(bus_write(&bus, 0x10000008, 2, 0xabcd), 0);
	ck_assert_uint_eq(dev.last_off, 8);
	ck_assert_uint_eq(dev.last_size, 2);
	ck_assert_uint_eq(dev.last_val, 0xabcd);
	ck_assert_int_eq(bus_read(&bus, 0x10000004, 4, &v), 0);
	ck_assert_uint_eq(v, 0x11223344);
	ck_assert_int_eq(bus_read(&bus, 0x10000010, 1, &v), -1); /* device refuses */
	/* An access straddling the end of the device does not reach it. */
	ck_assert_int_eq(bus_read(&bus, 0x100000fc, 8, &v), -1);
	ck_assert_int_eq(dev.reads, 2);
	bus_destroy(&bus);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("bus");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, ram_pointer_bounds);
	tcase_add_test(tc, ram_read_write_little_endian);
	tcase_add_test(tc, rom_is_read_only);
	tcase_add_test(tc, mmio_dispatch_and_overlap);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
