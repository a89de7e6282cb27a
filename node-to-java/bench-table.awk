# Turns JMH's CSVs (-rf csv) into target/bench.tsv: one row per figure, next to its baseline
# from the same run, with the ratio.
# Usage: awk -f bench-table.awk java.csv compiled.csv interpreter.csv
BEGIN {
    FS = ","; OFS = "\t"
    label["javaToJavaCall"] = "Java -> Java call (not inlined)"
    label["jsToJavaCall"] = "JS -> Java call (GraalJS, compiled)"
    label["jsToJavaCall.interpreter"] = "JS -> Java call (GraalJS, interpreter)"
    label["javaFib"] = "Java fib(25)"
    label["jsFib"] = "JS fib(25) (GraalJS, compiled)"
    label["jsFib.interpreter"] = "JS fib(25) (GraalJS, interpreter)"
    base["javaToJavaCall"] = base["jsToJavaCall"] = base["jsToJavaCall.interpreter"] = "javaToJavaCall"
    base["javaFib"] = base["jsFib"] = base["jsFib.interpreter"] = "javaFib"
    unit["javaToJavaCall"] = unit["jsToJavaCall"] = unit["jsToJavaCall.interpreter"] = "ns/call"
    unit["javaFib"] = unit["jsFib"] = unit["jsFib.interpreter"] = "ms"
    order = "javaToJavaCall jsToJavaCall jsToJavaCall.interpreter javaFib jsFib jsFib.interpreter"
}
FNR == 1 { file++ }
FNR > 1 {
    gsub(/"/, "")
    name = $1; sub(/.*\./, "", name)
    if (file == 3) name = name ".interpreter"
    score[name] = $5; error[name] = $6
}
END {
    print "row", "value", "error", "unit", "baseline", "baseline_value", "ratio"
    n = split(order, names, " ")
    for (i = 1; i <= n; i++) {
        b = names[i]
        if (!(b in score) || !(base[b] in score)) { print "missing JMH result for " b > "/dev/stderr"; exit 1 }
        printf "%s\t%.2f\t%.2f\t%s\t%s\t%.2f\t%.1f\n", label[b], score[b], error[b], unit[b], label[base[b]], score[base[b]], score[b] / score[base[b]]
    }
}
