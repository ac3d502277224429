import Foundation
import Testing
@testable import NotebookLanguage

/// Random and mutated cells must end in a result, never a trap (the test process would die).
@Suite struct FuzzTests {
    /// A small deterministic generator (SplitMix64).
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
        mutating func pick<T>(_ xs: [T]) -> T { xs[int(xs.count)] }
    }

    static let atoms = ["0", "1", "-1", "2", "9223372036854775807", "-9223372036854775808", "3.5", "1e308", "-0.0",
                        "float('nan')", "float('inf')", "'ab'", "''", "'é'", "[]", "[1, 2]", "()", "(1,)", "{}", "{'a': 1}",
                        "{1, 2}", "None", "True", "x", "y", "f", "len", "range(5)", "range(-3)", "print", "math", "slice(1, 2)",
                        "10**18", "2**62", "[[1], [2]]", "'%s'", "'{}'", "lambda: 0", "(i for i in range(3))", "int", "str",
                        "ValueError", "ValueError('m')", "list", "dict", "set", "abs", "sorted", "zip", "map", "'a' * 3",
                        "C", "C()", "c", "c.v", "C.v", "Ctx()", "E('x')", "NotImplemented", "super()", "property(abs)",
                        "staticmethod(abs)", "object()"]
    static let binops = ["+", "-", "*", "/", "//", "%", "**", "@", "&", "|", "^", "<<", ">>", "<", "<=", "==", "!=",
                         ">", ">=", "in", "not in", "is", "is not", "and", "or"]
    static let methods = [".append(1)", ".pop()", ".split()", ".join([])", ".keys()", ".get(1)", ".upper()", "[0]",
                          "[-1]", "[1:]", "[::-1]", "[::0]", "[1, 2]", ".x", "(1)", "()", "(*[1])", "(**{})", ".format(1)",
                          ".sort()", ".index(1)", ".count(1)", ".sqrt(4)", ".real", "[x]", ".remove(1)", ".add(1)"]

    static func expression(_ r: inout Rng, depth: Int) -> String {
        if depth <= 0 { return r.pick(atoms) }
        switch r.int(9) {
        case 0: return expression(&r, depth: depth - 1) + " " + r.pick(binops) + " " + expression(&r, depth: depth - 1)
        case 1: return r.pick(["-", "not ", "~", "+"]) + expression(&r, depth: depth - 1)
        case 2: return "(" + expression(&r, depth: depth - 1) + ")" + r.pick(methods)
        case 3: return r.pick(["len", "str", "repr", "int", "float", "list", "sorted", "sum", "min", "max", "abs", "round",
                              "tuple", "set", "dict", "bool", "hash", "iter", "next", "reversed", "enumerate", "chr",
                              "ord", "hex", "divmod", "pow", "isinstance", "type", "any", "all"])
            + "(" + (0..<r.int(3)).map { _ in expression(&r, depth: depth - 1) }.joined(separator: ", ") + ")"
        case 4: return "[" + expression(&r, depth: depth - 1) + " for x in " + expression(&r, depth: depth - 1) + "]"
        case 5: return expression(&r, depth: depth - 1) + " if " + expression(&r, depth: depth - 1) + " else " + expression(&r, depth: depth - 1)
        case 6: return "f'{" + expression(&r, depth: depth - 1) + r.pick(["", ":>5", ":.2f", "!r", ":,", ":x", ":%", ":e"]) + "}'"
        case 7: return "'" + r.pick(["%d", "%s", "%5.1f", "%x", "%r", "%%"]) + "' % " + expression(&r, depth: depth - 1)
        default: return r.pick(atoms)
        }
    }

    static let dunders = ["__repr__", "__str__", "__len__", "__getitem__", "__setitem__", "__eq__", "__lt__", "__add__",
                          "__radd__", "__iter__", "__next__", "__bool__", "__hash__", "__call__", "__enter__", "__exit__",
                          "__getattr__", "__contains__", "__iadd__", "__neg__", "__init__", "__delitem__", "__index__"]

    /// A class whose special methods return random expressions, then a use of an instance.
    static func classStatement(_ r: inout Rng) -> String {
        let base = r.pick(["", "(C)", "(E)", "(object)", "(ValueError)", "(int)", "(c)", "(C, E)"])
        var lines = ["class K\(base):", "    v = " + expression(&r, depth: 1)]
        for _ in 0..<(1 + r.int(3)) {
            let decorator = r.pick(["", "", "    @property\n", "    @staticmethod\n", "    @classmethod\n"])
            lines.append(decorator + "    def \(r.pick(dunders + ["m", "v"]))(self, *a):\n        return " + expression(&r, depth: 2))
        }
        let use = r.pick(["k = K()", "k = K(1)", "print(K())", "repr(K())", "len(K())", "K()[0]", "K()[0] = 1",
                          "list(K())", "K() + 1", "1 + K()", "K() == K()", "sorted([K(), K()])", "{K(): 1}", "K()()",
                          "K().m()", "K().v", "K.v", "k = K()\nk += 1", "-K()", "1 in K()", "bool(K())", "hash(K())",
                          "with K() as w:\n    y = w", "raise K()", "del K()[0]", "[1, 2][K()]", "next(K())", "str(K())"])
        return lines.joined(separator: "\n") + "\n" + use
    }

    static func statement(_ r: inout Rng) -> String {
        let e = expression(&r, depth: r.int(4))
        switch r.int(11) {
        case 8: return classStatement(&r)
        case 9: return "with " + e + r.pick([" as w", "", " as (w, z)", " as c.v", ", Ctx() as w"]) + ":\n    y = " + expression(&r, depth: 2)
        case 10: return "@" + r.pick(["staticmethod", "property", "abs", "C", "(lambda f: f)", "e"]) + "\ndef g():\n    return " + e
        case 0: return "x = " + e
        case 1: return "y = [" + e + ", " + expression(&r, depth: 2) + "]"
        case 2: return "x, y = " + e
        case 3: return "for x in " + e + ":\n    y = x\n    break"
        case 4: return "try:\n    " + e + "\nexcept Exception as err:\n    y = str(err)"
        case 5: return "def f(a, b=1, *c, **d):\n    return " + e
        case 6: return "x " + r.pick(["+=", "-=", "*=", "//=", "%=", "**=", "/="]) + " " + e
        default: return e
        }
    }

    static func mutate(_ text: String, _ r: inout Rng) -> String {
        var chars = Array(text.unicodeScalars)
        let pieces: [String] = ["(", ")", "[", "]", ":", "\n", "    ", "'", "\"", "\"\"\"", "\\", "{", "}", ",", "*", "**",
                                "=", "lambda", "for", "if", "else", "9" + String(repeating: "9", count: 30), "#", "f'"]
        for _ in 0..<(1 + r.int(4)) {
            guard !chars.isEmpty else { break }
            let i = r.int(chars.count)
            switch r.int(4) {
            case 0: chars.remove(at: i)
            case 1: chars.insert(contentsOf: r.pick(pieces).unicodeScalars, at: i)
            case 2:
                let j = min(chars.count, i + r.int(40))
                chars.insert(contentsOf: chars[i..<j], at: i)
            default:
                let j = min(chars.count, i + r.int(40))
                chars.removeSubrange(i..<j)
            }
        }
        return String(String.UnicodeScalarView(chars))
    }

    @Test func randomAndMutatedCellsNeverCrash() throws {
        // FUZZ_SEED / FUZZ_COUNT widen a local run (e.g. FUZZ_COUNT=50000); CI uses the defaults.
        let environment = ProcessInfo.processInfo.environment
        var r = Rng(state: environment["FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_240_611)
        var snippets: [String] = []
        for _ in 0..<(environment["FUZZ_COUNT"].flatMap { Int($0) } ?? 1500) {
            snippets.append((0..<(1 + r.int(3))).map { _ in FuzzTests.statement(&r) }.joined(separator: "\n"))
        }
        for url in GoldenTests.files {
            let text = try String(contentsOf: url, encoding: .utf8)
            let cells = text.components(separatedBy: "\n# %%")
            for _ in 0..<80 { snippets.append(FuzzTests.mutate(r.pick(cells), &r)) }
        }
        #expect(snippets.count >= 2000)
        let session = NotebookSession()
        _ = session.run("""
        import math
        x = 1
        y = [1, 2]
        def f(a=1):
            return a
        class C:
            v = 1
            def __init__(self, v=2):
                self.v = v
            def __repr__(self):
                return f"C({self.v!r})"
            def __add__(self, o):
                return C(self.v + o)
        class E(ValueError):
            pass
        class Ctx:
            def __enter__(self):
                return self
            def __exit__(self, *a):
                return False
        c = C()
        """, output: TestOutput())
        var outcomes = [0, 0]
        for code in snippets {
            // A watchdog interrupts snippets that loop (mutations can make `while True`).
            let watchdog = DispatchWorkItem { session.interrupt() }
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.5, execute: watchdog)
            let result = session.run(code, output: TestOutput(inputs: []))
            watchdog.cancel()
            if case .ok = result { outcomes[0] += 1 } else { outcomes[1] += 1 }
            _ = session.isComplete(code)
            let n = code.unicodeScalars.count
            _ = session.complete(code: code, cursorPosition: r.int(n + 2) - 1)
            _ = session.inspect(code: code, cursorPosition: r.int(n + 1), detailLevel: r.int(2))
        }
        print("fuzz: \(outcomes[0]) ok, \(outcomes[1]) errors")
        #expect(outcomes[0] > 100 && outcomes[1] > 100)
    }
}
