import CoverageFormats
import CoverageModel

/// One row of measurements.csv, encoded straight into the file's buffer (no per-field values or strings:
/// 10 million rows stream in seconds).
struct MeasurementRow {
    var number: Int
    var time: Int
    var operatorIndex: Int
    var technology: Technology
    var values: MeasuredValues
    var signalRecorded: Bool
    var source: MeasurementSource
    /// The drive-test session (nil: a crowd-app test, its test id from its number).
    var session: Int?
    /// Drive-test unit 1…4 of the operator, or the crowd-app device number.
    var device: Int
    var indoor: Bool
    var position: Coordinate

    private static let operators = Operators.names.map { Array($0.utf8) }
    private static let prefixes = Operators.prefixes.map { Array("DT-\($0)-".utf8) }
    private static let sources = MeasurementSource.allCases.map { ($0, Array($0.rawValue.utf8)) }

    /// Appends the row, fields in `measurementColumns` order, with its line feed.
    func append(to sink: ByteSink) {
        let comma = UInt8(ascii: ",")
        Self.padded(UInt8(ascii: "M"), number, to: sink)
        sink.append(comma)
        Self.iso(time, to: sink)
        sink.append(comma)
        sink.append(bytes: Self.operators[operatorIndex])
        sink.append(comma)
        sink.append(UInt8(ascii: technology == .g5 ? "5" : "4"))
        sink.append(UInt8(ascii: "G"))
        sink.append(comma)
        TextEncoding.appendFixed(values.download, decimals: 2, to: sink)
        sink.append(comma)
        TextEncoding.appendFixed(values.upload, decimals: 2, to: sink)
        sink.append(comma)
        TextEncoding.appendInt(Int64(values.latency), to: sink)
        sink.append(comma)
        if signalRecorded { TextEncoding.appendInt(Int64(values.rsrp), to: sink) }
        sink.append(comma)
        let drive = source == .driveTest
        if drive { TextEncoding.appendFixed(values.rsrq, decimals: 1, to: sink) }
        sink.append(comma)
        if drive { TextEncoding.appendFixed(values.sinr, decimals: 1, to: sink) }
        sink.append(comma)
        for (s, bytes) in Self.sources where s == source { sink.append(bytes: bytes) }
        sink.append(comma)
        if let session {
            sink.append(UInt8(ascii: "D"))
            Self.padded(UInt8(ascii: "S"), session, to: sink)
        } else {
            Self.padded(UInt8(ascii: "T"), number, to: sink)
        }
        sink.append(comma)
        if drive {
            sink.append(bytes: Self.prefixes[operatorIndex])
            TextEncoding.appendInt(Int64(device), to: sink)
        } else {
            sink.append(bytes: [UInt8(ascii: "D"), UInt8(ascii: "E")])
            Self.padded(UInt8(ascii: "V"), device, to: sink)
        }
        sink.append(comma)
        sink.append(bytes: indoor ? Self.indoorBytes : Self.outdoorBytes)
        sink.append(comma)
        TextEncoding.appendFixed(position.x, decimals: 7, to: sink)
        sink.append(comma)
        TextEncoding.appendFixed(position.y, decimals: 7, to: sink)
        sink.append(UInt8(ascii: "\n"))
    }

    private static let indoorBytes = Array("indoor".utf8)
    private static let outdoorBytes = Array("outdoor".utf8)

    /// `letter` then `n` with at least six digits (as `paddedID`).
    static func padded(_ letter: UInt8, _ n: Int, to sink: ByteSink) {
        sink.append(letter)
        digits(n, width: 6, to: sink)
    }

    /// A non-negative integer left-padded with zeros to `width`.
    static func digits(_ n: Int, width: Int, to sink: ByteSink) {
        var length = 1
        var power = 10
        while power <= n {
            length += 1
            power *= 10
        }
        for _ in length..<max(length, width) { sink.append(UInt8(ascii: "0")) }
        var divisor = power / 10
        while divisor > 0 {
            sink.append(UInt8(48 + (n / divisor) % 10))
            divisor /= 10
        }
    }

    /// Whole seconds since 1970 as "2025-11-03T14:05:00Z".
    static func iso(_ seconds: Int, to sink: ByteSink) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let (y, m, d) = CivilDate.date(days: days)
        digits(y, width: 4, to: sink)
        sink.append(UInt8(ascii: "-"))
        digits(m, width: 2, to: sink)
        sink.append(UInt8(ascii: "-"))
        digits(d, width: 2, to: sink)
        sink.append(UInt8(ascii: "T"))
        digits(rest / 3600, width: 2, to: sink)
        sink.append(UInt8(ascii: ":"))
        digits(rest / 60 % 60, width: 2, to: sink)
        sink.append(UInt8(ascii: ":"))
        digits(rest % 60, width: 2, to: sink)
        sink.append(UInt8(ascii: "Z"))
    }
}
