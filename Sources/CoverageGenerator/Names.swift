/// Fictional Vietnamese-looking place names (UTF-8 with diacritics), unique where it matters.
struct NameMaker {
    static let first = [
        "Bản", "Nà", "Khuổi", "Lũng", "Pác", "Cốc", "Phiêng", "Nậm", "Tân", "Hòa", "Đồng", "Thanh",
        "Minh", "Yên", "Quang", "Kim", "Thượng", "Hạ", "Trung", "Vĩnh", "An", "Bình", "Xuân", "Hưng",
        "Long", "Sơn", "Lạc", "Phú", "Thịnh", "Phong", "Lâm", "Khánh", "Mỹ", "Đức", "Nghĩa", "Thái",
        "Hợp", "Thành", "Cao", "Vân", "Tường", "Quế", "Lộc", "Đoàn", "Hồng", "Liên", "Ngọc", "Tràng",
    ]
    static let second = [
        "Tiến", "Lạc", "Mới", "Vân", "Sơn", "Thủy", "Hà", "Lương", "Khê", "Phúc", "Điền", "Trạch",
        "Giang", "Lĩnh", "Nguyên", "Cương", "Mai", "Đào", "Quỳnh", "Hoa", "Tuyền", "Dương", "Bồng",
        "Vọng", "Châu", "Đình", "Lũy", "Pha", "Rẫy", "Mường", "Chiềng", "Khao", "Pàn", "Tòng", "Lếch",
        "Ngàn", "Sàng", "Thẩm", "Vạn", "Cường", "Luông", "Trù", "Đớ", "Nưa", "Hẩu", "Sình", "Tạo",
    ]
    static let suffix = ["Thượng", "Hạ", "Trung", "Đông", "Tây", "Nam", "Bắc", "Mới", "Ngoài", "Trong"]

    private var used: Set<String> = []
    private var rng: Rng

    init(seed: UInt64, stream: UInt64) { rng = Rng(seed: seed, stream: stream) }

    /// A new two-syllable name (three when the pairs run out), never returned before by this maker.
    mutating func unique() -> String {
        for attempt in 0..<10_000 {
            var name = "\(rng.element(Self.first)) \(rng.element(Self.second))"
            if attempt > 200 { name += " \(rng.element(Self.suffix))" }
            if attempt > 2_000 { name += " \(attempt)" }
            if used.insert(name).inserted { return name }
        }
        return "Vô Danh \(used.count)"
    }

    /// Forgets the names handed out (for per-commune uniqueness).
    mutating func reset() { used.removeAll(keepingCapacity: true) }

    mutating func element(_ items: [String]) -> String { rng.element(items) }
}
