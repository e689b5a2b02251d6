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
        do {
            return try JSONCoding.decoder.decode(JSONValue.self, from: Data(bytes))
        } catch let DecodingError.dataCorrupted(context) {
            throw .malformedJSON(Self.describe(context))
        } catch {
            throw .malformedJSON("\(error)")
        }
    }

    /// The `code` member of an execute request's body.
    ///
    /// - Throws: `APIError` as `jsonBody`, and 400 when `code` is missing or not a string.
    func executeCode(limit: Int) async throws(APIError) -> String {
        guard let json = try await jsonBody(limit: limit) else {
            throw .invalidRequest("The body must be a JSON object with a string member 'code'; it was empty.")
        }
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
