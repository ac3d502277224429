import Testing
@testable import NotebookLanguage

/// A tiny native module, the way tensor code plugs in: a 2-D matrix with `@`, `shape`,
/// tuple indexing, a callable layer, and a nested namespace (`toy.linalg.eye`).
final class ToyMatrix: NativeObject {
    static let type = PyType(name: "Matrix", doc: "A toy matrix.")
    let rows: [[Double]]
    init(_ rows: [[Double]]) { self.rows = rows }

    var typeName: String { "Matrix" }
    var pythonType: PyType { ToyMatrix.type }
    var attributeNames: [String] { ["shape", "T", "sum"] }
    func repr() throws -> String { "Matrix(\(rows))" }
    func length() throws -> Int? { rows.count }

    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "shape": return .tuple([.int(Int64(rows.count)), .int(Int64(rows.first?.count ?? 0))])
        case "T": return .object(ToyMatrix((0..<(rows.first?.count ?? 0)).map { j in rows.map { $0[j] } }))
        case "sum":
            return .builtin(BuiltinFunction(name: "sum", signature: "sum(axis=None)", doc: "Sum of all elements.") { [rows] args, _ in
                _ = try args.bind("sum", ["axis"])
                return .float(rows.joined().reduce(0, +))
            })
        default: return nil
        }
    }

    func getItem(_ key: Value) throws -> Value? {
        guard case .tuple(let idx) = key, idx.count == 2, let i = idx[0].intValue, let j = idx[1].intValue,
              i >= 0, i < rows.count, j >= 0, j < rows[Int(i)].count else {
            throw PyException(BuiltinTypes.indexError, "matrix index must be (row, column) in range")
        }
        return .float(rows[Int(i)][Int(j)])
    }

    func binaryOperation(_ op: BinaryOperator, other: Value, reflected: Bool) throws -> Value? {
        switch (op, other) {
        case (.matrixMultiply, .object(let o as ToyMatrix)):
            let (a, b) = reflected ? (o, self) : (self, o)
            let n = b.rows.first?.count ?? 0
            return .object(ToyMatrix(a.rows.map { row in (0..<n).map { j in zip(row, b.rows).map { $0 * $1[j] }.reduce(0, +) } }))
        case (.multiply, let v) where v.doubleValue != nil:
            return .object(ToyMatrix(rows.map { $0.map { $0 * v.doubleValue! } }))
        default: return nil
        }
    }
}

/// A native context manager, the way `tf.GradientTape` plugs into `with`: `enter` starts
/// recording and returns the object for `as`, `exit` always runs and may suppress the error.
final class ToyTape: NativeObject {
    var events: [String] = []
    let suppress: Bool
    init(suppress: Bool) { self.suppress = suppress }

    var typeName: String { "Tape" }
    var attributeNames: [String] { ["events"] }

    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        name == "events" ? .list(events.map { .str($0) }) : nil
    }

    func enter(interpreter: Interpreter) throws -> Value? {
        events.append("enter")
        return .object(self)
    }

    func exit(error: PyException?, interpreter: Interpreter) throws -> Bool {
        events.append(error.map { "exit " + $0.type.name } ?? "exit")
        return suppress
    }
}

enum ToyModule {
    static func session() -> NotebookSession {
        let registry = ModuleRegistry()
        registry.register("toy") {
            let m = PyModule(name: "toy", doc: "A toy tensor module.")
            let linalg = PyModule(name: "toy.linalg", doc: "Linear algebra.")
            linalg.addFunction("eye", signature: "eye(n)", doc: "Identity matrix.") { args, _ in
                let a = try args.bind("eye", ["n"], required: 1)
                let n = Int(try Constructors.integer(a[0]!))
                return .object(ToyMatrix((0..<n).map { i in (0..<n).map { $0 == i ? 1 : 0 } }))
            }
            m.set("linalg", .module(linalg))
            m.addFunction("matrix", signature: "matrix(rows)", doc: "A matrix from nested lists.") { args, interp in
                let a = try args.bind("matrix", ["rows"], required: 1)
                let rows = try interp.toArray(a[0]!).map { try interp.toArray($0).map { $0.doubleValue ?? 0 } }
                return .object(ToyMatrix(rows))
            }
            m.set("Matrix", .type(ToyMatrix.type))
            m.addFunction("tape", signature: "tape(suppress=False)", doc: "A recording context manager.") { args, interp in
                let a = try args.bind("tape", ["suppress"])
                return .object(ToyTape(suppress: try a[0].map { try interp.truth($0) } ?? false))
            }
            return m
        }
        return NotebookSession(modules: registry)
    }
}

@Suite struct NativeModuleTests {
    @Test func nativeObjectsPlugIntoTheLanguage() {
        let s = ToyModule.session()
        #expect(run("import toy\nm = toy.matrix([[1, 2], [3, 4]])\nm.shape", in: s).1.valueText == "(2, 2)")
        #expect(run("(m @ toy.linalg.eye(2))[1, 0]", in: s).1.valueText == "3.0")
        #expect(run("(m @ m.T).sum()", in: s).1.valueText == "52.0")
        #expect(run("(2 * m)[0, 1]", in: s).1.valueText == "4.0")
        #expect(run("isinstance(m, toy.Matrix), type(m).__name__, len(m)", in: s).1.valueText == "(True, 'Matrix', 2)")
        #expect(run("m.nope", in: s).1.errorLine == "AttributeError: 'Matrix' object has no attribute 'nope'")
        #expect(run("m + m", in: s).1.errorLine == "TypeError: unsupported operand type(s) for +: 'Matrix' and 'Matrix'")
        #expect(run("[1] @ [2]", in: s).1.errorLine == "TypeError: unsupported operand type(s) for @: 'list' and 'list'")
        #expect(run("from toy.linalg import eye\neye(1)", in: s).1.valueText == "Matrix([[1.0]])")
        #expect(run("import toy.linalg as la\nla.eye(1).shape", in: s).1.valueText == "(1, 1)")
        #expect(run("toy.nothing", in: s).1.errorLine?.contains("available: linalg, matrix, Matrix, tape") == true)
    }
}
