// Cases and the texts TensorFlow 2.21 prints for them (its internal prefixes stripped, as the
// conformance rules do). Each runs as one cell in a fresh session.

/// GradientTape: source structures, recording scope, nested tapes, jacobians.
let tapeCases: [(code: String, expected: String)] = [
    ("x = tf.constant(3.)\nwith tf.GradientTape() as t:\n    t.watch(x)\n    y = x * x\nt.gradient(y, x)", "<tf.Tensor: shape=(), dtype=float32, numpy=6.0>\n"),
    // `gradient(y, x)` with lone tensors takes a shorter path than structures and keywords; all agree.
    ("x = tf.constant(3.)\nwith tf.GradientTape(persistent=True) as t:\n    t.watch(x)\n    y = x * x\nprint(t.gradient(y, x), t.gradient(y, [x]), t.gradient(y, x, output_gradients=tf.constant(2.)))\nprint(t.gradient(y, tf.constant(1.)))", "tf.Tensor(6.0, shape=(), dtype=float32) [<tf.Tensor: shape=(), dtype=float32, numpy=6.0>] tf.Tensor(12.0, shape=(), dtype=float32)\nNone\n"),
    ("print(tf.constant(1e300, dtype=tf.float64), tf.Variable(float('inf')))", "tf.Tensor(1e+300, shape=(), dtype=float64) <tf.Variable 'Variable:0' shape=() dtype=float32, numpy=inf>\n"),
    ("x = tf.Variable(3.)\nwith tf.GradientTape() as t:\n    y = x * x\nt.gradient(y, [x])", "[<tf.Tensor: shape=(), dtype=float32, numpy=6.0>]\n"),
    ("x = tf.Variable(3.)\nwith tf.GradientTape() as t:\n    y = x * x\nt.gradient(y, (x,))", "(<tf.Tensor: shape=(), dtype=float32, numpy=6.0>,)\n"),
    ("x = tf.Variable(3.)\nb = tf.Variable(1.)\nwith tf.GradientTape() as t:\n    y = x * x + b\ng = t.gradient(y, {'x': x, 'b': b})\nsorted(g.keys()), g['x']", "(['b', 'x'], <tf.Tensor: shape=(), dtype=float32, numpy=6.0>)\n"),
    ("x = tf.Variable(3.)\nwith tf.GradientTape() as t:\n    y1 = x * x\n    y2 = 2 * x\nt.gradient([y1, y2], x)", "<tf.Tensor: shape=(), dtype=float32, numpy=8.0>\n"),
    ("x = tf.Variable(3.)\nwith tf.GradientTape(persistent=True) as t:\n    y = x * x\nt.gradient(y, x), t.gradient(y, x)", "(<tf.Tensor: shape=(), dtype=float32, numpy=6.0>, <tf.Tensor: shape=(), dtype=float32, numpy=6.0>)\n"),
    ("x = tf.Variable(3.)\nwith tf.GradientTape() as t:\n    y = x * x\nt.gradient(y, x)\nt.gradient(y, x)", "!! RuntimeError: GradientTape.gradient can only be called once on non-persistent tapes."),
    ("x = tf.Variable(3.)\nz = tf.Variable(1.)\nwith tf.GradientTape() as t:\n    y = x * x\nt.gradient(y, [x, z])", "[<tf.Tensor: shape=(), dtype=float32, numpy=6.0>, None]\n"),
    ("x = tf.Variable(3.)\nz = tf.Variable(1.)\nwith tf.GradientTape() as t:\n    y = x * x\nt.gradient(y, [x, z], unconnected_gradients=tf.UnconnectedGradients.ZERO)", "[<tf.Tensor: shape=(), dtype=float32, numpy=6.0>, <tf.Tensor: shape=(), dtype=float32, numpy=0.0>]\n"),
    ("x = tf.Variable(3.)\nwith tf.GradientTape() as t:\n    y = x * x\nt.gradient(y, x, output_gradients=tf.constant(2.))", "<tf.Tensor: shape=(), dtype=float32, numpy=12.0>\n"),
    ("x = tf.Variable(3.)\nwith tf.GradientTape() as t:\n    with t.stop_recording():\n        y = x * x\nt.gradient(y, x)", ""),
    ("x = tf.Variable(3.)\nwith tf.GradientTape(watch_accessed_variables=False) as t:\n    y = x * x\nt.gradient(y, x)", ""),
    ("x = tf.Variable(3.)\ny = tf.Variable(2.)\nwith tf.GradientTape() as t:\n    z = y * x\nt.watched_variables()", "(<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=3.0>, <tf.Variable 'Variable:0' shape=() dtype=float32, numpy=2.0>)\n"),
    ("x = tf.Variable(3.)\nwith tf.GradientTape() as t:\n    y = x * x\n    t.reset()\n    y = x * x * x\nt.gradient(y, x)", "<tf.Tensor: shape=(), dtype=float32, numpy=27.0>\n"),
    ("x = tf.constant([1., 2.])\nwith tf.GradientTape() as t:\n    t.watch(x)\n    y = x * x\nt.jacobian(y, x)", "<tf.Tensor: shape=(2, 2), dtype=float32, numpy=\narray([[2., 0.],\n       [0., 4.]], dtype=float32)>\n"),
    ("x = tf.Variable(2.)\nwith tf.GradientTape() as t2:\n    with tf.GradientTape() as t1:\n        y = x ** 3\n    dy = t1.gradient(y, x)\nt2.gradient(dy, x)", "<tf.Tensor: shape=(), dtype=float32, numpy=12.0>\n"),
    ("x = tf.constant([1., 2.])\ny = tf.constant([3., 4.])\nwith tf.GradientTape() as t:\n    t.watch([x, y])\n    z = tf.reduce_sum(x * y)\nt.gradient(z, [x, y])", "[<tf.Tensor: shape=(2,), dtype=float32, numpy=array([3., 4.], dtype=float32)>, <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>]\n"),
    ("x = tf.Variable([[1., 2.], [3., 4.]])\nwith tf.GradientTape() as t:\n    y = tf.reduce_mean(tf.matmul(x, x))\nt.gradient(y, x)", "<tf.Tensor: shape=(2, 2), dtype=float32, numpy=\narray([[1.75, 2.75],\n       [2.25, 3.25]], dtype=float32)>\n"),
    ("x = tf.Variable(3.)\nwith tf.GradientTape() as t:\n    y = tf.cast(x, tf.int32)\nt.gradient(y, x)", ""),
]

/// Gradients whose last bits depend on how a rule is composed: compared with the numeric rule
/// (relative 1e-5), as the conformance notebooks of the same kind are.
let numericTapeCases: [(code: String, expected: String)] = [
    ("x = tf.constant([-1., 0., 2.])\nwith tf.GradientTape() as t:\n    t.watch(x)\n    y = tf.reduce_sum(tf.nn.softmax(x) * tf.constant([1., 2., 3.]))\nt.gradient(y, x)", "<tf.Tensor: shape=(3,), dtype=float32, numpy=array([-0.07569309, -0.09155994,  0.16725318], dtype=float32)>\n"),
]
