import Autodiff
import Tensors

/// Python's tuple text for a shape: `()`, `(3,)`, `(2, 2)`.
func shapeTuple(_ shape: [Int]) -> String {
    if shape.count == 1 { return "(\(shape[0]),)" }
    return "(" + shape.map(String.init).joined(separator: ", ") + ")"
}

/// `str(tensor)`: `tf.Tensor([1 2], shape=(2,), dtype=int32)`, with a line break after
/// `tf.Tensor(` when the array text spans lines.
func tensorStr(_ tensor: Tensor) -> String {
    let text = tensor.numpyStr()
    let open = text.utf8.contains(UInt8(ascii: "\n")) ? "tf.Tensor(\n" : "tf.Tensor("
    return open + text + ", shape=" + shapeTuple(tensor.shape) + ", dtype=" + tensor.dtype.rawValue + ")"
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
