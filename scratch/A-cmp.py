import json,sys
a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
bd={d['document']:d for d in b['documents']}
def f(x): return '  -   ' if x is None else f'{x:.4f}'
for d in a['documents']:
    e=bd.get(d['document'])
    if not e or d['recall'] is None and d['precision'] is None: continue
    flag = '' if (d['found'],d['precise'],d['extracted'],d['foundAsText'])==(e['found'],e['precise'],e['extracted'],e['foundAsText']) else ' *'
    print(f"{d['document'][:40]:40s} R {f(d['recall'])}->{f(e['recall'])} ({d['found']}/{d['printed']}->{e['found']}/{e['printed']}, text {d['foundAsText']}->{e['foundAsText']})  P {f(d['precision'])}->{f(e['precision'])} ({d['precise']}/{d['extracted']}->{e['precise']}/{e['extracted']}) Pl {f(e['placement'])}{flag}")
