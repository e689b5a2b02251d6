import Hummingbird
import Kernel
import Logging

/// The request context of every TapeLab route.
public typealias TapeLabContext = BasicRequestContext

/// Builds the router: health and metrics, the `/api` routes behind their guard, and `web/` for the rest.
///
/// - Parameters:
///   - configuration: the server's settings.
///   - registry: the sessions the API works on.
///   - metrics: the counters `/metrics` shows.
public func buildRouter(
    configuration: ServerConfiguration,
    registry: SessionRegistry,
    metrics: ServerMetrics
) -> Router<TapeLabContext> {
    let router = Router(context: TapeLabContext.self)
    router.add(middleware: ErrorMiddleware(metrics: metrics))
    router.route("healthz", [.get: { _, _ in try JSONResponse.make(["status": "ok", "version": TapeLabVersion.string]) }])
    router.route(
        "metrics",
        [
            .get: { _, _ in
                Response(
                    status: .ok,
                    headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: metrics.exposition(liveSessions: registry.count)))
                )
            }
        ]
    )
    let api = router.group("api").add(middleware: APIGuardMiddleware(token: configuration.token))
    SessionController(registry: registry, maxBodyBytes: configuration.maxBodyBytes).addRoutes(to: api)
    // Added last, so it wraps only the not-found answer: files never shadow a route.
    router.add(middleware: FileMiddleware(configuration.webRoot, searchForIndexHtml: true))
    return router
}

/// Builds the whole server: router, session registry (culling idle sessions) and listening address.
///
/// - Parameters:
///   - configuration: the server's settings.
///   - logger: where the server logs.
///   - makeEngine: makes the engine of each new session.
public func buildApplication(
    configuration: ServerConfiguration,
    logger: Logger,
    makeEngine: @escaping SessionRegistry.EngineFactory
) -> some ApplicationProtocol {
    let metrics = ServerMetrics()
    let registry = SessionRegistry(configuration: configuration, metrics: metrics, logger: logger, makeEngine: makeEngine)
    let router = buildRouter(configuration: configuration, registry: registry, metrics: metrics)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "TapeLab"),
        services: [registry],
        logger: logger
    )
}
