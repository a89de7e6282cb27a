package javatoc.tarball;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code make tar-list ARCHIVE=path}: prints "size TAB name" for each regular file of the
 * archive, in archive order; a missing or malformed archive is one line on stderr and exit 1.
 * {@code make tar-list ENGINE=wasm} runs the same C as WebAssembly (-Dtarball.engine=wasm): same
 * output, same errors, same exit codes; a trap in the C is one more one-line error.
 */
public final class TarList {
    private TarList() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java ... javatoc.tarball.TarList ARCHIVE.tar");
            System.exit(2);
        }
        // Names are written as UTF-8 whatever the locale (tar names are bytes; UTF-8 is the norm).
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        TarReader.Engine engine = TarReader.Engine.named(System.getProperty("tarball.engine", "ffm"));
        try (TarReader tarball = TarReader.open(Path.of(args[0]), engine)) {
            tarball.stream().filter(TarEntry::isFile).forEach(entry -> out.println(entry.size() + "\t" + entry.name()));
        } catch (TarballException | LibraryNotFoundException | WasmTrapException e) {
            out.flush();
            System.err.println("tar-list: error: " + e.getMessage());
            System.exit(1);
        }
        out.flush();
    }
}
