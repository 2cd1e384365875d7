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

    /// Where the item is most informative and how much: `(θ, information)`. Exact for 2PL
    /// items (θ = b, a²/4); otherwise found by a golden-section search (information is
    /// unimodal) and raised by a safety margin, since it serves as an upper bound.
    pub fn peak(self) -> (f64, f64) {
        if self.c == 0.0 && self.d == 1.0 {
            return (self.b, self.a * self.a / 4.0);
        }
        // The peak lies within a few 1/a of b.
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
        let theta = 0.5 * (low + high);
        (theta, with_margin(self.information(theta)))
    }

    /// The largest information the item gives between `low` and `high`: at the peak if it lies
    /// there, else at the nearer end (information falls away from the peak on both sides).
    fn max_information_between(self, low: f64, high: f64) -> f64 {
        let (theta, peak) = self.peak();
        if (low..=high).contains(&theta) {
            peak
        } else {
            with_margin(self.information(low).max(self.information(high)))
        }
    }

    /// Checks the parameters: finite, 0 < a ≤ [`MAX_DISCRIMINATION`], |b| ≤ [`MAX_DIFFICULTY`],
    /// 0 ≤ c < d ≤ 1.
    pub fn problem(self) -> Option<String> {
        let Item { a, b, c, d } = self;
        if ![a, b, c, d].iter().all(|v| v.is_finite()) {
            return Some("every parameter must be a finite number".into());
        }
        if a <= 0.0 || a > MAX_DISCRIMINATION {
            return Some(format!(
                "a = {}: the discrimination must be above 0 and at most {MAX_DISCRIMINATION}",
                crate::sanitize::number(a)
            ));
        }
        if b.abs() > MAX_DIFFICULTY {
            return Some(format!(
                "b = {}: the difficulty must be between -{MAX_DIFFICULTY} and {MAX_DIFFICULTY} \
                 (logits)",
                crate::sanitize::number(b)
            ));
        }
        if !(0.0 <= c && c < d && d <= 1.0) {
            return Some(format!(
                "c = {}, d = {}: the asymptotes must satisfy 0 ≤ c < d ≤ 1",
                crate::sanitize::number(c),
                crate::sanitize::number(d)
            ));
        }
        None
    }
}

/// Far beyond any calibrated item (banks seldom pass a = 4 or |b| = 5), and low enough that
/// the information a²·… and the simulation's error figures stay finite.
pub const MAX_DISCRIMINATION: f64 = 50.0;
pub const MAX_DIFFICULTY: f64 = 50.0;

/// A bound raised a little above a computed value, so rounding cannot make it too small.
fn with_margin(information: f64) -> f64 {
    information * (1.0 + 1e-9) + 1e-300
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
    bounds: InformationBounds,
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
        let bounds = InformationBounds::new(&items);
        Ok(ItemBank {
            items,
            min_b,
            max_b,
            bounds,
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

    /// Every item with an upper bound of its information at `theta`, largest bound first, so a
    /// selection can stop scanning once no remaining item can beat what it found.
    pub(crate) fn by_information_bound(
        &self,
        theta: f64,
    ) -> impl Iterator<Item = (usize, f64)> + '_ {
        self.bounds
            .at(theta)
            .iter()
            .map(|&(bound, item)| (item as usize, bound))
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

/// Upper bounds of every item's information on each cell of a θ grid, items sorted by bound in
/// each cell. Within a narrow cell the bound is close to the information itself, so a selection
/// computes the information of only a handful of items instead of the whole bank.
#[derive(Clone, Debug)]
struct InformationBounds {
    low: f64,
    width: f64,
    /// Per cell: `(bound, item)`, largest bound first (ties by item).
    cells: Vec<Vec<(f64, u32)>>,
    /// Each item's peak information, for θ outside the grid.
    anywhere: Vec<(f64, u32)>,
}

impl InformationBounds {
    /// The grid spans the MLE's bounds, where every estimate lies.
    const RANGE: (f64, f64) = (-6.0, 6.0);
    const MAX_CELLS: usize = 240;
    /// Memory cap: cells × items.
    const MAX_ENTRIES: usize = 2_000_000;

    fn new(items: &[Item]) -> InformationBounds {
        let (low, high) = Self::RANGE;
        let count = Self::MAX_CELLS.min(Self::MAX_ENTRIES / items.len()).max(1);
        let width = (high - low) / count as f64;
        let sorted = |mut bounds: Vec<(f64, u32)>| {
            bounds.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            bounds
        };
        let cells = (0..count)
            .map(|cell| {
                let start = low + width * cell as f64;
                sorted(
                    (0..items.len())
                        .map(|i| {
                            (
                                items[i].max_information_between(start, start + width),
                                i as u32,
                            )
                        })
                        .collect(),
                )
            })
            .collect();
        let anywhere = sorted(
            (0..items.len())
                .map(|i| (items[i].peak().1, i as u32))
                .collect(),
        );
        InformationBounds {
            low,
            width,
            cells,
            anywhere,
        }
    }

    fn at(&self, theta: f64) -> &[(f64, u32)] {
        let cell = (theta - self.low) / self.width;
        if cell >= 0.0 && cell < self.cells.len() as f64 {
            // A θ on a cell edge may round into either cell; both bound it, as their ranges
            // include the edge.
            &self.cells[cell as usize]
        } else {
            &self.anywhere
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
        let (theta, peak) = item.peak();
        assert_eq!(theta, 0.3);
        assert!((peak - 0.64).abs() < 1e-15);
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
        let (_, bound) = item.peak();
        let grid_max = (-4000..4000)
            .map(|i| item.information(f64::from(i) / 1000.0))
            .fold(0.0, f64::max);
        assert!(
            bound >= grid_max && bound < grid_max * 1.001,
            "{bound} {grid_max}"
        );
    }

    #[test]
    fn cell_bounds_are_never_below_the_information() {
        let items = vec![
            Item::two_pl(1.7, 0.31),
            Item::two_pl(0.6, -2.0),
            Item {
                a: 2.2,
                b: 1.0,
                c: 0.25,
                d: 0.97,
            },
        ];
        let bank = ItemBank::new(items.clone()).expect("bank");
        for step in -800..=800 {
            let theta = f64::from(step) * 0.0091;
            let bounds: Vec<(usize, f64)> = bank.by_information_bound(theta).collect();
            assert_eq!(bounds.len(), items.len());
            assert!(bounds.windows(2).all(|w| w[0].1 >= w[1].1));
            for (item, bound) in bounds {
                let information = items[item].information(theta);
                assert!(
                    bound >= information,
                    "θ = {theta}, item {item}: {bound} < {information}"
                );
            }
        }
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
        let error = ItemBank::new(vec![Item::two_pl(1e308, 1e308)]).expect_err("huge a");
        assert!(error.to_string().contains("at most 50"), "{error}");
        let error = ItemBank::new(vec![Item::two_pl(1.0, -1e308)]).expect_err("huge b");
        assert!(error.to_string().contains("between -50 and 50"), "{error}");
    }
}
