type Alias[T: int = str, *Ts, **P] = dict[T, *Ts]
def g[T](x: T) -> T: ...
f"{d["k"]} {f"{x}"}"
try:
    pass
except* (A, B) as e:
    raise X from e
