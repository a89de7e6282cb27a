package ctojava;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where libcallbacks.so is: FFM takes a path, so we look for it on -Djava.library.path ourselves. */
final class CallbackLibrary {
    private CallbackLibrary() {}

    static Path path() {
        String fileName = System.mapLibraryName("callbacks");
        String searched = System.getProperty("java.library.path", "");
        for (String folder : searched.split(File.pathSeparator)) {
            Path candidate = Path.of(folder, fileName);
            if (!folder.isEmpty() && Files.isRegularFile(candidate)) return candidate;
        }
        throw new IllegalStateException(fileName + " not found on -Djava.library.path=" + searched
                + ": build it with `make` in c-to-java/ (it goes to target/native/)");
    }
}
