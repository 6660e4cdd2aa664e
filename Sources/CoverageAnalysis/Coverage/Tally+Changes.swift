extension Tally {
    /// The entities whose counts differ from `old`'s (a tally of the same shape), ascending.
    func changedEntities(from old: Tally) -> [Int] {
        let (t, c, o) = (Self.totalFields, measures * Self.coveredFields, measures * operators * Self.operatorFields)
        return (0..<entities).filter { e in
            totals[e * t..<(e + 1) * t] != old.totals[e * t..<(e + 1) * t]
                || covered[e * c..<(e + 1) * c] != old.covered[e * c..<(e + 1) * c]
                || byOperator[e * o..<(e + 1) * o] != old.byOperator[e * o..<(e + 1) * o]
        }
    }
}
