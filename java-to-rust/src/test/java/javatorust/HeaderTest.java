package javatorust;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
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

    /** The FFM layout of a C type: the native linker's own table (canonicalLayouts), as jextract uses it. */
    static MemoryLayout layout(String cType) {
        String type = cType.replace("const ", "").trim();
        if (type.endsWith("*")) {
            return ADDRESS;
        }
        // Java has no unsigned types: an unsigned C type has its signed twin's layout; uintptr_t is size_t wide.
        String known = switch (type) {
            case "uintptr_t", "intptr_t" -> "size_t";
            default -> type.matches("uint(8|16|32|64)_t") ? type.substring(1) : type;
        };
        MemoryLayout layout = Linker.nativeLinker().canonicalLayouts().get(known);
        if (layout == null) {
            throw new IllegalArgumentException("no FFM layout for the C type `" + type + "`: add it to HeaderTest");
        }
        return layout;
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
    void cbindgenReadsTheBuildsCopyAsItWouldTheSourceOrCannotReadTheSource() throws Exception {
        // The cbindgen the build runs (need.sh put it on the PATH), on lib.rs itself, not on the copy.
        Process raw = new ProcessBuilder("cbindgen", "--config", "cbindgen.toml", "src/main/rust/lib.rs").start();
        String header = new String(raw.getInputStream().readAllBytes());
        String errors = new String(raw.getErrorStream().readAllBytes());
        if (raw.waitFor() == 0) { // a cbindgen that knows edition 2024: the copy changed nothing
            assertEquals(Files.readString(HEADER), header);
        } else { // Debian 12's (0.24) stops at #[unsafe(no_mangle)]: why the Makefile hands it a copy
            assertTrue(errors.contains("Error(\"expected path\")"), errors);
        }
    }

    @Test
    void aTypeWithNoKnownLayoutIsAnErrorNotAGuess() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("struct Point point_new(void);"));
        assertEquals("no FFM layout for the C type `struct Point`: add it to HeaderTest", e.getMessage());
    }
}
