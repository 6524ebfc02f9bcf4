/*
 * test_dev_elf.c - unit tests of the bare-metal ELF loader (emu/elfload.c):
 * what it accepts, where it puts bytes, and that every kind of bad image is
 * refused with a reason.
 */
#include <check.h>
#include <stdlib.h>

#include "emu/bus.h"
#include "emu/elfload.h"
#include "tests/unit/elfgen.h"

static struct bus bus;
static uint8_t img[ELFGEN_MAX];
static const uint32_t code[] = {0x00100073, 0x11223344, 0x55667788}; /* ebreak, data */

static void setup(void)
{
	ck_assert_int_eq(bus_init(&bus, 0x80000000, 1 << 20), 0);
	memset(img, 0, sizeof(img));
}

static void teardown(void)
{
	bus_destroy(&bus);
}

static struct elfgen good(void)
{
	return (struct elfgen){.code = code, .code_size = sizeof(code)};
}

/* Load and expect failure; return the reason. */
static const char *load_fails(size_t size)
{
	struct elf_image_info info;
	const char *why = NULL;
	ck_assert_int_eq(elf_load_image(&bus, img, size, &info, &why), -1);
	ck_assert_ptr_nonnull(why);
	return why;
}

START_TEST(test_load_good)
{
	struct elfgen g = good();
	struct elf_image_info info;
	const char *why = NULL;
	uint8_t *ram = bus_ram_ptr(&bus, 0x80000000, 64);

	g.addr = 0x80000100;
	g.entry = 0x80000104;
	g.bss = 20;
	memset(ram, 0xff, 64);
	memset(ram + 0x100, 0xff, 64);
	size_t n = elfgen_build(img, &g);
	ck_assert_int_eq(elf_load_image(&bus, img, n, &info, &why), 0);
	ck_assert_uint_eq(info.entry, 0x80000104);
	ck_assert_uint_eq(info.nloaded, 1);
	ck_assert_uint_eq(info.tohost, 0);
	ck_assert_int_eq(memcmp(ram + 0x100, code, sizeof(code)), 0);
	for (int i = 0; i < 20; i++)
		ck_assert_uint_eq(ram[0x100 + sizeof(code) + i], 0); /* bss */
	ck_assert_uint_eq(ram[0x100 + sizeof(code) + 20], 0xff);     /* past bss */
	ck_assert_uint_eq(ram[0], 0xff);			     /* untouched */
}
END_TEST

START_TEST(test_load_symbols)
{
	struct elfgen g = good();
	struct elf_image_info info;
	const char *why;
	g.tohost = 0x80001000;
	g.fromhost = 0x80001040;
	size_t n = elfgen_build(img, &g);
	ck_assert_int_eq(elf_load_image(&bus, img, n, &info, &why), 0);
	ck_assert_uint_eq(info.tohost, 0x80001000);
	ck_assert_uint_eq(info.fromhost, 0x80001040);
}
END_TEST

START_TEST(test_not_elf)
{
	memcpy(img, "#!/bin/sh\necho hi\n", 18);
	ck_assert_str_eq(load_fails(18), "not an ELF file");
	ck_assert_str_eq(load_fails(0), "not an ELF file (too short)");
	ck_assert_str_eq(load_fails(3), "not an ELF file (too short)");
}
END_TEST

START_TEST(test_wrong_kind)
{
	struct elfgen g = good();
	g.machine = EM_X86_64;
	ck_assert_str_eq(load_fails(elfgen_build(img, &g)),
			 "ELF for another architecture, not RISC-V");
	g = good();
	g.class32 = 1;
	ck_assert_str_eq(load_fails(elfgen_build(img, &g)),
			 "32-bit RISC-V ELF (rvmm runs rv64 only)");
	g = good();
	g.type = ET_DYN;
	ck_assert_str_eq(load_fails(elfgen_build(img, &g)),
			 "position-independent ELF (ET_DYN); --bare needs ET_EXEC");
	g = good();
	g.type = ET_REL;
	ck_assert_str_eq(load_fails(elfgen_build(img, &g)), "not an executable ELF (ET_EXEC)");
	g = good();
	size_t n = elfgen_build(img, &g);
	img[EI_DATA] = ELFDATA2MSB;
	ck_assert_str_eq(load_fails(n), "not a 64-bit little-endian ELF");
}
END_TEST

START_TEST(test_outside_memory)
{
	struct elfgen g = good();
	g.addr = 0x40000000;
	ck_assert_str_eq(load_fails(elfgen_build(img, &g)),
			 "ELF segment outside guest RAM and ROM");
	/* Straddling the end of RAM, through its bss. */
	g.addr = 0x80000000 + (1 << 20) - 8;
	ck_assert_str_eq(load_fails(elfgen_build(img, &g)),
			 "ELF segment outside guest RAM and ROM");
	g.addr = 0x80000000 + (1 << 20) - 12;
	g.bss = 1;
	ck_assert_str_eq(load_fails(elfgen_build(img, &g)),
			 "ELF segment outside guest RAM and ROM");
	/* A wrapping range. */
	g.addr = ~0ull - 3;
	g.bss = 0;
	ck_assert_str_eq(load_fails(elfgen_build(img, &g)),
			 "ELF segment outside guest RAM and ROM");
}
END_TEST

START_TEST(test_headers_below_ram)
{
	/* As GNU ld -Ttext=0x80000000 lays out an image: the first segment starts
	 * below RAM with the ELF headers. Its head is skipped when no allocated
	 * section lies there (here: section headers, none allocated). */
	static uint8_t big[256];
	struct elfgen g = {.code = big, .code_size = sizeof(big), .addr = 0x80000000 - 128};
	struct elf_image_info info;
	const char *why;
	uint8_t *ram = bus_ram_ptr(&bus, 0x80000000, 256);
	for (int i = 0; i < 256; i++)
		big[i] = (uint8_t)i;
	memset(ram, 0xee, 256);
	g.tohost = 0x80001000; /* gives the image section headers */
	size_t n = elfgen_build(img, &g);
	ck_assert_int_eq(elf_load_image(&bus, img, n, &info, &why), 0);
	ck_assert_uint_eq(ram[0], 128);
	ck_assert_uint_eq(ram[127], 255);
	ck_assert_uint_eq(ram[128], 0xee);
	/* Without section headers nothing proves the head is only headers. */
	g.tohost = 0;
	ck_assert_str_eq(load_fails(elfgen_build(img, &g)),
			 "ELF segment outside guest RAM and ROM");
}
END_TEST

START_TEST(test_truncated)
{
	struct elfgen g = good();
	g.tohost = 0x80001000;
	size_t n = elfgen_build(img, &g);
	struct elf_image_info info;
	const char *why;
	/* Every proper prefix that keeps the segment's bytes cut is refused;
	 * none crashes (the symbol table may be cut and still load). */
	for (size_t len = 0; len < n; len++) {
		int r = elf_load_image(&bus, img, len, &info, &why);
		if (len < 128 + sizeof(code))
			ck_assert_msg(r == -1, "prefix of %zu bytes accepted", len);
	}
	ck_assert_str_eq(load_fails(100), "truncated or corrupt ELF (program headers)");
	ck_assert_str_eq(load_fails(130),
			 "truncated or corrupt ELF (segment beyond the end of the file)");
}
END_TEST

START_TEST(test_filesz_gt_memsz)
{
	struct elfgen g = good();
	size_t n = elfgen_build(img, &g);
	Elf64_Phdr *ph = (Elf64_Phdr *)(img + sizeof(Elf64_Ehdr));
	ph->p_memsz = 4;
	ck_assert_str_eq(load_fails(n),
			 "truncated or corrupt ELF (segment beyond the end of the file)");
	ph->p_memsz = 12;
	ph->p_offset = ~0ull - 2;
	ck_assert_str_eq(load_fails(n),
			 "truncated or corrupt ELF (segment beyond the end of the file)");
	ph->p_type = PT_NOTE;
	ck_assert_str_eq(load_fails(n), "ELF has nothing to load (no PT_LOAD segment)");
}
END_TEST

START_TEST(test_load_file_errors)
{
	struct elf_image_info info;
	const char *why;
	ck_assert_int_eq(elf_load_file(&bus, "/nonexistent/x.elf", &info, &why), -1);
	ck_assert_str_eq(why, "No such file or directory");
	ck_assert_int_eq(elf_load_file(&bus, "/", &info, &why), -1);
	ck_assert_str_eq(why, "is a directory");
	ck_assert_int_eq(elf_load_file(&bus, "/bin/true", &info, &why), -1);
	ck_assert_str_eq(why, "ELF for another architecture, not RISC-V");
}
END_TEST

static Suite *elf_suite(void)
{
	Suite *s = suite_create("elfload");
	TCase *tc = tcase_create("load");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_load_good);
	tcase_add_test(tc, test_load_symbols);
	tcase_add_test(tc, test_not_elf);
	tcase_add_test(tc, test_wrong_kind);
	tcase_add_test(tc, test_outside_memory);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_headers_below_ram);
	tcase_add_test(tc, test_filesz_gt_memsz);
	tcase_add_test(tc, test_load_file_errors);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(elf_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
