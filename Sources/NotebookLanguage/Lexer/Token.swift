/// A 1-based line and column (in Unicode scalars) inside one cell.
public struct SourceLocation: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// One piece of an f-string: literal text or a `{expression!conversion:spec}` field.
indirect enum FStringPart: Equatable {
    case literal(String)
    /// `source` is the expression text; `location` where it starts in the cell.
    case field(source: String, location: SourceLocation, conversion: Character?, spec: [FStringPart])
}

/// What a token is; keywords are `.name` and recognised by the parser.
enum TokenKind: Equatable {
    case name(String)
    case int(Int64)
    case float(Double)
    case string(String)
    case fstring([FStringPart])
    case op(String)
    case newline
    case indent
    case dedent
    case eof
}

/// A token and where it starts.
struct Token: Equatable {
    var kind: TokenKind
    var location: SourceLocation

    /// A short description for error messages.
    var display: String {
        switch kind {
        case .name(let n): return "'\(n)'"
        case .int(let v): return "'\(v)'"
        case .float(let v): return "'\(v)'"
        case .string, .fstring: return "string"
        case .op(let o): return "'\(o)'"
        case .newline: return "newline"
        case .indent: return "indent"
        case .dedent: return "dedent"
        case .eof: return "end of input"
        }
    }
}

/// A syntax error found by the lexer or the parser, with the place it was found.
///
/// `incomplete` means more lines could make the code valid (an open bracket, an unterminated
/// triple-quoted string, a block header without body); `is_complete` relies on it.
struct SyntaxErrorInfo: Error, Equatable {
    var name: String = "SyntaxError"
    var message: String
    var location: SourceLocation
    var incomplete: Bool = false
}
