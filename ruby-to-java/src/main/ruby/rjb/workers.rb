# Forked workers that call Java (OWN_PROJECT.md, "Process model"): a JVM does not survive a fork
# (its threads stay in the parent), so each worker starts its own, after the fork, as Puma's
# `on_worker_boot` hook would; the parent never starts one (no `preload_app!` with Java in it). As `make run`:
#   JAVA_HOME=/path/to/jdk-25 ruby src/main/ruby/rjb/workers.rb target/deps
require_relative 'one_jvm'

deps = ARGV.fetch(0, 'target/deps')
jars = Dir.glob(File.join(deps, '*.jar')).sort
abort "workers.rb: no jars in #{deps.inspect}; run `make` (Maven copies them there)" if jars.empty?

# In the worker, after the fork: start Java, call it, and report to the parent through a pipe.
def work(number, classpath, out)
  OneJvm.start(classpath, ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'])
  in_this_process = Rjb.import('java.lang.ProcessHandle').current.pid == Process.pid
  text = Rjb.import('org.apache.commons.text.WordUtils').capitalizeFully("hello from worker #{number}")
  out.puts "  worker #{number}: its own JVM, in its own process: #{in_this_process}; #{text}"
  OneJvm.stop
end

puts 'Workers (CRuby + rjb, fork first, then Java)'
workers = (1..2).map do |number|
  reader, writer = IO.pipe
  pid = fork do
    reader.close
    work(number, jars.join(File::PATH_SEPARATOR), writer)
  rescue StandardError => e
    writer.puts "  worker #{number}: #{e.class}: #{e.message}"
    exit! 1
  end
  writer.close
  [pid, reader]
end
workers.each do |pid, reader|
  print reader.read
  Process.wait(pid)
  abort "workers.rb: a worker failed: #{$?}" unless $?.success?
end
puts "  the parent never started Java: #{!Rjb.loaded?}"
