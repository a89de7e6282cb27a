// Does NOT compile, on purpose: ThreadsTest runs rustc on it and expects error E0277. Inside Rust,
// two threads cannot share a Counter as Java's threads can (lib.rs, THREADS.md).
use std::cell::Cell;

pub struct Counter {
    count: Cell<u64>,
}

pub fn add_from_two_threads(counter: &Counter) {
    std::thread::scope(|threads| {
        threads.spawn(|| counter.count.set(counter.count.get() + 1));
        threads.spawn(|| counter.count.set(counter.count.get() + 1));
    });
}
