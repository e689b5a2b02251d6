// Cases and the texts TensorFlow 2.21 prints for them (its internal prefixes stripped, as the
// conformance rules do). Each runs as one cell in a fresh session.

/// tf.Variable reads, assignment and its errors.
let variableCases: [(code: String, expected: String)] = [
    ("v = tf.Variable(1.)\nv.assign(3.)", "<tf.Variable 'UnreadVariable' shape=() dtype=float32, numpy=3.0>\n"),
    ("v = tf.Variable(1.)\nv.assign_add(2.)\nv", "<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=3.0>\n"),
    ("v = tf.Variable(1.)\nv.assign_sub(0.5, read_value=False)", ""),
    ("v = tf.Variable([1., 2.])\nv.assign([3., 4.])\nv.numpy()", "array([3., 4.], dtype=float32)\n"),
    ("v = tf.Variable(1.)\nv.read_value()", "<tf.Tensor: shape=(), dtype=float32, numpy=1.0>\n"),
    ("v = tf.Variable(1., name='a')\nv.name, v.trainable, v.shape, v.dtype", "('a:0', True, TensorShape([]), tf.float32)\n"),
    ("v = tf.Variable(1., trainable=False)\nv.trainable", "False\n"),
    ("v = tf.Variable(1.)\nv.assign(tf.constant(2., dtype=tf.float64))", "!! ValueError: Tensor conversion requested dtype float32 for Tensor with dtype float64: <tf.Tensor: shape=(), dtype=float64, numpy=2.0>"),
    ("v = tf.Variable([1., 2.])\nv.assign([1., 2., 3.])", "!! ValueError: Cannot assign value to variable ' Variable:0': Shape mismatch.The variable shape (2,), and the assigned value shape (3,) are incompatible."),
    ("v = tf.Variable(1)\nv.assign(1.5)", "!! TypeError: Cannot convert 1.5 to EagerTensor of dtype int32"),
    ("v = tf.Variable(2.)\nv * 3 + v", "<tf.Tensor: shape=(), dtype=float32, numpy=8.0>\n"),
    ("v = tf.Variable([1., 2.])\nv[0]", "<tf.Tensor: shape=(), dtype=float32, numpy=1.0>\n"),
    ("v = tf.Variable(1.)\nhash(v)", "!! TypeError: Variable is unhashable. Instead, use variable.ref() as the key. (Variable: <tf.Variable 'Variable:0' shape=() dtype=float32, numpy=1.0>)"),
    ("v = tf.Variable(1.)\nlen(v)", "!! TypeError: object of type 'ResourceVariable' has no len()"),
    ("v = tf.Variable([1, 2])\n[x for x in v]", "[<tf.Tensor: shape=(), dtype=int32, numpy=1>, <tf.Tensor: shape=(), dtype=int32, numpy=2>]\n"),
    ("v = tf.Variable(3.)\nfloat(v), int(v), bool(v)", "(3.0, 3, True)\n"),
    ("v = tf.Variable(3.)\nf'{v:.1f}'", "!! TypeError: unsupported format string passed to ResourceVariable.__format__"),
]
