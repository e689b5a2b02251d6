import Hummingbird
import Logging
import ServiceLifecycle

/// Runs `application` until SIGTERM or SIGINT, then shuts down gracefully.
///
/// The server stops accepting connections and running cells get
/// `configuration.shutdownGrace` to finish; after that the rest is cancelled
/// and sessions are closed, which interrupts the cells still running.
public func serve(_ application: some ApplicationProtocol, configuration: ServerConfiguration, logger: Logger) async throws {
    var group = ServiceGroupConfiguration(
        services: [.init(service: application)],
        gracefulShutdownSignals: [.sigterm, .sigint],
        logger: logger
    )
    group.maximumGracefulShutdownDuration = configuration.shutdownGrace
    let executor = EventLoopExecutor(group: application.eventLoopGroup)
    try await withTaskExecutorPreference(executor) {
        try await ServiceGroup(configuration: group).run()
    }
}
