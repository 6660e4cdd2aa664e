import CoverageFormats
import CoverageModel
import Foundation

/// Reads and writes times as seconds since 1970-01-01 UTC, without a calendar object per row.
enum UTCTime {
    /// Seconds for ISO 8601 text (`2025-11-03T14:05:00Z`, a space for `T`, `/` for `-`, fractions, `±hh[:mm]` offsets;
    /// no zone reads as UTC; a date alone is its midnight) or for epoch seconds (milliseconds above 1e11);
    /// nil when the text is neither.
    static func seconds(_ text: String) -> Double? {
        let s = Array(text.trimmedWhitespace.utf8)
        if let number = Double(String(decoding: s, as: UTF8.self)), number.isFinite, number > 1e8 {
            return number > 1e11 ? number / 1000 : number
        }
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= s.count else { return nil }
            var v = 0
            for k in i..<(i + n) {
                guard (48...57).contains(s[k]) else { return nil }
                v = v * 10 + Int(s[k] - 48)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < s.count, s[i] == c else { return false }
            i += 1
            return true
        }
        // `-` or `/` between the date's parts (GDAL writes date-time fields as `2025/11/03 14:05:00+00`).
        guard let year = digits(4), expect(45) || expect(47), let month = digits(2), expect(45) || expect(47),
            let day = digits(2),
            (1...12).contains(month), (1...daysIn(month, year)).contains(day)
        else { return nil }
        var total = Double(CivilDate.days(year: year, month: month, day: day)) * 86_400
        guard i < s.count else { return total }
        guard expect(84) || expect(32) || expect(116), let hour = digits(2), expect(58), let minute = digits(2),
            hour < 24, minute < 60
        else { return nil }
        total += Double(hour * 3600 + minute * 60)
        if expect(58) {
            guard let second = digits(2), second < 61 else { return nil }
            total += Double(second)
            if expect(46) || expect(44) {
                var scale = 0.1
                var any = false
                while i < s.count, (48...57).contains(s[i]) {
                    total += Double(s[i] - 48) * scale
                    scale /= 10
                    i += 1
                    any = true
                }
                guard any else { return nil }
            }
        }
        if i == s.count || expect(90) || expect(122) { return i == s.count ? total : nil }
        let sign: Double
        if expect(43) { sign = 1 } else if expect(45) { sign = -1 } else { return nil }
        guard let offsetHours = digits(2) else { return nil }
        _ = expect(58)
        let offsetMinutes = digits(2) ?? 0
        guard i == s.count, offsetHours < 24, offsetMinutes < 60 else { return nil }
        return total - sign * Double(offsetHours * 3600 + offsetMinutes * 60)
    }

    /// `2025-11-03T14:05:00Z` for `seconds` (whole seconds; fractions as `.fff` when present).
    static func iso(_ seconds: Double) -> String {
        let whole = seconds.rounded(.down)
        let days = Int((whole / 86_400).rounded(.down))
        let rest = Int(whole) - days * 86_400
        let (y, m, d) = CivilDate.date(days: days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var text = "\(y)-\(two(m))-\(two(d))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))"
        let millis = Int(((seconds - whole) * 1000).rounded())
        if millis > 0 && millis < 1000 { text += "." + String(String(millis + 1000).dropFirst()) }
        return text + "Z"
    }

    /// The days in `month` of `year`.
    private static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
