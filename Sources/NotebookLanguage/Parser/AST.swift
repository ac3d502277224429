/// The syntax tree. Every node carries the location where it starts.

/// Binary operators, shared with native objects that implement them (tensors add `@`).
public enum BinaryOperator: String, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//"
    case modulo = "%", power = "**", matrixMultiply = "@"
    case bitOr = "|", bitAnd = "&", bitXor = "^", leftShift = "<<", rightShift = ">>"

    /// The Python dunder name, e.g. `__matmul__`.
    public var dunder: String {
        switch self {
        case .add: return "__add__"
        case .subtract: return "__sub__"
        case .multiply: return "__mul__"
        case .divide: return "__truediv__"
        case .floorDivide: return "__floordiv__"
        case .modulo: return "__mod__"
        case .power: return "__pow__"
        case .matrixMultiply: return "__matmul__"
        case .bitOr: return "__or__"
        case .bitAnd: return "__and__"
        case .bitXor: return "__xor__"
        case .leftShift: return "__lshift__"
        case .rightShift: return "__rshift__"
        }
    }
}

/// Unary operators.
public enum UnaryOperator: String, Sendable {
    case negate = "-", plus = "+", invert = "~"
}

/// Comparison operators (chained as in `1 < x < 3`).
public enum ComparisonOperator: String, Sendable {
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case isIn = "in", notIn = "not in", isSame = "is", isNot = "is not"
}

/// A call argument.
enum Argument {
    case positional(Expr)
    case star(Expr)
    case keyword(String, Expr)
    case doubleStar(Expr)
}

/// One `for target in iterable if cond...` clause of a comprehension.
struct ComprehensionClause {
    var target: Expr
    var iterable: Expr
    var conditions: [Expr]
}

/// An expression node.
final class Expr {
    enum Kind {
        case name(String)
        case constant(Value)
        case fstring([FStringField])
        case list([Expr])
        case tuple([Expr])
        case set([Expr])
        /// A nil key is a `**mapping` entry.
        case dict([(key: Expr?, value: Expr)])
        case listComp(Expr, [ComprehensionClause])
        case setComp(Expr, [ComprehensionClause])
        case dictComp(Expr, Expr, [ComprehensionClause])
        case generator(Expr, [ComprehensionClause])
        case unary(UnaryOperator, Expr)
        case binary(BinaryOperator, Expr, Expr)
        case and([Expr])
        case or([Expr])
        case not(Expr)
        case compare(Expr, [(ComparisonOperator, Expr)])
        case conditional(condition: Expr, then: Expr, otherwise: Expr)
        case lambda(FunctionDef)
        case call(Expr, [Argument])
        case attribute(Expr, String)
        case subscripted(Expr, Expr)
        case slice(Expr?, Expr?, Expr?)
        case starred(Expr)
    }

    let kind: Kind
    let location: SourceLocation

    init(_ kind: Kind, _ location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}

/// A parsed f-string piece.
enum FStringField {
    case literal(String)
    case field(Expr, conversion: Character?, spec: [FStringField])
}

/// One `except` clause.
struct ExceptHandler {
    var type: Expr?
    var name: String?
    var body: [Stmt]
    var location: SourceLocation
}

/// One `EXPR [as TARGET]` item of a `with` statement.
struct WithItem {
    var context: Expr
    var target: Expr?
}

/// One name of an `import` statement: `a.b.c as d`.
struct ImportName {
    var path: [String]
    var alias: String?
}

/// A statement node.
final class Stmt {
    enum Kind {
        case expression(Expr)
        /// `a = b = value`: every target gets the value.
        case assign(targets: [Expr], value: Expr)
        case augmentedAssign(target: Expr, op: BinaryOperator, value: Expr)
        case ifElse(branches: [(condition: Expr, body: [Stmt])], orElse: [Stmt])
        case whileLoop(condition: Expr, body: [Stmt], orElse: [Stmt])
        case forLoop(target: Expr, iterable: Expr, body: [Stmt], orElse: [Stmt])
        case breakLoop
        case continueLoop
        case pass
        case returnValue(Expr?)
        case functionDef(FunctionDef)
        case importModules([ImportName])
        /// `names` nil is `from x import *`.
        case importFrom(module: [String], names: [(name: String, alias: String?)]?)
        case delete([Expr])
        case assert(Expr, message: Expr?)
        case tryExcept(body: [Stmt], handlers: [ExceptHandler], orElse: [Stmt], finally: [Stmt])
        case raise(Expr?, cause: Expr?)
        case global([String])
        case nonlocal([String])
        /// `with a as x, b as y:` (items entered left to right, exited in reverse).
        case with(items: [WithItem], body: [Stmt])
        case classDef(ClassDef)
    }

    let kind: Kind
    let location: SourceLocation

    init(_ kind: Kind, _ location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// Whether this statement opens a block (for `is_complete`).
    var isCompound: Bool {
        switch kind {
        case .ifElse, .whileLoop, .forLoop, .functionDef, .tryExcept, .with, .classDef: return true
        default: return false
        }
    }
}

/// A parameter of a `def` or `lambda`.
struct Parameter {
    enum Kind { case positional, variadic, keywordOnly, keywords }
    var name: String
    var defaultValue: Expr?
    var kind: Kind
}

/// A cell's text, kept so tracebacks and inspection can quote lines of earlier cells.
public final class SourceText: @unchecked Sendable {
    let text: String
    let lines: [String]

    init(_ text: String) {
        self.text = text
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func line(_ n: Int) -> String? {
        n >= 1 && n <= lines.count ? lines[n - 1] : nil
    }
}

/// A `def` or `lambda`: parameters, body and the names it binds locally.
final class FunctionDef {
    let name: String
    let parameters: [Parameter]
    let body: [Stmt]
    /// A lambda's body is one expression, returned.
    let isLambda: Bool
    let location: SourceLocation
    let source: SourceText
    var docstring: String?
    /// Whether every parameter is a plain positional one (`def f(a, b)`: the fast binding path).
    let hasOnlyPositionalParameters: Bool
    /// `@decorator` expressions written above the `def`, outermost first.
    var decorators: [Expr] = []
    /// Names assigned in the body (locals), and names declared `global` / `nonlocal`.
    var localNames: Set<String> = []
    var globalNames: Set<String> = []
    var nonlocalNames: Set<String> = []

    init(name: String, parameters: [Parameter], body: [Stmt], isLambda: Bool, location: SourceLocation, source: SourceText) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.isLambda = isLambda
        self.location = location
        self.source = source
        self.hasOnlyPositionalParameters = parameters.allSatisfy { $0.kind == .positional }
        if !isLambda, let first = body.first, case .expression(let e) = first.kind,
           case .constant(.str(let doc)) = e.kind {
            docstring = doc
        }
        analyzeScope()
    }

    /// `f(a, b=2, *args, **kwargs)` as written.
    var signature: String { signature(droppingFirst: false) }

    /// The signature, without the first parameter for methods bound to `self` or `cls`.
    func signature(droppingFirst: Bool) -> String {
        let shown = droppingFirst && parameters.first?.kind == .positional ? Array(parameters.dropFirst()) : parameters
        return "\(name)(" + shown.map { p -> String in
            switch p.kind {
            case .variadic: return "*" + p.name
            case .keywords: return "**" + p.name
            default: return p.defaultValue.map { p.name + "=" + ($0.sourceText ?? "...") } ?? p.name
            }
        }.joined(separator: ", ") + ")"
    }

    private func analyzeScope() {
        for p in parameters { localNames.insert(p.name) }
        collect(body)
        localNames.subtract(globalNames)
        localNames.subtract(nonlocalNames)
    }

    private func collect(_ stmts: [Stmt]) {
        for s in stmts {
            switch s.kind {
            case .assign(let targets, _): targets.forEach(bind)
            case .augmentedAssign(let t, _, _): bind(t)
            case .forLoop(let t, _, let b, let e): bind(t); collect(b); collect(e)
            case .whileLoop(_, let b, let e): collect(b); collect(e)
            case .ifElse(let branches, let e): branches.forEach { collect($0.body) }; collect(e)
            case .functionDef(let f): localNames.insert(f.name)
            case .classDef(let c): localNames.insert(c.name)
            case .with(let items, let b):
                for item in items { if let t = item.target { bind(t) } }
                collect(b)
            case .importModules(let names):
                for n in names { localNames.insert(n.alias ?? n.path.first ?? "") }
            case .importFrom(_, let names):
                for n in names ?? [] { localNames.insert(n.alias ?? n.name) }
            case .tryExcept(let b, let hs, let e, let f):
                collect(b); collect(e); collect(f)
                for h in hs { if let n = h.name { localNames.insert(n) }; collect(h.body) }
            case .delete(let ts): ts.forEach(bind)
            case .global(let ns): globalNames.formUnion(ns)
            case .nonlocal(let ns): nonlocalNames.formUnion(ns)
            default: break
            }
        }
    }

    private func bind(_ target: Expr) {
        switch target.kind {
        case .name(let n): localNames.insert(n)
        case .tuple(let es), .list(let es): es.forEach(bind)
        case .starred(let e): bind(e)
        default: break
        }
    }
}

extension Expr {
    /// A short rendering of simple expressions (for signatures of defaults).
    var sourceText: String? {
        switch kind {
        case .constant(let v): return (try? v.repr()) ?? nil
        case .name(let n): return n
        case .unary(.negate, let e): return e.sourceText.map { "-" + $0 }
        case .attribute(let e, let n): return e.sourceText.map { $0 + "." + n }
        case .tuple(let es): return "(" + es.compactMap { $0.sourceText }.joined(separator: ", ") + (es.count == 1 ? ",)" : ")")
        case .list(let es): return "[" + es.compactMap { $0.sourceText }.joined(separator: ", ") + "]"
        default: return nil
        }
    }
}

/// A `class` statement: bases as call arguments, the body run once to fill the class namespace.
final class ClassDef {
    let name: String
    let bases: [Argument]
    let body: [Stmt]
    let location: SourceLocation
    let source: SourceText
    let docstring: String?
    /// `@decorator` expressions written above the `class`, outermost first.
    var decorators: [Expr] = []

    init(name: String, bases: [Argument], body: [Stmt], location: SourceLocation, source: SourceText) {
        self.name = name
        self.bases = bases
        self.body = body
        self.location = location
        self.source = source
        if let first = body.first, case .expression(let e) = first.kind, case .constant(.str(let doc)) = e.kind {
            docstring = doc
        } else {
            docstring = nil
        }
    }
}
