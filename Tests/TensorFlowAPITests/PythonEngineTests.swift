import Kernel
import Testing

/// The kernel's default engine: the interpreter with the tf module behind `CellEngine`.
@Test func engineRunsCellsWithOutputsAndState() async throws {
    let session = KernelSession(id: "t", engine: PythonEngine())
    defer { session.close() }
    let first = try await session.execute("import tensorflow as tf\nx = tf.Variable(2.)\nprint(x * 3)\nx")
    #expect(first.status == .ok)
    #expect(first.outputs == [
        .stream(name: .stdout, text: "tf.Tensor(6.0, shape=(), dtype=float32)\n"),
        .executeResult(executionCount: 1, text: "<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=2.0>"),
    ])
    let second = try await session.execute("x.assign_add(1.)\nprint(x.numpy())\n1 / 0")
    #expect(second.status == .error)
    #expect(second.outputs.first == .stream(name: .stdout, text: "3.0\n"))
    guard case .error(let error)? = second.outputs.last else {
        Issue.record("no error output")
        return
    }
    #expect(error.ename == "ZeroDivisionError")
    #expect(error.evalue == "division by zero")
    #expect(error.traceback.last == "ZeroDivisionError: division by zero")
}

@Test func engineCountsTensorMemoryAndRestartsClean() async throws {
    let session = KernelSession(id: "t", engine: PythonEngine())
    defer { session.close() }
    _ = try await session.execute("import tensorflow as tf\nbig = tf.zeros([1000, 1000])")
    #expect(session.info.memoryBytes >= 4_000_000)
    _ = try await session.execute("del big")
    #expect(session.info.memoryBytes < 4_000_000)
    _ = try await session.execute("v = tf.Variable(1.)")
    _ = try await session.restart()
    let after = try await session.execute("v")
    #expect(after.status == .error)
}

@Test func engineHonoursTheMemoryBudget() async throws {
    let limits = KernelLimits(memoryBudgetBytes: 1 << 20)
    let session = KernelSession(id: "t", engine: PythonEngine(), limits: limits)
    defer { session.close() }
    let reply = try await session.execute("import tensorflow as tf\nbig = tf.zeros([1000, 1000])")
    guard case .error(let error)? = reply.outputs.last else {
        Issue.record("no error output")
        return
    }
    #expect(error.ename == "ResourceExhaustedError")
    let next = try await session.execute("tf.constant(1.)")
    #expect(next.status == .ok)
}

@Test func engineStopsAtTheDeadline() async throws {
    let limits = KernelLimits(cellTimeout: .milliseconds(200))
    let session = KernelSession(id: "t", engine: PythonEngine(), limits: limits)
    defer { session.close() }
    _ = try await session.execute("n = 1")
    let reply = try await session.execute("while True:\n    n += 1")
    guard case .error(let error)? = reply.outputs.last else {
        Issue.record("no error output")
        return
    }
    #expect(error.ename == "TimeoutError")
    let after = try await session.execute("n > 1")
    #expect(after.outputs == [.executeResult(executionCount: 3, text: "True")])
}

@Test func engineStopsOnInterrupt() async throws {
    let session = KernelSession(id: "t", engine: PythonEngine())
    defer { session.close() }
    async let reply = session.execute("while True:\n    pass")
    // Interrupt only once the cell runs: an interrupt with nothing running does nothing.
    while !session.isRunningCell { try await Task.sleep(for: .milliseconds(5)) }
    session.interrupt()
    guard case .error(let error)? = try await reply.outputs.last else {
        Issue.record("no error output")
        return
    }
    #expect(error.ename == "KeyboardInterrupt")
}
