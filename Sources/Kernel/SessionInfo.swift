#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A session as the API shows it (DESIGN.md §3's Session object).
public struct SessionInfo: Sendable, Equatable, Codable {
    /// Whether a cell is running or waiting.
    public enum State: String, Sendable, Codable {
        case idle
        case busy
    }

    public var id: String
    public var executionCount: Int
    public var state: State
    public var created: Date
    public var lastActivity: Date
    public var memoryBytes: Int

    public init(id: String, executionCount: Int, state: State, created: Date, lastActivity: Date, memoryBytes: Int) {
        self.id = id
        self.executionCount = executionCount
        self.state = state
        self.created = created
        self.lastActivity = lastActivity
        self.memoryBytes = memoryBytes
    }

    enum CodingKeys: String, CodingKey {
        case id
        case executionCount = "execution_count"
        case state
        case created
        case lastActivity = "last_activity"
        case memoryBytes = "memory_bytes"
    }
}
