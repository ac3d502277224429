import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// `swift-rnn-kernel install`: writes `share/jupyter/kernels/swift-rnn/` (kernel.json and logos)
/// where Jupyter looks for kernelspecs, with the absolute path of this binary in `argv`.
struct InstallKernelspec: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install the Swift RNN kernelspec so Jupyter can start this kernel.",
        discussion: """
            Without a location option the kernelspec goes to the system-wide Jupyter data directory \
            (/usr/local/share/jupyter/kernels), as `python -m ipykernel install` does.
            """
    )

    @Flag(help: "Install for the current user (JUPYTER_DATA_DIR or ~/.local/share/jupyter).")
    var user = false

    @Flag(help: "Install into the active Python environment (VIRTUAL_ENV, CONDA_PREFIX or python3's sys.prefix).")
    var sysPrefix = false

    @Option(help: ArgumentHelp("Install under DIR/share/jupyter/kernels.", valueName: "DIR"))
    var prefix: String?

    @Option(help: "Kernel name (the kernelspec's folder name).")
    var name = "swift-rnn"

    @Option(help: "Display name shown in the Jupyter launcher.")
    var displayName = "Swift RNN"

    func validate() throws {
        let chosen = [user, sysPrefix, prefix != nil].filter { $0 }.count
        if chosen > 1 {
            throw ValidationError("Choose at most one of --user, --sys-prefix and --prefix.")
        }
    }

    func run() throws {
        let kernelsDir = try kernelsDirectory()
        let destination = kernelsDir.appendingPathComponent(name, isDirectory: true)
        let template = try Kernelspec.templateDirectory()
        let binary = try Kernelspec.executablePath()
        try Kernelspec.write(from: template, to: destination, binary: binary, displayName: displayName)
        print("Installed kernelspec \(name) in \(destination.path)")
    }

    private func kernelsDirectory() throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        let dataDir: String
        if let prefix {
            dataDir = Self.expandingTilde(prefix) + "/share/jupyter"
        } else if sysPrefix {
            dataDir = try Kernelspec.pythonPrefix(environment: environment) + "/share/jupyter"
        } else if user {
            if let custom = environment["JUPYTER_DATA_DIR"], !custom.isEmpty {
                dataDir = custom
            } else if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
                dataDir = xdg + "/jupyter"
            } else {
                dataDir = Self.homeDirectory() + "/.local/share/jupyter"
            }
        } else {
            dataDir = "/usr/local/share/jupyter"
        }
        let url = URL(fileURLWithPath: dataDir, isDirectory: true)
        return url.appendingPathComponent("kernels", isDirectory: true).standardizedFileURL
    }

    /// The user's home: `HOME`, else the password database (as `NSHomeDirectory` does).
    static func homeDirectory() -> String {
        if let home = getenv("HOME"), home.pointee != 0 { return String(cString: home) }
        if let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir { return String(cString: directory) }
        return "/"
    }

    /// `~` and `~/rest` become the home directory, `~user/rest` that user's home; other paths
    /// are unchanged (`NSString.expandingTildeInPath` without Foundation).
    static func expandingTilde(_ path: String) -> String {
        guard path.hasPrefix("~") else { return path }
        let afterTilde = path.dropFirst()
        let user = afterTilde.prefix { $0 != "/" }
        let rest = afterTilde.dropFirst(user.count)
        if user.isEmpty { return homeDirectory() + rest }
        guard let entry = getpwnam(String(user)), let directory = entry.pointee.pw_dir else { return path }
        return String(cString: directory) + rest
    }
}
