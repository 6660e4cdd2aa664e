import CoverageAnalysis
import CoverageModel

/// The analysis measure a claim's technology set (combined with OR) maps onto.
///
/// - one generation → that generation ("4G");
/// - {4G, 5G} → "4G+";
/// - just fibre → "fibre";
/// - fibre and mobile generations → "broadband" with the lowest listed generation as the minimum;
/// - other sets of several generations without fibre are refused: the analysis has no
///   "mobile 3G or better" measure, so such a claim must list fibre or one generation.
public struct ClaimMeasure: Sendable, Hashable {
    /// The measure key in `UnitFigures.coverage`.
    public var key: Measure
    /// For broadband: the weakest generation that counts.
    public var broadbandMinimum: Technology?
    /// The set includes fibre.
    public var includesFibre: Bool
    /// Institutions: "fixed" was listed (any fixed broadband connection counts).
    public var includesFixed: Bool
    /// The mobile generations listed, sorted.
    public var generations: [Technology]

    /// Maps a claim's technology list; throws when a name is unknown or the set cannot be measured.
    public init(claim: Claim) throws {
        var gens: Set<Technology> = []
        var fibre = false
        var fixed = false
        for name in claim.technologies {
            let t = name.trimmingCharacters(in: .whitespaces).lowercased()
            if t == "fixed" || t == "fixed broadband" {
                fixed = true
                continue
            }
            guard let listed = Measure(lenient: t) else {
                throw ClaimError(
                    message: "unknown technology '\(name)'; use 2G, 3G, 4G, 5G, fibre (or fixed for institutions)")
            }
            // "broadband" in a claim is fibre or 3G and better, whatever the run's minimum.
            let parts = listed.components(broadbandMinimum: .g3)
            if parts.fibre { fibre = true }
            gens.formUnion(parts.generations)
        }
        includesFibre = fibre
        includesFixed = fixed
        generations = gens.sorted()
        if claim.metric == .institutions {
            // Institutions count recorded connections; the key is used for the fibre-reach alternative.
            key = .fibre
            broadbandMinimum = nil
            return
        }
        if fixed && !fibre && gens.isEmpty {
            throw ClaimError(
                message: "'fixed' applies to institutions only; use fibre for households, hamlets, area or communes")
        }
        let lowest = generations.first
        if fibre || fixed {
            if let lowest {
                key = .broadband
                broadbandMinimum = lowest
            } else {
                key = .fibre
                broadbandMinimum = nil
            }
        } else if generations.count == 1, let only = lowest {
            key = Measure(only)
            broadbandMinimum = nil
        } else if Set(generations) == [.g4, .g5] {
            key = .g4plus
            broadbandMinimum = nil
        } else {
            throw ClaimError(
                message: "technology set \(claim.technologies) cannot be measured: use one generation, 4G+5G, "
                    + "fibre, or fibre with generations (broadband)")
        }
    }

    /// A readable description, e.g. "broadband (fibre or 3G+)".
    public var label: String { key.label(broadbandMinimum: broadbandMinimum) }
}
