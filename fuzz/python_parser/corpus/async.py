async def main():
    async with open(p) as f, g:
        async for x in f:
            await x
    return [y async for y in z if (w := y)]
