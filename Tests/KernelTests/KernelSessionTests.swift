import Foundation
import Testing
@testable import Kernel

/// Polls `condition` until it holds or `timeout` passes. The bound is generous because the poll
/// itself runs on the shared test pool, which the conformance suites keep busy on two cores.
func eventually(timeout: Duration = .seconds(30), _ condition: () -> Bool) async -> Bool {
    let end = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < end {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(2))
    }
    return condition()
}

@Suite struct KernelSessionTests {
    private func makeSession(_ limits: KernelLimits = .defaults) -> KernelSession {
        KernelSession(id: "test", engine: CommandEngine(), limits: limits)
    }

    @Test func countsCellsAndKeepsStateAcrossThem() async throws {
        let session = makeSession()
        defer { session.close() }
        let first = try await session.execute("set x 5\nprint stored")
        #expect(first == ExecuteReply(status: .ok, executionCount: 1, outputs: [.stream(name: .stdout, text: "stored\n")]))
        let second = try await session.execute("get x")
        #expect(second == ExecuteReply(status: .ok, executionCount: 2, outputs: [.executeResult(executionCount: 2, text: "5")]))
        #expect(session.info.executionCount == 2)
        #expect(session.info.state == .idle)
    }

    @Test func anErrorKeepsEarlierOutputAndState() async throws {
        let session = makeSession()
        defer { session.close() }
        let reply = try await session.execute("set y 1\nprint before\nraise ValueError bad value\nprint after")
        #expect(reply.status == .error)
        #expect(reply.outputs.count == 2)
        #expect(reply.outputs.first == .stream(name: .stdout, text: "before\n"))
        guard case .error(let error)? = reply.outputs.last else {
            Issue.record("no error output")
            return
        }
        #expect(error.ename == "ValueError")
        #expect(error.evalue == "bad value")
        #expect(error.traceback.last == "ValueError: bad value")
        #expect(try await session.execute("get y").outputs == [.executeResult(executionCount: 2, text: "1")])
    }

    @Test func aSyntaxErrorRunsNothingOfTheCell() async throws {
        let session = makeSession()
        defer { session.close() }
        let reply = try await session.execute("print first\n\u{1}\u{2}garbage")
        #expect(reply.outputs.count == 1)
        guard case .error(let error)? = reply.outputs.first else {
            Issue.record("no error output")
            return
        }
        #expect(error.ename == "SyntaxError")
    }

    @Test func interruptEndsTheRunningCellOnlyAndQueuedCellsStillRun() async throws {
        let session = makeSession()
        defer { session.close() }
        _ = try await session.execute("set kept yes")
        async let looping = session.execute("loop")
        #expect(await eventually { session.isRunningCell })
        async let queued = session.execute("print next")
        #expect(await eventually { session.queuedCells == 1 })
        session.interrupt()
        let stopped = try await looping
        #expect(stopped.status == .error)
        guard case .error(let error)? = stopped.outputs.last else {
            Issue.record("no error output")
            return
        }
        #expect(error.ename == "KeyboardInterrupt")
        #expect(error.traceback.last == "KeyboardInterrupt")
        #expect(try await queued == ExecuteReply(status: .ok, executionCount: 3, outputs: [.stream(name: .stdout, text: "next\n")]))
        #expect(try await session.execute("get kept").outputs == [.executeResult(executionCount: 4, text: "yes")])
    }

    @Test func aCellPastItsDeadlineEndsWithTimeoutError() async throws {
        var limits = KernelLimits.defaults
        limits.cellTimeout = .milliseconds(100)
        let session = makeSession(limits)
        defer { session.close() }
        let start = ContinuousClock.now
        let reply = try await session.execute("set a 1\nprint started\nloop")
        // The loop never ends by itself; the bound is loose because CI shares two cores with other tests.
        #expect(ContinuousClock.now - start < .seconds(30))
        #expect(reply.outputs.first == .stream(name: .stdout, text: "started\n"))
        guard case .error(let error)? = reply.outputs.last else {
            Issue.record("no error output")
            return
        }
        #expect(error.ename == "TimeoutError")
        #expect(error.evalue == "cell exceeded the run time limit of 100 ms")
        #expect(try await session.execute("get a").status == .ok)
    }

    @Test func memoryOverTheBudgetIsResourceExhaustedAndTheSessionSurvives() async throws {
        var limits = KernelLimits.defaults
        limits.memoryBudgetBytes = 1000
        let session = makeSession(limits)
        defer { session.close() }
        #expect(try await session.execute("alloc 600").status == .ok)
        #expect(session.info.memoryBytes == 600)
        let reply = try await session.execute("alloc 600")
        guard case .error(let error)? = reply.outputs.last else {
            Issue.record("no error output")
            return
        }
        #expect(error.ename == "ResourceExhaustedError")
        #expect(error.evalue.hasPrefix("OOM when allocating 600 bytes"))
        #expect(session.info.memoryBytes == 600)
        #expect(try await session.execute("free\nalloc 900").status == .ok)
        #expect(session.info.memoryBytes == 900)
    }

    @Test func aFullQueueRefusesMoreCells() async throws {
        var limits = KernelLimits.defaults
        limits.maxQueuedCells = 2
        let session = makeSession(limits)
        defer { session.close() }
        async let running = session.execute("loop")
        #expect(await eventually { session.isRunningCell })
        async let first = session.execute("print 1")
        async let second = session.execute("print 2")
        #expect(await eventually { session.queuedCells == 2 })
        await #expect(throws: KernelSessionError.queueFull(limit: 2)) { try await session.execute("print 3") }
        session.interrupt()
        _ = try await running
        let replies = try await [first, second]
        #expect(Set(replies.map(\.executionCount)) == [2, 3])
    }

    @Test func cellsRunInArrivalOrder() async throws {
        let session = makeSession()
        defer { session.close() }
        async let slow = session.execute("sleep 0.2\nprint slow")
        // Taken off the queue (running, or already done on a loaded machine) before the next arrives.
        #expect(await eventually { session.info.executionCount == 1 })
        async let fast = session.execute("print fast")
        let (a, b) = try await (slow, fast)
        #expect(a.executionCount == 1)
        #expect(b.executionCount == 2)
    }

    @Test func aLongCellDoesNotDelayAnotherSession() async throws {
        let busy = makeSession()
        let other = makeSession()
        defer {
            busy.close()
            other.close()
        }
        async let looping = busy.execute("loop")
        #expect(await eventually { busy.isRunningCell })
        let start = ContinuousClock.now
        #expect(try await other.execute("print quick").status == .ok)
        #expect(ContinuousClock.now - start < .seconds(5))
        busy.interrupt()
        #expect(try await looping.status == .error)
    }

    @Test func restartClearsStateAndCount() async throws {
        let session = makeSession()
        defer { session.close() }
        _ = try await session.execute("set z 1\nalloc 10")
        let info = try await session.restart()
        #expect(info.executionCount == 0)
        #expect(info.memoryBytes == 0)
        let reply = try await session.execute("get z")
        #expect(reply.executionCount == 1)
        #expect(reply.status == .error)
    }

    @Test func restartInterruptsTheRunningCell() async throws {
        let session = makeSession()
        defer { session.close() }
        async let looping = session.execute("loop")
        #expect(await eventually { session.isRunningCell })
        let info = try await session.restart()
        #expect(info.executionCount == 0)
        #expect(try await looping.status == .error)
    }

    @Test func closingFailsQueuedCellsAndRefusesNewOnes() async throws {
        let session = makeSession()
        async let looping = session.execute("loop")
        #expect(await eventually { session.isRunningCell })
        async let queued: ExecuteReply = session.execute("print never")
        #expect(await eventually { session.queuedCells == 1 })
        session.close()
        #expect(try await looping.status == .error)
        do {
            _ = try await queued
            Issue.record("a queued cell ran after close")
        } catch {
            #expect(error as? KernelSessionError == .closed)
        }
        await #expect(throws: KernelSessionError.closed) { try await session.execute("print x") }
        #expect(session.isClosed)
    }

    @Test func observerHearsOfEveryCell() async throws {
        let reports = Reports()
        let session = KernelSession(id: "o", engine: CommandEngine(), observer: { reports.add($0) })
        defer { session.close() }
        _ = try await session.execute("print a")
        _ = try await session.execute("raise E")
        #expect(reports.statuses == [.ok, .error])
    }

    @Test func deepRecursionHasRoomOnTheSessionThread() async throws {
        final class Recursing: CellEngine {
            var memoryBytes: Int { 0 }
            func reset() {}
            func depth(_ n: Int) -> Int { n == 0 ? 0 : 1 + depth(n - 1) }
            func run(_ source: String, executionCount: Int, output: OutputCollector, control: CellControl) -> CellOutcome {
                // Far deeper than the 8 MiB default stack allows for frames this size.
                .ok(result: String(depth(Int(source) ?? 0)))
            }
        }
        let session = KernelSession(id: "deep", engine: Recursing())
        defer { session.close() }
        let reply = try await session.execute("200000")
        #expect(reply.outputs == [.executeResult(executionCount: 1, text: "200000")])
    }
}

final class Reports: Sendable {
    private let lock = NSLock()
    nonisolated(unsafe) private var items: [ExecuteReply.Status] = []
    func add(_ report: CellReport) { lock.withLock { items.append(report.status) } }
    var statuses: [ExecuteReply.Status] { lock.withLock { items } }
}

@Suite struct AllocatorTuningTests {
    @Test func tunablesKeepAnExistingCountAndExtendOtherSettings() {
        #expect(AllocatorTuning.tunables(current: nil) == AllocatorTuning.setting)
        #expect(AllocatorTuning.tunables(current: "") == AllocatorTuning.setting)
        #expect(AllocatorTuning.tunables(current: "glibc.malloc.tcache_count=7") == nil)
        #expect(AllocatorTuning.tunables(current: "glibc.malloc.check=3:glibc.malloc.tcache_count=0") == nil)
        #expect(AllocatorTuning.tunables(current: "glibc.malloc.check=3") == "glibc.malloc.check=3:" + AllocatorTuning.setting)
    }
}
