extension Builtin {
    static func list(_ args: Arguments, _ method: String) throws -> PyList {
        try receiver(args, "list", method) { v -> PyList? in
            if case .list(let l) = v { return l }
            return nil
        }
    }

    /// `list.sort(key=None, reverse=False)`: a stable merge sort using `<`, like CPython's.
    static func sortList(_ interp: Interpreter, _ list: PyList, _ args: Arguments, _ name: String) throws {
        if !args.positional.isEmpty { throw PyError.type("sort() takes no positional arguments") }
        var key: Value?
        var reverse = false
        for (k, v) in args.keywords {
            switch k {
            case "key": key = v.isNone ? nil : v
            case "reverse": reverse = try interp.truthy(v)
            default: throw PyError.type("'\(k)' is an invalid keyword argument for \(name)()")
            }
        }
        // Like CPython, the list looks empty while it sorts; whatever a key function or comparison
        // does to it is discarded, and the list ends holding its elements (sorted if all went well).
        var items = list.items
        list.items = []
        defer { list.items = items }
        let keys = try key.map { k in try items.map { try interp.call(k, [$0]) } } ?? items
        var order = Array(items.indices)
        if reverse { order.reverse() }
        // Fast path for homogeneous ints, floats and strs.
        if keys.allSatisfy({ if case .int = $0 { return true }; return false }) {
            order = try mergeSort(order) { a, b in
                if case .int(let x) = keys[a], case .int(let y) = keys[b] { return x < y }
                return false
            }
        } else {
            order = try mergeSort(order) { a, b in try interp.truthy(try interp.compare(.less, keys[a], keys[b])) }
        }
        if reverse { order.reverse() }
        items = order.map { items[$0] }
        if !list.items.isEmpty { throw PyError.value("list modified during sort") }
    }

    /// Stable merge sort with a throwing comparison.
    static func mergeSort(_ input: [Int], _ less: (Int, Int) throws -> Bool) throws -> [Int] {
        if input.count < 2 { return input }
        var a = input
        var b = input
        var width = 1
        // Insertion sort runs of 8 first.
        let run = 8
        var start = 0
        while start < a.count {
            let end = min(start + run, a.count)
            var i = start + 1
            while i < end {
                let x = a[i]
                var j = i - 1
                while j >= start, try less(x, a[j]) {
                    a[j + 1] = a[j]
                    j -= 1
                }
                a[j + 1] = x
                i += 1
            }
            start = end
        }
        width = run
        while width < a.count {
            var lo = 0
            while lo < a.count {
                let mid = min(lo + width, a.count), hi = min(lo + 2 * width, a.count)
                var i = lo, j = mid, k = lo
                while i < mid && j < hi {
                    if try less(a[j], a[i]) {
                        b[k] = a[j]
                        j += 1
                    } else {
                        b[k] = a[i]
                        i += 1
                    }
                    k += 1
                }
                while i < mid { b[k] = a[i]; i += 1; k += 1 }
                while j < hi { b[k] = a[j]; j += 1; k += 1 }
                lo = hi
            }
            swap(&a, &b)
            width *= 2
        }
        return a
    }

    static func installListMethods() {
        let t = listType
        t.define("append") { _, args in
            let l = try list(args, "append")
            guard args.positional.count == 2 else { throw PyError.type("list.append() takes exactly one argument (\(args.positional.count - 1) given)") }
            l.items.append(args.positional[1])
            return .none
        }
        t.define("extend") { interp, args in
            let l = try list(args, "extend")
            guard args.positional.count == 2 else { throw PyError.type("list.extend() takes exactly one argument (\(args.positional.count - 1) given)") }
            let extra = try interp.collect(args.positional[1])
            try interp.checkElements(l.items.count &+ extra.count)
            l.items.append(contentsOf: extra)
            return .none
        }
        t.define("insert") { interp, args in
            let l = try list(args, "insert")
            guard args.positional.count == 3 else { throw PyError.type("insert expected 2 arguments, got \(args.positional.count - 1)") }
            var i = try textSize(interp, args.positional[1])
            let n = l.items.count
            if i < 0 { i = max(0, i + n) }
            l.items.insert(args.positional[2], at: min(i, n))
            return .none
        }
        t.define("pop") { interp, args in
            let l = try list(args, "pop")
            guard args.positional.count <= 2 else { throw PyError.type("pop expected at most 1 argument, got \(args.positional.count - 1)") }
            if l.items.isEmpty { throw PyError.index("pop from empty list") }
            var i = l.items.count - 1
            if args.positional.count == 2 {
                let j = try textSize(interp, args.positional[1])
                i = j < 0 ? j + l.items.count : j
                guard i >= 0, i < l.items.count else { throw PyError.index("pop index out of range") }
            }
            return l.items.remove(at: i)
        }
        t.define("remove") { interp, args in
            let l = try list(args, "remove")
            guard args.positional.count == 2 else { throw PyError.type("list.remove() takes exactly one argument (\(args.positional.count - 1) given)") }
            // `__eq__` may mutate the list: re-read it at every step, as CPython does.
            var i = 0
            while i < l.items.count {
                let v = l.items[i]
                if try v.isIdentical(to: args.positional[1]) || interp.equals(v, args.positional[1]) {
                    if i < l.items.count { l.items.remove(at: i) }
                    return .none
                }
                i += 1
            }
            throw PyError.value("list.remove(x): x not in list")
        }
        t.define("index") { interp, args in
            let l = try list(args, "index")
            return .int(try sequenceIndex(interp, { l.items }, rest(args), "list"))
        }
        t.define("count") { interp, args in
            let l = try list(args, "count")
            guard args.positional.count == 2 else { throw PyError.type("list.count() takes exactly one argument (\(args.positional.count - 1) given)") }
            var n = 0
            var i = 0
            while i < l.items.count {
                let v = l.items[i]
                if try v.isIdentical(to: args.positional[1]) || interp.equals(v, args.positional[1]) { n += 1 }
                i += 1
            }
            return .int(n)
        }
        t.define("sort") { interp, args in
            let l = try list(args, "sort")
            try sortList(interp, l, rest(args), "sort")
            return .none
        }
        t.define("reverse") { _, args in
            let l = try list(args, "reverse")
            l.items.reverse()
            return .none
        }
        t.define("copy") { _, args in .list(PyList(try list(args, "copy").items)) }
        t.define("clear") { _, args in
            try list(args, "clear").items.removeAll()
            return .none
        }
    }

    /// `seq.index(x[, start[, stop]])`; `items` answers the live elements, re-read at every step
    /// because `__eq__` may mutate the list.
    static func sequenceIndex(_ interp: Interpreter, _ items: () -> [Value], _ args: Arguments, _ kind: String) throws -> Int {
        guard args.positional.count >= 1, args.positional.count <= 3 else {
            throw PyError.type("index expected at least 1 argument, got \(args.positional.count)")
        }
        let n = items().count
        func bound(_ v: Value?, _ d: Int) throws -> Int {
            guard let v else { return d }
            // CPython clamps a start or stop beyond a machine word (`_PyEval_SliceIndexNotNone`).
            if let big = v.bigIntValue, Int(exactly: big) == nil { return big.sign == .minus ? 0 : n }
            guard var i = try interp.indexValue(v) else {
                throw PyError.type("slice indices must be integers or have an __index__ method")
            }
            if i < 0 { i = max(0, i + n) }
            return min(i, n)
        }
        let start = try bound(args[1], 0), stop = try bound(args[2], n)
        var i = start
        while true {
            let current = items()
            guard i < min(stop, current.count) else { break }
            let v = current[i]
            if try v.isIdentical(to: args.positional[0]) || interp.equals(v, args.positional[0]) { return i }
            i += 1
        }
        if kind == "tuple" { throw PyError.value("tuple.index(x): x not in tuple") }
        throw PyError.value("\(try interp.repr(args.positional[0])) is not in list")
    }

    static func installTupleMethods() {
        tupleType.define("index") { interp, args in
            let t = try receiver(args, "tuple", "index") { v -> PyTuple? in
                if case .tuple(let t) = v { return t }
                return nil
            }
            return .int(try sequenceIndex(interp, { t.items }, rest(args), "tuple"))
        }
        tupleType.define("count") { interp, args in
            let t = try receiver(args, "tuple", "count") { v -> PyTuple? in
                if case .tuple(let t) = v { return t }
                return nil
            }
            guard args.positional.count == 2 else { throw PyError.type("tuple.count() takes exactly one argument (\(args.positional.count - 1) given)") }
            var n = 0
            for v in t.items where try v.isIdentical(to: args.positional[1]) || interp.equals(v, args.positional[1]) { n += 1 }
            return .int(n)
        }
    }
}
