/* A minimal hsdis plugin for `make asm`: HotSpot's -XX:+PrintAssembly hands it machine code and
 * it names the instructions with capstone (Debian: libcapstone-dev). HotSpot dlopen()s
 * "hsdis-amd64.so" from the JDK's lib folder or, as here, from LD_LIBRARY_PATH. */
#include <capstone/capstone.h>
#include <stdint.h>

/* The one function HotSpot looks up; the signature is HotSpot's hsdis protocol. */
void *decode_instructions_virtual(uintptr_t start_va, uintptr_t end_va,
                                  unsigned char *buffer, uintptr_t length,
                                  void *(*event_callback)(void *, const char *, void *), void *event_stream,
                                  int (*printf_callback)(void *, const char *, ...), void *printf_stream,
                                  const char *options, int newline) {
    (void)end_va, (void)options;
    csh capstone;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &capstone) != CS_ERR_OK) {
        return NULL;
    }
    cs_insn *insn = cs_malloc(capstone);
    const uint8_t *code = buffer;
    size_t left = length;
    uint64_t address = start_va;
    while (left > 0) {
        uint64_t at = address;
        /* Tell HotSpot where each instruction starts and ends, so it can add its comments. */
        event_callback(event_stream, "insn", (void *)(uintptr_t)at);
        if (cs_disasm_iter(capstone, &code, &left, &address, insn)) {
            printf_callback(printf_stream, "%-7s %s", insn->mnemonic, insn->op_str);
        } else { /* not an instruction (data in the code): show the byte and go on */
            printf_callback(printf_stream, ".byte   0x%02x", *code);
            code++, left--, address++;
        }
        event_callback(event_stream, "/insn", (void *)(uintptr_t)address);
        if (newline) {
            printf_callback(printf_stream, "\n");
        }
    }
    cs_free(insn, 1);
    cs_close(&capstone);
    return (void *)(uintptr_t)address;
}
