import CoverageModel

/// What ``GeometryPipeline`` checks of a geometry as read — its structure, lon/lat ranges, an edge
/// across the antimeridian, its box — worked out ahead, on a parse thread.
///
/// Valid for the geometry as read only: the pipeline uses it when it does not reproject.
struct GeometryFacts: Sendable {
    /// `structuralProblem`.
    let structuralProblem: String?
    /// `isLonLat` (false, and not used, for a geometry with a structural problem).
    let isLonLat: Bool
    /// `antimeridianEdge` (nil, and not used, for a geometry with a structural problem).
    let antimeridianEdge: (Coordinate, Coordinate)?
    /// `boundingBox` (nil, and not used, for a geometry with a structural problem).
    let boundingBox: BoundingBox?

    /// The facts of `geometry`; only its structure when that has a problem (the rest is asked of
    /// sound geometries only, as the pipeline asks it).
    init(_ geometry: Geometry) {
        structuralProblem = geometry.structuralProblem
        guard structuralProblem == nil else {
            isLonLat = false
            antimeridianEdge = nil
            boundingBox = nil
            return
        }
        isLonLat = geometry.isLonLat
        antimeridianEdge = isLonLat ? geometry.antimeridianEdge : nil
        boundingBox = geometry.boundingBox
    }
}
