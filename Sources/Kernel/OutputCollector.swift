/// Collects one cell's outputs in nbformat order while the cell runs.
///
/// Consecutive writes to the same stream become one `stream` output, as in
/// IPython. Stream and result text together are capped; past the cap the
/// text is cut at a character boundary and one line says so.
public final class OutputCollector {
    private var finished: [CellOutput] = []
    private var pendingName: StreamName?
    private var pendingText = ""
    private var usedBytes = 0
    /// The most bytes of text the cell may produce.
    public let limitBytes: Int
    /// Whether text was dropped because the cell passed the cap.
    public private(set) var isTruncated = false

    public init(limitBytes: Int) {
        self.limitBytes = max(0, limitBytes)
    }

    /// Writes `text` to `stream`, as `print` or `sys.stderr.write` would.
    public func write(_ text: String, to stream: StreamName = .stdout) {
        guard !text.isEmpty, !isTruncated else { return }
        let kept = take(text)
        if pendingName != stream {
            flush()
            pendingName = stream
        }
        pendingText += kept
        if isTruncated { pendingText += truncationNotice }
    }

    /// Adds the trailing expression's text as an `execute_result`.
    public func addResult(_ text: String, executionCount: Int) {
        flush()
        if isTruncated { return }
        var kept = take(text)
        if isTruncated { kept += truncationNotice }
        finished.append(.executeResult(executionCount: executionCount, text: kept))
    }

    /// Adds an `error` output.
    public func addError(_ error: CellError) {
        flush()
        finished.append(.error(error))
    }

    /// Every output so far, in order.
    public var outputs: [CellOutput] {
        guard let name = pendingName else { return finished }
        return finished + [.stream(name: name, text: pendingText)]
    }

    private func flush() {
        if let name = pendingName {
            finished.append(.stream(name: name, text: pendingText))
        }
        pendingName = nil
        pendingText = ""
    }

    /// The part of `text` that fits under the cap; sets `isTruncated` when some does not.
    private func take(_ text: String) -> String {
        let size = text.utf8.count
        let room = limitBytes - usedBytes
        if size <= room {
            usedBytes += size
            return text
        }
        isTruncated = true
        var kept = ""
        var keptBytes = 0
        for scalar in text.unicodeScalars {
            let width = UTF8.width(scalar)
            if keptBytes + width > room { break }
            kept.unicodeScalars.append(scalar)
            keptBytes += width
        }
        usedBytes += keptBytes
        return kept
    }

    private var truncationNotice: String {
        let mebibyte = 1 << 20
        let size = limitBytes % mebibyte == 0 && limitBytes > 0 ? "\(limitBytes / mebibyte) MiB" : "\(limitBytes) bytes"
        return "\n[output truncated: this cell produced more than \(size) of output]\n"
    }
}
