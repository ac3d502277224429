import Testing
@testable import NotebookLanguage

@Suite struct ParserTests {
    func expr(_ text: String) throws -> Expr {
        let body = try Parser.parse(text)
        guard case .expression(let e) = body[0].kind else { throw SyntaxErrorInfo(message: "not an expression", location: SourceLocation(line: 1, column: 1)) }
        return e
    }

    /// A compact rendering of the tree to check precedence.
    func show(_ e: Expr) -> String {
        switch e.kind {
        case .name(let n): return n
        case .constant(let v): return (try? v.repr()) ?? "?"
        case .binary(let op, let a, let b): return "(\(show(a)) \(op.rawValue) \(show(b)))"
        case .unary(let op, let a): return "(\(op.rawValue)\(show(a)))"
        case .not(let a): return "(not \(show(a)))"
        case .and(let xs): return "(" + xs.map(show).joined(separator: " and ") + ")"
        case .or(let xs): return "(" + xs.map(show).joined(separator: " or ") + ")"
        case .compare(let a, let rest): return "(" + show(a) + rest.map { " \($0.0.rawValue) " + show($0.1) }.joined() + ")"
        case .conditional(let c, let t, let o): return "(\(show(t)) if \(show(c)) else \(show(o)))"
        case .call(let f, let args): return show(f) + "(\(args.count))"
        case .attribute(let o, let n): return show(o) + "." + n
        case .subscripted(let o, let i): return show(o) + "[" + show(i) + "]"
        case .slice(let a, let b, let c): return [a, b, c].map { $0.map(show) ?? "" }.joined(separator: ":")
        case .tuple(let xs): return "(" + xs.map(show).joined(separator: ", ") + ",)"
        default: return "<\(e.kind)>"
        }
    }

    @Test func precedence() throws {
        #expect(show(try expr("1 + 2 * 3")) == "(1 + (2 * 3))")
        #expect(show(try expr("-2 ** 2")) == "(-(2 ** 2))")
        #expect(show(try expr("2 ** 3 ** 2")) == "(2 ** (3 ** 2))")
        #expect(show(try expr("2 ** -1")) == "(2 ** (-1))")
        #expect(show(try expr("a or b and not c")) == "(a or (b and (not c)))")
        #expect(show(try expr("1 < x < 3")) == "(1 < x < 3)")
        #expect(show(try expr("x not in y is not z")) == "(x not in y is not z)")
        #expect(show(try expr("a if c else b if d else e")) == "(a if c else (b if d else e))")
        #expect(show(try expr("a @ b + c")) == "((a @ b) + c)")
        #expect(show(try expr("a | b ^ c & d << 1")) == "(a | (b ^ (c & (d << 1))))")
        #expect(show(try expr("a.b(1)[2:3, ::-1]")) == "a.b(1)[(2:3:, ::(-1),)]")
        #expect(show(try expr("x[-1]")) == "x[(-1)]")
    }

    @Test func statementsAndLocations() throws {
        let body = try Parser.parse("a, b = 1, 2\nx = y = 0\nx += 1\nfor i, j in z:\n    pass\nelse:\n    pass\n")
        #expect(body.count == 4)
        if case .assign(let targets, _) = body[0].kind { #expect(targets.count == 1) } else { Issue.record("assign") }
        if case .assign(let targets, _) = body[1].kind { #expect(targets.count == 2) } else { Issue.record("chained") }
        if case .augmentedAssign(_, let op, _) = body[2].kind { #expect(op == .add) } else { Issue.record("aug") }
        if case .forLoop(_, _, _, let orElse) = body[3].kind { #expect(orElse.count == 1) } else { Issue.record("for") }
        #expect(body[3].location == SourceLocation(line: 4, column: 1))
    }

    @Test func functionsImportsAndTry() throws {
        let body = try Parser.parse("""
        def f(a, b=2, *args, c, **kw):
            "doc"
            return lambda x: x + a
        import a.b.c as d, e
        from m import x, y as z
        try:
            pass
        except (A, B) as e:
            raise
        except:
            pass
        else:
            pass
        finally:
            del q[0], r
        """)
        guard case .functionDef(let f) = body[0].kind else { Issue.record("def"); return }
        #expect(f.signature == "f(a, b=2, *args, c, **kw)")
        #expect(f.docstring == "doc")
        #expect(f.parameters.map(\.kind) == [.positional, .positional, .variadic, .keywordOnly, .keywords])
        if case .importModules(let names) = body[1].kind {
            #expect(names[0].path == ["a", "b", "c"] && names[0].alias == "d" && names[1].path == ["e"])
        } else { Issue.record("import") }
        if case .importFrom(let m, let names) = body[2].kind {
            #expect(m == ["m"] && names?.count == 2 && names?[1].alias == "z")
        } else { Issue.record("from") }
        if case .tryExcept(_, let handlers, let orElse, let fin) = body[3].kind {
            #expect(handlers.count == 2 && handlers[0].name == "e" && handlers[1].type == nil)
            #expect(orElse.count == 1 && fin.count == 1)
        } else { Issue.record("try") }
    }

    @Test func comprehensionsAndCalls() throws {
        _ = try Parser.parse("[x for x in y if x for z in x]\n{k: v for k, v in d}\n{a for a in b}\nsum(x for x in y)\nf(*a, k=1, **kw)\n")
    }

    @Test func syntaxErrorsHaveLocations() {
        for (code, line, column) in [("1 +* 2", 1, 4), ("x = (1,\n2))", 2, 3), ("def f(:\n  pass", 1, 7)] {
            do {
                _ = try Parser.parse(code)
                Issue.record("no error for \(code)")
            } catch let e as SyntaxErrorInfo {
                #expect(e.location == SourceLocation(line: line, column: column), "\(code)")
                #expect(!e.incomplete)
            } catch { Issue.record("wrong error") }
        }
    }

    @Test func incompleteInputIsFlagged() {
        for code in ["if x:", "if x:\n", "x = (1,", "def f():\n    if a:\n", "'''doc", "try:\n    pass\n", "x = 1 + \\"] {
            do {
                _ = try Parser.parse(code)
                Issue.record("no error for \(code)")
            } catch let e as SyntaxErrorInfo {
                #expect(e.incomplete, "\(code)")
            } catch { Issue.record("wrong error") }
        }
    }

    @Test func deepNestingIsASyntaxErrorNotACrash() {
        let deep = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        #expect(throws: SyntaxErrorInfo.self) { try Parser.parse(deep) }
        let unary = String(repeating: "-", count: 10_000) + "1"
        #expect(throws: SyntaxErrorInfo.self) { try Parser.parse(unary) }
        let nots = String(repeating: "not ", count: 10_000) + "x"
        #expect(throws: SyntaxErrorInfo.self) { try Parser.parse(nots) }
        var blocks = ""
        for i in 0..<2000 { blocks += String(repeating: " ", count: i) + "if x:\n" }
        blocks += String(repeating: " ", count: 2000) + "pass\n"
        #expect(throws: SyntaxErrorInfo.self) { try Parser.parse(blocks) }
        let powers = Array(repeating: "2", count: 10_000).joined(separator: " ** ")
        #expect(throws: SyntaxErrorInfo.self) { try Parser.parse(powers) }
    }
}
