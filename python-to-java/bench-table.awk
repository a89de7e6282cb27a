# Turns JMH's CSV (-rf csv) and the start-up and JPype rows ("row<TAB>value<TAB>error<TAB>unit")
# into target/bench.tsv: one row per figure, next to its Java baseline from the same run.
BEGIN {
    OFS = "\t"
    label["javaToJava"] = "Java -> Java call (not inlined)"
    label["jython"] = "Python -> Java call (Jython)"
    label["graalPy"] = "Python -> Java call (GraalPy, sandboxed)"
    call_base = label["javaToJava"]
    start_base = "java -version"
}
FILENAME ~ /\.csv$/ && FNR > 1 {
    line = $0; gsub(/"/, "", line); split(line, f, ",")
    name = f[1]; sub(/.*\./, "", name)
    row = label[name]; rows[++n] = row
    if (name == "javaToJava") { rows[n] = rows[1]; rows[1] = row } # the baseline first
    value[row] = f[5]; error[row] = sprintf("%.2f", f[6]); unit[row] = "ns/call"; base[row] = call_base
    next
}
FILENAME !~ /\.csv$/ {
    split($0, f, "\t")
    row = f[1]; rows[++n] = row
    value[row] = f[2]; error[row] = f[3]; unit[row] = f[4]
    base[row] = (f[4] == "ms") ? start_base : call_base
}
END {
    print "row", "value", "error", "unit", "baseline", "baseline_value", "ratio"
    for (i = 1; i <= n; i++) {
        row = rows[i]; b = base[row]
        if (!(b in value)) { print "missing the baseline " b > "/dev/stderr"; exit 1 }
        printf "%s\t%.2f\t%s\t%s\t%s\t%.2f\t%.1f\n", row, value[row], error[row], unit[row], b, value[b], value[row] / value[b]
    }
}
