#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Hummingbird

/// A failed API call: its HTTP status, a stable machine-readable code and a message.
///
/// Every error the API answers is built here, as
/// `{"error": {"code": "…", "message": "…"}}`.
public struct APIError: HTTPResponseError, Equatable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    /// Extra response headers, such as `Allow` on 405.
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    /// The JSON response.
    public func response() -> Response {
        struct Body: Encodable {
            struct Detail: Encodable {
                var code: String
                var message: String
            }
            var error: Detail
        }
        let data = (try? JSONCoding.encoder.encode(Body(error: .init(code: code, message: message)))) ?? Data()
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func malformedJSON(_ detail: String) -> APIError {
        APIError(.badRequest, code: "malformed_json", message: "The request body is not valid JSON: \(detail)")
    }

    static func invalidRequest(_ message: String) -> APIError {
        APIError(.badRequest, code: "invalid_request", message: message)
    }

    static let invalidEncoding = APIError(
        .badRequest, code: "invalid_encoding", message: "The request body is not valid UTF-8."
    )

    static func bodyTooLarge(limit: Int) -> APIError {
        APIError(
            .contentTooLarge, code: "body_too_large",
            message: "The request body is larger than the limit of \(limit) bytes."
        )
    }

    static func unsupportedMediaType(_ type: String) -> APIError {
        APIError(
            .unsupportedMediaType, code: "unsupported_media_type",
            message: "The request body must be JSON (Content-Type: application/json), not \(type)."
        )
    }

    static func sessionNotFound(_ id: String) -> APIError {
        APIError(.notFound, code: "session_not_found", message: "No session has id '\(id)'.")
    }

    static func notFound(_ path: String) -> APIError {
        APIError(.notFound, code: "not_found", message: "Nothing is served at \(path).")
    }

    static func methodNotAllowed(_ method: HTTPRequest.Method, path: String, allowed: [HTTPRequest.Method]) -> APIError {
        var headers = HTTPFields()
        headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
        return APIError(
            .methodNotAllowed, code: "method_not_allowed",
            message: "\(method.rawValue) is not allowed on \(path); use \(allowed.map(\.rawValue).joined(separator: " or ")).",
            headers: headers
        )
    }

    static func queueFull(limit: Int) -> APIError {
        APIError(
            .tooManyRequests, code: "queue_full",
            message: "The session already has \(limit) cells waiting; try again when some have run."
        )
    }

    static func sessionLimit(_ limit: Int) -> APIError {
        APIError(
            .serviceUnavailable, code: "session_limit",
            message: "The server already runs its limit of \(limit) sessions; delete one and try again."
        )
    }

    static let unauthorized: APIError = {
        var headers = HTTPFields()
        headers[.wwwAuthenticate] = "Bearer"
        return APIError(
            .unauthorized, code: "unauthorized",
            message: "This server needs 'Authorization: Bearer <token>' on /api.", headers: headers
        )
    }()

    static func forbiddenOrigin(_ origin: String) -> APIError {
        APIError(
            .forbidden, code: "forbidden_origin",
            message: "Requests from origin \(origin) are refused; only pages served by this server may call /api."
        )
    }

    static let shuttingDown = APIError(
        .serviceUnavailable, code: "shutting_down", message: "The server is shutting down."
    )

    static let internalError = APIError(
        .internalServerError, code: "internal_error", message: "The server failed to answer this request."
    )
}
