# Turns JMH's CSV (-rf csv) and bench-startup.sh's rows into target/bench.tsv: one row per
# figure, next to its baseline from the same run, with the ratio.
BEGIN {
    OFS = "\t"
    label["javaCallsJava"] = "Java -> Java call (not inlined)"
    label["rubyCallsJava"] = "Ruby -> Java call (JRuby)"
    label["rubyCallsRuby"] = "Ruby -> Ruby call (JRuby)"
    label["javaCallsRuby"] = "Java -> Ruby call (ScriptingContainer.callMethod)"
    order = "javaCallsJava rubyCallsJava rubyCallsRuby javaCallsRuby"
    print "row", "value", "error", "unit", "baseline", "baseline_value", "ratio"
}
FNR == 1 { file++ }
file == 1 && FNR > 1 {  # JMH: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"
    split($0, f, ",")
    name = f[1]; gsub(/"/, "", name); sub(/.*\./, "", name)
    score[name] = f[5]; error[name] = f[6]
}
file == 2 {  # start-up: name, mean ms, standard deviation ms
    split($0, f, "\t")
    n_startup++; startup_name[n_startup] = f[1]; startup_mean[n_startup] = f[2]; startup_sd[n_startup] = f[3]
}
END {
    n = split(order, names, " ")
    base = score["javaCallsJava"]
    for (i = 1; i <= n; i++) {
        b = names[i]
        if (!(b in score)) { print "missing JMH result for " b > "/dev/stderr"; exit 1 }
        printf "%s\t%.2f\t%.2f\tns/call\t%s\t%.2f\t%.1f\n", label[b], score[b], error[b], label["javaCallsJava"], base, score[b] / base
    }
    # The first start-up row is the baseline, `java -version`.
    for (i = 1; i <= n_startup; i++) {
        printf "%s\t%d\t%d\tms\t%s\t%d\t%.1f\n", startup_name[i], startup_mean[i], startup_sd[i], startup_name[1], startup_mean[1], startup_mean[i] / startup_mean[1]
    }
}
