import Foundation
import Testing
@testable import NotebookLanguage

/// `class` and `with` seen from the session: native context managers, completion, inspection,
/// `is_complete`, interrupts, and the parser's handling of the new statements.
@Suite struct ClassAndWithTests {
    @Test func nativeObjectsAreContextManagers() {
        let s = ToyModule.session()
        _ = run("import toy", in: s)
        #expect(run("with toy.tape() as t:\n    x = 1\nt.events", in: s).1.valueText == "['enter', 'exit']")
        let (_, raised) = run("t = toy.tape()\nwith t:\n    1 / 0", in: s)
        #expect(raised.errorLine == "ZeroDivisionError: division by zero")
        #expect(run("t.events", in: s).1.valueText == "['enter', 'exit ZeroDivisionError']")
        #expect(run("with toy.tape(suppress=True) as t:\n    raise KeyError(1)\nt.events", in: s).1.valueText == "['enter', 'exit KeyError']")
        #expect(run("with toy.matrix([[1]]):\n    pass", in: s).1.errorLine
                == "TypeError: 'Matrix' object does not support the context manager protocol")
    }

    @Test func nativeTypesCannotBeSubclassed() {
        let s = ToyModule.session()
        _ = run("import toy", in: s)
        #expect(run("class M(toy.Matrix):\n    pass", in: s).1.errorLine
                == "TypeError: cannot subclass 'Matrix': native Swift types cannot be subclassed in this language (only classes defined in cells, object and exception types)")
        #expect(run("class M(toy.matrix):\n    pass", in: s).1.errorLine?.hasPrefix("TypeError: cannot subclass 'matrix'") == true)
    }

    @Test func interruptRunsExitAndStillStopsTheCell() {
        let s = ToyModule.session()
        _ = run("import toy\nlog = []\nclass Guard:\n    def __enter__(self):\n        return self\n    def __exit__(self, t, v, tb):\n        log.append(t.__name__)\n        return True", in: s)
        final class Box: @unchecked Sendable { var result: CellResult? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.result = s.run("tape = toy.tape()\nwith tape, Guard():\n    while True:\n        pass\nlog.append('after')", output: TestOutput())
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        Thread.sleep(forTimeInterval: 0.05)
        s.interrupt()
        #expect(done.wait(timeout: .now() + 5) == .success)
        // __exit__ ran its code (with the exception), suppressed it, but the cell still stops.
        #expect(box.result?.errorLine == "KeyboardInterrupt")
        #expect(run("log, tape.events", in: s).1.valueText == "(['KeyboardInterrupt'], ['enter', 'exit'])")
    }

    @Test func completionListsAttributesAndMethods() {
        let s = NotebookSession()
        _ = run("""
        class Layer:
            units_default = 4
            def __init__(self, units, activation=None):
                self.units = units
                self.activation = activation
            def call(self, x):
                return x
            @property
            def weights(self):
                while True:
                    pass
        layer = Layer(3)
        """, in: s)
        #expect(s.complete(code: "layer.", cursorPosition: 6).matches == ["activation", "call", "units", "units_default", "weights"])
        #expect(s.complete(code: "layer.un", cursorPosition: 8).matches == ["units", "units_default"])
        #expect(s.complete(code: "Layer.ca", cursorPosition: 8).matches == ["call"])
        #expect(s.complete(code: "Layer(", cursorPosition: 6).matches.prefix(2) == ["units=", "activation="])
        #expect(s.complete(code: "layer.call(", cursorPosition: 11).matches.first == "x=")
        // Completing through a property does not run it (this one would loop forever).
        #expect(s.complete(code: "layer.weights.", cursorPosition: 14).matches.isEmpty)
    }

    @Test func inspectionShowsDocstringAndInitSignature() throws {
        let s = NotebookSession()
        _ = run("""
        class Layer:
            "A dense layer."
            def __init__(self, units, activation=None):
                self.units = units
            def call(self, x):
                "Applies the layer."
                return x
            def __repr__(self):
                while True:
                    pass
        layer = Layer(3)
        """, in: s)
        let cls = try #require(s.inspect(code: "Layer", cursorPosition: 3, detailLevel: 0)?["text/plain"])
        #expect(cls.contains("Init signature: Layer(units, activation=None)") && cls.contains("A dense layer."))
        let obj = try #require(s.inspect(code: "layer", cursorPosition: 3, detailLevel: 0)?["text/plain"])
        #expect(obj.contains("Type:        Layer") && obj.contains("A dense layer.") && obj.contains("<__main__.Layer object at 0x"))
        let method = try #require(s.inspect(code: "layer.call(", cursorPosition: 11, detailLevel: 0)?["text/plain"])
        #expect(method.contains("call(x)") && method.contains("Applies the layer."))
    }

    @Test func isCompleteKnowsTheNewBlocks() {
        let s = NotebookSession()
        #expect(s.isComplete("class A:") == .incomplete(indent: "    "))
        #expect(s.isComplete("class A:\n    def f(self):") == .incomplete(indent: "        "))
        #expect(s.isComplete("class A:\n    x = 1\n\n") == .complete)
        #expect(s.isComplete("with a as b:") == .incomplete(indent: "    "))
        #expect(s.isComplete("with (a as b,") == .incomplete(indent: ""))
        #expect(s.isComplete("@decorator") == .incomplete(indent: ""))
        #expect(s.isComplete("@decorator\ndef f():") == .incomplete(indent: "    "))
        #expect(s.isComplete("class A: pass") == .complete)
        #expect(s.isComplete("with a as 1:") == .invalid)
    }

    @Test func parserBuildsWithClassAndDecorators() throws {
        let body = try Parser.parse("@d1\n@d2(3)\nclass A(B, metaclass=M):\n    'Doc.'\n    x = 1\nwith a as (p, q), b, (c) as r:\n    pass\nwith (a, b):\n    pass\nwith (a)[0]:\n    pass")
        guard case .classDef(let c) = body[0].kind else { Issue.record("not a class"); return }
        #expect(c.name == "A" && c.bases.count == 2 && c.decorators.count == 2 && c.docstring == "Doc." && c.body.count == 2)
        guard case .with(let items, _) = body[1].kind else { Issue.record("not a with"); return }
        #expect(items.count == 3 && items[0].target != nil && items[1].target == nil && items[2].target != nil)
        guard case .with(let two, _) = body[2].kind, case .with(let one, _) = body[3].kind else { Issue.record("not a with"); return }
        #expect(two.count == 2 && one.count == 1)
        #expect(throws: SyntaxErrorInfo.self) { try Parser.parse("@d\nx = 1") }
        #expect(throws: SyntaxErrorInfo.self) { try Parser.parse("class A:\n    return 1") }
        #expect(throws: SyntaxErrorInfo.self) { try Parser.parse("for i in x:\n    class A:\n        break") }
        #expect(throws: SyntaxErrorInfo.self) { try Parser.parse("x = 1; class A: pass") }
    }

    @Test func functionLocalsSeeWithTargetsAndClassNames() {
        let s = NotebookSession()
        _ = run("class Box:\n    def __enter__(self):\n        return 5\n    def __exit__(self, *a):\n        pass", in: s)
        #expect(run("def f():\n    print(w)\n    with Box() as w:\n        pass\nf()", in: s).1.errorLine
                == "UnboundLocalError: cannot access local variable 'w' where it is not associated with a value")
        _ = run("v = 'global'\nk = 'global'", in: s)
        #expect(run("def g():\n    with Box() as v:\n        class k:\n            pass\n    return v, k.__qualname__\ng()", in: s).1.valueText == "(5, 'g.<locals>.k')")
        #expect(run("v, k", in: s).1.valueText == "('global', 'global')")
    }

    @Test func deepChainsOfObjectsAreFreedWithoutRecursion() {
        let s = NotebookSession()
        let code = """
        class Node:
            pass
        n = Node()
        for i in range(100000):
            m = Node()
            m.child = n
            n = m
        n = m = 0
        e = ValueError('root')
        for i in range(100000):
            e2 = ValueError(e)
            e2.prev = e
            e = e2
        e = e2 = 0
        p = abs
        for i in range(50000):
            p = property(staticmethod(classmethod(p)))
        p = 0
        'freed'
        """
        #expect(run(code, in: s).1.valueText == "'freed'")
    }

    @Test func richReprsOfUserObjects() {
        let s = NotebookSession()
        let (_, r) = run("class Table:\n    def _repr_html_(self):\n        return '<b>t</b>'\n    def __repr__(self):\n        return 'Table'\nTable()", in: s)
        #expect(r == .ok(value: ["text/plain": "Table", "text/html": "<b>t</b>"], pages: []))
    }
}
