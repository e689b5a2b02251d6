import Configuration
import Foundation
import Kernel
import Testing
@testable import Server

@Suite struct ServerConfigurationTests {
    private func writeConfig(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tapelab-\(UUID().uuidString).json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func defaultsNeedNoFile() async throws {
        let configuration = try await ServerConfiguration.load(from: .init(configFile: "/nonexistent/tapelab.json"))
        #expect(configuration == ServerConfiguration())
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.token == nil)
        #expect(configuration.maxBodyBytes == 1 << 20)
        #expect(configuration.maxSessions == 64)
        #expect(configuration.idleSessionLifetime == .seconds(3600))
        #expect(configuration.kernel == KernelLimits.defaults)
    }

    @Test func theShippedFileHoldsTheDefaults() async throws {
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config/tapelab.json").path
        let configuration = try await ServerConfiguration.load(from: .init(configFile: shipped, configFileRequired: true))
        #expect(configuration == ServerConfiguration())
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: shipped))) as? [String: Any]
        #expect(Set(json?.keys ?? [:].keys) == Set(ServerConfiguration.keys.map(\.key)))
    }

    @Test func flagsBeatEnvironmentWhichBeatsTheFile() async throws {
        let path = try writeConfig(#"{"port": 9000, "max_sessions": 5, "host": "127.0.0.2", "cell_timeout_seconds": 0.25, "token": "file"}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let configuration = try await ServerConfiguration.load(
            from: .init(
                flags: ["port": 9100],
                environment: ["TAPELAB_PORT": "9050", "TAPELAB_MAX_SESSIONS": "7", "TAPELAB_TOKEN": "env", "OTHER_PORT": "1"],
                configFile: path,
                configFileRequired: true
            )
        )
        #expect(configuration.port == 9100)
        #expect(configuration.maxSessions == 7)
        #expect(configuration.host == "127.0.0.2")
        #expect(configuration.kernel.cellTimeout == .milliseconds(250))
        #expect(configuration.token == "env")
    }

    @Test func everyKeyHasAnEnvironmentVariable() async throws {
        let environment = [
            "TAPELAB_HOST": "localhost", "TAPELAB_PORT": "1", "TAPELAB_TOKEN": "t", "TAPELAB_WEB_ROOT": "/w",
            "TAPELAB_LOG_LEVEL": "debug", "TAPELAB_MAX_BODY_BYTES": "2", "TAPELAB_MAX_SESSIONS": "3",
            "TAPELAB_MAX_QUEUED_CELLS": "4", "TAPELAB_IDLE_SESSION_SECONDS": "5", "TAPELAB_CELL_TIMEOUT_SECONDS": "6",
            "TAPELAB_MAX_TENSOR_ELEMENTS": "7", "TAPELAB_SESSION_MEMORY_BYTES": "8", "TAPELAB_CELL_OUTPUT_BYTES": "9",
            "TAPELAB_RECURSION_LIMIT": "10", "TAPELAB_SHUTDOWN_GRACE_SECONDS": "11",
        ]
        let c = try await ServerConfiguration.load(from: .init(environment: environment))
        #expect(c.host == "localhost" && c.port == 1 && c.token == "t" && c.webRoot == "/w" && c.logLevel == .debug)
        #expect(c.maxBodyBytes == 2 && c.maxSessions == 3 && c.idleSessionLifetime == .seconds(5))
        #expect(c.kernel.maxQueuedCells == 4 && c.kernel.cellTimeout == .seconds(6) && c.kernel.maxTensorElements == 7)
        #expect(c.kernel.memoryBudgetBytes == 8 && c.kernel.cellOutputBytes == 9 && c.kernel.recursionLimit == 10)
        #expect(c.shutdownGrace == .seconds(11))
    }

    @Test func outOfRangeValuesAreRefused() async throws {
        for (key, value) in [("TAPELAB_PORT", "70000"), ("TAPELAB_MAX_SESSIONS", "0"), ("TAPELAB_LOG_LEVEL", "loud"), ("TAPELAB_CELL_TIMEOUT_SECONDS", "-1")] {
            await #expect(throws: ServerConfiguration.Invalid.self, "\(key)") {
                try await ServerConfiguration.load(from: .init(environment: [key: value]))
            }
        }
    }

    @Test func aBrokenFileIsRefused() async throws {
        for text in [#"{"port": "#, #"[1]"#, #"{"prot": 1}"#, #"{"port": [1]}"#] {
            let path = try writeConfig(text)
            defer { try? FileManager.default.removeItem(atPath: path) }
            await #expect(throws: ServerConfiguration.Invalid.self, "\(text)") {
                try await ServerConfiguration.load(from: .init(configFile: path))
            }
        }
    }

    @Test func aNamedFileMustExist() async throws {
        await #expect(throws: ServerConfiguration.Invalid.self) {
            try await ServerConfiguration.load(from: .init(configFile: "/nonexistent/tapelab.json", configFileRequired: true))
        }
    }

    @Test func exposingTheServerNeedsAToken() throws {
        var configuration = ServerConfiguration()
        try configuration.checkExposure()
        configuration.host = "0.0.0.0"
        #expect(throws: ServerConfiguration.Invalid.self) { try configuration.checkExposure() }
        configuration.token = "t"
        try configuration.checkExposure()
        for host in ["localhost", "127.0.0.1", "::1", "127.1.2.3"] {
            configuration = ServerConfiguration()
            configuration.host = host
            try configuration.checkExposure()
        }
    }
}
