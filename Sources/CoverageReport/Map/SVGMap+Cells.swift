import CoverageAnalysis
import CoverageModel
import Foundation

extension SVGMap {
    /// The evidence cells of `overlay` as their zoom-16 squares, each with a title (operator,
    /// technology, served / tests, p-value); challenge cells filled, undeclared ones hollow.
    func cells(_ overlay: MapOverlay) -> String {
        let list = overlay == .challengeCells ? layers.challengeCells : layers.undeclaredCells
        guard !list.isEmpty else { return "" }
        let n = ReportNumbers(text.language)
        let label = text.overlays[overlay] ?? overlay.rawValue
        var out = "<g class=\"\(overlay == .challengeCells ? "cc" : "uc")\">"
        for c in list {
            let ring = c.quadkey.polygon.rings.first ?? []
            let points = ring.dropLast().map { base.frame.project($0) }
            let title =
                "\(label): \(c.operatorName) \(c.technology.rawValue), \(n.grouped(c.passing))/\(n.grouped(c.tests)) "
                + "(\(n.percent(c.share))), p = \(String(format: "%.2g", c.pValue)) — \(c.quadkey.digits)"
            out += "<path d=\"\(SVGNumber.path(points, closed: true))\"><title>\(HTMLText.escape(title))</title></path>"
        }
        return out + "</g>\n"
    }
}
