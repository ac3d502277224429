#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `execute_request`: counting, `execute_input`, running the cell, results, errors,
/// user expressions, aborting the queue after an error, and stdin prompts.
extension KernelServer {
    /// `execute_request`: counts, echoes `execute_input`, runs the cell, publishes its value or error, replies.
    /// Silent requests publish nothing on IOPub but status (no `execute_input`, output, result or error).
    func handleExecute(_ request: Message) -> [String: JSONValue]? {
        let content = request.content
        guard let code = content["code"]?.stringValue else {
            // A client bug, not a cell error: answer with an error reply, publish nothing.
            let error = CellError(
                name: "InvalidRequest", value: "execute_request content.code must be a string",
                traceback: ["InvalidRequest: execute_request content.code must be a string"])
            return errorReply(error)
        }
        let silent = content["silent"]?.boolValue ?? false
        // The protocol forces store_history off for silent requests.
        let storeHistory = !silent && (content["store_history"]?.boolValue ?? true)
        let allowStdin = content["allow_stdin"]?.boolValue ?? true
        let stopOnError = content["stop_on_error"]?.boolValue ?? true
        let userExpressions = content["user_expressions"]?.objectValue ?? [:]

        if storeHistory {
            executionCount += 1
            history.append(line: executionCount, input: code)
        }
        let count = executionCount
        if !silent {
            publish("execute_input", content: ["code": .string(code), "execution_count": .int(count)], parent: request)
        }

        interruptRequested.set(false)
        let output = CellOutputPublisher(server: self, request: request, silent: silent, allowStdin: allowStdin)
        let outcome = interpreter.execute(
            ExecuteRequest(code: code, silent: silent, storeHistory: storeHistory, allowStdin: allowStdin, executionCount: count),
            output: output)
        output.finish()

        switch outcome {
        case .ok(let result, let payloads):
            if let result {
                if !silent {
                    publish(
                        "execute_result",
                        content: ["execution_count": .int(count), "data": .mimeBundle(result), "metadata": [:]],
                        parent: request)
                }
                if storeHistory, let text = result["text/plain"] { history.recordOutput(line: count, output: text) }
            }
            return [
                "status": "ok", "execution_count": .int(count),
                "payload": .array(payloads.map(JSONValue.payload)),
                "user_expressions": .object(evaluate(userExpressions)),
            ]
        case .error(let error):
            if !silent { publish("error", content: error.jsonFields, parent: request) }
            // Snapshot the queue now, before the reply and `idle` go out: a request the client
            // sends after seeing them must run, not be aborted with the ones already waiting.
            if stopOnError { requestsToAbort = receiveQueuedShellRequests() }
            return errorReply(error)
        }
    }

    /// `{status: "error", execution_count, ename, evalue, traceback}` plus ipykernel's empty
    /// `payload` and `user_expressions`, which some clients read without checking the status.
    private func errorReply(_ error: CellError) -> [String: JSONValue] {
        var reply = error.jsonFields
        reply["status"] = "error"
        reply["execution_count"] = .int(executionCount)
        reply["payload"] = []
        reply["user_expressions"] = [:]
        return reply
    }

    /// Evaluates `user_expressions` after a successful cell; a non-string expression is an error entry.
    private func evaluate(_ expressions: [String: JSONValue]) -> [String: JSONValue] {
        var results: [String: JSONValue] = [:]
        for (name, expression) in expressions {
            guard let source = expression.stringValue else {
                let error = CellError(name: "TypeError", value: "expression must be a string", traceback: [])
                results[name] = .object(error.jsonFields.merging(["status": "error"]) { $1 })
                continue
            }
            switch interpreter.evaluateUserExpression(source) {
            case .ok(let bundle):
                results[name] = ["status": "ok", "data": .mimeBundle(bundle), "metadata": [:]]
            case .error(let error):
                results[name] = .object(error.jsonFields.merging(["status": "error"]) { $1 })
            }
        }
        return results
    }

    /// The shell requests already waiting, read without blocking.
    private func receiveQueuedShellRequests() -> [Message] {
        var queued: [Message] = []
        while shell.poll(timeoutMilliseconds: 0) {
            if let request = shell.receive() { queued.append(request) }
        }
        return queued
    }

    /// After a failed cell with `stop_on_error`: answers the `execute_request`s that were queued
    /// when it failed with status "aborted" (each with busy/idle) without running them, as
    /// ipykernel does. Other requests among them are served normally, in order.
    func abort(_ queued: [Message]) {
        for request in queued {
            if request.msgType == "execute_request" {
                publishStatus("busy", parent: request)
                reply(to: request, on: shell, content: ["status": "aborted"])
                publishStatus("idle", parent: request)
            } else {
                serve(request, on: shell, handlers: Self.shellHandlers)
            }
        }
    }

    /// Sends `input_request` on stdin to the identities of the shell request, then waits for the
    /// `input_reply`, checking every 50 ms whether the kernel was interrupted or shut down.
    func requestInput(prompt: String, password: Bool, parent: Message) throws -> String {
        // A reply to an earlier, interrupted prompt must not answer this one.
        while stdin.poll(timeoutMilliseconds: 0) { _ = stdin.receive() }
        stdin.send(
            Message(
                msgType: "input_request", session: session, username: username, parent: parent,
                content: ["prompt": .string(prompt), "password": .bool(password)], identities: parent.identities))
        while true {
            if interruptRequested.current || shutdownRequest.current != nil { throw InputInterrupted() }
            guard stdin.poll(timeoutMilliseconds: Self.inputPollMilliseconds), let reply = stdin.receive() else {
                continue
            }
            guard reply.msgType == "input_reply" else {
                log("stdin: ignoring \"\(reply.msgType)\" while waiting for input_reply")
                continue
            }
            return reply.content["value"]?.stringValue ?? ""
        }
    }
}
