package rubytojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jruby.embed.LocalContextScope;
import org.jruby.embed.LocalVariableBehavior;
import org.jruby.embed.PathType;
import org.jruby.embed.ScriptingContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JRuby half of "Moving data": every way in src/main/ruby/jruby/moving_data.rb (the functions
 * MovingDataBenchmark times) moves a known pattern, checked by a checksum on the Java side and byte
 * for byte on the Ruby side, at 0, 1, an odd size and one above 1 MiB. The rjb half is in RjbDataTest.
 */
class MovingDataTest {
    static final List<Integer> SIZES = List.of(0, 1, 1023, (1 << 20) + 3);
    private static ScriptingContainer ruby;

    @BeforeAll
    static void startRuby() {
        ruby = new ScriptingContainer(LocalContextScope.SINGLETHREAD, LocalVariableBehavior.TRANSIENT);
        ruby.getProvider().getRubyInstanceConfig().setDisableGems(true);
        ruby.runScriptlet(PathType.CLASSPATH, "moving_data.rb");
        ruby.runScriptlet("""
                PERIOD = Array.new(256) { |i| (i * 31 + 7) & 0xff }.pack('C*')
                def pattern(size) = (PERIOD * (size / 256 + 1)).byteslice(0, size)
                """);
    }

    @AfterAll
    static void stopRuby() {
        ruby.terminate();
    }

    private static Object eval(String rubyCode) {
        return ruby.runScriptlet(rubyCode);
    }

    @Test
    void everyWayIntoJavaDeliversThePattern() {
        for (int size : SIZES) {
            long expected = Payload.checksum(Payload.pattern(size));
            for (String way : List.of("to_java_bytes", "view_to_java", "integers_to_java")) {
                assertEquals(List.of((long) size, expected), eval("""
                        payload = MovingData::Payload.new(%1$d)
                        [MovingData.%2$s(payload, pattern(%1$d)), payload.received_checksum]
                        """.formatted(size, way)), way + " at " + size + " bytes");
            }
        }
    }

    @Test
    void everyWayOutOfJavaDeliversThePatternAsABinaryString() {
        for (int size : SIZES) {
            assertEquals(List.of(true, "ASCII-8BIT", true, "ASCII-8BIT"), eval("""
                    payload = MovingData::Payload.new(%1$d)
                    fresh = MovingData.from_java_bytes(payload)
                    into = MovingData.view_from_java(payload, "\\0".b * %1$d)
                    [fresh == pattern(%1$d), fresh.encoding.to_s, into == pattern(%1$d), into.encoding.to_s]
                    """.formatted(size)), size + " bytes");
        }
    }

    @Test
    void aViewOfAStringIsReadOnlyAndAWritableOneLeavesItsCopiesAlone() {
        // Ruby's copies share their bytes until one is changed: writable_view unshares them first.
        assertEquals(List.of("abcd", "\u0007&Ed"), eval("""
                original = 'abcd'.b
                copy = original.dup
                MovingData.view_from_java(MovingData::Payload.new(4), copy)
                [original, copy]
                """));
        assertEquals("Java::JavaNio::ReadOnlyBufferException", eval("""
                begin
                  MovingData::RubyStrings.view('abcd'.b).put(0, 1)
                rescue Exception => e
                  e.class.name
                end
                """));
    }

    @Test
    void badTargetsAreOneClearErrorNotAnOverflow() {
        assertEquals("FrozenError: can't modify frozen String: \"ab\"", eval("""
                begin
                  MovingData.view_from_java(MovingData::Payload.new(2), 'ab'.b.freeze)
                rescue => e
                  "#{e.class}: #{e.message}"
                end
                """));
        assertEquals("a view of 2 bytes cannot take 4", eval("""
                begin
                  MovingData.view_from_java(MovingData::Payload.new(4), 'ab'.b)
                rescue java.lang.IllegalArgumentException => e
                  e.message
                end
                """));
        assertEquals("a payload of 5 bytes does not fit this Payload(4)", eval("""
                begin
                  MovingData.view_to_java(MovingData::Payload.new(4), 'abcde'.b)
                rescue java.lang.IllegalArgumentException => e
                  e.message
                end
                """));
        assertThrows(IllegalArgumentException.class, () -> new Payload(-1));
    }

    @Test
    void rubyBytesAreUnsignedAndJavasAreSigned() {
        // The pitfall integers_to_java avoids with unpack('c*'): bytes 128..255 do not fit a Java byte.
        Object message = eval("""
                begin
                  "\\xff".b.bytes.to_java(:byte)
                rescue RangeError => e
                  e.message
                end
                """);
        assertTrue(message.toString().contains("too big for byte: 255"), message.toString());
        assertEquals(-1L, eval("\"\\xff\".b.unpack('c*').to_java(:byte)[0]"));
    }
}
