/// Whole numbers written with their thousands grouped, as every table and note of covaudit shows them.
public enum DigitGrouping {
    /// 1234567 → "1,234,567" (the separator is a comma unless given).
    public static func grouped(_ n: Int, separator: Character = ",") -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(separator) }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }
}
