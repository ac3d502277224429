import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import JupyterKernel
import NotebookLanguage

/// Finds the kernelspec template shipped with the binary and writes an installed copy.
enum Kernelspec {
    /// The `kernelspec/` template: installed beside the binary (`PREFIX/share/swift-rnn-kernel/`)
    /// or, for a binary built in a checkout (`.build/release/`), the checkout's own folder.
    static func templateDirectory() throws -> URL {
        let binaryDir = URL(fileURLWithPath: try executablePath()).deletingLastPathComponent()
        var candidates = [binaryDir.appendingPathComponent("../share/swift-rnn-kernel/kernelspec").standardizedFileURL]
        var directory = binaryDir
        for _ in 0..<5 {
            candidates.append(directory.appendingPathComponent("kernelspec"))
            directory = directory.deletingLastPathComponent()
        }
        for candidate in candidates
        where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("kernel.json").path) {
            return candidate
        }
        throw ValidationError(
            "kernelspec template not found: looked for kernelspec/kernel.json above \(binaryDir.path) and in \(candidates[0].path)")
    }

    /// Absolute path of the running binary, so kernel.json works from any working directory.
    static func executablePath() throws -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return path
        }
        let argument0 = CommandLine.arguments.first ?? "swift-rnn-kernel"
        return URL(fileURLWithPath: argument0).standardizedFileURL.path
    }

    /// `sys.prefix` of the active Python environment.
    static func pythonPrefix(environment: [String: String]) throws -> String {
        for variable in ["VIRTUAL_ENV", "CONDA_PREFIX"] {
            if let value = environment[variable], !value.isEmpty { return value }
        }
        // popen runs the fixed command through /bin/sh, which finds python3 on PATH
        // (Foundation's Process is not in FoundationEssentials).
        guard let pipe = popen("python3 -c 'import sys; print(sys.prefix)' 2>/dev/null", "r") else {
            throw ValidationError("--sys-prefix needs python3 on PATH or VIRTUAL_ENV set: cannot start a shell")
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, pipe)
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        let status = pclose(pipe)
        let output = String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
        guard status == 0, !output.isEmpty else {
            throw ValidationError("--sys-prefix needs python3 on PATH or VIRTUAL_ENV set: python3 could not report sys.prefix")
        }
        return output
    }

    /// Copies the template's logos and writes kernel.json with `binary` as argv[0].
    static func write(from template: URL, to destination: URL, binary: String, displayName: String) throws {
        let files = FileManager.default
        try files.createDirectory(at: destination, withIntermediateDirectories: true)
        let templateJSON = try Data(contentsOf: template.appendingPathComponent("kernel.json"))
        guard var spec = (try? JSONValue.parse(templateJSON))?.objectValue,
              var argv = spec["argv"]?.arrayValue, !argv.isEmpty, argv.allSatisfy({ $0.stringValue != nil })
        else {
            throw ValidationError("kernelspec template kernel.json is malformed")
        }
        argv[0] = .string(binary)
        spec["argv"] = .array(argv)
        spec["display_name"] = .string(displayName)
        // One source of truth: papermill and frontends match this against kernel_info's language.
        spec["language"] = .string(NotebookSession.languageName)
        try JSONValue.object(spec).prettySerialized().write(to: destination.appendingPathComponent("kernel.json"))
        for logo in try files.contentsOfDirectory(atPath: template.path) where logo.hasPrefix("logo-") {
            let target = destination.appendingPathComponent(logo)
            try? files.removeItem(at: target)
            try files.copyItem(at: template.appendingPathComponent(logo), to: target)
        }
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0.isNewline }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
