import Foundation

/// Vietnamese wording of the audit's and the analysis's English phrases (definitions, alternatives,
/// reasons, notes); recorded names and codes pass through unchanged.
public enum AuditWording {
    /// The text in `language` (English text is returned as it is).
    public static func text(_ english: String, _ language: ReportLanguage) -> String {
        guard language == .vi else { return english }
        var out = english
        if let m = out.range(of: #"holds under (\d+) of (\d+) definitions"#, options: .regularExpression) {
            let nums = out[m].split(separator: " ").compactMap { Int($0) }
            if nums.count == 2 { out.replaceSubrange(m, with: "đạt theo \(nums[0])/\(nums[1]) định nghĩa") }
        }
        out = out.replacingOccurrences(
            of: #"\bin (\d+) of (\d+) communes\b"#, with: "tại $1/$2 xã", options: .regularExpression)
        out = out.replacingOccurrences(
            of: #"the share lies between (\d+)\.(\d)% and (\d+)\.(\d)%"#,
            with: "tỷ lệ nằm trong khoảng $1,$2% đến $3,$4%", options: .regularExpression)
        out = out.replacingOccurrences(
            of: #"\bno (\S+) coverage areas in the store"#, with: "không có vùng phủ sóng $1 trong cơ sở dữ liệu",
            options: .regularExpression)
        out = out.replacingOccurrences(
            of: #"\bno (\S+) or (\S+) coverage areas in the store"#,
            with: "không có vùng phủ sóng $1 hoặc $2 trong cơ sở dữ liệu", options: .regularExpression)
        for (en, vi) in phrases { out = out.replacingOccurrences(of: en, with: vi) }
        return out
    }

    /// Longest phrases first, so that a phrase is replaced before the words it contains.
    static let phrases: [(String, String)] = [
        (
            "mobile tests do not judge fibre: households within fibre reach count only as far as the mobile tests confirm service",
            "phép đo di động không đánh giá cáp quang: hộ trong tầm cáp quang chỉ được tính theo mức phép đo di động xác nhận"
        ),
        (
            "mobile tests do not judge fibre: no evidence-weighted value for a fibre-only claim",
            "phép đo di động không đánh giá cáp quang: không có giá trị theo bằng chứng cho số liệu chỉ về cáp quang"
        ),
        (
            "institutions whose connectivity probes confirm service (95% lower bound of served probe tests ≥ 50%)",
            "cơ quan, tổ chức có thiết bị đo xác nhận dịch vụ (cận dưới 95% của tỷ lệ phép đo đạt ≥ 50%)"
        ),
        ("where measurements confirm service", "nơi phép đo xác nhận có dịch vụ"),
        ("unknown (the verdict is the same either way)", "chưa rõ (kết luận không đổi)"),
        ("the verdict is the same either way", "kết luận không đổi"),
        ("evidence not enough", "chưa đủ bằng chứng"),
        ("evidence too thin", "không đủ bằng chứng"),
        ("in declared coverage", "trong vùng phủ khai báo"),
        ("valid download", "tốc độ tải xuống hợp lệ"),
        ("10th-percentile", "phân vị thứ 10"),
        ("median", "trung vị"),
        ("download is at least", "tốc độ tải xuống ít nhất"),
        ("communes whose", "xã có"),
        ("is at least", "ít nhất"),
        ("with too few tests", "có quá ít phép đo"),
        ("with stale tests", "có phép đo đã cũ"),
        ("without probes", "không có thiết bị đo"),
        ("no measurements in the store", "không có phép đo trong cơ sở dữ liệu"),
        ("measurements were not used", "không dùng các phép đo"),
        ("no tests or declared coverage of operator", "không có phép đo hay vùng phủ khai báo của nhà mạng"),
        ("covered households", "hộ được phủ"),
        ("covered persons", "nhân khẩu được phủ"),
        (" tests)", " phép đo)"),
        ("no coverage for operator", "không có vùng phủ của nhà mạng"),
        (
            "households within reach along the route network from a node (strict)",
            "hộ trong tầm cáp quang theo mạng tuyến từ một nút (nghiêm ngặt)"
        ),
        (
            "households within fibre reach only, along the route network (strict)",
            "chỉ tính hộ trong tầm cáp quang, theo mạng tuyến (nghiêm ngặt)"
        ),
        ("households within fibre reach only, straight line", "chỉ tính hộ trong tầm cáp quang, đường thẳng"),
        (
            "an active fibre route crosses it or a fibre node lies in it",
            "có tuyến cáp quang đang hoạt động đi qua hoặc có nút cáp quang trong xã"
        ),
        ("communes with at least one household within fibre reach", "xã có ít nhất một hộ trong tầm cáp quang"),
        ("communes meeting the condition, planned fibre", "xã đạt điều kiện, cáp quang quy hoạch"),
        ("not available: no fibre nodes to start from", "không có số liệu: không có nút cáp quang để tính từ đó"),
        ("reported as not available, not as 0% covered", "ghi là không có số liệu, không phải phủ 0%"),
        (
            "reach along the route network from a node is not available; straight-line reach is reported",
            "không tính được tầm theo mạng tuyến từ một nút; báo cáo tầm theo đường thẳng"
        ),
        ("fibre is not available", "không có số liệu cáp quang"),
        ("no active fibre for operator", "không có cáp quang đang hoạt động của nhà mạng"),
        ("no fibre and no", "không có cáp quang và không có"),
        ("coverage in the store", "vùng phủ trong cơ sở dữ liệu"),
        ("for operator", "của nhà mạng"),
        ("the store has active fibre of", "cơ sở dữ liệu có cáp quang đang hoạt động của"),
        ("fixed broadband recorded, evidence", "có ghi nhận băng rộng cố định, mức bằng chứng"),
        (
            "with recorded fixed broadband (fibre or fixed), evidence",
            "có ghi nhận băng rộng cố định (cáp quang hoặc cố định), mức bằng chứng"
        ),
        ("with a recorded fibre connection", "có ghi nhận kết nối cáp quang"),
        ("fibre connection recorded", "có ghi nhận kết nối cáp quang"),
        ("of active fibre (straight line)", "tới cáp quang đang hoạt động (đường thẳng)"),
        ("planned fibre routes included", "tính cả tuyến cáp quang quy hoạch"),
        ("planned fibre routes excluded", "không tính tuyến cáp quang quy hoạch"),
        ("holds under every definition", "đạt theo mọi định nghĩa"),
        ("holds under no definition", "không đạt theo định nghĩa nào"),
        ("locations have no persons count (counted as 0)", "điểm không có số nhân khẩu (tính là 0)"),
        ("communes whose centre is within", "xã có tâm cách cáp quang trong vòng"),
        ("m of fibre", "m"),
        ("no fibre route or node", "không có tuyến hoặc nút cáp quang"),
        ("no household covered", "không hộ nào được phủ"),
        ("no active fibre routes or nodes", "không có tuyến hoặc nút cáp quang đang hoạt động"),
        ("no active fibre nodes", "không có nút cáp quang đang hoạt động"),
        ("fibre routes)", "tuyến cáp quang)"),
        ("of operator", "của nhà mạng"),
        ("coverage areas in the store", "vùng phủ sóng trong cơ sở dữ liệu"),
        ("in the store", "trong cơ sở dữ liệu"),
        ("known operators", "các nhà mạng đã biết"),
        ("lie outside every unit of vintage", "nằm ngoài mọi đơn vị của phiên bản địa giới"),
        ("locations (", "điểm ("),
        ("cannot be measured", "không đo được"),
        ("areas not computed", "không tính diện tích"),
        ("communes where", "xã có"),
        ("covered by", "được phủ bởi"),
        ("broadband (fibre or", "băng rộng (cáp quang hoặc"),
        ("4G+ (4G or 5G)", "4G+ (4G hoặc 5G)"),
        ("hamlets, rule", "thôn, quy tắc"),
        ("hamlets (rule", "thôn (quy tắc"),
        ("(school, health, state office)", "(trường học, y tế, cơ quan nhà nước)"),
        ("declared or better", "khai báo trở lên"),
        ("evidence declared+", "mức bằng chứng khai báo+"),
        ("evidence contract+", "mức bằng chứng hợp đồng+"),
        ("evidence measured+", "mức bằng chứng đo kiểm+"),
        ("state office:", "cơ quan nhà nước:"),
        ("school:", "trường học:"),
        ("health:", "y tế:"),
        (": none (", ": không có ("),
        (": unknown (", ": chưa rõ ("),
        (": mobile (", ": di động ("),
        ("(declared)", "(khai báo)"),
        ("(contract)", "(hợp đồng)"),
        ("(measured)", "(đo kiểm)"),
        ("(fibre)", "(cáp quang)"),
        ("by fibre", "bởi cáp quang"),
        ("households", "hộ gia đình"),
        ("persons", "nhân khẩu"),
        ("institutions", "cơ quan, tổ chức"),
        ("included", "tính cả"),
        ("excluded", "không tính"),
        ("area (", "diện tích ("),
        (", or ", ", hoặc "),
        (" in ", " tại "),
        ("communes", "xã"),
        ("within", "trong vòng"),
        ("no data", "không có dữ liệu"),
        ("bằng chứng declared+", "bằng chứng khai báo+"),
        ("bằng chứng contract+", "bằng chứng hợp đồng+"),
        ("bằng chứng measured+", "bằng chứng đo kiểm+"),
        ("bởi fibre", "bởi cáp quang"),
        ("bởi broadband", "bởi băng rộng"),
    ]
}
