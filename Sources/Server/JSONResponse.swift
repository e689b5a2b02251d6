#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Hummingbird

/// JSON answers with the API's encoder settings.
enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        make(jsonText: try JSONCoding.encoder.encode(value), status: status)
    }

    /// A response whose body is JSON text already written.
    static func make(jsonText: some Sequence<UInt8>, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: jsonText))
        )
    }
}
