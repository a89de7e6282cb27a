# Moving bytes between JRuby and Java (DATA.md): a Ruby String and a Java byte[] live in one heap,
# but they are different objects, and each way below copies once. Uses rubytojava.Payload (its
# buffers made once) and rubytojava.RubyStrings (a String's own bytes as a ByteBuffer).
require 'java'

module MovingData
  java_import 'rubytojava.Payload'
  java_import 'rubytojava.RubyStrings'

  module_function

  # Ruby -> Java: to_java_bytes copies the String's bytes into a new byte[] (Arrays.copyOfRange).
  def to_java_bytes(payload, string) = payload.receive(string.to_java_bytes)

  # Ruby -> Java: Java copies from a view of the String's own bytes into its own array: no new array.
  def view_to_java(payload, string) = payload.receive_copy(RubyStrings.view(string))

  # Java -> Ruby: from_java_bytes copies the byte[] into a new binary String.
  def from_java_bytes(payload) = String.from_java_bytes(payload.outgoing)

  # Java -> Ruby: Java copies into a binary String that Ruby made once, through a view of its bytes.
  def view_from_java(payload, string)
    payload.send_into(RubyStrings.writable_view(string))
    string
  end

  # The slow way: an Array of Integers, converted element by element. Signed ones ('c*'): Java's
  # byte is -128..127, and `string.bytes.to_java(:byte)` raises RangeError at the first byte > 127.
  def integers_to_java(payload, string) = payload.receive(string.unpack('c*').to_java(:byte))
end
