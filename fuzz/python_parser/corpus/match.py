match p:
    case [1, *rest] | (2, _):
        pass
    case {"k": v, **kw} if v:
        pass
    case Point(x=0, y=1) as pt:
        pass
    case -1 + 2j | None:
        pass
