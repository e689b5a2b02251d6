/// An exception instance: of a builtin exception class, a cell's subclass of one, or a host's.
public final class PyException: PyInstance {
    /// `e.args`.
    public var args: [Value]
    /// `raise ... from cause` (`__cause__`).
    public var cause: PyException?
    /// The exception being handled when this one was raised (`__context__`).
    public var context: PyException?
    /// True after `raise ... from ...` (`__suppress_context__`).
    public var suppressContext = false
    /// Frames the exception passed through, innermost last.
    public var traceback: [TracebackEntry] = []

    public init(cls: PyType, args: [Value]) {
        self.args = args
        super.init(cls: cls)
    }
}

/// One frame of a traceback: where the exception passed.
public struct TracebackEntry: Sendable, Equatable {
    /// The execution number of the cell the code came from (`Cell In[3]`), nil for unknown sources.
    public var cell: Int?
    public var line: Int
    /// The function's name, or nil at cell level.
    public var function: String?

    public init(cell: Int?, line: Int, function: String?) {
        self.cell = cell
        self.line = line
        self.function = function
    }
}

/// A Python exception travelling through Swift code as an error.
public struct PyError: Error, @unchecked Sendable {
    public let exception: PyException

    public init(_ exception: PyException) { self.exception = exception }

    /// An exception of `type` whose single argument is `message`.
    public init(_ type: PyType, _ message: String) {
        exception = PyException(cls: type, args: [.string(message)])
    }

    /// An exception of `type` with the given arguments (`KeyError(key)`).
    public init(_ type: PyType, args: [Value]) {
        exception = PyException(cls: type, args: args)
    }

    public var type: PyType { exception.cls }

    public static func type(_ message: String) -> PyError { PyError(Builtin.typeError, message) }
    public static func value(_ message: String) -> PyError { PyError(Builtin.valueError, message) }
    public static func index(_ message: String) -> PyError { PyError(Builtin.indexError, message) }
    public static func key(_ key: Value) -> PyError { PyError(Builtin.keyError, args: [key]) }
    public static func attribute(_ message: String) -> PyError { PyError(Builtin.attributeError, message) }
    public static func name(_ name: String) -> PyError {
        PyError(Builtin.nameError, "name '\(name)' is not defined")
    }
    public static func zeroDivision(_ message: String) -> PyError { PyError(Builtin.zeroDivisionError, message) }
    public static func overflow(_ message: String) -> PyError { PyError(Builtin.overflowError, message) }
    public static func runtime(_ message: String) -> PyError { PyError(Builtin.runtimeError, message) }
    public static func notImplemented(_ message: String) -> PyError { PyError(Builtin.notImplementedError, message) }
    public static var stopIteration: PyError { PyError(Builtin.stopIteration, args: []) }
}
