# Moving bytes between CRuby and Java through rjb, timed by Ruby's own clock: each PATH calls the
# lesson's own function (src/main/ruby/rjb/moving_data.rb). Reads the payload sizes from BENCH_SIZES
# and prints "SIZE NANOSECONDS" lines, the mean time of one transfer. Usage (JAVA_HOME at a JDK 25):
#   BENCH_SIZES='16 1024' ruby bench/moving_data.rb PATH target/classes
require 'rjb'
require_relative '../src/main/ruby/rjb/moving_data'

PATHS = %w[string-to-java integers-to-java fiddle-to-java string-from-java fiddle-from-java fiddle-into-string].freeze
path, classes = ARGV
abort "usage: ruby bench/moving_data.rb #{PATHS.join('|')} CLASSES" unless PATHS.include?(path) && classes
sizes = ENV.fetch('BENCH_SIZES', '16 1024 65536 1048576 16777216').split.map { Integer(_1) }
Rjb.load(classes, [])
Payload = Rjb.import('rubytojava.Payload')
quick = !ENV['BENCH_QUICK'].to_s.empty?
target_ns = quick ? 2_000_000 : 10_000_000

def clock = Process.clock_gettime(Process::CLOCK_MONOTONIC, :nanosecond)

# Payload.pattern's bytes, (i * 31 + 7) & 0xff: they repeat every 256 bytes.
PERIOD = Array.new(256) { |i| (i * 31 + 7) & 0xff }.pack('C*')
def pattern(size) = (PERIOD * (size / 256 + 1)).byteslice(0, size)

sizes.each do |size|
  payload = Payload.new(size)
  string = pattern(size)
  integers = string.bytes if path == 'integers-to-java'
  transfer = case path
             when 'string-to-java' then -> { MovingData.string_to_java(payload, string) }
             when 'integers-to-java' then -> { MovingData.integers_to_java(payload, integers) }
             when 'fiddle-to-java' then -> { MovingData.fiddle_to_java(payload, string) }
             when 'string-from-java' then -> { MovingData.string_from_java(payload) }
             when 'fiddle-from-java' then -> { MovingData.fiddle_from_java(payload, size) }
             else
               target = String.new("\0" * size, encoding: Encoding::BINARY) # made once
               -> { MovingData.fiddle_into_string(payload, target) }
             end
  # Warm-up, not printed: ten samples' worth of time; it also says how many transfers make a sample.
  start = clock
  done = 0
  (transfer.call; done += 1) while clock - start < target_ns * 10
  count = [target_ns * done / (clock - start), 1].max
  (quick ? 3 : 5).times do
    start = clock
    count.times { transfer.call }
    puts "#{size} #{(clock - start).fdiv(count).round(1)}"
  end
end
