# Ruby threads on JRuby are Java threads, with no global lock (THREADS.md). As `make run`:
#   java ... -cp target/ruby-to-java.jar:target/lib/jruby-complete-10.1.1.0.jar org.jruby.main.Main src/main/ruby/jruby/threads.rb
require 'java'
require_relative '../in_threads'
java_import 'rubytojava.Overlap'

puts 'Threads (JRuby)'
# The same Java call as in rjb/threads.rb: each thread waits in Java until the other is inside too.
# Here both come in, and it returns at once (the bound, 10 s, only stops a hang if one could not).
overlap = Overlap.new
InThreads.run(2) { overlap.meet(2, 10_000) }
puts "  2 Ruby threads, each in a Java call that waits for the other: at most #{overlap.most} inside at once"

# Each Ruby thread is a Java thread of its own, which JRuby makes a daemon (the JVM may end without it).
java_threads = InThreads.run(2) { java.lang.Thread.current_thread }
puts "  2 Ruby threads ran on #{java_threads.map(&:thread_id).uniq.size} Java threads, daemon: #{java_threads.count(&:daemon?)}"

# CPU-bound Ruby runs on every core at once: bench/threads.rb times this, in 1 thread and in 2.
puts "  count_primes(5000) in 2 threads at once: #{InThreads.run(2) { InThreads.count_primes(5000) }.inspect}"
