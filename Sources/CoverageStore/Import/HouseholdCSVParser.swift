import CoverageFormats
import CoverageModel

/// The parsing half of the households CSV fast path: runs on a thread of its own, checks every
/// record as the general path does and fills ``HouseholdChunk``s with ready-to-bind rows.
struct HouseholdCSVParser: Sendable {
    /// The positions of the columns read (nil: the file has none).
    struct Columns: Sendable {
        let lon: Int
        let lat: Int
        let id: Int?
        let households: Int?
        let persons: Int?
        let kind: Int?
        /// Fields per record (the header's).
        let count: Int
    }

    /// A longitude/latitude out of range; the writer turns it into the pipeline's error.
    struct NotLonLat: Error {
        let line: Int
        let coordinate: Coordinate
    }

    /// The writer stopped taking chunks.
    private struct Cancelled: Error {}

    /// The file, for error messages.
    let path: String
    let reader: CSVReader
    let columns: Columns
    /// The plausible extent (rows outside it are noted, not refused).
    let extent: BoundingBox

    private func fail(_ line: Int, _ reason: String) -> ImportError {
        ImportError(file: path, location: .line(line), reason: reason)
    }

    /// Parses every record into chunks sent on `channel`, the last marked `isLast` (with the
    /// error that ended the parse, if any); returns early, sending nothing more, once the writer
    /// has cancelled.
    func parse(into channel: HouseholdChunkChannel) {
        guard var chunk = channel.emptyChunk() else { return }
        var seen = IDHashSet()
        var bytes = 0.0
        /// Sends the chunk and takes an empty one.
        func next() throws {
            chunk.bytes = bytes
            channel.send(chunk)
            guard let empty = channel.emptyChunk() else { throw Cancelled() }
            chunk = empty
        }
        do {
            try reader.forEachRecordBytes { r in
                if r.count == 1, r[0].allSatisfy({ $0 == 32 || $0 == 9 }) { return }  // blank line
                guard r.count == columns.count else {
                    throw fail(r.line, "has \(r.count) fields, the header has \(columns.count)")
                }
                guard let lon = r.double(columns.lon) else { throw notNumber(r, columns.lon, "lon") }
                guard let lat = r.double(columns.lat) else { throw notNumber(r, columns.lat, "lat") }
                let c = Coordinate(lon, lat)
                guard abs(lon) <= 180, abs(lat) <= 90 else { throw NotLonLat(line: r.line, coordinate: c) }
                if !extent.contains(c) { chunk.outside.append((r.line, c)) }
                let households = try count(r, columns.households, "households") ?? 1
                let persons = try count(r, columns.persons, "persons")
                var kind = LocationKind.residential
                if let k = columns.kind, !r[k].isEmpty {
                    let raw = r.string(k)
                    guard let parsed = LocationKind(lenient: raw) else {
                        throw fail(r.line, "kind '\(raw)' is not one of \(LocationKind.spellings)")
                    }
                    kind = parsed
                }
                if let idIndex = columns.id, !r[idIndex].isEmpty, !seen.insert(Self.hash(r[idIndex])) {
                    // The writer looks the id up once every earlier row is in the table.
                    if chunk.rows > 0 { try next() }
                    chunk.repeatedID = (r.line, r.string(idIndex))
                }
                if chunk.nextBatch == nil { try next() }
                guard let batch = chunk.nextBatch else { return }  // an empty chunk always has room
                func append(_ id: UnsafeRawBufferPointer) {
                    batch.append(
                        id: id, households: households, persons: persons, kind: kind, lon: lon, lat: lat,
                        line: r.line)
                }
                if let idIndex = columns.id, !r[idIndex].isEmpty {
                    append(r[idIndex])  // the reader has checked the record is valid UTF-8
                } else {
                    var id = "line-\(r.line)"
                    id.withUTF8 { append(UnsafeRawBufferPointer($0)) }
                }
                chunk.rowAdded()
                for i in 0..<r.count { bytes += Double(r[i].count + 1) }
            }
            chunk.bytes = bytes
        } catch is Cancelled {
            return
        } catch {
            chunk.failure = error
        }
        chunk.isLast = true
        channel.send(chunk)
    }

    /// A 64-bit FNV-1a hash of an id's bytes; collisions are confirmed exactly by the writer.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }

    private func notNumber(_ r: CSVRawRecord, _ i: Int, _ name: String) -> ImportError {
        let text = r.string(i)
        return fail(r.line, text.isEmpty ? "\(name) is empty" : "\(name) '\(text)' is not a finite number")
    }

    private func count(_ r: CSVRawRecord, _ index: Int?, _ name: String) throws -> Int? {
        guard let index, !r[index].isEmpty else { return nil }
        guard let d = r.double(index) else { throw notNumber(r, index, name) }
        guard d >= 0, d.rounded() == d, d < 1e12 else {
            throw fail(r.line, "\(name) must be a whole number ≥ 0, got \(r.string(index))")
        }
        return Int(d)
    }
}
