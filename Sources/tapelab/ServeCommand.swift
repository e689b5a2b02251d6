import ArgumentParser
import Kernel
import Logging
import Server

/// `tapelab serve`: the HTTP server.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the notebook API and web page (the default subcommand).",
        discussion: "Settings come from flags, then TAPELAB_* environment variables, then the config file, then built-in defaults."
    )

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let configuration = try await options.load()
        do {
            try configuration.checkExposure()
        } catch {
            throw ValidationError(error.description)
        }
        let level = configuration.logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "tapelab")
        logger.info(
            "starting",
            metadata: [
                "host": .string(configuration.host), "port": .stringConvertible(configuration.port),
                "token": .string(configuration.token == nil ? "none" : "set"), "web_root": .string(configuration.webRoot),
            ]
        )
        let application = buildApplication(configuration: configuration, logger: logger) { makeEngine() }
        try await serve(application, configuration: configuration, logger: logger)
    }
}
