/// The body of a native function or method: it receives the running interpreter (to call back
/// into Python values) and the call's arguments, and returns a value or throws a `PyError`.
public typealias NativeFunction = (Interpreter, Arguments) throws -> Value

/// A function implemented in Swift: builtins, methods of builtin types, host functions.
public final class PyBuiltinFunction: PyObject {
    public let name: String
    /// The class a method belongs to (for `<method 'append' of 'list' objects>`), nil for functions.
    public let owner: String?
    public let body: NativeFunction

    public init(name: String, owner: String? = nil, _ body: @escaping NativeFunction) {
        self.name = name
        self.owner = owner
        self.body = body
    }

    public override var pyType: PyType { Builtin.builtinFunctionType }
}

/// A function bound to the object it was looked up on (`obj.method`).
public final class PyBoundMethod: PyObject {
    public let selfValue: Value
    public let function: Value

    public init(selfValue: Value, function: Value) {
        self.selfValue = selfValue
        self.function = function
    }

    public override var pyType: PyType { Builtin.methodType }
}

/// `staticmethod(f)`, `classmethod(f)` and `property(fget, fset)` wrappers found in class bodies.
public final class PyDescriptor: PyObject {
    public enum Kind { case staticMethod, classMethod, property }
    public let kind: Kind
    public let function: Value
    public var setter: Value?

    public init(kind: Kind, function: Value, setter: Value? = nil) {
        self.kind = kind
        self.function = function
        self.setter = setter
    }

    public override var pyType: PyType {
        switch kind {
        case .staticMethod: return Builtin.staticMethodType
        case .classMethod: return Builtin.classMethodType
        case .property: return Builtin.propertyType
        }
    }
}

/// The arguments of a call: positional values in order, then keyword arguments in order.
public struct Arguments {
    public var positional: [Value]
    public var keywords: [(name: String, value: Value)]

    public init(_ positional: [Value] = [], keywords: [(name: String, value: Value)] = []) {
        self.positional = positional
        self.keywords = keywords
    }

    public var count: Int { positional.count }

    /// The positional argument at `index`, or nil.
    public subscript(_ index: Int) -> Value? { index < positional.count ? positional[index] : nil }

    /// The keyword argument called `name`, or nil.
    public func keyword(_ name: String) -> Value? { keywords.first { $0.name == name }?.value }

    /// Binds the arguments to named parameters the way CPython's argument clinic does, with its
    /// messages. `names` lists every parameter; the first `positionalOnly` may not be passed by
    /// keyword; `required` is how many leading parameters must be given.
    /// - Returns: one slot per name, nil where the argument was omitted.
    public func bind(_ function: String, _ names: [String], required: Int = 0,
                     positionalOnly: Int = 0) throws -> [Value?] {
        if positional.count > names.count {
            if names.count == 1 && required == 1 {
                throw PyError.type("\(function)() takes exactly one argument (\(positional.count) given)")
            }
            throw PyError.type("\(function)() takes at most \(names.count) argument\(names.count == 1 ? "" : "s") (\(positional.count) given)")
        }
        var slots = [Value?](repeating: nil, count: names.count)
        for (i, v) in positional.enumerated() { slots[i] = v }
        for (name, value) in keywords {
            guard let i = names.firstIndex(of: name), i >= positionalOnly else {
                throw PyError.type("\(function)() got an unexpected keyword argument '\(name)'")
            }
            if slots[i] != nil {
                throw PyError.type("argument for \(function)() given by name ('\(name)') and position (\(i + 1))")
            }
            slots[i] = value
        }
        for i in 0..<min(required, names.count) where slots[i] == nil {
            if positional.count < required && keywords.isEmpty {
                if required == 1 && names.count == 1 {
                    throw PyError.type("\(function)() takes exactly one argument (0 given)")
                }
                throw PyError.type("\(function)() missing required argument '\(names[i])' (pos \(i + 1))")
            }
            throw PyError.type("\(function)() missing required argument '\(names[i])' (pos \(i + 1))")
        }
        return slots
    }

    /// Throws CPython's message unless there are no keyword arguments.
    public func noKeywords(_ function: String) throws {
        if !keywords.isEmpty { throw PyError.type("\(function)() takes no keyword arguments") }
    }

    /// Checks the positional count against CPython's `takes exactly / at least / at most` messages.
    public func expect(_ function: String, min: Int, max: Int) throws {
        try noKeywords(function)
        let n = positional.count
        if n >= min && n <= max { return }
        if min == max {
            if min == 0 { throw PyError.type("\(function)() takes no arguments (\(n) given)") }
            if min == 1 { throw PyError.type("\(function)() takes exactly one argument (\(n) given)") }
            throw PyError.type("\(function) expected \(min) arguments, got \(n)")
        }
        if n < min { throw PyError.type("\(function) expected at least \(min) argument\(min == 1 ? "" : "s"), got \(n)") }
        throw PyError.type("\(function) expected at most \(max) argument\(max == 1 ? "" : "s"), got \(n)")
    }
}
