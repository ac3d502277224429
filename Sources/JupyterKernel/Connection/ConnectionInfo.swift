#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The connection file a Jupyter client writes for the kernel: transport, ports and signing key.
public struct ConnectionInfo: Codable, Sendable, Equatable {
    /// How sockets are addressed: TCP ports, or IPC (Unix-domain) paths.
    public enum Transport: String, Codable, Sendable {
        case tcp
        case ipc
    }

    /// `tcp` or `ipc`.
    public var transport: Transport
    /// An IP address for `tcp`; a filesystem path prefix for `ipc`.
    public var ip: String
    /// Shell ROUTER: requests and replies.
    public var shellPort: Int
    /// IOPub PUB: status, output, results.
    public var iopubPort: Int
    /// Stdin ROUTER: `input_request` to the client.
    public var stdinPort: Int
    /// Control ROUTER: interrupt, shutdown, kernel_info while busy.
    public var controlPort: Int
    /// Heartbeat REP: echoes pings.
    public var hbPort: Int
    /// The HMAC key; empty means messages are neither signed nor checked.
    public var key: String
    /// Only "hmac-sha256" is accepted (when a key is set).
    public var signatureScheme: String
    /// The kernelspec name the client launched, when it says.
    public var kernelName: String?

    enum CodingKeys: String, CodingKey {
        case transport, ip, key
        case shellPort = "shell_port"
        case iopubPort = "iopub_port"
        case stdinPort = "stdin_port"
        case controlPort = "control_port"
        case hbPort = "hb_port"
        case signatureScheme = "signature_scheme"
        case kernelName = "kernel_name"
    }

    /// The only scheme `MessageSigner` implements (jupyter_client's default).
    public static let supportedSignatureScheme = "hmac-sha256"

    /// A connection in code (tests, or a kernel that writes its own file); port 0 binds any free TCP port.
    public init(
        transport: Transport = .tcp, ip: String = "127.0.0.1", shellPort: Int, iopubPort: Int,
        stdinPort: Int, controlPort: Int, hbPort: Int, key: String,
        signatureScheme: String = ConnectionInfo.supportedSignatureScheme, kernelName: String? = nil
    ) {
        self.transport = transport
        self.ip = ip
        self.shellPort = shellPort
        self.iopubPort = iopubPort
        self.stdinPort = stdinPort
        self.controlPort = controlPort
        self.hbPort = hbPort
        self.key = key
        self.signatureScheme = signatureScheme
        self.kernelName = kernelName
    }

    /// Decodes the file's fields; `signature_scheme` may be absent (the protocol's default is
    /// hmac-sha256), every other field but `kernel_name` is required.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        transport = try container.decode(Transport.self, forKey: .transport)
        ip = try container.decode(String.self, forKey: .ip)
        shellPort = try container.decode(Int.self, forKey: .shellPort)
        iopubPort = try container.decode(Int.self, forKey: .iopubPort)
        stdinPort = try container.decode(Int.self, forKey: .stdinPort)
        controlPort = try container.decode(Int.self, forKey: .controlPort)
        hbPort = try container.decode(Int.self, forKey: .hbPort)
        key = try container.decode(String.self, forKey: .key)
        signatureScheme =
            try container.decodeIfPresent(String.self, forKey: .signatureScheme) ?? Self.supportedSignatureScheme
        kernelName = try container.decodeIfPresent(String.self, forKey: .kernelName)
    }

    /// Reads and validates a connection file; every failure is a `ConnectionInfoError`.
    public static func load(from path: String) throws(ConnectionInfoError) -> ConnectionInfo {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableFile(path: path, reason: Self.reason(for: error, path: path))
        }
        return try decode(data, path: path)
    }

    /// Parses connection-file bytes; `path` only labels error messages.
    public static func decode(_ data: Data, path: String = "<connection file>") throws(ConnectionInfoError) -> ConnectionInfo {
        // JSONSerialization first, so "not JSON" and "JSON without the fields" are told apart.
        let json: JSONValue
        do {
            json = try JSONValue.parse(data)
        } catch {
            throw .invalidJSON(path: path, reason: String(describing: error))
        }
        guard json.objectValue != nil else {
            throw .invalidJSON(path: path, reason: "the top level is not an object")
        }
        let info: ConnectionInfo
        do {
            info = try JSONDecoder().decode(ConnectionInfo.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw .missingField(path: path, field: key.stringValue)
        } catch let DecodingError.valueNotFound(_, context) {
            throw .missingField(path: path, field: context.codingPath.last?.stringValue ?? "?")
        } catch let DecodingError.typeMismatch(_, context) {
            throw .invalidField(path: path, field: context.codingPath.last?.stringValue ?? "?", reason: "wrong type")
        } catch let DecodingError.dataCorrupted(context) {
            let field = context.codingPath.last?.stringValue ?? "?"
            throw .invalidField(path: path, field: field, reason: context.debugDescription)
        } catch {
            throw .invalidJSON(path: path, reason: "\(error)")
        }
        // An empty key means "no signing", whatever scheme is named (jupyter_client does the same).
        guard info.key.isEmpty || info.signatureScheme == supportedSignatureScheme else {
            throw .unsupportedSignatureScheme(path: path, scheme: info.signatureScheme)
        }
        for (field, port) in info.namedPorts where !(0...65535).contains(port) {
            throw .invalidField(path: path, field: field, reason: "port \(port) is out of range")
        }
        return info
    }

    /// The ZeroMQ endpoint for `port`: `tcp://IP:PORT`, or jupyter_client's `ipc://IP-PORT`.
    public func endpoint(port: Int) -> String {
        switch transport {
        case .tcp:
            // IPv6 literals need brackets in a ZeroMQ TCP endpoint.
            let host = ip.contains(":") && !ip.hasPrefix("[") ? "[\(ip)]" : ip
            return "tcp://\(host):\(port)"
        case .ipc:
            return "ipc://\(ip)-\(port)"
        }
    }

    /// Endpoints of each channel, as `endpoint(port:)` forms them.
    public var shellEndpoint: String { endpoint(port: shellPort) }
    public var iopubEndpoint: String { endpoint(port: iopubPort) }
    public var stdinEndpoint: String { endpoint(port: stdinPort) }
    public var controlEndpoint: String { endpoint(port: controlPort) }
    public var hbEndpoint: String { endpoint(port: hbPort) }

    /// Ports with their connection-file names, for range checks.
    private var namedPorts: [(String, Int)] {
        [("shell_port", shellPort), ("iopub_port", iopubPort), ("stdin_port", stdinPort),
         ("control_port", controlPort), ("hb_port", hbPort)]
    }

    /// A short reason a file could not be read.
    private static func reason(for error: Error, path: String) -> String {
        // Foundation's messages are long and platform-specific; the common cases get a plain word.
        var status = stat()
        if stat(path, &status) != 0 {
            return errno == EACCES ? "permission denied" : "no such file"
        }
        if (status.st_mode & S_IFMT) == S_IFDIR { return "is a directory" }
        if access(path, R_OK) != 0 { return "permission denied" }
        return "\(error)"
    }
}
