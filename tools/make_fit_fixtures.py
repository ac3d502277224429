#!/usr/bin/env python3
"""Writes Tests/RNNRuntimeTests/FitFixtures: Keras 3 references for compile/fit/evaluate/predict
and for the progress bar's text.

Run with the fixtures venv (see tools/README.md):
    /work/.venv-fixtures/bin/python tools/make_fit_fixtures.py

Output (small, committed; CI never needs Keras):
  <case>.npz     x, y, [val_x, val_y], weight_<i> (initial, get_weights order), final_<i> (after fit),
                 predict (model.predict(x) after fit)
  manifest.json  per case: the layers (KerasSpec form, as Fixtures/manifest.json), compile
                 arguments, fit arguments, history (Keras' dict in its key order), evaluate's
                 list; plus `progbar`: update sequences replayed through keras.utils.Progbar with
                 a patched clock and the exact text it printed for each update.
Every fit uses shuffle=False, so the batches are deterministic.
"""
import io
import json
import os
import zipfile
from pathlib import Path

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras.src.utils import io_utils, progbar as progbar_module  # noqa: E402

SEED = 20240612
OUT = Path(__file__).resolve().parent.parent / "Tests" / "RNNRuntimeTests" / "FitFixtures"
rng = np.random.default_rng(SEED)


def f32(a):
    return np.asarray(a, dtype=np.float32)


def write_npz(path, arrays):
    """Stored .npz with sorted members and fixed timestamps (see make_training_fixtures.py)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as z:
        for k in sorted(arrays):
            b = io.BytesIO()
            np.lib.format.write_array(b, np.asarray(arrays[k], order="C"), allow_pickle=False)
            info = zipfile.ZipInfo(f"{k}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            z.writestr(info, b.getvalue())
    loaded = np.load(path)
    assert sorted(loaded.files) == sorted(arrays), path


def build(spec):
    """A Keras layer from a {"class", "kwargs"} spec (nested layer specs allowed)."""
    kw = dict(spec.get("kwargs", {}))
    if "layer" in kw:
        kw["layer"] = build(kw["layer"])
    return getattr(keras.layers, spec["class"])(**kw)


def optimizer(spec):
    return getattr(keras.optimizers, spec["class"])(**spec.get("kwargs", {}))


class MaskedAccuracy(keras.callbacks.Callback):
    """The epoch's training accuracy with the output mask applied, recomputed batch by batch from
    the weights each train step starts from (shuffle=False, no dropout: the step's own y_pred).
    Keras' JAX trainer loses `_keras_mask` on the y_pred that comes out of jax.value_and_grad, so
    its logged training accuracy counts padded steps; the TensorFlow and torch trainers (and
    Keras' evaluate on every backend) apply the mask, as the runtime does."""

    def __init__(self, x, y, batch_size):
        super().__init__()
        self.x, self.y, self.batch_size = x, y, batch_size
        self.per_epoch, self.masked = [], False

    def on_epoch_begin(self, epoch, logs=None):
        self.hits = self.weight = 0.0

    def on_train_batch_begin(self, batch, logs=None):
        s = slice(batch * self.batch_size, (batch + 1) * self.batch_size)
        xb, yb = self.x[s], self.y[s]
        pred = self.model(xb, training=False)
        mask = getattr(pred, "_keras_mask", None)
        if mask is None:
            for layer in self.model.layers:
                if isinstance(layer, keras.layers.Embedding) and layer.mask_zero:
                    mask = xb != 0
        pred = np.asarray(pred)
        if mask is None or pred.shape[-1] == 1:
            return
        self.masked = True
        m = np.asarray(mask, dtype=np.float64)
        hits = (np.argmax(pred, -1) == yb).astype(np.float64)
        self.hits += float((hits * m).sum())
        self.weight += float(m.sum())

    def on_epoch_end(self, epoch, logs=None):
        if self.masked:
            self.per_epoch.append(float(np.float32(self.hits / self.weight)))


def fit_case(name, layers, input_shape, input_dtype, x, y, compile_args, fit_args, val=None):
    keras.utils.set_random_seed(1)
    model = keras.Sequential([keras.Input(shape=input_shape, dtype=input_dtype)] + [build(s) for s in layers])
    weights = [f32(rng.uniform(-0.5, 0.5, size=w.shape)) for w in model.get_weights()]
    model.set_weights(weights)
    model.compile(optimizer=optimizer(compile_args["optimizer"]), loss=compile_args["loss"],
                  metrics=compile_args.get("metrics", []))
    kwargs = dict(fit_args)
    if val is not None:
        kwargs["validation_data"] = val
    recorder = MaskedAccuracy(x, y, fit_args.get("batch_size", 32))
    history = model.fit(x, y, shuffle=False, verbose=0, callbacks=[recorder], **kwargs)
    evaluate = model.evaluate(x, y, batch_size=fit_args.get("batch_size", 32), verbose=0)
    arrays = {"x": x, "y": y, "predict": model.predict(x, verbose=0)}
    if val is not None:
        arrays["val_x"], arrays["val_y"] = val
    for i, w in enumerate(weights):
        arrays[f"weight_{i}"] = w
    for i, w in enumerate(model.get_weights()):
        arrays[f"final_{i}"] = w
    write_npz(OUT / f"{name}.npz", arrays)
    return {
        "name": name, "file": f"{name}.npz", "layers": layers,
        "input": {"shape": list(x.shape), "dtype": str(x.dtype)},
        "compile": compile_args, "fit": fit_args, "validation_data": val is not None,
        "history": {k: [float(v) for v in vs] for k, vs in history.history.items()},
        "history_keys": list(history.history.keys()),
        "evaluate": [float(v) for v in np.atleast_1d(evaluate)],
        "training_accuracy_with_mask": recorder.per_epoch if recorder.masked else None,
    }


def fit_cases():
    cases = []
    # 14 samples, validation_split 0.2 -> the last 3 validate, 11 train in batches 4, 4, 3.
    x = f32(rng.normal(size=(14, 5, 3)))
    y = rng.integers(0, 4, size=(14,)).astype(np.int32)
    cases.append(fit_case(
        "simple_rnn_sparse_adam_split", [
            {"class": "SimpleRNN", "kwargs": {"units": 6}},
            {"class": "Dense", "kwargs": {"units": 4, "activation": "softmax"}}],
        (5, 3), "float32", x, y,
        {"optimizer": {"class": "Adam", "kwargs": {"learning_rate": 0.01}},
         "loss": "sparse_categorical_crossentropy", "metrics": ["accuracy"]},
        {"batch_size": 4, "epochs": 3, "validation_split": 0.2}))
    # Tokens with padding: the Embedding mask reaches the loss and the metric (per-step labels).
    tokens = rng.integers(1, 6, size=(9, 6)).astype(np.int32)
    for row, length in [(1, 4), (4, 2), (7, 5)]:
        tokens[row, length:] = 0
    labels = rng.integers(0, 6, size=(9, 6)).astype(np.int32)
    vt = rng.integers(1, 6, size=(4, 6)).astype(np.int32)
    vt[2, 3:] = 0
    vl = rng.integers(0, 6, size=(4, 6)).astype(np.int32)
    cases.append(fit_case(
        "embedding_mask_lstm_seq_sgd_momentum", [
            {"class": "Embedding", "kwargs": {"input_dim": 6, "output_dim": 4, "mask_zero": True}},
            {"class": "LSTM", "kwargs": {"units": 5, "return_sequences": True}},
            {"class": "Dense", "kwargs": {"units": 6, "activation": "softmax"}}],
        (6,), "int32", tokens, labels,
        {"optimizer": {"class": "SGD", "kwargs": {"learning_rate": 0.5, "momentum": 0.9}},
         "loss": "sparse_categorical_crossentropy", "metrics": ["accuracy"]},
        {"batch_size": 4, "epochs": 3}, val=(vt, vl)))
    # Regression with a loss-named metric, RMSprop, one-hot categorical targets elsewhere.
    x = f32(rng.normal(size=(10, 4, 2)))
    y = f32(rng.normal(size=(10, 2)))
    cases.append(fit_case(
        "gru_mse_rmsprop", [
            {"class": "GRU", "kwargs": {"units": 4}},
            {"class": "Dense", "kwargs": {"units": 2}}],
        (4, 2), "float32", x, y,
        {"optimizer": {"class": "RMSprop", "kwargs": {"learning_rate": 0.01}},
         "loss": "mse", "metrics": ["mae"]},
        {"batch_size": 3, "epochs": 4}))
    x = f32(rng.normal(size=(8, 3, 4)))
    y = f32(np.eye(3)[rng.integers(0, 3, size=(8,))])
    cases.append(fit_case(
        "lstm_categorical_adagrad_no_metrics", [
            {"class": "LSTM", "kwargs": {"units": 5}},
            {"class": "Dense", "kwargs": {"units": 3, "activation": "softmax"}}],
        (3, 4), "float32", x, y,
        {"optimizer": {"class": "Adagrad", "kwargs": {"learning_rate": 0.1}},
         "loss": "categorical_crossentropy"},
        {"batch_size": 8, "epochs": 2, "initial_epoch": 0}))
    return cases


# ---------------------------------------------------------------- progress bar text
def progbar_case(name, target, verbose, updates):
    """Replays updates [(time, current, [(k, v)], finalize)] through keras' Progbar (as
    ProgbarLogger configures it) with `time.time` patched; records what each update printed."""
    clock = {"now": 0.0}
    printed = []
    real_time, real_print = progbar_module.time.time, io_utils.print_msg
    progbar_module.time.time = lambda: clock["now"]
    io_utils.print_msg = lambda message, line_break=True: printed.append(message)
    progbar_module.io_utils.print_msg = io_utils.print_msg
    try:
        bar = progbar_module.Progbar(target=target, verbose=verbose, unit_name="step", stateless_metrics=set())
        out = []
        for t, current, values, finalize in updates:
            clock["now"] = t
            before = len(printed)
            bar.update(current, values, finalize=finalize)
            text = printed[before] if len(printed) > before else None
            shown = [[k, v if np.isfinite(v) else repr(float(v))] for k, v in values]   # JSON has no NaN
            out.append({"time": t, "current": current, "values": shown, "finalize": finalize, "printed": text})
    finally:
        progbar_module.time.time, io_utils.print_msg = real_time, real_print
        progbar_module.io_utils.print_msg = real_print
    return {"name": name, "target": target, "verbose": verbose, "start": 0.0, "updates": out}


def progbar_cases():
    logs = lambda a, l: [["accuracy", a], ["loss", l]]
    steps = [(0.30 + 0.005 * i, i + 1, logs(0.5 + i / 100, 1.2345678 - i / 50), False) for i in range(32)]
    steps[5] = (0.3201, 6, logs(0.55, 1.1), False)       # within 0.05 s of the last redraw: skipped
    cases = [
        progbar_case("epoch_32_steps", 32, 1, steps + [(0.47, 32, logs(0.9, 0.1234) + [["val_accuracy", 0.85], ["val_loss", 0.2]], True)]),
        progbar_case("verbose2", 3, 2, [(0.2, 1, logs(0.1, 2.0), False), (0.4, 2, logs(0.2, 1.5), False),
                                         (1.6, 3, logs(0.25, 0.0004), True)]),
        progbar_case("eta_hours", 10000, 1, [(2.0, 1, [["loss", 3.0]], False), (3.5, 2, [["loss", 2.9]], False),
                                             (130.0, 100, [["loss", -0.0002]], False)]),
        progbar_case("eta_minutes_us", 100, 1, [(0.9, 7, [["loss", float("nan")]], False),
                                                (0.9005, 8, [["loss", 0.5]], False),
                                                (62.5, 99, [["loss", float("inf")]], False),
                                                (62.50005, 100, [["loss", 0.00012345]], True)]),
        progbar_case("single_step", 1, 1, [(2.5, 1, [["loss", 0.75]], False), (2.5, 1, [["loss", 0.75]], True)]),
        progbar_case("predict_no_logs", 4, 1, [(0.01, 1, [], False), (0.2, 4, [], True)]),
    ]
    return cases


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for f in OUT.glob("*.npz"):
        f.unlink()
    manifest = {
        "versions": {"keras": keras.__version__, "backend": keras.backend.backend(), "numpy": np.__version__},
        "seed": SEED,
        "cases": fit_cases(),
        "progbar": progbar_cases(),
    }
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=1, allow_nan=False) + "\n")
    print(f"{len(manifest['cases'])} fit cases, {len(manifest['progbar'])} progbar cases -> {OUT}")


if __name__ == "__main__":
    main()
