import CoverageModel
import GeometryKernels

/// Institution connectivity per kind: by recorded connection and evidence, and by fibre reach.
enum InstitutionFiguresBuilder {
    static func build(_ institutions: [Institution], fibre: SegmentIndex, parameters: CoverageParameters)
        -> [InstitutionFigures]
    {
        InstitutionKind.allCases.compactMap { kind in
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
            let reach = members.filter { fibre.anyWithin($0.position, metres: parameters.fibreDistanceMetres) }.count
            return InstitutionFigures(
                kind: kind.rawValue, count: members.count, connected: n,
                connectedShare: FiguresBuilder.share(n, members.count), connectedByEvidence: byEvidence,
                withinFibreReach: reach, fibreReachShare: FiguresBuilder.share(reach, members.count),
                byConnection: byConnection)
        }
    }
}
