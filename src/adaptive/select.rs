//! Item selection: maximum Fisher information at the current estimate, randomesque exposure
//! control (a random pick among the few most informative, so two people with the same answers do
//! not see the same sequence), and content balancing across groups (skills).

use super::bank::{Item, ItemBank};
use crate::rng::SplitMix64;

/// How the next item is chosen among the unused ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selector {
    /// The most informative item at θ̂ (ties: the lowest index).
    MaxInfo,
    /// A uniform pick among the `top` most informative items.
    Randomesque { top: usize },
}

impl Selector {
    fn pool(self) -> usize {
        match self {
            Selector::MaxInfo => 1,
            Selector::Randomesque { top } => top.max(1),
        }
    }

    /// The next item of the bank at `theta`, skipping `used` ones; `None` when none is left.
    pub fn select(
        self,
        bank: &ItemBank,
        theta: f64,
        used: &[bool],
        rng: &mut SplitMix64,
    ) -> Option<usize> {
        let candidates = bank
            .by_information_bound(theta)
            .filter(|&(i, _)| !used[i])
            .map(|(i, bound)| (i, bank.item(i), bound));
        self.pick(candidates, theta, rng)
    }

    /// The next item among `candidates` (`(id, item)`, in any order) at `theta`.
    pub fn select_among(
        self,
        candidates: impl Iterator<Item = (usize, Item)>,
        theta: f64,
        rng: &mut SplitMix64,
    ) -> Option<usize> {
        self.pick(
            candidates.map(|(i, item)| (i, item, f64::INFINITY)),
            theta,
            rng,
        )
    }

    fn pick(
        self,
        candidates: impl Iterator<Item = (usize, Item, f64)>,
        theta: f64,
        rng: &mut SplitMix64,
    ) -> Option<usize> {
        let top = most_informative(candidates, theta, self.pool());
        match self {
            Selector::MaxInfo => top.first().map(|&(i, _)| i),
            Selector::Randomesque { .. } if top.is_empty() => None,
            Selector::Randomesque { .. } => Some(top[rng.below(top.len())].0),
        }
    }
}

/// The `count` most informative candidates at `theta` as `(id, information)`, best first (ties:
/// lower id first). Each candidate carries an upper bound of its information; when they come in
/// descending order of that bound, the scan stops as soon as no later one can enter, which skips
/// most of a large bank without changing the result.
pub fn most_informative(
    candidates: impl Iterator<Item = (usize, Item, f64)>,
    theta: f64,
    count: usize,
) -> Vec<(usize, f64)> {
    let mut top: Vec<(usize, f64)> = Vec::with_capacity(count + 1);
    for (id, item, bound) in candidates {
        if top.len() == count && top.last().is_some_and(|&(_, worst)| bound < worst) {
            break;
        }
        let information = item.information(theta);
        let position = top
            .iter()
            .position(|&(other, value)| information > value || (information == value && id < other))
            .unwrap_or(top.len());
        if position < count {
            top.insert(position, (id, information));
            top.truncate(count);
        }
    }
    top
}

/// Content balancing: each group (a skill) has a weight and a minimum number of items.
#[derive(Clone, Debug)]
pub struct ContentBalance {
    weights: Vec<f64>,
    minimums: Vec<usize>,
}

impl ContentBalance {
    /// Weights need not sum to one; they are shares of the test.
    pub fn new(weights: Vec<f64>, minimums: Vec<usize>) -> ContentBalance {
        ContentBalance { weights, minimums }
    }

    /// The group the next item should come from, among the `open` ones, given how many each
    /// has had: first a group still short of its minimum (the one furthest short relative to
    /// its minimum, heavier first); then the group with the largest weight × urgency per item
    /// it already has, `weight × urgency / (given + 1)`. With equal urgencies that shares the
    /// test out in proportion to the weights (the highest-averages rule); a caller raises a
    /// group's urgency where another item matters more. Ties go to the lower index.
    pub fn next_group(&self, given: &[usize], open: &[bool], urgency: &[f64]) -> Option<usize> {
        let candidates = || (0..self.weights.len()).filter(|&g| open[g]);
        let short_of_minimum = candidates()
            .filter(|&g| given[g] < self.minimums[g])
            .max_by(|&x, &y| {
                let shortfall =
                    |g: usize| (self.minimums[g] - given[g]) as f64 / self.minimums[g] as f64;
                shortfall(x)
                    .total_cmp(&shortfall(y))
                    .then(self.weights[x].total_cmp(&self.weights[y]))
                    .then(y.cmp(&x))
            });
        if short_of_minimum.is_some() {
            return short_of_minimum;
        }
        candidates().max_by(|&x, &y| {
            let claim = |g: usize| self.weights[g] * urgency[g] / (given[g] + 1) as f64;
            claim(x).total_cmp(&claim(y)).then(y.cmp(&x))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bank() -> ItemBank {
        ItemBank::new(
            [(1.0, -2.0), (2.0, 0.0), (1.0, 0.1), (1.8, 2.0), (0.5, 0.0)]
                .iter()
                .map(|&(a, b)| Item::two_pl(a, b))
                .collect(),
        )
        .expect("bank")
    }

    fn brute_force_best(bank: &ItemBank, theta: f64, used: &[bool]) -> Option<usize> {
        (0..bank.len()).filter(|&i| !used[i]).max_by(|&x, &y| {
            bank.item(x)
                .information(theta)
                .total_cmp(&bank.item(y).information(theta))
                .then(y.cmp(&x))
        })
    }

    #[test]
    fn max_info_picks_the_most_informative_unused_item() {
        let bank = bank();
        let mut rng = SplitMix64::new(0);
        let mut used = vec![false; bank.len()];
        assert_eq!(
            Selector::MaxInfo.select(&bank, 0.0, &used, &mut rng),
            Some(1)
        );
        used[1] = true;
        assert_eq!(
            Selector::MaxInfo.select(&bank, 2.1, &used, &mut rng),
            Some(3)
        );
        for theta in [-3.0, -1.0, 0.05, 1.0, 5.0] {
            assert_eq!(
                Selector::MaxInfo.select(&bank, theta, &used, &mut rng),
                brute_force_best(&bank, theta, &used),
                "θ = {theta}"
            );
        }
        let all = vec![true; bank.len()];
        assert_eq!(Selector::MaxInfo.select(&bank, 0.0, &all, &mut rng), None);
    }

    #[test]
    fn randomesque_spreads_picks_over_the_top_items() {
        let bank = bank();
        let used = vec![false; bank.len()];
        let mut rng = SplitMix64::new(3);
        let selector = Selector::Randomesque { top: 2 };
        let picks: Vec<usize> = (0..200)
            .filter_map(|_| selector.select(&bank, 0.0, &used, &mut rng))
            .collect();
        let top_two = most_informative(
            (0..bank.len()).map(|i| (i, bank.item(i), f64::INFINITY)),
            0.0,
            2,
        );
        assert!(picks.iter().all(|p| top_two.iter().any(|&(i, _)| i == *p)));
        assert!(picks.contains(&top_two[0].0) && picks.contains(&top_two[1].0));
    }

    #[test]
    fn content_balance_fills_minimums_then_follows_weights() {
        let balance = ContentBalance::new(vec![3.0, 1.0], vec![1, 1]);
        let open = [true, true];
        let same = [1.0, 1.0];
        assert_eq!(balance.next_group(&[0, 0], &open, &same), Some(0));
        assert_eq!(balance.next_group(&[1, 0], &open, &same), Some(1));
        // After the minimums, about three of every four items come from the heavier group.
        let mut given = vec![1, 1];
        for _ in 0..38 {
            let group = balance.next_group(&given, &open, &same).expect("open");
            given[group] += 1;
        }
        assert_eq!(given, vec![30, 10]);
        assert_eq!(balance.next_group(&given, &[false, true], &same), Some(1));
        assert_eq!(balance.next_group(&given, &[false, false], &same), None);
        // Urgency shifts the share: the light group, four times as urgent, now comes first.
        assert_eq!(balance.next_group(&given, &open, &[1.0, 4.0]), Some(1));
    }
}
