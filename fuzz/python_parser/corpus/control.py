if a:
	pass
elif b:
        x = [i for i in range(10) if i % 2]
else:
    del a[1:2, ::3], b.c
while 1: break
for i, *j in k: continue
else: pass
global q
with (a as b, c as d): pass
lambda x, *y, z=1, **w: (x, y)
