import Hummingbird
import Logging

/// Turns every error into the API's JSON error body and counts it.
///
/// Hummingbird's own errors (no route, body too large) become `APIError`s
/// here, so no answer leaves the server in another shape.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            response = error.response()
        } catch let error as any HTTPResponseError {
            response = Self.translate(error, request: request).response()
        } catch {
            context.logger.error("request failed", metadata: ["error": .string("\(error)"), "path": .string(request.uri.path)])
            response = APIError.internalError.response()
        }
        if response.status.code >= 400 {
            metrics.httpError(status: response.status.code)
        }
        return response
    }

    private static func translate(_ error: any HTTPResponseError, request: Request) -> APIError {
        switch error.status {
        case .notFound: return .notFound(request.uri.path)
        case .contentTooLarge: return APIError(.contentTooLarge, code: "body_too_large", message: "The request body is too large.")
        case .badRequest: return .invalidRequest("The request is malformed.")
        case .methodNotAllowed: return APIError(.methodNotAllowed, code: "method_not_allowed", message: "Method not allowed.")
        default:
            return APIError(error.status, code: "http_\(error.status.code)", message: error.status.reasonPhrase)
        }
    }
}
