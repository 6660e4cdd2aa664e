import CoverageModel
import CoverageReport
import Testing

/// `coverage --lang vi` says in Vietnamese what changed since the stored run (every form of
/// `RunInputChanges.summary`).
@Suite struct StaleRunWordingTests {
    static func provenance(_ id: Int64, _ layer: String, rows: Int) -> Provenance {
        Provenance(
            id: id, layer: layer, fileName: "\(layer).geojson", sha256: "s\(id)", rowCount: rows,
            importedAt: "2026-12-07T00:00:00Z", asOf: nil, format: "geojson", options: "")
    }

    static let read = [
        DatasetFingerprint(provenance(1, "communes", rows: 12)), DatasetFingerprint(provenance(2, "routes", rows: 60)),
    ]

    /// Current datasets, whether the run recorded its inputs, and the Vietnamese expected.
    static let cases: [(current: [Provenance], recorded: Bool, vietnamese: String)] = [
        (
            [
                provenance(1, "communes", rows: 12), provenance(2, "routes", rows: 60),
                provenance(3, "routes", rows: 1_037),
            ],
            true, "1 bộ dữ liệu nhập sau đó (1.037 đối tượng: routes routes.geojson)"
        ),
        ([provenance(1, "communes", rows: 12)], true, "1 bộ dữ liệu đã dùng bị xoá sau đó (60 đối tượng: routes)"),
        (
            [provenance(1, "communes", rows: 12), provenance(3, "nodes", rows: 5)], true,
            "1 bộ dữ liệu nhập sau đó (5 đối tượng: nodes nodes.geojson); 1 bộ dữ liệu đã dùng bị xoá sau đó"
        ),
        ([provenance(1, "communes", rows: 12)], false, "được lưu trước khi ghi lại dữ liệu đầu vào"),
    ]

    @Test(arguments: cases)
    func everyFormIsTranslated(_ c: (current: [Provenance], recorded: Bool, vietnamese: String)) throws {
        let changes = RunInputChanges.between(
            recorded: c.recorded ? Self.read : [], current: c.current, runID: 9, runCreatedAt: "2026-12-07T01:00:00Z")
        let english = "coverage: " + (try #require(changes.summary)) + "; computing every location"
        #expect(ProgressWording.text(english, .en) == english)
        let vi = ProgressWording.text(english, .vi)
        #expect(vi.hasPrefix("vùng phủ: lần chạy vùng phủ đã lưu (mã 9, 2026-12-07T01:00:00Z)"), "\(vi)")
        #expect(vi.hasSuffix("; tính lại mọi điểm"), "\(vi)")
        #expect(vi.contains(c.vietnamese), "\(vi)")
        for word in ["stored", "dataset", "imported", "removed", "features", "computing"] {
            #expect(!vi.contains(word), "\(word) left in: \(vi)")
        }
    }

    /// The lines of a what-if run (`coverage` without `--full`), as `CoverageAnalyzer` writes them.
    static let whatIfLines: [(english: String, vietnamese: String)] = [
        (
            "coverage: 1,200 coverage areas, 5 routes added since run 1; recomputed 3,214 locations in 4 units",
            "vùng phủ: đã thêm 1.200 vùng phủ sóng, 5 tuyến sau lần chạy 1; đã tính lại 3.214 điểm trong 4 đơn vị"
        ),
        (
            "coverage: nothing imported since run 2; recomputed 0 locations in 0 units",
            "vùng phủ: không có dữ liệu nhập sau lần chạy 2; đã tính lại 0 điểm trong 0 đơn vị"
        ),
        (
            "coverage: fibre routes counted by this run were imported since run 1; computing every location",
            "vùng phủ: đã nhập thêm tuyến cáp quang được tính sau lần chạy 1; tính lại mọi điểm"
        ),
        (
            "coverage: 1 dataset removed or replaced since run 3; computing every location",
            "vùng phủ: 1 bộ dữ liệu bị xoá hoặc thay thế sau lần chạy 3; tính lại mọi điểm"
        ),
        (
            "coverage: households imported since run 1; computing every location",
            "vùng phủ: đã nhập lớp households sau lần chạy 1; tính lại mọi điểm"
        ),
        (
            "coverage: run 1 kept no what-if state of this build; computing every location",
            "vùng phủ: lần chạy 1 không lưu trạng thái giả định của phiên bản này; tính lại mọi điểm"
        ),
    ]

    @Test(arguments: whatIfLines)
    func whatIfLinesAreTranslated(_ line: (english: String, vietnamese: String)) {
        #expect(ProgressWording.text(line.english, .en) == line.english)
        #expect(ProgressWording.text(line.english, .vi) == line.vietnamese)
    }
}
