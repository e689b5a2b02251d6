import ArgumentParser
import Server

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `tapelab healthcheck`: asks a running server's `/healthz`, for container health checks.
///
/// The slim runtime image has no curl, so the binary checks itself.
struct HealthcheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "healthcheck",
        abstract: "Exit 0 when the server on this machine answers GET /healthz with 200."
    )

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let configuration = try await options.load()
        let status = Self.probe(port: configuration.port)
        guard status == 200 else {
            print("healthcheck failed: " + (status.map { "HTTP \($0)" } ?? "no answer on 127.0.0.1:\(configuration.port)"))
            throw ExitCode.failure
        }
        print("ok")
    }

    /// The status code of `GET /healthz` on 127.0.0.1:`port`, or `nil` when nothing answers in time.
    static func probe(port: Int) -> Int? {
        #if canImport(Darwin)
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #else
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 3, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return nil }
        let request = Array("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == request.count else { return nil }
        var buffer = [UInt8](repeating: 0, count: 64)
        let received = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard received >= 12 else { return nil }
        // "HTTP/1.1 200 OK": the status code is bytes 9..<12.
        let code = String(decoding: buffer[9..<12], as: UTF8.self)
        return Int(code)
    }
}
