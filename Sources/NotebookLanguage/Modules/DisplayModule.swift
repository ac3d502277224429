#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// `IPython.display`: rich output as notebook users know it from ipykernel — `display(obj)`,
/// `display(obj, display_id=...)` with handles that `update`, `update_display`, `clear_output`,
/// and the `HTML` / `Markdown` / `SVG` wrappers. The names match IPython so cells copied from a
/// Python notebook run unchanged.
enum DisplayModule {
    static let name = "IPython.display"

    static func make() -> PyModule {
        let m = PyModule(name: name, doc: "Rich display in the notebook (IPython.display's vocabulary).")
        m.addFunction(
            "display", signature: "display(*objs, display_id=None)",
            doc: """
                Show each object as rich output (display_data). With display_id (a string, or True for a \
                new id) returns a DisplayHandle whose update(obj) replaces the output in place.
                """
        ) { args, interp in
            // display_id is keyword-only: every positional argument is an object to show.
            if let unexpected = args.keywords.first(where: { !["display_id", "clear", "metadata"].contains($0.name) }) {
                throw PyException(BuiltinTypes.typeError, "display() got an unexpected keyword argument '\(unexpected.name)'")
            }
            let displayID = try displayID(from: args.keyword("display_id"))
            for object in args.positional {
                guard let bundle = try Value.displayBundle(of: object) else { continue }
                interp.output.display(bundle, displayID: displayID, update: false)
            }
            return displayID.map { .object(DisplayHandle(id: $0)) } ?? .none
        }
        m.addFunction(
            "update_display", signature: "update_display(obj, *, display_id)",
            doc: "Replace the output shown earlier with the same display_id by obj's display."
        ) { args, interp in
            let bound = try args.bind("update_display", ["obj", "display_id"], required: 1)
            guard case .str(let id)? = bound[1] ?? args.keyword("display_id") else {
                throw PyException(BuiltinTypes.typeError, "update_display() missing required keyword argument 'display_id' (a str)")
            }
            if let object = bound[0], let bundle = try Value.displayBundle(of: object) {
                interp.output.display(bundle, displayID: id, update: true)
            }
            return .none
        }
        m.addFunction(
            "clear_output", signature: "clear_output(wait=False)",
            doc: "Clear this cell's output; with wait=True the frontend clears when the next output arrives."
        ) { args, interp in
            let bound = try args.bind("clear_output", ["wait"])
            interp.output.clearOutput(wait: bound[0]?.isTruthy ?? false)
            return .none
        }
        for (wrapper, mime) in [("HTML", "text/html"), ("Markdown", "text/markdown"), ("SVG", "image/svg+xml")] {
            m.addFunction(
                wrapper, signature: "\(wrapper)(data)",
                doc: "Wraps a string so display() shows it as \(mime)."
            ) { args, _ in
                let bound = try args.bind(wrapper, ["data"], required: 1)
                guard case .str(let data)? = bound[0] else {
                    throw PyException(BuiltinTypes.typeError, "\(wrapper)() data must be a str, not \(bound[0]?.typeName ?? "None")")
                }
                return .object(RichText(typeName: wrapper, mime: mime, data: data))
            }
        }
        return m
    }

    /// `IPython`: the package, so `import IPython` / `IPython.display.display(...)` work too.
    static func makePackage() -> PyModule {
        let m = PyModule(name: "IPython", doc: "The IPython names this kernel provides (IPython.display).")
        m.set("display", .module(make()))
        return m
    }

    /// `display_id=True` asks for a fresh id; a string is used as given.
    private static func displayID(from value: Value?) throws -> String? {
        switch value {
        case nil, .none?, .bool(false)?:
            return nil
        case .bool(true)?:
            return UUID().uuidString.lowercased().replacing("-", with: "")
        case .str(let id)?:
            return id
        case let other?:
            throw PyException(BuiltinTypes.typeError, "display_id must be a str or True, not \(other.typeName)")
        }
    }
}

/// `HTML(...)`, `Markdown(...)`, `SVG(...)`: a string shown under one MIME type.
final class RichText: NativeObject {
    let typeName: String
    let mime: String
    let data: String

    init(typeName: String, mime: String, data: String) {
        self.typeName = typeName
        self.mime = mime
        self.data = data
    }

    func repr() throws -> String { "<IPython.core.display.\(typeName) object>" }

    func displayBundle() throws -> [String: String] {
        [mime: data, "text/plain": try repr()]
    }

    var attributeNames: [String] { ["data"] }

    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        name == "data" ? .str(data) : nil
    }
}

/// What `display(obj, display_id=...)` returns: updates that output in place.
final class DisplayHandle: NativeObject {
    let id: String

    init(id: String) {
        self.id = id
    }

    var typeName: String { "DisplayHandle" }

    func repr() throws -> String { "<DisplayHandle display_id=\(id)>" }

    var attributeNames: [String] { ["display_id", "display", "update"] }

    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "display_id":
            return .str(id)
        case "display", "update":
            let update = name == "update"
            return .builtin(BuiltinFunction(
                name: name, signature: "\(name)(obj)",
                doc: update ? "Replace this display's output with obj." : "Show obj as a new output with this display id."
            ) { [id] args, interp in
                try args.expectPositional(name, min: 1, max: 1)
                if let bundle = try Value.displayBundle(of: args.positional[0]) {
                    interp.output.display(bundle, displayID: id, update: update)
                }
                return .none
            })
        default:
            return nil
        }
    }
}
