#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A small engine that runs a line-oriented command language instead of Python.
///
/// It exercises every path a real engine takes through the kernel — streams,
/// results, errors, long runs that must honour interrupts and deadlines,
/// memory that counts against the budget, state kept across cells — so the
/// session layer and the server can be tested and measured on their own.
/// One command per line; blank lines and lines starting with `#` are skipped:
///
/// | command | effect |
/// |---|---|
/// | `print TEXT` / `eprint TEXT` | writes `TEXT` and a newline to stdout / stderr |
/// | `write TEXT` | writes `TEXT` to stdout, no newline |
/// | `repeat N COMMAND` | runs `COMMAND` `N` times |
/// | `result TEXT` | makes `TEXT` the cell's trailing result |
/// | `raise NAME [MESSAGE]` | ends the cell with exception `NAME` |
/// | `loop` | spins until interrupted or out of time |
/// | `sleep SECONDS` | waits, still honouring interrupts and the deadline |
/// | `alloc BYTES` / `free` | holds more tensor memory / releases it all |
/// | `set NAME VALUE` / `get NAME` | stores a global / shows it as the result |
///
/// A line that is not a command is a `SyntaxError`, and then nothing of the cell runs.
public final class CommandEngine: CellEngine {
    private var globals: [String: String] = [:]
    public private(set) var memoryBytes = 0

    public init() {}

    public func reset() {
        globals = [:]
        memoryBytes = 0
    }

    private indirect enum Command {
        case print(String, StreamName, newline: Bool)
        case repeatCommand(Int, Command)
        case result(String)
        case raise(String, String)
        case loop
        case sleep(Duration)
        case alloc(Int)
        case free
        case set(String, String)
        case get(String)
    }

    public func run(_ source: String, executionCount: Int, output: OutputCollector, control: CellControl) -> CellOutcome {
        var program: [(line: Int, command: Command)] = []
        for (index, rawLine) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingPrefix(while: { $0 == " " || $0 == "\t" })
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let command = Self.parse(Substring(line)) else {
                return .error(
                    CellError(
                        ename: "SyntaxError",
                        evalue: "invalid syntax (<cell \(executionCount)>, line \(index + 1))",
                        traceback: ["  Cell In[\(executionCount)], line \(index + 1)", "    \(line)", "SyntaxError: invalid syntax"]
                    )
                )
            }
            program.append((index + 1, command))
        }
        var result: String?
        for (line, command) in program {
            let frames = ["  Cell In[\(executionCount)], line \(line)"]
            if let error = perform(command, output: output, control: control, result: &result, frames: frames) {
                return .error(error)
            }
        }
        return .ok(result: result)
    }

    private func perform(
        _ command: Command,
        output: OutputCollector,
        control: CellControl,
        result: inout String?,
        frames: [String]
    ) -> CellError? {
        if let stop = control.stopReason { return stop.error(frames: frames) }
        switch command {
        case .print(let text, let stream, let newline):
            output.write(newline ? text + "\n" : text, to: stream)
        case .repeatCommand(let count, let inner):
            for _ in 0..<max(0, count) {
                if let error = perform(inner, output: output, control: control, result: &result, frames: frames) {
                    return error
                }
            }
        case .result(let text):
            result = text
        case .raise(let name, let message):
            return CellError(ename: name, evalue: message, frames: frames)
        case .loop:
            var spins: UInt64 = 0
            while true {
                spins &+= 1
                if spins & 1023 == 0, let stop = control.stopReason { return stop.error(frames: frames) }
            }
        case .sleep(let duration):
            let end = ContinuousClock.now.advanced(by: duration)
            while ContinuousClock.now < end {
                if let stop = control.stopReason { return stop.error(frames: frames) }
                usleep(1000)
            }
        case .alloc(let bytes):
            let (total, overflow) = memoryBytes.addingReportingOverflow(bytes)
            if overflow || total > control.memoryBudgetBytes {
                return .resourceExhausted(
                    "OOM when allocating \(bytes) bytes: the session's live tensors would exceed "
                        + "its memory budget of \(control.memoryBudgetBytes) bytes",
                    frames: frames
                )
            }
            memoryBytes = total
        case .free:
            memoryBytes = 0
        case .set(let name, let value):
            globals[name] = value
        case .get(let name):
            guard let value = globals[name] else {
                return CellError(ename: "NameError", evalue: "name '\(name)' is not defined", frames: frames)
            }
            result = value
        }
        return nil
    }

    private static func parse(_ line: Substring) -> Command? {
        let parts = line.split(separator: " ", maxSplits: 1)
        guard let word = parts.first else { return nil }
        let rest = parts.count > 1 ? String(parts[1]) : ""
        switch word {
        case "print": return .print(rest, .stdout, newline: true)
        case "eprint": return .print(rest, .stderr, newline: true)
        case "write": return .print(rest, .stdout, newline: false)
        case "result": return .result(rest)
        case "loop": return rest.isEmpty ? .loop : nil
        case "free": return rest.isEmpty ? .free : nil
        case "raise":
            let pieces = rest.split(separator: " ", maxSplits: 1)
            guard let name = pieces.first else { return nil }
            return .raise(String(name), pieces.count > 1 ? String(pieces[1]) : "")
        case "repeat":
            let pieces = rest.split(separator: " ", maxSplits: 1)
            guard pieces.count == 2, let count = Int(pieces[0]), let inner = parse(pieces[1]) else { return nil }
            return .repeatCommand(count, inner)
        case "sleep":
            guard let seconds = Double(rest), seconds.isFinite, seconds >= 0, seconds < 86_400 else { return nil }
            return .sleep(.milliseconds(Int(seconds * 1000)))
        case "alloc":
            guard let bytes = Int(rest), bytes >= 0 else { return nil }
            return .alloc(bytes)
        case "set":
            let pieces = rest.split(separator: " ", maxSplits: 1)
            guard let name = pieces.first else { return nil }
            return .set(String(name), pieces.count > 1 ? String(pieces[1]) : "")
        case "get":
            return rest.isEmpty || rest.contains(" ") ? nil : .get(rest)
        default:
            return nil
        }
    }
}
