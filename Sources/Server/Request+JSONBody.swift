#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Hummingbird
import Kernel

extension Request {
    /// The body as JSON, checked in the order the API documents its errors.
    ///
    /// - Parameter limit: the largest body accepted.
    /// - Returns: the decoded JSON, or `nil` when the body is empty.
    /// - Throws: `APIError` 413 over `limit`, 415 when the body is not
    ///   declared as JSON, 400 when it is not UTF-8 or not JSON.
    func jsonBody(limit: Int) async throws(APIError) -> JSONValue? {
        guard let data = try await checkedBody(limit: limit) else { return nil }
        return try Self.decodeJSON(data)
    }

    /// The body's bytes once size, media type and encoding are checked; `nil` when empty.
    private func checkedBody(limit: Int) async throws(APIError) -> Data? {
        if let declared = headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw .bodyTooLarge(limit: limit)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: limit)
        } catch {
            throw .bodyTooLarge(limit: limit)
        }
        guard buffer.readableBytes > 0 else { return nil }
        if let type = headers[.contentType], !Self.isJSON(type) {
            throw .unsupportedMediaType(type)
        }
        let bytes = buffer.readableBytesView
        guard String(validating: bytes, as: UTF8.self) != nil else { throw .invalidEncoding }
        return Data(bytes)
    }

    private static func decodeJSON(_ data: Data) throws(APIError) -> JSONValue {
        do {
            return try JSONCoding.decoder.decode(JSONValue.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw .malformedJSON(describe(context))
        } catch {
            throw .malformedJSON("\(error)")
        }
    }

    /// The `code` member of an execute request's body.
    ///
    /// - Throws: `APIError` as `jsonBody`, and 400 when `code` is missing or not a string.
    func executeCode(limit: Int) async throws(APIError) -> String {
        struct ExecuteRequest: Decodable {
            var code: String
        }
        guard let data = try await checkedBody(limit: limit) else {
            throw .invalidRequest("The body must be a JSON object with a string member 'code'; it was empty.")
        }
        // The common case in one pass, then one typed decode; the general decode below only
        // explains a failure.
        if let code = ExecuteBody.code(data) { return code }
        if let request = try? JSONCoding.decoder.decode(ExecuteRequest.self, from: data) {
            return request.code
        }
        let json = try Self.decodeJSON(data)
        guard let object = json.objectValue else {
            throw .invalidRequest("The body must be a JSON object with a string member 'code'.")
        }
        guard let code = object["code"] else { throw .invalidRequest("The body has no member 'code'.") }
        guard let text = code.stringValue else { throw .invalidRequest("The member 'code' must be a string.") }
        return text
    }

    /// Whether the client asked for the plain text a notebook shows rather than JSON.
    var wantsPlainText: Bool {
        guard let accept = headers[.accept]?.lowercased() else { return false }
        return accept.contains("text/plain") && !accept.contains("application/json")
    }

    private static func isJSON(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first ?? ""
        let type = String(mediaType.filter { $0 != " " && $0 != "\t" }).lowercased()
        return type == "application/json" || (type.hasPrefix("application/") && type.hasSuffix("+json"))
    }

    private static func describe(_ context: DecodingError.Context) -> String {
        if let underlying = context.underlyingError { return "\(underlying)" }
        return context.debugDescription
    }
}
