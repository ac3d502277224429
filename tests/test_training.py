"""Training through a real Jupyter client: the course's 'hello' character model learns and samples
"hello" back; fit's Keras progress bar arrives as display_data then update_display_data with one
display_id per bar (throttled as Keras' Progbar, 0.05 s) and a notebook run by nbclient keeps the
final lines; interrupting fit keeps the trained weights and the partial History; a NaN loss stops
with Keras' message; the loss curve plots; a GradientTape loop trains too.
"""

from __future__ import annotations

import os
import re
import sys
import time

import nbformat
import pytest
from nbclient import NotebookClient

sys.path.insert(0, os.path.dirname(__file__))

import kernel_support as ks  # noqa: E402

pytestmark = pytest.mark.swift_rnn_only

BAR = re.compile(r"^\s*(\d+)/(\d+) ━{20} (\d+s|\d+:\d\d(:\d\d)?) \d+(s|ms|us)/step( - [a-z_]+: ([0-9.e+-]+|nan|inf))*$")

HELLO_MODEL = """
import tensorflow as tf
import numpy as np
tf.keras.utils.set_random_seed(1)
vocab = ['h', 'e', 'l', 'o']
char_to_ix = {c: i for i, c in enumerate(vocab)}
text = 'hello'
x = tf.keras.utils.to_categorical([[char_to_ix[c] for c in text[:-1]]], num_classes=4)
y = tf.keras.utils.to_categorical([[char_to_ix[c] for c in text[1:]]], num_classes=4)
model = tf.keras.Sequential([
    tf.keras.Input(shape=(None, 4)),
    tf.keras.layers.SimpleRNN(16, return_sequences=True),
    tf.keras.layers.Dense(4, activation='softmax'),
])
model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=0.01), loss='categorical_crossentropy', metrics=['accuracy'])
"""

SAMPLE = """
generated = 'h'
for _ in range(4):
    probs = model.predict(tf.one_hot([[char_to_ix[c] for c in generated]], 4), verbose=0)[0, -1]
    generated += vocab[int(np.argmax(probs))]
print(generated)
"""


def displays(ex: ks.Execution) -> list[tuple[str, str, str]]:
    """(msg_type, display_id, text/plain) of every display message, in order."""
    out = []
    for m in ex.outputs("display_data", "update_display_data"):
        content = m["content"]
        out.append((m["msg_type"], content.get("transient", {}).get("display_id"), content["data"]["text/plain"]))
    return out


def test_hello_model_trains_with_live_progress_and_samples_hello(kc):
    ks.execute_ok(kc, HELLO_MODEL)
    ex = ks.execute_ok(kc, "history = model.fit(x, y, epochs=300)", timeout=120)
    shown = displays(ex)
    # One bar per epoch: each starts as display_data and is finished by an update with its id.
    starts = [d for d in shown if d[0] == "display_data"]
    assert len(starts) == 300, ex.msg_types()[:10]
    assert len({d[1] for d in starts}) == 300
    finals: dict[str, str] = {}
    for kind, display_id, text in shown:
        assert display_id, "progress displays carry a display_id"
        assert BAR.match(text), text
        finals[display_id] = text
    assert all(text.startswith("1/1 ") for text in finals.values())
    headers = [line for line in ex.stream().splitlines() if line.startswith("Epoch ")]
    assert headers[0] == "Epoch 1/300" and headers[-1] == "Epoch 300/300" and len(headers) == 300
    last = finals[starts[-1][1]]
    assert " - accuracy: 1.0000 - loss: " in last, last
    loss = float(ks.execute_ok(kc, "history.history['loss'][-1]").result_text())
    assert loss < 0.05
    assert ks.execute_ok(kc, SAMPLE).stream().strip() == "hello"


def test_progress_updates_in_place_throttled(kc):
    ks.execute_ok(kc, HELLO_MODEL + "\nxs = np.zeros((4000, 4, 4)) + x\nys = np.zeros((4000, 4, 4)) + y")
    ex = ks.execute_ok(kc, "h = model.fit(xs, ys, batch_size=4, epochs=1)", timeout=120)
    shown = displays(ex)
    assert shown[0][0] == "display_data"
    assert all(kind == "update_display_data" for kind, _, _ in shown[1:])
    assert len({display_id for _, display_id, _ in shown}) == 1
    counts = [int(BAR.match(text).group(1)) for _, _, text in shown]
    assert counts == sorted(counts) and counts[-1] == 1000
    assert all(BAR.match(text).group(2) == "1000" for _, _, text in shown)
    # Keras redraws at most every 0.05 s: far fewer updates than batches, but more than one.
    assert 2 <= len(shown) <= ex.elapsed / 0.05 + 3, (len(shown), ex.elapsed)
    assert "Epoch" not in ex.stream()  # one epoch: Keras prints no header


def test_verbose_2_prints_one_line_per_epoch_and_0_is_silent(kc):
    ks.execute_ok(kc, HELLO_MODEL)
    ex = ks.execute_ok(kc, "h = model.fit(x, y, epochs=3, verbose=2)")
    assert not ex.outputs("display_data", "update_display_data")
    lines = ex.stream().splitlines()
    assert lines[0::2] == ["Epoch 1/3", "Epoch 2/3", "Epoch 3/3"]
    assert all(re.match(r"^1/1 - \d+s - \d+(s|ms|us)/step - accuracy: [0-9.]+ - loss: [0-9.e+-]+$", l) for l in lines[1::2]), lines
    quiet = ks.execute_ok(kc, "h = model.fit(x, y, epochs=3, verbose=0)")
    assert quiet.outputs() == []
    ev = ks.execute_ok(kc, "model.evaluate(x, y)")
    (kind, _, text), = [d for d in displays(ev) if d[0] == "display_data"]
    assert BAR.match(text) and " - accuracy: " in text
    assert ev.result_text().startswith("[")


def test_interrupt_during_fit_keeps_weights_and_partial_history(km, kc):
    ks.execute_ok(kc, HELLO_MODEL + "\nw0 = model.layers[0].get_weights()[0].copy()")
    msg_id = kc.execute("never_bound = model.fit(x, y, epochs=1000000, verbose=0)", allow_stdin=False)
    ks.wait_for_execute_input(kc, msg_id)
    time.sleep(1.5)
    start = time.perf_counter()
    km.interrupt_kernel()
    reply = ks.wait_reply(kc.shell_channel, msg_id, timeout=10)
    ks.collect_iopub(kc, msg_id, timeout=10)
    elapsed = time.perf_counter() - start
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "KeyboardInterrupt"
    assert elapsed < 1.0, elapsed
    # `never_bound = ...` never ran, but model.history holds every finished epoch and the weights moved.
    ex = ks.execute_ok(kc, "print(len(model.history.history['loss']), model.history.epoch[-1] + 1, np.abs(model.layers[0].get_weights()[0] - w0).max() > 0)")
    finished, last_epoch, moved = ex.stream().split()
    assert int(finished) > 10 and int(finished) == int(last_epoch)
    assert moved == "True"
    assert ks.execute_ok(kc, "'never_bound' in dir()").result_text() == "False"
    # Training goes on from the trained weights.
    ex = ks.execute_ok(kc, "h = model.fit(x, y, epochs=300, verbose=0)\n" + SAMPLE, timeout=120)
    assert ex.stream().strip() == "hello"


def test_interrupt_with_progress_bar_leaves_the_bar(km, kc):
    ks.execute_ok(kc, HELLO_MODEL + "\nxs = np.zeros((100000, 4, 4)) + x\nys = np.zeros((100000, 4, 4)) + y")
    msg_id = kc.execute("model.fit(xs, ys, batch_size=2, epochs=5)", allow_stdin=False)
    ks.wait_for_execute_input(kc, msg_id)
    time.sleep(1.0)
    km.interrupt_kernel()
    reply = ks.wait_reply(kc.shell_channel, msg_id, timeout=10)
    msgs = ks.collect_iopub(kc, msg_id, timeout=10)
    assert reply["content"]["ename"] == "KeyboardInterrupt"
    ex = ks.Execution(msg_id, "", reply, msgs)
    shown = displays(ex)
    assert shown and shown[0][0] == "display_data"
    current, total = BAR.match(shown[-1][2]).group(1, 2)
    assert 0 < int(current) < int(total) == 50000
    assert ex.outputs("error")[0]["content"]["ename"] == "KeyboardInterrupt"


def test_nan_loss_stops_with_keras_message(kc):
    ex = ks.execute_ok(kc, """
import numpy as np
import tensorflow as tf
reg = tf.keras.Sequential([tf.keras.Input(shape=(3,)), tf.keras.layers.Dense(1)])
reg.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=1e30), loss='mse')
h = reg.fit(np.ones((64, 3)) * 100, np.ones((64, 1)), batch_size=8, epochs=5, verbose=0, shuffle=False)
print(h.epoch)
""")
    lines = ex.stream().splitlines()
    assert re.match(r"^Batch \d: Invalid loss, terminating training$", lines[0]), lines
    assert lines[1] == "[0]"


def test_history_plot_and_custom_loop(kc):
    ks.execute_ok(kc, HELLO_MODEL + "\nhistory = model.fit(x, y, epochs=20, verbose=0)")
    ex = ks.execute_ok(kc, """
import matplotlib.pyplot as plt
plt.plot(history.history['loss'], label='loss')
plt.plot(history.history['accuracy'], label='accuracy')
plt.xlabel('epoch')
plt.legend()
plt.show()
""")
    (fig,) = ex.outputs("display_data")
    svg = fig["content"]["data"]["image/svg+xml"]
    assert "<svg" in svg and "epoch" in svg and "accuracy" in svg
    ex = ks.execute_ok(kc, """
opt = tf.keras.optimizers.Adam(0.05)
loss_fn = tf.keras.losses.CategoricalCrossentropy()
for step in range(100):
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(x, training=True))
    grads = tape.gradient(loss, model.trainable_variables)
    opt.apply_gradients(zip(grads, model.trainable_variables))
print(float(loss) < 0.05, opt.iterations)
""", timeout=60)
    assert ex.stream().split() == ["True", "100"]


def test_saved_notebook_keeps_the_final_progress_lines(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": ks.KERNEL_NAME, "display_name": "Swift RNN", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(HELLO_MODEL),
                nbformat.v4.new_code_cell("history = model.fit(x, y, epochs=3)"),
                nbformat.v4.new_code_cell("xs = np.zeros((2000, 4, 4)) + x\nys = np.zeros((2000, 4, 4)) + y\nh = model.fit(xs, ys, batch_size=8)")]
    NotebookClient(nb, kernel_name=ks.KERNEL_NAME, timeout=120).execute()
    path = tmp_path / "trained.ipynb"
    nbformat.write(nb, str(path))
    saved = nbformat.read(str(path), as_version=4)
    outputs = saved.cells[1].outputs
    kinds = [o.output_type for o in outputs]
    assert kinds == ["stream", "display_data"] * 3, kinds
    assert [o.text.strip() for o in outputs if o.output_type == "stream"] == ["Epoch 1/3", "Epoch 2/3", "Epoch 3/3"]
    for o in outputs[1::2]:
        text = o.data["text/plain"]
        assert BAR.match(text) and text.startswith("1/1 ") and " - loss: " in text, text
    (bar,) = saved.cells[2].outputs
    assert bar.output_type == "display_data"
    # nbclient applied every update_display_data: the saved line is the finished bar.
    assert bar.data["text/plain"].startswith("250/250 ━━━━━━━━━━━━━━━━━━━━ "), bar.data["text/plain"]
