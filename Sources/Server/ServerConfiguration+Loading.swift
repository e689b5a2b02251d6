import Configuration

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
        if let path = sources.configFile {
            // The file's members are unprefixed; readers ask for `tapelab.<key>`.
            let fileSettings = ConfigReader(
                provider: InMemoryProvider(values: [
                    AbsoluteConfigKey(["filePath"]): ConfigValue(.string(path), isSecret: false),
                    AbsoluteConfigKey(["allowMissing"]): ConfigValue(.bool(!sources.configFileRequired), isSecret: false),
                ])
            )
            let file: FileProvider<JSONSnapshot>
            do {
                file = try await FileProvider<JSONSnapshot>(config: fileSettings)
            } catch {
                throw Invalid("cannot read the config file \(path): \(error)")
            }
            providers.append(
                file.mapKeys { key in
                    guard key.components.first == "tapelab" else { return key }
                    return AbsoluteConfigKey(Array(key.components.dropFirst()), context: key.context)
                }
            )
        }
        return try ServerConfiguration(reader: ConfigReader(providers: providers))
    }
}
