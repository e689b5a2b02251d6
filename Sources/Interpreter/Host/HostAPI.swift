/// # Host API: how a host (the TensorFlow layer, the kernel) extends and drives the interpreter
///
/// ## Running cells (kernel-facing)
/// - `Interpreter(output:cancellation:)` holds one session's globals; they persist between
///   executions. `output` receives every piece of text `print` writes, in order.
/// - `execute(_ source: String, cell: Int) -> ExecutionResult` parses the cell (a syntax error
///   runs nothing), runs it, and returns the `repr` of a trailing expression statement whose value
///   is not None (`result`), or the uncaught exception (`error`: `ename`, `evalue` = `str(exc)`,
///   IPython-style `traceback` lines with `Cell In[n], line l` frames). Everything the cell did
///   before an exception stays.
/// - Limits: `cancellation.interrupt()` (from any thread) makes the running cell raise
///   `KeyboardInterrupt`; `cancellation.setDeadline(secondsFromNow:)` makes it raise `TimeoutError`
///   once the deadline passes. Both are checked at every loop iteration and call (a counter, with
///   the atomic flag and the clock read every 256 ticks), so a cell stops within milliseconds.
///   Call `cancellation.reset()` before starting a cell so a stale interrupt does not stop it.
///   `recursionLimit` (default 1000) bounds Python call depth with `RecursionError`.
/// - Stack: run executions on a thread with a large stack. A Python call nests a few KiB of
///   Swift frames (deeply nested expressions more); 64 MiB covers the default recursion limit of
///   1000 with a wide margin, and 256 MiB also covers the parser's maximum nesting.
///
/// ## Native modules
/// `registerModule("tensorflow") { interp in PyModule(...) }` makes `import tensorflow as tf`
/// find the module (built on first import, once per interpreter). Submodules such as `tf.math`
/// are module objects stored as attributes (`import tensorflow.math` resolves through them).
/// Any other import raises `ModuleNotFoundError: No module named 'x'`; nothing else is importable.
///
/// ## Native classes and objects
/// A host class is a `PyType` made with `PyType.hostClass(name:module:)`; its instances are host
/// subclasses of `PyObject` that override `pyType`. Behaviour is defined by native methods in the
/// type's dictionary, under Python's special-method names, so host classes behave exactly like
/// classes written in Python:
/// - methods: `type.method("numpy") { interp, this, args in ... }` (`args` carries positional and
///   keyword arguments; `args.bind(...)` parses them with CPython's messages);
/// - attributes: `type.property("shape", get: ..., set: ...)`; `__getattr__` for dynamic names;
/// - operators: `__add__`/`__radd__`, `__mul__`/`__rmul__`, `__matmul__`, `__neg__`, `__eq__`,
///   `__lt__`, ... — return `.notImplemented` to fall through to the reflected operand and finally to
///   Python's `unsupported operand type(s)` TypeError, so `2 * t` reaches `t.__rmul__`;
/// - indexing: `__getitem__`/`__setitem__` receive the index value as Python built it: an int, a
///   `PySlice`, `.ellipsis`, `.none` (newaxis) or a tuple of those;
/// - iteration (`__iter__` returning a `PyIterator`), `__len__`, `__bool__`, `__repr__`,
///   `__str__`, `__format__(spec)`, `__float__`, `__int__`, `__index__`, `__hash__` (or
///   `unhashable(message:)`), `__enter__`/`__exit__` for `with`, `__call__` for callable objects;
/// - constructors: `type.constructor = { interp, args in ... }` runs when the class is called.
///
/// ## Exceptions
/// `PyType.hostException(name:module:base:)` makes an exception class (e.g.
/// `tf.errors.InvalidArgumentError` with base `Builtin.exception`) that cells can catch by class;
/// host code raises it with `throw PyError(type, "message")`. Any `PyError` thrown by a native
/// function propagates to the cell as that Python exception.
///
/// ## Calling back into Python
/// Native functions receive the running `Interpreter`: `interp.call(f, [args])` calls any Python
/// callable (e.g. a `tf.function`-decorated function), and `repr`, `str`, `truthy`, `getItem`,
/// `collect`, `iterator`/`next`, `binary`, `compare`, `equals` give Python semantics to values.
extension Interpreter {
    /// Makes `import name` (and `import name as alias`, `from name import x`) find the module the
    /// factory builds. The factory runs on the first import in this interpreter.
    public func registerModule(_ name: String, _ factory: @escaping (Interpreter) throws -> PyModule) {
        moduleFactories[name] = factory
        loadedModules.removeValue(forKey: name)
    }

    /// The float value of an int, float, bool or object with `__float__` (as `float(x)` does).
    public func toDouble(_ value: Value) throws -> Double { try Builtin.toFloat(self, value) }

    /// The int value of an int, bool or object with `__index__`, as an `Int` (nil when not an int).
    public func toInt(_ value: Value) throws -> Int? { try indexValue(value) }
}

extension PyType {
    /// A class provided by a host, shown as `<class 'module.Name'>`.
    public static func hostClass(name: String, module: String, base: PyType = Builtin.objectType) -> PyType {
        PyType(name: name, base: base, isBuiltin: true, module: module)
    }

    /// An exception class provided by a host; cells catch it by class and its subclasses.
    public static func hostException(name: String, module: String, base: PyType = Builtin.exception) -> PyType {
        PyType(name: name, base: base, isBuiltin: true, module: module)
    }

    /// Adds a method called with the receiver and the remaining arguments.
    public func method(_ name: String, _ body: @escaping (Interpreter, Value, Arguments) throws -> Value) {
        let typeName = self.name
        define(name) { interp, args in
            guard let receiver = args.positional.first else {
                throw PyError.type("unbound method \(typeName).\(name)() needs an argument")
            }
            return try body(interp, receiver, Arguments(Array(args.positional.dropFirst()), keywords: args.keywords))
        }
    }

    /// Adds an attribute computed by `get` (and assignable through `set`, when given).
    public func property(_ name: String, get: @escaping (Interpreter, Value) throws -> Value,
                         set: ((Interpreter, Value, Value) throws -> Void)? = nil) {
        let getter = Value.object(PyBuiltinFunction(name: name) { interp, args in
            try get(interp, args.positional.first ?? .none)
        })
        let setter = set.map { s in
            Value.object(PyBuiltinFunction(name: name) { interp, args in
                guard args.positional.count == 2 else { throw PyError.type("\(name) setter expects a value") }
                try s(interp, args.positional[0], args.positional[1])
                return .none
            })
        }
        dict[name] = .object(PyDescriptor(kind: .property, function: getter, setter: setter))
    }

    /// Adds a function reachable through the class and its instances without a receiver.
    public func staticMethod(_ name: String, _ body: @escaping NativeFunction) {
        dict[name] = .object(PyDescriptor(kind: .staticMethod, function: .object(PyBuiltinFunction(name: name, body))))
    }

    /// Makes instances unhashable: `hash(x)` and using `x` as a dict key raise TypeError with `message`.
    public func unhashable(message: String) {
        define("__hash__") { _, _ in throw PyError.type(message) }
    }
}

extension PyModule {
    /// Adds a native function to the module.
    public func function(_ name: String, _ body: @escaping NativeFunction) {
        dict[name] = .object(PyBuiltinFunction(name: name, body))
    }
}

/// The AST's location type under a name that stays reachable where `Interpreter.` means the class.
public typealias ASTSourceLocation = SourceLocation

extension Interpreter {
    /// The class shares its module's name, so module-qualified `Interpreter.SourceLocation` resolves
    /// here; this keeps it naming the AST's type.
    public typealias SourceLocation = ASTSourceLocation
}
