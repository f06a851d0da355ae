#!/usr/bin/env python3
"""PyTorch reference for bench_train: the same model, batch and optimizer step in plain PyTorch.

Builds the preset's model (Llama or GPT-Neo layout, mirroring core/model/*.cpp: same shapes,
same attention arithmetic), then times full training steps (forward, cross-entropy, backward,
grad-norm clipping, AdamW) on random tokens, eagerly and under torch.compile (PyTorch >= 2.0).
Prints one JSON object on the last line: {"torch", "device_name", "eager": {...}, "compile": {...}}.
Keep PRESETS in step with core/model/presets.cpp.
"""
import argparse
import contextlib
import json
import math
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

# name: (layout, hidden, layers, heads, kv_heads, ffn, positions, window, tie)
PRESETS = {
    "mindllm-1.3b": ("gpt_neo", 2048, 24, 16, 16, 8192, 2048, 256, True),
    "mindllm-3b": ("llama", 2560, 32, 32, 32, 6912, 2048, 0, False),
    "small-llama": ("llama", 256, 6, 8, 4, 704, 512, 0, True),
    "small-gpt-neo": ("gpt_neo", 256, 6, 8, 8, 1024, 512, 64, True),
    "tiny-llama": ("llama", 64, 2, 4, 2, 176, 256, 0, False),
    "tiny-gpt-neo": ("gpt_neo", 64, 2, 4, 4, 256, 256, 16, True),
}
HAS_SDPA = hasattr(F, "scaled_dot_product_attention") and tuple(int(x) for x in torch.__version__.split(".")[:2]) >= (2, 1)


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-5):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):
        xf = x.float()
        xf = xf * torch.rsqrt(xf.pow(2).mean(-1, keepdim=True) + self.eps)
        return self.weight * xf.to(x.dtype)


def rotate_half(x):
    h = x.shape[-1] // 2
    return torch.cat((-x[..., h:], x[..., :h]), dim=-1)


class LlamaBlock(nn.Module):
    def __init__(self, h, heads, kv, ffn):
        super().__init__()
        self.heads, self.kv, self.hd = heads, kv, h // heads
        self.q_proj = nn.Linear(h, heads * self.hd, bias=False)
        self.k_proj = nn.Linear(h, kv * self.hd, bias=False)
        self.v_proj = nn.Linear(h, kv * self.hd, bias=False)
        self.o_proj = nn.Linear(heads * self.hd, h, bias=False)
        self.gate_proj = nn.Linear(h, ffn, bias=False)
        self.up_proj = nn.Linear(h, ffn, bias=False)
        self.down_proj = nn.Linear(ffn, h, bias=False)
        self.ln1, self.ln2 = RMSNorm(h), RMSNorm(h)

    def attn(self, x, cos, sin):
        B, T, _ = x.shape
        q = self.q_proj(x).view(B, T, self.heads, self.hd).transpose(1, 2)
        k = self.k_proj(x).view(B, T, self.kv, self.hd).transpose(1, 2)
        v = self.v_proj(x).view(B, T, self.kv, self.hd).transpose(1, 2)
        q = (q * cos + rotate_half(q) * sin).to(x.dtype)
        k = (k * cos + rotate_half(k) * sin).to(x.dtype)
        if self.kv != self.heads:
            k = k.repeat_interleave(self.heads // self.kv, 1)
            v = v.repeat_interleave(self.heads // self.kv, 1)
        if HAS_SDPA:
            y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        else:
            s = (q @ k.transpose(-1, -2)) / math.sqrt(self.hd)
            s = s.masked_fill(~torch.ones(T, T, dtype=torch.bool, device=x.device).tril(), float("-inf"))
            y = torch.softmax(s, -1, dtype=torch.float).to(q.dtype) @ v
        return self.o_proj(y.transpose(1, 2).reshape(B, T, -1))

    def forward(self, x, cos, sin):
        x = x + self.attn(self.ln1(x), cos, sin)
        h = self.ln2(x)
        return x + self.down_proj(F.silu(self.gate_proj(h)) * self.up_proj(h))


class GptNeoBlock(nn.Module):
    def __init__(self, h, heads, ffn, local_window):
        super().__init__()
        self.heads, self.hd, self.window = heads, h // heads, local_window
        self.q_proj = nn.Linear(h, h, bias=False)
        self.k_proj = nn.Linear(h, h, bias=False)
        self.v_proj = nn.Linear(h, h, bias=False)
        self.out_proj = nn.Linear(h, h)
        self.c_fc, self.c_proj = nn.Linear(h, ffn), nn.Linear(ffn, h)
        self.ln_1, self.ln_2 = nn.LayerNorm(h), nn.LayerNorm(h)

    def attn(self, x):
        B, T, _ = x.shape
        q, k, v = (p(x).view(B, T, self.heads, self.hd).transpose(1, 2) for p in (self.q_proj, self.k_proj, self.v_proj))
        keep = torch.ones(T, T, dtype=torch.bool, device=x.device).tril()
        if self.window:
            keep = keep & ~torch.ones(T, T, dtype=torch.bool, device=x.device).tril(-self.window)
        # GPT-Neo: unscaled scores computed in float32, as the C++ model and Hugging Face do.
        s = q.float() @ k.float().transpose(-1, -2)
        s = s.masked_fill(~keep, float("-inf"))
        y = torch.softmax(s, -1).to(v.dtype) @ v
        return self.out_proj(y.transpose(1, 2).reshape(B, T, -1))

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.c_proj(F.gelu(self.c_fc(self.ln_2(x)), approximate="tanh"))


class Model(nn.Module):
    def __init__(self, preset, vocab):
        super().__init__()
        layout, h, L, heads, kv, ffn, pos, window, tie = PRESETS[preset]
        self.layout, self.tie = layout, tie
        self.embed = nn.Embedding(vocab, h)
        if layout == "llama":
            self.blocks = nn.ModuleList(LlamaBlock(h, heads, kv, ffn) for _ in range(L))
            self.norm = RMSNorm(h)
            inv = 1.0 / (10000.0 ** (torch.arange(0, h // heads, 2).float() / (h // heads)))
            emb = torch.cat([torch.outer(torch.arange(pos).float(), inv)] * 2, -1)
            self.register_buffer("cos", emb.cos(), persistent=False)
            self.register_buffer("sin", emb.sin(), persistent=False)
        else:
            self.wpe = nn.Embedding(pos, h)
            self.blocks = nn.ModuleList(GptNeoBlock(h, heads, ffn, window if i % 2 else 0) for i in range(L))
            self.norm = nn.LayerNorm(h)
        self.lm_head = None if tie else nn.Linear(h, vocab, bias=False)
        for name, p in self.named_parameters():  # the C++ initWeights scheme (scaled residual init)
            if p.dim() < 2:
                continue
            resid = any(s in name for s in ("o_proj", "down_proj", "out_proj", "c_proj"))
            nn.init.normal_(p, 0.0, 0.02 / math.sqrt(2 * L) if resid else 0.02)

    def forward(self, ids):
        T = ids.shape[1]
        x = self.embed(ids)
        if self.layout == "llama":
            cos, sin = self.cos[:T].to(x.dtype), self.sin[:T].to(x.dtype)
            for b in self.blocks:
                x = b(x, cos, sin)
        else:
            x = x + self.wpe(torch.arange(T, device=ids.device))
            for b in self.blocks:
                x = b(x)
        x = self.norm(x)
        return F.linear(x, self.embed.weight if self.tie else self.lm_head.weight).float()


def time_steps(model, step_fn, args, device, vocab):
    opt_kwargs = dict(lr=3e-4, betas=(0.9, 0.95), eps=1e-8, weight_decay=0.1)
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    groups = [{"params": decay}, {"params": no_decay, "weight_decay": 0.0}]
    try:
        opt = torch.optim.AdamW(groups, fused=device.type == "cuda", **opt_kwargs)
    except (TypeError, RuntimeError):
        opt = torch.optim.AdamW(groups, **opt_kwargs)
    bf16 = args.precision == "bf16" or (args.precision == "auto" and device.type == "cuda")

    def one():
        w = torch.randint(vocab, (args.batch, args.seq + 1), device=device)
        cast = torch.autocast("cuda", dtype=torch.bfloat16) if bf16 and device.type == "cuda" else contextlib.nullcontext()
        with cast:
            logits = step_fn(w[:, :-1])
        loss = F.cross_entropy(logits.flatten(0, 1).float(), w[:, 1:].flatten())
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        return loss.item()  # the C++ trainer reads the loss every step too

    one()  # warm-up (and compilation)
    if device.type == "cuda":
        torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(args.steps):
        one()
    if device.type == "cuda":
        torch.cuda.synchronize()
    seconds = time.perf_counter() - start
    return {"tokens_per_s": args.batch * args.seq * args.steps / seconds, "seconds": seconds}


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--preset", default="small-llama")
    ap.add_argument("--vocab", type=int, default=32000)
    ap.add_argument("--seq", type=int, default=256)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--device", default="auto")
    ap.add_argument("--precision", default="auto")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--no-compile", action="store_true")
    args = ap.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    dev = args.device
    if dev == "auto":
        dev = "cuda" if torch.cuda.is_available() else "cpu"
    device = torch.device(dev)
    torch.manual_seed(1)
    out = {"torch": torch.__version__, "device_name": torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu"}

    model = Model(args.preset, args.vocab).to(device)
    out["eager"] = time_steps(model, model, args, device, args.vocab)
    if args.no_compile:
        out["compile"], out["compile_note"] = None, "skipped"
    elif not hasattr(torch, "compile"):
        out["compile"], out["compile_note"] = None, "torch.compile needs PyTorch 2"
    else:
        model = Model(args.preset, args.vocab).to(device)
        out["compile"] = time_steps(model, torch.compile(model), args, device, args.vocab)
    print(json.dumps(out))


if __name__ == "__main__":
    sys.exit(main())
