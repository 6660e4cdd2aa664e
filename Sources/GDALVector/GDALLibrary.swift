import CGDAL

/// GDAL's drivers registered once per process, with its error printing silenced (messages are
/// read back with `CPLGetLastErrorMsg` and put into our own errors).
private let registration: Void = {
    GDALAllRegister()
    CPLSetErrorHandler(CPLQuietErrorHandler)
}()

/// Process-wide GDAL set-up and error access.
enum GDALLibrary {
    /// Registers the drivers (once) and clears the thread's last error.
    static func prepare() {
        registration
        CPLErrorReset()
    }

    /// The thread's last GDAL/OGR/PROJ error message, or nil when there is none.
    static func lastError() -> String? {
        guard CPLGetLastErrorType() != CE_None, let message = CPLGetLastErrorMsg() else { return nil }
        let text = String(cString: message)
        return text.isEmpty ? nil : text
    }

    /// True when the last call reported a failure (not a warning).
    static var failed: Bool { CPLGetLastErrorType().rawValue >= CE_Failure.rawValue }

    /// `reason`, followed by GDAL's message in parentheses when there is one.
    static func reason(_ reason: String) -> String {
        guard let message = lastError() else { return reason }
        return "\(reason) (GDAL: \(message))"
    }

    /// A C string as Swift text, or nil for a null pointer.
    static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
