package javatoc.tarball;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javatoc.tarball.TarReader.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same C, two engines: every archive this folder has (the peers' test archives, the hostile
 * ones in the fuzz corpus, the corpus itself, example.tar) gives the same entries, the same bytes
 * (each entry's first MiB) and the same refusals through FFM and compiled Wasm (interpreted Wasm: the fuzz corpus); and `tar-list` says the
 * same through both, exit codes included.
 */
class WasmEngineTest {

    static List<Path> allArchives() throws Exception {
        List<Path> archives = new ArrayList<>(List.of(Path.of("example.tar")));
        for (String folder : List.of("fuzz/corpus", "src/test/archives")) {
            try (Stream<Path> files = Files.walk(Path.of(folder))) {
                files.filter(f -> f.toString().endsWith(".tar")).sorted().forEach(archives::add);
            }
        }
        return archives;
    }

    /** What an engine says about an archive: every entry with a digest of its content, or the refusal. */
    static String answer(Path archive, Engine engine) throws Exception {
        try (TarReader reader = TarReader.open(archive, engine)) {
            StringBuilder answer = new StringBuilder();
            for (TarEntry entry : reader.entries()) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                MemorySegment piece = MemorySegment.ofArray(new byte[4096]);
                long offset = 0;
                for (long n; offset < (1 << 20) && (n = reader.read(entry.index(), offset, piece)) > 0; offset += n) { // its first MiB
                    digest.update(piece.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
                }
                answer.append(entry).append(' ').append(offset).append(' ').append(HexFormat.of().formatHex(digest.digest())).append('\n');
            }
            return answer.toString();
        } catch (TarballException e) {
            return e.reason() + ": " + e.getMessage();
        }
    }

    @Test
    void everyArchiveGivesTheSameAnswersThroughEveryEngine() throws Exception {
        List<Path> archives = allArchives();
        assertTrue(archives.size() > 60, "the archives are where this test looks: " + archives.size());
        int refused = 0;
        for (Path archive : archives) {
            String ffm = answer(archive, Engine.FFM);
            assertEquals(ffm, answer(archive, Engine.WASM), archive + " through compiled wasm");
            if (archive.startsWith("fuzz")) { // the interpreter is tens of times slower: the corpus only
                assertEquals(ffm, answer(archive, Engine.WASM_INTERPRETER), archive + " through the wasm interpreter");
            }
            refused += ffm.contains(": ") && !ffm.contains("\n") ? 1 : 0;
        }
        assertTrue(refused > 10, "hostile archives are among them, refused alike: " + refused);
    }

    static boolean opens(Path archive) {
        try (TarReader reader = TarReader.open(archive, Engine.FFM)) {
            return true;
        } catch (TarballException e) {
            return false;
        }
    }

    /** read() at the edges: offsets inside, at and past the end, negative; destinations of 0 to 100,000 bytes; no such entry. */
    @Test
    void readAtAnyOffsetGivesWhatFfmGives() throws Exception {
        List<Path> archives = allArchives().stream()
                .filter(archive -> archive.toString().equals("example.tar") || archive.toString().contains("sparse"))
                .filter(WasmEngineTest::opens).toList();
        assertTrue(archives.size() > 3, "example.tar and sparse archives: " + archives);
        for (Path archive : archives) {
            try (TarReader ffm = TarReader.open(archive, Engine.FFM); TarReader wasm = TarReader.open(archive, Engine.WASM)) {
                for (int index = -1; index <= ffm.entries().size(); index++) {
                    long size = index >= 0 && index < ffm.entries().size() ? ffm.entries().get(index).size() : 0;
                    for (long offset : new long[] {0, 1, size / 2, size - 1, size, size + 1, -1, Long.MIN_VALUE}) {
                        for (int length : new int[] {0, 1, 7, 100_000}) {
                            byte[] fromFfm = new byte[length], fromWasm = new byte[length];
                            String what = archive + ", entry " + index + ", offset " + offset + ", " + length + " bytes";
                            assertEquals(ffm.read(index, offset, MemorySegment.ofArray(fromFfm)),
                                    wasm.read(index, offset, MemorySegment.ofArray(fromWasm)), what);
                            assertEquals(-1, MemorySegment.ofArray(fromFfm).mismatch(MemorySegment.ofArray(fromWasm)), what);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aFileIsACopyThatOutlivesTheTarball() throws Exception {
        MemorySegment copy;
        try (TarReader reader = TarReader.open(Path.of("example.tar"), Engine.WASM)) {
            TarEntry file = reader.stream().filter(e -> e.type() == TarEntry.Type.FILE && e.size() > 0).findFirst().orElseThrow();
            copy = reader.file(file.index()).orElseThrow();
            try (Tarball ffm = Tarball.open(Path.of("example.tar"))) {
                assertEquals(-1, copy.mismatch(ffm.file(file.index()).orElseThrow()));
            }
            assertTrue(copy.isReadOnly());
            assertTrue(reader.file(reader.entries().size()).isEmpty());
        }
        assertEquals(copy.byteSize(), copy.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE).length); // no arena: still readable
    }

    @Test
    void anArchivePastTheMemoryLimitIsOneLineNotAnOutOfMemoryError(@TempDir Path folder) throws Exception {
        Path big = Archives.oneMember(folder.resolve("big.tar"), 3 << 20);
        TarballException e = assertThrows(TarballException.class,
                () -> WasmTarball.open(big.toString(), Files.readAllBytes(big), Engine.WASM, 64)); // 64 pages: 4 MiB
        assertEquals(TarballException.Reason.LIMIT, e.reason());
        assertEquals(big + ": the archive (" + Files.size(big) + " bytes) and its copy in C need more than the wasm engine's"
                + " memory limit (4 MiB)", e.getMessage());
        assertTrue(answer(big, Engine.WASM).contains("size=" + (3 << 20) + ","), "the default limit holds it");
    }

    @Test
    void anArchiveTheHeapCannotHoldIsOneLineThatSaysRaiseXmx(@TempDir Path folder) throws Exception {
        Archives.oneMember(folder.resolve("big.tar"), 40 << 20); // read into the heap, then 80 MB more in the module's pages
        TarListTest.Result result = TarListTest.run(List.of("-Xmx64m", "-Dtarball.engine=wasm"), "javatoc.tarball.TarList",
                folder, TarListTest.NATIVE, "big.tar");
        assertEquals(new TarListTest.Result(1, "", "tar-list: error: big.tar: the archive (" + Files.size(folder.resolve("big.tar"))
                + " bytes) and its copy in C need more Java heap than is free: raise -Xmx (the wasm engine holds about twice"
                + " the archive in the heap)\n"), result);
    }

    @Test
    void tarListSaysTheSameThroughBothEngines(@TempDir Path folder) throws Exception {
        Files.copy(Path.of("example.tar"), folder.resolve("example.tar"));
        Files.writeString(folder.resolve("bad.tar"), "not a tar archive\n".repeat(40));
        for (String archive : List.of("example.tar", "bad.tar", "missing.tar")) {
            TarListTest.Result ffm = TarListTest.tarList(folder, TarListTest.NATIVE, archive);
            assertEquals(ffm, TarListTest.run(List.of("-Dtarball.engine=wasm"), "javatoc.tarball.TarList", folder, TarListTest.NATIVE, archive), archive);
        }
    }
}
