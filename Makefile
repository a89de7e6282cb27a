# The JVM's interop examples: builds, runs and verifies every example folder.
# `make help` lists the targets and the variables you may set.

.DEFAULT_GOAL := all
.DELETE_ON_ERROR:

# The examples, each a folder with its own Makefile (same targets as here).
EXAMPLES := java-to-c java-to-c-tarball c-to-java java-to-rust rust-to-java node-to-java python-to-java ruby-to-java
JDK_VERSION := 25
BUILD := build

# One JDK for everything: JAVA_HOME if set (it must be $(JDK_VERSION)+), else one found here.
# Checked once, before anything starts, so a wrong JDK stops the whole run with one message.
ifneq ($(filter-out clean help,$(or $(MAKECMDGOALS),all)),)
JDK := $(shell JAVA_HOME='$(JAVA_HOME)' tools/find-jdk.sh $(JDK_VERSION) 2>&1)
$(if $(filter /%,$(JDK)),,$(error $(JDK)))
endif

# What every example is called with: the JDK, and the Maven wrapper (a pinned Maven 3.9, fetched
# from Maven Central on first use). OFFLINE=1, BENCH_QUICK=1 and CI pass down by themselves.
EXAMPLE_ARGS := JAVA_HOME='$(JDK)' MVN='$(CURDIR)/mvnw'
# Under -j the longest examples start first, and the short ones fill the cores around them.
LONGEST_FIRST := python-to-java node-to-java ruby-to-java
results = $(foreach example,$(LONGEST_FIRST) $(filter-out $(LONGEST_FIRST),$(EXAMPLES)),$(BUILD)/results/$(1)/$(example).result)

.PHONY: all test bench deps clean help maven shape check-docs FORCE

all: $(call results,all)
	@tools/summary.sh all $(BUILD) $(EXAMPLES)

# `make test` also tests the repository's own tools and checks every README's code blocks
# (tools/Makefile): one more line, "tools", in the summary.
test: $(call results,test) $(BUILD)/results/test/tools.result
	@tools/summary.sh test $(BUILD) $(EXAMPLES) tools

check-docs:
	@$(MAKE) --no-print-directory -C tools check-docs

deps: $(call results,deps) $(BUILD)/results/deps/tools.result
	@tools/summary.sh deps $(BUILD) $(EXAMPLES) tools

# One example, one target: build/results/TARGET/EXAMPLE.result (and its log in build/logs/).
# The examples run side by side, as many at once as the machine has cores (`make -jN` says
# otherwise): each builds only in its own folder, and Maven guards its shared local repository
# with file locks (see .mvn/maven.config).
MAKEFLAGS += -j$(shell nproc)
$(BUILD)/results/%.result: FORCE | maven shape
	+@tools/run-example.sh $(*F) $(*D) $(BUILD) $(EXAMPLE_ARGS)

# Benchmarks run one at a time, even under -j: two at once would measure each other (a quick
# run is a smoke test: side by side, as `all` runs). The figures go into one report, build/bench.md, and after a full run into BENCHMARKS.md.
# ONLY="a b" measures those examples and keeps the others' dated rows from BENCHMARKS.md.
# The charts (calls; moving data) are drawn with matplotlib (Debian's python3-matplotlib, installed if it can be).
MEASURED := $(or $(ONLY),$(EXAMPLES))
$(if $(filter-out $(EXAMPLES),$(MEASURED)),$(error ONLY names no example: $(filter-out $(EXAMPLES),$(MEASURED)); the examples: $(EXAMPLES)))
bench: $(if $(BENCH_QUICK),$(foreach e,$(filter $(MEASURED),$(LONGEST_FIRST)) $(filter-out $(LONGEST_FIRST),$(MEASURED)),$(BUILD)/results/bench/$(e).result)) | maven shape
	+@$(if $(BENCH_QUICK),:,for example in $(MEASURED); do tools/run-example.sh $$example bench $(BUILD) $(EXAMPLE_ARGS); done)
	@tools/need.sh 'the benchmark chart' '/usr/bin/python3 -c "import matplotlib"' python3-matplotlib || true
	@rm -rf $(BUILD)/bench && mkdir -p $(BUILD)/bench && /usr/bin/python3 tools/bench_report.py $(BUILD)/bench/BENCHMARKS.md \
	  $(BUILD)/bench/BENCHMARKS.svg '$(JDK)' --keep-from BENCHMARKS.md $(foreach e,$(EXAMPLES),$(if $(filter $(e),$(MEASURED)),,keep:)$(e)) \
	  && [ -z '$(BENCH_QUICK)' ] \
	  && cp $(BUILD)/bench/BENCHMARKS.md $(BUILD)/bench/BENCHMARKS*.svg . && echo "(written to BENCHMARKS.md and its charts BENCHMARKS*.svg)" || true
	@tools/summary.sh bench $(BUILD) $(MEASURED)

# Fetch Maven itself once, before the examples start (they would otherwise all fetch it at once).
maven:
	@JAVA_HOME='$(JDK)' ./mvnw --quiet --version > /dev/null

# Every example carries its own copy of the shared build files; they must not drift apart.
shape:
	@for example in $(EXAMPLES); do \
	  for file in find-jdk.sh:tools/find-jdk.sh need.sh:tools/need.sh .mvn/jvm.config:.mvn/jvm.config .mvn/maven.config:.mvn/maven.config; do \
	    cmp -s "$$example/$${file%%:*}" "$${file#*:}" \
	      || { echo "error: $$example/$${file%%:*} differs from $${file#*:}: copy it again" >&2; exit 1; }; \
	  done; \
	done

clean:
	rm -rf $(BUILD) tools/target
	@for example in $(EXAMPLES); do $(MAKE) --no-print-directory -C $$example clean; done

help:
	@echo "The JVM's interop examples. Targets (each runs the same target in every example):"
	@echo "  make [all]   build, run and verify every example: one line each, then a summary"
	@echo "  make test    every example's JUnit tests, and the same verification"
	@echo "  make bench   every example's benchmarks, one at a time (ONLY=\"a b\": those, the others' rows kept)"
	@echo "  make deps    fetch every dependency (afterwards OFFLINE=1 works)"
	@echo "  make check-docs  check every README's code blocks against their sources"
	@echo "  make clean   remove every build output"
	@echo "Logs: $(BUILD)/logs/TARGET/EXAMPLE.log; JUnit XML: $(BUILD)/test-results/."
	@echo "Variables: JAVA_HOME (a JDK $(JDK_VERSION)+; found if unset), OFFLINE=1, BENCH_QUICK=1,"
	@echo "  NO_INSTALL=1 (install no Debian package: the parts that need one are skipped),"
	@echo "  CI=true (a skipped part counts as a failure). Examples: $(EXAMPLES)"
