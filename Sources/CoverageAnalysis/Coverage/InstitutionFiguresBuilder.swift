import CoverageModel
import GeometryKernels

/// Institution connectivity per kind: by recorded connection and evidence, and by fibre reach.
enum InstitutionFiguresBuilder {
    /// The figures per kind, with each institution's fibre reach from `fibre`.
    static func build(_ institutions: [Institution], fibre: SegmentIndex, parameters: CoverageParameters)
        -> [InstitutionFigures]
    {
        build(institutions, reach: reach(institutions, fibre: fibre, parameters: parameters), parameters: parameters)
    }

    /// Per kind (`InstitutionKind.allCases` order): how many institutions lie within the drop
    /// distance of the counted fibre.
    static func reach(_ institutions: [Institution], fibre: SegmentIndex, parameters: CoverageParameters) -> [Int] {
        InstitutionKind.allCases.map { kind in
            institutions.filter {
                $0.kind == kind && fibre.anyWithin($0.position, metres: parameters.fibreDistanceMetres)
            }.count
        }
    }

    /// The figures per kind, `reach` giving each kind's institutions within fibre reach (as `reach(_:fibre:parameters:)`).
    static func build(_ institutions: [Institution], reach: [Int], parameters: CoverageParameters)
        -> [InstitutionFigures]
    {
        zip(InstitutionKind.allCases, reach).compactMap { kind, reach in
            let members = institutions.filter { $0.kind == kind }
            guard !members.isEmpty else { return nil }
            func connected(_ i: Institution, minimum: EvidenceGrade) -> Bool {
                guard i.connection.isFixedBroadband, i.evidence >= minimum else { return false }
                if let floor = parameters.minimumSpeedMbps { return (i.speedMbps ?? 0) >= floor }
                return true
            }
            let n = members.filter { connected($0, minimum: parameters.minimumEvidence) }.count
            var byEvidence: [String: Int] = [:]
            for grade in EvidenceGrade.allCases {
                byEvidence[grade.rawValue] = members.filter { connected($0, minimum: grade) }.count
            }
            var byConnection: [String: Int] = [:]
            for i in members { byConnection[i.connection.rawValue, default: 0] += 1 }
            return InstitutionFigures(
                kind: kind.rawValue, count: members.count, connected: n,
                connectedShare: FiguresBuilder.share(n, members.count), connectedByEvidence: byEvidence,
                withinFibreReach: reach, fibreReachShare: FiguresBuilder.share(reach, members.count),
                byConnection: byConnection)
        }
    }
}
