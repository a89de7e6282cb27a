package rubytojava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rubytojava.Programs.Result;

/**
 * The CRuby + rjb half of "Moving data", in one `ruby` process: every way in
 * src/main/ruby/rjb/moving_data.rb (the functions bench/moving_data.rb times) moves a known pattern
 * at 0, 1, an odd size and one above 1 MiB, checked by a checksum in Java and byte for byte in Ruby;
 * a payload too large for Java's buffer is refused before any copy; rjb's String path writes back
 * into frozen and shared Strings, and leaks.
 */
class RjbDataTest {
    static final String LESSON = Path.of("src/main/ruby/rjb/moving_data.rb").toAbsolutePath().toString();
    @TempDir static Path dir;

    @BeforeAll
    static void rjbIsInstalled() throws Exception {
        Programs.assumeOrFailUnderCi(java.nio.file.Files.isExecutable(Path.of(Programs.CRUBY)), Programs.CRUBY + " is not installed");
        Programs.assumeOrFailUnderCi(Programs.cruby(dir, Map.of(), "-e", "require 'rjb'").exitCode() == 0,
                "rjb is not installed (apt-get install ruby-rjb)");
    }

    @Test
    void everyWayDeliversThePatternBadSizesAreRefusedAndTheStringPathWritesBackAndLeaks() throws Exception {
        // -Xmx32m: the Java heap cannot hold what the leak test sends, so what RSS gains is C memory.
        Result result = Programs.cruby(dir, Map.of(), "-e", """
                require 'rjb'
                require '%s'
                Rjb.load('%s', ['-Xmx32m'])
                Payload = Rjb.import('rubytojava.Payload')
                PERIOD = Array.new(256) { |i| (i * 31 + 7) & 0xff }.pack('C*')
                def pattern(size) = (PERIOD * (size / 256 + 1)).byteslice(0, size)
                def rss_mib = File.read('/proc/self/status')[/VmRSS:\\s+(\\d+)/, 1].to_i / 1024

                [0, 1, 1023, (1 << 20) + 3].each do |size|
                  want = Payload.checksum(Payload.pattern(size))
                  string = pattern(size)
                  payload = Payload.new(size)
                  into = [[:string_to_java, string], [:integers_to_java, string.bytes], [:fiddle_to_java, string]].map do |way, what|
                    MovingData.send(way, payload, what) == size && payload.receivedChecksum == want
                  end
                  made_once = "\\0".b * size
                  out = [MovingData.string_from_java(payload), MovingData.fiddle_from_java(payload, size),
                         MovingData.fiddle_into_string(payload, made_once)].map do |got|
                    got == string && got.encoding == Encoding::BINARY
                  end
                  puts "#{size}: into Java #{into}, out of Java #{out}, string unchanged #{string == pattern(size)}"
                end

                [-> { MovingData.fiddle_to_java(Payload.new(4), 'abcde'.b) },
                 -> { MovingData.fiddle_from_java(Payload.new(4), 5) },
                 -> { MovingData.fiddle_into_string(Payload.new(4), 'abcde'.b) },
                 -> { MovingData.fiddle_into_string(Payload.new(4), 'abcd'.b.freeze) }].each do |bad|
                  bad.call
                rescue StandardError => e
                  puts "#{e.class}: #{e.message}"
                end

                # rjb copies a byte[] argument back into the String after the call, into its memory as it
                # is: a Java write reaches a frozen String and a dup still sharing its bytes.
                shared = ('abcd' * 16).b
                frozen_dup = shared.dup.freeze
                own = shared + ''
                Rjb.import('java.util.Arrays')._invoke('fill', '[BB', shared, 120)
                puts "a Java write reached #{[shared, frozen_dup, own].map { _1[0, 4] }}, frozen: #{frozen_dup.frozen?}"

                megabyte = pattern(1 << 20)
                payload = Payload.new(1 << 20)
                %%i[string_to_java fiddle_to_java].each do |way|
                  2.times { MovingData.send(way, payload, megabyte) }
                  GC.start
                  before = rss_mib
                  96.times { MovingData.send(way, payload, megabyte) }
                  GC.start
                  puts "#{way}: RSS grew #{rss_mib - before} MiB"
                end
                """.formatted(LESSON, RjbTest.CLASSES));
        List<String> lines = result.stdout().lines().toList();
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("", result.stderr());
        assertEquals(List.of(
                "0: into Java [true, true, true], out of Java [true, true, true], string unchanged true",
                "1: into Java [true, true, true], out of Java [true, true, true], string unchanged true",
                "1023: into Java [true, true, true], out of Java [true, true, true], string unchanged true",
                "1048579: into Java [true, true, true], out of Java [true, true, true], string unchanged true",
                "IllegalArgumentException: a payload of 5 bytes does not fit this Payload(4)",
                "IllegalArgumentException: a payload of 5 bytes does not fit this Payload(4)",
                "IllegalArgumentException: a payload of 5 bytes does not fit this Payload(4)",
                "FrozenError: can't modify frozen String: \"abcd\"",
                "a Java write reached [\"xxxx\", \"xxxx\", \"abcd\"], frozen: true"), lines.subList(0, 9));
        // 96 transfers of 1 MiB: rjb's String path keeps a C copy of each (GetByteArrayElements with
        // no Release), more than the 32 MiB Java heap could explain; Fiddle's path keeps nothing.
        int leaked = Integer.parseInt(lines.get(9).replaceAll("\\D+", " ").trim().split(" ")[0]);
        int fiddle = Integer.parseInt(lines.get(10).replaceAll("\\D+", " ").trim().split(" ")[0]);
        assertTrue(lines.get(9).startsWith("string_to_java: RSS grew ") && leaked >= 48, lines.get(9));
        assertTrue(lines.get(10).startsWith("fiddle_to_java: RSS grew ") && fiddle < 16, lines.get(10));
    }
}
