/// Recursive-descent parser (precedence climbing for binary operators) over lexer tokens.
struct Parser {
    private var tokens: [Token]
    private var index = 0
    private var depth = 0
    private var loopDepth = 0
    private var functionDepth = 0
    private let source: SourceText
    /// Deeper nesting is a SyntaxError rather than a stack overflow.
    static let maximumDepth = 1000

    static let keywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
        "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
        "with", "yield",
    ]

    init(tokens: [Token], source: SourceText) {
        self.tokens = tokens
        self.source = source
    }

    /// Parses a whole cell.
    static func parse(_ text: String, source: SourceText? = nil) throws -> [Stmt] {
        var lexer = Lexer(text)
        let tokens = try lexer.run()
        var parser = Parser(tokens: tokens, source: source ?? SourceText(text))
        do {
            let body = try parser.parseModule()
            if let unclosed = lexer.unclosedBracket { throw unclosed }
            return body
        } catch let e as SyntaxErrorInfo {
            if let unclosed = lexer.unclosedBracket, e.incomplete || e.location == tokens.last?.location { throw unclosed }
            throw e
        }
    }

    /// Parses one expression (f-string fields, `user_expressions`).
    static func parseExpression(_ text: String, at location: SourceLocation, source: SourceText) throws -> Expr {
        var lexer = Lexer(text, line: location.line, column: location.column)
        let tokens = try lexer.run()
        if let e = lexer.unclosedBracket { throw e }
        var parser = Parser(tokens: tokens, source: source)
        if case .newline = parser.current.kind { parser.index += 1 }
        let e = try parser.parseExpressionList()
        while case .newline = parser.current.kind { parser.index += 1 }
        guard case .eof = parser.current.kind else { throw parser.unexpected() }
        return e
    }

    // MARK: Token helpers

    private var current: Token { tokens[min(index, tokens.count - 1)] }

    private func peekKind(_ offset: Int = 1) -> TokenKind {
        tokens[min(index + offset, tokens.count - 1)].kind
    }

    private mutating func next() -> Token {
        let t = current
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    private func isOp(_ op: String) -> Bool {
        if case .op(let o) = current.kind { return o == op }
        return false
    }

    private func isKeyword(_ word: String) -> Bool {
        if case .name(let n) = current.kind { return n == word }
        return false
    }

    private mutating func accept(_ op: String) -> Bool {
        if isOp(op) { index += 1; return true }
        return false
    }

    private mutating func acceptKeyword(_ word: String) -> Bool {
        if isKeyword(word) { index += 1; return true }
        return false
    }

    private mutating func expect(_ op: String) throws {
        guard accept(op) else { throw unexpected(expected: "'\(op)'") }
    }

    private mutating func expectKeyword(_ word: String) throws {
        guard acceptKeyword(word) else { throw unexpected(expected: "'\(word)'") }
    }

    /// Whether only NEWLINE/DEDENT/EOF tokens remain from `i` on.
    private func onlyEndRemains(from i: Int) -> Bool {
        tokens[i...].allSatisfy { t in
            switch t.kind { case .newline, .dedent, .eof: return true; default: return false }
        }
    }

    private func unexpected(expected: String? = nil) -> SyntaxErrorInfo {
        let t = current
        let incomplete: Bool
        switch t.kind {
        case .eof: incomplete = true
        case .dedent: incomplete = onlyEndRemains(from: index)
        default: incomplete = false
        }
        if case .indent = t.kind {
            return SyntaxErrorInfo(name: "IndentationError", message: "unexpected indent", location: t.location)
        }
        if case .name(let n) = t.kind, ["yield", "async", "await"].contains(n) {
            return SyntaxErrorInfo(message: "'\(n)' is not supported in this language", location: t.location)
        }
        var message = "invalid syntax"
        if let e = expected, case .eof = t.kind { message = "expected \(e)" }
        return SyntaxErrorInfo(message: message, location: t.location, incomplete: incomplete)
    }

    private mutating func enter() throws {
        depth += 1
        if depth > Parser.maximumDepth {
            throw SyntaxErrorInfo(message: "too many nested expressions or blocks (limit \(Parser.maximumDepth))", location: current.location)
        }
    }

    private mutating func name() throws -> String {
        if case .name(let n) = current.kind, !Parser.keywords.contains(n) {
            index += 1
            return n
        }
        throw unexpected(expected: "a name")
    }

    // MARK: Statements

    mutating func parseModule() throws -> [Stmt] {
        var body: [Stmt] = []
        while true {
            switch current.kind {
            case .eof: return body
            case .newline: index += 1
            default: body.append(contentsOf: try parseStatement())
            }
        }
    }

    private mutating func parseStatement() throws -> [Stmt] {
        try enter()
        defer { depth -= 1 }
        if case .name(let kw) = current.kind {
            switch kw {
            case "if": return [try parseIf()]
            case "while": return [try parseWhile()]
            case "for": return [try parseFor()]
            case "def": return [try parseDef()]
            case "try": return [try parseTry()]
            case "with": return [try parseWith()]
            case "class": return [try parseClass()]
            default: break
            }
        }
        if isOp("@") { return [try parseDecorated()] }
        return try parseSimpleStatements()
    }

    /// `small; small; small NEWLINE`.
    private mutating func parseSimpleStatements() throws -> [Stmt] {
        var out = [try parseSmallStatement()]
        while accept(";") {
            if case .newline = current.kind { break }
            out.append(try parseSmallStatement())
        }
        guard case .newline = current.kind else { throw unexpected() }
        index += 1
        return out
    }

    private mutating func parseSmallStatement() throws -> Stmt {
        let loc = current.location
        if case .name(let kw) = current.kind {
            switch kw {
            case "pass": index += 1; return Stmt(.pass, loc)
            case "break", "continue":
                if loopDepth == 0 { throw SyntaxErrorInfo(message: "'\(kw)' outside loop", location: loc) }
                index += 1
                return Stmt(kw == "break" ? .breakLoop : .continueLoop, loc)
            case "return":
                if functionDepth == 0 { throw SyntaxErrorInfo(message: "'return' outside function", location: loc) }
                index += 1
                if atStatementEnd { return Stmt(.returnValue(nil), loc) }
                return Stmt(.returnValue(try parseExpressionList(allowStar: true)), loc)
            case "import": index += 1; return try parseImport(loc)
            case "from": index += 1; return try parseFromImport(loc)
            case "del":
                index += 1
                let e = try parseTargetList()
                var targets: [Expr] = []
                if case .tuple(let es) = e.kind { targets = es } else { targets = [e] }
                for t in targets { try checkTarget(t, verb: "delete") }
                return Stmt(.delete(targets), loc)
            case "assert":
                index += 1
                let test = try parseExpression()
                let msg = accept(",") ? try parseExpression() : nil
                return Stmt(.assert(test, message: msg), loc)
            case "raise":
                index += 1
                if atStatementEnd { return Stmt(.raise(nil, cause: nil), loc) }
                let e = try parseExpression()
                let cause = acceptKeyword("from") ? try parseExpression() : nil
                return Stmt(.raise(e, cause: cause), loc)
            case "global", "nonlocal":
                index += 1
                var names = [try name()]
                while accept(",") { names.append(try name()) }
                return Stmt(kw == "global" ? .global(names) : .nonlocal(names), loc)
            case "class", "with":
                throw unexpected()
            case "yield", "async", "await":
                throw SyntaxErrorInfo(message: "'\(kw)' is not supported in this language", location: loc)
            default: break
            }
        }
        let first = try parseExpressionList(allowStar: true)
        if case .op(let op) = current.kind, op.count >= 2, op.hasSuffix("="), !["==", "<=", ">=", "!="].contains(op) {
            let binop: BinaryOperator
            switch op {
            case "+=": binop = .add
            case "-=": binop = .subtract
            case "*=": binop = .multiply
            case "/=": binop = .divide
            case "//=": binop = .floorDivide
            case "%=": binop = .modulo
            case "**=": binop = .power
            case "@=": binop = .matrixMultiply
            case "|=": binop = .bitOr
            case "&=": binop = .bitAnd
            case "^=": binop = .bitXor
            case "<<=": binop = .leftShift
            case ">>=": binop = .rightShift
            default: throw unexpected()
            }
            switch first.kind {
            case .name, .attribute, .subscripted: break
            default:
                throw SyntaxErrorInfo(message: "'\(first.describeForError)' is an illegal expression for augmented assignment", location: first.location)
            }
            index += 1
            let value = try parseExpressionList()
            return Stmt(.augmentedAssign(target: first, op: binop, value: value), loc)
        }
        if isOp("=") {
            var targets = [first]
            var value = first
            while accept("=") {
                value = try parseExpressionList(allowStar: true)
                targets.append(value)
            }
            targets.removeLast()
            for t in targets { try checkTarget(t, verb: "assign to") }
            return Stmt(.assign(targets: targets, value: value), loc)
        }
        if case .starred = first.kind {
            throw SyntaxErrorInfo(message: "can't use starred expression here", location: first.location)
        }
        return Stmt(.expression(first), loc)
    }

    private var atStatementEnd: Bool {
        if case .newline = current.kind { return true }
        if case .eof = current.kind { return true }
        return isOp(";")
    }

    private func checkTarget(_ e: Expr, verb: String) throws {
        switch e.kind {
        case .name, .attribute, .subscripted: return
        case .tuple(let es), .list(let es): for x in es { try checkTarget(x, verb: verb) }
        case .starred(let x) where verb == "assign to": try checkTarget(x, verb: verb)
        case .constant where verb == "assign to":
            throw SyntaxErrorInfo(message: "cannot assign to literal here. Maybe you meant '==' instead of '='?", location: e.location)
        default:
            throw SyntaxErrorInfo(message: "cannot \(verb) \(e.describeForError)", location: e.location)
        }
    }

    private mutating func dottedName() throws -> [String] {
        var path = [try name()]
        while accept(".") { path.append(try name()) }
        return path
    }

    private mutating func parseImport(_ loc: SourceLocation) throws -> Stmt {
        var names: [ImportName] = []
        repeat {
            let path = try dottedName()
            let alias = acceptKeyword("as") ? try name() : nil
            names.append(ImportName(path: path, alias: alias))
        } while accept(",")
        return Stmt(.importModules(names), loc)
    }

    private mutating func parseFromImport(_ loc: SourceLocation) throws -> Stmt {
        if isOp(".") { throw SyntaxErrorInfo(message: "relative imports are not supported", location: current.location) }
        let path = try dottedName()
        try expectKeyword("import")
        if accept("*") { return Stmt(.importFrom(module: path, names: nil), loc) }
        let paren = accept("(")
        var names: [(name: String, alias: String?)] = []
        repeat {
            if paren && isOp(")") { break }
            let n = try name()
            names.append((n, acceptKeyword("as") ? try name() : nil))
        } while accept(",")
        if paren { try expect(")") }
        return Stmt(.importFrom(module: path, names: names), loc)
    }

    /// `: NEWLINE INDENT stmts DEDENT` or `: simple statements` on the same line.
    private mutating func parseBlock(after header: String, line: Int) throws -> [Stmt] {
        try expect(":")
        if case .newline = current.kind {
            index += 1
            guard case .indent = current.kind else {
                let incomplete = onlyEndRemains(from: index)
                throw SyntaxErrorInfo(name: "IndentationError",
                                      message: "expected an indented block after \(header) on line \(line)",
                                      location: current.location, incomplete: incomplete)
            }
            index += 1
            var body: [Stmt] = []
            while true {
                switch current.kind {
                case .dedent: index += 1; return body
                case .eof: return body
                case .newline: index += 1
                default: body.append(contentsOf: try parseStatement())
                }
            }
        }
        return try parseSimpleStatements()
    }

    private mutating func parseIf() throws -> Stmt {
        let loc = next().location
        var branches: [(condition: Expr, body: [Stmt])] = []
        let cond = try parseNamedExpression()
        branches.append((cond, try parseBlock(after: "'if' statement", line: loc.line)))
        var orElse: [Stmt] = []
        while true {
            let l = current.location.line
            if acceptKeyword("elif") {
                let c = try parseNamedExpression()
                branches.append((c, try parseBlock(after: "'elif' statement", line: l)))
            } else if acceptKeyword("else") {
                orElse = try parseBlock(after: "'else' statement", line: l)
                break
            } else {
                break
            }
        }
        return Stmt(.ifElse(branches: branches, orElse: orElse), loc)
    }

    private mutating func parseWhile() throws -> Stmt {
        let loc = next().location
        let cond = try parseNamedExpression()
        loopDepth += 1
        let body = try parseBlock(after: "'while' statement", line: loc.line)
        loopDepth -= 1
        var orElse: [Stmt] = []
        let l = current.location.line
        if acceptKeyword("else") { orElse = try parseBlock(after: "'else' statement", line: l) }
        return Stmt(.whileLoop(condition: cond, body: body, orElse: orElse), loc)
    }

    private mutating func parseFor() throws -> Stmt {
        let loc = next().location
        let target = try parseTargetList()
        try checkTarget(target, verb: "assign to")
        try expectKeyword("in")
        let iterable = try parseExpressionList()
        loopDepth += 1
        let body = try parseBlock(after: "'for' statement", line: loc.line)
        loopDepth -= 1
        var orElse: [Stmt] = []
        let l = current.location.line
        if acceptKeyword("else") { orElse = try parseBlock(after: "'else' statement", line: l) }
        return Stmt(.forLoop(target: target, iterable: iterable, body: body, orElse: orElse), loc)
    }

    private mutating func parseDef() throws -> Stmt {
        let loc = next().location
        let fname = try name()
        try expect("(")
        let params = try parseParameters(closing: ")")
        try expect(")")
        if accept("->") { _ = try parseExpression() }
        let savedLoops = loopDepth
        loopDepth = 0
        functionDepth += 1
        let body = try parseBlock(after: "function definition", line: loc.line)
        functionDepth -= 1
        loopDepth = savedLoops
        let def = FunctionDef(name: fname, parameters: params, body: body, isLambda: false, location: loc, source: source)
        return Stmt(.functionDef(def), loc)
    }

    /// `@expr NEWLINE` lines, then the `def` or `class` they decorate.
    private mutating func parseDecorated() throws -> Stmt {
        var decorators: [Expr] = []
        while accept("@") {
            decorators.append(try parseNamedExpression())
            guard case .newline = current.kind else { throw unexpected() }
            index += 1
        }
        if isKeyword("def") {
            let stmt = try parseDef()
            if case .functionDef(let def) = stmt.kind { def.decorators = decorators }
            return stmt
        }
        if isKeyword("class") { return try parseClass(decorators: decorators) }
        throw unexpected(expected: "'def' or 'class'")
    }

    private mutating func parseClass(decorators: [Expr] = []) throws -> Stmt {
        let loc = next().location
        let cname = try name()
        var bases: [Argument] = []
        if accept("(") {
            try enter()
            bases = try parseArguments()
            depth -= 1
            try expect(")")
        }
        // A class body is not a function or loop: `return` and `break` there are errors.
        let saved = (loopDepth, functionDepth)
        (loopDepth, functionDepth) = (0, 0)
        let body = try parseBlock(after: "class definition", line: loc.line)
        (loopDepth, functionDepth) = saved
        let def = ClassDef(name: cname, bases: bases, body: body, location: loc, source: source)
        def.decorators = decorators
        return Stmt(.classDef(def), loc)
    }

    /// `with a as x, b as y:` or the parenthesized `with (a as x, b as y):`.
    private mutating func parseWith() throws -> Stmt {
        let loc = next().location
        var items: [WithItem] = []
        if isOp("(") {
            let start = index
            do {
                index += 1
                try enter()
                defer { depth -= 1 }
                repeat {
                    if isOp(")") { break }
                    items.append(try parseWithItem())
                } while accept(",")
                try expect(")")
                guard isOp(":"), !items.isEmpty else { throw unexpected() }
            } catch let e as SyntaxErrorInfo where !e.incomplete && !onlyEndRemains(from: index) {
                // Not the parenthesized form: `with (a, b)[0]:` or `with (x) + y as z:`.
                index = start
                items = []
            }
        }
        if items.isEmpty {
            repeat { items.append(try parseWithItem()) } while accept(",")
        }
        let body = try parseBlock(after: "'with' statement", line: loc.line)
        return Stmt(.with(items: items, body: body), loc)
    }

    private mutating func parseWithItem() throws -> WithItem {
        let context = try parseExpression()
        guard acceptKeyword("as") else { return WithItem(context: context, target: nil) }
        let target = try parseBitOr()
        if case .constant = target.kind { throw SyntaxErrorInfo(message: "cannot assign to literal", location: target.location) }
        try checkTarget(target, verb: "assign to")
        return WithItem(context: context, target: target)
    }

    private mutating func parseParameters(closing: String) throws -> [Parameter] {
        var params: [Parameter] = []
        var seenStar = false
        var seenDefault = false
        while !isOp(closing) {
            let loc = current.location
            if accept("**") {
                params.append(Parameter(name: try name(), defaultValue: nil, kind: .keywords))
                _ = accept(",")
                break
            }
            if accept("*") {
                if seenStar { throw SyntaxErrorInfo(message: "* argument may appear only once", location: loc) }
                seenStar = true
                if isOp(",") { index += 1; continue }
                params.append(Parameter(name: try name(), defaultValue: nil, kind: .variadic))
            } else {
                let n = try name()
                if closing == ")" && accept(":") { _ = try parseExpression() }
                var def: Expr?
                if accept("=") { def = try parseExpression(); seenDefault = true }
                else if seenDefault && !seenStar {
                    throw SyntaxErrorInfo(message: "parameter without a default follows parameter with a default", location: loc)
                }
                if params.contains(where: { $0.name == n }) {
                    throw SyntaxErrorInfo(message: "duplicate argument '\(n)' in function definition", location: loc)
                }
                params.append(Parameter(name: n, defaultValue: def, kind: seenStar ? .keywordOnly : .positional))
            }
            if !accept(",") { break }
        }
        return params
    }

    private mutating func parseTry() throws -> Stmt {
        let loc = next().location
        let body = try parseBlock(after: "'try' statement", line: loc.line)
        var handlers: [ExceptHandler] = []
        var orElse: [Stmt] = []
        var finally: [Stmt] = []
        while isKeyword("except") {
            let hloc = next().location
            var type: Expr?
            var hname: String?
            if !isOp(":") {
                type = try parseExpression()
                if accept(",") {
                    var es = [type!]
                    repeat { es.append(try parseExpression()) } while accept(",")
                    type = Expr(.tuple(es), hloc)
                }
                if acceptKeyword("as") { hname = try name() }
            }
            let hbody = try parseBlock(after: "'except' statement", line: hloc.line)
            handlers.append(ExceptHandler(type: type, name: hname, body: hbody, location: hloc))
        }
        if !handlers.isEmpty, isKeyword("else") {
            let l = next().location.line
            orElse = try parseBlock(after: "'else' statement", line: l)
        }
        if isKeyword("finally") {
            let l = next().location.line
            finally = try parseBlock(after: "'finally' statement", line: l)
        }
        if handlers.isEmpty && finally.isEmpty {
            throw SyntaxErrorInfo(message: "expected 'except' or 'finally' block", location: current.location,
                                  incomplete: onlyEndRemains(from: index))
        }
        return Stmt(.tryExcept(body: body, handlers: handlers, orElse: orElse, finally: finally), loc)
    }

    // MARK: Expressions

    /// Comma-separated expressions; more than one (or a trailing comma) makes a tuple.
    mutating func parseExpressionList(allowStar: Bool = false) throws -> Expr {
        let loc = current.location
        let first = try parseListItem(allowStar: allowStar)
        guard isOp(",") else { return first }
        var items = [first]
        while accept(",") {
            if atExpressionListEnd { break }
            items.append(try parseListItem(allowStar: allowStar))
        }
        return Expr(.tuple(items), loc)
    }

    private var atExpressionListEnd: Bool {
        switch current.kind {
        case .newline, .eof, .dedent: return true
        case .op(let o): return [")", "]", "}", "=", ":", ";"].contains(o) || (o.hasSuffix("=") && o.count > 1 && !["==", "<=", ">=", "!="].contains(o))
        case .name(let n): return n == "in"
        default: return false
        }
    }

    private mutating func parseListItem(allowStar: Bool) throws -> Expr {
        if isOp("*") {
            let loc = next().location
            return Expr(.starred(try parseBitOr()), loc)
        }
        return try parseNamedExpression()
    }

    /// `a, b` targets of `for`/comprehensions: stops before `in`.
    private mutating func parseTargetList() throws -> Expr {
        let loc = current.location
        func item(_ p: inout Parser) throws -> Expr {
            if p.isOp("*") { let l = p.next().location; return Expr(.starred(try p.parseBitOr()), l) }
            return try p.parseBitOr()
        }
        let first = try item(&self)
        guard isOp(",") else { return first }
        var items = [first]
        while accept(",") {
            if atExpressionListEnd { break }
            items.append(try item(&self))
        }
        return Expr(.tuple(items), loc)
    }

    private mutating func parseNamedExpression() throws -> Expr {
        let e = try parseExpression()
        if isOp(":=") { throw SyntaxErrorInfo(message: "':=' is not supported in this language", location: current.location) }
        return e
    }

    /// `test`: lambda or conditional expression.
    mutating func parseExpression() throws -> Expr {
        try enter()
        defer { depth -= 1 }
        if isKeyword("lambda") { return try parseLambda() }
        let loc = current.location
        let e = try parseOr()
        if acceptKeyword("if") {
            let cond = try parseOr()
            try expectKeyword("else")
            let other = try parseExpression()
            return Expr(.conditional(condition: cond, then: e, otherwise: other), loc)
        }
        return e
    }

    private mutating func parseLambda() throws -> Expr {
        let loc = next().location
        let params = try parseParameters(closing: ":")
        try expect(":")
        let body = try parseExpression()
        let ret = Stmt(.returnValue(body), body.location)
        let def = FunctionDef(name: "<lambda>", parameters: params, body: [ret], isLambda: true, location: loc, source: source)
        return Expr(.lambda(def), loc)
    }

    private mutating func parseOr() throws -> Expr {
        let loc = current.location
        var items = [try parseAnd()]
        while acceptKeyword("or") { items.append(try parseAnd()) }
        return items.count == 1 ? items[0] : Expr(.or(items), loc)
    }

    private mutating func parseAnd() throws -> Expr {
        let loc = current.location
        var items = [try parseNot()]
        while acceptKeyword("and") { items.append(try parseNot()) }
        return items.count == 1 ? items[0] : Expr(.and(items), loc)
    }

    private mutating func parseNot() throws -> Expr {
        if isKeyword("not") {
            try enter()
            defer { depth -= 1 }
            let loc = next().location
            return Expr(.not(try parseNot()), loc)
        }
        return try parseComparison()
    }

    private mutating func comparisonOperator() -> ComparisonOperator? {
        switch current.kind {
        case .op(let o):
            if let c = ComparisonOperator(rawValue: o) { index += 1; return c }
            return nil
        case .name("in"): index += 1; return .isIn
        case .name("not"):
            if case .name("in") = peekKind() { index += 2; return .notIn }
            return nil
        case .name("is"):
            if case .name("not") = peekKind() { index += 2; return .isNot }
            index += 1
            return .isSame
        default: return nil
        }
    }

    private mutating func parseComparison() throws -> Expr {
        let loc = current.location
        let first = try parseBitOr()
        var rest: [(ComparisonOperator, Expr)] = []
        while let op = comparisonOperator() { rest.append((op, try parseBitOr())) }
        return rest.isEmpty ? first : Expr(.compare(first, rest), loc)
    }

    private static let binaryLevels: [[String: BinaryOperator]] = [
        ["|": .bitOr], ["^": .bitXor], ["&": .bitAnd], ["<<": .leftShift, ">>": .rightShift],
        ["+": .add, "-": .subtract],
        ["*": .multiply, "/": .divide, "//": .floorDivide, "%": .modulo, "@": .matrixMultiply],
    ]

    private mutating func parseBitOr() throws -> Expr { try parseBinary(level: 0) }

    private mutating func parseBinary(level: Int) throws -> Expr {
        if level >= Parser.binaryLevels.count { return try parseUnary() }
        var left = try parseBinary(level: level + 1)
        // A chain `a + b + c` nests to the left: count its length as depth.
        var chain = 0
        defer { depth -= chain }
        while case .op(let o) = current.kind, let op = Parser.binaryLevels[level][o] {
            let loc = next().location
            try enter()
            chain += 1
            let right = try parseBinary(level: level + 1)
            left = Expr(.binary(op, left, right), loc)
        }
        return left
    }

    private mutating func parseUnary() throws -> Expr {
        if case .op(let o) = current.kind, let op = UnaryOperator(rawValue: o) {
            try enter()
            defer { depth -= 1 }
            let loc = next().location
            let operand = try parseUnary()
            // Fold negative literals so `-9223372036854775808`-style constants stay simple.
            if op == .negate, case .constant(.float(let f)) = operand.kind { return Expr(.constant(.float(-f)), loc) }
            return Expr(.unary(op, operand), loc)
        }
        return try parsePower()
    }

    private mutating func parsePower() throws -> Expr {
        let base = try parsePrimary()
        if isOp("**") {
            let loc = next().location
            try enter()
            defer { depth -= 1 }
            let exponent = try parseUnary()
            return Expr(.binary(.power, base, exponent), loc)
        }
        return base
    }

    private mutating func parsePrimary() throws -> Expr {
        var e = try parseAtom()
        var chain = 0
        defer { depth -= chain }
        while true {
            if isOp("(") || isOp("[") || isOp(".") {
                try enter()
                chain += 1
            }
            if isOp("(") {
                let loc = next().location
                try enter()
                let args = try parseArguments()
                depth -= 1
                try expect(")")
                e = Expr(.call(e, args), loc)
            } else if isOp("[") {
                let loc = next().location
                try enter()
                let index = try parseSubscript()
                depth -= 1
                try expect("]")
                e = Expr(.subscripted(e, index), loc)
            } else if isOp(".") {
                let loc = next().location
                let attr: String
                if case .name(let n) = current.kind { index += 1; attr = n } else { throw unexpected(expected: "an attribute name") }
                e = Expr(.attribute(e, attr), loc)
            } else {
                return e
            }
        }
    }

    private mutating func parseArguments() throws -> [Argument] {
        var args: [Argument] = []
        var seenKeyword = false
        while !isOp(")") {
            let loc = current.location
            if accept("**") {
                args.append(.doubleStar(try parseExpression()))
                seenKeyword = true
            } else if accept("*") {
                args.append(.star(try parseExpression()))
            } else if case .name(let n) = current.kind, case .op("=") = peekKind(), !Parser.keywords.contains(n) {
                index += 2
                args.append(.keyword(n, try parseExpression()))
                seenKeyword = true
            } else {
                let e = try parseExpression()
                if isKeyword("for") {
                    let clauses = try parseComprehensionClauses()
                    args.append(.positional(Expr(.generator(e, clauses), loc)))
                } else {
                    if seenKeyword {
                        throw SyntaxErrorInfo(message: "positional argument follows keyword argument", location: loc)
                    }
                    args.append(.positional(e))
                }
            }
            if !accept(",") { break }
        }
        return args
    }

    private mutating func parseSubscript() throws -> Expr {
        let loc = current.location
        var items: [Expr] = []
        var trailingComma = false
        repeat {
            if isOp("]") { trailingComma = true; break }
            items.append(try parseSliceItem())
        } while accept(",")
        if items.isEmpty { throw unexpected(expected: "an index") }
        return items.count == 1 && !trailingComma ? items[0] : Expr(.tuple(items), loc)
    }

    private mutating func parseSliceItem() throws -> Expr {
        let loc = current.location
        var lower: Expr?
        if !isOp(":") {
            if isOp("*") { let l = next().location; return Expr(.starred(try parseBitOr()), l) }
            lower = try parseExpression()
            if !isOp(":") { return lower! }
        }
        try expect(":")
        var upper: Expr?
        var step: Expr?
        if !isOp(":") && !isOp("]") && !isOp(",") { upper = try parseExpression() }
        if accept(":") {
            if !isOp("]") && !isOp(",") { step = try parseExpression() }
        }
        return Expr(.slice(lower, upper, step), loc)
    }

    private mutating func parseComprehensionClauses() throws -> [ComprehensionClause] {
        var clauses: [ComprehensionClause] = []
        while acceptKeyword("for") {
            let target = try parseTargetList()
            try checkTarget(target, verb: "assign to")
            try expectKeyword("in")
            let iterable = try parseOr()
            var conditions: [Expr] = []
            while acceptKeyword("if") { conditions.append(try parseOr()) }
            clauses.append(ComprehensionClause(target: target, iterable: iterable, conditions: conditions))
        }
        return clauses
    }

    private mutating func parseAtom() throws -> Expr {
        let t = current
        let loc = t.location
        switch t.kind {
        case .int(let v): index += 1; return Expr(.constant(.int(v)), loc)
        case .float(let v): index += 1; return Expr(.constant(.float(v)), loc)
        case .string(let s): index += 1; return Expr(.constant(.str(s)), loc)
        case .fstring:
            // Adjacent string pieces concatenate.
            var fields: [FStringField] = []
            loop: while true {
                switch current.kind {
                case .string(let s): fields.append(.literal(s)); index += 1
                case .fstring(let parts): fields.append(contentsOf: try convertFString(parts)); index += 1
                default: break loop
                }
            }
            return Expr(.fstring(fields), loc)
        case .name(let n):
            switch n {
            case "None": index += 1; return Expr(.constant(.none), loc)
            case "True": index += 1; return Expr(.constant(.bool(true)), loc)
            case "False": index += 1; return Expr(.constant(.bool(false)), loc)
            case "lambda": return try parseLambda()
            default:
                if Parser.keywords.contains(n) { throw unexpected() }
                index += 1
                return Expr(.name(n), loc)
            }
        case .op("("):
            index += 1
            try enter()
            defer { depth -= 1 }
            if accept(")") { return Expr(.tuple([]), loc) }
            let first = try parseListItem(allowStar: true)
            if isKeyword("for") {
                let clauses = try parseComprehensionClauses()
                try expect(")")
                return Expr(.generator(first, clauses), loc)
            }
            if accept(")") {
                if case .starred = first.kind { throw SyntaxErrorInfo(message: "cannot use starred expression here", location: first.location) }
                return first
            }
            var items = [first]
            while accept(",") {
                if isOp(")") { break }
                items.append(try parseListItem(allowStar: true))
            }
            try expect(")")
            return Expr(.tuple(items), loc)
        case .op("["):
            index += 1
            try enter()
            defer { depth -= 1 }
            if accept("]") { return Expr(.list([]), loc) }
            let first = try parseListItem(allowStar: true)
            if isKeyword("for") {
                let clauses = try parseComprehensionClauses()
                try expect("]")
                return Expr(.listComp(first, clauses), loc)
            }
            var items = [first]
            while accept(",") {
                if isOp("]") { break }
                items.append(try parseListItem(allowStar: true))
            }
            try expect("]")
            return Expr(.list(items), loc)
        case .op("{"):
            index += 1
            try enter()
            defer { depth -= 1 }
            if accept("}") { return Expr(.dict([]), loc) }
            if accept("**") {
                var entries: [(key: Expr?, value: Expr)] = [(nil, try parseBitOr())]
                try parseDictRest(&entries)
                return Expr(.dict(entries), loc)
            }
            let first = try parseListItem(allowStar: true)
            if accept(":") {
                let value = try parseExpression()
                if isKeyword("for") {
                    let clauses = try parseComprehensionClauses()
                    try expect("}")
                    return Expr(.dictComp(first, value, clauses), loc)
                }
                var entries: [(key: Expr?, value: Expr)] = [(first, value)]
                try parseDictRest(&entries)
                return Expr(.dict(entries), loc)
            }
            if isKeyword("for") {
                let clauses = try parseComprehensionClauses()
                try expect("}")
                return Expr(.setComp(first, clauses), loc)
            }
            var items = [first]
            while accept(",") {
                if isOp("}") { break }
                items.append(try parseListItem(allowStar: true))
            }
            try expect("}")
            return Expr(.set(items), loc)
        case .op("..."):
            index += 1
            return Expr(.constant(.ellipsis), loc)
        default:
            throw unexpected()
        }
    }

    private mutating func parseDictRest(_ entries: inout [(key: Expr?, value: Expr)]) throws {
        while accept(",") {
            if isOp("}") { break }
            if accept("**") { entries.append((nil, try parseBitOr())); continue }
            let k = try parseExpression()
            try expect(":")
            entries.append((k, try parseExpression()))
        }
        try expect("}")
    }

    private func convertFString(_ parts: [FStringPart]) throws -> [FStringField] {
        try parts.map { part in
            switch part {
            case .literal(let s): return .literal(s)
            case .field(let src, let loc, let conv, let spec):
                let e = try Parser.parseExpression(src, at: loc, source: source)
                return .field(e, conversion: conv, spec: try convertFString(spec))
            }
        }
    }
}

extension Expr {
    /// How Python names an expression in "cannot assign to ..." messages.
    var describeForError: String {
        switch kind {
        case .call: return "function call"
        case .constant(.none), .constant(.bool): return "literal"
        case .constant: return "literal"
        case .binary, .unary: return "expression"
        case .compare: return "comparison"
        case .lambda: return "lambda"
        case .conditional: return "conditional expression"
        case .listComp: return "list comprehension"
        case .dictComp: return "dict comprehension"
        case .setComp: return "set comprehension"
        case .generator: return "generator expression"
        case .fstring: return "f-string expression"
        case .dict: return "dict literal"
        case .set: return "set display"
        case .and, .or: return "expression"
        default: return "expression"
        }
    }
}
