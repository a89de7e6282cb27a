# Turns JMH's CSV (-rf csv) and the C loop's "mean<TAB>error" into target/bench.tsv:
# one row per figure, next to its baseline from the same run, with the ratio.
BEGIN {
    FS = ","; OFS = "\t"
    label["javaNotInlined"] = "Java -> Java (not inlined)"
    label["ffm"] = "Java -> C: FFM"
    label["ffmCritical"] = "Java -> C: FFM critical"
    label["jni"] = "Java -> C: JNI"
    label["jnaDirect"] = "Java -> C: JNA direct"
    label["jnaInterface"] = "Java -> C: JNA interface"
    order = "javaNotInlined ffm ffmCritical jni jnaDirect jnaInterface"
    # TarballBenchmark: per entry of a 500-file archive; each row against the raw FFM calls.
    label["tarBytesRaw"] = "Tarball, read an entry's bytes: raw FFM"
    label["tarBytesSafe"] = "Tarball, read an entry's bytes: safe Tarball.file"
    label["tarBytesJnaCopy"] = "Tarball, read an entry's bytes: JNA copy into byte[]"
    label["tarViewRaw"] = "Tarball, get an entry's view: raw FFM"
    label["tarViewRawConfinedHandle"] = "Tarball, get an entry's view: raw FFM, handle in a confined arena"
    label["tarViewRawSharedHandle"] = "Tarball, get an entry's view: raw FFM, handle in a shared arena"
    label["tarViewSafe"] = "Tarball, get an entry's view: safe Tarball.file"
    tarball_order = "tarBytesRaw:tarBytesRaw tarBytesSafe:tarBytesRaw tarBytesJnaCopy:tarBytesRaw tarViewRaw:tarViewRaw"
    tarball_order = tarball_order " tarViewRawConfinedHandle:tarViewRaw tarViewRawSharedHandle:tarViewRaw tarViewSafe:tarViewRaw"
}
FNR > 1 {
    gsub(/"/, "")
    name = $1; sub(/.*\./, "", name)
    score[name] = $5; error[name] = $6
}
END {
    print "row", "value", "error", "unit", "baseline", "baseline_value", "ratio"
    base = score["javaNotInlined"]
    n = split(order, names, " ")
    for (i = 1; i <= n; i++) {
        b = names[i]
        if (!(b in score)) { print "missing JMH result for " b > "/dev/stderr"; exit 1 }
        printf "%s\t%.2f\t%.2f\tns/call\t%s\t%.2f\t%.1f\n", label[b], score[b], error[b], label["javaNotInlined"], base, score[b] / base
    }
    split(c_result, c, "\t")
    printf "%s\t%.2f\t%.2f\tns/call\t%s\t%.2f\t%.1f\n", "C -> C: function pointer", c[1], c[2], "C -> C: function pointer", c[1], 1.0
    printf "%s\t%.2f\t%.2f\tns/call\t%s\t%.2f\t%.1f\n", "Java -> C: FFM, vs the C loop", score["ffm"], error["ffm"], "C -> C: function pointer", c[1], score["ffm"] / c[1]
    n = split(tarball_order, pairs, " ")
    for (i = 1; i <= n; i++) {
        split(pairs[i], pair, ":"); b = pair[1]; base_name = pair[2]
        if (!(b in score)) { print "missing JMH result for " b > "/dev/stderr"; exit 1 }
        printf "%s\t%.2f\t%.2f\tns/call\t%s\t%.2f\t%.1f\n", label[b], score[b], error[b], label[base_name], score[base_name], score[b] / score[base_name]
    }
}
