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
}
