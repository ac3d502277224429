/// The `kernel_info_reply` built from the interpreter's static facts.
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
