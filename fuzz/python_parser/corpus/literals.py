x = f"{a!r:>{w}} {b=} {c:%Y}" rb"\x00" u"\N{BULLET}" """tri
ple"""
y = 0x_ff + 1_000.5e-3j - 0o17 ** ~0b1
