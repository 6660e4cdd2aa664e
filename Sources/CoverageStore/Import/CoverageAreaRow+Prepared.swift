import CoverageFormats
import CoverageModel

extension CoverageAreaRow {
    /// The row of record `r` made ahead (on a parse thread), with its geometry as read: what
    /// `bind(to:)` binds for the same record and geometry, or the error making the row throws.
    ///
    /// Valid only for a geometry the import stores as read (not reprojected, not repaired).
    static func prepared(_ r: InputRecord, _ c: RowContext) -> Result<PreparedRow, any Error> {
        Result { try CoverageAreaRow(r, c, datasetID: 0, geometry: r.geometry).prepared }
    }

    /// The row's parameters in `insertSQL`'s order, the dataset id left to the import thread.
    var prepared: PreparedRow {
        var row = PreparedRow(parameters: 9, textBytes: 64)
        row.add(text: externalID)
        row.add(text: operatorName)
        row.add(text: technology.rawValue)
        row.add(text: source.rawValue)
        row.add(real: confidence)
        row.add(text: asOf)
        row.add(text: siteID)
        row.addDatasetID()
        row.add(spatiaLite: geometry)
        return row
    }
}
