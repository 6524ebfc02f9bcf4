/*
 * interp_ops.h - the body of every instruction, included twice by interp.c:
 * once with STEP 1 (compressed, 2-byte) and once with STEP 2 (4-byte), so
 * that advancing to the next slot is a constant add, not a load. L(name)
 * names the label of the variant being built. Private to interp.c.
 */
/* clang-format off */ /* (handlers are labels, L(NAME):, kept as a listing) */
L(DECODE):
	if (!decode_slot((struct dpage *)((char *)base - offsetof(struct dpage, slot)), ip, labels,
			 fused)) {
		*ip = (struct insn){.fn = &&L_CROSS_1, .op = INSN_OP(OP_CROSS, 1)};
		goto L_CROSS_1;
	}
	DISPATCH();
L(CROSS):
	SYNC();
	goto slow_fetch;
L(PAGE_END):
	new_pc = PC();
	goto leave;
L(ILLEGAL):
	TRAP(EXC_ILLEGAL_INSN, RAW());

L(LUI):
	x[RD] = IMM;
	NEXT();
L(AUIPC):
	x[RD] = PC() + IMM;
	NEXT();
L(JAL):
	x[RD] = PC() + 2u * STEP;
	JUMP_REL();
L(JALR): {
	uint64_t pc = PC();
	uint64_t t = (RS1 + IMM) & ~1ull;
	x[RD] = pc + 2u * STEP;
	JUMP(t);
}

L(BEQ):
	BRANCH(RS1 == RS2);
L(BNE):
	BRANCH(RS1 != RS2);
L(BEQZ):
	BRANCH(RS1 == 0);
L(BNEZ):
	BRANCH(RS1 != 0);
L(BLT):
	BRANCH((int64_t)RS1 < (int64_t)RS2);
L(BGE):
	BRANCH((int64_t)RS1 >= (int64_t)RS2);
L(BLTU):
	BRANCH(RS1 < RS2);
L(BGEU):
	BRANCH(RS1 >= RS2);

L(LB):
	LOAD(int8_t);
L(LH):
	LOAD(int16_t);
L(LW):
	LOAD(int32_t);
L(LD):
	LOAD(uint64_t);
L(LBU):
	LOAD(uint8_t);
L(LHU):
	LOAD(uint16_t);
L(LWU):
	LOAD(uint32_t);

L(SB):
	STORE(uint8_t);
L(SH):
	STORE(uint16_t);
L(SW):
	STORE(uint32_t);
L(SD):
	STORE(uint64_t);

L(ADDI):
	x[RD] = RS1 + IMM;
	NEXT();
L(LI):
	x[RD] = IMM;
	NEXT();
L(MV):
	x[RD] = RS1;
	NEXT();
L(SLTI):
	x[RD] = (int64_t)RS1 < (int64_t)IMM;
	NEXT();
L(SLTIU):
	x[RD] = RS1 < IMM;
	NEXT();
L(XORI):
	x[RD] = RS1 ^ IMM;
	NEXT();
L(ORI):
	x[RD] = RS1 | IMM;
	NEXT();
L(ANDI):
	x[RD] = RS1 & IMM;
	NEXT();
L(SLLI):
	x[RD] = RS1 << SHAMT;
	NEXT();
L(SRLI):
	x[RD] = RS1 >> SHAMT;
	NEXT();
L(SRAI):
	x[RD] = (uint64_t)((int64_t)RS1 >> SHAMT);
	NEXT();
L(ADD):
	x[RD] = RS1 + RS2;
	NEXT();
L(SUB):
	x[RD] = RS1 - RS2;
	NEXT();
L(SLL):
	x[RD] = RS1 << (RS2 & 63);
	NEXT();
L(SLT):
	x[RD] = (int64_t)RS1 < (int64_t)RS2;
	NEXT();
L(SLTU):
	x[RD] = RS1 < RS2;
	NEXT();
L(XOR):
	x[RD] = RS1 ^ RS2;
	NEXT();
L(SRL):
	x[RD] = RS1 >> (RS2 & 63);
	NEXT();
L(SRA):
	x[RD] = (uint64_t)((int64_t)RS1 >> (RS2 & 63));
	NEXT();
L(OR):
	x[RD] = RS1 | RS2;
	NEXT();
L(AND):
	x[RD] = RS1 & RS2;
	NEXT();
L(ADDIW):
	x[RD] = SEXT32(RS1 + IMM);
	NEXT();
L(SLLIW):
	x[RD] = SEXT32((uint32_t)RS1 << SHAMT);
	NEXT();
L(SRLIW):
	x[RD] = SEXT32((uint32_t)RS1 >> SHAMT);
	NEXT();
L(SRAIW):
	x[RD] = (uint64_t)(int64_t)((int32_t)RS1 >> SHAMT);
	NEXT();
L(ADDW):
	x[RD] = SEXT32(RS1 + RS2);
	NEXT();
L(SUBW):
	x[RD] = SEXT32(RS1 - RS2);
	NEXT();
L(SLLW):
	x[RD] = SEXT32((uint32_t)RS1 << (RS2 & 31));
	NEXT();
L(SRLW):
	x[RD] = SEXT32((uint32_t)RS1 >> (RS2 & 31));
	NEXT();
L(SRAW):
	x[RD] = (uint64_t)(int64_t)((int32_t)RS1 >> (RS2 & 31));
	NEXT();

L(MUL):
	x[RD] = RS1 * RS2;
	NEXT();
L(MULH):
	x[RD] = (uint64_t)(((__int128)(int64_t)RS1 * (__int128)(int64_t)RS2) >> 64);
	NEXT();
L(MULHSU):
	x[RD] = (uint64_t)(((__int128)(int64_t)RS1 * (__int128)RS2) >> 64);
	NEXT();
L(MULHU):
	x[RD] = (uint64_t)(((unsigned __int128)RS1 * RS2) >> 64);
	NEXT();
L(DIV): {
	int64_t a = (int64_t)RS1, b = (int64_t)RS2;
	x[RD] = b == 0 ? ~0ull : (a == INT64_MIN && b == -1) ? (uint64_t)a : (uint64_t)(a / b);
	NEXT();
}
L(DIVU):
	x[RD] = RS2 == 0 ? ~0ull : RS1 / RS2;
	NEXT();
L(REM): {
	int64_t a = (int64_t)RS1, b = (int64_t)RS2;
	x[RD] = b == 0 ? (uint64_t)a : (a == INT64_MIN && b == -1) ? 0 : (uint64_t)(a % b);
	NEXT();
}
L(REMU):
	x[RD] = RS2 == 0 ? RS1 : RS1 % RS2;
	NEXT();
L(MULW):
	x[RD] = SEXT32((uint32_t)RS1 * (uint32_t)RS2);
	NEXT();
L(DIVW): {
	int32_t a = (int32_t)RS1, b = (int32_t)RS2;
	x[RD] = b == 0 ? ~0ull : (a == INT32_MIN && b == -1) ? SEXT32(a) : SEXT32(a / b);
	NEXT();
}
L(DIVUW): {
	uint32_t a = (uint32_t)RS1, b = (uint32_t)RS2;
	x[RD] = b == 0 ? ~0ull : SEXT32(a / b);
	NEXT();
}
L(REMW): {
	int32_t a = (int32_t)RS1, b = (int32_t)RS2;
	x[RD] = b == 0 ? SEXT32(a) : (a == INT32_MIN && b == -1) ? 0 : SEXT32(a % b);
	NEXT();
}
L(REMUW): {
	uint32_t a = (uint32_t)RS1, b = (uint32_t)RS2;
	x[RD] = b == 0 ? SEXT32(a) : SEXT32(a % b);
	NEXT();
}

L(FENCE):
	NEXT();
L(FENCE_I):
	dcache_flush(h);
	EXIT_NEXT();
L(ECALL):
	TRAP(EXC_ECALL_U + h->priv, 0);
L(EBREAK):
	TRAP(EXC_BREAKPOINT, PC());
L(MRET):
	SYNC();
	if (trap_mret(h) < 0)
		TRAP(EXC_ILLEGAL_INSN, RAW());
	n++;
	h->instret = n;
	goto outer;
L(SRET):
	SYNC();
	if (trap_sret(h) < 0)
		TRAP(EXC_ILLEGAL_INSN, RAW());
	n++;
	h->instret = n;
	goto outer;
L(WFI):
	if (h->priv == PRIV_U || (h->priv == PRIV_S && (h->mstatus & MSTATUS_TW)))
		TRAP(EXC_ILLEGAL_INSN, RAW());
	if (!trap_irq_wakeup(h)) {
		h->pc = PC() + 2u * STEP;
		n++;
		h->instret = n;
		return HART_WFI;
	}
	EXIT_NEXT();
L(SFENCE_VMA):
	if (h->priv == PRIV_U || (h->priv == PRIV_S && (h->mstatus & MSTATUS_TVM)))
		TRAP(EXC_ILLEGAL_INSN, RAW());
	mmu_sfence(h, RS1I != 0, RS1, RS2I != 0, RS2);
	EXIT_NEXT();
L(CSR): {
	uint64_t v;
	SYNC();
	if (csr_access(h, RAW(), &v) < 0)
		TRAP(EXC_ILLEGAL_INSN, RAW());
	x[RD] = v;
	EXIT_NEXT();
}

L(LR_W):
	LR(int32_t);
L(LR_D):
	LR(int64_t);

L(SC_W):
	SC(uint32_t);
L(SC_D):
	SC(uint64_t);

L(AMO_W):
	AMO(int32_t, uint32_t);
L(AMO_D):
	AMO(int64_t, uint64_t);

L(FLW):
L(FLD): {
	if (!FP_ON())
		TRAP(EXC_ILLEGAL_INSN, RAW());
	unsigned size = (W_OP >> 1) == OP_FLW ? 4 : 8;
	uint64_t a = RS1 + IMM, v = 0;
	uint8_t *p = ftlb_host(h, ACC_R, a, size);
	if (likely(p)) {
		memcpy(&v, p, size);
	} else {
		SYNC();
		cause = mmu_load_slow(h, a, size, &v, false);
		if (cause)
			TRAP(cause, h->fault_va);
	}
	h->f[RD] = size == 4 ? (v & 0xffffffffull) | NAN_BOX32 : v;
	h->mstatus |= FS_DIRTY;
	NEXT();
}
L(FSW):
L(FSD): {
	if (!FP_ON())
		TRAP(EXC_ILLEGAL_INSN, RAW());
	unsigned size = (W_OP >> 1) == OP_FSW ? 4 : 8;
	uint64_t a = RS1 + IMM, v = h->f[RS2I];
	uint8_t *p = ftlb_host(h, ACC_W, a, size);
	if (likely(p)) {
		memcpy(p, &v, size);
	} else {
		SYNC();
		cause = mmu_store_slow(h, a, size, v);
		if (cause)
			TRAP(cause, h->fault_va);
	}
	NEXT();
}
L(FP):
	SYNC();
	cause = fp_exec(h, RAW());
	if (cause)
		TRAP(cause, RAW());
	NEXT();
