import ArgumentParser
import Foundation
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys; print(sys.prefix)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        do {
            try process.run()
        } catch {
            throw ValidationError("--sys-prefix needs python3 on PATH or VIRTUAL_ENV set: \(error.localizedDescription)")
        }
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, !output.isEmpty else {
            throw ValidationError("--sys-prefix: python3 could not report sys.prefix")
        }
        return output
    }

    /// Copies the template's logos and writes kernel.json with `binary` as argv[0].
    static func write(from template: URL, to destination: URL, binary: String, displayName: String) throws {
        let files = FileManager.default
        try files.createDirectory(at: destination, withIntermediateDirectories: true)
        let templateJSON = try Data(contentsOf: template.appendingPathComponent("kernel.json"))
        guard var spec = try JSONSerialization.jsonObject(with: templateJSON) as? [String: Any],
              var argv = spec["argv"] as? [String], !argv.isEmpty
        else {
            throw ValidationError("kernelspec template kernel.json is malformed")
        }
        argv[0] = binary
        spec["argv"] = argv
        spec["display_name"] = displayName
        // One source of truth: papermill and frontends match this against kernel_info's language.
        spec["language"] = NotebookSession.languageName
        let json = try JSONSerialization.data(withJSONObject: spec, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try json.write(to: destination.appendingPathComponent("kernel.json"))
        for logo in try files.contentsOfDirectory(atPath: template.path) where logo.hasPrefix("logo-") {
            let target = destination.appendingPathComponent(logo)
            try? files.removeItem(at: target)
            try files.copyItem(at: template.appendingPathComponent(logo), to: target)
        }
    }
}
