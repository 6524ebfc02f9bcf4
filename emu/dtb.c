/*
 * dtb.c - the device tree that describes rvmm's board to an image, in the
 * shape of QEMU virt's (same node names, compatibles and interrupt wiring),
 * so that code which finds its devices through the DTB finds them here too.
 */
#include "emu/devices.h"
#include "emu/fdt.h"

#define PHANDLE_CPU_INTC 1
#define PHANDLE_PLIC	 2
#define TIMEBASE_HZ	 10000000 /* nominal: mtime advances once per insns_per_tick */

static void reg(struct fdt *f, uint64_t base, uint64_t size)
{
	uint32_t cells[4] = {(uint32_t)(base >> 32), (uint32_t)base, (uint32_t)(size >> 32),
			     (uint32_t)size};
	fdt_prop_cells(f, "reg", cells, 4);
}

static void cpus(struct fdt *f)
{
	fdt_begin_node(f, "cpus");
	fdt_prop_u32(f, "#address-cells", 1);
	fdt_prop_u32(f, "#size-cells", 0);
	fdt_prop_u32(f, "timebase-frequency", TIMEBASE_HZ);
	fdt_begin_node(f, "cpu@0");
	fdt_prop_str(f, "device_type", "cpu");
	fdt_prop_u32(f, "reg", 0);
	fdt_prop_str(f, "status", "okay");
	fdt_prop_str(f, "compatible", "riscv");
	fdt_prop_str(f, "riscv,isa", "rv64imafdc_zicsr_zifencei");
	fdt_prop_str(f, "mmu-type", "riscv,sv39");
	fdt_begin_node(f, "interrupt-controller");
	fdt_prop_u32(f, "#interrupt-cells", 1);
	fdt_prop(f, "interrupt-controller", NULL, 0);
	fdt_prop_str(f, "compatible", "riscv,cpu-intc");
	fdt_prop_u32(f, "phandle", PHANDLE_CPU_INTC);
	fdt_end_node(f);
	fdt_end_node(f);
	fdt_end_node(f);
}

static void soc(struct fdt *f)
{
	static const char clint_compat[] = "sifive,clint0\0riscv,clint0";
	static const char plic_compat[] = "sifive,plic-1.0.0\0riscv,plic0";
	static const char test_compat[] = "sifive,test1\0sifive,test0\0syscon";
	const uint32_t clint_irqs[] = {PHANDLE_CPU_INTC, 3, PHANDLE_CPU_INTC, 7};
	const uint32_t plic_irqs[] = {PHANDLE_CPU_INTC, 11, PHANDLE_CPU_INTC, 9};

	fdt_begin_node(f, "soc");
	fdt_prop_u32(f, "#address-cells", 2);
	fdt_prop_u32(f, "#size-cells", 2);
	fdt_prop_str(f, "compatible", "simple-bus");
	fdt_prop(f, "ranges", NULL, 0);

	fdt_begin_node(f, "test@100000");
	fdt_prop(f, "compatible", test_compat, sizeof(test_compat));
	reg(f, FINISHER_BASE, FINISHER_SIZE);
	fdt_end_node(f);

	fdt_begin_node(f, "clint@2000000");
	fdt_prop(f, "compatible", clint_compat, sizeof(clint_compat));
	reg(f, CLINT_BASE, CLINT_SIZE);
	fdt_prop_cells(f, "interrupts-extended", clint_irqs, 4);
	fdt_end_node(f);

	fdt_begin_node(f, "plic@c000000");
	fdt_prop(f, "compatible", plic_compat, sizeof(plic_compat));
	reg(f, PLIC_BASE, PLIC_SIZE);
	fdt_prop_u32(f, "#address-cells", 0);
	fdt_prop_u32(f, "#interrupt-cells", 1);
	fdt_prop(f, "interrupt-controller", NULL, 0);
	fdt_prop_u32(f, "riscv,ndev", PLIC_NSRC - 1);
	fdt_prop_cells(f, "interrupts-extended", plic_irqs, 4);
	fdt_prop_u32(f, "phandle", PHANDLE_PLIC);
	fdt_end_node(f);

	fdt_begin_node(f, "serial@10000000");
	fdt_prop_str(f, "compatible", "ns16550a");
	reg(f, UART_BASE, UART_SIZE);
	fdt_prop_u32(f, "clock-frequency", 3686400);
	fdt_prop_u32(f, "interrupt-parent", PHANDLE_PLIC);
	fdt_prop_u32(f, "interrupts", PLIC_IRQ_UART);
	fdt_end_node(f);

	fdt_end_node(f);
}

size_t board_dtb(uint8_t *out, size_t cap, uint64_t ram_base, uint64_t ram_size)
{
	static struct fdt f; /* 5 KiB: keep it off the stack */

	fdt_init(&f);
	fdt_begin_node(&f, "");
	fdt_prop_u32(&f, "#address-cells", 2);
	fdt_prop_u32(&f, "#size-cells", 2);
	fdt_prop_str(&f, "compatible", "riscv-virtio");
	fdt_prop_str(&f, "model", "rvmm,virt");
	fdt_begin_node(&f, "chosen");
	fdt_prop_str(&f, "stdout-path", "/soc/serial@10000000");
	fdt_end_node(&f);
	fdt_begin_node(&f, "memory@80000000");
	fdt_prop_str(&f, "device_type", "memory");
	reg(&f, ram_base, ram_size);
	fdt_end_node(&f);
	cpus(&f);
	soc(&f);
	fdt_end_node(&f);
	return fdt_finish(&f, out, cap);
}
