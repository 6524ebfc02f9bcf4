/*
 * known.c - runtime-only checks with fixed expected output (asserted by
 * tests/integ/rt.sh): cases where glibc is not the reference (its %#g
 * rounding bug), rounding ties, and proof that the image relocated itself.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/auxv.h>
#include <unistd.h>

static const char *table[] = {"one", "two", "three"}; /* needs R_RISCV_RELATIVE */
extern const char __ehdr_start[];
/* Holds the run-time load base only if startup applied its relocation. */
static const char *volatile ehdr = __ehdr_start;

int main(void)
{
	printf("%%#g 999999.5: %#g\n", 999999.5);
	printf("%%.0f 0.5 1.5 2.5: %.0f %.0f %.0f\n", 0.5, 1.5, 2.5);
	printf("%%.3f 1.0005: %.3f\n", 1.0005); /* 1.000499999... in binary */
	printf("%%.17g 0.1: %.17g\n", 0.1);
	printf("%%e 4.9406564584124654e-324: %e\n", 4.9406564584124654e-324);
	printf("%%a: %a\n", 1.0); /* not supported: printed as written */
	printf("table: %s %s %s\n", table[0], table[1], table[2]);
	/* Linked at 0: a stored pointer equals the pc-relative address only if relocated. */
	printf("self-relocated: %s\n", ehdr != NULL && ehdr == __ehdr_start ? "yes" : "no");
	printf("AT_PAGESZ %lu, AT_ENTRY set %d, AT_NULL lookup %lu errno %d\n",
	       getauxval(AT_PAGESZ), getauxval(AT_ENTRY) != 0, getauxval(12345), errno);
	close(-1);
	printf("errno after failed close: %d\n", errno);
	return 0;
}
