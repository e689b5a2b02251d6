import Configuration
import Kernel
import Logging

/// Everything `tapelab serve` can be told: address, token, paths and every limit of DESIGN.md §4.
///
/// Values come, highest priority first, from command-line flags, `TAPELAB_*`
/// environment variables, the JSON config file, and the built-in defaults
/// below (so `tapelab serve` works with no file at all). The keys are the
/// file's member names; the environment variable of key `max_sessions` is
/// `TAPELAB_MAX_SESSIONS`.
public struct ServerConfiguration: Sendable, Equatable {
    /// Address to listen on.
    public var host = "127.0.0.1"
    /// Port to listen on.
    public var port = 8080
    /// Bearer token every `/api` call must carry; `nil` when none is configured.
    public var token: String?
    /// Folder served at `/`.
    public var webRoot = "web"
    /// Least severe log level written.
    public var logLevel: Logger.Level = .info
    /// Largest request body accepted.
    public var maxBodyBytes = 1 << 20
    /// Most sessions alive at once (throwaway ones included).
    public var maxSessions = 64
    /// How long a session may sit idle before it is removed.
    public var idleSessionLifetime: Duration = .seconds(3600)
    /// How long running cells get to finish after SIGTERM.
    public var shutdownGrace: Duration = .seconds(10)
    /// The limits every cell runs under.
    public var kernel = KernelLimits.defaults

    public init() {}

    /// Every configuration key, with what it sets, for `--help` and the README.
    public static let keys: [(key: String, meaning: String)] = [
        ("host", "address to listen on"),
        ("port", "port to listen on"),
        ("token", "bearer token required on /api (empty: none)"),
        ("web_root", "folder served at /"),
        ("log_level", "trace, debug, info, notice, warning, error or critical"),
        ("max_body_bytes", "largest request body"),
        ("max_sessions", "most sessions at once"),
        ("max_queued_cells", "cells waiting per session"),
        ("idle_session_seconds", "idle time before a session is removed"),
        ("cell_timeout_seconds", "run time of one cell"),
        ("max_tensor_elements", "elements in one tensor"),
        ("session_memory_bytes", "live tensor memory per session"),
        ("cell_output_bytes", "output text per cell"),
        ("recursion_limit", "call nesting depth"),
        ("shutdown_grace_seconds", "time running cells get after SIGTERM"),
    ]

    /// Why a configuration cannot be used.
    public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// Reads the configuration from `reader`, whose keys are prefixed with `tapelab.`.
    ///
    /// - Throws: `Invalid` naming the first value out of range.
    public init(reader: ConfigReader) throws(Invalid) {
        let config = reader.scoped(to: "tapelab")
        host = config.string(forKey: "host", default: host)
        port = config.int(forKey: "port", default: port)
        let token = config.string(forKey: "token", isSecret: true, default: "")
        self.token = token.isEmpty ? nil : token
        webRoot = config.string(forKey: "web_root", default: webRoot)
        let level = config.string(forKey: "log_level", default: logLevel.rawValue)
        guard let parsedLevel = Logger.Level(rawValue: level) else {
            throw Invalid("log_level must be one of trace, debug, info, notice, warning, error, critical (got '\(level)')")
        }
        logLevel = parsedLevel
        maxBodyBytes = config.int(forKey: "max_body_bytes", default: maxBodyBytes)
        maxSessions = config.int(forKey: "max_sessions", default: maxSessions)
        idleSessionLifetime = Self.seconds(config, "idle_session_seconds") ?? idleSessionLifetime
        shutdownGrace = Self.seconds(config, "shutdown_grace_seconds") ?? shutdownGrace
        kernel.maxQueuedCells = config.int(forKey: "max_queued_cells", default: kernel.maxQueuedCells)
        kernel.cellTimeout = Self.seconds(config, "cell_timeout_seconds") ?? kernel.cellTimeout
        kernel.maxTensorElements = config.int(forKey: "max_tensor_elements", default: kernel.maxTensorElements)
        kernel.memoryBudgetBytes = config.int(forKey: "session_memory_bytes", default: kernel.memoryBudgetBytes)
        kernel.cellOutputBytes = config.int(forKey: "cell_output_bytes", default: kernel.cellOutputBytes)
        kernel.recursionLimit = config.int(forKey: "recursion_limit", default: kernel.recursionLimit)
        try validate()
    }

    /// Checks every value is in range.
    ///
    /// - Throws: `Invalid` naming the first value that is not.
    public func validate() throws(Invalid) {
        guard (0...65535).contains(port) else { throw Invalid("port must be between 0 and 65535 (got \(port))") }
        guard !host.isEmpty else { throw Invalid("host must not be empty") }
        let positive: [(String, Int)] = [
            ("max_body_bytes", maxBodyBytes), ("max_sessions", maxSessions),
            ("max_tensor_elements", kernel.maxTensorElements), ("session_memory_bytes", kernel.memoryBudgetBytes),
            ("cell_output_bytes", kernel.cellOutputBytes), ("recursion_limit", kernel.recursionLimit),
        ]
        for (key, value) in positive where value <= 0 {
            throw Invalid("\(key) must be positive (got \(value))")
        }
        guard kernel.maxQueuedCells >= 0 else { throw Invalid("max_queued_cells must not be negative") }
        guard idleSessionLifetime > .zero else { throw Invalid("idle_session_seconds must be positive") }
        guard kernel.cellTimeout > .zero else { throw Invalid("cell_timeout_seconds must be positive") }
        guard shutdownGrace >= .zero else { throw Invalid("shutdown_grace_seconds must not be negative") }
    }

    /// Whether `host` names only this machine.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// Refuses to serve other machines without a token (DESIGN.md §4).
    ///
    /// - Throws: `Invalid` with the message to print when `host` is not
    ///   loopback and no token is configured.
    public func checkExposure() throws(Invalid) {
        if !isLoopback && token == nil {
            throw Invalid(
                "refusing to listen on \(host) without a token: anyone who can reach this address could run code. "
                    + "Set TAPELAB_TOKEN (or \"token\" in the config file, or --token), or listen on 127.0.0.1."
            )
        }
    }

    private static func seconds(_ config: ConfigReader, _ key: ConfigKey) -> Duration? {
        if let whole = config.int(forKey: key) { return .seconds(whole) }
        if let fraction = config.double(forKey: key), fraction.isFinite, fraction < 1e9 {
            return .milliseconds(Int((fraction * 1000).rounded()))
        }
        return nil
    }
}
