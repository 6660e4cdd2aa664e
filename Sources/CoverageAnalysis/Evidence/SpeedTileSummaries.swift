import CoverageModel
import Foundation
import GeometryKernels

/// Ookla open-data tiles summed per commune (the commune containing the tile's centre) and kind.
enum SpeedTileSummaries {
    /// The summaries of `tiles`, communes in code order (no-commune last), fixed before mobile; and the
    /// number of tiles left out because their quadkey is not zoom 16.
    static func summarize(_ tiles: [SpeedTile], indexes: EvidenceIndexes) -> (
        summaries: [SpeedTileSummary], wrongZoom: Int
    ) {
        let kinds = SpeedTileKind.allCases
        let slots = (indexes.communeCodes.count + 1) * kinds.count
        var tileCount = [Int](repeating: 0, count: slots)
        var testCount = [Int](repeating: 0, count: slots)
        var deviceCount = [Int](repeating: 0, count: slots)
        var download = [Double](repeating: 0, count: slots)
        var upload = [Double](repeating: 0, count: slots)
        var latency = [Double](repeating: 0, count: slots)
        var wrongZoom = 0
        for tile in tiles {
            guard tile.quadkey.zoom == EvidenceGrid.zoom else {
                wrongZoom += 1
                continue
            }
            let b = tile.quadkey.bounds
            let centre = Coordinate((b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2)
            let commune = indexes.communes.firstContaining(centre) ?? indexes.communeCodes.count
            let s = commune * kinds.count + (kinds.firstIndex(of: tile.kind) ?? 0)
            tileCount[s] += 1
            let weight = Swift.max(0, tile.tests)
            testCount[s] += weight
            deviceCount[s] += Swift.max(0, tile.devices)
            download[s] += Double(weight) * tile.averageDownloadKbps / 1000
            upload[s] += Double(weight) * tile.averageUploadKbps / 1000
            latency[s] += Double(weight) * tile.averageLatencyMs
        }
        var out: [SpeedTileSummary] = []
        for s in 0..<slots where tileCount[s] > 0 {
            let commune = s / kinds.count
            let n = Double(testCount[s])
            out.append(
                SpeedTileSummary(
                    communeCode: commune < indexes.communeCodes.count ? indexes.communeCodes[commune] : nil,
                    kind: kinds[s % kinds.count], tiles: tileCount[s], tests: testCount[s], devices: deviceCount[s],
                    averageDownloadMbps: n > 0 ? download[s] / n : nil, averageUploadMbps: n > 0 ? upload[s] / n : nil,
                    averageLatencyMs: n > 0 ? latency[s] / n : nil))
        }
        return (out, wrongZoom)
    }
}
