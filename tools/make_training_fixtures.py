#!/usr/bin/env python3
"""Writes Tests/RNNRuntimeTests/TrainingFixtures: Keras 3 references for losses, metrics and optimizers.

Run with the fixtures venv (see tools/README.md):
    KERAS_BACKEND=jax /work/.venv-fixtures/bin/python tools/make_training_fixtures.py

Output (small, committed; CI never needs Keras):
  losses.npz      per case <case>/y_true, <case>/y_pred, [<case>/sample_weight, <case>/mask],
                  <case>/loss (Keras' reduced value) and <case>/grad (d loss / d y_pred by jax.grad)
  metrics.npz     per case <case>/y_true_<i>, <case>/y_pred_<i> (batches) and <case>/result
  optimizers.npz  per case <case>/var_<j>/initial, <case>/grad_<step>_<j>, <case>/var_<j>/after_<step>
  manifest.json   the cases with their Keras arguments, versions, seed
Separate from tools/make_fixtures.py (layer fixtures), which other work edits.
"""
import io
import json
import os
import sys
import zipfile
from pathlib import Path

os.environ.setdefault("KERAS_BACKEND", "jax")
import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras.src.losses.loss import reduce_weighted_values  # noqa: E402
from keras.src.losses.losses import LossFunctionWrapper  # noqa: E402
from keras.src.trainers.compile_utils import get_metric  # noqa: E402

SEED = 20240611
OUT = Path(__file__).resolve().parent.parent / "Tests" / "RNNRuntimeTests" / "TrainingFixtures"
rng = np.random.default_rng(SEED)


def f32(a):
    return np.asarray(a, dtype=np.float32)


def softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


# ---------------------------------------------------------------- losses
def loss_cases():
    """(name, keras loss name, kwargs, y_true, y_pred, sample_weight, mask)."""
    cases = []
    for shape, tag in [((4, 3), "2d"), ((2, 3, 4), "3d")]:
        t = f32(rng.normal(size=shape)); p = f32(rng.normal(size=shape))
        cases.append((f"mse_{tag}", "mean_squared_error", {}, t, p, None, None))
        cases.append((f"mae_{tag}", "mean_absolute_error", {}, t, p, None, None))
        tb = f32(rng.integers(0, 2, size=shape))
        logits = f32(rng.normal(size=shape) * 2)
        cases.append((f"bce_{tag}", "binary_crossentropy", {}, tb, f32(sigmoid(logits)), None, None))
        cases.append((f"bce_logits_{tag}", "binary_crossentropy", {"from_logits": True}, tb, logits, None, None))
        labels = rng.integers(0, shape[-1], size=shape[:-1])
        onehot = f32(np.eye(shape[-1])[labels])
        cases.append((f"cce_{tag}", "categorical_crossentropy", {}, onehot, f32(softmax(logits)), None, None))
        cases.append((f"cce_logits_{tag}", "categorical_crossentropy", {"from_logits": True}, onehot, logits, None, None))
        cases.append((f"scce_{tag}", "sparse_categorical_crossentropy", {}, labels.astype(np.int32), f32(softmax(logits)), None, None))
        cases.append((f"scce_logits_{tag}", "sparse_categorical_crossentropy", {"from_logits": True}, labels.astype(np.int32), logits, None, None))
    # Clipping at epsilon and 1 - epsilon, unnormalised categorical rows, soft targets.
    cases.append(("bce_clipped", "binary_crossentropy", {}, f32([[1, 0, 1], [0, 1, 0]]), f32([[0.0, 1.0, 0.7], [0.2, 0.0, 1.0]]), None, None))
    cases.append(("cce_unnormalised", "categorical_crossentropy", {}, f32([[0.2, 0.5, 0.3], [0, 0, 1]]), f32([[0.5, 1.5, 2.0], [0.3, 0.0, 0.9]]), None, None))
    cases.append(("cce_logits_soft", "categorical_crossentropy", {"from_logits": True}, f32([[0.2, 0.5, 0.3], [0.1, 0.1, 0.6]]), f32(rng.normal(size=(2, 3))), None, None))
    # Keras' rank rules: (B, 1) targets against (B,) predictions and the reverse; (B, 1) sparse labels.
    cases.append(("mse_rank_expand", "mean_squared_error", {}, f32(rng.normal(size=(5,))), f32(rng.normal(size=(5, 1))), None, None))
    cases.append(("bce_rank_1", "binary_crossentropy", {}, f32([1, 0, 1, 1]), f32([0.9, 0.2, 0.6, 0.3]), None, None))
    cases.append(("scce_labels_b1", "sparse_categorical_crossentropy", {}, rng.integers(0, 4, size=(3, 1)).astype(np.int32), f32(softmax(rng.normal(size=(3, 4)))), None, None))
    # Reductions, sample weights and a (B, T) mask.
    t = f32(rng.normal(size=(3, 4))); p = f32(rng.normal(size=(3, 4)))
    cases.append(("mse_sum", "mean_squared_error", {"reduction": "sum"}, t, p, None, None))
    cases.append(("mse_sample_weight", "mean_squared_error", {}, t, p, f32([0.5, 2.0, 1.0]), None))
    logits = f32(rng.normal(size=(2, 5, 4)))
    labels = rng.integers(0, 4, size=(2, 5)).astype(np.int32)
    mask = np.array([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]], dtype=bool)
    cases.append(("scce_logits_mask", "sparse_categorical_crossentropy", {"from_logits": True}, labels, logits, None, mask))
    return cases


def make_losses(arrays, manifest):
    out = []
    for name, loss_name, kwargs, t, p, sw, mask in loss_cases():
        reduction = kwargs.get("reduction", "sum_over_batch_size")
        fn_kwargs = {k: v for k, v in kwargs.items() if k != "reduction"}
        fn = keras.losses.get(loss_name)

        if mask is None:
            wrapper = LossFunctionWrapper(fn, reduction=reduction, **fn_kwargs)

            def f(pred):
                return wrapper(t, pred, sample_weight=sw)
        else:
            # A Keras mask on y_pred (as a masked RNN output carries) reduces like this:
            def f(pred):
                values = fn(t, pred, **fn_kwargs)
                return reduce_weighted_values(values, mask=mask, reduction=reduction)

        loss = np.asarray(f(jnp.asarray(p)), dtype=np.float32)
        grad = np.asarray(jax.grad(lambda q: f(q))(jnp.asarray(p)), dtype=np.float32)
        arrays[f"{name}/y_true"] = t
        arrays[f"{name}/y_pred"] = p
        if sw is not None:
            arrays[f"{name}/sample_weight"] = sw
        if mask is not None:
            arrays[f"{name}/mask"] = mask
        arrays[f"{name}/loss"] = loss
        arrays[f"{name}/grad"] = grad
        out.append({"name": name, "loss": loss_name, "from_logits": fn_kwargs.get("from_logits", False),
                    "reduction": reduction, "sample_weight": sw is not None, "mask": mask is not None,
                    "y_true_shape": list(t.shape), "y_pred_shape": list(p.shape), "loss_value": float(loss)})
    manifest["losses"] = out


# ---------------------------------------------------------------- metrics
def metric_cases():
    """(name, identifier, batches of (y_true, y_pred)); 'accuracy' resolves as compile does."""
    cases = []
    probs = [f32(softmax(rng.normal(size=(6, 4)))) for _ in range(2)]
    labels = [rng.integers(0, 4, size=(6,)) for _ in range(2)]
    cases.append(("accuracy_sparse", "accuracy", [(labels[i].astype(np.int32), probs[i]) for i in range(2)]))
    cases.append(("accuracy_sparse_b1", "accuracy", [(labels[i].reshape(6, 1).astype(np.int32), probs[i]) for i in range(2)]))
    cases.append(("accuracy_categorical", "accuracy", [(f32(np.eye(4)[labels[i]]), probs[i]) for i in range(2)]))
    cases.append(("sparse_categorical_accuracy", "sparse_categorical_accuracy", [(labels[i].astype(np.int32), probs[i]) for i in range(2)]))
    cases.append(("categorical_accuracy", "categorical_accuracy", [(f32(np.eye(4)[labels[i]]), probs[i]) for i in range(2)]))
    bt = [f32(rng.integers(0, 2, size=(5, 1))) for _ in range(2)]
    bp = [f32(rng.uniform(size=(5, 1))) for _ in range(2)]
    cases.append(("accuracy_binary", "accuracy", [(bt[i], bp[i]) for i in range(2)]))
    cases.append(("binary_accuracy_3", "binary_accuracy", [(f32(rng.integers(0, 2, size=(4, 3))), f32(rng.uniform(size=(4, 3)))) for _ in range(2)]))
    seq_labels = rng.integers(0, 3, size=(2, 5)).astype(np.int32)
    seq_probs = f32(softmax(rng.normal(size=(2, 5, 3))))
    cases.append(("accuracy_sequence", "accuracy", [(seq_labels, seq_probs)]))
    cases.append(("mae_metric", "mae", [(f32(rng.normal(size=(3, 2))), f32(rng.normal(size=(3, 2)))) for _ in range(2)]))
    return cases


def make_metrics(arrays, manifest):
    out = []
    for name, ident, batches in metric_cases():
        m = get_metric(ident, batches[0][0], batches[0][1])
        for i, (t, p) in enumerate(batches):
            m.update_state(t, p)
            arrays[f"{name}/y_true_{i}"] = t
            arrays[f"{name}/y_pred_{i}"] = p
        result = np.float32(m.result())
        arrays[f"{name}/result"] = np.asarray(result, dtype=np.float32)
        out.append({"name": name, "identifier": ident, "keras_class": type(m).__name__,
                    "batches": len(batches), "result": float(result)})
    manifest["metrics"] = out


# ---------------------------------------------------------------- optimizers
OPTIMIZER_CASES = [
    ("sgd_default", "SGD", {}),
    ("sgd_momentum", "SGD", {"momentum": 0.9}),
    ("sgd_nesterov", "SGD", {"learning_rate": 0.05, "momentum": 0.8, "nesterov": True}),
    ("sgd_clipvalue", "SGD", {"learning_rate": 0.1, "clipvalue": 0.3}),
    ("adam_default", "Adam", {}),
    ("adam_tuned", "Adam", {"learning_rate": 0.01, "beta_1": 0.8, "beta_2": 0.95, "epsilon": 1e-5}),
    ("adam_amsgrad", "Adam", {"learning_rate": 0.01, "amsgrad": True}),
    ("adam_clipnorm", "Adam", {"learning_rate": 0.01, "clipnorm": 0.5}),
    ("adam_global_clipnorm", "Adam", {"learning_rate": 0.01, "global_clipnorm": 0.5}),
    ("adam_lr_change", "Adam", {"learning_rate": 0.01}),
    ("rmsprop_default", "RMSprop", {}),
    ("rmsprop_momentum_centered", "RMSprop", {"learning_rate": 0.01, "momentum": 0.9, "centered": True}),
    ("rmsprop_centered", "RMSprop", {"centered": True, "rho": 0.8}),
    ("adagrad_default", "Adagrad", {}),
    ("adagrad_tuned", "Adagrad", {"learning_rate": 0.1, "initial_accumulator_value": 0.5, "epsilon": 1e-6}),
]
STEPS = 4
SHAPES = [(3, 4), (4,)]


def make_optimizers(arrays, manifest):
    out = []
    initial = [f32(rng.uniform(-0.5, 0.5, size=s)) for s in SHAPES]
    # Gradients of varied scale; step 2 is large so that the clipping cases clip.
    grads = [[f32(rng.normal(size=s) * (3.0 if step == 2 else 0.5)) for s in SHAPES] for step in range(STEPS)]
    for name, cls, kwargs in OPTIMIZER_CASES:
        opt = getattr(keras.optimizers, cls)(**kwargs)
        variables = [keras.Variable(v.copy()) for v in initial]
        for j, v in enumerate(initial):
            arrays[f"{name}/var_{j}/initial"] = v
        for step in range(STEPS):
            if name == "adam_lr_change" and step == 2:
                opt.learning_rate = 0.001
            opt.apply_gradients(zip([jnp.asarray(g) for g in grads[step]], variables))
            for j, v in enumerate(variables):
                arrays[f"{name}/grad_{step}_{j}"] = grads[step][j]
                arrays[f"{name}/var_{j}/after_{step}"] = f32(v.numpy())
        out.append({"name": name, "class": cls, "kwargs": kwargs, "steps": STEPS,
                    "variable_shapes": [list(s) for s in SHAPES],
                    "learning_rate_change": {"before_step": 2, "learning_rate": 0.001} if name == "adam_lr_change" else None,
                    "iterations": int(opt.iterations.numpy())})
    manifest["optimizers"] = out


def write_npz(path, arrays):
    """Stored (uncompressed, no zip64) .npz with sorted members and fixed timestamps, as
    tools/make_fixtures.py writes: NPYReader walks plain local headers, and regenerating gives
    identical bytes. (np.savez forces zip64 headers, which NPYReader rejects.)"""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as z:
        for k in sorted(arrays):
            b = io.BytesIO()
            np.lib.format.write_array(b, np.asarray(arrays[k], order="C"), allow_pickle=False)  # keeps 0-d shapes
            info = zipfile.ZipInfo(f"{k}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            z.writestr(info, b.getvalue())
    loaded = np.load(path)
    assert sorted(loaded.files) == sorted(arrays), path


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    manifest = {
        "generator": "tools/make_training_fixtures.py",
        "seed": SEED,
        "versions": {"keras": keras.__version__, "jax": jax.__version__, "numpy": np.__version__,
                     "python": sys.version.split()[0], "backend": keras.backend.backend()},
        "notes": "losses: loss = keras LossFunctionWrapper(fn, reduction)(y_true, y_pred, sample_weight); "
                 "mask cases: reduce_weighted_values(fn(y_true, y_pred), mask=mask); grad = jax.grad w.r.t. y_pred. "
                 "metrics: compile_utils.get_metric(identifier, y_true, y_pred), update_state per batch, result(). "
                 "optimizers: keras.Variable per array, apply_gradients once per step with the stored gradients.",
    }
    for group, make in [("losses", make_losses), ("metrics", make_metrics), ("optimizers", make_optimizers)]:
        arrays = {}
        make(arrays, manifest)
        write_npz(OUT / f"{group}.npz", arrays)
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
