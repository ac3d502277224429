# Custom training loops: tf.GradientTape records layer calls, tf.* ops and Python operators.
import tensorflow as tf
import numpy as np
w = tf.Variable([[1.0], [2.0]], name='w')
b = tf.Variable(0.5)
x = np.array([[1.0, 2.0], [3.0, 4.0]])
with tf.GradientTape() as tape:
    y = tf.matmul(x, w) + b
    loss = tf.reduce_mean(y ** 2)
print(loss)
dw, db = tape.gradient(loss, [w, b])
print(dw.tolist(), float(db))
print(w)
print(type(loss).__name__, isinstance(loss, tf.Tensor), loss.shape, f"{loss:.2f}", float(loss))
# expect: tf.Tensor(81.25, shape=(), dtype=float32)
# expect: [[40.0], [57.0]] 17.0
# expect: <tf.Variable 'w:0' shape=(2, 1) dtype=float32, numpy=
# expect: array([[1.],
# expect:        [2.]], dtype=float32)>
# expect: EagerTensor True () 81.25 81.25

# %%
tape.gradient(loss, w)
# expect error: RuntimeError: A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)

# %%
with tf.GradientTape(persistent=True) as tape:
    y = tf.reduce_sum(tf.square(w) * 3.0)
    z = tf.reduce_sum(tf.exp(-w) - w / 2)
print(tape.gradient(y, w).tolist(), [round(v[0], 4) for v in tape.gradient(z, w).tolist()])
print(tape.persistent)
# expect: [[6.0], [12.0]] [-0.8679, -0.6353]
# expect: True

# %%
x0 = tf.constant([[1.0, -2.0, 3.0]])
with tf.GradientTape() as tape:
    tape.watch(x0)
    s = tf.reduce_sum(tf.nn.relu(x0) * tf.sigmoid(x0))
g = tape.gradient(s, x0)
print([round(v, 4) for v in g[0].tolist()])
# expect: [0.9277, 0.0, 1.0881]

# %%
v = tf.Variable(3.0)
with tf.GradientTape() as tape:
    c = tf.constant(2.0) * 5.0
print(tape.gradient(c, v))
with tf.GradientTape(watch_accessed_variables=False) as tape:
    u = v * v
print(tape.gradient(u, v))
with tf.GradientTape() as tape:
    u = v * v
    with tape.stop_recording():
        k = v * 10.0
    t = u + k
print(float(tape.gradient(t, v)))
# expect: None
# expect: None
# expect: 6.0

# %%
with tf.GradientTape() as tape:
    u = v * v
tape.gradient(u, [v, tf.Variable(1.0)])
# expect value: [array(6., dtype=float32), None]

# %%
with tf.GradientTape() as tape:
    u = v * v
tape.gradient(u, [v, tf.Variable(1.0)], unconnected_gradients='zero')
# expect value: [array(6., dtype=float32), array(0., dtype=float32)]

# %%
v.assign_add(1.0)
v.assign(v * 2)
print(v.numpy(), v.trainable, v.name, v.shape)
v.assign([1.0, 2.0])
# expect: 8.0 True Variable:0 ()
# expect error: ValueError: The shape of the target variable and the shape of the target value in `variable.assign(value)` must match. variable.shape=(), Received: value.shape=(2,). Target variable: <Variable name=Variable>

# %%
tape.gradient(u, {'v': v})
# expect error: NotImplementedError: tape.gradient with a dict of sources is not supported by this kernel; pass a list

# %%
with tf.GradientTape() as tape:
    pass
tape.watch("text")
# expect error: ValueError: Passed in object 'text' of type 'str', not tf.Tensor or tf.Variable or ExtensionType.

# %%
# A Keras model in a custom loop: 'hell' -> 'ello' with sparse cross-entropy from logits and Adam.
tf.keras.utils.set_random_seed(3)
vocab = sorted(set("hello"))
ids = {c: i for i, c in enumerate(vocab)}
x = tf.one_hot([[ids[c] for c in "hell"]], len(vocab))
y = np.array([[ids[c] for c in "ello"]])
model = tf.keras.Sequential([tf.keras.Input(shape=(4, len(vocab))), tf.keras.layers.SimpleRNN(8, return_sequences=True), tf.keras.layers.Dense(len(vocab))])
optimizer = tf.keras.optimizers.Adam(learning_rate=0.05)
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
for step in range(150):
    with tf.GradientTape() as tape:
        logits = model(x, training=True)
        loss = loss_fn(y, logits)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
print(len(grads), [g.shape for g in grads], optimizer.iterations)
print(float(loss) < 0.05, "".join(vocab[i] for i in np.argmax(model(x)[0], axis=-1)))
# expect: 5 [(4, 8), (8, 8), (8,), (8, 4), (4,)] 150
# expect: True ello

# %%
# Functions of keras.losses give per-sample values to reduce yourself; tf.nn gives the same from logits.
with tf.GradientTape() as tape:
    logits = model(x)
    per_step = tf.keras.losses.sparse_categorical_crossentropy(y, logits, from_logits=True)
    loss2 = tf.reduce_mean(per_step)
    loss3 = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
print(per_step.shape, abs(float(loss2) - float(loss3)) < 1e-6, abs(float(loss2) - float(loss)) < 0.05)
grads = tape.gradient(loss2, model.trainable_variables)
print(sum(1 for g in grads if g is not None))
# expect: (1, 4) True True
# expect: 5

# %%
# NumPy functions read the values of tape tensors (no gradient flows through them).
with tf.GradientTape() as tape:
    h = model.layers[0](x)
    last = h[:, -1, :]
print(h.shape, last.shape, np.argmax(last.numpy(), axis=-1).shape, type(np.tanh(h)).__name__)
# expect: (1, 4, 8) (1, 8) (1,) ndarray
