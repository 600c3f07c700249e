import os
from . import x as y

@decorator(1)
class C(Base, metaclass=M):
    """doc"""
    def f(self, a, /, b=2, *args, c, **kw) -> int:
        return a if b else c
