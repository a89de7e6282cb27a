# Moving bytes between CRuby and Java through rjb (DATA.md): the ways rjb offers, and one around it.
# `Payload` is rubytojava.Payload (Rjb.import it after Rjb.load); one per payload size, its buffers
# made once. A Ruby payload is a binary String (Encoding::BINARY, "ASCII-8BIT").
require 'fiddle'

module MovingData
  module_function

  # Ruby -> Java: a String where Java wants byte[]. rjb 1.5.5 copies it into a new Java array
  # (NewByteArray, SetByteArrayRegion); after the call it copies the array back into the String
  # (Java may have changed it) through GetByteArrayElements, whose C copy it never releases: every
  # call leaks the payload's size in C memory.
  def string_to_java(payload, string) = payload.receive(string)

  # Ruby -> Java: an Array of Integers where Java wants byte[]: rjb checks that every element is an
  # Integer, then stores them one at a time. No leak, but per element.
  def integers_to_java(payload, integers) = payload.receive(integers)

  # Ruby -> Java: Ruby copies the String's bytes itself (one memcpy, through Fiddle) into a direct
  # buffer that Java owns, then tells Java. Java checks the length first: C checks nothing.
  def fiddle_to_java(payload, string)
    address = payload.inboxDirectAddress(string.bytesize)
    Fiddle::Pointer.new(address, string.bytesize)[0, string.bytesize] = string unless string.empty?
    payload.receiveDirect(string.bytesize)
  end

  # Java -> Ruby: a Java byte[] comes back as a new binary String (GetByteArrayElements makes a C
  # copy, rb_str_new a second one, and the C copy is released).
  def string_from_java(payload) = payload.outgoing

  # Java -> Ruby: Ruby copies the bytes itself out of Java's direct buffer into a new String.
  def fiddle_from_java(payload, size)
    address = payload.outgoingDirectAddress(size)
    size.zero? ? String.new(encoding: Encoding::BINARY) : Fiddle::Pointer.new(address, size).to_str(size)
  end

  # Java -> Ruby: the same into a binary String that Ruby made once (string.bytesize bytes). Writing
  # one byte first makes Ruby give the String bytes of its own (a copy may share them) and raises
  # FrozenError for a frozen one: Fiddle would write into either.
  def fiddle_into_string(payload, string)
    address = payload.outgoingDirectAddress(string.bytesize)
    return string if string.empty?

    string.setbyte(0, 0)
    Fiddle::Pointer[string][0, string.bytesize] = Fiddle::Pointer.new(address, string.bytesize)
    string
  end
end
