/// The routing tables and the handlers of every request but `execute_request`.
extension KernelServer {
    /// Shell messages → handlers (xeus' `xkernel_core` routes the same way). `shutdown_request`
    /// is accepted here too because clients before protocol 5 sent it on shell.
    static let shellHandlers: [String: Handler] = [
        "execute_request": KernelServer.handleExecute,
        "kernel_info_request": KernelServer.handleKernelInfo,
        "complete_request": KernelServer.handleComplete,
        "inspect_request": KernelServer.handleInspect,
        "is_complete_request": KernelServer.handleIsComplete,
        "history_request": KernelServer.handleHistory,
        "comm_info_request": KernelServer.handleCommInfo,
        "comm_open": KernelServer.handleCommOpen,
        "comm_msg": KernelServer.ignore,
        "comm_close": KernelServer.ignore,
        "shutdown_request": KernelServer.handleShutdown,
    ]

    /// Control messages → handlers; served on the control thread, so none of these may call
    /// interpreter hooks other than `interrupt()`.
    static let controlHandlers: [String: Handler] = [
        "kernel_info_request": KernelServer.handleKernelInfo,
        "shutdown_request": KernelServer.handleShutdown,
        "interrupt_request": KernelServer.handleInterrupt,
    ]

    /// `kernel_info_request` (shell or control): static facts from the interpreter, read at start.
    func handleKernelInfo(_ request: Message) -> [String: JSONValue]? {
        var content = info.replyContent
        content["status"] = "ok"
        return content
    }

    /// `complete_request`: the interpreter's matches; missing code reads as "", a bad cursor as the end.
    func handleComplete(_ request: Message) -> [String: JSONValue]? {
        let code = request.content["code"]?.stringValue ?? ""
        let cursor = Self.cursorPosition(request.content["cursor_pos"], in: code)
        let result = interpreter.complete(code: code, cursorPosition: cursor)
        return [
            "status": "ok", "matches": .array(result.matches.map(JSONValue.string)),
            "cursor_start": .int(result.cursorStart), "cursor_end": .int(result.cursorEnd), "metadata": [:],
        ]
    }

    /// `inspect_request`: `found` is false and `data` empty when the interpreter knows nothing.
    func handleInspect(_ request: Message) -> [String: JSONValue]? {
        let code = request.content["code"]?.stringValue ?? ""
        let cursor = Self.cursorPosition(request.content["cursor_pos"], in: code)
        let detail = request.content["detail_level"]?.intValue ?? 0
        let found = interpreter.inspect(code: code, cursorPosition: cursor, detailLevel: detail)
        return [
            "status": "ok", "found": .bool(found != nil), "data": .mimeBundle(found ?? [:]), "metadata": [:],
        ]
    }

    /// `is_complete_request`: `indent` only accompanies "incomplete", as the spec says.
    func handleIsComplete(_ request: Message) -> [String: JSONValue]? {
        // Without code there is nothing to judge; "unknown" lets the console decide.
        guard let code = request.content["code"]?.stringValue else { return ["status": "unknown"] }
        switch interpreter.isComplete(code: code) {
        case .complete: return ["status": "complete"]
        case .incomplete(let indent): return ["status": "incomplete", "indent": .string(indent)]
        case .invalid: return ["status": "invalid"]
        case .unknown: return ["status": "unknown"]
        }
    }

    /// `history_request`: tail, range or search over this process's stored cells.
    func handleHistory(_ request: Message) -> [String: JSONValue]? {
        ["status": "ok", "history": .array(history.reply(to: request.content))]
    }

    /// `comm_info_request`: no comms are ever open.
    func handleCommInfo(_ request: Message) -> [String: JSONValue]? {
        ["status": "ok", "comms": [:]]
    }

    /// No comm targets exist, so every `comm_open` is refused with `comm_close`, which tells
    /// the frontend's widget manager not to wait for the comm.
    func handleCommOpen(_ request: Message) -> [String: JSONValue]? {
        if let commID = request.content["comm_id"]?.stringValue {
            publish("comm_close", content: ["comm_id": .string(commID), "data": [:]], parent: request)
        }
        return nil
    }

    /// `comm_msg` and `comm_close` for comms that never opened: nothing to do, nothing to say.
    func ignore(_ request: Message) -> [String: JSONValue]? {
        nil
    }

    /// Replies, then the loops see the flag and stop after their `idle`.
    func handleShutdown(_ request: Message) -> [String: JSONValue]? {
        let restart = request.content["restart"]?.boolValue ?? false
        requestShutdown(restart: restart)
        return ["status": "ok", "restart": .bool(restart)]
    }

    /// `interrupt_request` (control, for `interrupt_mode: message`): same effect as SIGINT.
    func handleInterrupt(_ request: Message) -> [String: JSONValue]? {
        interrupt()
        return ["status": "ok"]
    }

    /// `cursor_pos` clamped into the code (in Unicode code points); missing or null means the end.
    static func cursorPosition(_ value: JSONValue?, in code: String) -> Int {
        let length = code.unicodeScalars.count
        guard let position = value?.intValue else { return length }
        return min(max(position, 0), length)
    }
}
