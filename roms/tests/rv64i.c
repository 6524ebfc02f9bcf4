/*
 * roms/tests/rv64i.c - RV64I: every integer instruction class, with the
 * edge cases (sign extension of the W forms and of loads, shift amounts
 * taken from the low 6 / 5 bits, signed vs unsigned compares, x0 writes).
 */
#include "ops.h"

static u64 mem[4] __attribute__((aligned(16)));

static void arith(void)
{
	CHECK("add", RR("add", 5, -7), -2);
	CHECK("add wrap", RR("add", 0x7fffffffffffffffUL, 1), 0x8000000000000000UL);
	CHECK("sub", RR("sub", 5, 7), -2);
	CHECK("addi neg", RI("addi", 5, -2048), 5 - 2048);
	CHECK("addw sext", RR("addw", 0x7fffffff, 1), 0xffffffff80000000UL);
	CHECK("addw ignores hi", RR("addw", 0x123456789UL, 0), 0x23456789);
	CHECK("subw", RR("subw", 0, 1), -1);
	CHECK("addiw sext", RI("addiw", 0xffffffffUL, 1), 0);
	CHECK("addiw neg", RI("addiw", 0x80000000UL, 0), 0xffffffff80000000UL);
	CHECK("and", RR("and", 0xff00ff00ff00ff00UL, 0x0ff00ff00ff00ff0UL), 0x0f000f000f000f00UL);
	CHECK("or", RR("or", 0xf0, 0x0f), 0xff);
	CHECK("xor", RR("xor", -1, 0x5555), ~0x5555UL);
	CHECK("andi sext imm", RI("andi", 0x123456789abcdefUL, -16), 0x123456789abcde0UL);
	CHECK("ori", RI("ori", 0, -1), -1);
	CHECK("xori not", RI("xori", 0x1234, -1), ~0x1234UL);
}

static void shifts(void)
{
	CHECK("sll 63", RR("sll", 1, 63), 0x8000000000000000UL);
	CHECK("sll uses low 6 bits", RR("sll", 1, 64 + 3), 8);
	CHECK("srl", RR("srl", 0x8000000000000000UL, 63), 1);
	CHECK("sra", RR("sra", 0x8000000000000000UL, 63), -1);
	CHECK("sra low 6 bits", RR("sra", -256, 0xfc4), -16);
	CHECK("slli", RI("slli", 3, 62), 0xc000000000000000UL);
	CHECK("srli", RI("srli", -1, 60), 15);
	CHECK("srai", RI("srai", 0x8000000000000000UL, 4), 0xf800000000000000UL);
	CHECK("sllw sext", RR("sllw", 1, 31), 0xffffffff80000000UL);
	CHECK("sllw low 5 bits", RR("sllw", 1, 32 + 4), 16);
	CHECK("srlw", RR("srlw", 0xffffffff80000000UL, 31), 1);
	CHECK("srlw zero ext hi", RR("srlw", 0x12345678ffffffffUL, 0), -1);
	CHECK("srlw by 1 clears bit31", RR("srlw", 0xffffffffUL, 1), 0x7fffffff);
	CHECK("sraw", RR("sraw", 0x80000000UL, 4), 0xfffffffff8000000UL);
	CHECK("slliw", RI("slliw", 0x1, 31), 0xffffffff80000000UL);
	CHECK("srliw", RI("srliw", 0xffffffffUL, 28), 15);
	CHECK("sraiw", RI("sraiw", 0x80000000UL, 31), -1);
}

static void compares(void)
{
	CHECK("slt", RR("slt", -1, 0), 1);
	CHECK("sltu", RR("sltu", -1, 0), 0);
	CHECK("slti", RI("slti", -5, -4), 1);
	CHECK("sltiu -1 imm", RI("sltiu", 5, -1), 1);
	CHECK("sltiu seqz", RI("sltiu", 0, 1), 1);
	CHECK("lui sext", UI("lui", 0x80000), 0xffffffff80000000UL);
	CHECK("lui", UI("lui", 0x12345), 0x12345000);
	u64 pc, a;
	asm volatile("1: auipc %0, 0x1\n la %1, 1b" : "=r"(a), "=r"(pc));
	CHECK("auipc", a - pc, 0x1000);
	u64 z;
	asm volatile("li t0, 5\n add x0, t0, t0\n mv %0, x0" : "=r"(z)::"t0");
	CHECK("x0 stays zero", z, 0);
}

static void loads_stores(void)
{
	mem[0] = 0x8877665544332211UL;
	mem[1] = 0xf0e0d0c0b0a09080UL;
	CHECK("lb sext", LD("lb", mem, 15), 0xfffffffffffffff0UL);
	CHECK("lbu", LD("lbu", mem, 15), 0xf0);
	CHECK("lh sext", LD("lh", mem, 14), 0xfffffffffffff0e0UL);
	CHECK("lhu", LD("lhu", mem, 6), 0x8877);
	CHECK("lw sext", LD("lw", mem, 4), 0xffffffff88776655UL);
	CHECK("lwu", LD("lwu", mem, 4), 0x88776655);
	CHECK("ld", LD("ld", mem, 8), 0xf0e0d0c0b0a09080UL);
	CHECK("ld neg off", LD("ld", &mem[1], -8), 0x8877665544332211UL);
	ST("sb", 0x1ff, mem, 0);
	ST("sh", 0x12345, mem, 2);
	ST("sw", 0xdeadbeefcafef00dUL, mem, 4);
	CHECK("sb/sh/sw", mem[0], 0xcafef00d234522ffUL);
	ST("sd", 0x0123456789abcdefUL, mem, 8);
	CHECK("sd", mem[1], 0x0123456789abcdefUL);
}

static void branches(void)
{
	u64 r;
#define BR(op, a, b)                                                                               \
	({                                                                                         \
		asm volatile("li %0, 1\n " op " %1, %2, 1f\n li %0, 0\n1:"                         \
			     : "=&r"(r)                                                            \
			     : "r"((u64)(a)), "r"((u64)(b)));                                      \
		r;                                                                                 \
	})
	CHECK("beq taken", BR("beq", 3, 3), 1);
	CHECK("beq not", BR("beq", 3, 4), 0);
	CHECK("bne", BR("bne", 3, 4), 1);
	CHECK("blt signed", BR("blt", -1, 0), 1);
	CHECK("bge signed", BR("bge", -1, 0), 0);
	CHECK("bge equal", BR("bge", 7, 7), 1);
	CHECK("bltu unsigned", BR("bltu", -1, 0), 0);
	CHECK("bgeu unsigned", BR("bgeu", -1, 0), 1);
	u64 link, target;
	asm volatile(".option push\n .option norvc\n jal %0, 1f\n nop\n1: la %1, 1b\n .option pop"
		     : "=r"(link), "=r"(target));
	CHECK("jal link", target - link, 4);
	asm volatile(".option push\n .option norvc\n la t0, 2f\n addi t0, t0, 1\n jalr %0, 0(t0)\n "
		     "li %0, 0\n2: la %1, 2b\n .option pop"
		     : "=&r"(link), "=r"(target)::"t0");
	CHECK("jalr clears bit0, links pc+4", target - link, 4);
	asm volatile("la %0, 3f\n jalr %0, 0(%0)\n3: la %1, 3b" : "=&r"(link), "=r"(target));
	CHECK("jalr rd==rs1", link, target);
}

int main(void)
{
	arith();
	shifts();
	compares();
	loads_stores();
	branches();
	return checks_done();
}
