package javatorust;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The C header that cbindgen writes from lib.rs, against the FunctionDescriptors in RustLib:
 * a function changed on one side only (a type, an argument, a name) fails here, not at run time.
 */
class HeaderTest {
    private static final Path HEADER = Path.of("target/include/rustlib.h");

    /** Every prototype of a C header, as FFM would describe it: name -> descriptor. */
    static Map<String, FunctionDescriptor> parse(String header) {
        String code = header.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)^#.*$", " ").replaceAll("\\s+", " ");
        Map<String, FunctionDescriptor> functions = new TreeMap<>();
        Matcher prototype = Pattern.compile("([A-Za-z_][\\w \\*]*?)\\b(\\w+)\\(([^()]*)\\);").matcher(code);
        while (prototype.find()) {
            String returns = prototype.group(1).trim();
            if (returns.startsWith("typedef")) {
                continue;
            }
            List<MemoryLayout> arguments = new ArrayList<>();
            String list = prototype.group(3).trim();
            if (!list.equals("void") && !list.isEmpty()) {
                for (String argument : list.split(",")) {
                    arguments.add(layout(argument.trim().replaceAll("\\w+$", ""))); // drop the name
                }
            }
            MemoryLayout[] args = arguments.toArray(MemoryLayout[]::new);
            functions.put(prototype.group(2), returns.equals("void")
                    ? FunctionDescriptor.ofVoid(args) : FunctionDescriptor.of(layout(returns), args));
        }
        return functions;
    }

    /** The FFM layout of a C type, as jextract maps it on Linux x86-64 and AArch64. */
    static MemoryLayout layout(String cType) {
        String type = cType.replace("const ", "").trim();
        if (type.endsWith("*")) {
            return ADDRESS;
        }
        return switch (type) {
            case "bool" -> JAVA_BOOLEAN;
            case "int8_t", "uint8_t", "char" -> JAVA_BYTE;
            case "int16_t", "uint16_t" -> JAVA_SHORT;
            case "int32_t", "uint32_t", "int" -> JAVA_INT;
            case "int64_t", "uint64_t", "intptr_t", "uintptr_t", "size_t", "long" -> JAVA_LONG;
            case "float" -> JAVA_FLOAT;
            case "double" -> JAVA_DOUBLE;
            default -> throw new IllegalArgumentException("no FFM layout for the C type `" + type + "`: add it to HeaderTest");
        };
    }

    /** RustLib's declarations: each nested class (named as its C function) holds a DESC. */
    static Map<String, FunctionDescriptor> declaredInJava() throws ReflectiveOperationException {
        Map<String, FunctionDescriptor> functions = new TreeMap<>();
        for (Class<?> holder : RustLib.class.getDeclaredClasses()) {
            functions.put(holder.getSimpleName(), (FunctionDescriptor) holder.getDeclaredField("DESC").get(null));
        }
        return functions;
    }

    @Test
    void everyFunctionOfTheHeaderIsDeclaredInJavaWithTheSameSignature() throws Exception {
        assumeTrue(Files.exists(HEADER), HEADER + " is missing: `make header` writes it (it needs cbindgen)");
        Map<String, FunctionDescriptor> header = parse(Files.readString(HEADER));
        assertEquals(header, declaredInJava(), "rustlib.h (left) and RustLib.java (right) differ");
    }

    @Test
    void aChangeOnOneSideIsADifference() {
        String header = "int32_t double_input(int32_t input);\nuint32_t tally_add(Tally *tally, const char *word);\n";
        Map<String, FunctionDescriptor> parsed = parse(header);
        assertEquals(FunctionDescriptor.of(JAVA_INT, JAVA_INT), parsed.get("double_input"));
        assertEquals(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), parsed.get("tally_add"));
        // The Rust function now returns an i64 (or takes a second argument): the descriptors differ.
        assertNotEquals(parsed, parse(header.replace("int32_t double_input", "int64_t double_input")));
        assertNotEquals(parsed, parse(header.replace("(int32_t input)", "(int32_t input, bool twice)")));
        assertNotEquals(parsed, parse(header.replace("tally_add", "tally_insert")));
    }

    @Test
    void debiansCbindgen024CannotParseEdition2024SoTheBuildHandsItACopy() throws Exception {
        String version;
        try {
            Process process = new ProcessBuilder("cbindgen", "--version").redirectErrorStream(true).start();
            version = new String(process.getInputStream().readAllBytes()).trim();
        } catch (java.io.IOException e) {
            version = "none";
        }
        assumeTrue(version.startsWith("cbindgen 0.24."), "the trap is Debian 12's cbindgen 0.24; this one is " + version);
        Process raw = new ProcessBuilder("cbindgen", "--lang", "c", "src/main/rust/lib.rs").redirectErrorStream(true).start();
        String output = new String(raw.getInputStream().readAllBytes());
        assertEquals(1, raw.waitFor());
        assertTrue(output.contains("Error(\"expected path\")"), output); // it stops at #[unsafe(no_mangle)]
    }

    @Test
    void aTypeWithNoKnownLayoutIsAnErrorNotAGuess() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("struct Point point_new(void);"));
        assertEquals("no FFM layout for the C type `struct Point`: add it to HeaderTest", e.getMessage());
    }
}
