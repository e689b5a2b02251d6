/// A Python class: builtin (`int`, `list`), defined by a cell (`class C: ...`), or registered by a host.
/// Attribute and special-method lookup walks `dict` up the single-inheritance chain of `base`.
public final class PyType: PyObject {
    public let name: String
    public let base: PyType?
    public var dict: [String: Value]
    /// Builtin and host types refuse new attributes (`cannot set 'x' attribute of immutable type 'int'`).
    public let isBuiltin: Bool
    /// The module shown in `repr` (`<class '__main__.C'>`); nil for builtins.
    public var module: String?
    /// Builds instances when the type is called, for builtin and host types. Classes defined in
    /// cells leave it nil: calling them makes an instance (or exception) and runs `__init__`.
    public var constructor: NativeFunction?
    /// True for BaseException and its subclasses.
    public let isException: Bool

    /// Makes a type.
    /// - Parameters:
    ///   - name: the class name (`__name__`).
    ///   - base: the single base class; nil only for `object`.
    ///   - isBuiltin: true for builtin and host types (immutable, no `__main__.` in repr).
    ///   - module: module name shown in repr, e.g. `__main__` or `tensorflow`.
    public init(name: String, base: PyType?, dict: [String: Value] = [:], isBuiltin: Bool = true,
                module: String? = nil, constructor: NativeFunction? = nil) {
        self.name = name
        self.base = base
        self.dict = dict
        self.isBuiltin = isBuiltin
        self.module = module
        self.constructor = constructor
        var exception = name == "BaseException" && isBuiltin && module == nil
        var ancestor = base
        while let a = ancestor, !exception {
            if a.name == "BaseException" && a.isBuiltin && a.module == nil { exception = true }
            ancestor = a.base
        }
        self.isException = exception
    }

    public override var pyType: PyType { Builtin.typeType }

    /// Looks `name` up in this class and its bases.
    @inline(__always)
    public func lookup(_ name: String) -> Value? {
        var type: PyType? = self
        while let t = type {
            if let found = t.dict[name] { return found }
            type = t.base
        }
        return nil
    }

    /// True when `self` is `other` or inherits from it.
    public func isSubtype(of other: PyType) -> Bool {
        var type: PyType? = self
        while let t = type {
            if t === other { return true }
            type = t.base
        }
        return false
    }

    /// `self` and its bases, nearest first (`__mro__`).
    public var mro: [PyType] {
        var result: [PyType] = []
        var type: PyType? = self
        while let t = type {
            result.append(t)
            type = t.base
        }
        return result
    }

    /// Adds a native method, called with `self` as the first positional argument.
    public func define(_ name: String, _ body: @escaping NativeFunction) {
        dict[name] = .object(PyBuiltinFunction(name: name, owner: self.name, body))
    }

    /// The qualified name `repr` shows.
    public var qualifiedName: String {
        if let module, module != "builtins" { return "\(module).\(name)" }
        return name
    }
}
