#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Configuration
import Kernel

extension ServerConfiguration {
    /// Where the configuration is read from, highest priority first.
    public struct Sources: Sendable {
        /// Values given as command-line flags, by key (`port`, `max_sessions`, …).
        public var flags: [String: ConfigValue] = [:]
        /// The process environment; only `TAPELAB_*` variables are read.
        public var environment: [String: String] = [:]
        /// The JSON config file, if any.
        public var configFile: String?
        /// Whether a missing `configFile` is an error (it was named explicitly) or just skipped.
        public var configFileRequired = false

        public init(
            flags: [String: ConfigValue] = [:],
            environment: [String: String] = [:],
            configFile: String? = nil,
            configFileRequired: Bool = false
        ) {
            self.flags = flags
            self.environment = environment
            self.configFile = configFile
            self.configFileRequired = configFileRequired
        }
    }

    /// Reads flags, then `TAPELAB_*` variables, then the config file, then the built-in defaults.
    ///
    /// - Throws: `Invalid` when a value is out of range or the file cannot be read.
    public static func load(from sources: Sources) async throws -> ServerConfiguration {
        var providers: [any ConfigProvider] = []
        var flagValues: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, value) in sources.flags {
            flagValues[AbsoluteConfigKey(["tapelab", key])] = value
        }
        providers.append(InMemoryProvider(name: "flags", values: flagValues))
        let environment = sources.environment.filter { $0.key.hasPrefix("TAPELAB_") }
        providers.append(
            EnvironmentVariablesProvider(environmentVariables: environment, secretsSpecifier: .specific(["TAPELAB_TOKEN"]))
        )
        if let path = sources.configFile, let values = try Self.readConfigFile(path, required: sources.configFileRequired) {
            providers.append(InMemoryProvider(name: path, values: values))
        }
        return try ServerConfiguration(reader: ConfigReader(providers: providers))
    }

    /// The members of the JSON config file at `path` as `tapelab.<key>` values.
    ///
    /// Read here with FoundationEssentials rather than swift-configuration's
    /// JSON provider, which links all of Foundation (and ICU) into the binary.
    ///
    /// - Returns: `nil` when the file does not exist and is not `required`.
    /// - Throws: `Invalid` when the file cannot be read or is not a JSON object of numbers, strings and booleans.
    static func readConfigFile(_ path: String, required: Bool) throws(Invalid) -> [AbsoluteConfigKey: ConfigValue]? {
        let data: Data
        do {
            data = try Data(contentsOf: URL(filePath: path))
        } catch {
            if !required && !FileManager.default.fileExists(atPath: path) { return nil }
            throw Invalid("cannot read the config file \(path): \(error)")
        }
        let json: JSONValue
        do {
            json = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw Invalid("the config file \(path) is not valid JSON: \(error)")
        }
        guard let members = json.objectValue else { throw Invalid("the config file \(path) must hold a JSON object") }
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        let known = Set(keys.map(\.key))
        for (key, member) in members {
            guard known.contains(key) else {
                throw Invalid("unknown key '\(key)' in the config file \(path); known keys: \(known.sorted().joined(separator: ", "))")
            }
            let content: ConfigContent
            switch member {
            case .string(let text): content = .string(text)
            case .int(let number): content = .int(number)
            case .double(let number): content = .double(number)
            case .bool(let flag): content = .bool(flag)
            case .null: continue
            case .array, .object: throw Invalid("'\(key)' in the config file \(path) must be a number, string or boolean")
            }
            values[AbsoluteConfigKey(["tapelab", key])] = ConfigValue(content, isSecret: key == "token")
        }
        return values
    }
}
