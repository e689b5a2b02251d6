import ArgumentParser
import Configuration
import Server

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The configuration flags every subcommand shares.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "JSON config file (default: config/tapelab.json when it exists; env TAPELAB_CONFIG).")
    var config: String?

    @Option(name: .long, help: "Address to listen on (default 127.0.0.1).")
    var host: String?

    @Option(name: .long, help: "Port to listen on (default 8080).")
    var port: Int?

    @Option(name: .long, help: "Bearer token required on /api (env TAPELAB_TOKEN).")
    var token: String?

    @Option(name: .customLong("web-root"), help: "Folder served at / (default web).")
    var webRoot: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String?

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Sets any config key, e.g. --set max_sessions=8 (repeatable).",
            discussion: ServerConfiguration.keys.map { "\($0.key): \($0.meaning)" }.joined(separator: "\n")
        )
    )
    var settings: [String] = []

    /// Reads flags, then `TAPELAB_*` variables, then the config file, then the defaults.
    func load() async throws -> ServerConfiguration {
        var flags: [String: ConfigValue] = [:]
        if let host { flags["host"] = ConfigValue(.string(host), isSecret: false) }
        if let port { flags["port"] = ConfigValue(.int(port), isSecret: false) }
        if let token { flags["token"] = ConfigValue(.string(token), isSecret: true) }
        if let webRoot { flags["web_root"] = ConfigValue(.string(webRoot), isSecret: false) }
        if let logLevel { flags["log_level"] = ConfigValue(.string(logLevel), isSecret: false) }
        let known = Set(ServerConfiguration.keys.map(\.key))
        for setting in settings {
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, known.contains(parts[0]) else {
                throw ValidationError("--set takes KEY=VALUE with KEY one of: \(known.sorted().joined(separator: ", "))")
            }
            flags[parts[0]] = Self.value(parts[1], secret: parts[0] == "token")
        }
        let environment = ProcessInfo.processInfo.environment
        let explicitFile = config ?? environment["TAPELAB_CONFIG"]
        let sources = ServerConfiguration.Sources(
            flags: flags,
            environment: environment,
            configFile: explicitFile ?? "config/tapelab.json",
            configFileRequired: explicitFile != nil
        )
        do {
            return try await ServerConfiguration.load(from: sources)
        } catch let error as ServerConfiguration.Invalid {
            throw ValidationError(error.description)
        }
    }

    private static func value(_ text: String, secret: Bool) -> ConfigValue {
        if let whole = Int(text) { return ConfigValue(.int(whole), isSecret: secret) }
        if let fraction = Double(text) { return ConfigValue(.double(fraction), isSecret: secret) }
        return ConfigValue(.string(text), isSecret: secret)
    }
}
