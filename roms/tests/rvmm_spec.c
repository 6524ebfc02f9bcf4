/*
 * roms/tests/rvmm_spec.c - rvmm only: rules of the privileged spec 1.12 on
 * which QEMU 7.2 (the oracle of the other tests) deviates, so they cannot
 * be validated there:
 *  - mret/sret to a mode other than M clear mstatus.MPRV (QEMU keeps it);
 *  - misaligned AMOs raise store/AMO address misaligned, cause 6 (QEMU: 4);
 *  - a misaligned SC traps with cause 6 (QEMU fails it without trapping);
 *  - mepc[0] and sepc[0] read as zero (IALIGN = 16; QEMU keeps the bit).
 */
#include "ops.h"

static volatile u64 mem[2] __attribute__((aligned(16)));

int main(void)
{
	u64 r;

	csr_set(mstatus, MSTATUS_MPRV);
	to_mode(PRV_S);
	to_m();
	CHECK("mret to S clears MPRV", csr_read(mstatus) & MSTATUS_MPRV, 0);
	csr_set(mstatus, MSTATUS_MPRV);
	to_mode(PRV_U);
	to_m();
	CHECK("mret to U clears MPRV", csr_read(mstatus) & MSTATUS_MPRV, 0);

	volatile char *odd = (volatile char *)&mem[0] + 4;
	trap_expect();
	AMO("amoadd.d", 1, odd);
	CHECK("misaligned amoadd.d: cause 6", trap.cause, CAUSE_MISALIGNED_STORE);
	CHECK("  tval", trap.tval, (u64)odd);
	trap_expect();
	AMO("amoor.w", 1, odd + 1);
	CHECK("misaligned amoor.w: cause 6", trap.cause, CAUSE_MISALIGNED_STORE);
	trap_expect();
	asm volatile("sc.d %0, %2, (%1)" : "=r"(r) : "r"(odd), "r"(1UL) : "memory");
	CHECK("misaligned sc.d: cause 6", trap.cause, CAUSE_MISALIGNED_STORE);
	CHECK("memory unchanged", mem[0] | mem[1], 0);
	trap_reset();
	csr_write(mepc, 0x80001235UL);
	CHECK("mepc bit 0 reads 0", csr_read(mepc), 0x80001234UL);
	csr_write(sepc, 0x3UL);
	CHECK("sepc bit 0 reads 0", csr_read(sepc), 0x2UL);
	return checks_done();
}
