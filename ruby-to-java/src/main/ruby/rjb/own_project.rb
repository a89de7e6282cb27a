# A real library from Maven Central, called from CRuby through rjb (OWN_PROJECT.md): Apache Commons
# Text, and Commons Lang, which it needs, as Maven copied them into target/deps. As `make run`:
#   JAVA_HOME=/path/to/jdk-25 ruby src/main/ruby/rjb/own_project.rb target/deps
require_relative 'one_jvm'

# The JVM's options: a one-shot script wants a fast start; a long-running service (a Puma worker)
# wants both JIT tiers, a collector for big heaps and a heap sized for its host (OWN_PROJECT.md).
JVM_OPTIONS = {
  'script' => ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'],
  # G1 is the default only on a machine of 2+ CPUs and 2+ GB: a small container gets Serial; name it.
  'service' => ['-Xms256m', '-Xmx256m', '-XX:+UseG1GC']
}.freeze
profile = ENV.fetch('JVM_PROFILE', 'script')
options = JVM_OPTIONS.fetch(profile) { abort "own_project.rb: JVM_PROFILE must be one of #{JVM_OPTIONS.keys.join(', ')}" }

# rjb gives the JVM its class path as it is, and only the `java` launcher expands `dir/*`: name
# each jar (sorted, so the order is the same on every machine).
deps = ARGV.fetch(0, 'target/deps')
jars = Dir.glob(File.join(deps, '*.jar')).sort
abort "own_project.rb: no jars in #{deps.inspect}; run `make` (Maven copies them there)" if jars.empty?
begin
  OneJvm.start(jars.join(File::PATH_SEPARATOR), options)
  WordUtils = Rjb.import('org.apache.commons.text.WordUtils')
rescue StandardError => e # OneJvm::Error, or a Java NoClassDefFoundError naming the class
  abort "own_project.rb: #{e.class}: #{e.message}"
end
ManagementFactory = Rjb.import('java.lang.management.ManagementFactory')

puts "A Maven library (CRuby + rjb, #{profile} options)"
puts "  class path: #{jars.map { |jar| File.basename(jar) }.join(', ')}"
begin
  # capitalizeFully calls Commons Lang's StringUtils: without its jar, this call is the first to fail.
  puts "  WordUtils.capitalizeFully: #{WordUtils.capitalizeFully('hello from the jvm')}"
rescue StandardError => e
  raise unless e.class.name == 'NoClassDefFoundError'

  abort "own_project.rb: NoClassDefFoundError: #{e.message}: a jar that Commons Text needs is not in " \
        "#{deps.inspect}; copy them all with `mvn dependency:copy-dependencies`"
end
puts "  garbage collectors: #{ManagementFactory.getGarbageCollectorMXBeans.toArray.map(&:getName).join(', ')}"
