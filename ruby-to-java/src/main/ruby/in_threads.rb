# Ruby threads, the same code on CRuby (through rjb) and on JRuby: the threads of both lessons
# (rjb/threads.rb, jruby/threads.rb) and of their benchmark (bench/threads.rb) are these.
module InThreads
  module_function

  # Runs the block in `count` Ruby threads, all alive at once (each waits until every one has
  # started), and returns their values in order. The block gets the thread's index.
  def run(count, &work)
    started = Queue.new
    go = Queue.new
    threads = Array.new(count) do |index|
      Thread.new do
        started << index
        go.pop
        work.call(index)
      end
    end
    count.times { started.pop }
    count.times { go << true }
    threads.map(&:value)
  end

  # CPU-bound Ruby and nothing else (no Java, no I/O): the primes below `limit`, by trial division.
  def count_primes(limit) = (2...limit).count { |n| (2..Integer.sqrt(n)).none? { |d| (n % d).zero? } }
end
