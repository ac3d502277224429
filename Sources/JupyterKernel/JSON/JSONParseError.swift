/// Why bytes could not be read as a JSON value.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
}
