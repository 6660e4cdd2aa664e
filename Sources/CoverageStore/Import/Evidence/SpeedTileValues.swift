import CoverageFormats

/// A number a speed tile carries, with the column spellings it is read under.
enum SpeedTileField: Int, CaseIterable {
    case download, upload, latency, tests, devices

    /// The column spellings, as ``SpeedTileFields`` lists them.
    var names: [String] {
        switch self {
        case .download: SpeedTileFields.download
        case .upload: SpeedTileFields.upload
        case .latency: SpeedTileFields.latency
        case .tests: SpeedTileFields.tests
        case .devices: SpeedTileFields.devices
        }
    }
}

/// Where a speed tile's quadkey and numbers come from.
protocol SpeedTileValues {
    /// The quadkey as trimmed text, nil when absent or empty.
    func quadkeyText() -> String?
    /// The field's value; nil when absent or empty, `Excluded` when it is not a finite number.
    func number(_ field: SpeedTileField) throws -> Double?
}

/// A tile's values looked up by spelling in any record (GeoJSON, Shapefile, a CSV read as records).
struct LookedUpTileValues<Record: FieldLookup>: SpeedTileValues {
    let record: Record

    func quadkeyText() -> String? { record.text(SpeedTileFields.quadkey) }

    func number(_ field: SpeedTileField) throws -> Double? {
        try MeasurementRow.measured(record, field.names.map { UnitSpelling(name: $0, factor: 1) })
    }
}

/// Where a tile CSV file's columns are, resolved once per file: for each list of spellings the
/// column `FieldLookup.value` would pick (the first spelling the header has).
struct SpeedTileColumns {
    let quadkey: Int?
    let tile: Int?
    private let numbers: [Int?]

    /// The columns of `columns`' header.
    init(_ columns: CSVColumns) {
        func position(_ names: [String]) -> Int? {
            for n in names { if let i = columns.positions[fieldKey(n)] { return i } }
            return nil
        }
        quadkey = position(SpeedTileFields.quadkey)
        tile = position(SpeedTileFields.tile)
        numbers = SpeedTileField.allCases.map { position($0.names) }
    }

    /// The column of `field`, nil when the header has none of its spellings.
    func column(_ field: SpeedTileField) -> Int? {
        numbers[field.rawValue]
    }
}

/// A tile's values read straight from a CSV row's field bytes by resolved columns.
///
/// A plain decimal (`-?digits[.digits]`) is converted from the bytes; any other text is read
/// exactly as ``LookedUpTileValues`` reads it (trimmed, `Double(String)`), so both agree on every row.
struct CSVTileValues: SpeedTileValues {
    let raw: CSVRawRecord
    let columns: SpeedTileColumns

    func quadkeyText() -> String? { Self.text(raw, columns.quadkey) }

    func number(_ field: SpeedTileField) throws -> Double? {
        guard let i = columns.column(field) else { return nil }
        let bytes = raw[i]
        if let d = Self.plainDecimal(bytes) { return d }
        let s = String(decoding: bytes, as: UTF8.self)
        let trimmed = s.trimmedWhitespace
        if trimmed.isEmpty { return nil }
        guard let d = Double(trimmed), d.isFinite else {
            throw Excluded(reason: .unreadableValue, detail: "\(field.names[0]) '\(s)' is not a number")
        }
        return d
    }

    /// Column `i` as trimmed text, nil when there is no such column or the text is empty (as `FieldLookup.text`).
    static func text(_ raw: CSVRawRecord, _ i: Int?) -> String? {
        guard let i else { return nil }
        let t = raw.string(i).trimmedWhitespaceAndNewlines
        return t.isEmpty ? nil : t
    }

    /// The value of `b` when it is exactly `-?digits[.digits]` (no spaces), nil for any other text.
    static func plainDecimal(_ b: UnsafeRawBufferPointer) -> Double? {
        var i = 0
        if i < b.count, b[i] == 0x2D { i += 1 }
        let digits = i
        while i < b.count, b[i] &- 0x30 < 10 { i += 1 }
        guard i > digits else { return nil }
        if i < b.count, b[i] == 0x2E {
            i += 1
            let fraction = i
            while i < b.count, b[i] &- 0x30 < 10 { i += 1 }
            guard i > fraction else { return nil }
        }
        guard i == b.count else { return nil }
        return CSVReader.parseDouble(b)
    }
}
