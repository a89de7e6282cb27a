# Threads, timed by the Ruby runtime's own clock (THREADS.md): the wall time of one run of WORK in
# COUNT Ruby threads at once, through the lessons' own code (src/main/ruby/in_threads.rb and
# rubytojava.Overlap). Prints one sample a line, in ms. The same script on CRuby (Java through rjb)
# and on JRuby. Usage (JAVA_HOME at a JDK 25):
#   ruby bench/threads.rb java-call|ruby-work 1|2 target/classes
#   java ... org.jruby.main.Main bench/threads.rb java-call|ruby-work 1|2
require_relative '../src/main/ruby/in_threads'

work, count, classes = ARGV
count = Integer(count, exception: false)
unless %w[java-call ruby-work].include?(work) && count&.positive?
  abort 'usage: bench/threads.rb java-call|ruby-work THREADS [CLASSES]'
end

if work == 'ruby-work' # CPU-bound Ruby: about 0.2 s a thread on CRuby
  run = -> { InThreads.run(count) { InThreads.count_primes(100_000) } }
else # a Java call that takes 200 ms and uses no CPU
  if RUBY_ENGINE == 'jruby'
    require 'java'
    java_import 'rubytojava.Overlap'
  else
    require_relative '../src/main/ruby/rjb/one_jvm'
    OneJvm.start(classes || 'target/classes')
    Overlap = Rjb.import('rubytojava.Overlap')
  end
  overlap = Overlap.new
  run = -> { InThreads.run(count) { overlap.stay(200) } }
end

def clock = Process.clock_gettime(Process::CLOCK_MONOTONIC)

quick = !ENV['BENCH_QUICK'].to_s.empty?
# Warm-up, not printed (JRuby compiles count_primes meanwhile): 2 runs, and at least 1 s (quick: 0.3 s).
start = clock
runs = 0
(run.call; runs += 1) while runs < 2 || clock - start < (quick ? 0.3 : 1.0)
(quick ? 3 : 10).times do
  start = clock
  run.call
  puts format('%.1f', (clock - start) * 1000)
end
