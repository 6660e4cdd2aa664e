/// The words of the report's evidence section, in English and Vietnamese.
public enum EvidenceLabel: Sendable, CaseIterable {
    case title, intro, contradictionMap, servedShareNoTests, tooFewTests, challengeCells, undeclaredCells
    case perOperator, tests, valid, insideDeclared, servedInside, communesEnough, challenges, undeclared
    case medianDownload, p10Download, densityMap, densityUnit, speedTiles, speedTilesNote, kind, tiles, devices
    case averageDownload, averageUpload, averageLatency, topChallenges, cell, served, pValue, byOperatorMaps
    case allOperators, noCommune, strengthEnough, strengthTooFew, strengthStale, evidence, files, outsideNote
    case probes, probesNote

    /// The label in `language`.
    public func text(_ language: ReportLanguage) -> String {
        let (en, vi) = pair
        return language == .vi ? vi : en
    }

    private var pair: (String, String) {
        switch self {
        case .title: ("Measured evidence: speed and drive tests", "Bằng chứng đo kiểm: đo tốc độ và đo sóng")
        case .intro:
            (
                "Speed tests and drive tests show whether people are really served where an operator declares coverage. A test counts as served when it reaches the speed tier (or, for a signal-only test, a good signal). The map shades each commune by the share of tests inside declared coverage that were served, only where there are enough tests to say so. Red squares are challenge candidates: ≈570 m cells where the tests are served clearly less often than the 90% a coverage map promises (exact binomial test); white squares are cells where most tests are served although no coverage is declared there.",
                "Các phép đo tốc độ và đo sóng cho biết người dân có thực sự được phục vụ ở nơi nhà mạng khai báo vùng phủ hay không. Một phép đo được tính là đạt khi đạt mức tốc độ (hoặc, với phép đo chỉ có tín hiệu, đạt mức tín hiệu tốt). Bản đồ tô màu mỗi xã theo tỷ lệ phép đo đạt trong vùng phủ khai báo, chỉ khi đủ số phép đo để kết luận. Ô vuông đỏ là các ô ≈570 m đề nghị xem xét lại: tỷ lệ đạt thấp rõ rệt so với mức 90% mà bản đồ vùng phủ cam kết (kiểm định nhị thức chính xác); ô vuông trắng là nơi phần lớn phép đo đạt dù không khai báo vùng phủ."
            )
        case .contradictionMap:
            ("Tests served inside declared coverage, by commune", "Tỷ lệ phép đo đạt trong vùng phủ khai báo theo xã")
        case .servedShareNoTests:
            ("no tests inside declared coverage", "không có phép đo trong vùng phủ khai báo")
        case .tooFewTests:
            ("too few recent tests to judge", "không đủ phép đo gần đây để kết luận")
        case .challengeCells:
            ("Challenge candidate (≈570 m cell)", "Ô đề nghị xem xét lại (≈570 m)")
        case .undeclaredCells:
            ("Served, not declared (≈570 m cell)", "Ô có phục vụ, không khai báo")
        case .perOperator: ("Evidence by operator", "Bằng chứng theo nhà mạng")
        case .tests: ("Tests", "Phép đo")
        case .valid: ("Valid", "Hợp lệ")
        case .insideDeclared: ("Inside declared", "Trong vùng phủ khai báo")
        case .servedInside: ("Served inside (95% interval)", "Đạt trong vùng phủ (khoảng 95%)")
        case .communesEnough: ("Communes with enough tests", "Số xã đủ phép đo")
        case .challenges: ("Challenge candidates", "Ô đề nghị xem xét lại")
        case .undeclared: ("Undeclared served cells", "Ô phục vụ ngoài khai báo")
        case .medianDownload: ("Median download (Mbps)", "Tải xuống trung vị (Mbps)")
        case .p10Download: ("10% of tests below (Mbps)", "10% phép đo dưới (Mbps)")
        case .densityMap: ("Valid tests per km², by commune", "Số phép đo hợp lệ trên mỗi km² theo xã")
        case .densityUnit: ("tests/km²", "phép đo/km²")
        case .speedTiles: ("Ookla open data (context)", "Dữ liệu mở Ookla (tham khảo)")
        case .speedTilesNote:
            (
                "Quarterly averages per ≈570 m tile, without operator: context only, never a challenge on their own.",
                "Trung bình theo quý cho mỗi ô ≈570 m, không theo nhà mạng: chỉ để tham khảo, không dùng riêng để đề nghị xem xét lại."
            )
        case .kind: ("Kind", "Loại")
        case .tiles: ("Tiles", "Số ô")
        case .devices: ("Devices", "Thiết bị")
        case .averageDownload: ("Average download (Mbps)", "Tải xuống trung bình (Mbps)")
        case .averageUpload: ("Average upload (Mbps)", "Tải lên trung bình (Mbps)")
        case .averageLatency: ("Average latency (ms)", "Độ trễ trung bình (ms)")
        case .topChallenges:
            ("The strongest challenge candidates", "Các ô đề nghị xem xét lại rõ nhất")
        case .cell: ("Cell (quadkey)", "Ô (quadkey)")
        case .served: ("Served / tests", "Đạt / số phép đo")
        case .pValue: ("p-value", "giá trị p")
        case .byOperatorMaps: ("Tests served inside declared coverage, by operator", "Tỷ lệ đạt theo nhà mạng")
        case .allOperators: ("All operators", "Tất cả nhà mạng")
        case .noCommune: ("outside every commune", "ngoài mọi xã")
        case .strengthEnough: ("enough tests", "đủ phép đo")
        case .strengthTooFew: ("too few tests", "quá ít phép đo")
        case .strengthStale: ("tests too old", "phép đo quá cũ")
        case .evidence: ("Evidence", "Bằng chứng")
        case .files:
            (
                "Per commune and operator: evidence.csv; challenge cells with their tests: challenge_candidates.geojson and report.gpkg (layers challenge_candidates, challenge_tests, served_undeclared).",
                "Theo xã và nhà mạng: evidence.csv; các ô đề nghị xem xét lại kèm phép đo: challenge_candidates.geojson và report.gpkg (lớp challenge_candidates, challenge_tests, served_undeclared)."
            )
        case .outsideNote: ("Tests outside every commune", "Phép đo ngoài mọi xã")
        case .probes: ("Connectivity probes at institutions", "Thiết bị đo kết nối tại cơ quan, trường học")
        case .probesNote:
            (
                "School and fixed-line probes measure one institution's own connection, not mobile coverage: they are left out of the figures above and judged per institution (10/1 Mbps, the same one-year window, any hour).",
                "Thiết bị đo tại trường học và đường cố định đo kết nối riêng của từng cơ quan, không đo vùng phủ di động: chúng không được tính vào các số liệu trên mà được đánh giá theo từng cơ quan (10/1 Mbps, cùng thời hạn một năm, mọi giờ)."
            )
        }
    }
}
