//! Work on several threads, results in order: the extraction of many files keeps both cores busy
//! while the store still sees the files one by one, in the order of their names; the RDFS
//! questions of `compute::infer` share the cores the same way.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::sync_channel;

/// Runs `work(i)` for every `i` in `0..n` on `threads` threads and hands each result to `each`
/// on the calling thread, in the order of `i`. Results wait in a bounded channel, so a slow
/// consumer holds the workers back instead of filling memory.
pub fn map_in_order<T: Send>(
    n: usize,
    threads: usize,
    work: impl Fn(usize) -> T + Sync,
    mut each: impl FnMut(usize, T),
) {
    if threads <= 1 || n <= 1 {
        for i in 0..n {
            each(i, work(i));
        }
        return;
    }
    let next = AtomicUsize::new(0);
    let (tx, rx) = sync_channel::<(usize, T)>(threads * 2);
    std::thread::scope(|s| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, work) = (&next, &work);
            s.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n || tx.send((i, work(i))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut expected = 0;
        for (i, r) in rx {
            pending.insert(i, r);
            while let Some(r) = pending.remove(&expected) {
                each(expected, r);
                expected += 1;
            }
        }
    });
}

/// How many threads to work on: the machine's cores, at most 8.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_whatever_the_threads() {
        for threads in [1, 2, 7] {
            let mut seen = Vec::new();
            // Uneven work so that later items often finish first.
            map_in_order(
                200,
                threads,
                |i| {
                    if i % 7 == 0 {
                        std::thread::sleep(std::time::Duration::from_micros(200));
                    }
                    i * 3
                },
                |i, r| seen.push((i, r)),
            );
            assert_eq!(seen, (0..200).map(|i| (i, i * 3)).collect::<Vec<_>>());
        }
    }
}
