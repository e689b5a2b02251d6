import Hummingbird

/// Guards `/api`: refuses browser requests from other origins (403) and,
/// when a token is configured, requests without `Authorization: Bearer <token>` (401).
struct APIGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let origin = request.headers[.origin], !isOwnOrigin(origin, request: request) {
            throw APIError.forbiddenOrigin(origin)
        }
        if let token {
            guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
                Self.constantTimeEqual(Array(header.utf8.dropFirst(7)), Array(token.utf8))
            else { throw APIError.unauthorized }
        }
        return try await next(request, context)
    }

    /// Whether `origin` is this server as the browser addressed it.
    private func isOwnOrigin(_ origin: String, request: Request) -> Bool {
        guard let host = request.head.authority else { return false }
        return origin == "http://\(host)" || origin == "https://\(host)"
    }

    /// Compares without an early exit, so the time taken says nothing about where a guess went wrong.
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: lhs.count ^ rhs.count)
        for index in 0..<max(lhs.count, rhs.count) {
            let left = index < lhs.count ? lhs[index] : 0
            let right = index < rhs.count ? rhs[index] : 0
            difference |= left ^ right
        }
        return difference == 0
    }
}
