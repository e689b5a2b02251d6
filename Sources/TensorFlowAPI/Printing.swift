import Autodiff
import Tensors

/// Python's tuple text for a shape: `()`, `(3,)`, `(2, 2)`.
func shapeTuple(_ shape: [Int]) -> String {
    var text = ""
    appendShapeTuple(shape, to: &text)
    return text
}

/// Appends `shapeTuple(shape)` to `text`, so callers building a larger text make no string for it.
func appendShapeTuple(_ shape: [Int], to text: inout String) {
    text += "("
    for (index, dim) in shape.enumerated() {
        if index > 0 { text += ", " }
        text += String(dim)
    }
    text += shape.count == 1 ? ",)" : ")"
}

/// `str(tensor)`: `tf.Tensor([1 2], shape=(2,), dtype=int32)`, with a line break after
/// `tf.Tensor(` when the array text spans lines. Built with as few appends as it can: it runs
/// for every `print(tensor)`, mostly of scalars.
func tensorStr(_ tensor: Tensor) -> String {
    let values = tensor.numpyStr()
    var text = values.utf8.contains(UInt8(ascii: "\n")) ? "tf.Tensor(\n" : "tf.Tensor("
    text.reserveCapacity(values.utf8.count + 40)
    text += values
    if tensor.shape.isEmpty {
        text += scalarStrSuffix(tensor.dtype)
        return text
    }
    text += ", shape="
    appendShapeTuple(tensor.shape, to: &text)
    text += ", dtype="
    text += tensor.dtype.rawValue
    text += ")"
    return text
}

/// What follows a 0-d tensor's value in `str(tensor)`, as one literal.
private func scalarStrSuffix(_ dtype: DType) -> String {
    switch dtype {
    case .bool: return ", shape=(), dtype=bool)"
    case .int32: return ", shape=(), dtype=int32)"
    case .int64: return ", shape=(), dtype=int64)"
    case .float32: return ", shape=(), dtype=float32)"
    case .float64: return ", shape=(), dtype=float64)"
    }
}

/// The `numpy=` part of TensorFlow's reprs: numpy's repr of the array, on a line of its own when
/// it spans lines; for a scalar, the Python repr of its element (so float32 `0.1` shows as
/// `0.10000000149011612`).
func numpyField(_ tensor: Tensor) -> String {
    if tensor.isScalar { return pythonRepr(scalarValue(tensor)) }
    let text = tensor.numpyRepr()
    return text.utf8.contains(UInt8(ascii: "\n")) ? "\n" + text : text
}

/// `repr(tensor)`: `<tf.Tensor: shape=(), dtype=float32, numpy=108.0>`.
func tensorRepr(_ tensor: Tensor) -> String {
    "<tf.Tensor: shape=" + shapeTuple(tensor.shape) + ", dtype=" + tensor.dtype.rawValue + ", numpy=" + numpyField(tensor) + ">"
}

/// `repr(variable)`: `<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=1.0>`.
func variableRepr(_ object: PyVariable) -> String {
    let value = object.variable.value.value
    return "<tf.Variable '\(object.displayName)' shape=" + shapeTuple(value.shape) + " dtype=" + value.dtype.rawValue
        + ", numpy=" + numpyField(value) + ">"
}
