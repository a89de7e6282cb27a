# Ruby calls Java. Run on JRuby with the example's classes on the JVM's class path:
#   java --enable-native-access=ALL-UNNAMED -cp 'target/classes:target/lib/*' \
#     org.jruby.main.Main src/main/ruby/jruby/ruby_calls_java.rb
require 'java' # JRuby's Java integration: java_import, Java::..., Ruby-style Java objects

java_import 'rubytojava.Calculator'

puts 'Ruby calls Java (JRuby)'

# A static Java method looks like a Ruby class method; Ruby Integers become Java ints.
puts "  4 * 2 = #{Calculator.multiply(4, 2)}"

# A java.util.List from Java: JRuby mixes Enumerable into Java collections, so it takes blocks.
squares = Calculator.squares(5)
puts "  squares(5) = #{squares.to_a.inspect} (a #{squares.java_class.name})"
puts "  even ones: #{squares.select(&:even?).inspect}, sum: #{squares.sum}"

# Java collections built from Ruby: << and [] work on them as on Ruby's Array and Hash.
languages = java.util.TreeMap.new
languages['ruby'] = 1995
languages['java'] = 1996
puts "  TreeMap: #{languages.map { |name, year| "#{name}=#{year}" }.join(', ')}"

# Java wants an IntUnaryOperator; a Ruby block becomes one, and Java calls it back.
# (camelCase Java names also answer to snake_case: applyTwice is apply_twice.)
puts "  apply_twice(5) { |x| x * 3 } = #{Calculator.apply_twice(5) { |x| x * 3 }}"

# Text crosses as Unicode both ways, whatever the locale: a Ruby String becomes a java.lang.String.
text = 'añb 🦀 c'
puts "  reverse(\"#{text}\") = \"#{Calculator.reverse(text)}\", as Ruby's reverse: #{Calculator.reverse(text) == text.reverse}"

# Java exceptions are rescued like Ruby ones, by their Java class. (`rescue => e` catches Java
# exceptions but not a java.lang.Error, an OutOfMemoryError: as in Java, those go on.)
['abc', '250'].each do |text|
  Calculator.parse_percent(text)
rescue java.lang.NumberFormatException => e
  puts "  parse_percent(#{text.inspect}) raised NumberFormatException: #{e.message}"
rescue java.lang.IllegalArgumentException => e
  puts "  parse_percent(#{text.inspect}) raised IllegalArgumentException: #{e.message}"
end

# A Ruby exception raised in a block that Java called comes back through Java unchanged.
begin
  Calculator.apply_twice(1) { |x| raise ArgumentError, "no thanks (#{x})" }
rescue ArgumentError => e
  puts "  a block that raised inside Java: ArgumentError: #{e.message}"
end
