/// Vietnamese names of the identifiers a report shows (measures, layers, kinds, grades, route groups);
/// English reports and unknown terms show the identifier itself.
public enum ReportTerms {
    /// The term in `language`.
    public static func term(_ id: String, _ language: ReportLanguage) -> String {
        guard language == .vi else { return id }
        return vi[id] ?? id
    }

    static let vi: [String: String] = [
        "fibre": "cáp quang", "broadband": "băng rộng", "communes": "xã", "hamlets": "thôn, xóm",
        "households": "hộ gia đình", "institutions": "cơ quan, tổ chức", "routes": "tuyến truyền dẫn",
        "nodes": "nút mạng", "sites": "trạm phát sóng", "coverage": "vùng phủ sóng", "statistics": "thống kê",
        "crosswalk": "bảng chuyển đổi địa giới", "admin_units": "đơn vị hành chính", "school": "trường học",
        "health": "y tế", "state office": "cơ quan nhà nước", "business": "doanh nghiệp", "declared": "khai báo",
        "contract": "hợp đồng", "measured": "đo kiểm", "medium": "môi trường truyền dẫn", "status": "trạng thái",
        "level": "cấp", "operator": "nhà mạng", "active": "đang hoạt động", "planned": "quy hoạch",
        "backbone": "trục", "intra-province": "nội tỉnh", "access": "truy nhập", "microwave": "vi ba",
        "copper": "cáp đồng", "none": "không có", "unknown": "chưa rõ", "mobile": "di động", "fixed": "cố định",
        "measurements": "phép đo", "speed-tiles": "ô tốc độ Ookla",
    ]
}
