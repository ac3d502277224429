#!/usr/bin/env python3
"""Numerical reference fixtures for the Swift RNN runtime, computed by Keras 3 (JAX backend).

Writes Tests/RNNRuntimeTests/Fixtures/: one uncompressed .npz per case (forward outputs and the
gradients of sum_k sum(output_k * cotangent_k) with respect to the input, the initial states and
every weight), manifest.json describing every case, a table of parameter counts and output
shapes, and model.summary() texts. See Tests/RNNRuntimeTests/Fixtures/README.md for the format
and tools/README.md for how to regenerate.

Every forward output is also recomputed in float64 by the small NumPy re-implementation of the
Keras equations below (independent of Keras); the generator fails if the two differ by more than
1e-5 relative, so the fixtures and the equations in the README are checked against each other.

Shape key: B = batch, T = timesteps, F = features, U = units.
"""

import os

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("JAX_PLATFORMS", "cpu")

import io
import json
import sys
import zipfile
from pathlib import Path

import jax
import jax.numpy as jnp
import keras
import numpy as np

assert keras.backend.backend() == "jax", "run with KERAS_BACKEND=jax"

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests" / "RNNRuntimeTests" / "Fixtures"
FORMAT_VERSION = 1
REF_RTOL, REF_ATOL = 1e-5, 1e-6  # forward: |keras - float64| <= atol + rtol * |float64|


# ----------------------------------------------------------------------------------------------
# Independent float64 reference (the Keras equations, written out)
# ----------------------------------------------------------------------------------------------

def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


ACTIVATIONS = {
    None: lambda x: x,
    "linear": lambda x: x,
    "relu": lambda x: np.maximum(x, 0.0),
    "tanh": np.tanh,
    "sigmoid": sigmoid,
    "softmax": lambda x: np.exp(x - x.max(-1, keepdims=True))
    / np.exp(x - x.max(-1, keepdims=True)).sum(-1, keepdims=True),
}


def ref_cell(kind, w, x_t, states, reset_after=True):
    """One step. w = get_weights() of the layer (float64). Returns (output, new_states)."""
    if kind == "SimpleRNN":
        k, rk, b = w
        h = np.tanh(x_t @ k + b + states[0] @ rk)
        return h, [h]
    if kind == "LSTM":
        k, rk, b = w
        h, c = states
        z = x_t @ k + h @ rk + b
        zi, zf, zc, zo = np.split(z, 4, axis=-1)
        c = sigmoid(zf) * c + sigmoid(zi) * np.tanh(zc)
        h = sigmoid(zo) * np.tanh(c)
        return h, [h, c]
    if kind == "GRU":
        k, rk, b = w
        h = states[0]
        u = h.shape[-1]
        if reset_after:
            xz = x_t @ k + b[0]
            hz = h @ rk + b[1]
            z = sigmoid(xz[:, :u] + hz[:, :u])
            r = sigmoid(xz[:, u:2 * u] + hz[:, u:2 * u])
            hh = np.tanh(xz[:, 2 * u:] + r * hz[:, 2 * u:])
        else:
            xz = x_t @ k + b
            z = sigmoid(xz[:, :u] + h @ rk[:, :u])
            r = sigmoid(xz[:, u:2 * u] + h @ rk[:, u:2 * u])
            hh = np.tanh(xz[:, 2 * u:] + (r * h) @ rk[:, 2 * u:])
        h = z * h + (1 - z) * hh
        return h, [h]
    raise ValueError(kind)


def ref_rnn(kind, w, x, units, *, mask=None, initial_state=None, go_backwards=False,
            return_sequences=False, return_state=False, reset_after=True,
            zero_output_for_mask=False):
    """Keras RNN loop semantics: x (B, T, F); mask (B, T) bool or None."""
    B, T = x.shape[:2]
    w = with_zero_bias(kind, w, units, reset_after)
    nstates = 2 if kind == "LSTM" else 1
    states = [np.zeros((B, units)) for _ in range(nstates)] if initial_state is None \
        else [np.asarray(s, np.float64) for s in initial_state]
    order = range(T - 1, -1, -1) if go_backwards else range(T)
    outs = []
    prev_out = states[0]  # a masked step repeats the previous output (the h state)
    for t in order:
        out, new = ref_cell(kind, w, x[:, t], states, reset_after)
        if mask is not None:
            m = mask[:, t][:, None]
            out = np.where(m, out, 0.0 if zero_output_for_mask else states[0])
            new = [np.where(m, n, s) for n, s in zip(new, states)]
        states = new
        outs.append(out)
        prev_out = out
    seq = np.stack(outs, axis=1)  # processing order: reversed in time when go_backwards
    output = seq if return_sequences else prev_out
    return [output] + states if return_state else [output]


def ref_bidirectional(kind, wf, wb, x, units, merge_mode, return_sequences, return_state,
                      mask=None, reset_after=True):
    zo = return_sequences  # Bidirectional forces zero_output_for_mask = return_sequences
    yf = ref_rnn(kind, wf, x, units, mask=mask, return_sequences=return_sequences,
                 return_state=return_state, reset_after=reset_after, zero_output_for_mask=zo)
    yb = ref_rnn(kind, wb, x, units, mask=mask, return_sequences=return_sequences,
                 return_state=return_state, reset_after=reset_after, zero_output_for_mask=zo,
                 go_backwards=True)
    y, yr = yf[0], yb[0]
    if return_sequences:
        yr = yr[:, ::-1]
    merged = {
        "concat": lambda: [np.concatenate([y, yr], -1)],
        "sum": lambda: [y + yr],
        "mul": lambda: [y * yr],
        "ave": lambda: [(y + yr) / 2],
        None: lambda: [y, yr],
    }[merge_mode]()
    return merged + (yf[1:] + yb[1:] if return_state else [])


def ref_dense(w, x, activation):
    y = x @ w[0]
    if len(w) > 1:
        y = y + w[1]
    return ACTIVATIONS[activation](y)


def ref_forward(spec_layers, w64, x, initial_state=None):
    """Float64 forward of a stack of layer specs; initial_state goes to the last layer."""
    h, mask, pos, outs = x, None, 0, None
    for li, spec in enumerate(spec_layers):
        n = weight_count(spec)
        st = initial_state if li == len(spec_layers) - 1 else None
        outs, mask = ref_layer(spec, w64[pos:pos + n], h, mask, st)
        pos += n
        h = outs[0]
    assert pos == len(w64), (pos, len(w64))
    return outs


def weight_count(spec):
    """How many get_weights() entries a layer spec owns."""
    cls = spec["class"]
    if cls == "Embedding":
        return 1
    if cls in ("Masking", "Dropout"):
        return 0
    if cls == "TimeDistributed":
        return weight_count(spec["kwargs"]["layer"])
    if cls == "Dense" and not spec["kwargs"].get("use_bias", True):
        return 1
    return len(weight_shapes_for(spec, 0))


def ref_layer(spec, w, x, mask=None, initial_state=None):
    """Float64 forward of one layer spec (as in the manifest) -> (outputs list, mask_out)."""
    cls, kw = spec["class"], spec["kwargs"]
    if cls == "Dropout":  # inference: identity, mask passes through
        return [x], mask
    if cls == "TimeDistributed":  # per-step application; the inner layers here act row-wise
        inner = kw["layer"]
        if inner["class"] != "Dense":
            raise ValueError("reference TimeDistributed only wraps Dense")
        return [ref_dense(w, x, inner["kwargs"].get("activation"))], mask
    if cls == "Embedding":
        out = w[0][x]
        m = (x != 0) if kw.get("mask_zero") else None
        return [out], m
    if cls == "Masking":
        m = np.any(x != kw.get("mask_value", 0.0), axis=-1)
        return [np.where(m[..., None], x, 0.0)], m
    if cls == "Dense":
        return [ref_dense(w, x, kw.get("activation"))], mask
    if cls in ("SimpleRNN", "LSTM", "GRU"):
        outs = ref_rnn(cls, w, x, kw["units"], mask=mask, initial_state=initial_state,
                       go_backwards=kw.get("go_backwards", False),
                       return_sequences=kw.get("return_sequences", False),
                       return_state=kw.get("return_state", False),
                       reset_after=kw.get("reset_after", True))
        return outs, (mask if kw.get("return_sequences", False) else None)
    if cls == "Bidirectional":
        inner = kw["layer"]
        half = len(w) // 2
        ik = inner["kwargs"]
        outs = ref_bidirectional(inner["class"], w[:half], w[half:], x, ik["units"],
                                 kw.get("merge_mode", "concat"),
                                 ik.get("return_sequences", False),
                                 ik.get("return_state", False), mask=mask,
                                 reset_after=ik.get("reset_after", True))
        return outs, (mask if ik.get("return_sequences", False) else None)
    raise ValueError(cls)


# ----------------------------------------------------------------------------------------------
# Building Keras objects from JSON-able specs
# ----------------------------------------------------------------------------------------------

def build_layer(spec):
    kw = dict(spec["kwargs"])
    if spec["class"] in ("Bidirectional", "TimeDistributed"):
        kw["layer"] = build_layer(kw["layer"])
    return getattr(keras.layers, spec["class"])(**kw)


def rnn_spec(cls, **kw):
    return {"class": cls, "kwargs": kw}


def weight_shapes_for(spec, in_features):
    """Shapes of get_weights() for the recurrent/dense layer of a spec, in Keras order."""
    cls, kw = spec["class"], spec["kwargs"]
    u = kw.get("units")
    if cls in ("SimpleRNN", "LSTM", "GRU") and not kw.get("use_bias", True):
        return weight_shapes_for(rnn_spec(cls, **{**kw, "use_bias": True}), in_features)[:2]
    if cls == "SimpleRNN":
        return [(in_features, u), (u, u), (u,)]
    if cls == "LSTM":
        return [(in_features, 4 * u), (u, 4 * u), (4 * u,)]
    if cls == "GRU":
        return [(in_features, 3 * u), (u, 3 * u),
                (2, 3 * u) if kw.get("reset_after", True) else (3 * u,)]
    if cls == "Bidirectional":
        s = weight_shapes_for(kw["layer"], in_features)
        return s + s
    if cls == "Dense":
        return [(in_features, u), (u,)] if kw.get("use_bias", True) else [(in_features, u)]
    raise ValueError(cls)


# ----------------------------------------------------------------------------------------------
# Running a case: forward, gradients, checks, files
# ----------------------------------------------------------------------------------------------

def f32(a):
    return np.asarray(a, dtype=np.float32)


def draw_weights(rng, model):
    """Seeded uniform(-0.5, 0.5) for every weight (so biases are non-zero), in get_weights() order."""
    out = []
    for v in model.weights:
        shape = tuple(v.shape)
        out.append(f32(rng.uniform(-0.5, 0.5, size=shape)))
    return out


def as_list(y):
    return list(y) if isinstance(y, (list, tuple)) else [y]


def run_case(name, *, model, x, spec_layers, rng, initial_state=None, description="",
             ref=True, extra=None, call_kwargs=None):
    """model: a built Keras Layer or Sequential; x: input (float32 or int32)."""
    call_kwargs = dict(call_kwargs or {})
    model.set_weights(draw_weights(rng, model))
    weights = [f32(w) for w in model.get_weights()]

    kw = dict(call_kwargs)
    if initial_state is not None:
        kw["initial_state"] = [jnp.asarray(s) for s in initial_state]
    outputs = [f32(o) for o in as_list(model(jnp.asarray(x), **kw))]
    cotangents = [f32(rng.standard_normal(o.shape)) for o in outputs]

    # Gradients of L = sum_k sum(output_k * cotangent_k) via the layer's stateless call.
    tvars = list(model.trainable_variables)
    ntv = [v.value for v in model.non_trainable_variables]
    path_index = {v.path: i for i, v in enumerate(tvars)}
    order = [path_index[v.path] for v in model.weights]  # get_weights() order -> trainable index
    assert len(order) == len(tvars), "fixtures assume every weight is trainable"
    float_input = np.issubdtype(x.dtype, np.floating)

    def loss(tv, xin, states):
        ckw = dict(call_kwargs)
        if states is not None:
            ckw["initial_state"] = list(states)
        y, _ = model.stateless_call(tv, ntv, xin, **ckw)
        ys = as_list(y)
        return sum(jnp.sum(o * c) for o, c in zip(ys, cotangents)), ys

    tv0 = [jnp.asarray(v.value) for v in tvars]
    st0 = None if initial_state is None else [jnp.asarray(s) for s in initial_state]
    argnums = (0,) + ((1,) if float_input else ()) + ((2,) if st0 is not None else ())
    grads, ys = jax.grad(loss, argnums=argnums, has_aux=True)(tv0, jnp.asarray(x), st0)
    for a, b in zip(ys, outputs):  # stateless path computes the very same forward
        np.testing.assert_allclose(np.asarray(a), b, rtol=1e-6, atol=1e-6)
    grad_weights = [f32(grads[0][i]) for i in order]
    arrays = {"input": x}
    for i, s in enumerate(initial_state or []):
        arrays[f"initial_state_{i}"] = f32(s)
    for i, w in enumerate(weights):
        arrays[f"weight_{i}"] = w
    for k, (o, c) in enumerate(zip(outputs, cotangents)):
        arrays[f"output_{k}"] = o
        arrays[f"cotangent_{k}"] = c
    gi = 1
    if float_input:
        arrays["grad_input"] = f32(grads[gi])
        gi += 1
    if st0 is not None:
        for i, g in enumerate(grads[gi]):
            arrays[f"grad_initial_state_{i}"] = f32(g)
    for i, g in enumerate(grad_weights):
        arrays[f"grad_weight_{i}"] = g

    # Independent float64 check of the forward pass.
    ref_err = grad_check = None
    if ref:
        w64 = [np.asarray(w, np.float64) for w in weights]
        x64 = x.astype(np.float64) if float_input else x
        s64 = None if initial_state is None else [np.asarray(s, np.float64) for s in initial_state]
        ref_outs = ref_forward(spec_layers, w64, x64, s64)
        # Gradients: central difference of the float64 reference along one random direction.
        eps = 1e-5
        dw = [rng.standard_normal(w.shape) for w in w64]
        dx = rng.standard_normal(x.shape) * (x != 0) if float_input else None
        ds = None if s64 is None else [rng.standard_normal(s.shape) for s in s64]

        def ref_loss(sign):
            ww = [w + sign * eps * d for w, d in zip(w64, dw)]
            xx = x64 + sign * eps * dx if float_input else x64
            ss = None if s64 is None else [s + sign * eps * d for s, d in zip(s64, ds)]
            return sum(np.sum(o * c) for o, c in zip(ref_forward(spec_layers, ww, xx, ss),
                                                     cotangents))

        fd = (ref_loss(1) - ref_loss(-1)) / (2 * eps)
        an = sum(np.sum(g.astype(np.float64) * d) for g, d in zip(grad_weights, dw))
        if float_input:
            an += np.sum(arrays["grad_input"].astype(np.float64) * dx)
        if s64 is not None:
            an += sum(np.sum(arrays[f"grad_initial_state_{i}"].astype(np.float64) * d)
                      for i, d in enumerate(ds))
        grad_check = {"directional_fd": float(fd), "directional_jax": float(an),
                      "rel_err": float(abs(fd - an) / max(abs(fd), 1e-6))}
        assert grad_check["rel_err"] < 1e-4, (name, grad_check)
        ref_err = {"max_abs": 0.0, "max_rel": 0.0}
        for o, r in zip(outputs, ref_outs):
            assert o.shape == r.shape, (name, o.shape, r.shape)
            if not o.size:
                continue
            ref_err["max_abs"] = max(ref_err["max_abs"], float(np.max(np.abs(o - r))))
            ref_err["max_rel"] = max(ref_err["max_rel"], float(np.max(
                np.abs(o - r) / np.maximum(np.abs(r), 1e-3))))
            assert np.allclose(o, r, rtol=REF_RTOL, atol=REF_ATOL), \
                f"{name}: Keras vs float64 reference differ: {ref_err}"

    weight_info = [{"name": v.path, "shape": list(v.shape)} for v in model.weights]
    entry = {
        "name": name,
        "file": f"{name}.npz",
        "description": description,
        "layers": spec_layers,
        "input": {"shape": list(x.shape), "dtype": str(x.dtype)},
        "initial_state_shapes": [list(s.shape) for s in initial_state] if initial_state else [],
        "weights": weight_info,
        "param_count": int(model.count_params()),
        "outputs": [{"shape": list(o.shape)} for o in outputs],
        "arrays": sorted(arrays),
        "keras_vs_float64": ref_err,
        "gradient_check": grad_check,
    }
    if extra:
        entry.update(extra)
    write_npz(OUT / entry["file"], arrays)
    return entry


def write_npz(path, arrays):
    """Uncompressed .npz (zip, stored) with deterministic member order and timestamps."""
    buf = {}
    for k, a in arrays.items():
        b = io.BytesIO()
        np.lib.format.write_array(b, np.ascontiguousarray(a), allow_pickle=False)
        buf[k] = b.getvalue()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as z:
        for k in sorted(buf):
            info = zipfile.ZipInfo(f"{k}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            z.writestr(info, buf[k])
    check = np.load(path)
    for k, a in arrays.items():
        assert np.array_equal(check[k], a) and check[k].dtype == a.dtype


def make_sequential(specs, input_shape, dtype="float32"):
    """keras.Sequential([Input(input_shape[1:]), *layers]) with fresh auto-names."""
    keras.backend.clear_session()
    model = keras.Sequential([keras.Input(shape=input_shape[1:], dtype=dtype)]
                             + [build_layer(s) for s in specs])
    return model


# ----------------------------------------------------------------------------------------------
# The cases
# ----------------------------------------------------------------------------------------------

def recurrent_cases(rng):
    entries = []
    kinds = [("simple_rnn", "SimpleRNN", {}), ("lstm", "LSTM", {}),
             ("gru", "GRU", {"reset_after": True}), ("gru_v1", "GRU", {"reset_after": False})]
    B, T, F, U = 2, 4, 5, 3
    variants = [
        ("last", {}),
        ("seq", {"return_sequences": True}),
        ("state", {"return_state": True}),
        ("seq_state", {"return_sequences": True, "return_state": True}),
        ("backwards", {"go_backwards": True}),
        ("backwards_seq", {"return_sequences": True, "go_backwards": True}),
        ("init_state", {"return_sequences": True, "return_state": True}),
    ]
    for short, cls, base in kinds:
        for vname, vkw in variants:
            kw = {"units": U, **base, **vkw}
            spec = rnn_spec(cls, **kw)
            x = f32(rng.standard_normal((B, T, F)))
            init = None
            if vname == "init_state":
                ns = 2 if cls == "LSTM" else 1
                init = [f32(rng.standard_normal((B, U))) for _ in range(ns)]
            if init is None:
                model = make_sequential([spec], (B, T, F))
            else:  # initial_state is a call argument of the layer itself
                keras.backend.clear_session()
                model = build_layer(spec)
                model.build((B, T, F))
            entries.append(run_case(f"{short}_{vname}", model=model, x=x, spec_layers=[spec],
                                    rng=rng, initial_state=init,
                                    description=f"{cls} {kw} on ({B},{T},{F})"))
    # The walkthrough shape of the course notebook: (3, 2, 10) -> LSTM(20) -> (3, 20).
    spec = rnn_spec("LSTM", units=20)
    x = f32(rng.standard_normal((3, 2, 10)))
    entries.append(run_case("lstm_walkthrough", model=make_sequential([spec], (3, 2, 10)),
                            x=x, spec_layers=[spec], rng=rng,
                            description="walkthrough: np.random.randn(3, 2, 10) -> LSTM(20)"))
    return entries


def bidirectional_cases(rng):
    entries = []
    B, T, F, U = 2, 4, 5, 3
    for short, cls, base in [("lstm", "LSTM", {}), ("gru", "GRU", {})]:
        for mm in ["concat", "sum", "mul", "ave", None]:
            for rs in [False, True]:
                inner = rnn_spec(cls, units=U, return_sequences=rs, **base)
                spec = {"class": "Bidirectional", "kwargs": {"layer": inner, "merge_mode": mm}}
                x = f32(rng.standard_normal((B, T, F)))
                name = f"bidirectional_{short}_{mm if mm else 'none'}_{'seq' if rs else 'last'}"
                entries.append(run_case(name, model=make_sequential([spec], (B, T, F)), x=x,
                                        spec_layers=[spec], rng=rng,
                                        description=f"Bidirectional({cls}({U}, return_sequences="
                                                    f"{rs}), merge_mode={mm!r})"))
        # return_state: outputs [merged, fwd states..., bwd states...]
        inner = rnn_spec(cls, units=U, return_sequences=True, return_state=True)
        spec = {"class": "Bidirectional", "kwargs": {"layer": inner, "merge_mode": "concat"}}
        x = f32(rng.standard_normal((B, T, F)))
        keras.backend.clear_session()
        layer = build_layer(spec)
        layer.build((B, T, F))
        entries.append(run_case(f"bidirectional_{short}_concat_seq_state", model=layer, x=x,
                                spec_layers=[spec], rng=rng,
                                description="return_state: [merged, forward states, backward states]"))
    return entries


def unpadded_check(model, x, outputs, lengths, return_sequences):
    """Each row run alone without its right padding gives the same result (as Keras promises)."""
    for b, L in enumerate(lengths):
        y = f32(as_list(model(jnp.asarray(x[b:b + 1, :L])))[0])
        if return_sequences:
            np.testing.assert_allclose(outputs[0][b, :L], y[0], rtol=1e-5, atol=1e-6)
            # masked steps repeat the last valid output (zero_output_for_mask=False)
            for t in range(L, x.shape[1]):
                np.testing.assert_allclose(outputs[0][b, t], y[0, L - 1], rtol=1e-5, atol=1e-6)
        else:
            np.testing.assert_allclose(outputs[0][b], y[0], rtol=1e-5, atol=1e-6)


def masking_cases(rng):
    entries = []
    B, T, V, E, U = 3, 5, 10, 4, 3
    lengths = [5, 3, 1]
    tokens = np.zeros((B, T), np.int32)
    for b, L in enumerate(lengths):
        tokens[b, :L] = rng.integers(1, V, size=L)
    for short, cls in [("lstm", "LSTM"), ("gru", "GRU"), ("simple_rnn", "SimpleRNN")]:
        for rs in [False, True]:
            specs = [rnn_spec("Embedding", input_dim=V, output_dim=E, mask_zero=True),
                     rnn_spec(cls, units=U, return_sequences=rs)]
            model = make_sequential(specs, (B, T), dtype="int32")
            e = run_case(f"embedding_mask_{short}_{'seq' if rs else 'last'}", model=model,
                         x=tokens, spec_layers=specs, rng=rng,
                         description=f"Embedding({V}, {E}, mask_zero=True) -> {cls}({U}, "
                                     f"return_sequences={rs}); rows right-padded with 0 to "
                                     f"lengths {lengths}",
                         extra={"lengths": lengths})
            out = np.load(OUT / e["file"])
            unpadded_check(model, tokens, [out["output_0"]], lengths, rs)
            entries.append(e)
    # Bidirectional over a mask: inside Bidirectional zero_output_for_mask = return_sequences.
    for rs in [False, True]:
        specs = [rnn_spec("Embedding", input_dim=V, output_dim=E, mask_zero=True),
                 {"class": "Bidirectional",
                  "kwargs": {"layer": rnn_spec("LSTM", units=U, return_sequences=rs),
                             "merge_mode": "concat"}}]
        model = make_sequential(specs, (B, T), dtype="int32")
        entries.append(run_case(f"embedding_mask_bidirectional_lstm_{'seq' if rs else 'last'}",
                                model=model, x=tokens, spec_layers=specs, rng=rng,
                                description="Embedding(mask_zero) -> Bidirectional(LSTM); masked "
                                            "steps output zeros when return_sequences=True",
                                extra={"lengths": lengths}))
    # Masking layer on float input: padded steps are all-zero feature vectors.
    F = 4
    x = f32(rng.standard_normal((B, T, F)))
    for b, L in enumerate(lengths):
        x[b, L:] = 0.0
    for rs in [False, True]:
        specs = [rnn_spec("Masking", mask_value=0.0), rnn_spec("LSTM", units=U, return_sequences=rs)]
        model = make_sequential(specs, (B, T, F))
        e = run_case(f"masking_lstm_{'seq' if rs else 'last'}", model=model, x=x,
                     spec_layers=specs, rng=rng,
                     description=f"Masking(0.0) -> LSTM({U}, return_sequences={rs}); lengths "
                                 f"{lengths}", extra={"lengths": lengths})
        out = np.load(OUT / e["file"])
        unpadded_check(model, x, [out["output_0"]], lengths, rs)
        entries.append(e)
    return entries


def dense_cases(rng):
    entries = []
    for act in [None, "linear", "relu", "softmax", "tanh", "sigmoid"]:
        for shape in [(3, 6), (2, 3, 6)]:
            spec = rnn_spec("Dense", units=4, activation=act)
            x = f32(rng.standard_normal(shape))
            name = f"dense_{act or 'default'}_{len(shape)}d"
            entries.append(run_case(name, model=make_sequential([spec], shape), x=x,
                                    spec_layers=[spec], rng=rng,
                                    description=f"Dense(4, activation={act!r}) on {shape}"))
    spec = rnn_spec("Dense", units=4, use_bias=False)
    x = f32(rng.standard_normal((3, 6)))
    entries.append(run_case("dense_no_bias_2d", model=make_sequential([spec], (3, 6)), x=x,
                            spec_layers=[spec], rng=rng, description="Dense(4, use_bias=False)"))
    return entries


def sequential_cases(rng):
    entries = []
    B, T, V = 2, 5, 12
    tokens = rng.integers(1, V, size=(B, T)).astype(np.int32)
    tokens[1, 3:] = 0
    specs = [rnn_spec("Embedding", input_dim=V, output_dim=6, mask_zero=True),
             rnn_spec("LSTM", units=5, return_sequences=True),
             rnn_spec("GRU", units=4),
             rnn_spec("Dense", units=V, activation="softmax")]
    entries.append(run_case("sequential_embedding_lstm_gru_dense", model=make_sequential(
        specs, (B, T), dtype="int32"), x=tokens, spec_layers=specs, rng=rng,
        description="Embedding(mask_zero) -> LSTM(return_sequences) -> GRU -> Dense(softmax); "
                    "row 1 right-padded after 3 tokens (mask flows through the LSTM)"))
    specs = [rnn_spec("LSTM", units=6, return_sequences=True),
             rnn_spec("SimpleRNN", units=4, return_sequences=True),
             rnn_spec("Dense", units=3, activation="tanh")]
    x = f32(rng.standard_normal((B, 4, 5)))
    entries.append(run_case("sequential_lstm_simple_rnn_dense_3d", model=make_sequential(
        specs, (B, 4, 5)), x=x, spec_layers=specs, rng=rng,
        description="LSTM(seq) -> SimpleRNN(seq) -> Dense(tanh) applied per timestep"))
    return entries


def model_layer_cases(rng):
    """Model-level layers (issue 3): TimeDistributed, Dropout at inference, and a stack mixing
    every mask producer and consumer. Appended after the older cases so their files stay identical."""
    entries = []
    spec = rnn_spec("TimeDistributed", layer=rnn_spec("Dense", units=3, activation="tanh"))
    x = f32(rng.standard_normal((2, 4, 5)))
    entries.append(run_case("time_distributed_dense", model=make_sequential([spec], (2, 4, 5)), x=x,
                            spec_layers=[spec], rng=rng,
                            description="TimeDistributed(Dense(3, tanh)) on (2, 4, 5)"))
    specs = [rnn_spec("Masking", mask_value=0.0),
             rnn_spec("LSTM", units=5, return_sequences=True),
             rnn_spec("Dropout", rate=0.5),
             rnn_spec("TimeDistributed", layer=rnn_spec("Dense", units=3, activation="tanh")),
             {"class": "Bidirectional", "kwargs": {"layer": rnn_spec("GRU", units=4), "merge_mode": "concat"}}]
    x = f32(rng.standard_normal((3, 5, 4)))
    x[1, 3:] = 0.0
    x[2, 2:] = 0.0
    entries.append(run_case("sequential_masking_lstm_dropout_time_distributed_bidirectional",
                            model=make_sequential(specs, (3, 5, 4)), x=x, spec_layers=specs, rng=rng,
                            description="Masking -> LSTM(seq) -> Dropout(0.5) (inference) -> "
                                        "TimeDistributed(Dense(3, tanh)) -> Bidirectional(GRU(4)); rows 1, 2 "
                                        "zero-padded after 3 and 2 steps (the mask reaches the Bidirectional)",
                            extra={"lengths": [5, 3, 2]}))
    return entries


def layer_shape_table():
    """Output shapes and counts of the non-recurrent layers, on Input(shape=input_shape[1:])."""
    rows = []
    dense = rnn_spec("Dense", units=5)
    for spec, shape, dtype in [
            (dense, [None, 10], "float32"), (dense, [None, 2, 10], "float32"),
            (dense, [None, None, 10], "float32"),
            (rnn_spec("Dense", units=5, use_bias=False), [None, 10], "float32"),
            (rnn_spec("Embedding", input_dim=50, output_dim=8), [None, 7], "int32"),
            (rnn_spec("Embedding", input_dim=50, output_dim=8, mask_zero=True), [None, None], "int32"),
            (rnn_spec("Masking"), [None, 2, 10], "float32"),
            (rnn_spec("Dropout", rate=0.5), [None, 2, 10], "float32"),
            (rnn_spec("TimeDistributed", layer=dense), [None, 2, 10], "float32"),
            (rnn_spec("TimeDistributed", layer=dense), [None, None, 3, 10], "float32"),
            (rnn_spec("TimeDistributed", layer=rnn_spec("LSTM", units=4)), [None, 2, 3, 10], "float32"),
            (rnn_spec("TimeDistributed", layer=rnn_spec("GRU", units=4, return_sequences=True)),
             [None, 2, 3, 10], "float32")]:
        keras.backend.clear_session()
        inp = keras.Input(shape=shape[1:], dtype=dtype)
        layer = build_layer(spec)
        y = as_list(layer(inp))
        rows.append({"layer": spec, "input_shape": shape, "input_dtype": dtype,
                     "output_shapes": [list(t.shape) for t in y],
                     "param_count": int(layer.count_params()),
                     "weight_shapes": [list(w.shape) for w in layer.weights]})
    return rows


def summary_models():
    """Models whose summary() covers wrapping, unbuilt layers, frozen weights, several outputs
    and a batch size fixed by a first call: (key, model, [(COLUMNS, line_length), ...])."""
    L = keras.layers
    out = []
    keras.backend.clear_session()
    m = keras.Sequential([keras.Input(shape=(None, 10)), L.Masking(), L.LSTM(8, return_sequences=True),
                          L.Dropout(0.5), L.TimeDistributed(L.Dense(3)), L.Bidirectional(L.GRU(4))])
    m.layers[1].trainable = False
    out.append(("mixed_frozen", m, [(80, None), (200, None)]))
    keras.backend.clear_session()
    m = keras.Sequential([L.Embedding(10, 4, mask_zero=True), L.LSTM(3, return_sequences=True),
                          L.Dropout(0.2), L.Masking(), L.TimeDistributed(L.Dense(2)),
                          L.Bidirectional(L.SimpleRNN(2))])
    out.append(("unbuilt", m, [(80, None), (80, 60)]))
    keras.backend.clear_session()
    m = keras.Sequential([keras.Input(shape=(2, 10)), L.LSTM(3, return_state=True)])
    out.append(("return_state", m, [(80, None)]))
    keras.backend.clear_session()
    m = keras.Sequential([L.LSTM(20), L.Dense(5)])
    m(np.zeros((3, 2, 10), np.float32))
    out.append(("called", m, [(80, None)]))
    return out


# ----------------------------------------------------------------------------------------------
# Recurrent options: use_bias=False and stateful=True (own generator, so the cases above keep
# their bytes; stateful cases have their own manifest key, `stateful_cases`)
# ----------------------------------------------------------------------------------------------

OPTIONS_SEED = 20240607 + 3


def with_zero_bias(kind, w, units, reset_after=True):
    """get_weights() of a use_bias=False layer (kernel, recurrent_kernel) plus an all-zero bias."""
    if len(w) == 3:
        return w
    gates = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}[kind]
    shape = (2, 3 * units) if kind == "GRU" and reset_after else (gates * units,)
    return list(w) + [np.zeros(shape)]


def recurrent_option_cases():
    """use_bias=False for every recurrent kind (and inside Bidirectional): 2 weights per layer."""
    rng = np.random.default_rng(OPTIONS_SEED)
    entries = []
    B, T, F, U = 2, 4, 5, 3
    kinds = [("simple_rnn", "SimpleRNN", {}), ("lstm", "LSTM", {}),
             ("gru", "GRU", {"reset_after": True}), ("gru_v1", "GRU", {"reset_after": False})]
    for short, cls, base in kinds:
        spec = rnn_spec(cls, units=U, use_bias=False, return_sequences=True, return_state=True, **base)
        x = f32(rng.standard_normal((B, T, F)))
        model = make_sequential([spec], (B, T, F))
        entries.append(run_case(f"{short}_no_bias", model=model, x=x, spec_layers=[spec], rng=rng,
                                description=f"{cls}({U}, use_bias=False, return_sequences=True, "
                                            f"return_state=True) {base}: weights [kernel, "
                                            f"recurrent_kernel] only"))
    inner = rnn_spec("LSTM", units=U, use_bias=False, return_sequences=True)
    spec = {"class": "Bidirectional", "kwargs": {"layer": inner, "merge_mode": "concat"}}
    x = f32(rng.standard_normal((B, T, F)))
    entries.append(run_case("bidirectional_lstm_no_bias_concat_seq",
                            model=make_sequential([spec], (B, T, F)), x=x, spec_layers=[spec],
                            rng=rng, description="Bidirectional(LSTM(3, use_bias=False, "
                                                 "return_sequences=True)): 4 weights"))
    return entries


def stateful_cases():
    """stateful=True: two consecutive calls; the second starts from the first's final states.

    Arrays: input_<c>, weight_<i>, call<c>_output_<k> for calls c = 0, 1, and state_<i> (the
    layer's `states` after the second call). Asserted here: the float64 reference run with the
    first call's final states as initial_state gives the second call's outputs, and after
    `reset_states()` a call on input_0 gives call0's outputs again.
    """
    rng = np.random.default_rng(OPTIONS_SEED + 1)
    entries = []
    B, T, F, U = 2, 4, 5, 3
    variants = [("stateful_lstm_seq", "LSTM", {"return_sequences": True}),
                ("stateful_gru_state", "GRU", {"return_state": True}),
                ("stateful_simple_rnn_last", "SimpleRNN", {}),
                ("stateful_lstm_backwards_state", "LSTM", {"go_backwards": True, "return_state": True})]
    for name, cls, kw in variants:
        spec = rnn_spec(cls, units=U, stateful=True, **kw)
        keras.backend.clear_session()
        layer = build_layer(spec)
        layer.build((B, T, F))
        weights = draw_weights(rng, layer)
        layer.set_weights(weights)
        inputs = [f32(rng.standard_normal((B, T, F))) for _ in range(2)]
        calls = [[f32(o) for o in as_list(layer(jnp.asarray(x)))] for x in inputs]
        states = [f32(v.value) for v in layer.states]
        layer.reset_states()
        again = [f32(o) for o in as_list(layer(jnp.asarray(inputs[0])))]
        for a, b in zip(again, calls[0]):
            np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-6)

        w64 = [np.asarray(w, np.float64) for w in weights]
        ref_kw = dict(go_backwards=kw.get("go_backwards", False),
                      return_sequences=kw.get("return_sequences", False),
                      reset_after=kw.get("reset_after", True))
        first = ref_rnn(cls, w64, inputs[0].astype(np.float64), U, return_state=True, **ref_kw)
        second = ref_rnn(cls, w64, inputs[1].astype(np.float64), U, initial_state=first[1:],
                         return_state=True, **ref_kw)
        for outs, ref in [(calls[0], first), (calls[1], second)]:
            for o, r in zip(outs, ref):
                assert np.allclose(o, r, rtol=REF_RTOL, atol=REF_ATOL), (name, np.abs(o - r).max())
        for st, r in zip(states, second[1:]):
            assert np.allclose(st, r, rtol=REF_RTOL, atol=REF_ATOL), (name, "states")

        arrays = {f"input_{c}": x for c, x in enumerate(inputs)}
        arrays.update({f"weight_{i}": w for i, w in enumerate(weights)})
        for c, outs in enumerate(calls):
            arrays.update({f"call{c}_output_{k}": o for k, o in enumerate(outs)})
        arrays.update({f"state_{i}": st for i, st in enumerate(states)})
        write_npz(OUT / f"{name}.npz", arrays)
        entries.append({
            "name": name, "file": f"{name}.npz",
            "description": f"{cls}({U}, stateful=True, {kw}) called on input_0 then input_1",
            "layers": [spec], "input": {"shape": [B, T, F], "dtype": "float32"},
            "calls": 2, "outputs": [{"shape": list(o.shape)} for o in calls[0]],
            "states": [list(st.shape) for st in states], "arrays": sorted(arrays),
        })
    return entries


def guide_model():
    """Keras' RNN guide model: Embedding(1000, 64) -> LSTM(128) -> Dense(10) = 164,106."""
    keras.backend.clear_session()
    m = keras.Sequential([keras.Input(shape=(None,), dtype="int32"),
                          keras.layers.Embedding(input_dim=1000, output_dim=64),
                          keras.layers.LSTM(128), keras.layers.Dense(10)])
    return m


def stack_model():
    keras.backend.clear_session()
    m = keras.Sequential([keras.Input(shape=(None,), dtype="int32"),
                          keras.layers.Embedding(input_dim=50, output_dim=8, mask_zero=True),
                          keras.layers.LSTM(16, return_sequences=True),
                          keras.layers.GRU(12), keras.layers.Dense(5, activation="softmax")])
    return m


def shape_table():
    """Output shapes (None batch) and count_params() for units 20 on features 10."""
    rows = []
    layers_ = [("SimpleRNN", {}), ("LSTM", {}), ("GRU", {"reset_after": True}),
               ("GRU", {"reset_after": False})]
    for timesteps in [2, None]:
        for cls, base in layers_:
            for rs in [False, True]:
                for rst in [False, True]:
                    spec = rnn_spec(cls, units=20, return_sequences=rs, return_state=rst, **base)
                    rows.append(shape_row(spec, timesteps))
                    for mm in ["concat", "sum", "mul", "ave", None]:
                        rows.append(shape_row({"class": "Bidirectional",
                                               "kwargs": {"layer": spec, "merge_mode": mm}},
                                              timesteps))
    return rows


def shape_row(spec, timesteps):
    keras.backend.clear_session()
    inp = keras.Input(shape=(timesteps, 10))
    layer = build_layer(spec)
    y = as_list(layer(inp))
    shapes = [list(t.shape) for t in y]
    return {"layer": spec, "input_shape": [None, timesteps, 10], "output_shapes": shapes,
            "param_count": int(layer.count_params()),
            "weight_shapes": [list(w.shape) for w in layer.weights]}


def to_json(o, indent=0, width=120):
    """JSON with anything that fits in `width` characters on one line (small, still diffable)."""
    compact = json.dumps(o, separators=(", ", ": "))
    if len(compact) + indent <= width or not isinstance(o, (dict, list)) or not o:
        return compact
    pad = " " * (indent + 1)
    if isinstance(o, dict):
        items = [f"{pad}{json.dumps(k)}: {to_json(v, indent + 1, width)}"
                 for k, v in o.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [pad + to_json(v, indent + 1, width) for v in o]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


def capture_summary(model, columns, line_length=None):
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(columns)
    lines = []
    try:
        model.summary(line_length=line_length, print_fn=lambda s, line_break=True: lines.append(s))
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old
    return "".join(lines)


def facts():
    """Facts about Keras defaults, asserted here so the README's claims stay true."""
    keras.backend.clear_session()
    lstm = keras.layers.LSTM(3)
    lstm.build((None, 2, 4))
    b = np.asarray(lstm.get_weights()[2])
    assert np.array_equal(b, np.r_[np.zeros(3), np.ones(3), np.zeros(6)])
    keras.backend.clear_session()
    lstm2 = keras.layers.LSTM(3, bias_initializer="ones", unit_forget_bias=True)
    lstm2.build((None, 2, 4))
    b2 = np.asarray(lstm2.get_weights()[2])
    gru = keras.layers.GRU(3)
    gru.build((None, 2, 4))
    gru1 = keras.layers.GRU(3, reset_after=False)
    gru1.build((None, 2, 4))
    return {
        "lstm_default_bias": b.tolist(),
        "lstm_bias_initializer_ones_with_unit_forget_bias": b2.tolist(),
        "gru_reset_after_true_bias_shape": list(gru.get_weights()[2].shape),
        "gru_reset_after_false_bias_shape": list(gru1.get_weights()[2].shape),
    }


def main():
    if OUT.exists():
        for p in OUT.glob("*.npz"):
            p.unlink()
    OUT.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20240607)
    keras.utils.set_random_seed(1234)
    cases = []
    cases += recurrent_cases(rng)
    cases += bidirectional_cases(rng)
    cases += masking_cases(rng)
    cases += dense_cases(rng)
    cases += sequential_cases(rng)
    cases += model_layer_cases(rng)
    cases += recurrent_option_cases()

    guide, stack = guide_model(), stack_model()
    models = {
        "rnn_guide": {
            "description": "Keras RNN guide: Embedding(1000, 64) -> LSTM(128) -> Dense(10), "
                           "built on Input(shape=(None,), dtype='int32')",
            "param_count": int(guide.count_params()),
            "layer_param_counts": [int(l.count_params()) for l in guide.layers],
            "output_shapes": [list(l.output.shape) for l in guide.layers],
        },
        "stack": {
            "description": "Embedding(50, 8, mask_zero=True) -> LSTM(16, return_sequences=True) "
                           "-> GRU(12) -> Dense(5, softmax), on Input(shape=(None,), int32)",
            "param_count": int(stack.count_params()),
            "layer_param_counts": [int(l.count_params()) for l in stack.layers],
            "output_shapes": [list(l.output.shape) for l in stack.layers],
        },
    }
    assert models["rnn_guide"]["param_count"] == 164106
    summaries = {}
    for key, m in [("rnn_guide", guide), ("stack", stack)]:
        for cols in (80, 200):
            text = capture_summary(m, cols)
            fname = f"summary_{key}_columns{cols}.txt"
            (OUT / fname).write_text(text)
            summaries[f"{key}_columns{cols}"] = {"file": fname, "COLUMNS": cols}
    for key, m, settings in summary_models():
        for cols, line_length in settings:
            text = capture_summary(m, cols, line_length)
            tag = f"columns{cols}" if line_length is None else f"line_length{line_length}"
            fname = f"summary_{key}_{tag}.txt"
            (OUT / fname).write_text(text)
            summaries[f"{key}_{tag}"] = {"file": fname, "COLUMNS": cols, "line_length": line_length}

    manifest = {
        "format_version": FORMAT_VERSION,
        "generator": "tools/make_fixtures.py",
        "versions": {"keras": keras.__version__, "jax": jax.__version__,
                     "jaxlib": jax.lib.__version__ if hasattr(jax.lib, "__version__")
                     else __import__("jaxlib").__version__,
                     "numpy": np.__version__, "python": sys.version.split()[0],
                     "backend": keras.backend.backend()},
        "seed": 20240607,
        "loss_for_gradients": "L = sum_k sum(output_k * cotangent_k)",
        "weight_init": "every weight drawn uniform(-0.5, 0.5) by numpy, in get_weights() order, "
                       "then set_weights()",
        "reference_check": f"every forward output also recomputed in float64 by NumPy from the "
                           f"same float32 inputs and weights; required |keras - ref| <= "
                           f"{REF_ATOL} + {REF_RTOL} * |ref|; per case keras_vs_float64 records "
                           f"max_abs and max_rel (denominator max(|ref|, 1e-3))",
        "facts": facts(),
        "cases": cases,
        "models": models,
        "summaries": summaries,
        "shape_table": shape_table(),
        "layer_shape_table": layer_shape_table(),
        "stateful_cases": stateful_cases(),
    }
    text = to_json(manifest)
    (OUT / "manifest.json").write_text(text + "\n")
    total = sum(p.stat().st_size for p in OUT.iterdir() if p.is_file())
    print(f"{len(cases)} cases, {len(manifest['shape_table'])} shape rows, "
          f"{total / 1024:.1f} KiB in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
