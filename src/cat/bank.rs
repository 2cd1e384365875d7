//! The item bank under the four-parameter logistic model (4PL, no 1.7 scaling constant):
//! P(θ) = c + (d − c) / (1 + exp(−a(θ − b))), with its Fisher information
//! I(θ) = a²(P − c)²(d − P)² / ((d − c)² P (1 − P)).

use crate::error::Error;
use crate::estimate::ItemParams;

/// One item's parameters: discrimination `a`, difficulty `b`, lower asymptote (guessing) `c`,
/// upper asymptote (slipping) `d`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Item {
    pub a: f64,
    pub b: f64,
    pub c: f64,
    pub d: f64,
}

impl Item {
    /// A 2PL item (no guessing, no slipping).
    pub fn two_pl(a: f64, b: f64) -> Item {
        Item {
            a,
            b,
            c: 0.0,
            d: 1.0,
        }
    }

    /// Probability of a correct answer at ability `theta`.
    pub fn probability(self, theta: f64) -> f64 {
        self.c + (self.d - self.c) / (1.0 + (-self.a * (theta - self.b)).exp())
    }

    /// Fisher information at `theta`; 0 where the probability has reached 0 or 1 in floating
    /// point (far from the item's difficulty), where the formula would divide by zero.
    pub fn information(self, theta: f64) -> f64 {
        if self.c == 0.0 && self.d == 1.0 {
            // 2PL: a²P(1 − P) = a²e/(1 + e)² with e = exp(−a(θ − b)); the selection's hot path.
            let e = (-self.a * (theta - self.b)).exp();
            let information = self.a * self.a * e / ((1.0 + e) * (1.0 + e));
            return if information.is_finite() {
                information
            } else {
                0.0
            };
        }
        let p = self.probability(theta);
        let denominator = (self.d - self.c).powi(2) * p * (1.0 - p);
        if denominator <= 0.0 {
            return 0.0;
        }
        self.a.powi(2) * (p - self.c).powi(2) * (self.d - p).powi(2) / denominator
    }

    /// Log-likelihood of one response at `theta`.
    pub fn log_likelihood(self, theta: f64, correct: bool) -> f64 {
        let p = self.probability(theta);
        if correct { p.ln() } else { (1.0 - p).ln() }
    }

    /// The largest information the item gives at any θ. Exact (a²/4 at θ = b) for 2PL items;
    /// otherwise found by a golden-section search and raised by a safety margin, since it is
    /// used as an upper bound to skip items that cannot win a selection.
    pub fn max_information(self) -> f64 {
        if self.c == 0.0 && self.d == 1.0 {
            return self.a * self.a / 4.0;
        }
        // Information is unimodal; its peak lies within a few 1/a of b.
        let reach = 10.0 / self.a.max(1e-3);
        let (mut low, mut high) = (self.b - reach, self.b + reach);
        let ratio = (5f64.sqrt() - 1.0) / 2.0;
        for _ in 0..200 {
            let left = high - ratio * (high - low);
            let right = low + ratio * (high - low);
            if self.information(left) < self.information(right) {
                low = left;
            } else {
                high = right;
            }
        }
        self.information(0.5 * (low + high)) * (1.0 + 1e-6) + 1e-12
    }

    /// Checks the parameters: finite, a > 0, 0 ≤ c < d ≤ 1.
    pub fn problem(self) -> Option<String> {
        let Item { a, b, c, d } = self;
        if ![a, b, c, d].iter().all(|v| v.is_finite()) {
            return Some("every parameter must be a finite number".into());
        }
        if a <= 0.0 {
            return Some(format!("a = {a}: the discrimination must be positive"));
        }
        if !(0.0 <= c && c < d && d <= 1.0) {
            return Some(format!(
                "c = {c}, d = {d}: the asymptotes must satisfy 0 ≤ c < d ≤ 1"
            ));
        }
        None
    }
}

impl From<ItemParams> for Item {
    fn from(params: ItemParams) -> Item {
        Item::two_pl(params.a, params.b)
    }
}

/// A bank of items, with what selection and Dodd's step rule need precomputed.
#[derive(Clone, Debug)]
pub struct ItemBank {
    items: Vec<Item>,
    min_b: f64,
    max_b: f64,
    /// Item indices by their maximum information, largest first (ties by index).
    by_max_information: Vec<usize>,
    max_information: Vec<f64>,
}

impl ItemBank {
    /// A bank of checked items; the error names the first bad item (0-based row).
    pub fn new(items: Vec<Item>) -> Result<ItemBank, Error> {
        if items.is_empty() {
            return Err(Error::InvalidInput(
                "the item bank is empty; give at least one item".into(),
            ));
        }
        if let Some((row, problem)) = items
            .iter()
            .enumerate()
            .find_map(|(row, item)| item.problem().map(|p| (row, p)))
        {
            return Err(Error::InvalidInput(format!("item {row}: {problem}")));
        }
        let min_b = items.iter().map(|i| i.b).fold(f64::INFINITY, f64::min);
        let max_b = items.iter().map(|i| i.b).fold(f64::NEG_INFINITY, f64::max);
        let max_information: Vec<f64> = items.iter().map(|i| i.max_information()).collect();
        let mut by_max_information: Vec<usize> = (0..items.len()).collect();
        by_max_information.sort_by(|&x, &y| {
            max_information[y]
                .total_cmp(&max_information[x])
                .then(x.cmp(&y))
        });
        Ok(ItemBank {
            items,
            min_b,
            max_b,
            by_max_information,
            max_information,
        })
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn item(&self, index: usize) -> Item {
        self.items[index]
    }

    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// The smallest and largest difficulty, for Dodd's step rule.
    pub fn difficulty_range(&self) -> (f64, f64) {
        (self.min_b, self.max_b)
    }

    /// Item indices, most informative at best first, with that bound.
    pub(crate) fn by_max_information(&self) -> impl Iterator<Item = (usize, f64)> + '_ {
        self.by_max_information
            .iter()
            .map(|&i| (i, self.max_information[i]))
    }

    /// Test information of `items` at `theta`.
    pub fn test_information(&self, items: &[usize], theta: f64) -> f64 {
        items
            .iter()
            .map(|&i| self.items[i].information(theta))
            .sum()
    }

    /// Standard error of measurement 1/√I(θ) over `items` (infinite with no information).
    pub fn standard_error(&self, items: &[usize], theta: f64) -> f64 {
        let information = self.test_information(items, theta);
        if information > 0.0 {
            1.0 / information.sqrt()
        } else {
            f64::INFINITY
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_pl_information_peaks_at_b_with_a_squared_over_four() {
        let item = Item::two_pl(1.6, 0.3);
        assert!((item.probability(0.3) - 0.5).abs() < 1e-15);
        assert!((item.information(0.3) - 0.64).abs() < 1e-12);
        assert!(item.information(1.0) < item.information(0.3));
        assert!((item.max_information() - 0.64).abs() < 1e-15);
    }

    #[test]
    fn four_pl_information_matches_the_formula_and_its_bound() {
        let item = Item {
            a: 1.4,
            b: -0.2,
            c: 0.2,
            d: 0.95,
        };
        let theta = 0.4;
        let p = item.probability(theta);
        let expected = 1.4f64.powi(2) * (p - 0.2).powi(2) * (0.95 - p).powi(2)
            / ((0.95f64 - 0.2).powi(2) * p * (1.0 - p));
        assert!((item.information(theta) - expected).abs() < 1e-12);
        let bound = item.max_information();
        let grid_max = (-4000..4000)
            .map(|i| item.information(f64::from(i) / 1000.0))
            .fold(0.0, f64::max);
        assert!(
            bound >= grid_max && bound < grid_max * 1.001,
            "{bound} {grid_max}"
        );
    }

    #[test]
    fn information_far_away_is_zero_not_nan() {
        let item = Item::two_pl(3.0, 0.0);
        assert_eq!(item.information(400.0), 0.0);
        assert!(item.log_likelihood(400.0, false).is_infinite());
    }

    #[test]
    fn bad_items_are_rejected_with_their_row() {
        let error = ItemBank::new(vec![Item::two_pl(1.0, 0.0), Item::two_pl(-1.0, 0.0)])
            .expect_err("negative a");
        assert!(error.to_string().starts_with("item 1: a = -1"), "{error}");
        let error = ItemBank::new(vec![Item {
            a: 1.0,
            b: 0.0,
            c: 0.5,
            d: 0.4,
        }])
        .expect_err("c above d");
        assert!(error.to_string().contains("0 ≤ c < d ≤ 1"), "{error}");
        assert!(ItemBank::new(Vec::new()).is_err());
    }
}
