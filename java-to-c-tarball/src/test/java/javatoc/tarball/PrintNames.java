package javatoc.tarball;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** NamesInAnyLocaleTest's child program: each entry's name as read through FFM and through JNA, as code points (ASCII output, whatever the locale). */
public final class PrintNames {
    private PrintNames() {}

    public static void main(String[] args) throws Exception {
        Path archive = Path.of(args[0]);
        try (Tarball ffm = Tarball.open(archive); JnaTarball jna = JnaTarball.open(archive)) {
            System.out.println("ffm " + codePoints(ffm.stream().map(TarEntry::name).toList()));
            System.out.println("jna " + codePoints(jna.names()));
        }
    }

    static String codePoints(List<String> names) {
        return names.stream().map(name -> name.codePoints().mapToObj(c -> String.format("U+%04X", c)).collect(Collectors.joining(" ")))
                .collect(Collectors.joining(" / "));
    }
}
