import Foundation

/// Colour-blind-safe sequential classes (viridis, pale yellow = low to dark purple = high) and the
/// patterns for "no data" and hatched communes.
public enum MapPalette {
    /// Fill of communes without data (drawn under the dotted "no data" pattern, never a class colour).
    public static let noData = "#ffffff"

    /// The default class breaks, in percent.
    public static let defaultBreaks: [Double] = [50, 80, 90, 95, 99]

    /// Viridis from low (yellow) to high (purple).
    private static let stops: [(Double, Double, Double)] = [
        (253, 231, 37), (181, 222, 43), (110, 206, 88), (53, 183, 121), (31, 158, 137), (38, 130, 142),
        (49, 104, 142), (62, 73, 137), (72, 40, 120), (68, 1, 84),
    ]

    /// The colour at t (0…1) along the scale, as #rrggbb.
    static func colour(at t: Double) -> String {
        let x = max(0, min(1, t)) * Double(stops.count - 1)
        let i = min(Int(x), stops.count - 2)
        let f = x - Double(i)
        let (a, b) = (stops[i], stops[i + 1])
        func c(_ u: Double, _ v: Double) -> Int { Int((u + (v - u) * f).rounded()) }
        return String(format: "#%02x%02x%02x", c(a.0, b.0), c(a.1, b.1), c(a.2, b.2))
    }

    /// Classes for percent breaks (sorted, 0 < b < 100): "< 50%", "50–80%", …, "≥ 99%".
    public static func classes(breaks: [Double], numbers: ReportNumbers = ReportNumbers(.en)) -> [MapClass] {
        let b = Array(Set(breaks.filter { $0 > 0 && $0 < 100 })).sorted()
        func pct(_ v: Double) -> String {
            v == v.rounded() ? numbers.grouped(Int(v)) + "%" : numbers.fixed(v, 1) + "%"
        }
        var out: [MapClass] = []
        let n = b.count + 1
        for k in 0..<n {
            let t = n == 1 ? 1 : Double(k) / Double(n - 1)
            let label: String
            if k == 0 {
                label = b.isEmpty ? "0–100%" : "< \(pct(b[0]))"
            } else if k == n - 1 {
                label = "≥ \(pct(b[k - 1]))"
            } else {
                label = "\(String(pct(b[k - 1]).dropLast()))–\(pct(b[k]))"
            }
            out.append(MapClass(lowerBound: k == 0 ? 0 : b[k - 1] / 100, colour: colour(at: t), label: label))
        }
        return out
    }

    /// Parses "50,80,90,95,99" (percent, each strictly between 0 and 100).
    public static func parseBreaks(_ text: String) -> [Double]? {
        let values = text.split(separator: ",", omittingEmptySubsequences: false).map {
            Double($0.trimmingCharacters(in: .whitespaces))
        }
        let numbers = values.compactMap { $0 }
        guard !values.isEmpty, numbers.count == values.count, numbers.allSatisfy({ $0 > 0 && $0 < 100 }) else {
            return nil
        }
        return numbers.sorted()
    }
}
