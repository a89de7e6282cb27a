package javatorust;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A native library shipped inside the jar (SHIPPING.md), under JNA's name for the platform:
 * {@code linux-x86-64/libexample.so}. JNA extracts such a file by itself; {@code System.load} and
 * {@code SymbolLookup.libraryLookup} need a file on disk, so this class extracts it, once, to
 * {@code <cache>/<sha256>/libexample.so}: {@code <cache>} is {@code -Dnative.cache=DIR}, else
 * {@code $XDG_CACHE_HOME/jvm-interop}, else {@code ~/.cache/jvm-interop}. A folder of the user's own,
 * not a fixed name in the shared /tmp, where another user could put a library of theirs first.
 * Every file is written under a random temporary name beside its final one and renamed into place
 * (an atomic move): a second process starting at the same moment sees no file or a whole one,
 * never half of one. A cached file whose bytes differ from the jar's is replaced, never loaded.
 * The same file in java-to-c, java-to-c-tarball and java-to-rust, but for its package line.
 */
public final class BundledLibrary {
    /** The system property that chooses the cache folder. */
    public static final String CACHE_PROPERTY = "native.cache";

    private BundledLibrary() {}

    /** JNA's folder name for this platform: linux-x86-64, linux-aarch64, darwin-aarch64, darwin-x86-64, win32-x86-64. */
    public static String platformFolder() {
        return platformFolder(System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    static String platformFolder(String osName, String osArch) {
        String os = osName.startsWith("Windows") ? "win32"
                : osName.startsWith("Mac") ? "darwin" : osName.toLowerCase(Locale.ROOT).replace(" ", "");
        String arch = switch (osArch) {
            case "amd64", "x86_64" -> "x86-64";
            case "arm64" -> "aarch64";
            default -> osArch;
        };
        return os + "-" + arch;
    }

    /** Whether the jar (any entry of the class path, or the module) carries libNAME for this platform. */
    public static boolean isBundled(String name) {
        return BundledLibrary.class.getResource(resource(platformFolder(), name)) != null;
    }

    /**
     * Extracts the named libraries into one folder and returns the file of the first. Libraries
     * that link each other go together: one finds the other beside itself (an rpath of $ORIGIN).
     */
    public static Path extract(String... names) {
        return extract(cacheFolder(), platformFolder(), names);
    }

    /** The cache folder: -Dnative.cache, else $XDG_CACHE_HOME/jvm-interop, else ~/.cache/jvm-interop. */
    static Path cacheFolder() {
        String chosen = System.getProperty(CACHE_PROPERTY);
        if (chosen != null) {
            return Path.of(chosen);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("jvm-interop");
    }

    static Path extract(Path cache, String platform, String... names) {
        byte[][] contents = new byte[names.length][];
        MessageDigest all = sha256();
        for (int i = 0; i < names.length; i++) {
            contents[i] = read(platform, names[i]);
            all.update(contents[i]);
        }
        // Named by content: a new build gets a new folder, and a file is never rewritten while in use.
        Path folder = cache.resolve(HexFormat.of().formatHex(all.digest()));
        try {
            createPrivateFolders(folder);
            for (int i = 0; i < names.length; i++) {
                Path file = folder.resolve(System.mapLibraryName(names[i]));
                if (!Files.isRegularFile(file) || !Arrays.equals(sha256(Files.readAllBytes(file)), sha256(contents[i]))) {
                    Path temporary = Files.createTempFile(folder, "." + file.getFileName(), ".tmp"); // a random name, mode 600
                    try {
                        Files.write(temporary, contents[i]);
                        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE); // rename(2): replaces at once
                    } finally {
                        Files.deleteIfExists(temporary);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + System.mapLibraryName(names[0]) + " from the jar to " + folder
                    + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "): choose a folder you can write with -D"
                    + CACHE_PROPERTY + "=DIR or XDG_CACHE_HOME", e);
        }
        return folder.resolve(System.mapLibraryName(names[0]));
    }

    private static String resource(String platform, String name) {
        return "/" + platform + "/" + System.mapLibraryName(name);
    }

    private static byte[] read(String platform, String name) {
        try (InputStream in = BundledLibrary.class.getResourceAsStream(resource(platform, name))) {
            if (in == null) {
                throw new IllegalStateException("the jar has no " + resource(platform, name).substring(1) + ": it was not built for this platform");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the folders missing, readable by their owner only where the file system has POSIX modes. */
    private static void createPrivateFolders(Path folder) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(folder);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    private static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }
}
