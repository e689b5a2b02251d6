/// The answer to one executed cell: `{"status", "execution_count", "outputs"}`.
public struct ExecuteReply: Sendable, Equatable, Codable {
    /// `ok`, or `error` when the cell ended with an `error` output.
    public enum Status: String, Sendable, Codable {
        case ok
        case error
    }

    public var status: Status
    public var executionCount: Int
    public var outputs: [CellOutput]

    public init(status: Status, executionCount: Int, outputs: [CellOutput]) {
        self.status = status
        self.executionCount = executionCount
        self.outputs = outputs
    }

    enum CodingKeys: String, CodingKey {
        case status
        case executionCount = "execution_count"
        case outputs
    }

    /// The text a notebook shows under the cell: stream text, the result, the traceback, in order.
    public var plainText: String {
        outputs.map(\.plainText).joined()
    }
}
