import BigInt

/// A `range` whose start, stop, step or length does not fit in `Int` (CPython's long-range path).
/// Ranges that fit stay `PyRange`, so loops over them never touch `BigInt`.
public final class PyBigRange: PyObject {
    public let start: BigInt
    public let stop: BigInt
    public let step: BigInt
    /// Number of elements; never negative.
    public let count: BigInt

    init(start: BigInt, stop: BigInt, step: BigInt) {
        self.start = start
        self.stop = stop
        self.step = step
        count = RangeBounds.length(start: start, stop: stop, step: step)
    }

    public override var pyType: PyType { Builtin.rangeType }
}

/// Either kind of range in arbitrary precision: the single code path for range operations that
/// are not per element (equality, hashing, slicing, `index`, `count`).
struct RangeBounds {
    let start: BigInt
    let stop: BigInt
    let step: BigInt
    let count: BigInt

    init?(_ o: PyObject) {
        if let r = o as? PyRange {
            start = BigInt(r.start)
            stop = BigInt(r.stop)
            step = BigInt(r.step)
            count = BigInt(r.count)
        } else if let r = o as? PyBigRange {
            start = r.start
            stop = r.stop
            step = r.step
            count = r.count
        } else {
            return nil
        }
    }

    /// CPython's `compute_range_length`: elements of `range(start, stop, step)` for a non-zero step.
    static func length(start: BigInt, stop: BigInt, step: BigInt) -> BigInt {
        if step.sign == .plus { return start < stop ? (stop - start - 1) / step + 1 : 0 }
        return start > stop ? (start - stop - 1) / (-step) + 1 : 0
    }

    func element(_ index: BigInt) -> BigInt { start + index * step }

    /// Where `x` sits in the range, or nil when the range does not hold it.
    func position(of x: BigInt) -> BigInt? {
        if step.sign == .plus ? (x < start || x >= stop) : (x > start || x <= stop) { return nil }
        let (q, r) = (x - start).quotientAndRemainder(dividingBy: step)
        return r.isZero ? q : nil
    }

    /// Ranges are equal when they hold the same elements (CPython's `range_equals`).
    func sameElements(_ other: RangeBounds) -> Bool {
        guard count == other.count else { return false }
        if count.isZero { return true }
        guard start == other.start else { return false }
        return count == 1 || step == other.step
    }
}

extension Builtin {
    /// `range(...)` from one to three machine-word ints when they and their span fit in `Int`;
    /// nil for anything else (big ints, other types, a zero step, wrong counts).
    @inline(__always)
    static func smallRange(_ args: [Value]) -> PyRange? {
        var start = 0, stop = 0, step = 1
        switch args.count {
        case 1:
            guard case .int(let e) = args[0] else { return nil }
            stop = e
        case 2:
            guard case .int(let s) = args[0], case .int(let e) = args[1] else { return nil }
            start = s
            stop = e
        case 3:
            guard case .int(let s) = args[0], case .int(let e) = args[1], case .int(let st) = args[2], st != 0 else { return nil }
            start = s
            stop = e
            step = st
        default:
            return nil
        }
        if stop.subtractingReportingOverflow(start).overflow || start.subtractingReportingOverflow(stop).overflow { return nil }
        return PyRange(start: start, stop: stop, step: step)
    }

    /// `range(start, stop, step)` for a non-zero step: a `PyRange` when the bounds and the
    /// distance between them fit in `Int`, else a `PyBigRange`.
    static func makeRange(start: BigInt, stop: BigInt, step: BigInt) -> PyObject {
        if let s = Int(exactly: start), let e = Int(exactly: stop), let st = Int(exactly: step),
           !e.subtractingReportingOverflow(s).overflow, !s.subtractingReportingOverflow(e).overflow {
            return PyRange(start: s, stop: e, step: st)
        }
        return PyBigRange(start: start, stop: stop, step: step)
    }
}
