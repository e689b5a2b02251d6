// Cases and the texts TensorFlow 2.21 prints for them (its internal prefixes stripped, as the
// conformance rules do). Each runs as one cell in a fresh session.

/// str, repr and numpy texts.
let printingCases: [(code: String, expected: String)] = [
    ("print(tf.constant([[1.5, 2.], [3., 4.]]))", "tf.Tensor(\n[[1.5 2. ]\n [3.  4. ]], shape=(2, 2), dtype=float32)\n"),
    // A 0-d tensor's str ends in one literal per dtype.
    ("print(tf.constant(True), tf.constant(3), tf.constant(3, dtype=tf.int64), tf.constant(2.5, dtype=tf.float64))", "tf.Tensor(True, shape=(), dtype=bool) tf.Tensor(3, shape=(), dtype=int32) tf.Tensor(3, shape=(), dtype=int64) tf.Tensor(2.5, shape=(), dtype=float64)\n"),
    ("print(tf.constant([7]))", "tf.Tensor([7], shape=(1,), dtype=int32)\n"),
    ("print(tf.constant(0.1)); tf.constant(0.1)", "tf.Tensor(0.1, shape=(), dtype=float32)\n<tf.Tensor: shape=(), dtype=float32, numpy=0.10000000149011612>\n"),
    ("print(repr(tf.constant([0.1, 0.25])))", "<tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.1 , 0.25], dtype=float32)>\n"),
    ("str(tf.constant([True, False]))", "'tf.Tensor([ True False], shape=(2,), dtype=bool)'\n"),
    ("print(tf.constant([[1, 2], [3, 4]], dtype=tf.int64))", "tf.Tensor(\n[[1 2]\n [3 4]], shape=(2, 2), dtype=int64)\n"),
    ("tf.constant(1e-5)", "<tf.Tensor: shape=(), dtype=float32, numpy=9.999999747378752e-06>\n"),
    ("tf.constant([1e-5, 1.])", "<tf.Tensor: shape=(2,), dtype=float32, numpy=array([1.e-05, 1.e+00], dtype=float32)>\n"),
    // TensorFlow caches converted Python scalars per process (0.0 == -0.0); a fresh process keeps the sign.
    ("tf.constant(-0.0)", "<tf.Tensor: shape=(), dtype=float32, numpy=-0.0>\n"),
    ("print(tf.float32, repr(tf.float64), tf.int32.name)", "<dtype: 'float32'> tf.float64 int32\n"),
    ("print(tf.TensorShape([2, 3]), repr(tf.TensorShape([])))", "(2, 3) TensorShape([])\n"),
    ("tf.TensorShape([2, 3]).as_list()", "[2, 3]\n"),
    ("tf.constant([1.5]).numpy()", "array([1.5], dtype=float32)\n"),
    ("tf.constant(2.5).numpy()", "np.float32(2.5)\n"),
    ("print(tf.constant([1, 2]).numpy(), tf.constant(True).numpy())", "[1 2] True\n"),
    ("tf.constant([[1, 2]]).numpy().tolist()", "[[1, 2]]\n"),
    ("tf.constant([1.5, 2.]).numpy().dtype", "dtype('float32')\n"),
    ("str(tf.constant([1.5, 2.]).numpy().dtype)", "'float32'\n"),
    ("tf.constant([1, 2]).numpy().shape", "(2,)\n"),
    ("np.float32(2.5)", "np.float32(2.5)\n"),
    ("np.array([1, 2])", "array([1, 2])\n"),
    ("np.array([1., 2.]) * 2", "array([2., 4.])\n"),
    ("float(np.float32(2.5)) + 1", "3.5\n"),
    ("isinstance(tf.constant([1.]).numpy(), np.ndarray)", "True\n"),
    ("tf.Variable([[1., 2.], [3., 4.]])", "<tf.Variable 'Variable:0' shape=(2, 2) dtype=float32, numpy=\narray([[1., 2.],\n       [3., 4.]], dtype=float32)>\n"),
    ("print(tf.Variable(1.))", "<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=1.0>\n"),
    ("tf.constant([1, 2]).ref()", "<Reference wrapping <tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 2], dtype=int32)>>\n"),
    ("tf.UnconnectedGradients.ZERO", "<UnconnectedGradients.ZERO: 'zero'>\n"),
]
