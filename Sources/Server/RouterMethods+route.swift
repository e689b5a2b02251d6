import Hummingbird

extension RouterMethods {
    /// Registers `handlers` on `path` and answers every other method there with 405 and `Allow`.
    ///
    /// Hummingbird answers a known path's unknown method with 404; the API promises 405.
    func route(_ path: RouterPath, _ handlers: KeyValuePairs<HTTPRequest.Method, @Sendable (Request, Context) async throws -> Response>) {
        for (method, handler) in handlers {
            on(path, method: method, use: handler)
        }
        let allowed = handlers.map(\.0)
        for method in HTTPRequest.Method.commonMethods where !allowed.contains(method) {
            on(path, method: method) { request, _ -> Response in
                throw APIError.methodNotAllowed(request.method, path: request.uri.path, allowed: allowed)
            }
        }
    }
}

extension HTTPRequest.Method {
    /// The methods a client may plausibly send to an API path.
    static let commonMethods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options]
}
