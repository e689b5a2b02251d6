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

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }

    static func value(_ message: String) -> TextError { TextError(.valueError, message) }
    static func type(_ message: String) -> TextError { TextError(.typeError, message) }
    static func overflow(_ message: String) -> TextError { TextError(.overflowError, message) }
}
