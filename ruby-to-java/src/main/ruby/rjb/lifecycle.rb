# The JVM's life in a ruby process, through rjb (THREADS.md, "Lifecycle"): it starts once, and what
# runs as the process ends. As `make run`:
#   JAVA_HOME=/path/to/jdk-25 ruby src/main/ruby/rjb/lifecycle.rb target/classes
require_relative 'one_jvm'
$stdout.sync = true # Ruby and Java print to one stdout, each through a buffer of its own: no buffer here

classpath = ARGV.fetch(0, 'target/classes')
begin
  OneJvm.start(classpath, ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'])
  OnShutdown = Rjb.import('rubytojava.OnShutdown')
rescue StandardError => e # OneJvm::Error, or a Java NoClassDefFoundError naming the class
  abort "lifecycle.rb: #{e.class}: #{e.message}"
end
# Ruby runs its at_exit blocks last registered first: this one, registered first, runs last, after
# any that may still call Java. Without it, Java's shutdown hooks would never run.
at_exit do
  OneJvm.stop
  begin
    OneJvm.start(classpath)
  rescue OneJvm::Error => e # a JVM starts once in a process
    puts "  then OneJvm.start: #{e.message}"
  end
end
Runtime = Rjb.import('java.lang.Runtime')

puts 'Lifecycle (CRuby + rjb)'
# rjb ignores a second Rjb.load: here its option -Xmx16m would have lowered the heap's limit.
heap = Runtime.getRuntime.maxMemory
result = Rjb.load(classpath, ['-Xmx16m'])
puts "  Rjb.load again, with -Xmx16m: returns #{result.inspect}, the heap's limit is unchanged: #{Runtime.getRuntime.maxMemory == heap}"
begin
  OneJvm.start(classpath, ['-Xmx16m'])
rescue OneJvm::Error => e
  puts "  OneJvm.start refuses it: #{e.message}"
end

# As the script ends: Ruby's at_exit blocks, then Java's shutdown hooks (in OneJvm.stop).
OnShutdown.print("  Java's shutdown hook runs, in OneJvm.stop (Rjb.unload)")
at_exit { puts "  the script ended: Ruby's at_exit blocks run, the last registered first" }
