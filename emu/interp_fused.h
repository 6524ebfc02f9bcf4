/*
 * interp_fused.h - the handlers of fused groups (fuse.c), included by
 * interp.c once per group length: STEP is the group's length in slots,
 * L(name) the label of that variant. Private to interp.c.
 *
 * A group retires its members together. A load that leaves the fast path
 * is run as the unfused load at its own slot, with the slli and add
 * retired before it: a trap there sees rT written, pc at the load and
 * instret counting exactly the two instructions before it.
 */
/* clang-format off */ /* (handlers are labels, L(NAME):, kept as a listing) */
L(F_SHADD):
	x[RD] = (RS1 << F_SHIFT) + RS2;
	n += 2;
	ip += STEP;
	DISPATCH();
L(F_LB):
	FUSED_LOAD(int8_t);
L(F_LH):
	FUSED_LOAD(int16_t);
L(F_LW):
	FUSED_LOAD(int32_t);
L(F_LD):
	FUSED_LOAD(uint64_t);
L(F_LBU):
	FUSED_LOAD(uint8_t);
L(F_LHU):
	FUSED_LOAD(uint16_t);
L(F_LWU):
	FUSED_LOAD(uint32_t);
L(F_SRL_AND):
	x[RD] = (RS1 >> F_SHIFT) & RS2;
	n += 2;
	ip += STEP;
	DISPATCH();
L(F_SRL_ANDI):
	x[RD] = (RS1 >> F_SHIFT) & F_OFF;
	n += 2;
	ip += STEP;
	DISPATCH();
