import Foundation

/// JSON forms of the interpreter contract's types (MIME bundles, payloads, errors, kernel info).
extension JSONValue {
    /// A MIME bundle as message `data`. JSON MIME types (`application/json`, `...+json`) must
    /// be JSON values on the wire, not strings, so their text is embedded parsed when it parses.
    static func mimeBundle(_ bundle: MimeBundle) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for (mimeType, text) in bundle {
            if mimeType == "application/json" || mimeType.hasSuffix("+json"),
                let parsed = try? JSONValue.parse(Data(text.utf8))
            {
                members[mimeType] = parsed
            } else {
                members[mimeType] = .string(text)
            }
        }
        return .object(members)
    }

    /// String-valued metadata as a JSON object.
    static func strings(_ dictionary: [String: String]) -> JSONValue {
        .object(dictionary.mapValues(JSONValue.string))
    }

    /// An execute reply `payload` entry.
    static func payload(_ payload: Payload) -> JSONValue {
        switch payload {
        case .page(let bundle, let start):
            return ["source": "page", "data": mimeBundle(bundle), "start": .int(start)]
        }
    }
}

extension CellError {
    /// `{ename, evalue, traceback}`, shared by `error` messages, error replies and user expressions.
    var jsonFields: [String: JSONValue] {
        ["ename": .string(name), "evalue": .string(value), "traceback": .array(traceback.map(JSONValue.string))]
    }
}

extension KernelInfo {
    /// The `kernel_info_reply` content (without `status`).
    var replyContent: [String: JSONValue] {
        [
            "protocol_version": .string(MessageHeader.protocolVersion),
            "implementation": .string(implementation),
            "implementation_version": .string(implementationVersion),
            "banner": .string(banner),
            "help_links": .array(helpLinks.map { ["text": .string($0.text), "url": .string($0.url)] }),
            "language_info": [
                "name": .string(languageName),
                "version": .string(languageVersion),
                "mimetype": .string(mimetype),
                "file_extension": .string(fileExtension),
                "pygments_lexer": .string(pygmentsLexer),
                "codemirror_mode": .string(codemirrorMode),
                "nbconvert_exporter": .string(nbconvertExporter),
            ],
        ]
    }
}
