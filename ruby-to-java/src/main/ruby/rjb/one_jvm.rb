# One JVM a process, started and stopped through rjb, with a one-line error where rjb itself says
# nothing, hangs, or fails later on (THREADS.md, "Lifecycle"). The rjb lessons start Java with it.
require 'rjb'

module OneJvm
  class Error < StandardError; end

  @started_with = nil # the class path and options of the start
  @stopped = false

  # Starts the JVM in this process (Rjb.load). rjb takes whatever JVM JAVA_HOME names, and it ignores
  # a second Rjb.load: it returns nil, and that call's class path and options never apply. So this
  # checks JAVA_HOME, lets the same start happen twice, and refuses another one, or one after `stop`.
  def self.start(classpath, options = [])
    raise Error, 'Java was stopped in this process, and a JVM starts only once in a process' if @stopped
    return if @started_with == [classpath, options]
    raise Error, 'Java already runs in this process, and its class path and options are fixed ' \
                 'when it starts: add jars with Rjb.add_jar' if Rjb.loaded?

    java_home = ENV.fetch('JAVA_HOME', '')
    release = File.join(java_home, 'release')
    version = File.exist?(release) ? File.read(release)[/^JAVA_VERSION="(\d+)/, 1].to_i : 0
    if version < 25
      raise Error, "JAVA_HOME must be a JDK 25 or newer, not #{java_home.inspect}" \
                   "#{" (Java #{version})" if version.positive?}"
    end
    Rjb.load(classpath, options)
    @started_with = [classpath, options]
  end

  # Stops the JVM (Rjb.unload: DestroyJavaVM), which runs Java's shutdown hooks: rjb never stops it
  # by itself, so without this they never run. DestroyJavaVM first waits for every other non-daemon
  # Java thread to end, and rjb leaves each Ruby thread that called Java attached as one, for good:
  # it would never return. This refuses instead.
  def self.stop
    return unless Rjb.loaded?

    java_thread = Rjb.import('java.lang.Thread')
    me = java_thread.currentThread
    others = java_thread.getAllStackTraces.keySet.toArray.reject { |thread| thread.isDaemon || thread.equals(me) }
    unless others.empty?
      raise Error, "Java cannot stop: DestroyJavaVM would wait for ever for #{others.size} more non-daemon " \
                   'Java thread(s) (rjb leaves a Ruby thread that called Java attached as one)'
    end
    Rjb.unload
    @stopped = true
  end
end
