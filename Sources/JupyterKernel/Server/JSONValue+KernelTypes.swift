#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// JSON forms of the interpreter contract's MIME bundles, metadata and payloads.
extension JSONValue {
    /// A MIME bundle as message `data`. JSON MIME types (`application/json`, `...+json`) must
    /// be JSON values on the wire, not strings, so their text is embedded parsed when it parses.
    static func mimeBundle(_ bundle: MimeBundle) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for (mimeType, text) in bundle {
            if mimeType == "application/json" || mimeType.hasSuffix("+json"),
                let parsed = try? JSONValue.parse(Data(text.utf8))
            {
                members[mimeType] = parsed
            } else {
                members[mimeType] = .string(text)
            }
        }
        return .object(members)
    }

    /// String-valued metadata as a JSON object.
    static func strings(_ dictionary: [String: String]) -> JSONValue {
        .object(dictionary.mapValues(JSONValue.string))
    }

    /// An execute reply `payload` entry.
    static func payload(_ payload: Payload) -> JSONValue {
        switch payload {
        case .page(let bundle, let start):
            return ["source": "page", "data": mimeBundle(bundle), "start": .int(start)]
        }
    }
}
