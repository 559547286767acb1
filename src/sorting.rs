//! The one sort routine of the app. The standard library's sort is compiled anew for every element
//! type and every comparison: fourteen sorts made thirteen copies of it, about 49 KB of the wasm
//! module. Here one routine sorts positions through one comparison type, so it is compiled once,
//! and a small generic step moves the items into place (docs/PERFORMANCE.md).

use std::cmp::Ordering;

/// The positions `0..len` in the order `compare` puts them; stable.
#[inline(never)]
pub fn positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Sorts `items` stably by `compare`.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    arrange(items, order);
}

/// Sorts `items` stably by the key `key` gives each.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` stably by a key worked out once per item (for keys that cost something to
/// make, such as a lower-cased name).
pub fn sort_by_cached_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = positions(items.len(), &|a, b| keys[a].cmp(&keys[b]));
    arrange(items, order);
}

/// Sorts `items` in their natural order.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// Puts `items[order[i]]` at position `i`, following each cycle of the permutation once.
fn arrange<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut hole = start;
        // A position already in place (or placed by an earlier cycle) reads as itself.
        while order[hole] != hole {
            let from = order[hole];
            order[hole] = hole;
            if from == start {
                break;
            }
            items.swap(hole, from);
            hole = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard library's stable sort, ties included.
        #[test]
        fn sorts_as_the_standard_library_does(items in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = items.clone();
            sort_by_key(&mut ours, |&(k, _)| k);
            let mut std_sorted = items.clone();
            std_sorted.sort_by_key(|&(k, _)| k);
            prop_assert_eq!(&ours, &std_sorted);

            let mut cached = items.clone();
            sort_by_cached_key(&mut cached, |&(k, _)| k);
            prop_assert_eq!(&cached, &std_sorted);

            let mut natural = items.clone();
            sort(&mut natural);
            let mut std_natural = items;
            std_natural.sort();
            prop_assert_eq!(natural, std_natural);
        }
    }

    #[test]
    fn a_reversed_list_and_an_empty_one() {
        let mut v: Vec<u32> = (0..10).rev().collect();
        sort(&mut v);
        assert_eq!(v, (0..10).collect::<Vec<_>>());
        let mut empty: Vec<u32> = vec![];
        sort(&mut empty);
        assert!(empty.is_empty());
    }
}
