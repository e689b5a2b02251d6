import Autodiff
import Interpreter
import Tensors

extension TensorFlowSession {
    /// The gradient node of a tensor or variable object.
    func node(_ value: Value, role: String) throws -> GradientNode {
        if let node = singleNode(value) { return node }
        throw PyError.attribute("'\(value.typeName)' object has no attribute 'dtype'")
    }

    /// The gradient node of a lone tensor or variable object; nil for anything else (a structure).
    @inline(__always)
    func singleNode(_ value: Value) -> GradientNode? {
        guard case .object(let object) = value else { return nil }
        if let tensor = object as? PyTensor { return .tensor(tensor.tensor) }
        if let variable = object as? PyVariable { return .variable(variable.variable) }
        return nil
    }

    /// The leaves of a nested structure of lists, tuples and dict values, in order.
    func flatten(_ value: Value) -> [Value] {
        switch value {
        case .list(let l): return l.items.flatMap(flatten)
        case .tuple(let t): return t.items.flatMap(flatten)
        case .dict(let d): return d.table.values.flatMap(flatten)
        default: return [value]
        }
    }

    /// `structure` with its leaves replaced, in order, by `leaves`.
    func rebuild(_ structure: Value, _ leaves: inout ArraySlice<Value>) -> Value {
        switch structure {
        case .list(let l): return .makeList(l.items.map { rebuild($0, &leaves) })
        case .tuple(let t): return .makeTuple(t.items.map { rebuild($0, &leaves) })
        case .dict(let d):
            let result = PyDict()
            for (key, value) in d.table.items {
                result.table.set(key, rebuild(value, &leaves))
            }
            return .dict(result)
        default: return leaves.popFirst() ?? .none
        }
    }
}

extension PyGradientTape {
    /// `GradientTape.gradient` with its errors as the Python exceptions TensorFlow raises.
    func gradient(targets: [GradientNode], sources: [GradientNode], outputGradients: [TrackedTensor?]?,
                  unconnectedAsZeros: Bool) throws -> [TrackedTensor?] {
        do {
            return try tape.gradient(targets: targets, sources: sources, outputGradients: outputGradients,
                                     unconnectedAsZeros: unconnectedAsZeros)
        } catch let error as AutodiffError {
            throw pyError(error)
        } catch let error as TensorError {
            throw TFErrors.error(error, op: "Gradient")
        }
    }
}

/// `tf.GradientTape`: a context manager over an Autodiff tape.
func defineGradientTapeMethods(on type: PyType) {
    type.define("__enter__") { _, args in
        let t = try receiver(args, PyGradientTape.self, "__enter__")
        do { try t.tape.enter() } catch let error as AutodiffError { throw pyError(error) }
        t.isEntered = true
        return args[0] ?? .none
    }
    type.define("__exit__") { _, args in
        let t = try receiver(args, PyGradientTape.self, "__exit__")
        t.isEntered = false
        t.tape.exit()
        return .bool(false)
    }
    type.define("watch") { _, args in
        let t = try receiver(args, PyGradientTape.self, "watch")
        for leaf in t.session.flatten(args[1] ?? .none) {
            // TensorFlow watches only float tensors; a string tensor is passed over.
            if stringTensor(leaf) != nil { continue }
            if case .object(let o) = leaf, o is PyTensor || o is PyVariable {} else {
                throw PyError.value("Passed in object \(pythonRepr(leaf)) of type '\(leaf.typeName)', not tf.Tensor or tf.Variable or ExtensionType.")
            }
            switch try t.session.node(leaf, role: "tensor") {
            case .tensor(let x): t.tape.watch(x)
            case .variable(let v): t.tape.watch(v)
            }
        }
        return .none
    }
    type.define("stop_recording") { _, args in
        .object(PyStopRecording(try receiver(args, PyGradientTape.self, "stop_recording")))
    }
    type.define("reset") { _, args in
        let t = try receiver(args, PyGradientTape.self, "reset")
        guard t.isEntered else { throw PyError.value("Tape is not recording.") }
        t.tape.reset()
        return .none
    }
    type.define("watched_variables") { _, args in
        let t = try receiver(args, PyGradientTape.self, "watched_variables")
        return .makeTuple(t.tape.watchedVariables.map { .object(PyVariable($0, session: t.session)) })
    }
    type.define("gradient") { _, args in
        let t = try receiver(args, PyGradientTape.self, "gradient")
        let session = t.session
        // `tape.gradient(y, x)` with one tensor or variable each, the usual call, needs no binding
        // of keywords and no flattening or rebuilding of structures.
        // A string tensor has no gradient and passes none on.
        if args.keywords.isEmpty, args.count == 3, stringTensor(args.positional[1]) != nil || stringTensor(args.positional[2]) != nil {
            return .none
        }
        if args.keywords.isEmpty, args.count == 3,
           let target = session.singleNode(args.positional[1]), let source = session.singleNode(args.positional[2]) {
            let gradients = try t.gradient(targets: [target], sources: [source], outputGradients: nil, unconnectedAsZeros: false)
            guard let first = gradients.first, let gradient = first else { return .none }
            return session.wrap(gradient)
        }
        let slots = try Arguments(Array(args.positional.dropFirst()), keywords: args.keywords)
            .bind("gradient", ["target", "sources", "output_gradients", "unconnected_gradients"], required: 2)
        let targets = try session.flatten(slots[0] ?? .none).map { try session.node($0, role: "target") }
        let sourceStructure = slots[1] ?? .none
        let sources = try session.flatten(sourceStructure).map { try session.node($0, role: "sources") }
        var outputGradients: [TrackedTensor?]?
        if let given = slots[2], !given.isNone {
            outputGradients = try session.flatten(given).map { $0.isNone ? nil : try session.toTracked($0) }
        }
        let zeros = try unconnectedAsZeros(slots[3])
        let gradients = try t.gradient(targets: targets, sources: sources, outputGradients: outputGradients,
                                       unconnectedAsZeros: zeros)
        var leaves = ArraySlice(gradients.map { $0.map(session.wrap) ?? .none })
        return session.rebuild(sourceStructure, &leaves)
    }
    type.define("jacobian") { _, args in
        let t = try receiver(args, PyGradientTape.self, "jacobian")
        let slots = try Arguments(Array(args.positional.dropFirst()), keywords: args.keywords)
            .bind("jacobian", ["target", "sources", "unconnected_gradients", "parallel_iterations", "experimental_use_pfor"], required: 2)
        let session = t.session
        let target = try session.node(slots[0] ?? .none, role: "target")
        let sourceStructure = slots[1] ?? .none
        let zeros = try unconnectedAsZeros(slots[2])
        var results: [Value] = []
        for leaf in session.flatten(sourceStructure) {
            let source = try session.node(leaf, role: "sources")
            do {
                let j = try t.tape.jacobian(target: target, source: source, unconnectedAsZeros: zeros)
                results.append(j.map(session.wrap) ?? .none)
            } catch AutodiffError.nonPersistentTapeUsed {
                throw PyError.runtime("A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)")
            } catch let error as AutodiffError {
                throw pyError(error)
            } catch let error as TensorError {
                throw TFErrors.error(error, op: "Jacobian")
            }
        }
        var leaves = ArraySlice(results)
        return session.rebuild(sourceStructure, &leaves)
    }
    defineProperty(type, "persistent") { value in
        guard case .object(let o) = value, let t = o as? PyGradientTape else { return .none }
        return .bool(t.tape.persistent)
    }
}

/// Reads `unconnected_gradients=`: `tf.UnconnectedGradients.ZERO`/`NONE` or `'zero'`/`'none'`.
private func unconnectedAsZeros(_ value: Value?) throws -> Bool {
    guard let value, !value.isNone else { return false }
    if case .object(let o) = value, let u = o as? PyUnconnectedGradients { return u.zero }
    if let text = value.stringValue {
        if text == "zero" { return true }
        if text == "none" { return false }
    }
    throw PyError.value("\(pythonRepr(value)) is not a valid UnconnectedGradients")
}
