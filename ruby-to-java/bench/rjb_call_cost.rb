# The cost of one call from CRuby, timed by Ruby's own clock: `java` calls the lesson's
# Calculator.multiply through rjb, `ruby` a Ruby method doing the same (the baseline).
# Prints one sample a line, in ns per call. Usage (JAVA_HOME at a JDK 25):
#   ruby bench/rjb_call_cost.rb java|ruby target/classes
require 'rjb'
mode, classes = ARGV
abort 'usage: ruby bench/rjb_call_cost.rb java|ruby CLASSES' unless %w[java ruby].include?(mode) && classes
Rjb.load(classes, [])
Calculator = Rjb.import('rubytojava.Calculator')
CALLS = 100_000

def multiply(a, b) = a * b

def java_calls(n)
  i = 0
  i = Calculator.multiply(i, 1) + 1 while i < n
end

def ruby_calls(n)
  i = 0
  i = multiply(i, 1) + 1 while i < n
end

samples = ENV['BENCH_QUICK'].to_s.empty? ? 10 : 3
(samples + 1).times do |sample| # the first one warms up and is not printed
  start = Process.clock_gettime(Process::CLOCK_MONOTONIC, :nanosecond)
  mode == 'java' ? java_calls(CALLS) : ruby_calls(CALLS)
  elapsed = Process.clock_gettime(Process::CLOCK_MONOTONIC, :nanosecond) - start
  puts format('%.1f', elapsed.fdiv(CALLS)) if sample.positive?
end
