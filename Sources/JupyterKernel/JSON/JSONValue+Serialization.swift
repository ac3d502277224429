#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension JSONValue {
    /// Parses UTF-8 JSON bytes with `JSONDecoder`; top-level scalars are allowed.
    public static func parse(_ data: Data) throws(JSONParseError) -> JSONValue {
        // Most parent_header and metadata frames are `{}`: skip the decoder's set-up for them.
        if data.count == 2 && data.first == UInt8(ascii: "{") && data.last == UInt8(ascii: "}") {
            return .object([:])
        }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw JSONParseError(description: "invalid JSON: \(Self.reason(error))")
        }
    }

    /// Compact UTF-8 JSON with sorted keys (stable bytes make signatures reproducible in tests).
    public func serialized() -> Data {
        // Empty metadata and parent headers are common; the encoder's set-up costs microseconds.
        if case .object(let members) = self, members.isEmpty { return Data("{}".utf8) }
        // `encode(to:)` maps non-finite doubles to null and every other case has a JSON form,
        // so this cannot fail; never trap if it ever does.
        return (try? Self.compactEncoder.encode(self)) ?? Data("null".utf8)
    }

    /// Indented JSON with sorted keys, for files people read (kernel.json).
    public func prettySerialized() -> Data {
        (try? Self.prettyEncoder.encode(self)) ?? Data("null".utf8)
    }

    /// `serialized()` as a String, for logs and tests.
    public var jsonString: String {
        String(decoding: serialized(), as: UTF8.self)
    }

    /// Encoders are reused: their options are fixed after creation and `encode` is thread-safe.
    private static let compactEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private static let prettyEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// A one-line reason for a decoding failure (the debug description, not the coding path dump).
    private static func reason(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return context.underlyingError.map { "\($0)" } ?? context.debugDescription
        }
        return "\(error)"
    }
}

extension JSONValue: Codable {
    /// Reads any JSON value. Integers that fit an `Int` (including integral forms such as `1.0`
    /// or `1e2`, which read as numbers equal to an integer) become `.int`; other numbers `.double`.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Most values in Jupyter messages are strings, so that kind is tried first: each failed
        // attempt costs a thrown `DecodingError`.
        if container.decodeNil() {
            self = .null
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let members = try? container.decode([String: JSONValue].self) {
            self = .object(members)
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let int = try? container.decode(Int.self) {
            self = .int(int)
        } else if let double = try? container.decode(Double.self) {
            self = .double(double)
        } else {
            self = .array(try container.decode([JSONValue].self))
        }
    }

    /// Writes the value; non-finite doubles (which JSON cannot represent) become `null`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value):
            if value.isFinite { try container.encode(value) } else { try container.encodeNil() }
        case .string(let value): try container.encode(value)
        case .array(let elements): try container.encode(elements)
        case .object(let members): try container.encode(members)
        }
    }
}
