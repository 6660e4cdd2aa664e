import Foundation

/// Vietnamese wording of the progress lines of `coverage`, `audit`, `report` and `demo` on stderr:
/// command prefixes and message patterns; recorded names, ids, paths and numbers pass through.
public enum ProgressWording {
    /// The line in `language` (English lines are returned as they are; unknown messages unchanged).
    public static func text(_ english: String, _ language: ReportLanguage) -> String {
        guard language == .vi else { return english }
        var rest = Substring(english)
        var prefix = ""
        while let (en, vi) = prefixes.first(where: { rest.hasPrefix($0.0) }) {
            prefix += vi
            rest = rest.dropFirst(en.count)
        }
        var body = String(rest)
        for (pattern, template) in patterns {
            let range = NSRange(body.startIndex..., in: body)
            guard let match = pattern.firstMatch(in: body, range: range), match.range == range else { continue }
            body = pattern.replacementString(for: match, in: body, offset: 0, template: template)
            break
        }
        return prefix + numbers(layerTerms(addedTerms(body)))
    }

    /// The features of a what-if line ("đã thêm 12 coverage areas, 3 routes sau") in Vietnamese.
    private static func addedTerms(_ text: String) -> String {
        guard text.hasPrefix("đã thêm "), let end = text.range(of: " sau lần chạy ") else { return text }
        var list = String(text[text.index(text.startIndex, offsetBy: "đã thêm ".count)..<end.lowerBound])
        for (en, vi) in [("coverage areas", "vùng phủ sóng"), ("routes", "tuyến"), ("nodes", "nút"), ("sites", "trạm")]
        {
            list = list.replacingOccurrences(of: " \(en)", with: " \(vi)")
        }
        return "đã thêm " + list + text[end.lowerBound...]
    }

    /// The layer of an import line ("bản ghi lớp households từ") in Vietnamese.
    private static func layerTerms(_ text: String) -> String {
        guard let r = text.range(of: #"(?<=bản ghi lớp )\S+(?= từ )"#, options: .regularExpression) else { return text }
        return text.replacingCharacters(in: r, with: ReportTerms.term(String(text[r]), .vi))
    }

    /// Command and stage prefixes, in the order they appear.
    static let prefixes: [(String, String)] = [
        ("report: ", "báo cáo: "), ("coverage: ", "vùng phủ: "), ("audit: ", "kiểm tra: "), ("demo: ", "chạy thử: "),
        ("generate: ", "tạo dữ liệu: "),
    ]

    /// Message patterns (whole message) and their Vietnamese templates.
    static let patterns: [(NSRegularExpression, String)] = [
        (
            #"loaded (\d+) units, (\d+) hamlets, (\d+) coverage areas, (\d+) fibre routes \((.+) s\)"#,
            "đã nạp $1 xã, $2 thôn, $3 vùng phủ sóng, $4 tuyến cáp quang ($5 giây)"
        ),
        (#"indexed geometry \((.+) s\)"#, "đã lập chỉ mục hình học ($1 giây)"),
        (#"classified (\d+) locations \((.+) s\)"#, "đã phân loại $1 điểm ($2 giây)"),
        (
            #"reused the classification of an earlier run \((.+) s\)"#,
            "dùng lại kết quả phân loại của lần chạy trước ($1 giây)"
        ),
        (
            #"computed area shares and uncovered-area polygons \((.+) s\)"#,
            "đã tính tỷ lệ diện tích và đa giác vùng chưa phủ ($1 giây)"
        ),
        (#"computed area shares per operator \((.+) s\)"#, "đã tính tỷ lệ diện tích theo nhà mạng ($1 giây)"),
        (#"computed area shares \((.+) s\)"#, "đã tính tỷ lệ diện tích ($1 giây)"),
        (#"writing results"#, "đang ghi kết quả"),
        // what changed since the stored run (RunInputChanges.summary), before a coverage run
        (
            #"the stored coverage run \(id (\d+), ([^)]*)\) was stored before runs recorded their inputs: it may not match the imported layers; computing every location"#,
            "lần chạy vùng phủ đã lưu (mã $1, $2) được lưu trước khi ghi lại dữ liệu đầu vào: có thể không khớp với các lớp đã nhập; tính lại mọi điểm"
        ),
        (
            #"the stored coverage run \(id (\d+), ([^)]*)\) predates the layers now stored: ([\d,]+) datasets? imported since \(([\d,]+) features: (.*)\); ([\d,]+) datasets? it read removed since \(([\d,]+) features: (.*)\); computing every location"#,
            "lần chạy vùng phủ đã lưu (mã $1, $2) cũ hơn các lớp hiện có: $3 bộ dữ liệu nhập sau đó ($4 đối tượng: $5); $6 bộ dữ liệu đã dùng bị xoá sau đó ($7 đối tượng: $8); tính lại mọi điểm"
        ),
        (
            #"the stored coverage run \(id (\d+), ([^)]*)\) predates the layers now stored: ([\d,]+) datasets? imported since \(([\d,]+) features: (.*)\); computing every location"#,
            "lần chạy vùng phủ đã lưu (mã $1, $2) cũ hơn các lớp hiện có: $3 bộ dữ liệu nhập sau đó ($4 đối tượng: $5); tính lại mọi điểm"
        ),
        (
            #"the stored coverage run \(id (\d+), ([^)]*)\) predates the layers now stored: ([\d,]+) datasets? it read removed since \(([\d,]+) features: (.*)\); computing every location"#,
            "lần chạy vùng phủ đã lưu (mã $1, $2) cũ hơn các lớp hiện có: $3 bộ dữ liệu đã dùng bị xoá sau đó ($4 đối tượng: $5); tính lại mọi điểm"
        ),
        // what-if runs (CoverageAnalyzer+WhatIf): how the run was computed
        (
            #"nothing imported since run (\d+); recomputed ([\d,]+) locations in ([\d,]+) units?"#,
            "không có dữ liệu nhập sau lần chạy $1; đã tính lại $2 điểm trong $3 đơn vị"
        ),
        (
            #"(.+) added since run (\d+); recomputed ([\d,]+) locations in ([\d,]+) units?"#,
            "đã thêm $1 sau lần chạy $2; đã tính lại $3 điểm trong $4 đơn vị"
        ),
        (
            #"fibre routes counted by this run were imported since run (\d+); computing every location"#,
            "đã nhập thêm tuyến cáp quang được tính sau lần chạy $1; tính lại mọi điểm"
        ),
        (
            #"network nodes counted by this run were imported since run (\d+); computing every location"#,
            "đã nhập thêm nút mạng được tính sau lần chạy $1; tính lại mọi điểm"
        ),
        (
            #"([\d,]+) datasets? removed or replaced since run (\d+); computing every location"#,
            "$1 bộ dữ liệu bị xoá hoặc thay thế sau lần chạy $2; tính lại mọi điểm"
        ),
        (
            #"rows read by run (\d+) were imported again since; computing every location"#,
            "dữ liệu lần chạy $1 đã dùng được nhập lại sau đó; tính lại mọi điểm"
        ),
        (
            #"run (\d+) was computed with other parameters; computing every location"#,
            "lần chạy $1 được tính với tham số khác; tính lại mọi điểm"
        ),
        (
            #"run (\d+) kept no what-if state of this build; computing every location"#,
            "lần chạy $1 không lưu trạng thái giả định của phiên bản này; tính lại mọi điểm"
        ),
        (
            #"run (\d+) was stored before runs recorded their inputs; computing every location"#,
            "lần chạy $1 được lưu trước khi ghi lại dữ liệu đầu vào; tính lại mọi điểm"
        ),
        (
            #"what-if runs do not recompute uncovered-area polygons or per-operator areas; computing every location"#,
            "chạy giả định không tính lại đa giác vùng chưa phủ hay diện tích theo nhà mạng; tính lại mọi điểm"
        ),
        (
            #"the coverage operators changed since run (\d+); computing every location"#,
            "danh sách nhà mạng đã thay đổi sau lần chạy $1; tính lại mọi điểm"
        ),
        (
            #"the units changed since run (\d+); computing every location"#,
            "các xã đã thay đổi sau lần chạy $1; tính lại mọi điểm"
        ),
        (
            #"the added coverage areas are not the newest rows; computing every location"#,
            "vùng phủ sóng mới thêm không phải các dòng mới nhất; tính lại mọi điểm"
        ),
        (
            #"(\S+) imported since run (\d+); computing every location"#,
            "đã nhập lớp $1 sau lần chạy $2; tính lại mọi điểm"
        ),
        (#"analysing the measurements"#, "đang phân tích các phép đo"),
        (#"done \((.+) s\)"#, "xong ($1 giây)"),
        (#"claim (.+)"#, "số liệu công bố $1"),
        (#"evidence from the measurements"#, "bằng chứng từ các phép đo"),
        (
            #"evaluating hamlet rule (\S+), planned included, broadband minimum (\S+), with areas"#,
            "tính theo quy tắc thôn $1, tính cả quy hoạch, băng rộng tối thiểu $2, có diện tích"
        ),
        (
            #"evaluating hamlet rule (\S+), planned excluded, broadband minimum (\S+), with areas"#,
            "tính theo quy tắc thôn $1, không tính quy hoạch, băng rộng tối thiểu $2, có diện tích"
        ),
        (
            #"evaluating hamlet rule (\S+), planned included, broadband minimum (\S+)"#,
            "tính theo quy tắc thôn $1, tính cả quy hoạch, băng rộng tối thiểu $2"
        ),
        (
            #"evaluating hamlet rule (\S+), planned excluded, broadband minimum (\S+)"#,
            "tính theo quy tắc thôn $1, không tính quy hoạch, băng rộng tối thiểu $2"
        ),
        (#"wrote (\d+) files to (.+) in (\S+) s"#, "đã ghi $1 tệp vào $2 trong $3 giây"),
        // demo and its generator
        (#"region: (\d+) lattice cells, commune spacing (\d+) m"#, "vùng: $1 ô lưới, khoảng cách giữa các xã $2 m"),
        (#"communes: (\d+) traced"#, "xã: đã vạch $1"),
        (#"communes: (\d+) on (\d+) whole cells of (\S+)°"#, "xã: $1 trên $2 ô trọn vẹn cỡ $3°"),
        (#"cells: (\[[^\]]*\]) on (\d+) sites"#, "ô phủ sóng (2G, 3G, 4G, 5G): $1 trên $2 trạm"),
        (#"network: (\d+) routes, (\d+) nodes"#, "mạng: $1 tuyến, $2 nút"),
        (#"households: (\d+) of (\d+) communes, (\d+) households"#, "hộ: $1/$2 xã, $3 hộ"),
        (#"done: (\d+) households in (\d+) points"#, "xong: $1 hộ tại $2 điểm"),
        (
            #"measurements: (\d+) planted cells \((\d+) of (\d+) declared, (\d+) of (\d+) undeclared\)"#,
            "phép đo: $1 ô cài sẵn ($2/$3 ô có khai báo, $4/$5 ô không khai báo)"
        ),
        (#"measurements: (\d+) tests, (\d+) speed tiles"#, "phép đo: $1 phép đo, $2 ô tốc độ"),
        (#"measurements: (\d+)"#, "phép đo: $1"),
        (
            #"generated (\S+) household points, (\S+) routes, (\S+) sites on (.+)'s (\d+) real communes"#,
            "đã tạo $1 điểm hộ, $2 tuyến, $3 trạm trên $5 xã thực của $4"
        ),
        (#"imported (\S+) (\S+) from (.+)"#, "đã nhập $1 bản ghi lớp $2 từ $3"),
        (#"store written to (.+)"#, "đã ghi cơ sở dữ liệu vào $1"),
        (
            #"report written to (.+) \(exit code 0 even when claims fail\)"#,
            "đã ghi báo cáo vào $1 (mã thoát 0 kể cả khi số liệu công bố không đạt)"
        ),
    ].compactMap { pattern, template in
        (try? NSRegularExpression(pattern: pattern)).map { ($0, template) }
    }

    /// Vietnamese number marks: thousands "405,229" become "405.229", seconds and degrees "1.25" "1,25".
    private static func numbers(_ text: String) -> String {
        text.replacingOccurrences(of: #"(?<=\d),(?=\d{3}(?!\d))"#, with: ".", options: .regularExpression)
            .replacingOccurrences(of: #"(\d)\.(\d+( giây|°))"#, with: "$1,$2", options: .regularExpression)
    }
}
