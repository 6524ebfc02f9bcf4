/*
 * roms/tests/rvc.c - the C extension: every RV64C instruction, written with
 * its explicit c.* mnemonic (so the assembler must emit the 16-bit form)
 * or as raw .2byte encodings, checked against the semantics of the 32-bit
 * instruction it expands to: immediates' sign extension, the W forms,
 * scaled offsets of the loads/stores, links of c.jalr (pc + 2), branches.
 */
#include "rt.h"

/* Run a compressed snippet; scratch registers s0, s1, a0..a5 are free. */
#define CRUN(body, out)                                                                            \
	({                                                                                         \
		u64 _r;                                                                            \
		asm volatile(".option push\n .option rvc\n" body "\n mv %0, " out "\n .option pop" \
			     : "=r"(_r)                                                            \
			     :                                                                     \
			     : "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5", "memory");          \
		_r;                                                                                \
	})
#define CRUN1(body, out, in)                                                                       \
	({                                                                                         \
		u64 _r;                                                                            \
		asm volatile(".option push\n .option rvc\n mv s0, %1\n" body "\n mv %0, " out      \
			     "\n .option pop"                                                      \
			     : "=r"(_r)                                                            \
			     : "r"((u64)(in))                                                      \
			     : "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5", "memory");          \
		_r;                                                                                \
	})

static u64 buf[4] __attribute__((aligned(16)));
static double dbuf[2];

static void alu(void)
{
	CHECK("c.li neg", CRUN("c.li a0, -32", "a0"), -32);
	CHECK("c.lui", CRUN("c.lui a0, 1", "a0"), 0x1000);
	CHECK("c.lui max pos", CRUN("c.lui a0, 31", "a0"), 0x1f000);
	CHECK("c.lui neg (.2byte 0x7501)", CRUN(".2byte 0x7501", "a0"), 0xfffffffffffe0000UL);
	CHECK("c.addi", CRUN("c.li a0, 5\n c.addi a0, -6", "a0"), -1);
	CHECK("c.addiw sext", CRUN1("c.addiw s0, 1", "s0", 0x7fffffff), 0xffffffff80000000UL);
	CHECK("c.addiw 0 = sext.w", CRUN1("c.addiw s0, 0", "s0", 0x00000001ffffffffUL), -1);
	CHECK("c.slli 63", CRUN("c.li a0, 1\n c.slli a0, 63", "a0"), 0x8000000000000000UL);
	CHECK("c.srli", CRUN1("c.srli s0, 60", "s0", -1), 15);
	CHECK("c.srai", CRUN1("c.srai s0, 4", "s0", 0x8000000000000000UL), 0xf800000000000000UL);
	CHECK("c.srai 33 (.2byte 0x9405)", CRUN1(".2byte 0x9405", "s0", 0x8000000000000000UL),
	      0xffffffffc0000000UL);
	CHECK("c.andi neg", CRUN1("c.andi s0, -16", "s0", 0x12345), 0x12340);
	CHECK("c.mv", CRUN1("c.mv a0, s0", "a0", 0xabcdef), 0xabcdef);
	CHECK("c.add", CRUN1("c.li a0, 7\n c.add a0, s0", "a0", 0x100), 0x107);
	CHECK("c.sub", CRUN1("c.li s1, 7\n c.sub s1, s0", "s1", 8), -1);
	CHECK("c.xor", CRUN1("c.li s1, -1\n c.xor s1, s0", "s1", 0xff), ~0xffUL);
	CHECK("c.or", CRUN1("c.li s1, 1\n c.or s1, s0", "s1", 0x10), 0x11);
	CHECK("c.and", CRUN1("c.li s1, 6\n c.and s1, s0", "s1", 3), 2);
	CHECK("c.subw sext", CRUN1("c.li s1, 0\n c.subw s1, s0", "s1", 0x80000000UL),
	      0xffffffff80000000UL);
	CHECK("c.addw sext", CRUN1("c.li s1, 1\n c.addw s1, s0", "s1", 0x7fffffff),
	      0xffffffff80000000UL);
	CHECK("c.nop", CRUN("c.li a0, 9\n c.nop", "a0"), 9);
}

static void sp_forms(void)
{
	CHECK("c.addi16sp",
	      CRUN("mv a0, sp\n c.addi16sp sp, -64\n sub a0, a0, sp\n c.addi16sp sp, 64", "a0"),
	      64);
	CHECK("c.addi4spn", CRUN("c.addi4spn s0, sp, 1020\n sub s0, s0, sp", "s0"), 1020);
	CHECK("c.sdsp/c.ldsp",
	      CRUN1("c.addi16sp sp, -32\n c.sdsp s0, 24(sp)\n c.ldsp a0, 24(sp)\n"
		    " c.addi16sp sp, 32",
		    "a0", 0x1122334455667788UL),
	      0x1122334455667788UL);
	CHECK("c.swsp/c.lwsp sext",
	      CRUN1("c.addi16sp sp, -32\n c.swsp s0, 12(sp)\n c.lwsp a0, 12(sp)\n"
		    " c.addi16sp sp, 32",
		    "a0", 0x80000001UL),
	      0xffffffff80000001UL);
	CHECK("c.fsdsp/c.fldsp",
	      CRUN1("c.addi16sp sp, -32\n fmv.d.x ft0, s0\n c.fsdsp ft0, 16(sp)\n"
		    " c.fldsp ft1, 16(sp)\n fmv.x.d a0, ft1\n c.addi16sp sp, 32",
		    "a0", 0x400921fb54442d18UL),
	      0x400921fb54442d18UL);
}

static void loads_stores(void)
{
	buf[0] = 0;
	buf[1] = 0x8000000012345678UL;
	CHECK("c.lw sext", CRUN1("c.lw a0, 12(s0)", "a0", buf), 0xffffffff80000000UL);
	CHECK("c.ld", CRUN1("c.ld a0, 8(s0)", "a0", buf), 0x8000000012345678UL);
	CRUN1("li s1, -2\n c.sd s1, 16(s0)\n c.li s1, 5\n c.sw s1, 28(s0)", "s1", buf);
	CHECK("c.sd", buf[2], (u64)-2);
	CHECK("c.sw upper word", buf[3], 0x500000000UL);
	dbuf[0] = 1.5;
	CHECK("c.fld/c.fsd",
	      CRUN1("c.fld fs0, 0(s0)\n c.fsd fs0, 8(s0)\n ld a0, 8(s0)", "a0", dbuf),
	      0x3ff8000000000000UL);
}

static void control(void)
{
	CHECK("c.j", CRUN("c.li a0, 1\n c.j 1f\n c.li a0, 2\n1:", "a0"), 1);
	CHECK("c.beqz taken",
	      CRUN("c.li a0, 0\n c.li a1, 1\n c.beqz a0, 1f\n c.li a1, 2\n1:", "a1"), 1);
	CHECK("c.beqz not", CRUN("c.li a0, 3\n c.li a1, 1\n c.beqz a0, 1f\n c.li a1, 2\n1:", "a1"),
	      2);
	CHECK("c.bnez taken",
	      CRUN("c.li s0, -1\n c.li a1, 1\n c.bnez s0, 1f\n c.li a1, 2\n1:", "a1"), 1);
	CHECK("c.beqz backward",
	      CRUN("c.li a0, 3\n c.li a1, 0\n1: c.addi a1, 1\n c.addi a0, -1\n"
		   " c.bnez a0, 1b",
		   "a1"),
	      3);
	CHECK("c.jr", CRUN("la a2, 1f\n c.li a0, 1\n c.jr a2\n c.li a0, 2\n1:", "a0"), 1);
	CHECK("c.jalr links pc+2",
	      CRUN("la a2, 2f\n mv a3, ra\n1: c.jalr a2\n2: la a4, 1b\n sub a0, ra, a4\n"
		   " mv ra, a3",
		   "a0"),
	      2);
	/* c.ebreak traps with cause 3; the recorder skips 2 bytes. */
	trap_expect();
	u64 at = CRUN("la a0, 1f\n1: c.ebreak\n", "a0");
	CHECK("c.ebreak cause", trap.cause, CAUSE_BREAKPOINT);
	CHECK("c.ebreak epc", trap.epc, at);
	trap_reset();
}

int main(void)
{
	CHECK("misa.C", (csr_read(misa) >> 2) & 1, 1);
	alu();
	sp_forms();
	loads_stores();
	control();
	return checks_done();
}
