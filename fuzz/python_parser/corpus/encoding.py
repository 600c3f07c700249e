# -*- coding: latin-1 -*-
s = "été"
t = 1z = 2
ï¬ = 3
