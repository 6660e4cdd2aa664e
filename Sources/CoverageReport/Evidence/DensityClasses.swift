import CoverageAnalysis
import Foundation

/// Map classes for a density (tests per km²): breaks at the quintiles of the positive values, each
/// rounded to 1, 2 or 5 × 10ⁿ, so the legend reads in round numbers whatever the data's scale.
enum DensityClasses {
    /// The classes for `values` (any order), coloured along the maps' palette.
    static func classes(_ values: [Double], unit: String, numbers: ReportNumbers) -> [MapClass] {
        let positive = values.filter { $0 > 0 && $0.isFinite }.sorted()
        var breaks: [Double] = []
        for q in [0.2, 0.4, 0.6, 0.8] {
            guard let v = EvidenceStatistics.quantile(positive, q) else { continue }
            let b = nice(v)
            if b > (breaks.last ?? 0) { breaks.append(b) }
        }
        func text(_ v: Double) -> String {
            let decimals = v >= 1 ? 0 : v >= 0.1 ? 1 : v >= 0.01 ? 2 : 3
            return numbers.fixed(v, decimals)
        }
        let n = breaks.count + 1
        return (0..<n).map { k in
            let label: String
            if breaks.isEmpty {
                label = "0 \(unit)"
            } else if k == 0 {
                label = "< \(text(breaks[0])) \(unit)"
            } else if k == n - 1 {
                label = "≥ \(text(breaks[k - 1])) \(unit)"
            } else {
                label = "\(text(breaks[k - 1]))–\(text(breaks[k])) \(unit)"
            }
            let t = n == 1 ? 0 : Double(k) / Double(n - 1)
            return MapClass(lowerBound: k == 0 ? 0 : breaks[k - 1], colour: MapPalette.colour(at: t), label: label)
        }
    }

    /// The nearest of 1, 2, 5 × 10ⁿ to `v` (> 0), on a log scale.
    static func nice(_ v: Double) -> Double {
        let e = floor(log10(v))
        let m = v / pow(10, e)
        let step: Double = m < sqrt(2) ? 1 : m < sqrt(10) ? 2 : m < sqrt(50) ? 5 : 10
        return step * pow(10, e)
    }
}
