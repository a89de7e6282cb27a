package rubytojava;

import java.nio.ByteBuffer;
import org.jruby.RubyString;
import org.jruby.util.ByteList;

/**
 * JRuby only: a Ruby String's own bytes as a {@link ByteBuffer}, without a copy. A Java parameter of
 * type {@code RubyString} receives the Ruby object itself (JRuby converts nothing); its bytes are a
 * {@code byte[]} slice. Used by src/main/ruby/jruby/moving_data.rb.
 */
public final class RubyStrings {
    private RubyStrings() {
    }

    /** Read-only, valid until Ruby changes the string (a view, not a copy). */
    public static ByteBuffer view(RubyString string) {
        ByteList bytes = string.getByteList();
        return ByteBuffer.wrap(bytes.unsafeBytes(), bytes.begin(), bytes.realSize()).slice().asReadOnlyBuffer();
    }

    /**
     * Writable: {@code modify()} first gives the string bytes of its own (a string may share them
     * with a copy of it, copy-on-write) and raises FrozenError for a frozen one.
     */
    public static ByteBuffer writableView(RubyString string) {
        string.modify();
        ByteList bytes = string.getByteList();
        return ByteBuffer.wrap(bytes.unsafeBytes(), bytes.begin(), bytes.realSize()).slice();
    }
}
