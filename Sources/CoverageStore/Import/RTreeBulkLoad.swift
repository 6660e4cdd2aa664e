import SpatialSQL

/// Fills an empty SpatiaLite spatial index (an SQLite R*Tree) with packed nodes written straight
/// into its shadow tables, instead of one R*Tree insert per row.
///
/// SQLite's R*Tree insert chooses a leaf, splits and reinserts, and rewrites every node it touched
/// through SQL: about 60,000 instructions per row on a 20,000-tile import, more as the tree grows.
/// Here the entries are sorted along a Hilbert curve of their box centres and packed 51 to a node
/// (the most SQLite's R*Tree puts in one), level by level; the nodes, parents and row-to-leaf map
/// are written in the layout of `sqlite/ext/rtree/rtree.c`. Boxes are rounded outward to 32-bit
/// floats exactly as the R*Tree rounds the values inserted into it, so the index holds the same
/// entries; only the grouping into nodes differs, which no query result depends on (a search
/// returns every entry whose box meets the window). `rtreecheck()` accepts the result.
struct RTreeBulkLoad {
    let db: Connection
    /// The R*Tree's name: `idx_<table>_<geometry>`.
    let index: String

    /// One entry: a row id and its box as the R*Tree stores it.
    struct Entry {
        var rowid: Int64
        var minX: Float
        var maxX: Float
        var minY: Float
        var maxY: Float
        /// The position of the box centre along the Hilbert curve (sort key).
        var order: UInt64 = 0
    }

    /// The node size (bytes) of the index when it is empty and laid out as written here (a 2D
    /// 32-bit float R*Tree, no auxiliary columns); nil otherwise (the caller inserts row by row).
    func emptyNodeSize() throws -> Int? {
        let sql = try db.scalar("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [index]).text ?? ""
        guard sql.lowercased().contains("using rtree(") else { return nil }
        func columns(_ table: String) throws -> [String] {
            try db.rows("SELECT name FROM pragma_table_info(?) ORDER BY cid", [table]) { $0.text(0) ?? "" }
        }
        guard try columns(index) == ["pkid", "xmin", "xmax", "ymin", "ymax"],
            try columns("\(index)_node") == ["nodeno", "data"],
            try columns("\(index)_parent") == ["nodeno", "parentnode"],
            try columns("\(index)_rowid") == ["rowid", "nodeno"],
            try db.scalar("SELECT count(*) FROM \"\(index)_node\"").int == 1,
            try db.scalar("SELECT count(*) FROM \"\(index)_rowid\"").int == 0,
            let size = try db.scalar("SELECT length(data) FROM \"\(index)_node\" WHERE nodeno = 1").int,
            (Int64(Self.cellSize + 4)...65_536).contains(size)
        else { return nil }
        return Int(size)
    }

    /// Bytes per cell: a 64-bit id and four 32-bit floats.
    static let cellSize = 24
    /// The most cells SQLite's R*Tree keeps in one node (`RTREE_MAXCELLS`).
    static let maxCells = 51

    /// The entries of `table`'s rows with a geometry in `column` and a row id above `after`, boxes rounded as the R*Tree rounds them.
    func entries(table: String, column: String, after: Int64) throws -> [Entry] {
        try db.rows(
            """
            SELECT rowid, MbrMinX("\(column)"), MbrMaxX("\(column)"), MbrMinY("\(column)"), MbrMaxY("\(column)")
            FROM "\(table)" WHERE rowid > \(after) AND "\(column)" IS NOT NULL
            """
        ) { r in
            Entry(
                rowid: r.int(0), minX: Self.down(r.double(1)), maxX: Self.up(r.double(2)), minY: Self.down(r.double(3)),
                maxY: Self.up(r.double(4)))
        }
    }

    /// Writes `entries` (sorted here) as the whole tree of the empty index whose nodes are `nodeSize` bytes.
    func load(_ entries: inout [Entry], nodeSize: Int) throws {
        guard let first = entries.first else { return }
        let perNode = min(Self.maxCells, (nodeSize - 4) / Self.cellSize)
        let (lowest, highest) = entries.reduce((first.rowid, first.rowid)) {
            (min($0.0, $1.rowid), max($0.1, $1.rowid))
        }
        // The leaf of each row id, by row id (0: no entry), for writing the row-to-leaf map in order.
        var leafOf = [Int32](repeating: 0, count: Int(highest - lowest) + 1)
        Self.sortAlongHilbertCurve(&entries)
        let writeNode = try db.prepare("INSERT OR REPLACE INTO \"\(index)_node\"(nodeno, data) VALUES (?, ?)")
        let writeParent = try db.prepare("INSERT INTO \"\(index)_parent\"(nodeno, parentnode) VALUES (?, ?)")
        var nextNode: Int64 = 2
        var depth = 0
        var level = entries
        // Each pass packs one level's entries into nodes; the nodes' boxes are the next level's entries.
        while true {
            let isRoot = level.count <= perNode
            var parents: [Entry] = []
            parents.reserveCapacity(level.count / perNode + 1)
            var data = [UInt8](repeating: 0, count: nodeSize)
            for start in stride(from: 0, to: level.count, by: perNode) {
                let cells = level[start..<min(start + perNode, level.count)]
                let node: Int64 = isRoot ? 1 : nextNode
                if !isRoot { nextNode += 1 }
                for k in data.indices { data[k] = 0 }
                if isRoot { Self.put(UInt64(depth), bytes: 2, into: &data, at: 0) }
                Self.put(UInt64(cells.count), bytes: 2, into: &data, at: 2)
                var box = Entry(rowid: node, minX: .infinity, maxX: -.infinity, minY: .infinity, maxY: -.infinity)
                for (k, cell) in cells.enumerated() {
                    let at = 4 + k * Self.cellSize
                    Self.put(UInt64(bitPattern: cell.rowid), bytes: 8, into: &data, at: at)
                    Self.put(UInt64(cell.minX.bitPattern), bytes: 4, into: &data, at: at + 8)
                    Self.put(UInt64(cell.maxX.bitPattern), bytes: 4, into: &data, at: at + 12)
                    Self.put(UInt64(cell.minY.bitPattern), bytes: 4, into: &data, at: at + 16)
                    Self.put(UInt64(cell.maxY.bitPattern), bytes: 4, into: &data, at: at + 20)
                    box.minX = min(box.minX, cell.minX)
                    box.maxX = max(box.maxX, cell.maxX)
                    box.minY = min(box.minY, cell.minY)
                    box.maxY = max(box.maxY, cell.maxY)
                    if depth == 0 {
                        leafOf[Int(cell.rowid - lowest)] = Int32(node)
                    } else {
                        writeParent.bindInt(cell.rowid, at: 1)
                        writeParent.bindInt(node, at: 2)
                        try writeParent.run()
                    }
                }
                try data.withUnsafeBytes { bytes in
                    writeNode.bindInt(node, at: 1)
                    writeNode.bindBlob(bytes, at: 2)
                    try writeNode.run()
                }
                parents.append(box)
            }
            if isRoot { break }
            level = parents
            depth += 1
        }
        try writeRowLeaves(leafOf, lowest: lowest)
    }

    /// Writes the row-to-leaf map in row-id order, 256 rows to an INSERT.
    private func writeRowLeaves(_ leafOf: [Int32], lowest: Int64) throws {
        let perInsert = 256
        var statements: [Int: Statement] = [:]
        var held: [(Int64, Int64)] = []
        held.reserveCapacity(perInsert)
        func write() throws {
            let n = held.count
            guard n > 0 else { return }
            let insert: Statement
            if let cached = statements[n] {
                insert = cached
            } else {
                insert = try db.prepare(
                    "INSERT INTO \"\(index)_rowid\"(rowid, nodeno) VALUES "
                        + Array(repeating: "(?, ?)", count: n).joined(separator: ","))
                statements[n] = insert
            }
            for (k, pair) in held.enumerated() {
                insert.bindInt(pair.0, at: Int32(2 * k + 1))
                insert.bindInt(pair.1, at: Int32(2 * k + 2))
            }
            try insert.run()
            held.removeAll(keepingCapacity: true)
        }
        for (offset, leaf) in leafOf.enumerated() where leaf != 0 {
            held.append((lowest + Int64(offset), Int64(leaf)))
            if held.count == perInsert { try write() }
        }
        try write()
    }

    /// Sorts `entries` by the Hilbert order of their box centres (then by row id).
    static func sortAlongHilbertCurve(_ entries: inout [Entry]) {
        func center(_ e: Entry) -> (Double, Double) {
            (Double(e.minX) / 2 + Double(e.maxX) / 2, Double(e.minY) / 2 + Double(e.maxY) / 2)
        }
        var (minX, maxX, minY, maxY) = (Double.infinity, -Double.infinity, Double.infinity, -Double.infinity)
        for e in entries {
            let (x, y) = center(e)
            (minX, maxX, minY, maxY) = (min(minX, x), max(maxX, x), min(minY, y), max(maxY, y))
        }
        let side = 65_535.0
        let scaleX = maxX > minX ? side / (maxX - minX) : 0
        let scaleY = maxY > minY ? side / (maxY - minY) : 0
        func cell(_ v: Double) -> UInt32 { UInt32(v.isFinite ? max(0, min(side, v)) : 0) }
        for k in entries.indices {
            let (x, y) = center(entries[k])
            entries[k].order = hilbert(cell((x - minX) * scaleX), cell((y - minY) * scaleY))
        }
        entries.sort { ($0.order, $0.rowid) < ($1.order, $1.rowid) }
    }

    /// The distance of cell (x, y) along the Hilbert curve over a 65,536 × 65,536 grid.
    static func hilbert(_ x: UInt32, _ y: UInt32) -> UInt64 {
        let n: UInt32 = 1 << 16
        var (x, y) = (x, y)
        var d: UInt64 = 0
        var s = n / 2
        while s > 0 {
            let rx: UInt32 = x & s > 0 ? 1 : 0
            let ry: UInt32 = y & s > 0 ? 1 : 0
            d += UInt64(s) * UInt64(s) * UInt64((3 * rx) ^ ry)
            if ry == 0 {
                if rx == 1 {
                    x = n - 1 - x
                    y = n - 1 - y
                }
                (x, y) = (y, x)
            }
            s /= 2
        }
        return d
    }

    /// `d` as a 32-bit float no larger than it (`rtreeValueDown` in rtree.c).
    static func down(_ d: Double) -> Float {
        var f = Float(d)
        if Double(f) > d { f = Float(d * (d < 0 ? away : towards)) }
        return f
    }

    /// `d` as a 32-bit float no smaller than it (`rtreeValueUp` in rtree.c).
    static func up(_ d: Double) -> Float {
        var f = Float(d)
        if Double(f) < d { f = Float(d * (d < 0 ? towards : away)) }
        return f
    }

    private static let towards = 1.0 - 1.0 / 8_388_608.0
    private static let away = 1.0 + 1.0 / 8_388_608.0

    /// Stores the low `bytes` bytes of `v` big-endian at `i` (the R*Tree's byte order).
    private static func put(_ v: UInt64, bytes: Int, into data: inout [UInt8], at i: Int) {
        for k in 0..<bytes { data[i + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(bytes - 1 - k))) }
    }
}
