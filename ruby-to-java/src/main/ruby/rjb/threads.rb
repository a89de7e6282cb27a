# Ruby threads calling Java through rjb (THREADS.md). As `make run`:
#   JAVA_HOME=/path/to/jdk-25 ruby src/main/ruby/rjb/threads.rb target/classes
require_relative 'one_jvm'
require_relative '../in_threads'

begin
  OneJvm.start(ARGV.fetch(0, 'target/classes'), ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'])
  Overlap = Rjb.import('rubytojava.Overlap')
rescue StandardError => e # OneJvm::Error, or a Java NoClassDefFoundError naming the class
  abort "threads.rb: #{e.class}: #{e.message}"
end
JavaThread = Rjb.import('java.lang.Thread')

puts 'Threads (CRuby + rjb)'
# rjb calls Java holding CRuby's global VM lock (GVL): while one Ruby thread is in Java, no other
# Ruby thread runs, so none can come in. Each waits in Java (up to 200 ms) for the other, in vain.
overlap = Overlap.new
InThreads.run(2) { overlap.meet(2, 200) }
puts "  2 Ruby threads, each in a Java call that waits for the other: at most #{overlap.most} inside at once"

# Any Ruby thread may call Java: rjb attaches the thread it runs on to the JVM (AttachCurrentThread,
# at every call), as a non-daemon Java thread, and never detaches it.
puts "  the main Ruby thread is Java's #{JavaThread.currentThread.getName.inspect} thread"
java_threads = InThreads.run(4) { JavaThread.currentThread }
puts "  4 Ruby threads called Java: rjb attached them as #{java_threads.map(&:threadId).uniq.size} Java threads, " \
     "non-daemon: #{java_threads.count { !_1.isDaemon }}"
puts "  after the Ruby threads ended, their Java threads still live: #{java_threads.count(&:isAlive)}"
