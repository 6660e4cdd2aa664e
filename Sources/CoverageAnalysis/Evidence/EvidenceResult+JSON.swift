import CoverageModel

/// JSON for `covaudit evidence -f json`: snake_case keys, "not computed" as null (never 0).
extension EvidenceResult: Encodable {
    enum CodingKeys: String, CodingKey {
        case parameters, operators, rows
        case asOf = "as_of"
        case outsideCommunes = "outside_communes"
        case challengeCandidates = "challenge_candidates"
        case servedUndeclared = "served_undeclared"
        case speedTiles = "speed_tiles"
        case speedTilesWrongZoom = "speed_tiles_wrong_zoom"
        case institutions
        case unattachedProbeTests = "unattached_probe_tests"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(parameters, forKey: .parameters)
        try c.encode(asOf, forKey: .asOf)
        try c.encode(operators, forKey: .operators)
        try c.encode(rows, forKey: .rows)
        try c.encode(outsideCommunes, forKey: .outsideCommunes)
        try c.encode(challengeCandidates, forKey: .challengeCandidates)
        try c.encode(servedUndeclared, forKey: .servedUndeclared)
        try c.encode(speedTiles, forKey: .speedTiles)
        try c.encode(speedTilesWrongZoom, forKey: .speedTilesWrongZoom)
        try c.encode(institutions, forKey: .institutions)
        try c.encode(unattachedProbeTests, forKey: .unattachedProbeTests)
    }
}

extension EvidenceRow: Encodable {
    enum CodingKeys: String, CodingKey {
        case tests, excluded, valid, strength
        case communeCode = "commune_code"
        case operatorName = "operator"
        case insideDeclared = "inside_declared"
        case outsideDeclared = "outside_declared"
        case insidePassing = "inside_passing"
        case outsidePassing = "outside_passing"
        case insideShare = "inside_share"
        case insideInterval = "inside_interval"
        case tierCounts = "tier_counts"
        case testsPerSquareKm = "tests_per_km2"
        case testsPerThousandHouseholds = "tests_per_1000_households"
        case downloadTests = "download_tests"
        case medianDownloadMbps = "median_download_mbps"
        case p10DownloadMbps = "p10_download_mbps"
        case insideByTechnology = "inside_by_technology"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(communeCode, forKey: .communeCode)
        try c.encode(operatorName, forKey: .operatorName)
        try c.encode(tests, forKey: .tests)
        try c.encode(
            Dictionary(uniqueKeysWithValues: excluded.map { ($0.key.rawValue, $0.value) }), forKey: .excluded)
        try c.encode(valid, forKey: .valid)
        try c.encode(insideDeclared, forKey: .insideDeclared)
        try c.encode(outsideDeclared, forKey: .outsideDeclared)
        try c.encode(insidePassing, forKey: .insidePassing)
        try c.encode(outsidePassing, forKey: .outsidePassing)
        try c.encode(insideShare, forKey: .insideShare)
        try c.encode(insideInterval, forKey: .insideInterval)
        try c.encode(tierCounts, forKey: .tierCounts)
        try c.encode(testsPerSquareKm, forKey: .testsPerSquareKm)
        try c.encode(testsPerThousandHouseholds, forKey: .testsPerThousandHouseholds)
        try c.encode(downloadTests, forKey: .downloadTests)
        try c.encode(medianDownloadMbps, forKey: .medianDownloadMbps)
        try c.encode(p10DownloadMbps, forKey: .p10DownloadMbps)
        try c.encode(strength, forKey: .strength)
        try c.encode(
            Dictionary(uniqueKeysWithValues: insideByTechnology.map { ($0.key.rawValue, $0.value) }),
            forKey: .insideByTechnology)
    }
}

extension InsideCounts: Encodable {
    enum CodingKeys: String, CodingKey { case inside, passing }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(inside, forKey: .inside)
        try c.encode(passing, forKey: .passing)
    }
}

extension InstitutionEvidence: Encodable {
    enum CodingKeys: String, CodingKey {
        case tests, passing, strength
        case institutionID = "institution_id"
        case medianDownloadMbps = "median_download_mbps"
        case newestTime = "newest_time"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(institutionID, forKey: .institutionID)
        try c.encode(tests, forKey: .tests)
        try c.encode(passing, forKey: .passing)
        try c.encode(medianDownloadMbps, forKey: .medianDownloadMbps)
        try c.encode(newestTime, forKey: .newestTime)
        try c.encode(strength, forKey: .strength)
    }
}

extension EvidenceCell: Encodable {
    enum CodingKeys: String, CodingKey {
        case quadkey, technology, tests, passing, share, interval
        case communeCode = "commune_code"
        case operatorName = "operator"
        case pValue = "p_value"
        case testIDs = "test_ids"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(quadkey.digits, forKey: .quadkey)
        try c.encode(communeCode, forKey: .communeCode)
        try c.encode(operatorName, forKey: .operatorName)
        try c.encode(technology, forKey: .technology)
        try c.encode(tests, forKey: .tests)
        try c.encode(passing, forKey: .passing)
        try c.encode(share, forKey: .share)
        try c.encode(interval, forKey: .interval)
        try c.encode(pValue, forKey: .pValue)
        try c.encode(testIDs, forKey: .testIDs)
    }
}

extension SpeedTileSummary: Encodable {
    enum CodingKeys: String, CodingKey {
        case kind, tiles, tests, devices
        case communeCode = "commune_code"
        case averageDownloadMbps = "average_download_mbps"
        case averageUploadMbps = "average_upload_mbps"
        case averageLatencyMs = "average_latency_ms"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(communeCode, forKey: .communeCode)
        try c.encode(kind, forKey: .kind)
        try c.encode(tiles, forKey: .tiles)
        try c.encode(tests, forKey: .tests)
        try c.encode(devices, forKey: .devices)
        try c.encode(averageDownloadMbps, forKey: .averageDownloadMbps)
        try c.encode(averageUploadMbps, forKey: .averageUploadMbps)
        try c.encode(averageLatencyMs, forKey: .averageLatencyMs)
    }
}
