/*
 * decode.c - turn one instruction encoding (32-bit, or 16-bit compressed in
 * the low half) into a struct insn. Compressed instructions expand to the
 * same operations as their 32-bit equivalents; only len and raw differ.
 *
 * Invariant: integer destinations equal to x0 are redirected to 32 (the sink
 * register), so the interpreter never tests rd. F/D instructions keep their
 * raw register numbers (fp.c writes x[rd] itself and knows about x0).
 */
#include "emu/cpu.h"

static inline uint32_t bits(uint32_t v, int hi, int lo)
{
	return (v >> lo) & ((1u << (hi - lo + 1)) - 1);
}

static inline int32_t sext(uint32_t v, int width)
{
	return (int32_t)(v << (32 - width)) >> (32 - width);
}

static void set(struct insn *d, enum op op, unsigned rd, unsigned rs1, unsigned rs2, int32_t imm)
{
	d->op = (uint8_t)op;
	d->rd = (uint8_t)(rd ? rd : 32);
	d->rs1 = (uint8_t)rs1;
	d->rs2 = (uint8_t)rs2;
	d->imm = imm;
}

static void illegal(struct insn *d)
{
	d->op = OP_ILLEGAL;
	d->rd = 32;
	d->rs1 = d->rs2 = 0;
	d->imm = 0;
}

static void decode32(uint32_t r, struct insn *d)
{
	unsigned rd = bits(r, 11, 7), rs1 = bits(r, 19, 15), rs2 = bits(r, 24, 20);
	unsigned f3 = bits(r, 14, 12), f7 = bits(r, 31, 25);
	int32_t immi = (int32_t)r >> 20;
	int32_t imms = ((int32_t)r >> 25) * 32 + (int32_t)bits(r, 11, 7);
	int32_t immb = sext((bits(r, 31, 31) << 12) | (bits(r, 7, 7) << 11) |
				(bits(r, 30, 25) << 5) | (bits(r, 11, 8) << 1),
			    13);
	int32_t immj = sext((bits(r, 31, 31) << 20) | (bits(r, 19, 12) << 12) |
				(bits(r, 20, 20) << 11) | (bits(r, 30, 21) << 1),
			    21);
	static const enum op branch[8] = {OP_BEQ, OP_BNE, OP_ILLEGAL, OP_ILLEGAL,
					  OP_BLT, OP_BGE, OP_BLTU,    OP_BGEU};
	static const enum op load[8] = {OP_LB,	OP_LH,	OP_LW,	OP_LD,
					OP_LBU, OP_LHU, OP_LWU, OP_ILLEGAL};
	static const enum op alu[8] = {OP_ADD, OP_SLL, OP_SLT, OP_SLTU,
				       OP_XOR, OP_SRL, OP_OR,  OP_AND};
	static const enum op mul[8] = {OP_MUL, OP_MULH, OP_MULHSU, OP_MULHU,
				       OP_DIV, OP_DIVU, OP_REM,	   OP_REMU};
	static const enum op mulw[8] = {OP_MULW, OP_ILLEGAL, OP_ILLEGAL, OP_ILLEGAL,
					OP_DIVW, OP_DIVUW,   OP_REMW,	 OP_REMUW};

	illegal(d);
	switch (r & 0x7f) {
	case 0x37: set(d, OP_LUI, rd, 0, 0, (int32_t)(r & 0xfffff000u)); break;
	case 0x17: set(d, OP_AUIPC, rd, 0, 0, (int32_t)(r & 0xfffff000u)); break;
	case 0x6f: set(d, OP_JAL, rd, 0, 0, immj); break;
	case 0x67:
		if (f3 == 0)
			set(d, OP_JALR, rd, rs1, 0, immi);
		break;
	case 0x63:
		if (branch[f3] != OP_ILLEGAL)
			set(d, branch[f3], 0, rs1, rs2, immb);
		break;
	case 0x03:
		if (load[f3] != OP_ILLEGAL)
			set(d, load[f3], rd, rs1, 0, immi);
		break;
	case 0x23:
		if (f3 < 4)
			set(d, (enum op)(OP_SB + f3), 0, rs1, rs2, imms);
		break;
	case 0x13: {
		unsigned f6 = bits(r, 31, 26), sh = bits(r, 25, 20);
		switch (f3) {
		case 0: set(d, OP_ADDI, rd, rs1, 0, immi); break;
		case 2: set(d, OP_SLTI, rd, rs1, 0, immi); break;
		case 3: set(d, OP_SLTIU, rd, rs1, 0, immi); break;
		case 4: set(d, OP_XORI, rd, rs1, 0, immi); break;
		case 6: set(d, OP_ORI, rd, rs1, 0, immi); break;
		case 7: set(d, OP_ANDI, rd, rs1, 0, immi); break;
		case 1:
			if (f6 == 0)
				set(d, OP_SLLI, rd, rs1, 0, (int32_t)sh);
			break;
		case 5:
			if (f6 == 0)
				set(d, OP_SRLI, rd, rs1, 0, (int32_t)sh);
			else if (f6 == 0x10)
				set(d, OP_SRAI, rd, rs1, 0, (int32_t)sh);
			break;
		}
		break;
	}
	case 0x1b:
		if (f3 == 0)
			set(d, OP_ADDIW, rd, rs1, 0, immi);
		else if (f3 == 1 && f7 == 0)
			set(d, OP_SLLIW, rd, rs1, 0, (int32_t)rs2);
		else if (f3 == 5 && f7 == 0)
			set(d, OP_SRLIW, rd, rs1, 0, (int32_t)rs2);
		else if (f3 == 5 && f7 == 0x20)
			set(d, OP_SRAIW, rd, rs1, 0, (int32_t)rs2);
		break;
	case 0x33:
		if (f7 == 0)
			set(d, alu[f3], rd, rs1, rs2, 0);
		else if (f7 == 1)
			set(d, mul[f3], rd, rs1, rs2, 0);
		else if (f7 == 0x20 && f3 == 0)
			set(d, OP_SUB, rd, rs1, rs2, 0);
		else if (f7 == 0x20 && f3 == 5)
			set(d, OP_SRA, rd, rs1, rs2, 0);
		break;
	case 0x3b:
		if (f7 == 0 && f3 == 0)
			set(d, OP_ADDW, rd, rs1, rs2, 0);
		else if (f7 == 0 && f3 == 1)
			set(d, OP_SLLW, rd, rs1, rs2, 0);
		else if (f7 == 0 && f3 == 5)
			set(d, OP_SRLW, rd, rs1, rs2, 0);
		else if (f7 == 0x20 && f3 == 0)
			set(d, OP_SUBW, rd, rs1, rs2, 0);
		else if (f7 == 0x20 && f3 == 5)
			set(d, OP_SRAW, rd, rs1, rs2, 0);
		else if (f7 == 1 && mulw[f3] != OP_ILLEGAL)
			set(d, mulw[f3], rd, rs1, rs2, 0);
		break;
	case 0x0f:
		if (f3 == 0)
			set(d, OP_FENCE, 0, 0, 0, 0);
		else if (f3 == 1)
			set(d, OP_FENCE_I, 0, 0, 0, 0);
		break;
	case 0x73:
		if (f3 == 0) {
			if (r == 0x00000073)
				set(d, OP_ECALL, 0, 0, 0, 0);
			else if (r == 0x00100073)
				set(d, OP_EBREAK, 0, 0, 0, 0);
			else if (r == 0x30200073)
				set(d, OP_MRET, 0, 0, 0, 0);
			else if (r == 0x10200073)
				set(d, OP_SRET, 0, 0, 0, 0);
			else if (r == 0x10500073)
				set(d, OP_WFI, 0, 0, 0, 0);
			else if (f7 == 0x09 && rd == 0)
				set(d, OP_SFENCE_VMA, 0, rs1, rs2, 0);
		} else if (f3 != 4) {
			set(d, OP_CSR, rd, rs1, 0, (int32_t)bits(r, 31, 20));
		}
		break;
	case 0x2f: {
		unsigned f5 = bits(r, 31, 27);
		if (f3 != 2 && f3 != 3)
			break;
		bool w = f3 == 2;
		if (f5 == 0x02 && rs2 == 0)
			set(d, w ? OP_LR_W : OP_LR_D, rd, rs1, 0, 0);
		else if (f5 == 0x03)
			set(d, w ? OP_SC_W : OP_SC_D, rd, rs1, rs2, 0);
		else if (f5 == 0x00 || f5 == 0x01 || f5 == 0x04 || f5 == 0x08 || f5 == 0x0c ||
			 f5 == 0x10 || f5 == 0x14 || f5 == 0x18 || f5 == 0x1c)
			set(d, w ? OP_AMO_W : OP_AMO_D, rd, rs1, rs2, (int32_t)f5);
		break;
	}
	case 0x07:
		if (f3 == 2 || f3 == 3) {
			set(d, f3 == 2 ? OP_FLW : OP_FLD, 0, rs1, 0, immi);
			d->rd = (uint8_t)rd;
		}
		break;
	case 0x27:
		if (f3 == 2 || f3 == 3)
			set(d, f3 == 2 ? OP_FSW : OP_FSD, 0, rs1, rs2, imms);
		break;
	case 0x43:
	case 0x47:
	case 0x4b:
	case 0x4f:
	case 0x53:
		set(d, OP_FP, 0, rs1, rs2, 0); /* fp_exec() decodes the encoding itself */
		break;
	}
}

/* Expand a compressed instruction (RV64C). */
static void decode16(uint32_t c, struct insn *d)
{
	unsigned rd = bits(c, 11, 7), rs2 = bits(c, 6, 2);
	unsigned rdp = bits(c, 4, 2) + 8, rs1p = bits(c, 9, 7) + 8;
	unsigned f3 = bits(c, 15, 13);
	int32_t imm6 = sext((bits(c, 12, 12) << 5) | bits(c, 6, 2), 6);
	uint32_t ldoff = (bits(c, 12, 10) << 3) | (bits(c, 6, 5) << 6); /* C.LD/C.SD/C.FLD */
	uint32_t lwoff = (bits(c, 12, 10) << 3) | (bits(c, 6, 6) << 2) | (bits(c, 5, 5) << 6);

	illegal(d);
	switch (c & 3) {
	case 0:
		switch (f3) {
		case 0: {
			uint32_t nz = (bits(c, 12, 11) << 4) | (bits(c, 10, 7) << 6) |
				      (bits(c, 6, 6) << 2) | (bits(c, 5, 5) << 3);
			if (nz)
				set(d, OP_ADDI, rdp, 2, 0, (int32_t)nz);
			break;
		}
		case 1:
			set(d, OP_FLD, 0, rs1p, 0, (int32_t)ldoff);
			d->rd = (uint8_t)rdp;
			break;
		case 2: set(d, OP_LW, rdp, rs1p, 0, (int32_t)lwoff); break;
		case 3: set(d, OP_LD, rdp, rs1p, 0, (int32_t)ldoff); break;
		case 5: set(d, OP_FSD, 0, rs1p, rdp, (int32_t)ldoff); break;
		case 6: set(d, OP_SW, 0, rs1p, rdp, (int32_t)lwoff); break;
		case 7: set(d, OP_SD, 0, rs1p, rdp, (int32_t)ldoff); break;
		}
		break;
	case 1:
		switch (f3) {
		case 0: set(d, OP_ADDI, rd, rd, 0, imm6); break;
		case 1:
			if (rd)
				set(d, OP_ADDIW, rd, rd, 0, imm6);
			break;
		case 2: set(d, OP_ADDI, rd, 0, 0, imm6); break;
		case 3:
			if (rd == 2) {
				int32_t nz = sext((bits(c, 12, 12) << 9) | (bits(c, 6, 6) << 4) |
						      (bits(c, 5, 5) << 6) | (bits(c, 4, 3) << 7) |
						      (bits(c, 2, 2) << 5),
						  10);
				if (nz)
					set(d, OP_ADDI, 2, 2, 0, nz);
			} else if (imm6) {
				set(d, OP_LUI, rd, 0, 0, imm6 * 4096);
			}
			break;
		case 4: {
			unsigned sh = (bits(c, 12, 12) << 5) | rs2;
			switch (bits(c, 11, 10)) {
			case 0: set(d, OP_SRLI, rs1p, rs1p, 0, (int32_t)sh); break;
			case 1: set(d, OP_SRAI, rs1p, rs1p, 0, (int32_t)sh); break;
			case 2: set(d, OP_ANDI, rs1p, rs1p, 0, imm6); break;
			case 3: {
				static const enum op o[8] = {OP_SUB,	 OP_XOR,    OP_OR,
							     OP_AND,	 OP_SUBW,   OP_ADDW,
							     OP_ILLEGAL, OP_ILLEGAL};
				enum op op = o[(bits(c, 12, 12) << 2) | bits(c, 6, 5)];
				if (op != OP_ILLEGAL)
					set(d, op, rs1p, rs1p, rdp, 0);
				break;
			}
			}
			break;
		}
		case 5: {
			int32_t off = sext((bits(c, 12, 12) << 11) | (bits(c, 11, 11) << 4) |
					       (bits(c, 10, 9) << 8) | (bits(c, 8, 8) << 10) |
					       (bits(c, 7, 7) << 6) | (bits(c, 6, 6) << 7) |
					       (bits(c, 5, 3) << 1) | (bits(c, 2, 2) << 5),
					   12);
			set(d, OP_JAL, 0, 0, 0, off);
			break;
		}
		case 6:
		case 7: {
			int32_t off = sext((bits(c, 12, 12) << 8) | (bits(c, 11, 10) << 3) |
					       (bits(c, 6, 5) << 6) | (bits(c, 4, 3) << 1) |
					       (bits(c, 2, 2) << 5),
					   9);
			set(d, f3 == 6 ? OP_BEQ : OP_BNE, 0, rs1p, 0, off);
			break;
		}
		}
		break;
	case 2:
		switch (f3) {
		case 0: set(d, OP_SLLI, rd, rd, 0, (int32_t)((bits(c, 12, 12) << 5) | rs2)); break;
		case 1: {
			uint32_t off =
			    (bits(c, 12, 12) << 5) | (bits(c, 6, 5) << 3) | (bits(c, 4, 2) << 6);
			set(d, OP_FLD, 0, 2, 0, (int32_t)off);
			d->rd = (uint8_t)rd;
			break;
		}
		case 2:
			if (rd)
				set(d, OP_LW, rd, 2, 0,
				    (int32_t)((bits(c, 12, 12) << 5) | (bits(c, 6, 4) << 2) |
					      (bits(c, 3, 2) << 6)));
			break;
		case 3:
			if (rd)
				set(d, OP_LD, rd, 2, 0,
				    (int32_t)((bits(c, 12, 12) << 5) | (bits(c, 6, 5) << 3) |
					      (bits(c, 4, 2) << 6)));
			break;
		case 4:
			if (!bits(c, 12, 12)) {
				if (rs2 == 0) {
					if (rd)
						set(d, OP_JALR, 0, rd, 0, 0);
				} else {
					set(d, OP_ADD, rd, 0, rs2, 0);
				}
			} else {
				if (rd == 0 && rs2 == 0)
					set(d, OP_EBREAK, 0, 0, 0, 0);
				else if (rs2 == 0)
					set(d, OP_JALR, 1, rd, 0, 0);
				else
					set(d, OP_ADD, rd, rd, rs2, 0);
			}
			break;
		case 5:
			set(d, OP_FSD, 0, 2, rs2,
			    (int32_t)((bits(c, 12, 10) << 3) | (bits(c, 9, 7) << 6)));
			break;
		case 6:
			set(d, OP_SW, 0, 2, rs2,
			    (int32_t)((bits(c, 12, 9) << 2) | (bits(c, 8, 7) << 6)));
			break;
		case 7:
			set(d, OP_SD, 0, 2, rs2,
			    (int32_t)((bits(c, 12, 10) << 3) | (bits(c, 9, 7) << 6)));
			break;
		}
		break;
	}
}

/* Decode raw (compressed when its low two bits are not 11) into *d. */
void decode(uint32_t raw, struct insn *d)
{
	unsigned len = (raw & 3) == 3 ? 2 : 1;
	if (len == 2)
		decode32(raw, d);
	else
		decode16(raw & 0xffff, d);
	/* Cheaper forms of the most common idioms. */
	if (d->op == OP_ADDI && d->rs1 == 0)
		d->op = OP_LI;
	else if (d->op == OP_ADDI && d->imm == 0)
		d->op = OP_MV;
	else if (d->op == OP_BEQ && d->rs2 == 0)
		d->op = OP_BEQZ;
	else if (d->op == OP_BNE && d->rs2 == 0)
		d->op = OP_BNEZ;
	d->op = (uint8_t)INSN_OP(d->op, len);
}
