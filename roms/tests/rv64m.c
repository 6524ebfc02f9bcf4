/*
 * roms/tests/rv64m.c - RV64M: products (all high halves), division and
 * remainder with the spec's fixed results for division by zero and for
 * the signed overflow INT_MIN / -1, and the W forms' sign extension.
 */
#include "ops.h"

#define MIN64 0x8000000000000000UL
#define MIN32 0xffffffff80000000UL

int main(void)
{
	CHECK("mul", RR("mul", -3, 7), -21);
	CHECK("mul wrap", RR("mul", 0x100000001UL, 0x100000001UL), 0x200000001UL);
	CHECK("mulh", RR("mulh", -1, -1), 0);
	CHECK("mulh neg", RR("mulh", MIN64, 2), -1);
	CHECK("mulh big", RR("mulh", 0x7fffffffffffffffUL, 0x7fffffffffffffffUL),
	      0x3fffffffffffffffUL);
	CHECK("mulhu", RR("mulhu", -1, -1), 0xfffffffffffffffeUL);
	CHECK("mulhsu", RR("mulhsu", -1, -1), -1);
	CHECK("mulhsu pos", RR("mulhsu", 2, MIN64), 1);
	CHECK("mulw sext", RR("mulw", 0x10000, 0x8000), MIN32);
	CHECK("mulw ignores hi", RR("mulw", 0x500000003UL, 0x700000002UL), 6);
	CHECK("div", RR("div", -7, 2), -3);
	CHECK("divu", RR("divu", -7, 2), 0x7ffffffffffffffcUL);
	CHECK("rem sign of dividend", RR("rem", -7, 2), -1);
	CHECK("rem neg divisor", RR("rem", 7, -2), 1);
	CHECK("remu", RR("remu", -7, 2), 1);
	CHECK("div by 0", RR("div", 5, 0), -1);
	CHECK("divu by 0", RR("divu", 5, 0), -1);
	CHECK("rem by 0", RR("rem", -5, 0), -5);
	CHECK("remu by 0", RR("remu", 5, 0), 5);
	CHECK("div overflow", RR("div", MIN64, -1), MIN64);
	CHECK("rem overflow", RR("rem", MIN64, -1), 0);
	CHECK("divw", RR("divw", 0x1fffffff9UL, 2), -3);
	CHECK("divuw", RR("divuw", 0xfffffff9UL, 1), 0xfffffffffffffff9UL);
	CHECK("divuw by 2", RR("divuw", 0xfffffff8UL, 2), 0x7ffffffc);
	CHECK("remw", RR("remw", -7, 2), -1);
	CHECK("remuw", RR("remuw", 0xfffffff9UL, 16), 9);
	CHECK("divw by 0", RR("divw", 5, 0), -1);
	CHECK("divuw by 0", RR("divuw", 5, 0), -1);
	CHECK("remw by 0 sext", RR("remw", 0x80000000UL, 0), MIN32);
	CHECK("remuw by 0 sext", RR("remuw", 0x80000001UL, 0), 0xffffffff80000001UL);
	CHECK("divw overflow", RR("divw", 0x80000000UL, -1), MIN32);
	CHECK("remw overflow", RR("remw", 0x80000000UL, -1), 0);
	CHECK("divw uses low 32", RR("divw", 0x100000000UL + 10, 0x200000000UL + 3), 3);
	return checks_done();
}
