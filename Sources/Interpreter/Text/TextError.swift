/// An error raised by a text algorithm, named by the Python exception class it becomes.
///
/// The evaluator maps `kind` onto its exception classes; `message` is CPython 3.11's text.
public struct TextError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The Python exception class the error stands for.
    public enum Kind: String, Sendable {
        case valueError = "ValueError"
        case typeError = "TypeError"
        case overflowError = "OverflowError"
        case indexError = "IndexError"
        case keyError = "KeyError"
    }

    /// The longest text, in code points, that formatting builds; beyond it CPython would
    /// try to allocate and TapeLab raises `MemoryError` instead of exhausting the process.
    public static let maxResultLength = 1 << 27

    public var kind: Kind
    public var message: String
    /// True for a result too large to build: the exception is `MemoryError` (its `kind` is the
    /// nearest of the five, `overflowError`, for code that maps only kinds).
    public var isMemoryError = false

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The name of the Python exception class to raise.
    public var exceptionName: String { isMemoryError ? "MemoryError" : kind.rawValue }

    public var description: String { "\(exceptionName): \(message)" }

    static func value(_ message: String) -> TextError { TextError(.valueError, message) }
    static func type(_ message: String) -> TextError { TextError(.typeError, message) }
    static func overflow(_ message: String) -> TextError { TextError(.overflowError, message) }
    static var memory: TextError {
        var error = TextError(.overflowError, "")
        error.isMemoryError = true
        return error
    }

    /// Throws `MemoryError` when a requested width or precision is beyond `maxResultLength`.
    static func checkLength(_ length: Int) throws {
        if length > maxResultLength { throw memory }
    }
}
