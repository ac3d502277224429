import Foundation

extension JSONValue {
    /// Parses UTF-8 JSON bytes with `JSONSerialization`; top-level scalars are allowed.
    public static func parse(_ data: Data) throws(JSONParseError) -> JSONValue {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw JSONParseError(description: "invalid JSON: \(error.localizedDescription)")
        }
        return try JSONValue(foundation: object)
    }

    /// Compact UTF-8 JSON with sorted keys (stable bytes make signatures reproducible in tests).
    public func serialized() -> Data {
        // `JSONSerialization` only rejects non-finite numbers and non-JSON types; `foundationObject`
        // maps non-finite doubles to null, so this cannot fail, but never trap if it ever does.
        let options: JSONSerialization.WritingOptions = [.fragmentsAllowed, .sortedKeys, .withoutEscapingSlashes]
        return (try? JSONSerialization.data(withJSONObject: foundationObject, options: options)) ?? Data("null".utf8)
    }

    /// `serialized()` as a String, for logs and tests.
    public var jsonString: String {
        String(decoding: serialized(), as: UTF8.self)
    }

    /// Converts the `Any` tree `JSONSerialization` produces.
    init(foundation object: Any) throws(JSONParseError) {
        switch object {
        case is NSNull:
            self = .null
        case let string as String:
            self = .string(string)
        case let number as NSNumber:
            self = JSONValue(number: number)
        case let array as [Any]:
            var elements: [JSONValue] = []
            elements.reserveCapacity(array.count)
            for element in array { elements.append(try JSONValue(foundation: element)) }
            self = .array(elements)
        case let dictionary as [String: Any]:
            var members: [String: JSONValue] = [:]
            for (key, value) in dictionary { members[key] = try JSONValue(foundation: value) }
            self = .object(members)
        default:
            throw JSONParseError(description: "unexpected JSON value of type \(type(of: object))")
        }
    }

    /// Tells booleans from numbers: on Linux `NSNumber(1) is Bool` is true, so the
    /// Objective-C type code is the reliable test (`c` for booleans, `d`/`f` for doubles).
    private init(number: NSNumber) {
        switch String(cString: number.objCType) {
        case "c", "B":
            self = .bool(number.boolValue)
        case "d", "f":
            self = .double(number.doubleValue)
        case "Q":
            // Unsigned 64-bit values beyond Int.max do not fit an Int.
            let unsigned = number.uint64Value
            self = unsigned <= UInt64(Int.max) ? .int(Int(unsigned)) : .double(number.doubleValue)
        default:
            self = .int(number.intValue)
        }
    }

    /// The `Any` tree `JSONSerialization` writes.
    var foundationObject: Any {
        switch self {
        case .null: return NSNull()
        case .bool(let value): return NSNumber(value: value)
        case .int(let value): return NSNumber(value: value)
        case .double(let value): return value.isFinite ? NSNumber(value: value) : NSNull()
        case .string(let value): return value
        case .array(let elements): return elements.map(\.foundationObject)
        case .object(let members): return members.mapValues(\.foundationObject)
        }
    }
}
