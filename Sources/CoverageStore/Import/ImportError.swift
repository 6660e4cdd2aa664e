import CoverageFormats

/// Why an import failed (the store is unchanged whenever one is thrown): the input file, where in it
/// (feature index, line) or `.file`, and the reason. The same value a reader throws, so a reader's
/// error passes through an import as it is.
public typealias ImportError = FormatError
