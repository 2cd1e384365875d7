//! How figures read in text, the same in every report: dollars with thousands separators, and
//! ranges that collapse when both ends are equal.

/// "$25,000" (rounded to whole dollars; negative amounts read as $0).
pub fn dollars(amount: f64) -> String {
    let digits = format!("{:.0}", amount.max(0.0));
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("${grouped}")
}

/// "low–high", each end written by `show`; one value when both ends are equal.
pub fn range([low, high]: [f64; 2], show: impl Fn(f64) -> String) -> String {
    if low == high {
        show(low)
    } else {
        format!("{}–{}", show(low), show(high))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollars_and_ranges_read_naturally() {
        assert_eq!(dollars(0.0), "$0");
        assert_eq!(dollars(600.0), "$600");
        assert_eq!(dollars(25_000.0), "$25,000");
        assert_eq!(dollars(1_234_567.0), "$1,234,567");
        assert_eq!(range([3000.0, 25000.0], dollars), "$3,000–$25,000");
        assert_eq!(range([38.0, 38.0], |w| format!("{w:.0}")), "38");
        assert_eq!(range([5.0, 25.5], |h| h.to_string()), "5–25.5");
    }
}
