import Kernel
import Synchronization

/// Counters and the cell duration histogram, written as Prometheus text at `GET /metrics`.
///
/// The exposition text is written here directly: four metric families do
/// not justify a metrics backend and its build time.
public final class ServerMetrics: Sendable {
    /// Upper bounds of the cell duration histogram's buckets, in seconds.
    static let bucketBounds: [Double] = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60]

    private struct State {
        var sessionsCreated = 0
        var cellsOK = 0
        var cellsError = 0
        var bucketCounts = [Int](repeating: 0, count: ServerMetrics.bucketBounds.count)
        var durationSum = 0.0
        var httpErrors: [Int: Int] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Counts a created session.
    func sessionCreated() {
        state.withLock { $0.sessionsCreated += 1 }
    }

    /// Counts a finished cell and its duration.
    func cellFinished(_ report: CellReport) {
        let (seconds, attoseconds) = report.duration.components
        let duration = Double(seconds) + Double(attoseconds) * 1e-18
        state.withLock { state in
            switch report.status {
            case .ok: state.cellsOK += 1
            case .error: state.cellsError += 1
            }
            state.durationSum += duration
            if let bucket = Self.bucketBounds.firstIndex(where: { duration <= $0 }) {
                state.bucketCounts[bucket] += 1
            }
        }
    }

    /// Counts an error answer.
    func httpError(status: Int) {
        state.withLock { $0.httpErrors[status, default: 0] += 1 }
    }

    /// The Prometheus text exposition (version 0.0.4).
    func exposition(liveSessions: Int) -> String {
        let state = state.withLock { $0 }
        var text = """
            # HELP tapelab_sessions Sessions alive now.
            # TYPE tapelab_sessions gauge
            tapelab_sessions \(liveSessions)
            # HELP tapelab_sessions_created_total Sessions created since start.
            # TYPE tapelab_sessions_created_total counter
            tapelab_sessions_created_total \(state.sessionsCreated)
            # HELP tapelab_cells_total Cells run, by reply status.
            # TYPE tapelab_cells_total counter
            tapelab_cells_total{status="ok"} \(state.cellsOK)
            tapelab_cells_total{status="error"} \(state.cellsError)
            # HELP tapelab_cell_errors_total Cells that ended with an error output.
            # TYPE tapelab_cell_errors_total counter
            tapelab_cell_errors_total \(state.cellsError)
            # HELP tapelab_cell_duration_seconds Time cells spent running.
            # TYPE tapelab_cell_duration_seconds histogram

            """
        var cumulative = 0
        for (bound, count) in zip(Self.bucketBounds, state.bucketCounts) {
            cumulative += count
            text += "tapelab_cell_duration_seconds_bucket{le=\"\(bound)\"} \(cumulative)\n"
        }
        let total = state.cellsOK + state.cellsError
        text += "tapelab_cell_duration_seconds_bucket{le=\"+Inf\"} \(total)\n"
        text += "tapelab_cell_duration_seconds_sum \(state.durationSum)\n"
        text += "tapelab_cell_duration_seconds_count \(total)\n"
        text += "# HELP tapelab_http_errors_total Error answers, by HTTP status.\n"
        text += "# TYPE tapelab_http_errors_total counter\n"
        for (status, count) in state.httpErrors.sorted(by: { $0.key < $1.key }) {
            text += "tapelab_http_errors_total{status=\"\(status)\"} \(count)\n"
        }
        return text
    }
}
