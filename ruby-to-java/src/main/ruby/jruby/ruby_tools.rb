# Ruby methods that the Java program JavaCallsRuby calls through JRuby's embedding API.
module RubyTools
  def self.multiply(a, b)
    a * b
  end

  # Takes a java.util.List from Java, returns a Ruby Hash (Java sees a java.util.Map).
  def self.word_lengths(words)
    words.to_h { |word| [word, word.length] }
  end

  def self.parse_age(text)
    age = Integer(text) # raises ArgumentError if text is not a number
    raise ArgumentError, "age must be 0 or more, got #{age}" if age.negative?

    age
  end
end

RubyTools # the script's value: what runScriptlet returns to Java
