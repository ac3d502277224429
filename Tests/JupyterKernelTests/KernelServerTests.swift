import Foundation
import XCTest

@testable import JupyterKernel

/// The kernel core over real ZeroMQ sockets against `FakeInterpreter`.
final class KernelServerTests: XCTestCase {
    private var kernel: RunningKernel!
    private var client: KernelTestClient { kernel.client }

    override func setUpWithError() throws {
        kernel = try RunningKernel()
    }

    override func tearDown() {
        kernel.stop()
        kernel = nil
    }

    private func execute(_ code: String, _ extra: [String: JSONValue] = [:]) throws -> (reply: Message, iopub: [Message]) {
        var content: [String: JSONValue] = [
            "code": .string(code), "silent": false, "store_history": true, "user_expressions": [:],
            "allow_stdin": false, "stop_on_error": true,
        ]
        content.merge(extra) { $1 }
        let request = try client.send("execute_request", content)
        let reply = try client.reply(to: request)
        return (reply, try client.iopubMessages(for: request))
    }

    private func types(_ messages: [Message]) -> [String] {
        messages.map { $0.msgType == "status" ? "status:\($0.content["execution_state"]?.stringValue ?? "")" : $0.msgType }
    }

    func testKernelInfoOnShellAndControl() throws {
        for socket in [client.shell, client.control] {
            let request = try client.send("kernel_info_request", on: socket)
            let reply = try client.reply(to: request, on: socket)
            XCTAssertEqual(reply.msgType, "kernel_info_reply")
            XCTAssertEqual(reply.header["version"], "5.4")
            XCTAssertEqual(reply.parentHeader, request.header)
            let content = reply.content
            XCTAssertEqual(content["status"], "ok")
            XCTAssertEqual(content["protocol_version"], "5.4")
            XCTAssertEqual(content["implementation"], "fake")
            XCTAssertEqual(content["banner"], "Fake kernel")
            XCTAssertEqual(content["help_links"], [["text": "Docs", "url": "https://example.com"]])
            XCTAssertEqual(
                content["language_info"],
                [
                    "name": "fakelang", "version": "1.0", "mimetype": "text/x-fake", "file_extension": ".fake",
                    "pygments_lexer": "python", "codemirror_mode": "python", "nbconvert_exporter": "script",
                ])
            XCTAssertEqual(types(try client.iopubMessages(for: request)), ["status:busy", "status:idle"])
        }
    }

    func testExecuteOrderAndCounting() throws {
        let first = try execute("print hello\nvalue 42")
        XCTAssertEqual(types(first.iopub), ["status:busy", "execute_input", "stream", "execute_result", "status:idle"])
        XCTAssertEqual(first.iopub[1].content, ["code": "print hello\nvalue 42", "execution_count": 1])
        XCTAssertEqual(first.iopub[2].content, ["name": "stdout", "text": "hello\n"])
        XCTAssertEqual(first.iopub[3].content, ["execution_count": 1, "data": ["text/plain": "42"], "metadata": [:]])
        XCTAssertEqual(first.reply.msgType, "execute_reply")
        XCTAssertEqual(first.reply.content["status"], "ok")
        XCTAssertEqual(first.reply.content["execution_count"], 1)
        XCTAssertEqual(first.reply.content["payload"], [])
        XCTAssertEqual(first.reply.content["user_expressions"], [:])

        XCTAssertEqual(try execute("value 1").reply.content["execution_count"], 2)
        XCTAssertEqual(try execute("value 1", ["store_history": false]).reply.content["execution_count"], 2)
        XCTAssertEqual(try execute("value 1").reply.content["execution_count"], 3)
    }

    func testSilentExecutionPublishesOnlyStatus() throws {
        let silent = try execute("print hidden\nvalue 5\ndisplay x", ["silent": true])
        XCTAssertEqual(types(silent.iopub), ["status:busy", "status:idle"])
        XCTAssertEqual(silent.reply.content["status"], "ok")
        XCTAssertEqual(silent.reply.content["execution_count"], 0, "silent cells do not count")
    }

    func testDisplayPayloadUserExpressionsAndJSONData() throws {
        let run = try execute("display pic\npage Help text\njson {\"a\": 1}", ["user_expressions": ["x": "a", "y": "bad", "z": 3]])
        XCTAssertEqual(
            types(run.iopub),
            ["status:busy", "execute_input", "display_data", "update_display_data", "clear_output", "execute_result", "status:idle"])
        XCTAssertEqual(run.iopub[2].content["transient"], ["display_id": "d1"])
        XCTAssertEqual(run.iopub[3].content["data"], ["text/plain": "pic!"])
        XCTAssertEqual(run.iopub[4].content, ["wait": true])
        XCTAssertEqual(run.iopub[5].content["data"]?["application/json"], ["a": 1], "JSON MIME data is embedded as JSON")
        XCTAssertEqual(run.reply.content["payload"], [["source": "page", "data": ["text/plain": "Help text"], "start": 0]])
        let expressions = run.reply.content["user_expressions"]
        XCTAssertEqual(expressions?["x"], ["status": "ok", "data": ["text/plain": "<a>"], "metadata": [:]])
        XCTAssertEqual(expressions?["y"]?["status"], "error")
        XCTAssertEqual(expressions?["y"]?["ename"], "NameError")
        XCTAssertEqual(expressions?["z"]?["status"], "error")
    }

    func testErrorReplyAndErrorMessage() throws {
        let run = try execute("print before\nfail")
        XCTAssertEqual(types(run.iopub), ["status:busy", "execute_input", "stream", "error", "status:idle"])
        XCTAssertEqual(run.iopub[3].content, ["ename": "ValueError", "evalue": "boom", "traceback": ["ValueError: boom"]])
        XCTAssertEqual(run.reply.content["status"], "error")
        XCTAssertEqual(run.reply.content["execution_count"], 1)
        XCTAssertEqual(run.reply.content["ename"], "ValueError")
        XCTAssertEqual(run.reply.content["evalue"], "boom")
        XCTAssertEqual(run.reply.content["traceback"], ["ValueError: boom"])
    }

    func testStopOnErrorAbortsQueuedExecutes() throws {
        let content: [String: JSONValue] = ["silent": false, "store_history": true, "allow_stdin": false]
        let failing = try client.send("execute_request", content.merging(["code": "sleep 0.2\nfail"]) { $1 })
        let queued1 = try client.send("execute_request", content.merging(["code": "print one"]) { $1 })
        let info = try client.send("kernel_info_request")
        let queued2 = try client.send("execute_request", content.merging(["code": "print two"]) { $1 })
        XCTAssertEqual(try client.reply(to: failing).content["status"], "error")
        XCTAssertEqual(try client.reply(to: queued1).content, ["status": "aborted"])
        XCTAssertEqual(try client.reply(to: info).content["status"], "ok", "other requests are still served")
        XCTAssertEqual(try client.reply(to: queued2).content, ["status": "aborted"])
        XCTAssertEqual(types(try client.iopubMessages(for: queued1)), ["status:busy", "status:idle"])
        XCTAssertEqual(kernel.interpreter.executed, ["sleep 0.2\nfail"])

        // Later requests run again, and without stop_on_error nothing is aborted.
        XCTAssertEqual(try execute("print three").reply.content["status"], "ok")
        let lenient = try client.send("execute_request", content.merging(["code": "sleep 0.2\nfail", "stop_on_error": false]) { $1 })
        let next = try client.send("execute_request", content.merging(["code": "print four"]) { $1 })
        XCTAssertEqual(try client.reply(to: lenient).content["status"], "error")
        XCTAssertEqual(try client.reply(to: next).content["status"], "ok")
    }

    func testBadSignatureIsDroppedAndNeverExecuted() throws {
        let message = Message(
            msgType: "execute_request", session: "evil", username: "x", parent: nil, content: ["code": "print pwned"])
        var wire = message.wire(signer: MessageSigner(key: "wrong key"))
        try client.shell.send(wire.frames)
        wire.signature = ""
        try client.shell.send(wire.frames)
        XCTAssertNil(try client.receive(on: client.shell, timeout: 0.3))
        XCTAssertEqual(kernel.interpreter.executed, [])
        XCTAssertEqual(kernel.logLines.current.filter { $0.contains("invalid signature") }.count, 2)
        // Control drops them too.
        try client.control.send(Message(msgType: "shutdown_request", session: "evil", username: "x", parent: nil, content: [:])
            .wire(signer: MessageSigner(key: "wrong key")).frames)
        XCTAssertNil(try client.receive(on: client.control, timeout: 0.3))
        XCTAssertEqual(try execute("print fine").reply.content["status"], "ok")
    }

    func testMalformedRequestsNeverTrap() throws {
        // Raw garbage, bad JSON content, wrong types, unknown types: the kernel answers or ignores.
        try client.shell.send([Data("garbage".utf8)])
        let header = Message(msgType: "execute_request", session: "s", username: "u", parent: nil, content: [:]).wire(signer: client.signer)
        let badContent = Data("{\"code\": ".utf8)
        let signature = client.signer.signature(for: [header.header, header.parentHeader, header.metadata, badContent])
        try client.shell.send([WireMessage.delimiter, Data(signature.utf8), header.header, header.parentHeader, header.metadata, badContent])

        let numberCode = try client.send("execute_request", ["code": 42, "silent": "yes"])
        let reply = try client.reply(to: numberCode)
        XCTAssertEqual(reply.content["status"], "error")
        XCTAssertEqual(reply.content["ename"], "InvalidRequest")

        let unknown = try client.send("frobnicate_request", ["x": 1])
        XCTAssertEqual(types(try client.iopubMessages(for: unknown)), ["status:busy", "status:idle"])
        XCTAssertTrue(kernel.logLines.current.contains { $0.contains("frobnicate_request") })

        let complete = try client.send("complete_request", ["code": ["not", "a", "string"], "cursor_pos": "end"])
        XCTAssertEqual(try client.reply(to: complete).content["status"], "ok")
        XCTAssertEqual(try execute("value ok").reply.content["status"], "ok")
        XCTAssertEqual(kernel.interpreter.executed, ["value ok"])
    }

    func testCompleteInspectIsCompleteAndComms() throws {
        let complete = try client.reply(to: try client.send("complete_request", ["code": "pr", "cursor_pos": 99]))
        XCTAssertEqual(
            complete.content,
            ["status": "ok", "matches": ["print", "pass"], "cursor_start": 1, "cursor_end": 2, "metadata": [:]])

        let inspect = try client.reply(to: try client.send("inspect_request", ["code": "print", "cursor_pos": 2, "detail_level": 1]))
        XCTAssertEqual(inspect.content, ["status": "ok", "found": true, "data": ["text/plain": "print(value) detail 1"], "metadata": [:]])
        let missing = try client.reply(to: try client.send("inspect_request", ["code": "zzz", "cursor_pos": 2]))
        XCTAssertEqual(missing.content, ["status": "ok", "found": false, "data": [:], "metadata": [:]])

        let cases: [(String, JSONValue)] = [
            ("x = 1", ["status": "complete"]), ("if x:", ["status": "incomplete", "indent": "    "]),
            (")", ["status": "invalid"]),
        ]
        for (code, expected) in cases {
            let reply = try client.reply(to: try client.send("is_complete_request", ["code": .string(code)]))
            XCTAssertEqual(JSONValue.object(reply.content), expected)
        }

        XCTAssertEqual(try client.reply(to: try client.send("comm_info_request")).content, ["status": "ok", "comms": [:]])
        let open = try client.send("comm_open", ["comm_id": "c1", "target_name": "jupyter.widget", "data": [:]])
        XCTAssertEqual(types(try client.iopubMessages(for: open)), ["status:busy", "comm_close", "status:idle"])
        let msg = try client.send("comm_msg", ["comm_id": "c1", "data": [:]])
        XCTAssertEqual(types(try client.iopubMessages(for: msg)), ["status:busy", "status:idle"])
        XCTAssertNil(try client.receive(on: client.shell, timeout: 0.1), "comm messages have no reply")
    }

    func testHistoryTailRangeSearch() throws {
        for code in ["value 1", "print x", "value 3"] { _ = try execute(code) }
        _ = try execute("print not stored", ["store_history": false])

        func history(_ content: [String: JSONValue]) throws -> JSONValue? {
            let reply = try client.reply(to: try client.send("history_request", content))
            XCTAssertEqual(reply.content["status"], "ok")
            return reply.content["history"]
        }
        XCTAssertEqual(try history(["hist_access_type": "tail", "n": 2, "output": false, "raw": true]), [[1, 2, "print x"], [1, 3, "value 3"]])
        XCTAssertEqual(
            try history(["hist_access_type": "range", "session": 0, "start": 1, "stop": 3, "output": true, "raw": true]),
            [[1, 1, ["value 1", "1"]], [1, 2, ["print x", nil]]])
        XCTAssertEqual(try history(["hist_access_type": "range", "output": false, "raw": true])?.arrayValue?.count, 3)
        XCTAssertEqual(try history(["hist_access_type": "search", "pattern": "value*", "n": 1, "unique": true, "output": false]), [[1, 3, "value 3"]])
    }

    func testInterruptFromControlWhileCellRuns() throws {
        let request = try client.send("execute_request", ["code": "wait", "allow_stdin": false])
        Thread.sleep(forTimeInterval: 0.15)
        let interrupt = try client.send("interrupt_request", on: client.control)
        let interruptReply = try client.reply(to: interrupt, on: client.control, timeout: 1)
        XCTAssertEqual(interruptReply.content, ["status": "ok"])
        let reply = try client.reply(to: request)
        XCTAssertEqual(reply.content["status"], "error")
        XCTAssertEqual(reply.content["ename"], "KeyboardInterrupt")
    }

    func testKernelInfoOnControlIsAnsweredWhileCellRuns() throws {
        let request = try client.send("execute_request", ["code": "sleep 0.6"])
        Thread.sleep(forTimeInterval: 0.1)
        let start = Date()
        let info = try client.send("kernel_info_request", on: client.control)
        XCTAssertEqual(try client.reply(to: info, on: client.control).content["status"], "ok")
        XCTAssertLessThan(Date().timeIntervalSince(start), 0.4, "control must not wait for the cell")
        XCTAssertEqual(try client.reply(to: request).content["status"], "ok")
    }

    func testSIGINTInterruptsInsteadOfKilling() throws {
        kernel.server.installInterruptSignalHandler()
        let request = try client.send("execute_request", ["code": "wait"])
        Thread.sleep(forTimeInterval: 0.15)
        kill(getpid(), SIGINT)
        XCTAssertEqual(try client.reply(to: request).content["ename"], "KeyboardInterrupt")
    }

    func testStdinRoundTrip() throws {
        let request = try client.send("execute_request", ["code": "input Name? ", "allow_stdin": true])
        guard let prompt = try client.receive(on: client.stdin) else { return XCTFail("no input_request") }
        XCTAssertEqual(prompt.msgType, "input_request")
        XCTAssertEqual(prompt.content, ["prompt": "Name? ", "password": false])
        XCTAssertEqual(prompt.parentHeader, request.header)
        let answer = Message(msgType: "input_reply", session: client.session, username: "tester", parent: prompt, content: ["value": "Ada"])
        try client.stdin.send(answer.wire(signer: client.signer).frames)
        XCTAssertEqual(try client.reply(to: request).content["status"], "ok")
        let output = try client.iopubMessages(for: request)
        XCTAssertEqual(output.first { $0.msgType == "stream" }?.content["text"], "got Ada\n")
    }

    func testStdinNotAllowedAndInterruptedWhileWaiting() throws {
        let refused = try execute("input x", ["allow_stdin": false])
        XCTAssertEqual(refused.reply.content["ename"], "StdinNotImplementedError")
        XCTAssertNil(try client.receive(on: client.stdin, timeout: 0.05))

        let request = try client.send("execute_request", ["code": "input y", "allow_stdin": true])
        XCTAssertEqual(try client.receive(on: client.stdin)?.msgType, "input_request")
        let interrupt = try client.send("interrupt_request", on: client.control)
        _ = try client.reply(to: interrupt, on: client.control)
        XCTAssertEqual(try client.reply(to: request, timeout: 1).content["ename"], "KeyboardInterrupt")
    }

    func testHeartbeatEchoes() throws {
        try client.heartbeat.send([Data("ping".utf8)])
        XCTAssertEqual(try client.heartbeat.receive(timeoutMilliseconds: 1000), [Data("ping".utf8)])
    }
}
