#!/usr/bin/env python3
"""roms/gen/diffgen.py - write one random differential test image (.S).

    python3 roms/gen/diffgen.py --seed N [--count 300] [--mode m|s|u] > FILE.S

In mode m the sequence runs in M-mode on the scratch area diff_scratch;
in modes s and u it runs in S or U with Sv39 on, its scratch window at
DIFF_VA straddling two virtual pages mapped to swapped physical pages
(dump.c), so every access goes through translation and some cross pages.
The image initialises every integer and FP register with varied values
(edge cases of both kinds and random bits), fills the 512-byte scratch area,
then runs COUNT random instructions from RV64IMAFDC + Zicsr(fcsr) and ends
with DIFF_EPILOGUE, which dumps x1..x31, f0..f31, fcsr and the scratch area
over the UART.  The same seed always writes the same file.

Rules that keep the sequence deterministic on any correct machine:
- gp holds the scratch base and is never written; memory operands are
  gp-relative (misaligned offsets allowed for plain loads and stores, natural
  alignment for atomics and compressed loads/stores);
- control flow only goes forward, to a label inside the sequence, placed
  between groups (an address set-up and its use are never split);
- LR/SC come in pairs with no memory access between them, and the
  address register survives until the SC;
- frm is only ever set to a valid rounding mode (0..4).
"""
import argparse
import random

XREGS = [f"x{i}" for i in range(1, 32) if i != 3]          # all but gp
CREGS = ["s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5"]    # x8..x15
FREGS = [f"f{i}" for i in range(32)]
CFREGS = [f"f{i}" for i in range(8, 16)]
RMS = ["rne", "rtz", "rdn", "rup", "rmm", "dyn"]

INT_EDGES = [0, 1, -1, 2, -2, 0x7fffffffffffffff, -0x8000000000000000,
             0x7fffffff, -0x80000000, 0x80000000, 0xffffffff, 63, 64, 31, 32,
             0x100000000, -0x100000000, 0x5555555555555555, 0xaaaaaaaaaaaaaaaa]
FP_EDGES = [
    0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000,
    0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000, 0x7ff0000000000001,
    0x0000000000000001, 0x000fffffffffffff, 0x7fefffffffffffff, 0x4000000000000000,
    0x3fd5555555555555, 0x43e0000000000000, 0xc3e0000000000000, 0x41e0000000000000,
    # NaN-boxed singles: 1.0, -0.0, inf, qNaN, sNaN, max, min subnormal, 2^31, 0.1
    0xffffffff3f800000, 0xffffffff80000000, 0xffffffff7f800000, 0xffffffff7fc00000,
    0xffffffff7f800001, 0xffffffff7f7fffff, 0xffffffff00000001, 0xffffffff4f000000,
    0xffffffff3dcccccd,
    # improperly boxed singles
    0x000000003f800000, 0xfffffffe40000000,
]

R_OPS = "add sub sll slt sltu xor srl sra or and addw subw sllw srlw sraw " \
        "mul mulh mulhsu mulhu div divu rem remu mulw divw divuw remw remuw"
I_OPS = "addi slti sltiu xori ori andi addiw".split()
SH_OPS = [("slli", 63), ("srli", 63), ("srai", 63), ("slliw", 31), ("srliw", 31), ("sraiw", 31)]
LOADS = [("lb", 1), ("lh", 2), ("lw", 4), ("ld", 8), ("lbu", 1), ("lhu", 2), ("lwu", 4)]
STORES = [("sb", 1), ("sh", 2), ("sw", 4), ("sd", 8)]
AMOS = "amoswap amoadd amoxor amoand amoor amomin amomax amominu amomaxu".split()
BRANCHES = "beq bne blt bge bltu bgeu".split()
F2 = "fadd fsub fmul fdiv".split()
F2NR = "fmin fmax fsgnj fsgnjn fsgnjx".split()
F3 = "fmadd fmsub fnmadd fnmsub".split()
FCMP = "feq flt fle".split()


class Gen:
    def __init__(self, seed, count):
        self.r = random.Random(seed)
        self.count = count
        self.out = []
        self.labels = 0
        self.pending = []  # [insns left, label]

    def emit(self, s):
        self.out.append("\t" + s)

    def place_labels(self):
        """Count one finished group; put due branch targets after it."""
        for p in self.pending:
            p[0] -= 1
        for p in [p for p in self.pending if p[0] <= 0]:
            self.out.append(f"{p[1]}:")
            self.pending.remove(p)

    def x(self):
        return self.r.choice(XREGS)

    def f(self):
        return self.r.choice(FREGS)

    def imm12(self):
        return self.r.choice([0, 1, -1, 2047, -2048, self.r.randint(-2048, 2047)])

    def off(self, size, aligned):
        o = self.r.randrange(0, 512 - 8)
        return o - o % size if aligned else o

    def value(self):
        if self.r.random() < 0.6:
            return self.r.choice(INT_EDGES)
        return self.r.getrandbits(64)

    def fvalue(self):
        if self.r.random() < 0.7:
            return self.r.choice(FP_EDGES)
        return self.r.getrandbits(64)

    def gen_int(self):
        r = self.r
        k = r.random()
        if k < 0.35:
            self.emit(f"{r.choice(R_OPS.split())} {self.x()}, {self.x()}, {self.x()}")
        elif k < 0.55:
            self.emit(f"{r.choice(I_OPS)} {self.x()}, {self.x()}, {self.imm12()}")
        elif k < 0.7:
            op, mx = r.choice(SH_OPS)
            self.emit(f"{op} {self.x()}, {self.x()}, {r.randint(0, mx)}")
        elif k < 0.75:
            self.emit(f"lui {self.x()}, {r.randrange(1 << 20)}")
        elif k < 0.78:
            self.emit(f"auipc {self.x()}, {r.randrange(1 << 20)}")
        else:
            self.emit(f"li {self.x()}, {self.value() & ((1 << 64) - 1)}")

    def gen_mem(self):
        r = self.r
        aligned = r.random() < 0.8
        if r.random() < 0.5:
            op, sz = r.choice(LOADS)
            self.emit(f"{op} {self.x()}, {self.off(sz, aligned)}(gp)")
        else:
            op, sz = r.choice(STORES)
            self.emit(f"{op} {self.x()}, {self.off(sz, aligned)}(gp)")

    def gen_atomic(self):
        r = self.r
        w = r.choice(["w", "d"])
        sz = 4 if w == "w" else 8
        t = r.choice(XREGS)
        self.emit(f"addi {t}, gp, {self.off(sz, True)}")
        if r.random() < 0.3:
            # Nothing between the LR and the SC may overwrite the address.
            others = [x for x in XREGS if x != t]
            rd, rs2 = r.choice(others), r.choice(XREGS)
            self.emit(f"lr.{w} {rd}, ({t})")
            for _ in range(r.randint(0, 2)):
                self.emit(f"{r.choice(['add', 'xor', 'sub'])} {rd}, {rd}, {self.x()}")
            self.emit(f"sc.{w} {self.x()}, {rs2}, ({t})")
        else:
            self.emit(f"{r.choice(AMOS)}.{w} {self.x()}, {self.x()}, ({t})")

    def gen_branch(self):
        r = self.r
        self.labels += 1
        lab = f"L{self.labels}"
        k = r.random()
        if k < 0.6:
            self.emit(f"{r.choice(BRANCHES)} {self.x()}, {self.x()}, {lab}")
        elif k < 0.7:
            self.emit(f"jal {self.x()}, {lab}")
        elif k < 0.8:
            t = self.x()
            self.emit(f"la {t}, {lab}")
            self.emit(f"jalr {self.x()}, 0({t})")
        elif k < 0.95:
            self.emit(f"c.{r.choice(['beqz', 'bnez'])} {r.choice(CREGS)}, {lab}")
        else:
            self.emit(f"c.j {lab}")
        self.pending.append([r.randint(2, 7), lab])

    def gen_rvc(self):
        r = self.r
        c = lambda: r.choice(CREGS)
        k = r.randrange(14)
        nz = lambda lo, hi: r.choice([v for v in range(lo, hi + 1) if v != 0])
        if k == 0:
            self.emit(f"c.addi {self.x()}, {nz(-32, 31)}")
        elif k == 1:
            self.emit(f"c.li {self.x()}, {r.randint(-32, 31)}")
        elif k == 2:
            rd = r.choice([x for x in XREGS if x != "x2"])
            self.emit(f"c.lui {rd}, {r.choice(list(range(1, 32)) + list(range(0xfffe0, 0x100000)))}")
        elif k == 3:
            self.emit(f"c.slli {self.x()}, {r.randint(1, 63)}")
        elif k == 4:
            self.emit(f"c.{r.choice(['srli', 'srai'])} {c()}, {r.randint(1, 63)}")
        elif k == 5:
            self.emit(f"c.andi {c()}, {r.randint(-32, 31)}")
        elif k == 6:
            self.emit(f"c.mv {self.x()}, {self.x()}")
        elif k == 7:
            self.emit(f"c.add {self.x()}, {self.x()}")
        elif k == 8:
            self.emit(f"c.{r.choice(['sub', 'xor', 'or', 'and', 'addw', 'subw'])} {c()}, {c()}")
        elif k == 9:
            self.emit(f"c.addiw {self.x()}, {r.randint(-32, 31)}")
        else:
            base = c()
            self.emit(f"addi {base}, gp, {r.randrange(0, 256, 8)}")
            op = r.choice(["c.lw", "c.ld", "c.sw", "c.sd", "c.fld", "c.fsd"])
            sz = 4 if op.endswith("w") else 8
            reg = r.choice(CFREGS) if "f" in op[2:] else c()
            if op in ("c.lw", "c.ld") and reg == base:
                reg = "a5" if base != "a5" else "a4"
            limit = 124 if sz == 4 else 248
            self.emit(f"{op} {reg}, {r.randrange(0, limit + 1, sz)}({base})")

    def gen_fp(self):
        r = self.r
        p = r.choice(["s", "d"])
        k = r.random()
        rm = r.choice(RMS)
        if k < 0.25:
            self.emit(f"{r.choice(F2)}.{p} {self.f()}, {self.f()}, {self.f()}, {rm}")
        elif k < 0.35:
            self.emit(f"{r.choice(F2NR)}.{p} {self.f()}, {self.f()}, {self.f()}")
        elif k < 0.45:
            self.emit(f"{r.choice(F3)}.{p} {self.f()}, {self.f()}, {self.f()}, {self.f()}, {rm}")
        elif k < 0.5:
            self.emit(f"fsqrt.{p} {self.f()}, {self.f()}, {rm}")
        elif k < 0.58:
            self.emit(f"{r.choice(FCMP)}.{p} {self.x()}, {self.f()}, {self.f()}")
        elif k < 0.62:
            self.emit(f"fclass.{p} {self.x()}, {self.f()}")
        elif k < 0.72:
            it = r.choice(["w", "wu", "l", "lu"])
            self.emit(f"fcvt.{it}.{p} {self.x()}, {self.f()}, {rm}")
        elif k < 0.8:
            it = r.choice(["w", "wu", "l", "lu"])
            exact = p == "d" and it in ("w", "wu")  # no rounding: no rm operand
            self.emit(f"fcvt.{p}.{it} {self.f()}, {self.x()}" + ("" if exact else f", {rm}"))
        elif k < 0.84:
            if p == "s":
                self.emit(f"fcvt.s.d {self.f()}, {self.f()}, {rm}")
            else:
                self.emit(f"fcvt.d.s {self.f()}, {self.f()}")
        elif k < 0.88:
            if r.random() < 0.5:
                self.emit(f"fmv.x.{'w' if p == 's' else 'd'} {self.x()}, {self.f()}")
            else:
                self.emit(f"fmv.{'w' if p == 's' else 'd'}.x {self.f()}, {self.x()}")
        elif k < 0.94:
            sz = 4 if p == "s" else 8
            op = r.choice(["fl", "fs"]) + ("w" if p == "s" else "d")
            self.emit(f"{op} {self.f()}, {self.off(sz, r.random() < 0.9)}(gp)")
        else:
            k2 = r.randrange(5)
            if k2 == 0:
                self.emit(f"csrwi frm, {r.randint(0, 4)}")
            elif k2 == 1:
                self.emit(f"csrrw {self.x()}, fflags, {self.x()}")
            elif k2 == 2:
                self.emit(f"csrrs {self.x()}, fcsr, x0")
            elif k2 == 3:
                self.emit(f"csrrci {self.x()}, fflags, {r.randint(0, 31)}")
            else:
                t = self.x()
                self.emit(f"li {t}, {(r.randint(0, 4) << 5) | r.randint(0, 31)}")
                self.emit(f"csrw fcsr, {t}")

    def body(self):
        kinds = [(self.gen_int, 30), (self.gen_mem, 12), (self.gen_atomic, 6),
                 (self.gen_branch, 6), (self.gen_rvc, 12), (self.gen_fp, 34)]
        fns, weights = zip(*kinds)
        while len(self.out) < self.count:
            self.r.choices(fns, weights)[0]()
            self.place_labels()
        for p in self.pending:
            self.out.append(f"{p[1]}:")
        self.pending = []

    def prologue(self, mode):
        if mode == "m":
            pro = ["\tla gp, diff_scratch"]
        else:
            pro = [f"\tli a0, {'PRV_S' if mode == 's' else 'PRV_U'}",
                   "\tcall diff_vm_enter",
                   "\tli gp, DIFF_VA"]
        for i in range(0, 512, 8):
            pro.append(f"\tli t0, {self.r.getrandbits(64)}")
            pro.append(f"\tsd t0, {i}(gp)")
        for f in FREGS:
            pro.append(f"\tli t0, {self.fvalue()}")
            pro.append(f"\tfmv.d.x {f}, t0")
        pro.append(f"\tli t0, {self.r.randint(0, 4) << 5}")
        pro.append("\tcsrw fcsr, t0")
        for x in XREGS:
            pro.append(f"\tli {x}, {self.value() & ((1 << 64) - 1)}")
        return pro


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--mode", choices=["m", "s", "u"], default="m")
    a = ap.parse_args()
    g = Gen(a.seed, a.count)
    pro = g.prologue(a.mode)
    g.body()
    mode = "" if a.mode == "m" else f" --mode {a.mode}"
    print(f"/* Generated by roms/gen/diffgen.py --seed {a.seed} --count {a.count}{mode}: do not edit. */")
    print('#include "diff.h"')
    print("\t.text\n\t.globl main\nmain:")
    print("\n".join(pro))
    print("\t.option push\n\t.option rvc")
    print("\n".join(g.out))
    print("\t.option pop")
    print("\tDIFF_EPILOGUE")


if __name__ == "__main__":
    main()
