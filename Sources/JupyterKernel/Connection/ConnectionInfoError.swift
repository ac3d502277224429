/// Why a connection file cannot be used; `description` is one line for the user.
public enum ConnectionInfoError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadableFile(path: String, reason: String)
    case invalidJSON(path: String, reason: String)
    case missingField(path: String, field: String)
    case invalidField(path: String, field: String, reason: String)
    case unsupportedSignatureScheme(path: String, scheme: String)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            return "cannot read connection file \(path): \(reason)"
        case .invalidJSON(let path, let reason):
            return "connection file \(path) is not valid JSON: \(Self.oneLine(reason))"
        case .missingField(let path, let field):
            return "connection file \(path) lacks the field \"\(field)\""
        case .invalidField(let path, let field, let reason):
            return "connection file \(path) has an invalid \"\(field)\": \(Self.oneLine(reason))"
        case .unsupportedSignatureScheme(let path, let scheme):
            return "connection file \(path) asks for signature_scheme \"\(scheme)\"; only \"\(ConnectionInfo.supportedSignatureScheme)\" is supported"
        }
    }

    /// Keeps the promise of a single line even when Foundation's message spans several.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
