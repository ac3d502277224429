/// The `OutputPublisher` a cell writes to: IOPub messages and stdin prompts parented to its
/// `execute_request`.
///
/// A silent request publishes nothing on IOPub (no streams, displays or clears), following
/// the protocol's "no broadcast" and ipykernel; `input_request` is not IOPub and still works.
final class CellOutputPublisher: OutputPublisher, @unchecked Sendable {
    // @unchecked: immutable apart from `finished`, which is locked; the server serializes IOPub.
    private let server: KernelServer
    private let request: Message
    private let silent: Bool
    private let allowStdin: Bool
    private let finished = Locked(false)

    /// A publisher for one cell, parenting everything to `request`.
    init(server: KernelServer, request: Message, silent: Bool, allowStdin: Bool) {
        self.server = server
        self.request = request
        self.silent = silent
        self.allowStdin = allowStdin
    }

    /// Called when the cell returned: later prompts fail, because the stdin socket belongs to
    /// the shell thread and the client no longer waits for this request.
    func finish() {
        finished.set(true)
    }

    /// A `stream` message; empty text is skipped (it would only add noise).
    func stream(name: String, text: String) {
        guard !silent, !text.isEmpty else { return }
        server.publish("stream", content: ["name": .string(name), "text": .string(text)], parent: request)
    }

    /// `display_data`, or `update_display_data` for an existing display id.
    func display(_ data: MimeBundle, metadata: [String: String], displayID: String?, update: Bool) {
        guard !silent else { return }
        var content: [String: JSONValue] = ["data": .mimeBundle(data), "metadata": .strings(metadata)]
        if let displayID {
            content["transient"] = ["display_id": .string(displayID)]
        }
        var msgType = update ? "update_display_data" : "display_data"
        if update && displayID == nil {
            // update_display_data requires transient.display_id; showing the value beats losing it.
            server.log("update_display_data without a display id; sent as display_data")
            msgType = "display_data"
        }
        server.publish(msgType, content: content, parent: request)
    }

    /// `clear_output`; `wait` defers the clear until new output arrives.
    func clearOutput(wait: Bool) {
        guard !silent else { return }
        server.publish("clear_output", content: ["wait": .bool(wait)], parent: request)
    }

    /// Prompts on stdin when the request allows it; blocks the shell thread meanwhile.
    func requestInput(prompt: String, password: Bool) throws -> String {
        guard allowStdin, !finished.current else { throw InputNotAllowed() }
        return try server.requestInput(prompt: prompt, password: password, parent: request)
    }
}
