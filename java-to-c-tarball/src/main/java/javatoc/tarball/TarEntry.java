package javatoc.tarball;

/**
 * One entry of an archive, copied into Java when the tarball is opened: a plain value that
 * stays valid after the tarball is closed. Its bytes are not in here; ask
 * {@link Tarball#file(int)} with its index for those.
 */
public record TarEntry(int index, String name, long size, Type type) {

    /** The values of C's tarball_type, in the same order. */
    public enum Type {
        FILE, DIRECTORY, SYMLINK, HARDLINK, OTHER
    }

    public boolean isFile() {
        return type == Type.FILE;
    }
}
