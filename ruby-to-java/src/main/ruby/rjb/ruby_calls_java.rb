# Ruby calls Java from CRuby, the ordinary `ruby`, through rjb (Debian's ruby-rjb): rjb loads the
# JVM (libjvm.so from JAVA_HOME) into this ruby process and calls Java through JNI. As `make run`:
#   JAVA_HOME=/path/to/jdk-25 ruby src/main/ruby/rjb/ruby_calls_java.rb target/classes
require 'rjb'

# rjb takes whatever JVM JAVA_HOME names: check it, so that a wrong one is one clear line.
java_home = ENV.fetch('JAVA_HOME', '')
release = File.join(java_home, 'release')
version = File.exist?(release) ? File.read(release)[/^JAVA_VERSION="(\d+)/, 1].to_i : 0
if version < 25
  abort "ruby_calls_java.rb: JAVA_HOME must be a JDK 25 or newer, not #{java_home.inspect}" \
        "#{" (Java #{version})" if version.positive?}; set it, or run `make run`"
end

# Starts the JVM in this process, with its class path and options: once, for the whole process.
classpath = ARGV.fetch(0, 'target/classes')
Rjb.load(classpath, ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'])
begin
  Calculator = Rjb.import('rubytojava.Calculator')
rescue StandardError => e # a Java NoClassDefFoundError, naming the class
  abort "ruby_calls_java.rb: #{e.class}: #{e.message} is not in #{classpath.inspect}; run `make` first"
end
ProcessHandle = Rjb.import('java.lang.ProcessHandle')

puts 'Ruby calls Java (CRuby + rjb)'
puts "  Java runs in this ruby process: #{ProcessHandle.current.pid == Process.pid}"
puts "  4 * 2 = #{Calculator.multiply(4, 2)}"

# A Java List stays a Java object with Java methods; its elements are java.lang.Integer objects.
squares = Calculator.squares(5)
numbers = squares.toArray.map(&:intValue)
puts "  squares(5) = #{squares.toString} (a #{squares.getClass.getName}), sum: #{numbers.sum}"

# Java calls Ruby back: Rjb.bind makes a Java object implementing the interface from a Ruby object.
class Tripler
  def applyAsInt(value) = value * 3
end
puts "  applyTwice(5, Tripler) = #{Calculator.applyTwice(5, Rjb.bind(Tripler.new, 'java.util.function.IntUnaryOperator'))}"

# Text: JNI takes and gives "modified UTF-8", which spells a character outside the BMP (an emoji)
# as two 3-byte halves (CESU-8). rjb 1.5.5 (Debian 12's) passes Ruby's UTF-8 as it is, and the
# emoji arrives garbled: convert on the way in, and on the way out when Ruby finds halves.
def to_java(text) = text.encode('CESU-8').force_encoding('UTF-8')
def from_java(text) = text.valid_encoding? ? text : text.force_encoding('CESU-8').encode('UTF-8')
text = 'añb 🦀 c'
reversed = from_java(Calculator.reverse(to_java(text)))
puts "  reverse(\"#{text}\") = \"#{reversed}\", as Ruby's reverse: #{reversed == text.reverse}"

# A Java exception is raised as a Ruby class named after the Java one, a StandardError; so is a
# Java Error (OutOfMemoryError). The class exists once thrown: rescue by name what you expect.
%w[abc 250].each do |text|
  Calculator.parsePercent(text)
rescue StandardError => e
  raise unless %w[NumberFormatException IllegalArgumentException].include?(e.class.name)

  puts "  parsePercent(#{text.inspect}) raised #{e.class}: #{e.message}"
end

# A Ruby exception in a callback does not reach Java: rjb drops it, Java gets null back (here
# unboxed into an int: a NullPointerException). To send it, throw a Java exception with Rjb.throw.
class Refuser
  def applyAsInt(value) = raise(ArgumentError, "no thanks (#{value})")
end

class PoliteRefuser
  def applyAsInt(value)
    raise ArgumentError, "no thanks (#{value})"
  rescue StandardError => e # any Ruby error: one that escapes is lost
    Rjb.throw('java.lang.IllegalStateException', "#{e.class}: #{e.message}")
  end
end

begin
  Calculator.applyTwice(1, Rjb.bind(Refuser.new, 'java.util.function.IntUnaryOperator'))
rescue StandardError => e
  puts "  a callback raised ArgumentError; what reached Ruby: #{e.class}"
end
begin
  Calculator.applyTwice(1, Rjb.bind(PoliteRefuser.new, 'java.util.function.IntUnaryOperator'))
rescue StandardError => e
  puts "  the same with Rjb.throw: Java threw #{e.class}: #{e.message}"
end
