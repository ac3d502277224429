/// Turns cell text into tokens with 1-based locations, INDENT/DEDENT from an indent stack.
///
/// Indentation is ignored inside brackets and after a `\` line continuation, as in Python
/// (and starlark-go's `scan.go`).
struct Lexer {
    private let src: [Unicode.Scalar]
    private var pos = 0
    private var line = 1
    private var lineStart = 0
    private var tokens: [Token] = []
    private var indentStack = [0]
    private var brackets: [(char: Unicode.Scalar, location: SourceLocation)] = []
    private var atLineStart = true
    /// Set when input ends inside brackets.
    private(set) var unclosedBracket: SyntaxErrorInfo?
    /// Line and column offsets added to every location (for f-string fields).
    private let lineOffset: Int
    private let columnOffset: Int

    init(_ text: String, line: Int = 1, column: Int = 1) {
        src = Array(text.unicodeScalars)
        lineOffset = line - 1
        columnOffset = column - 1
    }

    /// The tokens of the whole text, ending with NEWLINE (if any tokens), DEDENTs and EOF.
    static func tokenize(_ text: String) throws -> [Token] {
        var lexer = Lexer(text)
        let tokens = try lexer.run()
        if let e = lexer.unclosedBracket { throw e }
        return tokens
    }

    private var here: SourceLocation {
        let col = pos - lineStart + 1
        return SourceLocation(line: line + lineOffset, column: line == 1 ? col + columnOffset : col)
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let p = pos + offset
        return p >= 0 && p < src.count ? src[p] : nil
    }

    private mutating func advance() {
        if pos < src.count, src[pos] == "\n" {
            line += 1
            lineStart = pos + 1
        }
        pos += 1
    }

    private func error(_ message: String, _ loc: SourceLocation? = nil, incomplete: Bool = false,
                       name: String = "SyntaxError") -> SyntaxErrorInfo {
        SyntaxErrorInfo(name: name, message: message, location: loc ?? here, incomplete: incomplete)
    }

    mutating func run() throws -> [Token] {
        while true {
            if atLineStart && brackets.isEmpty {
                if try !handleIndentation() { break }
            }
            guard let c = peek() else { break }
            switch c {
            case " ", "\t", "\u{0C}", "\r":
                advance()
            case "#":
                while let d = peek(), d != "\n" { advance() }
            case "\\":
                if peek(1) == "\n" {
                    advance(); advance()
                } else if peek(1) == "\r" && peek(2) == "\n" {
                    advance(); advance(); advance()
                } else if peek(1) == nil {
                    throw error("unexpected EOF while parsing", incomplete: true)
                } else {
                    throw error("unexpected character after line continuation character")
                }
            case "\n":
                if brackets.isEmpty {
                    if let last = tokens.last, last.kind != .newline {
                        tokens.append(Token(kind: .newline, location: here))
                    }
                    atLineStart = true
                }
                advance()
            case "0"..."9":
                try lexNumber()
            case "." where peek(1).map { ("0"..."9").contains($0) } ?? false:
                try lexNumber()
            case "'", "\"":
                try lexString(prefix: "")
            default:
                if isIdentifierStart(c) {
                    let start = here
                    let begin = pos
                    while let d = peek(), isIdentifierContinue(d) { advance() }
                    let word = String(String.UnicodeScalarView(src[begin..<pos]))
                    if let q = peek(), q == "'" || q == "\"", isStringPrefix(word) {
                        try lexString(prefix: word.lowercased(), start: start)
                    } else {
                        tokens.append(Token(kind: .name(word), location: start))
                    }
                } else {
                    try lexOperator()
                }
            }
        }
        if let open = brackets.last {
            // Reported only if the parser finds nothing wrong before the end (as CPython does).
            unclosedBracket = error("'\(open.char)' was never closed", open.location, incomplete: true)
        }
        if let last = tokens.last, last.kind != .newline {
            tokens.append(Token(kind: .newline, location: here))
        }
        while indentStack.count > 1 {
            indentStack.removeLast()
            tokens.append(Token(kind: .dedent, location: here))
        }
        tokens.append(Token(kind: .eof, location: here))
        return tokens
    }

    /// Measures the indentation of a new logical line; false at end of input.
    private mutating func handleIndentation() throws -> Bool {
        while true {
            var width = 0
            while let c = peek(), c == " " || c == "\t" || c == "\u{0C}" {
                if c == "\t" { width = (width / 8 + 1) * 8 } else if c == " " { width += 1 } else { width = 0 }
                advance()
            }
            guard let c = peek() else { return false }
            if c == "\n" || c == "#" || c == "\r" {
                while let d = peek(), d != "\n" { advance() }
                if peek() == "\n" { advance() }
                continue
            }
            atLineStart = false
            let current = indentStack.last ?? 0
            if width > current {
                indentStack.append(width)
                tokens.append(Token(kind: .indent, location: here))
            } else if width < current {
                while let top = indentStack.last, top > width {
                    indentStack.removeLast()
                    tokens.append(Token(kind: .dedent, location: here))
                }
                if indentStack.last != width {
                    throw error("unindent does not match any outer indentation level", name: "IndentationError")
                }
            }
            return true
        }
    }

    private func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c)
            || (c.value > 127 && (c.properties.isXIDStart))
    }

    private func isIdentifierContinue(_ c: Unicode.Scalar) -> Bool {
        isIdentifierStart(c) || ("0"..."9").contains(c) || (c.value > 127 && c.properties.isXIDContinue)
    }

    private func isStringPrefix(_ word: String) -> Bool {
        ["r", "u", "f", "b", "rf", "fr", "br", "rb"].contains(word.lowercased())
    }

    // MARK: Numbers

    private mutating func lexNumber() throws {
        let start = here
        let begin = pos
        if peek() == "0", let x = peek(1), "xXoObB".unicodeScalars.contains(x) {
            advance(); advance()
            let radix: Int64 = (x == "x" || x == "X") ? 16 : (x == "o" || x == "O") ? 8 : 2
            var value: Int64 = 0
            var digits = 0
            while let d = peek(), d == "_" || d.properties.isASCIIHexDigit || ("0"..."9").contains(d) {
                advance()
                if d == "_" { continue }
                guard let dv = Int64(String(d), radix: 16), dv < radix else {
                    throw error("invalid digit '\(d)' in literal", start)
                }
                let (m, o1) = value.multipliedReportingOverflow(by: radix)
                let (a, o2) = m.addingReportingOverflow(dv)
                if o1 || o2 { throw error("integer literal too large (integers are 64-bit)", start) }
                value = a
                digits += 1
            }
            if digits == 0 { throw error("invalid literal", start) }
            tokens.append(Token(kind: .int(value), location: start))
            return
        }
        var isFloat = false
        while let d = peek(), ("0"..."9").contains(d) || d == "_" { advance() }
        if peek() == ".", !(peek(1).map(isIdentifierStart) ?? false) || peek(1) == "e" || peek(1) == "E" {
            isFloat = true
            advance()
            while let d = peek(), ("0"..."9").contains(d) || d == "_" { advance() }
        }
        if let e = peek(), e == "e" || e == "E" {
            var k = 1
            if let s = peek(1), s == "+" || s == "-" { k = 2 }
            if let d = peek(k), ("0"..."9").contains(d) {
                isFloat = true
                for _ in 0..<k { advance() }
                while let d = peek(), ("0"..."9").contains(d) || d == "_" { advance() }
            }
        }
        if let j = peek(), j == "j" || j == "J" {
            throw error("complex numbers are not supported", start)
        }
        let text = String(String.UnicodeScalarView(src[begin..<pos])).replacingUnderscores()
        if isFloat {
            guard let v = Double(text) else { throw error("invalid float literal", start) }
            tokens.append(Token(kind: .float(v), location: start))
        } else {
            if text.count > 1, text.hasPrefix("0"), text.contains(where: { $0 != "0" }) {
                throw error("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", start)
            }
            guard let v = Int64(text) else {
                throw error("integer literal too large (integers are 64-bit)", start)
            }
            tokens.append(Token(kind: .int(v), location: start))
        }
        if let c = peek(), isIdentifierStart(c) {
            throw error("invalid decimal literal", start)
        }
    }

    // MARK: Strings

    private mutating func lexString(prefix: String, start: SourceLocation? = nil) throws {
        let start = start ?? here
        let raw = prefix.contains("r")
        let isF = prefix.contains("f")
        if prefix.contains("b") { throw error("bytes literals are not supported", start) }
        guard let quote = peek() else { return }
        let triple = peek(1) == quote && peek(2) == quote
        let qlen = triple ? 3 : 1
        for _ in 0..<qlen { advance() }
        let contentStart = here
        var content: [Unicode.Scalar] = []
        while true {
            guard let c = peek() else {
                if triple {
                    throw error("unterminated triple-quoted string literal (detected at line \(line + lineOffset))", start, incomplete: true)
                }
                throw error("unterminated string literal (detected at line \(line + lineOffset))", start)
            }
            if c == "\\" {
                guard let n = peek(1) else { advance(); continue }
                content.append(c)
                content.append(n)
                advance(); advance()
                continue
            }
            if c == "\n" && !triple {
                throw error("unterminated string literal (detected at line \(line + lineOffset))", start)
            }
            if c == quote && (!triple || (peek(1) == quote && peek(2) == quote)) {
                for _ in 0..<qlen { advance() }
                break
            }
            content.append(c)
            advance()
        }
        if isF {
            let parts = try parseFString(content, raw: raw, start: contentStart)
            tokens.append(Token(kind: .fstring(parts), location: start))
        } else {
            let s = raw ? String(String.UnicodeScalarView(content)) : try decodeEscapes(content, start)
            // Adjacent literals concatenate ("a" "b").
            if let last = tokens.last, case .string(let prev) = last.kind {
                tokens[tokens.count - 1].kind = .string(prev + s)
            } else {
                tokens.append(Token(kind: .string(s), location: start))
            }
        }
    }

    private func decodeEscapes(_ s: [Unicode.Scalar], _ loc: SourceLocation) throws -> String {
        var out = String.UnicodeScalarView()
        var i = 0
        func hex(_ n: Int) throws -> Unicode.Scalar {
            guard i + n < s.count else { throw error("truncated \\x escape", loc) }
            let digits = String(String.UnicodeScalarView(s[(i + 1)...(i + n)]))
            guard let v = UInt32(digits, radix: 16), let u = Unicode.Scalar(v) else {
                throw error("invalid escape \\\(digits)", loc)
            }
            i += n
            return u
        }
        while i < s.count {
            let c = s[i]
            if c != "\\" || i + 1 >= s.count { out.append(c); i += 1; continue }
            i += 1
            let e = s[i]
            switch e {
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "\\": out.append("\\")
            case "'": out.append("'")
            case "\"": out.append("\"")
            case "a": out.append("\u{07}")
            case "b": out.append("\u{08}")
            case "f": out.append("\u{0C}")
            case "v": out.append("\u{0B}")
            case "\n": break
            case "x": out.append(try hex(2))
            case "u": out.append(try hex(4))
            case "U": out.append(try hex(8))
            case "0"..."7":
                var v: UInt32 = 0
                var k = 0
                while k < 3, i < s.count, ("0"..."7").contains(s[i]) {
                    v = v * 8 + (s[i].value - 48)
                    i += 1; k += 1
                }
                i -= 1
                out.append(Unicode.Scalar(v) ?? "?")
            default:
                out.append("\\"); out.append(e)
            }
            i += 1
        }
        return String(out)
    }

    /// Splits f-string content into literal text and `{...}` fields.
    private func parseFString(_ s: [Unicode.Scalar], raw: Bool, start: SourceLocation) throws -> [FStringPart] {
        var parts: [FStringPart] = []
        var literal: [Unicode.Scalar] = []
        var i = 0
        var ln = start.line
        var col = start.column
        func flush() throws {
            if !literal.isEmpty {
                let text = raw ? String(String.UnicodeScalarView(literal)) : try decodeEscapes(literal, start)
                parts.append(.literal(text))
                literal = []
            }
        }
        func step() {
            if s[i] == "\n" { ln += 1; col = 1 } else { col += 1 }
            i += 1
        }
        while i < s.count {
            let c = s[i]
            if c == "{" {
                if i + 1 < s.count, s[i + 1] == "{" { literal.append("{"); step(); step(); continue }
                try flush()
                step()
                let exprLoc = SourceLocation(line: ln, column: col)
                var depth = 0
                var expr: [Unicode.Scalar] = []
                var conversion: Character?
                var spec: [Unicode.Scalar] = []
                var inQuote: Unicode.Scalar?
                var state = 0 // 0 expr, 1 spec
                var closed = false
                while i < s.count {
                    let d = s[i]
                    if state == 1 {
                        if d == "{" { depth += 1 }
                        if d == "}" {
                            if depth == 0 { closed = true; step(); break }
                            depth -= 1
                        }
                        spec.append(d); step(); continue
                    }
                    if let q = inQuote {
                        if d == q { inQuote = nil }
                        expr.append(d); step(); continue
                    }
                    if d == "'" || d == "\"" { inQuote = d; expr.append(d); step(); continue }
                    if "([{".unicodeScalars.contains(d) { depth += 1 }
                    if ")]".unicodeScalars.contains(d) { depth -= 1 }
                    if d == "}" {
                        if depth == 0 { closed = true; step(); break }
                        depth -= 1
                    }
                    if depth == 0 && d == "!" && i + 1 < s.count && s[i + 1] != "=" {
                        step()
                        guard i < s.count, "rsa".unicodeScalars.contains(s[i]) else {
                            throw error("f-string: invalid conversion character: expected 's', 'r', or 'a'", exprLoc)
                        }
                        conversion = Character(s[i])
                        step()
                        if i < s.count && s[i] == ":" { state = 1; step(); continue }
                        guard i < s.count, s[i] == "}" else { throw error("f-string: expecting '}'", exprLoc) }
                        closed = true; step(); break
                    }
                    if depth == 0 && d == ":" { state = 1; step(); continue }
                    expr.append(d); step()
                }
                if !closed { throw error("f-string: expecting '}'", exprLoc) }
                var source = String(String.UnicodeScalarView(expr))
                if source.trimmingWhitespace().isEmpty {
                    throw error("f-string: valid expression required before '}'", exprLoc)
                }
                // `{expr=}` shows the expression text, then its repr (unless a conversion or spec is given).
                let trimmed = source.trimmingWhitespace()
                if trimmed.hasSuffix("="), !["==", "!=", "<=", ">="].contains(where: { trimmed.hasSuffix($0) }) {
                    parts.append(.literal(source))
                    source = String(trimmed.dropLast())
                    if conversion == nil && spec.isEmpty { conversion = "r" }
                }
                let specParts = spec.isEmpty ? [] : try parseFString(spec, raw: raw, start: exprLoc)
                parts.append(.field(source: source, location: exprLoc, conversion: conversion, spec: specParts))
            } else if c == "}" {
                if i + 1 < s.count, s[i + 1] == "}" { literal.append("}"); step(); step(); continue }
                throw error("f-string: single '}' is not allowed", SourceLocation(line: ln, column: col))
            } else {
                if c == "\\" && i + 1 < s.count { literal.append(c); step() }
                literal.append(s[i]); step()
            }
        }
        try flush()
        return parts
    }

    // MARK: Operators

    private static let operators3 = ["**=", "//=", ">>=", "<<=", "..."]
    private static let operators2 = ["**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=",
                                     "&=", "|=", "^=", "@=", "<<", ">>", "->", ":="]
    private static let operators1 = Set("+-*/%@&|^~<>()[]{},:.;=".unicodeScalars)

    private mutating func lexOperator() throws {
        let start = here
        func text(_ n: Int) -> String? {
            guard pos + n <= src.count else { return nil }
            return String(String.UnicodeScalarView(src[pos..<(pos + n)]))
        }
        for (n, table) in [(3, Lexer.operators3), (2, Lexer.operators2)] {
            if let t = text(n), table.contains(t) {
                for _ in 0..<n { advance() }
                tokens.append(Token(kind: .op(t), location: start))
                return
            }
        }
        guard let c = peek(), Lexer.operators1.contains(c) else {
            let ch = peek().map { String($0) } ?? "?"
            throw error("invalid character '\(ch)' (U+\(String(peek()?.value ?? 0, radix: 16, uppercase: true)))", start)
        }
        advance()
        switch c {
        case "(", "[", "{":
            if brackets.count >= 200 { throw error("too many nested parentheses", start) }
            brackets.append((c, start))
        case ")", "]", "}":
            guard let open = brackets.popLast() else { throw error("unmatched '\(c)'", start) }
            let expected: Unicode.Scalar = open.char == "(" ? ")" : open.char == "[" ? "]" : "}"
            if c != expected {
                throw error("closing parenthesis '\(c)' does not match opening parenthesis '\(open.char)'", start)
            }
        default: break
        }
        tokens.append(Token(kind: .op(String(c)), location: start))
    }
}

extension String {
    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }

    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
