import re,sys,collections
doc=None; agg=collections.Counter()
for line in open(sys.argv[1]):
    if line.startswith('## '): doc=line[3:].strip().split('/')[-1][:22]; continue
    m=re.match(r'- (held as text|extra|missed|misplaced)[^:]*: (.*)',line)
    if not m: continue
    kind=m.group(1)
    for item in m.group(2).split('; '):
        k=re.search(r'\[(#\d+) r\d+ (?:"[^"]*" )?/ ([^\]]*)\]',item)
        reason=item.split(']')[-1].strip() if ']' in item else ''
        key=(k.group(1)+' '+k.group(2)) if k else '-'
        agg[(doc,kind,key,reason[:30])]+=1
for (d,k,key,r),n in sorted(agg.items(),key=lambda x:-x[1]):
    if n>=int(sys.argv[2]) : print(n,d,k,key,r,sep=' | ')
