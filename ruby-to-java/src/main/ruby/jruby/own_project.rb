# A real library from Maven Central, called from JRuby (OWN_PROJECT.md): Apache Commons Text, and
# Commons Lang, which it needs, as Maven copied them into target/deps. As `make run`:
#   java <the Makefile's flags> -cp target/ruby-to-java.jar:jruby-complete.jar org.jruby.main.Main \
#     --disable-gems src/main/ruby/jruby/own_project.rb target/deps
require 'java'

# Requiring a jar adds it to JRuby's class loader (as `$CLASSPATH << jar` does): each one, sorted.
deps = ARGV.fetch(0, 'target/deps')
jars = Dir.glob(File.join(deps, '*.jar')).sort
abort "own_project.rb: no jars in #{deps.inspect}; run `make` (Maven copies them there)" if jars.empty?
jars.each { |jar| require File.expand_path(jar) }
java_import 'org.apache.commons.text.WordUtils'

puts 'A Maven library (JRuby)'
puts "  class path: #{jars.map { |jar| File.basename(jar) }.join(', ')}"
begin
  # capitalizeFully calls Commons Lang's StringUtils: without its jar, this call is the first to fail.
  puts "  WordUtils.capitalize_fully: #{WordUtils.capitalize_fully('hello from the jvm')}"
rescue java.lang.NoClassDefFoundError => e
  abort "own_project.rb: NoClassDefFoundError: #{e.message}: a jar that Commons Text needs is not in " \
        "#{deps.inspect}; copy them all with `mvn dependency:copy-dependencies`"
end

# A JRuby process is a JVM, which cannot fork: a Puma worker on JRuby is a thread, not a process.
begin
  fork { exit! }
rescue NotImplementedError => e
  puts "  fork: #{e.class}: #{e.message}"
end
