/// The result of running a whole notebook.
public struct NotebookRun: Sendable {
    /// The notebook with outputs and execution counts filled in.
    public var notebook: Notebook
    /// The reply of every code cell that ran, in order.
    public var replies: [ExecuteReply]
    /// Whether some cell ended with an error.
    public var hadError: Bool { replies.contains { $0.status == .error } }
}

extension KernelSession {
    /// Runs the code cells of `notebook` in order in this session.
    ///
    /// Code cells that ran get their outputs and execution counts; when
    /// `allowErrors` is `false`, the run stops at the first cell that raises
    /// and the code cells after it are left with no outputs and no count.
    /// Markdown and raw cells are left as they are.
    ///
    /// - Throws: `KernelSessionError` when the session refuses a cell.
    public func run(_ notebook: Notebook, allowErrors: Bool) async throws -> NotebookRun {
        var result = notebook
        var replies: [ExecuteReply] = []
        var stopped = false
        for index in result.cells.indices where result.cells[index].isCode {
            if stopped {
                result.cells[index].outputs = []
                result.cells[index].executionCount = nil
                continue
            }
            let reply = try await execute(result.cells[index].source.text)
            result.cells[index].outputs = reply.outputs.map(\.json)
            result.cells[index].executionCount = reply.executionCount
            replies.append(reply)
            if reply.status == .error && !allowErrors { stopped = true }
        }
        return NotebookRun(notebook: result, replies: replies)
    }
}
