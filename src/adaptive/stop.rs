//! When an adaptive test stops: once the standard error is below a target, or after a maximum
//! number of items. Checked before each selection.

/// The stopping rule.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StopRule {
    /// Stop once the standard error is below this.
    pub se_target: f64,
    /// Never give more items than this.
    pub max_items: usize,
}

impl StopRule {
    /// Whether to stop after `given` items with standard error `se`.
    pub fn is_done(&self, given: usize, se: f64) -> bool {
        given >= self.max_items || (given > 0 && se < self.se_target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_on_precision_or_length_but_never_before_the_first_item() {
        let rule = StopRule {
            se_target: 0.3,
            max_items: 30,
        };
        assert!(!rule.is_done(0, 0.0));
        assert!(!rule.is_done(5, 0.3));
        assert!(rule.is_done(5, 0.299));
        assert!(rule.is_done(30, 1.0));
    }
}
