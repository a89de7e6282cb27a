package tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench.sh: every row gets the same statistics, next to its baseline; a bad row file is one line. */
class BenchTest {

    @TempDir Path dir;

    Run bench(String rows) throws Exception {
        return bench(rows, Map.of("BENCH_QUICK", "1"));
    }

    Run bench(String rows, Map<String, String> env) throws Exception {
        Files.createDirectories(dir.resolve("bench"));
        Files.writeString(dir.resolve("bench/rows"), rows);
        return Run.run(dir, env, "sh", Run.TOOLS.resolve("bench.sh").toString(), "bench/rows");
    }

    List<String> table() throws Exception {
        return Files.readAllLines(dir.resolve("target/bench/rows.tsv"));
    }

    @Test
    void medianInterquartileRangeAndRatio() throws Exception {
        Run run = bench("""
                # what | baseline | how
                base | base | loop ns/call printf '2\\n1\\n3\\n'
                five | base | loop ns/call printf '4\\n5\\n6\\n5\\n5\\n'
                """);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("what\tmedian\tspread\tunit\tbaseline\tratio\tsamples\tnoisy",
                "base\t2\t1\tns/call\tbase\t1\t3\t", "five\t5\t0\tns/call\tbase\t2.5\t5\t"), table());
    }

    @Test
    void startupRowsTimeTheWholeCommandSeveralTimes() throws Exception {
        Files.writeString(dir.resolve("count"), "");
        Run run = bench("""
                quick | quick | startup true
                slow | quick | startup echo run >> count; sleep 0.05
                """, Map.of());
        assertEquals(0, run.exitCode(), run.toString());
        String[] slow = table().get(2).split("\t");
        assertEquals("ms", slow[3]);
        assertTrue(Double.parseDouble(slow[1]) >= 50, slow[1]);
        // One warm-up run, then ten measured ones; a quick run times it once, with no warm-up.
        assertEquals(11, Files.readAllLines(dir.resolve("count")).size());
        assertEquals("10", slow[6]);
        Files.writeString(dir.resolve("count"), "");
        assertEquals(0, bench("slow | slow | startup echo run >> count\n").exitCode());
        assertEquals(1, Files.readAllLines(dir.resolve("count")).size());
    }

    @Test
    void aRowWiderThanItsMedianIsMeasuredAgainAndFlagged() throws Exception {
        String noise = "noise | noise | loop ns/call echo run >> runs; printf '1\\n10\\n1000\\n'\n";
        Run run = bench(noise, Map.of());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(table().get(1).endsWith("\tnoisy"), table().toString());
        assertEquals(2, Files.readAllLines(dir.resolve("runs")).size());
        // A quick run flags it without measuring it again: its figures are a smoke test.
        Files.delete(dir.resolve("runs"));
        assertEquals(0, bench(noise).exitCode());
        assertTrue(table().get(1).endsWith("\tnoisy"), table().toString());
        assertEquals(1, Files.readAllLines(dir.resolve("runs")).size());
    }

    /** A jmh row: JMH gets each option once (the row's win), and its iterations are the samples. */
    @Test
    void jmhRowsPassTheirOptionsOnceAndUseTheIterations() throws Exception {
        // A stand-in for JMH: records its arguments and writes the JSON that -rf json -rff FILE asks for.
        Run.script(dir, "jmh", """
                echo "$@" > args
                for arg; do [ "$arg" = "-Da=1 -Db=2 -Dx=1" ] && echo one-argument > quoted; done
                while [ $# -gt 1 ]; do [ "$1" = -rff ] && file=$2; shift; done
                echo '[{"benchmark": "x.Calls.one", "primaryMetric": {"scoreUnit": "ns/op", "rawData": [[3.0, 1.0, 2.0]]}}]' > "$file"
                """);
        Files.createDirectories(dir.resolve("bench"));
        Files.writeString(dir.resolve("bench/rows"), "one | one | jmh -wi 9 -jvmArgsAppend \"$FLAGS -Dx=1\" Calls.one\n");
        Run run = Run.run(dir, Map.of("BENCH_QUICK", "1", "JMH", dir.resolve("jmh").toString(), "FLAGS", "-Da=1 -Db=2"),
                "sh", Run.TOOLS.resolve("bench.sh").toString(), "bench/rows");
        assertEquals(0, run.exitCode(), run.toString());
        // The row's quoted option stays one argument, with the Makefile's variable expanded in it.
        assertEquals("-f 1 -wi 9 -w 200ms -i 2 -r 200ms -jvmArgsAppend -Da=1 -Db=2 -Dx=1 -rf json -rff target/bench/jmh-1.json Calls.one$",
                Files.readString(dir.resolve("args")).strip());
        assertTrue(Files.exists(dir.resolve("quoted")), "the quoted option was split");
        assertEquals("one\t2\t1\tns/call\tone\t1\t3\t", table().get(1));
    }

    /** Quick: the jmh rows with the same options run in one JMH without a fork (-f 0 is no option then); a row that sets its JVM runs alone. */
    @Test
    void quickRunsTheJmhRowsOfTheSameOptionsTogether() throws Exception {
        Run.script(dir, "jmh", """
                echo "$@" >> calls
                while [ $# -gt 1 ]; do [ "$1" = -rff ] && file=$2; shift; done
                one='{"benchmark": "x.Calls.one", "primaryMetric": {"scoreUnit": "ns/op", "rawData": [[2.0, 2.0]]}}'
                two='{"benchmark": "x.Calls.two", "primaryMetric": {"scoreUnit": "ns/op", "rawData": [[4.0, 4.0]]}}'
                case "$1" in *'|'*) echo "[$one, $two]" > "$file" ;; *) echo "[$one]" > "$file" ;; esac
                """);
        Files.createDirectories(dir.resolve("bench"));
        Files.writeString(dir.resolve("bench/rows"), "one | one | jmh Calls.one\ntwo | one | jmh -f 0 Calls.two\n"
                + "alone | one | jmh -jvmArgsAppend -Dx=1 Calls.one\n");
        Run run = Run.run(dir, Map.of("BENCH_QUICK", "1", "JMH", dir.resolve("jmh").toString()),
                "sh", Run.TOOLS.resolve("bench.sh").toString(), "bench/rows");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("-f 0 -wi 1 -w 200ms -i 2 -r 200ms -rf json -rff target/bench/jmh-quick-1.json (Calls.one|Calls.two)$",
                "-f 1 -wi 1 -w 200ms -i 2 -r 200ms -jvmArgsAppend -Dx=1 -rf json -rff target/bench/jmh-3.json Calls.one$"),
                Files.readAllLines(dir.resolve("calls")));
        assertEquals(List.of("one\t2\t0\tns/call\tone\t1\t2\t", "two\t4\t0\tns/call\tone\t2\t2\t"), table().subList(1, 3));
    }

    /** A data row: GB/s at each size (bytes / ns), as a fraction of C's memcpy measured in the same run. */
    @Test
    void dataRowsAreGigabytesASecondAtEachSizeNextToMemcpy() throws Exception {
        Run run = Run.run(Files.createDirectories(dir.resolve("bench")).getParent(), Map.of("BENCH_QUICK", "1", "BENCH_SIZES", "16 1024"),
                "sh", "-c", "printf '%s\\n' 'memcpy (C) | memcpy (C) | data memcpy' "
                        + "'slow | memcpy (C) | data loop for s in $BENCH_SIZES; do echo \"$s 1000\"; echo \"$s 1000\"; done' > bench/rows && "
                        + "sh " + Run.TOOLS.resolve("bench.sh") + " bench/rows");
        assertEquals(0, run.exitCode(), run.toString());
        List<String> data = Files.readAllLines(dir.resolve("target/bench/data.tsv"));
        assertEquals("what\tsize\tGB/s\tspread\tbaseline\tfraction\tsamples\tnoisy", data.get(0));
        assertEquals(List.of("memcpy (C)\t16", "memcpy (C)\t1024", "slow\t16", "slow\t1024"),
                data.stream().skip(1).map(line -> line.split("\t")[0] + "\t" + line.split("\t")[1]).toList());
        // 16 bytes in 1000 ns is 0.016 GB/s; memcpy is far faster, so the fraction is far below 1.
        String[] slow = data.get(3).split("\t");
        assertEquals("0.016", slow[2]);
        double memcpy = Double.parseDouble(data.get(1).split("\t")[2]);
        assertEquals(0.016 / memcpy, Double.parseDouble(slow[5]), 0.01 * 0.016 / memcpy + 1e-6);
        assertTrue(memcpy > 0.1, "memcpy of 16 bytes at " + memcpy + " GB/s");
        assertTrue(run.stdout().contains("slow"), run.stdout());
    }

    /** A data jmh row: the sizes go to JMH as -p size=..., and each size's iterations (us/op here) become GB/s. */
    @Test
    void dataJmhRowsPassTheSizesAndConvertTheUnit() throws Exception {
        Run.script(dir, "jmh", """
                echo "$@" > args
                while [ $# -gt 1 ]; do [ "$1" = -rff ] && file=$2; shift; done
                echo '[{"benchmark": "x.Data.copy", "params": {"size": "16"}, "primaryMetric": {"scoreUnit": "us/op", "rawData": [[0.016, 0.016]]}},
                       {"benchmark": "x.Data.copy", "params": {"size": "1024"}, "primaryMetric": {"scoreUnit": "us/op", "rawData": [[0.512, 0.512]]}}]' > "$file"
                """);
        Files.createDirectories(dir.resolve("bench"));
        Files.writeString(dir.resolve("bench/rows"), "copy | copy | data jmh Data.copy\n");
        // $JMH as a Makefile gives it, ending in JMH's main class (the stand-in gets it as an argument).
        Run run = Run.run(dir, Map.of("BENCH_QUICK", "1", "BENCH_SIZES", "16 1024", "JMH", dir.resolve("jmh") + " org.openjdk.jmh.Main"),
                "sh", Run.TOOLS.resolve("bench.sh").toString(), "bench/rows");
        assertEquals(0, run.exitCode(), run.toString());
        String args = Files.readString(dir.resolve("args"));
        assertTrue(args.contains(" -p size=16,1024 "), args);
        // Quick: every size in JMH's own JVM, and no machine-wide lock (quick runs measure folders side by side).
        assertTrue(args.startsWith("-Djmh.ignoreLock=true org.openjdk.jmh.Main -f 0 -wi 1 "), args);
        List<String> data = Files.readAllLines(dir.resolve("target/bench/data.tsv"));
        assertEquals(List.of("copy\t16\t1\t0\tcopy\t1\t2\t", "copy\t1024\t2\t0\tcopy\t1\t2\t"), data.subList(1, 3));
    }

    @Test
    void badRowsAreOneLineEach() throws Exception {
        assertTrue(errorLine("a | a | data copy\n").contains("a data row is 'data memcpy', 'data jmh PATTERN' or 'data loop COMMAND'"));
        assertTrue(errorLine("m | m | data memcpy\nb | m | loop ns/call echo 1\n").contains("a data row's baseline is a data row"));
        assertTrue(errorLine("m | m | data loop echo 16 5\n").contains("measured the sizes [16], not [16, 1024, 65536, 1048576, 16777216]"));
        assertTrue(errorLine("m | m | data loop echo 5\n").contains("a data loop prints 'SIZE NANOSECONDS' lines"));
        assertEquals("x bench: error: bench/rows:1: the baseline 'nothing' is not a row of this file\n",
                errorLine("a | nothing | startup true\n"));
        assertEquals("x bench: error: bench/rows:1: 'how' must start with jmh, startup, loop or data, not 'time'\n",
                errorLine("a | a | time true\n"));
        assertTrue(errorLine("a | a | startup false\n").startsWith("x bench: error: exit status 1 from: false"));
        assertTrue(errorLine("a | a | loop ns/call echo hello\n").contains("a loop row prints one number a line"));
        assertTrue(errorLine("a | a | jmh Foo.bar\n").contains("a jmh row needs $JMH"));
    }

    String errorLine(String rows) throws Exception {
        dir = Files.createDirectories(dir.resolve("x"));
        Files.deleteIfExists(dir.resolve("bench/rows"));
        Run run = bench(rows);
        dir = dir.getParent();
        assertEquals(1, run.exitCode());
        return run.stderr().lines().filter(line -> line.contains("error:")).findFirst().orElse(run.stderr()) + "\n";
    }

    /** bench_report.py with ONLY: a folder measured now gets today's rows, the others keep their dated rows. */
    @Test
    void aReportKeepsTheRowsOfFoldersNotMeasuredAgain() throws Exception {
        Files.createDirectories(dir.resolve("a/target/bench"));
        Files.writeString(dir.resolve("a/target/bench/rows.tsv"),
                "what\tmedian\tspread\tunit\tbaseline\tratio\tsamples\tnoisy\nnew row\t2\t0.1\tns/call\tnew row\t1\t5\t\n");
        Files.writeString(dir.resolve("OLD.md"), """
                # What every boundary costs

                - date: 2026-01-02 03:04 UTC

                ## a

                | what | median (IQR) | baseline | ratio |
                |---|---|---|---|
                | old row | 9 ns/call (1) | old row | 1 |

                ## b

                | what | median (IQR) | baseline | ratio |
                |---|---|---|---|
                | kept row | 4.5 ns/call (0.2) | kept row | 1 |
                | kept, noisy | 9 ns/call (10) **noisy: IQR > median** | kept row | 2 |

                # Moving data

                ## b: moving data

                Measured 2026-01-02 03:04 UTC.

                | path | 16 B | 1 MiB |
                |---|---:|---:|
                | memcpy (C) | 4 (1) | 20 (1) |
                | JNI | 1 (0.25) | 10 (0.5)* |
                """);
        Files.writeString(dir.resolve("a/target/bench/data.tsv"), "what\tsize\tGB/s\tspread\tbaseline\tfraction\tsamples\tnoisy\n"
                + "memcpy (C)\t16\t5\t0.1\tmemcpy (C)\t1\t7\t\nmemcpy (C)\t1024\t50\t1\tmemcpy (C)\t1\t7\t\n"
                + "FFM\t16\t2.5\t0.1\tmemcpy (C)\t0.5\t5\t\nFFM\t1024\t50\t30\tmemcpy (C)\t1\t5\tnoisy\n");
        Run run = Run.run(dir, Map.of(), "python3", Run.TOOLS.resolve("bench_report.py").toString(), "NEW.md", "NEW.svg",
                System.getProperty("java.home"), "--keep-from", "OLD.md", "a", "keep:b");
        assertEquals(0, run.exitCode(), run.toString());
        String report = Files.readString(dir.resolve("NEW.md"));
        assertTrue(report.matches("(?s).*## a\n\nMeasured \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\.\n.*\\| new row \\| 2 ns/call \\(0\\.1\\) \\| new row \\| 1 \\|.*"), report);
        assertTrue(!report.contains("old row"), report);
        assertTrue(report.contains("""
                ## b

                Measured 2026-01-02 03:04 UTC (not measured again in this run).

                | what | median (IQR) | baseline | ratio |
                |---|---|---|---|
                | kept row | 4.5 ns/call (0.2) | kept row | 1 |
                | kept, noisy | 9 ns/call (10) **noisy: IQR > median** | kept row | 2 |
                """), report);
        // Moving data: a's measured now, b's kept; a cell is "GB/s (fraction)", * where noisy.
        assertTrue(report.contains("""
                | path | 16 B | 1 KiB |
                |---|---:|---:|
                | memcpy (C) | 5 (1) | 50 (1) |
                | FFM | 2.5 (0.5) | 50 (1)* |
                """), report);
        assertTrue(report.contains("""
                ## b: moving data

                Measured 2026-01-02 03:04 UTC (not measured again in this run).

                | path | 16 B | 1 MiB |
                |---|---:|---:|
                | memcpy (C) | 4 (1) | 20 (1) |
                | JNI | 1 (0.25) | 10 (0.5)* |
                """), report);
    }
}
