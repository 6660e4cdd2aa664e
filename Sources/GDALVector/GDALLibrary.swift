import CGDAL
import Foundation

/// GDAL opened (it is not linked: D49), its drivers registered once per process and its error
/// printing silenced (messages are read back with `CPLGetLastErrorMsg` and put into our own
/// errors); or why GDAL could not be opened.
private let registration: String? = {
    if let failure = cgdal_load() { return String(cString: failure) }
    GDALAllRegister()
    CPLSetErrorHandler(CPLQuietErrorHandler)
    return nil
}()

/// Process-wide GDAL set-up and error access.
public enum GDALLibrary {
    /// Opens GDAL and registers its drivers (once), and clears the thread's last error.
    ///
    /// - Throws: `GDALError` when the GDAL library cannot be opened (not installed, or without a
    ///   function this build calls), with the loader's message.
    static func prepare() throws {
        if let failure = registration {
            throw GDALError("GDAL is not available: \(failure) (install GDAL: Scripts/setup.sh)")
        }
        CPLErrorReset()
    }

    /// Opens GDAL on a background thread, for a command that will need it later: its libraries
    /// load while the command does other work. A failure is reported when GDAL is used.
    public static func preload() {
        Thread.detachNewThread { _ = registration }
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
