import Testing
@testable import NotebookLanguage

@Suite struct LexerTests {
    @Test func tokensCarryOneBasedLocations() throws {
        let tokens = try Lexer.tokenize("x = 1\nif x:\n    y = 'a'\n")
        #expect(tokens[0] == Token(kind: .name("x"), location: SourceLocation(line: 1, column: 1)))
        #expect(tokens[1] == Token(kind: .op("="), location: SourceLocation(line: 1, column: 3)))
        #expect(tokens[2] == Token(kind: .int(1), location: SourceLocation(line: 1, column: 5)))
        let y = try #require(tokens.first { $0.kind == .name("y") })
        #expect(y.location == SourceLocation(line: 3, column: 5))
    }

    @Test func indentAndDedentFromTheIndentStack() throws {
        let kinds = try Lexer.tokenize("if a:\n  if b:\n    c\nd\n").map(\.kind)
        #expect(kinds.filter { $0 == .indent }.count == 2)
        #expect(kinds.filter { $0 == .dedent }.count == 2)
        let dIndex = try #require(kinds.firstIndex(of: .name("d")))
        #expect(kinds[dIndex - 1] == .dedent && kinds[dIndex - 2] == .dedent)
    }

    @Test func indentationIsIgnoredInsideBracketsAndAfterBackslash() throws {
        let kinds = try Lexer.tokenize("x = [1,\n      2]\ny = 1 + \\\n    2\n").map(\.kind)
        #expect(!kinds.contains(.indent))
        #expect(kinds.filter { $0 == .newline }.count == 2)
    }

    @Test func commentsAndBlankLinesAreSkipped() throws {
        let kinds = try Lexer.tokenize("# c\n\n   \nx  # trailing\n").map(\.kind)
        #expect(kinds == [.name("x"), .newline, .eof])
    }

    @Test func numbers() throws {
        let kinds = try Lexer.tokenize("1 1.5 1e-3 .5 2. 0x1F 0b101 0o17 1_000 3E2").map(\.kind)
        #expect(Array(kinds.prefix(10)) == [.int(1), .float(1.5), .float(0.001), .float(0.5), .float(2.0),
                                            .int(31), .int(5), .int(15), .int(1000), .float(300)])
    }

    @Test func strings() throws {
        let source = ["'a\\tb'", "\"q\\\"\"", "r'\\n'", "'''x\ny'''", "'con' \"cat\""].joined(separator: ", ")
        let kinds = try Lexer.tokenize(source).map(\.kind)
        let strings = kinds.filter { if case .string = $0 { return true }; return false }
        #expect(strings == [.string("a\tb"), .string("q\""), .string("\\n"), .string("x\ny"), .string("concat")])
    }

    @Test func fStringFields() throws {
        let tokens = try Lexer.tokenize("f'a{x!r:>5}b{{c}}'")
        guard case .fstring(let parts) = tokens[0].kind else { Issue.record("not an f-string"); return }
        #expect(parts.count == 3)
        #expect(parts[0] == .literal("a"))
        if case .field(let src, let loc, let conv, let spec) = parts[1] {
            #expect(src == "x")
            #expect(loc == SourceLocation(line: 1, column: 5))
            #expect(conv == "r")
            #expect(spec == [.literal(">5")])
        } else { Issue.record("expected a field") }
        #expect(parts[2] == .literal("b{c}"))
    }

    @Test func errors() {
        #expect(throws: SyntaxErrorInfo.self) { try Lexer.tokenize("'abc") }
        #expect(throws: SyntaxErrorInfo.self) { try Lexer.tokenize("x = $") }
        #expect(throws: SyntaxErrorInfo.self) { try Lexer.tokenize("99999999999999999999") }
        do {
            _ = try Lexer.tokenize("'''open")
            Issue.record("expected an error")
        } catch let e as SyntaxErrorInfo {
            #expect(e.incomplete)
        } catch { Issue.record("wrong error") }
        do {
            _ = try Lexer.tokenize("if a:\n    b\n  c\n")
            Issue.record("expected an error")
        } catch let e as SyntaxErrorInfo {
            #expect(e.name == "IndentationError")
            #expect(e.location.line == 3)
        } catch { Issue.record("wrong error") }
    }
}
