#!/usr/bin/env python3
"""Prints every reserved row of the GPU oracle: cnnmem's training (and with --inference, inference) reserved peak
against the measured one, one line per (model, batch), as compare_gpu.py computes them (train.sgd, --zero-grad zero).

Usage: tools/reserved_rows.py CNNMEM ORACLE_DIR [--inference] [--models a,b]
  CNNMEM      the cnnmem CLI (a published binary, or a script that runs one)
  ORACLE_DIR  the oracle folder: models/*.onnx and gpu/gpu_results.json
"""
import json, os, subprocess, sys
from concurrent.futures import ThreadPoolExecutor

cli, oracle = sys.argv[1], sys.argv[2]
args = sys.argv[3:]
inference = '--inference' in args
only = set(args[args.index('--models') + 1].split(',')) if '--models' in args else None
res = json.load(open(os.path.join(oracle, 'gpu', 'gpu_results.json')))


def model_file(m, training):
    for f in ((f'{m}.train.onnx', f'{m}.dyn.onnx') if training else (f'{m}.dyn.onnx',)):
        p = os.path.join(oracle, 'models', f)
        if os.path.exists(p):
            return p
    return None


def one(run):
    m, b = run['model'], run['batch']
    f = model_file(m, not inference)
    if f is None or run.get('status') != 'ok' or run.get('first_in_process'):
        return None
    a = [cli, 'analyze', f, '--batch', str(b), '--backend', 'cuda', '--framework', 'pytorch-2', '--optimizer', 'sgd',
         '--zero-grad', 'zero', '--format', 'json']
    r = subprocess.run(a, capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        return (m, b, None, None, r.stderr.strip()[:120])
    d = json.loads(r.stdout)['memory']['device']
    got = d['inference_reserved_peak_bytes' if inference else 'training_reserved_peak_bytes']
    want = run['inference']['reserved_peak'] if inference else run['train']['sgd']['reserved_peak']
    return (m, b, got, want, None)


runs = [r for r in res['runs'] if only is None or r['model'] in only]
with ThreadPoolExecutor(2) as ex:
    rows = [x for x in ex.map(one, runs) if x is not None]
bad = 0
for m, b, got, want, err in rows:
    if err:
        print(f'{m:16s} b{b:<3d} error: {err}')
        bad += 1
        continue
    e = (got - want) / want
    ok = abs(e) <= 0.10 or abs(got - want) <= 512 << 10
    bad += not ok
    print(f'{m:16s} b{b:<3d} cnnmem {got / 2**20:9.1f} MiB  gpu {want / 2**20:9.1f} MiB  {e:+6.1%} {"" if ok else "MISS"}')
print(f'{len(rows) - bad} of {len(rows)} within 10%')
