package nodetojava;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * What a script may read: the files under one folder (the example's JavaScript modules and its
 * node_modules), read-only. Every other path, and a symbolic link that leads out of the folder,
 * is refused with a {@link SecurityException} that names the path. GraalJS reads every
 * module it loads ({@code require}, {@code import}, {@code load}) through this file system.
 */
final class ModuleFolderFileSystem implements FileSystem {
    private final FileSystem files = FileSystem.newReadOnlyFileSystem(FileSystem.newDefaultFileSystem());
    private final Path folder;

    /** @param moduleFolder an existing folder (its real path is what counts) */
    ModuleFolderFileSystem(Path moduleFolder) throws IOException {
        this.folder = moduleFolder.toRealPath();
    }

    /** The path itself, and where its links lead if it exists, must lie inside the folder. */
    private Path check(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path real = absolute;
        if (Files.exists(absolute)) {
            try {
                real = absolute.toRealPath();
            } catch (IOException e) {
                real = absolute; // unreadable: the check below still applies to the path as given
            }
        }
        if (absolute.startsWith(folder) && real.startsWith(folder)) {
            return absolute;
        }
        throw new SecurityException("access to " + absolute + " is denied: scripts may read only files in " + folder);
    }

    @Override
    public Path parsePath(URI uri) {
        if (!"file".equals(uri.getScheme())) { // no http:, https:, jar: ... : no network either
            throw new UnsupportedOperationException("access to " + uri + " is denied: scripts may read only files in " + folder);
        }
        return files.parsePath(uri);
    }

    @Override
    public Path parsePath(String path) {
        return files.parsePath(path);
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        files.checkAccess(check(path), modes, linkOptions);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        files.createDirectory(check(dir), attrs); // refused: the file system is read-only
    }

    @Override
    public void delete(Path path) throws IOException {
        files.delete(check(path)); // refused: the file system is read-only
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return files.newByteChannel(check(path), options, attrs);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        return files.newDirectoryStream(check(dir), filter);
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return files.toAbsolutePath(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        return files.toRealPath(check(path), linkOptions);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        return files.readAttributes(check(path), attributes, options);
    }
}
