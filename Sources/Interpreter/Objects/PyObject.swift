/// The base of every heap-allocated Python object. Hosts subclass it for their native objects
/// (see `HostAPI.swift`) and override `pyType` to name their class.
open class PyObject {
    public init() {}

    /// The object's Python class.
    open var pyType: PyType { Builtin.objectType }
}

/// An instance of a class defined by Python code (or of `object` itself): attributes live in `dict`.
public class PyInstance: PyObject {
    public let cls: PyType
    public var dict: [String: Value] = [:]

    public init(cls: PyType) {
        self.cls = cls
    }

    public override var pyType: PyType { cls }
}

/// A cell holding a variable captured by a closure; `nil` while unbound.
public final class PyCell {
    public var value: Value?
    public init(_ value: Value? = nil) { self.value = value }
}

/// A module: a named namespace (`math`, or one a host registered such as `tensorflow`).
public final class PyModule: PyObject {
    public let name: String
    public var dict: [String: Value]

    public init(name: String, dict: [String: Value] = [:]) {
        self.name = name
        self.dict = dict
    }

    public override var pyType: PyType { Builtin.moduleType }
}

/// An int too large for `Int`; results that fit again are stored inline (`Value.integer`).
public final class PyBigInt: PyObject {
    public let value: BigInt

    public init(_ value: BigInt) { self.value = value }

    public override var pyType: PyType { Builtin.intType }
}

/// `range(start, stop, step)`.
public final class PyRange: PyObject {
    public let start: Int
    public let stop: Int
    public let step: Int

    public init(start: Int, stop: Int, step: Int) {
        self.start = start
        self.stop = stop
        self.step = step
    }

    /// Number of elements, clamped to `Int` (ranges that large are never materialised).
    public var count: Int {
        if step > 0 {
            guard start < stop else { return 0 }
            let (span, o1) = stop.subtractingReportingOverflow(start)
            if o1 { return Int.max }
            return (span - 1) / step + 1
        } else {
            guard start > stop else { return 0 }
            let (span, o1) = start.subtractingReportingOverflow(stop)
            if o1 { return Int.max }
            return (span - 1) / (0 &- step) + 1
        }
    }

    /// The element at a non-negative position below `count`.
    public func element(_ index: Int) -> Int { start &+ index &* step }

    public override var pyType: PyType { Builtin.rangeType }
}

/// `slice(start, stop, step)`.
public final class PySlice: PyObject {
    public let start: Value
    public let stop: Value
    public let step: Value

    public init(start: Value, stop: Value, step: Value) {
        self.start = start
        self.stop = stop
        self.step = step
    }

    public override var pyType: PyType { Builtin.sliceType }
}

/// A singleton with only a name (`NotImplemented`, `Ellipsis`).
public final class PySingleton: PyObject {
    public let name: String
    let type: PyType
    init(name: String, type: PyType) {
        self.name = name
        self.type = type
    }
    public override var pyType: PyType { type }
}

import BigInt
