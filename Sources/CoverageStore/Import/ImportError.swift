import CoverageFormats

/// Why an import failed: the input file, where in it, and the reason; the store is unchanged.
///
/// The same value a reader throws (`FormatError`: file, `.feature`/`.line`/`.file` location,
/// reason), so a reader's error passes through an import as it is.
public typealias ImportError = FormatError
